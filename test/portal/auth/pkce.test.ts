/** portal/js/auth/pkce.js: code verifier, S256 challenge (RFC 7636), state, base64url – in Node's Web Crypto. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pkce } from './portal-modules.js';

describe('PKCE', () => {
  it('makes code verifiers of 43–128 unreserved characters, different every time', () => {
    const verifiers = Array.from({ length: 200 }, () => pkce.createCodeVerifier());
    for (const v of verifiers) {
      expect(v).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
      expect(v).toMatch(pkce.VERIFIER_PATTERN);
    }
    expect(verifiers[0]?.length).toBe(64);
    expect(new Set(verifiers).size).toBe(200);
  });

  it('computes the S256 challenge of RFC 7636 Appendix B', async () => {
    // The appendix's 32 random octets, their base64url verifier and its challenge.
    const octets = [
      116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214,
      191, 240, 91, 88, 5, 88, 83, 132, 141, 121,
    ];
    const verifier = pkce.base64url(Uint8Array.from(octets));
    expect(verifier).toBe('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk');
    expect(await pkce.codeChallengeS256(verifier)).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('agrees with node:crypto on fresh verifiers', async () => {
    for (let i = 0; i < 20; i++) {
      const v = pkce.createCodeVerifier();
      expect(await pkce.codeChallengeS256(v)).toBe(
        createHash('sha256').update(v, 'ascii').digest('base64url'),
      );
    }
  });

  it('makes random states of 22 base64url characters', () => {
    const states = Array.from({ length: 100 }, () => pkce.createState());
    for (const s of states) expect(s).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(new Set(states).size).toBe(100);
  });

  it('encodes and decodes base64url without padding', () => {
    const bytes = Uint8Array.from([0xfb, 0xff, 0xfe, 0x00, 0x3e, 0x3f]);
    expect(pkce.base64url(bytes)).toBe('-__-AD4_');
    expect(pkce.base64url(Uint8Array.from([1]))).toBe('AQ');
    expect([...(pkce.base64urlDecode('-__-AD4_') ?? [])]).toEqual([...bytes]);
    expect([...(pkce.base64urlDecode('AQ') ?? [])]).toEqual([1]);
    expect([...(pkce.base64urlDecode('AQ==') ?? [])]).toEqual([1]);
    expect(pkce.base64urlDecode('a+b/')).toBeUndefined();
    expect(pkce.base64urlDecode('A')).toBeUndefined();
  });
});
