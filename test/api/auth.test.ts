/** Principals from Cognito claims and from local bearer tokens; the token file format. */
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import {
  bearerTokenAuthenticator,
  canAccess,
  groupsOf,
  parseTokens,
  principalFromClaims,
} from '../../src/api/auth.js';

describe('principalFromClaims (API Gateway JWT authorizer)', () => {
  it('maps the lpr group to LPR staff, whatever form API Gateway gives the groups', () => {
    expect(principalFromClaims({ 'cognito:groups': '[lpr]', 'custom:ags': '14522999' })).toEqual({
      kind: 'lpr',
    });
    expect(principalFromClaims({ 'cognito:groups': '[kommune lpr]' })).toEqual({ kind: 'lpr' });
    expect(principalFromClaims({ 'cognito:groups': ['lpr'] })).toEqual({ kind: 'lpr' });
    expect(groupsOf('a,b lpr')).toEqual(['a', 'b', 'lpr']);
  });

  it('maps custom:ags to a municipality, and refuses what is neither', () => {
    expect(principalFromClaims({ 'cognito:groups': '[kommune]', 'custom:ags': '14522999' })).toEqual({
      kind: 'municipality',
      ags: '14522999',
    });
    expect(principalFromClaims({ 'custom:ags': '1452299' })).toBeUndefined();
    expect(principalFromClaims({ 'cognito:groups': '[lprx]' })).toBeUndefined();
    expect(principalFromClaims(undefined)).toBeUndefined();
  });

  it('checks the tenant', () => {
    expect(canAccess({ kind: 'municipality', ags: '14522999' }, '14522999')).toBe(true);
    expect(canAccess({ kind: 'municipality', ags: '14522999' }, '14612000')).toBe(false);
    expect(canAccess({ kind: 'lpr' }, '14612000')).toBe(true);
  });
});

describe('bearer tokens (local)', () => {
  const auth = bearerTokenAuthenticator({
    'geheim-geheim-geheim-1': { kind: 'lpr' },
    'geheim-geheim-geheim-2': { kind: 'municipality', ags: '14522999' },
  });
  const app = new Hono().get('/', async (c) => c.json((await auth(c)) ?? null));
  const who = async (authorization?: string) =>
    (await app.request('/', { headers: authorization ? { Authorization: authorization } : {} })).json();

  it('finds the principal of an exact token only', async () => {
    expect(await who('Bearer geheim-geheim-geheim-1')).toEqual({ kind: 'lpr' });
    expect(await who('bearer geheim-geheim-geheim-2')).toEqual({ kind: 'municipality', ags: '14522999' });
    expect(await who('Bearer geheim-geheim-geheim-')).toBeNull();
    expect(await who('Bearer geheim-geheim-geheim-1x')).toBeNull();
    expect(await who('geheim-geheim-geheim-1')).toBeNull();
    expect(await who()).toBeNull();
  });

  it('parses token files and explains mistakes in German', () => {
    expect(parseTokens('{"abcdefghijklmnop":{"kind":"municipality","ags":"14522999"}}')).toEqual({
      abcdefghijklmnop: { kind: 'municipality', ags: '14522999' },
    });
    expect(() => parseTokens('{')).toThrow('Die Token-Datei ist kein gültiges JSON.');
    expect(() => parseTokens('{"kurz":{"kind":"lpr"}}')).toThrow(
      'Zugangstokens müssen mindestens 16 Zeichen lang sein.',
    );
    expect(() => parseTokens('{"abcdefghijklmnop":{"kind":"municipality","ags":"123"}}')).toThrow(
      /Die Token-Datei ist ungültig/,
    );
  });
});
