/**
 * The pieces of PKCE (RFC 7636) with plain browser APIs: a random code verifier, its S256 code
 * challenge (SHA-256 with crypto.subtle, base64url without padding) and a random `state`.
 * Works the same in Node 20+ (globalThis.crypto), where the unit tests run.
 */

/** Length of the code verifier: 48 random bytes → 64 base64url characters (RFC 7636: 43–128). */
const VERIFIER_BYTES = 48;
/** Length of `state`: 16 random bytes → 22 characters. */
const STATE_BYTES = 16;

/**
 * Bytes as base64url without padding (RFC 4648 §5): only A–Z a–z 0–9 - _, all of them
 * "unreserved" characters in the sense of RFC 3986, as RFC 7636 requires of a verifier.
 * @param {Uint8Array} bytes
 * @returns {string}
 */
export function base64url(bytes) {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * base64url (with or without padding) to bytes; undefined if it is not base64url.
 * @param {string} text
 * @returns {Uint8Array | undefined}
 */
export function base64urlDecode(text) {
  if (!/^[A-Za-z0-9_-]*={0,2}$/.test(text)) return undefined;
  const b64 = text.replace(/=+$/, '').replace(/-/g, '+').replace(/_/g, '/');
  if (b64.length % 4 === 1) return undefined;
  try {
    const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
    return Uint8Array.from(binary, (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

/** @param {number} n @returns {string} n random bytes (crypto.getRandomValues) as base64url */
function randomString(n) {
  return base64url(crypto.getRandomValues(new Uint8Array(n)));
}

/** A fresh code verifier (64 characters from [A-Za-z0-9-_]). @returns {string} */
export function createCodeVerifier() {
  return randomString(VERIFIER_BYTES);
}

/** A fresh `state` value against cross-site request forgery on the redirect back. @returns {string} */
export function createState() {
  return randomString(STATE_BYTES);
}

/** RFC 7636 §4.1: 43–128 characters from ALPHA / DIGIT / "-" / "." / "_" / "~". */
export const VERIFIER_PATTERN = /^[A-Za-z0-9\-._~]{43,128}$/;

/**
 * The S256 code challenge of a verifier: BASE64URL(SHA256(ASCII(verifier))).
 * @param {string} verifier
 * @returns {Promise<string>}
 */
export async function codeChallengeS256(verifier) {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
  return base64url(new Uint8Array(digest));
}
