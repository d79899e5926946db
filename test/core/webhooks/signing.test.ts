import { describe, expect, it } from 'vitest';
import { Webhook } from 'standardwebhooks';
import {
  formatSecret,
  rotateSecrets,
  signedHeaders,
  signingSecrets,
} from '../../../src/core/webhooks/signing.js';

const key = (fill: number) => new Uint8Array(32).fill(fill);
const t0 = new Date('2026-05-04T10:00:00.000Z');

describe('secrets', () => {
  it('formats whsec_<base64> and requires 24 to 64 bytes', () => {
    expect(formatSecret(key(1))).toBe(`whsec_${Buffer.from(key(1)).toString('base64')}`);
    expect(() => formatSecret(new Uint8Array(16))).toThrow(RangeError);
  });

  it('rotation keeps the previous secret signing for the overlap, then only the new one', () => {
    const old = formatSecret(key(1));
    const fresh = formatSecret(key(2));
    const rotated = rotateSecrets(
      [{ secret: old, createdAt: '2026-01-01T00:00:00.000Z' }],
      fresh,
      t0,
      24 * 3_600_000,
    );
    expect(rotated).toEqual([
      { secret: fresh, createdAt: t0.toISOString() },
      { secret: old, createdAt: '2026-01-01T00:00:00.000Z', expiresAt: '2026-05-05T10:00:00.000Z' },
    ]);
    expect(signingSecrets(rotated, new Date('2026-05-05T09:59:59.999Z'))).toEqual([fresh, old]);
    expect(signingSecrets(rotated, new Date('2026-05-05T10:00:00.000Z'))).toEqual([fresh]);
    // A second rotation drops the oldest secret.
    const third = formatSecret(key(3));
    expect(
      rotateSecrets(rotated, third, new Date('2026-05-04T11:00:00.000Z'), 3_600_000).map((s) => s.secret),
    ).toEqual([third, fresh]);
    expect(rotateSecrets(rotated, third, t0, 0).map((s) => s.secret)).toEqual([third]);
  });
});

describe('signedHeaders', () => {
  it('produces Standard Webhooks headers that the reference library verifies, one v1 per secret', () => {
    const a = formatSecret(key(7));
    const b = formatSecret(key(8));
    const body = JSON.stringify({
      type: 'report.ready',
      timestamp: t0.toISOString(),
      data: { ags: '14522999' },
    });
    const headers = signedHeaders([a, b], 'msg_abc', t0, body);
    expect(headers['webhook-id']).toBe('msg_abc');
    expect(headers['webhook-timestamp']).toBe(String(t0.getTime() / 1000));
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/=]+ v1,[A-Za-z0-9+/=]+$/);
    expect(headers['webhook-signature'].split(' ')[0]).toBe(new Webhook(a).sign('msg_abc', t0, body));
    expect(headers['webhook-signature'].split(' ')[1]).toBe(new Webhook(b).sign('msg_abc', t0, body));
    expect(() => signedHeaders([], 'msg_abc', t0, body)).toThrow();
  });
});
