/**
 * Secrets and signatures (Standard Webhooks): `whsec_<base64 of the key bytes>`, and the
 * `webhook-signature` header `v1,<sig>` — during a rotation overlap `v1,<new> v1,<old>`. Signing uses
 * the `standardwebhooks` reference library, so receivers verify with it (or any compliant library).
 */
import { Webhook } from 'standardwebhooks';
import type { EndpointSecret } from './types.js';

export const SECRET_PREFIX = 'whsec_';
/** Key length of new secrets (the spec asks for 24 to 64 bytes). */
export const SECRET_BYTES = 32;

export function formatSecret(key: Uint8Array): string {
  if (key.length < 24 || key.length > 64)
    throw new RangeError(`webhook secrets have 24 to 64 bytes, got ${key.length}`);
  return SECRET_PREFIX + Buffer.from(key).toString('base64');
}

/** The secrets that sign at `now`: the current one and a previous one whose overlap has not ended. */
export function signingSecrets(secrets: readonly EndpointSecret[], now: Date): readonly string[] {
  const at = now.toISOString();
  return secrets.filter((s) => s.expiresAt === undefined || at < s.expiresAt).map((s) => s.secret);
}

export interface SignedHeaders {
  readonly 'webhook-id': string;
  readonly 'webhook-timestamp': string;
  readonly 'webhook-signature': string;
}

/** The three Standard Webhooks headers for `body`, signed with each of `secrets` (space-separated). */
export function signedHeaders(
  secrets: readonly string[],
  messageId: string,
  timestamp: Date,
  body: string,
): SignedHeaders {
  if (secrets.length === 0) throw new Error('no secret to sign with');
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': secrets
      .map((secret) => new Webhook(secret).sign(messageId, timestamp, body))
      .join(' '),
  };
}

/** Rotation: the new secret first; the current one signs until `overlapUntil`; older ones are dropped. */
export function rotateSecrets(
  secrets: readonly EndpointSecret[],
  newSecret: string,
  now: Date,
  overlapMs: number,
): readonly EndpointSecret[] {
  const at = now.toISOString();
  const current = secrets.find((s) => s.expiresAt === undefined);
  const next: EndpointSecret = { secret: newSecret, createdAt: at };
  if (!current || overlapMs <= 0) return [next];
  return [next, { ...current, expiresAt: new Date(now.getTime() + overlapMs).toISOString() }];
}
