/**
 * Keeps a Cognito sign-in alive for the working day and never ends it unannounced:
 *
 * - with a refresh token (kept in memory since the sign-in), the ID token is renewed silently
 *   `RENEW_BEFORE_MS` before it ends;
 * - without one (after a reload) or when renewal fails, a warning appears `WARN_BEFORE_MS` before
 *   the end (WCAG 2.2.1: the user can sign in again before the time runs out, and nothing typed is
 *   lost: see drafts.js);
 * - at the end the session is closed (`onExpired`).
 * The timers are checked again whenever the tab becomes visible (timers sleep in background tabs).
 */
import { decodeTokenPayload } from './id-token.js';

export const RENEW_BEFORE_MS = 5 * 60_000;
export const WARN_BEFORE_MS = 5 * 60_000;
/** The same safety margin as isExpired (id-token.js): the token counts as ended 10 s early. */
export const EXPIRY_MARGIN_MS = 10_000;

/**
 * @typedef {object} SessionWatchOptions
 * @property {() => string | null} getToken
 * @property {() => Promise<boolean>} renew  trade the refresh token for a new ID token; false if not possible
 * @property {() => boolean} canRenew  a refresh token is there
 * @property {(endsAt: Date) => void} onWarn
 * @property {() => void} onRenewed
 * @property {() => void} onExpired
 */

/** @param {SessionWatchOptions} options */
export function watchSession(options) {
  /** @type {number[]} */
  let timers = [];
  let warned = false;
  /** Set when a renewal brought a token that ends soon as well: warn instead of renewing again. */
  let renewalTooShort = false;

  const clear = () => {
    for (const t of timers) window.clearTimeout(t);
    timers = [];
  };

  /** @param {number} ms @param {() => void} fn */
  const at = (ms, fn) => timers.push(window.setTimeout(fn, Math.max(0, ms)));

  function schedule() {
    clear();
    const token = options.getToken();
    const exp = token ? decodeTokenPayload(token)?.exp : undefined;
    if (typeof exp !== 'number') return;
    const endsAt = exp * 1000 - EXPIRY_MARGIN_MS;
    const left = endsAt - Date.now();
    if (options.canRenew() && !renewalTooShort) {
      at(left - RENEW_BEFORE_MS, async () => {
        if (await options.renew()) {
          warned = false;
          const renewed = decodeTokenPayload(options.getToken() ?? '')?.exp;
          renewalTooShort =
            typeof renewed !== 'number' || renewed * 1000 - EXPIRY_MARGIN_MS - Date.now() <= RENEW_BEFORE_MS;
          options.onRenewed();
        }
        schedule();
      });
    } else if (!warned) {
      at(left - WARN_BEFORE_MS, () => {
        warned = true;
        options.onWarn(new Date(endsAt));
      });
    }
    at(left, () => {
      clear();
      options.onExpired();
    });
  }

  const onVisible = () => {
    if (document.visibilityState === 'visible') schedule();
  };
  document.addEventListener('visibilitychange', onVisible);

  return {
    /** (Re)starts the timers for the current token. */
    schedule() {
      warned = false;
      renewalTooShort = false;
      schedule();
    },
    stop() {
      clear();
      warned = false;
    },
  };
}
