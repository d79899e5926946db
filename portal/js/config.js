/**
 * The portal's configuration, read once at start from `config.json` next to index.html:
 * `{ apiBaseUrl, auth: 'token' | 'cognito', cognito?: { … } }`. Missing or unreadable → the local
 * default (API on the same origin, sign-in with a token).
 *
 * On AWS (docs/portal.md; the sign-in itself is auth/cognito.js):
 *   { "apiBaseUrl": "https://….execute-api.eu-central-1.amazonaws.com",
 *     "auth": "cognito",
 *     "cognito": { "domain": "sia-….auth.eu-central-1.amazoncognito.com", "clientId": "…",
 *                  "redirectUri": "https://<portal>/portal/", "logoutUri": "https://<portal>/portal/" } }
 */

/**
 * @typedef {object} CognitoConfig
 * @property {string} [domain]  managed login (hosted UI) domain without scheme, e.g. `sia-portal.auth.eu-central-1.amazoncognito.com`
 * @property {string} [clientId]  the app client 'Portal' (public, no secret)
 * @property {string} [redirectUri]  callback URL registered at the app client; default: the portal's address
 * @property {string} [logoutUri]  sign-out URL registered at the app client; default: redirectUri
 * @property {string} [region]  informational
 * @property {string} [userPoolId]  informational
 */

const COGNITO_FIELDS = ['domain', 'clientId', 'redirectUri', 'logoutUri', 'region', 'userPoolId'];

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
  const cognito =
    typeof r.cognito === 'object' && r.cognito !== null
      ? pickStrings(/** @type {Record<string, unknown>} */ (r.cognito))
      : undefined;
  return cognito ? { apiBaseUrl, auth, cognito } : { apiBaseUrl, auth };
}

/**
 * The known string fields of the `cognito` section (anything else is dropped).
 * @param {Record<string, unknown>} raw
 * @returns {CognitoConfig}
 */
function pickStrings(raw) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const name of COGNITO_FIELDS) {
    const value = raw[name];
    if (typeof value === 'string') out[name] = value.trim();
  }
  return out;
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
