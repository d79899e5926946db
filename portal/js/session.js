/**
 * The signed-in session: the token lives in sessionStorage only (gone when the tab closes) – the
 * access token of the local stack or, with Cognito, the ID token (auth/cognito.js) – and
 * who it belongs to (`GET /me`): `{ kind: 'lpr' }` or `{ kind: 'municipality', ags }`.
 */

/** sessionStorage key of the bearer token (local: the access token; Cognito: the ID token). */
export const TOKEN_KEY = 'sia.token';

/** @typedef {{ kind: 'lpr' } | { kind: 'municipality', ags: string }} Principal */

/** @type {Principal | undefined} */
let principal;

/** @returns {string | null} */
export function getToken() {
  try {
    return window.sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

/** @param {string} token @param {Principal} who */
export function signIn(token, who) {
  window.sessionStorage.setItem(TOKEN_KEY, token);
  principal = who;
}

export function signOut() {
  window.sessionStorage.removeItem(TOKEN_KEY);
  principal = undefined;
}

/** @returns {Principal | undefined} */
export function currentPrincipal() {
  return principal;
}

/** @param {Principal} who */
export function setPrincipal(who) {
  principal = who;
}

/** @param {Principal} who */
export function describePrincipal(who) {
  return who.kind === 'lpr' ? 'LPR-Team (alle Kommunen)' : `Kommune ${who.ags}`;
}
