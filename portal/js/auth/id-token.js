/**
 * Reading the Cognito ID token in the browser – for display only. The signature is not checked
 * here: the API's JWT authorizer checks it and the API decides what the caller may see
 * (src/api/auth.ts). The principal follows the same rule as the API: group `lpr` in
 * `cognito:groups` → LPR team; otherwise the municipality of `custom:ags`.
 */
import { base64urlDecode } from './pkce.js';

const AGS_PATTERN = /^\d{8}$/;

/**
 * The payload (claims) of a JWT in compact form `header.payload.signature`; undefined if the
 * string is not one or the payload is not a JSON object.
 * @param {string} token
 * @returns {Record<string, unknown> | undefined}
 */
export function decodeTokenPayload(token) {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[1] === undefined || parts[1] === '') return undefined;
  const bytes = base64urlDecode(parts[1]);
  if (!bytes) return undefined;
  try {
    const payload = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
    return typeof payload === 'object' && payload !== null && !Array.isArray(payload) ? payload : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `cognito:groups` as a list (an array in ID tokens; tolerates a single string).
 * @param {unknown} value
 * @returns {string[]}
 */
function groupsOf(value) {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' ? value.split(/[\s,]+/).filter((g) => g !== '') : [];
}

/**
 * Who the claims describe, or undefined if neither LPR nor a valid 8-digit AGS.
 * @param {Record<string, unknown>} claims
 * @returns {import('../session.js').Principal | undefined}
 */
export function principalFromClaims(claims) {
  if (groupsOf(claims['cognito:groups']).includes('lpr')) return { kind: 'lpr' };
  const ags = claims['custom:ags'];
  return typeof ags === 'string' && AGS_PATTERN.test(ags) ? { kind: 'municipality', ags } : undefined;
}

/**
 * True if the token's `exp` (seconds since 1970) has passed at `nowMs` (with a small margin).
 * Tokens without `exp` count as not expired – the API decides.
 * @param {Record<string, unknown>} claims
 * @param {number} nowMs
 */
export function isExpired(claims, nowMs) {
  const exp = claims.exp;
  return typeof exp === 'number' && exp * 1000 <= nowMs + 10_000;
}
