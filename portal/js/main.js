/**
 * Start of the portal: reads config.json, restores the session (token in sessionStorage, `GET /me`),
 * and routes by the URL fragment:
 *
 *   #/                         municipality: own analyses · LPR: overview of all municipalities
 *   #/analyse/<ags>/<id>       one analysis (status, upload, validation report, downloads, versions)
 *   #/vergleich/<ags>/<id>/<von>/<bis>   change summary between two report versions
 *   #/webhooks[/<ags>]         webhook endpoints
 *   #/anmelden                 sign-in
 */
import { api, setApiBaseUrl, setUnauthenticatedHandler } from './api.js';
import { loadConfig } from './config.js';
import { h, replace } from './dom.js';
import { currentPrincipal, describePrincipal, getToken, setPrincipal, signOut } from './session.js';
import { renderAnalysis } from './views/analysis.js';
import { renderCompare } from './views/compare.js';
import { renderLprOverview } from './views/lpr.js';
import { renderMunicipality } from './views/municipality.js';
import { renderSignIn } from './views/signin.js';
import { renderWebhooks } from './views/webhooks.js';

/** Incremented on every navigation: views stop polling when theirs is no longer current. */
let generation = 0;
/** @type {import('./config.js').PortalConfig} */
let config;

/** @returns {() => boolean} true while the view that asked is still the one shown */
function viewToken() {
  const mine = generation;
  return () => mine === generation;
}

function main() {
  const el = document.getElementById('inhalt');
  if (!el) throw new Error('#inhalt fehlt');
  return el;
}

/** Shows who is signed in and the navigation. */
function updateHeader() {
  const who = currentPrincipal();
  const nav = /** @type {HTMLElement} */ (document.getElementById('navigation'));
  const box = /** @type {HTMLElement} */ (document.getElementById('angemeldet'));
  nav.hidden = !who;
  box.hidden = !who;
  if (who) {
    /** @type {HTMLElement} */ (document.getElementById('wer')).textContent = describePrincipal(who);
    /** @type {HTMLElement} */ (document.getElementById('nav-start')).textContent = who.kind === 'lpr' ? 'Übersicht aller Kommunen' : 'Meine Analysen';
  }
  const hash = location.hash || '#/';
  for (const a of nav.querySelectorAll('a')) {
    const target = a.getAttribute('href') ?? '';
    const current = target === '#/' ? hash === '#/' || hash.startsWith('#/analyse') || hash.startsWith('#/vergleich') : hash.startsWith(target);
    if (current) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

/**
 * Renders the view for the current fragment and moves focus to its heading.
 * @param {{ focus?: boolean }} [options]
 */
async function route(options = {}) {
  generation += 1;
  const alive = viewToken();
  const root = main();
  const parts = (location.hash.replace(/^#\/?/, '') || '').split('/').map((p) => decodeURIComponent(p));
  const who = currentPrincipal();
  updateHeader();
  if (!who || parts[0] === 'anmelden') {
    await renderSignIn(root, { config, onSignedIn: () => navigate('#/') });
  } else if (parts[0] === 'analyse' && parts[1] && parts[2]) {
    await renderAnalysis(root, { ags: parts[1], id: parts[2], who, alive });
  } else if (parts[0] === 'vergleich' && parts[1] && parts[2] && parts[3] && parts[4]) {
    await renderCompare(root, { ags: parts[1], id: parts[2], from: Number(parts[3]), to: Number(parts[4]) });
  } else if (parts[0] === 'webhooks') {
    await renderWebhooks(root, { who, ags: parts[1] });
  } else if (who.kind === 'lpr') {
    await renderLprOverview(root, { alive });
  } else {
    await renderMunicipality(root, { ags: who.ags });
  }
  if (alive() && options.focus !== false) {
    const heading = root.querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
    document.title = `${heading?.textContent ?? 'Portal'} – Sicherheitsanalyse`;
  }
}

/** @param {string} hash */
export function navigate(hash) {
  if (location.hash === hash) void route();
  else location.hash = hash;
}

async function start() {
  config = await loadConfig();
  setApiBaseUrl(config.apiBaseUrl);
  setUnauthenticatedHandler(() => {
    signOut();
    navigate('#/anmelden');
  });
  document.getElementById('abmelden')?.addEventListener('click', () => {
    signOut();
    navigate('#/anmelden');
  });
  if (getToken()) {
    try {
      setPrincipal(await api('/me'));
    } catch {
      signOut();
    }
  }
  window.addEventListener('hashchange', () => void route());
  replace(main(), h('p', {}, 'Wird geladen …'));
  await route({ focus: false });
  document.body.dataset.bereit = 'ja';
}

void start();
