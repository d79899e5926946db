/**
 * The portal's configuration, read once at start from `config.json` next to index.html:
 * `{ apiBaseUrl, auth: 'token' | 'cognito', cognito?: { … } }`. Missing or unreadable → the local
 * default (API on the same origin, sign-in with a token).
 */

/**
 * @typedef {object} CognitoConfig
 * @property {string} region
 * @property {string} userPoolId
 * @property {string} clientId
 * @property {string} [domain]  hosted UI domain, e.g. `sia-portal.auth.eu-central-1.amazoncognito.com`
 * @property {string} [redirectUri]
 */

/**
 * @typedef {object} PortalConfig
 * @property {string} apiBaseUrl  '' = same origin as the portal
 * @property {'token' | 'cognito'} auth
 * @property {CognitoConfig} [cognito]
 */

/** @type {PortalConfig} */
export const LOCAL_DEFAULT = Object.freeze({ apiBaseUrl: '', auth: 'token' });

/**
 * Checks a parsed config.json; unknown or wrong fields fall back to the default.
 * @param {unknown} raw
 * @returns {PortalConfig}
 */
export function normaliseConfig(raw) {
  if (typeof raw !== 'object' || raw === null) return LOCAL_DEFAULT;
  const r = /** @type {Record<string, unknown>} */ (raw);
  const apiBaseUrl = typeof r.apiBaseUrl === 'string' ? r.apiBaseUrl.replace(/\/+$/, '') : '';
  const auth = r.auth === 'cognito' ? 'cognito' : 'token';
  const cognito = typeof r.cognito === 'object' && r.cognito !== null ? /** @type {CognitoConfig} */ (r.cognito) : undefined;
  return cognito ? { apiBaseUrl, auth, cognito } : { apiBaseUrl, auth };
}

/** @returns {Promise<PortalConfig>} */
export async function loadConfig() {
  try {
    const res = await fetch('config.json', { cache: 'no-cache' });
    if (!res.ok) return LOCAL_DEFAULT;
    return normaliseConfig(await res.json());
  } catch {
    return LOCAL_DEFAULT;
  }
}
