/**
 * Start of the portal: reads config.json, completes a Cognito sign-in if the page is the hosted UI's
 * redirect back (auth/cognito.js), restores the session (token in sessionStorage, `GET /me`), and
 * routes by the URL fragment:
 *
 *   #/                         municipality: own analyses · LPR: overview of all municipalities
 *   #/analyse/<ags>/<id>       one analysis (status, upload, validation report, downloads, versions)
 *   #/vergleich/<ags>/<id>/<von>/<bis>   change summary between two report versions
 *   #/webhooks[/<ags>]         webhook endpoints
 *   #/landesueberblick         state overview (LPR: all municipalities; a municipality: its own position)
 *   #/massnahmen[/<ags>/<id>]  measures implemented and the predecessor of an analysis (survey waves)
 *   #/anmelden                 sign-in
 */
import { api, setApiBaseUrl, setUnauthenticatedHandler } from './api.js';
import { completeSignIn, SESSION_EXPIRED, signOut as cognitoSignOut } from './auth/cognito.js';
import { decodeTokenPayload, isExpired } from './auth/id-token.js';
import { loadConfig } from './config.js';
import { announce, h, replace } from './dom.js';
import { currentPrincipal, describePrincipal, getToken, setPrincipal, signOut } from './session.js';
import { renderAnalysis } from './views/analysis.js';
import { renderCompare } from './views/compare.js';
import { renderLprOverview } from './views/lpr.js';
import { renderMunicipality } from './views/municipality.js';
import { renderSignIn } from './views/signin.js';
import { renderWebhooks } from './views/webhooks.js';
import { renderLandesueberblick } from './views/landesueberblick.js';
import { renderMassnahmen } from './views/massnahmen.js';

/** Incremented on every navigation: views stop polling when theirs is no longer current. */
let generation = 0;
/** @type {import('./config.js').PortalConfig} */
let config;
/** A German message for the next sign-in view (Cognito: failed sign-in, session expired). */
/** @type {string | undefined} */
let signInNotice;

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
    /** @type {HTMLElement} */ (document.getElementById('nav-start')).textContent =
      who.kind === 'lpr' ? 'Übersicht aller Kommunen' : 'Meine Analysen';
  }
  const hash = location.hash || '#/';
  for (const a of nav.querySelectorAll('a')) {
    const target = a.getAttribute('href') ?? '';
    const current =
      target === '#/'
        ? hash === '#/' || hash.startsWith('#/analyse') || hash.startsWith('#/vergleich')
        : hash.startsWith(target);
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
    const notice = signInNotice;
    signInNotice = undefined;
    await renderSignIn(root, { config, onSignedIn: () => navigate('#/'), notice });
  } else if (parts[0] === 'analyse' && parts[1] && parts[2]) {
    await renderAnalysis(root, { ags: parts[1], id: parts[2], who, alive });
  } else if (parts[0] === 'vergleich' && parts[1] && parts[2] && parts[3] && parts[4]) {
    await renderCompare(root, { ags: parts[1], id: parts[2], from: Number(parts[3]), to: Number(parts[4]) });
  } else if (parts[0] === 'webhooks') {
    await renderWebhooks(root, { who, ags: parts[1] });
  } else if (parts[0] === 'landesueberblick') {
    await renderLandesueberblick(root, { who, apiBaseUrl: config.apiBaseUrl });
  } else if (parts[0] === 'massnahmen') {
    await renderMassnahmen(root, { who, ags: parts[1], id: parts[2] });
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
  const cognito = config.auth === 'cognito';
  setUnauthenticatedHandler(() => {
    signOut();
    // With Cognito a 401 means the ID token has expired (one hour) or was revoked.
    if (cognito) signInNotice = SESSION_EXPIRED;
    navigate('#/anmelden');
  });
  document.getElementById('abmelden')?.addEventListener('click', () => {
    signOut();
    // Cognito: also end the managed login's session (redirects to its /logout and back).
    if (cognito && cognitoSignOut(config.cognito)) return;
    navigate('#/anmelden');
  });
  if (cognito) {
    const result = await completeSignIn(config.cognito, location);
    if (result.status === 'signed-in') {
      setPrincipal(result.principal);
      announce(`Angemeldet als ${describePrincipal(result.principal)}.`);
    } else if (result.status === 'failed') {
      // Shown with the sign-in; a session this tab already had stays (a stale or forged redirect does not end it).
      signInNotice = result.message;
    }
  }
  const token = getToken();
  if (token && !currentPrincipal()) {
    const claims = cognito ? decodeTokenPayload(token) : undefined;
    if (claims && isExpired(claims, Date.now())) {
      signOut();
      signInNotice = SESSION_EXPIRED;
    } else {
      try {
        setPrincipal(await api('/me'));
        signInNotice = undefined;
      } catch (error) {
        signOut();
        if (cognito && /** @type {{ status?: number }} */ (error).status === 401)
          signInNotice = SESSION_EXPIRED;
      }
    }
  }
  window.addEventListener('hashchange', () => void route());
  replace(main(), h('p', {}, 'Wird geladen …'));
  await route({ focus: false });
  document.body.dataset.bereit = 'ja';
}

void start();
