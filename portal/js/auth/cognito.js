/**
 * Sign-in with Amazon Cognito's managed login (hosted UI): OAuth 2.0 authorization code flow with
 * PKCE (RFC 7636, S256), public client without a secret, plain browser APIs only.
 *
 * 1. `startSignIn` makes a code verifier, its S256 challenge and a random `state`, keeps verifier and
 *    state in sessionStorage and sends the browser to `https://<domain>/oauth2/authorize?…`.
 *    Cognito asks for e-mail, password and the MFA code.
 * 2. Cognito redirects back to `redirectUri?code=…&state=…` (or `?error=…`). `completeSignIn` checks
 *    the state, exchanges the code with the verifier at `https://<domain>/oauth2/token`, keeps the
 *    **ID token** in sessionStorage (the API's JWT authorizer takes it as bearer token: `custom:ags`
 *    and `cognito:groups` are only in the ID token), removes code/state from the address bar and
 *    returns who signed in – decoded from the token, for display only (the API decides access).
 * 3. `signOut` clears the session and sends the browser to `https://<domain>/logout?…`, which ends
 *    the Cognito session too and returns to `logoutUri`.
 *
 * The refresh token is kept in memory only (never in storage): `refreshIdToken` trades it for a new
 * ID token before the old one's hour is over, so a sign-in lasts as long as the refresh token (one day,
 * infra/constructs/api.ts). After a reload it is gone; then the portal warns before the ID token ends
 * (main.js). When the API answers 401 the portal shows the sign-in again („Sitzung abgelaufen …“).
 *
 * config.json (docs/portal.md):
 *   { "apiBaseUrl": "https://….execute-api.eu-central-1.amazonaws.com", "auth": "cognito",
 *     "cognito": { "domain": "sia-….auth.eu-central-1.amazoncognito.com", "clientId": "…",
 *                  "redirectUri": "https://<portal>/portal/", "logoutUri": "https://<portal>/portal/" } }
 * `domain` is a host name (https); only 127.0.0.1/localhost (tests) may be reached over http.
 * `redirectUri`/`logoutUri` default to the portal's current address without query and fragment.
 */
import { TOKEN_KEY } from '../session.js';
import { decodeTokenPayload, principalFromClaims } from './id-token.js';
import { codeChallengeS256, createCodeVerifier, createState } from './pkce.js';

/** sessionStorage key of the sign-in in progress: `{ state, verifier, returnHash }`. */
export const PENDING_KEY = 'sia.anmeldung';
export const SCOPE = 'openid email profile';
export const SESSION_EXPIRED = 'Sitzung abgelaufen – bitte erneut anmelden.';

/**
 * What the flow touches in the browser; the unit tests pass their own.
 * @typedef {object} AuthEnv
 * @property {Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>} storage  sessionStorage
 * @property {(url: string) => void} redirect  leave the page (location.assign)
 * @property {(url: string) => void} replaceUrl  change the address without reloading (history.replaceState)
 * @property {typeof fetch} fetch
 * @property {string} href  the page's current address
 */

/** @returns {AuthEnv} */
export function browserEnv() {
  return {
    storage: window.sessionStorage,
    redirect: (url) => window.location.assign(url),
    replaceUrl: (url) => window.history.replaceState(window.history.state, '', url),
    fetch: (input, init) => window.fetch(input, init),
    href: window.location.href,
  };
}

/**
 * @typedef {object} HostedUi  a checked `cognito` section of config.json
 * @property {string} origin  `https://<domain>` (http only for 127.0.0.1/localhost)
 * @property {string} clientId
 * @property {string} redirectUri
 * @property {string} logoutUri
 */

const CONFIG_ERROR =
  'Die Anmeldung ist nicht richtig eingerichtet (config.json: „cognito.domain“ oder „cognito.clientId“ fehlt oder ist ungültig). Bitte wenden Sie sich an das LPR-Team.';

/**
 * The origin of the hosted UI for a configured domain: `https://<host>`; `http://` only for
 * 127.0.0.1 and localhost (the tests' fake). A leading `https://` in the config is tolerated.
 * @param {unknown} domain
 * @returns {string | undefined}
 */
export function hostedUiOrigin(domain) {
  if (typeof domain !== 'string') return undefined;
  const m = /^(?:(https?):\/\/)?([A-Za-z0-9.-]+)(:\d{1,5})?\/?$/.exec(domain.trim());
  if (!m || !m[2]) return undefined;
  const host = m[2].toLowerCase();
  const loopback = host === '127.0.0.1' || host === 'localhost';
  if (m[1] === 'http' && !loopback) return undefined;
  return `${loopback && m[1] !== 'https' ? 'http' : 'https'}://${host}${m[3] ?? ''}`;
}

/**
 * @param {string} href
 * @returns {string} the address without query and fragment
 */
function pageAddress(href) {
  const url = new URL(href);
  return `${url.origin}${url.pathname}`;
}

/**
 * Checks the `cognito` section of config.json.
 * @param {import('../config.js').CognitoConfig | undefined} cognito
 * @param {string} href  the page's current address (default for redirectUri/logoutUri)
 * @returns {{ ok: true, value: HostedUi } | { ok: false, message: string }}
 */
