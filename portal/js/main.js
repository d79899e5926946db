/**
 * Start of the portal: reads config.json, completes a Cognito sign-in if the page is the hosted UI's
 * redirect back (auth/cognito.js), restores the session (token in sessionStorage, `GET /me`), keeps
 * it alive (auth/session-watch.js) and routes by the URL fragment. The fragments are the stable deep
 * links the e-mails, webhooks and the CLI send (src/core/portal-links.ts):
 *
 *   #/                                      municipality: own analyses · LPR: overview of all municipalities
 *   #/analyse/<ags>/<id>                    one analysis (state, downloads, Prüfbericht, upload, versions)
 *   #/analyse/<ags>/<id>/version/<n>        … opened at report version n
 *   #/analyse/<ags>/<id>/pruefbericht/<job> … opened at the Prüfbericht of that upload
 *   #/neue-analyse                          create an analysis (title; files with analyse.json follow)
 *   #/neu                                   new analysis without JSON: the analyse.json form
 *   #/zuordnung/<ags>/<id>                  files, column mapping of the survey, start
 *   #/archiv                                archived analyses
 *   #/vergleich/<ags>/<id>/<von>/<bis>      change summary between two report versions
 *   #/webhooks[/<ags>]                      webhook endpoints
 *   #/landesueberblick                      state overview (LPR: all municipalities; a municipality: its own position)
 *   #/massnahmen[/<ags>/<id>]               measures implemented and the predecessor of an analysis (survey waves)
 *   #/hilfe  #/impressum  #/datenschutz  #/barrierefreiheit   (also signed out)
 *   #/anmelden                              sign-in
 *
 * A page opened signed out shows the sign-in at the same address and, after it, the page itself.
 */
import { api, setApiBaseUrl, setUnauthenticatedHandler } from './api.js';
import {
  completeSignIn,
  refreshIdToken,
  SESSION_EXPIRED,
  signOut as cognitoSignOut,
  startSignIn,
} from './auth/cognito.js';
import { decodeTokenPayload, isExpired } from './auth/id-token.js';
import { watchSession } from './auth/session-watch.js';
import { loadConfig } from './config.js';
import { announce, h, replace } from './dom.js';
import { restoreDrafts, saveDrafts } from './drafts.js';
import { currentPrincipal, describePrincipal, getToken, setPrincipal, signOut } from './session.js';
import { renderAnalysis } from './views/analysis.js';
import { renderArchive } from './views/archive.js';
import { renderCompare } from './views/compare.js';
import { renderHelp } from './views/help.js';
import { renderLegal } from './views/legal.js';
import { renderLprOverview } from './views/lpr.js';
import { renderMunicipality, renderNewAnalysis } from './views/municipality.js';
import { renderSignIn } from './views/signin.js';
import { renderWebhooks } from './views/webhooks.js';
import { renderNeueAnalyse } from './views/neue-analyse.js';
import { renderZuordnung } from './views/zuordnung.js';
import { renderLandesueberblick } from './views/landesueberblick.js';
import { renderMassnahmen } from './views/massnahmen.js';

/** Incremented on every navigation: views stop polling when theirs is no longer current. */
let generation = 0;
/** @type {import('./config.js').PortalConfig} */
let config;
/** A German message for the next sign-in view (Cognito: failed sign-in, session expired). */
/** @type {string | undefined} */
let signInNotice;
/** The Cognito refresh token: in memory only, gone with a reload (auth/session-watch.js). */
/** @type {string | undefined} */
let refreshToken;
/** @type {ReturnType<typeof watchSession> | undefined} */
let session;

/** Pages anyone may open, signed in or not. */
const PUBLIC = new Set(['hilfe', 'impressum', 'datenschutz', 'barrierefreiheit']);

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
  /** @type {HTMLElement} */ (document.getElementById('wer')).textContent = who ? describePrincipal(who) : '';
  if (who)
    /** @type {HTMLElement} */ (document.getElementById('nav-start')).textContent =
      who.kind === 'lpr' ? 'Übersicht aller Kommunen' : 'Meine Analysen';
  const hash = location.hash || '#/';
  for (const a of document.querySelectorAll('nav a')) {
    const target = a.getAttribute('href') ?? '';
    const current =
      target === '#/'
        ? hash === '#/' || /^#\/(analyse|vergleich|neue-analyse|archiv)/.test(hash)
        : hash.startsWith(target);
    if (current) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

/** @param {import('./config.js').Contact} contact */
function showFooterContact(contact) {
  const el = document.getElementById('kontakt-fuss');
  if (!el) return;
  replace(
    el,
    `Fragen zur Sicherheitsanalyse: ${contact.stelle}`,
    contact.email.startsWith('[') ? '' : ' · ',
    contact.email.startsWith('[') ? '' : h('a', { href: `mailto:${contact.email}` }, contact.email),
    contact.telefon.startsWith('[') ? '' : ` · Telefon ${contact.telefon}`,
  );
}

/**
 * Renders the view for the current fragment. The heading gets the focus (screen readers hear the
 * new page) – unless the user has already moved the focus while the page loaded (typing is never
 * interrupted).
 * @param {{ focus?: boolean }} [options]
 */
async function route(options = {}) {
  generation += 1;
  const alive = viewToken();
  const root = main();
  const focusedBefore = document.activeElement;
  const parts = (location.hash.replace(/^#\/?/, '') || '').split('/').map((p) => safeDecode(p));
  const who = currentPrincipal();
  updateHeader();
  const page = parts[0] ?? '';
  if (PUBLIC.has(page)) {
    if (page === 'hilfe') await renderHelp(root, { config, who });
    else await renderLegal(root, { config, page: /** @type {'impressum'} */ (page) });
  } else if (!who || page === 'anmelden') {
    const notice = signInNotice;
    signInNotice = undefined;
    await renderSignIn(root, { config, onSignedIn, notice });
  } else if (page === 'analyse' && parts[1] && parts[2]) {
    // Sub-pages: version/<n>, pruefbericht/<job>. (The survey mapping adds #/analyse/<ags>/<id>/zuordnung.)
    const at =
      parts[3] === 'version' && /^\d+$/.test(parts[4] ?? '')
        ? { version: Number(parts[4]) }
        : parts[3] === 'pruefbericht' && parts[4]
          ? { jobId: parts[4] }
          : {};
    await renderAnalysis(root, { ags: parts[1], id: parts[2], who, alive, config, ...at });
  } else if (page === 'vergleich' && parts[1] && parts[2] && parts[3] && parts[4]) {
    await renderCompare(root, { ags: parts[1], id: parts[2], from: Number(parts[3]), to: Number(parts[4]) });
  } else if (page === 'neu') {
    await renderNeueAnalyse(root, { who });
  } else if (page === 'zuordnung' && parts[1] && parts[2]) {
    await renderZuordnung(root, { ags: parts[1], id: parts[2] });
  } else if (page === 'webhooks') {
    await renderWebhooks(root, { who, ags: parts[1] });
  } else if (page === 'neue-analyse') {
    await renderNewAnalysis(root, { who });
  } else if (page === 'archiv') {
    await renderArchive(root, { who });
  } else if (page === 'landesueberblick') {
    await renderLandesueberblick(root, { who, apiBaseUrl: config.apiBaseUrl });
  } else if (page === 'massnahmen') {
    await renderMassnahmen(root, { who, ags: parts[1], id: parts[2] });
  } else if (who.kind === 'lpr') {
    await renderLprOverview(root, { alive });
  } else {
    await renderMunicipality(root, { ags: who.ags, config });
  }
  if (!alive()) return;
  const heading = root.querySelector('h1');
  document.title = `${heading?.textContent ?? 'Portal'} – Sicherheitsanalyse`;
  const restored = who ? restoreDrafts(root) : 0;
  if (restored > 0) announce('Ihre Eingaben auf dieser Seite wurden nach der Anmeldung wiederhergestellt.');
  const active = document.activeElement;
  const untouched =
    !active || active === document.body || active === focusedBefore || active === root || !active.isConnected;
  if (options.focus !== false && heading && untouched) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

/** @param {string} part */
function safeDecode(part) {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}

/** @param {string} hash */
export function navigate(hash) {
  if (location.hash === hash) void route();
  else location.hash = hash;
}

/** After a sign-in: the page that was asked for (or the start page). */
function onSignedIn() {
  session?.schedule();
  if (location.hash === '#/anmelden') navigate('#/');
  else void route();
}

/** The session ended (token expired or refused): keep what was typed, show the sign-in right here. */
function sessionEnded() {
  // Several calls may fail at once: the first one ends the session.
  if (!currentPrincipal()) return;
  const kept = saveDrafts();
  session?.stop();
  hideSessionWarning();
  signOut();
  refreshToken = undefined;
  signInNotice = `${SESSION_EXPIRED}${kept ? ' Ihre Eingaben auf dieser Seite werden danach wiederhergestellt.' : ''}`;
  void route();
}

function hideSessionWarning() {
  const box = /** @type {HTMLElement} */ (document.getElementById('sitzung'));
  box.hidden = true;
  replace(box);
}

/** @param {Date} endsAt */
function showSessionWarning(endsAt) {
  const box = /** @type {HTMLElement} */ (document.getElementById('sitzung'));
  const time = endsAt.toLocaleTimeString('de-DE', { hour: '2-digit', minute: '2-digit' });
  replace(
    box,
    h(
      'div',
      { role: 'alert', id: 'sitzung-warnung' },
      h(
        'p',
        {},
        `Ihre Anmeldung endet um ${time} Uhr. Melden Sie sich jetzt erneut an – Ihre Eingaben auf dieser Seite bleiben dabei erhalten.`,
      ),
      h(
        'button',
        {
          type: 'button',
          id: 'sitzung-erneuern',
          onclick: async () => {
            saveDrafts();
            const started = await startSignIn(config.cognito);
            if (!started.ok) announce(started.message);
          },
        },
        'Jetzt erneut anmelden',
      ),
      h(
        'button',
        { type: 'button', class: 'zweitrangig', onclick: () => hideSessionWarning() },
        'Hinweis schließen',
      ),
    ),
  );
  box.hidden = false;
}

async function start() {
  config = await loadConfig();
  setApiBaseUrl(config.apiBaseUrl);
  showFooterContact(config.kontakt);
  const cognito = config.auth === 'cognito';
  setUnauthenticatedHandler(() => sessionEnded());
  document.getElementById('abmelden')?.addEventListener('click', () => {
    session?.stop();
    hideSessionWarning();
    signOut();
    refreshToken = undefined;
    // Cognito: also end the managed login's session (redirects to its /logout and back).
    if (cognito && cognitoSignOut(config.cognito)) return;
    navigate('#/anmelden');
  });
  // The skip link must not become a route.
  document.querySelector('.sprunglink')?.addEventListener('click', (e) => {
    e.preventDefault();
    main().focus();
  });
  if (cognito) {
    session = watchSession({
      getToken,
      canRenew: () => refreshToken !== undefined,
      renew: async () => {
        const token = refreshToken && (await refreshIdToken(config.cognito, refreshToken));
        if (!token) refreshToken = undefined;
        return Boolean(token);
      },
      onRenewed: () => hideSessionWarning(),
      onWarn: (endsAt) => showSessionWarning(endsAt),
      onExpired: () => sessionEnded(),
    });
    const result = await completeSignIn(config.cognito, location);
    if (result.status === 'signed-in') {
      setPrincipal(result.principal);
      refreshToken = result.refreshToken;
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
  if (currentPrincipal()) session?.schedule();
  window.addEventListener('hashchange', () => void route());
  replace(main(), h('p', {}, 'Wird geladen …'));
  await route({ focus: false });
  document.body.dataset.bereit = 'ja';
}

void start();