export function checkCognitoConfig(cognito, href) {
  const origin = hostedUiOrigin(cognito?.domain);
  const clientId = cognito?.clientId;
  if (!cognito || !origin || typeof clientId !== 'string' || !/^[A-Za-z0-9_-]{1,128}$/.test(clientId))
    return { ok: false, message: CONFIG_ERROR };
  const redirectUri =
    typeof cognito.redirectUri === 'string' && cognito.redirectUri !== ''
      ? cognito.redirectUri
      : pageAddress(href);
  const logoutUri =
    typeof cognito.logoutUri === 'string' && cognito.logoutUri !== '' ? cognito.logoutUri : redirectUri;
  return { ok: true, value: { origin, clientId, redirectUri, logoutUri } };
}

/**
 * The authorization request (RFC 6749 §4.1.1 with RFC 7636 §4.3).
 * @param {HostedUi} ui
 * @param {{ state: string, challenge: string }} request
 * @returns {string}
 */
export function authorizeUrl(ui, { state, challenge }) {
  const query = new URLSearchParams({
    response_type: 'code',
    client_id: ui.clientId,
    redirect_uri: ui.redirectUri,
    scope: SCOPE,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  return `${ui.origin}/oauth2/authorize?${query}`;
}

/**
 * Starts the sign-in: keeps verifier, state (and the fragment to come back to) in sessionStorage
 * and redirects to the hosted UI. Resolves with the address it redirected to, or an error message.
 * @param {import('../config.js').CognitoConfig | undefined} cognito
 * @param {AuthEnv} [env]
 * @returns {Promise<{ ok: true, url: string } | { ok: false, message: string }>}
 */
export async function startSignIn(cognito, env = browserEnv()) {
  const checked = checkCognitoConfig(cognito, env.href);
  if (!checked.ok) return checked;
  let verifier, state, challenge;
  try {
    verifier = createCodeVerifier();
    state = createState();
    challenge = await codeChallengeS256(verifier);
  } catch {
    // crypto.subtle exists only in secure contexts (https, 127.0.0.1, localhost).
    return {
      ok: false,
      message:
        'Dieser Browser kann die Anmeldung nicht vorbereiten (keine sichere Verbindung oder veralteter Browser).',
    };
  }
  const hash = new URL(env.href).hash;
  const returnHash = hash !== '' && hash !== '#/anmelden' ? hash : '';
  env.storage.setItem(PENDING_KEY, JSON.stringify({ state, verifier, returnHash }));
  const url = authorizeUrl(checked.value, { state, challenge });
  env.redirect(url);
  return { ok: true, url };
}

/**
 * @typedef {{ status: 'none' }
 *   | { status: 'signed-in', token: string, principal: import('../session.js').Principal, refreshToken?: string }
 *   | { status: 'failed', message: string }} SignInResult
 *  none: the address carries no answer of the hosted UI (a normal page load)
 */

/** Parameters of the hosted UI's answer; removed from the address bar once read. */
const ANSWER_PARAMS = ['code', 'state', 'error', 'error_description', 'error_uri'];

/**
 * German message for an `error` the hosted UI sent back (RFC 6749 §4.1.2.1).
 * @param {string} code
 */
export function authorizeErrorMessage(code) {
  if (code === 'access_denied')
    return 'Die Anmeldung wurde abgebrochen oder abgelehnt. Bitte versuchen Sie es erneut.';
  if (code === 'temporarily_unavailable' || code === 'server_error')
    return 'Der Anmeldedienst ist gerade nicht verfügbar. Bitte versuchen Sie es in einigen Minuten erneut.';
  const safe = /^[A-Za-z0-9_.-]{1,40}$/.test(code) ? code : 'unbekannt';
  return `Der Anmeldedienst hat die Anmeldung abgelehnt (Fehlercode „${safe}“). Bitte versuchen Sie es erneut oder wenden Sie sich an das LPR-Team.`;
}

/**
 * Completes the sign-in when the page was opened by the hosted UI's redirect (`?code=…&state=…`
 * or `?error=…`); otherwise `{ status: 'none' }`. The pending sign-in is used once and removed.
 * @param {import('../config.js').CognitoConfig | undefined} cognito
 * @param {{ href: string }} location  the page's address (window.location)
 * @param {AuthEnv} [env]
 * @returns {Promise<SignInResult>}
 */
export async function completeSignIn(cognito, location, env = browserEnv()) {
  const url = new URL(location.href);
  const params = url.searchParams;
  const code = params.get('code');
  const error = params.get('error');
  const state = params.get('state');
  if (code === null && error === null) return { status: 'none' };

  const pendingText = env.storage.getItem(PENDING_KEY);
  env.storage.removeItem(PENDING_KEY);
  /** @type {{ state?: unknown, verifier?: unknown, returnHash?: unknown }} */
  let pending = {};
  try {
    pending = pendingText ? JSON.parse(pendingText) : {};
  } catch {
    pending = {};
  }
  // The code is single-use: take the answer out of the address bar whatever happens next.
  for (const name of ANSWER_PARAMS) params.delete(name);
  const returnHash =
    typeof pending.returnHash === 'string' && /^#\/[^#]*$/.test(pending.returnHash)
      ? pending.returnHash
      : url.hash;
  env.replaceUrl(`${url.pathname}${url.search}${returnHash}`);

  if (error !== null) return { status: 'failed', message: authorizeErrorMessage(error) };
  if (typeof pending.state !== 'string' || typeof pending.verifier !== 'string' || state !== pending.state) {
    return {
      status: 'failed',
      message:
        'Die Anmeldung konnte nicht abgeschlossen werden: Die Antwort des Anmeldedienstes gehört nicht zu dieser Anmeldung (veraltet oder in einem anderen Tab begonnen). Bitte melden Sie sich erneut an.',
    };
  }
  const checked = checkCognitoConfig(cognito, location.href);
  if (!checked.ok) return { status: 'failed', message: checked.message };
  const ui = checked.value;

  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    client_id: ui.clientId,
    code: code ?? '',
    redirect_uri: ui.redirectUri,
    code_verifier: pending.verifier,
  });
  let res;
  try {
    res = await env.fetch(`${ui.origin}/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: body.toString(),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    return {
      status: 'failed',
      message:
        'Der Anmeldedienst ist nicht erreichbar. Bitte prüfen Sie die Verbindung und melden Sie sich erneut an.',
    };
  }
  /** @type {any} */
  let data = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  if (!res.ok) {
    const reason =
      typeof data?.error === 'string' && /^[A-Za-z0-9_.-]{1,40}$/.test(data.error)
        ? data.error
        : `HTTP ${res.status}`;
    return {
      status: 'failed',
      message: `Die Anmeldung konnte nicht abgeschlossen werden (Antwort des Anmeldedienstes: „${reason}“). Bitte melden Sie sich erneut an.`,
    };
  }
  const token = data?.id_token;
  const claims = typeof token === 'string' ? decodeTokenPayload(token) : undefined;
  if (typeof token !== 'string' || !claims || (claims.aud !== undefined && claims.aud !== ui.clientId)) {
    return {
      status: 'failed',
      message: 'Der Anmeldedienst hat kein gültiges ID-Token geliefert. Bitte melden Sie sich erneut an.',
    };
  }
  const principal = principalFromClaims(claims);
  if (!principal) {
    return {
      status: 'failed',
      message:
        'Ihr Konto ist weder einer Kommune (Gemeindeschlüssel) noch dem LPR-Team zugeordnet. Bitte wenden Sie sich an das LPR-Team.',
    };
  }
  env.storage.setItem(TOKEN_KEY, token);
  const refreshToken = typeof data.refresh_token === 'string' ? data.refresh_token : undefined;
  return { status: 'signed-in', token, principal, ...(refreshToken && { refreshToken }) };
}

/**
 * Trades the refresh token for a new ID token at the token endpoint (`grant_type=refresh_token`)
 * and keeps it as the session's token. Resolves with the new token, or undefined when the refresh
 * token was refused or the service is unreachable (the caller then warns before the session ends).
 * @param {import('../config.js').CognitoConfig | undefined} cognito
 * @param {string} refreshToken
 * @param {AuthEnv} [env]
 * @returns {Promise<string | undefined>}
 */
export async function refreshIdToken(cognito, refreshToken, env = browserEnv()) {
  const checked = checkCognitoConfig(cognito, env.href);
  if (!checked.ok) return undefined;
  const ui = checked.value;
  try {
    const res = await env.fetch(`${ui.origin}/oauth2/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: ui.clientId,
        refresh_token: refreshToken,
      }).toString(),
      cache: 'no-store',
      credentials: 'omit',
    });
    if (!res.ok) return undefined;
    const data = await res.json();
    const token = data?.id_token;
    const claims = typeof token === 'string' ? decodeTokenPayload(token) : undefined;
    if (typeof token !== 'string' || !claims || (claims.aud !== undefined && claims.aud !== ui.clientId))
      return undefined;
    env.storage.setItem(TOKEN_KEY, token);
    return token;
  } catch {
    return undefined;
  }
}

/**
 * The hosted UI's logout address (ends the Cognito session, then returns to logoutUri).
 * @param {HostedUi} ui
 */
export function logoutUrl(ui) {
  return `${ui.origin}/logout?${new URLSearchParams({ client_id: ui.clientId, logout_uri: ui.logoutUri })}`;
}

/**
 * Clears the session (ID token, pending sign-in) and redirects to the hosted UI's logout.
 * Returns false (nothing redirected) if config.json has no usable `cognito` section.
 * @param {import('../config.js').CognitoConfig | undefined} cognito
 * @param {AuthEnv} [env]
 * @returns {boolean}
 */
export function signOut(cognito, env = browserEnv()) {
  env.storage.removeItem(TOKEN_KEY);
  env.storage.removeItem(PENDING_KEY);
  const checked = checkCognitoConfig(cognito, env.href);
  if (!checked.ok) return false;
  env.redirect(logoutUrl(checked.value));
  return true;
}
