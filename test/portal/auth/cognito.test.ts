/**
 * portal/js/auth/cognito.js and id-token.js: the authorization request, the redirect back (state
 * check, code exchange with the verifier, ID token kept), errors in German, sign-out; the ID token's
 * payload decoded into the principal shown. A fake environment stands in for the browser.
 */
import { describe, expect, it } from 'vitest';
import {
  cognito,
  fakeJwt,
  idToken,
  pkce,
  session,
  type AuthEnv,
  type CognitoConfig,
} from './portal-modules.js';

const CONFIG: CognitoConfig = {
  domain: 'sia-test.auth.eu-central-1.amazoncognito.com',
  clientId: '4abcdefghijklmnopqrstuvw12',
  redirectUri: 'https://portal.example.org/portal/',
  logoutUri: 'https://portal.example.org/portal/abgemeldet',
};
const ORIGIN = 'https://sia-test.auth.eu-central-1.amazoncognito.com';
const ID_TOKEN = fakeJwt({
  sub: 'u-1',
  aud: CONFIG.clientId,
  token_use: 'id',
  'custom:ags': '14522999',
  exp: 2_000_000_000,
});

interface Call {
  url: string;
  init: RequestInit | undefined;
}

/** A browser stand-in: sessionStorage as a Map, recorded redirects, address changes and fetches. */
function fakeEnv(
  href: string,
  answer: (call: Call) => Response | Promise<Response> = () =>
    Response.json({ id_token: ID_TOKEN, access_token: 'a', token_type: 'Bearer', expires_in: 3600 }),
) {
  const store = new Map<string, string>();
  const redirects: string[] = [];
  const replaced: string[] = [];
  const fetches: Call[] = [];
  const env: AuthEnv = {
    storage: {
      getItem: (k) => store.get(k) ?? null,
      setItem: (k, v) => void store.set(k, String(v)),
      removeItem: (k) => void store.delete(k),
    },
    redirect: (url) => void redirects.push(url),
    replaceUrl: (url) => void replaced.push(url),
    fetch: (async (url: string, init?: RequestInit) => {
      const call = { url: String(url), init };
      fetches.push(call);
      return answer(call);
    }) as typeof fetch,
    href,
  };
  return { env, store, redirects, replaced, fetches };
}

/** Starts a sign-in and returns the env plus the state/verifier it stored and the authorize URL's parameters. */
async function started(href = 'https://portal.example.org/portal/#/analyse/14522999/a1') {
  const f = fakeEnv(href);
  const result = await cognito.startSignIn(CONFIG, f.env);
  const pending = JSON.parse(f.store.get(cognito.PENDING_KEY) ?? '{}') as {
    state: string;
    verifier: string;
    returnHash: string;
  };
  return { ...f, result, pending };
}

describe('hosted UI configuration', () => {
  it('uses https for Cognito domains and allows http only for 127.0.0.1/localhost', () => {
    expect(cognito.hostedUiOrigin('sia-test.auth.eu-central-1.amazoncognito.com')).toBe(ORIGIN);
    expect(cognito.hostedUiOrigin('https://sia-test.auth.eu-central-1.amazoncognito.com/')).toBe(ORIGIN);
    expect(cognito.hostedUiOrigin('auth.example.org:8443')).toBe('https://auth.example.org:8443');
    expect(cognito.hostedUiOrigin('127.0.0.1:4599')).toBe('http://127.0.0.1:4599');
    expect(cognito.hostedUiOrigin('http://localhost:4599')).toBe('http://localhost:4599');
    expect(cognito.hostedUiOrigin('https://127.0.0.1:4599')).toBe('https://127.0.0.1:4599');
    expect(cognito.hostedUiOrigin('http://sia-test.auth.eu-central-1.amazoncognito.com')).toBeUndefined();
    expect(cognito.hostedUiOrigin('evil.example.org/path?x')).toBeUndefined();
    expect(cognito.hostedUiOrigin('user@evil.example.org')).toBeUndefined();
    expect(cognito.hostedUiOrigin(undefined)).toBeUndefined();
  });

  it('defaults redirect and logout URI to the portal address and refuses an incomplete config', () => {
    const checked = cognito.checkCognitoConfig(
      { domain: CONFIG.domain, clientId: 'abc' },
      'https://portal.example.org/portal/?x=1#/webhooks',
    );
    expect(checked).toEqual({
      ok: true,
      value: {
        origin: ORIGIN,
        clientId: 'abc',
        redirectUri: 'https://portal.example.org/portal/',
        logoutUri: 'https://portal.example.org/portal/',
      },
    });
    const missing = cognito.checkCognitoConfig(
      { domain: CONFIG.domain },
      'https://portal.example.org/portal/',
    );
    expect(missing.ok).toBe(false);
    expect(missing.ok ? '' : missing.message).toContain('cognito.clientId');
    expect(cognito.checkCognitoConfig(undefined, 'https://portal.example.org/portal/').ok).toBe(false);
  });
});

describe('startSignIn', () => {
  it('redirects to /oauth2/authorize with code, client, redirect URI, scopes, state and the S256 challenge of the stored verifier', async () => {
    const { result, redirects, pending } = await started();
    expect(redirects).toHaveLength(1);
    expect(result).toEqual({ ok: true, url: redirects[0] });
    const url = new URL(redirects[0] ?? '');
    expect(`${url.origin}${url.pathname}`).toBe(`${ORIGIN}/oauth2/authorize`);
    expect([...url.searchParams.keys()]).toEqual([
      'response_type',
      'client_id',
      'redirect_uri',
      'scope',
      'state',
      'code_challenge',
      'code_challenge_method',
    ]);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: CONFIG.clientId,
      redirect_uri: 'https://portal.example.org/portal/',
      scope: 'openid email profile',
      state: pending.state,
      code_challenge: await pkce.codeChallengeS256(pending.verifier),
      code_challenge_method: 'S256',
    });
    // The space-separated scopes are form-encoded with '+', as in Cognito's documentation.
    expect(redirects[0]).toContain('&scope=openid+email+profile&');
    expect(pending.verifier).toMatch(pkce.VERIFIER_PATTERN);
    expect(pending.state).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(pending.returnHash).toBe('#/analyse/14522999/a1');
  });

  it('makes a new verifier and state for every sign-in and does not remember the sign-in page as the place to return to', async () => {
    const a = await started('https://portal.example.org/portal/#/anmelden');
    const b = await started('https://portal.example.org/portal/#/anmelden');
    expect(a.pending.verifier).not.toBe(b.pending.verifier);
    expect(a.pending.state).not.toBe(b.pending.state);
    expect(a.pending.returnHash).toBe('');
  });

  it('does not redirect without a usable config', async () => {
    const f = fakeEnv('https://portal.example.org/portal/');
    const result = await cognito.startSignIn(
      { domain: 'http://sia-test.auth.eu-central-1.amazoncognito.com', clientId: 'abc' },
      f.env,
    );
    expect(result.ok).toBe(false);
    expect(f.redirects).toEqual([]);
    expect(f.store.size).toBe(0);
  });
});

describe('completeSignIn', () => {
  it('does nothing on a normal page load', async () => {
    const f = fakeEnv('https://portal.example.org/portal/#/');
    expect(
      await cognito.completeSignIn(CONFIG, { href: 'https://portal.example.org/portal/#/' }, f.env),
    ).toEqual({ status: 'none' });
    expect([f.fetches, f.replaced]).toEqual([[], []]);
  });

  it('exchanges the code with the verifier, keeps the ID token and cleans the address', async () => {
    const s = await started();
    const back = `https://portal.example.org/portal/?code=c0de-123&state=${s.pending.state}`;
    const result = await cognito.completeSignIn(CONFIG, { href: back }, s.env);
    expect(result).toEqual({
      status: 'signed-in',
      token: ID_TOKEN,
      principal: { kind: 'municipality', ags: '14522999' },
    });
    expect(s.fetches).toHaveLength(1);
    const call = s.fetches[0];
    expect(call?.url).toBe(`${ORIGIN}/oauth2/token`);
    expect(call?.init?.method).toBe('POST');
    expect(call?.init?.headers).toMatchObject({ 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(Object.fromEntries(new URLSearchParams(String(call?.init?.body)))).toEqual({
      grant_type: 'authorization_code',
      client_id: CONFIG.clientId,
      code: 'c0de-123',
      redirect_uri: 'https://portal.example.org/portal/',
      code_verifier: s.pending.verifier,
    });
    expect(s.store.get(session.TOKEN_KEY)).toBe(ID_TOKEN);
    expect(s.store.has(cognito.PENDING_KEY)).toBe(false);
    // code and state gone; back to the page the user started from.
    expect(s.replaced).toEqual(['/portal/#/analyse/14522999/a1']);
  });

  it('keeps other query parameters when cleaning the address', async () => {
    const s = await started('https://portal.example.org/portal/');
    await cognito.completeSignIn(
      CONFIG,
      { href: `https://portal.example.org/portal/?lang=de&code=x&state=${s.pending.state}` },
      s.env,
    );
    expect(s.replaced).toEqual(['/portal/?lang=de']);
  });

  it('rejects a state that does not match, without asking the token endpoint', async () => {
    const s = await started();
    const result = await cognito.completeSignIn(
      CONFIG,
      { href: 'https://portal.example.org/portal/?code=c0de&state=forged' },
      s.env,
    );
    expect(result.status).toBe('failed');
    expect(result.status === 'failed' && result.message).toContain('gehört nicht zu dieser Anmeldung');
    expect(s.fetches).toEqual([]);
    expect(s.store.has(session.TOKEN_KEY)).toBe(false);
    // The pending sign-in is used up: the right state afterwards does not work either.
    const again = await cognito.completeSignIn(
      CONFIG,
      { href: `https://portal.example.org/portal/?code=c0de&state=${s.pending.state}` },
      s.env,
    );
    expect(again.status).toBe('failed');
    expect(s.fetches).toEqual([]);
  });

  it('rejects a redirect with no sign-in in progress (another tab, or forged)', async () => {
    const f = fakeEnv('https://portal.example.org/portal/');
    const result = await cognito.completeSignIn(
      CONFIG,
      { href: 'https://portal.example.org/portal/?code=c0de&state=abc' },
      f.env,
    );
    expect(result.status).toBe('failed');
    expect(f.fetches).toEqual([]);
    expect(f.replaced).toEqual(['/portal/']);
  });

  it('turns ?error=… into a German message', async () => {
    const s = await started('https://portal.example.org/portal/');
    const denied = await cognito.completeSignIn(
      CONFIG,
      {
        href: `https://portal.example.org/portal/?error=access_denied&error_description=User+cancelled&state=${s.pending.state}`,
      },
      s.env,
    );
    expect(denied).toEqual({
      status: 'failed',
      message: 'Die Anmeldung wurde abgebrochen oder abgelehnt. Bitte versuchen Sie es erneut.',
    });
    expect(s.replaced).toEqual(['/portal/']);
    expect(s.fetches).toEqual([]);
    expect(cognito.authorizeErrorMessage('invalid_scope')).toBe(
      'Der Anmeldedienst hat die Anmeldung abgelehnt (Fehlercode „invalid_scope“). Bitte versuchen Sie es erneut oder wenden Sie sich an das LPR-Team.',
    );
    expect(cognito.authorizeErrorMessage('<script>')).toContain('„unbekannt“');
  });

  it('reports a refused code exchange, an unreachable service and a token without a principal', async () => {
    const cases: [() => Response, string][] = [
      [
        () => Response.json({ error: 'invalid_grant' }, { status: 400 }),
        'Die Anmeldung konnte nicht abgeschlossen werden (Antwort des Anmeldedienstes: „invalid_grant“). Bitte melden Sie sich erneut an.',
      ],
      [
        () => {
          throw new TypeError('Failed to fetch');
        },
        'Der Anmeldedienst ist nicht erreichbar. Bitte prüfen Sie die Verbindung und melden Sie sich erneut an.',
      ],
      [
        () => Response.json({ access_token: 'only-access' }),
        'Der Anmeldedienst hat kein gültiges ID-Token geliefert. Bitte melden Sie sich erneut an.',
      ],
      [
        () => Response.json({ id_token: fakeJwt({ aud: 'another-client', 'custom:ags': '14522999' }) }),
        'Der Anmeldedienst hat kein gültiges ID-Token geliefert. Bitte melden Sie sich erneut an.',
      ],
      [
        () => Response.json({ id_token: fakeJwt({ aud: CONFIG.clientId, email: 'x@example.org' }) }),
        'Ihr Konto ist weder einer Kommune (Gemeindeschlüssel) noch dem LPR-Team zugeordnet. Bitte wenden Sie sich an das LPR-Team.',
      ],
    ];
    for (const [answer, message] of cases) {
      const f = fakeEnv('https://portal.example.org/portal/', answer);
      await cognito.startSignIn(CONFIG, f.env);
      const { state } = JSON.parse(f.store.get(cognito.PENDING_KEY) ?? '{}') as { state: string };
      expect(
        await cognito.completeSignIn(
          CONFIG,
          { href: `https://portal.example.org/portal/?code=c&state=${state}` },
          f.env,
        ),
      ).toEqual({ status: 'failed', message });
      expect(f.store.has(session.TOKEN_KEY)).toBe(false);
    }
  });
});

describe('refreshIdToken', () => {
  it('returns the refresh token from the code exchange (for memory only, never stored)', async () => {
    const s = await started();
    const back = `https://portal.example.org/portal/?code=c1&state=${s.pending.state}`;
    const f = fakeEnv(back, () =>
      Response.json({ id_token: ID_TOKEN, refresh_token: 'r-1', token_type: 'Bearer', expires_in: 3600 }),
    );
    for (const [k, v] of s.store) f.store.set(k, v);
    const result = await cognito.completeSignIn(CONFIG, { href: back }, f.env);
    expect(result).toMatchObject({ status: 'signed-in', refreshToken: 'r-1' });
    expect([...f.store.values()].join()).not.toContain('r-1');
  });

  it('trades the refresh token for a new ID token and keeps it as the session token', async () => {
    const renewed = fakeJwt({ aud: CONFIG.clientId, 'custom:ags': '14522999', exp: 2_000_003_600 });
    const f = fakeEnv('https://portal.example.org/portal/#/', () => Response.json({ id_token: renewed }));
    expect(await cognito.refreshIdToken(CONFIG, 'r-1', f.env)).toBe(renewed);
    expect(f.fetches).toHaveLength(1);
    expect(f.fetches[0]?.url).toBe(`${ORIGIN}/oauth2/token`);
    expect(Object.fromEntries(new URLSearchParams(String(f.fetches[0]?.init?.body)))).toEqual({
      grant_type: 'refresh_token',
      client_id: CONFIG.clientId,
      refresh_token: 'r-1',
    });
    expect(f.store.get(session.TOKEN_KEY)).toBe(renewed);
  });

  it('gives up (undefined) on a refused refresh token, a token for another client or no answer', async () => {
    const refused = fakeEnv('https://portal.example.org/portal/', () =>
      Response.json({ error: 'invalid_grant' }, { status: 400 }),
    );
    expect(await cognito.refreshIdToken(CONFIG, 'alt', refused.env)).toBeUndefined();
    const foreign = fakeEnv('https://portal.example.org/portal/', () =>
      Response.json({ id_token: fakeJwt({ aud: 'other', exp: 2_000_000_000 }) }),
    );
    expect(await cognito.refreshIdToken(CONFIG, 'r', foreign.env)).toBeUndefined();
    expect(foreign.store.has(session.TOKEN_KEY)).toBe(false);
    const offline = fakeEnv('https://portal.example.org/portal/', () => {
      throw new TypeError('Failed to fetch');
    });
    expect(await cognito.refreshIdToken(CONFIG, 'r', offline.env)).toBeUndefined();
  });
});

describe('signOut', () => {
  it('clears the session and redirects to /logout with client id and logout URI', () => {
    const f = fakeEnv('https://portal.example.org/portal/#/');
    f.env.storage.setItem(session.TOKEN_KEY, ID_TOKEN);
    f.env.storage.setItem(cognito.PENDING_KEY, '{}');
    expect(cognito.signOut(CONFIG, f.env)).toBe(true);
    expect(f.store.size).toBe(0);
    expect(f.redirects).toEqual([
      `${ORIGIN}/logout?client_id=${CONFIG.clientId}&logout_uri=https%3A%2F%2Fportal.example.org%2Fportal%2Fabgemeldet`,
    ]);
  });
});

describe('ID token payload', () => {
  it('decodes the base64url JSON payload, including umlauts', () => {
    const token = fakeJwt({ 'custom:ags': '14522999', name: 'Jürgen Weiß', 'cognito:groups': ['kommune'] });
    expect(idToken.decodeTokenPayload(token)).toEqual({
      'custom:ags': '14522999',
      name: 'Jürgen Weiß',
      'cognito:groups': ['kommune'],
    });
    expect(idToken.decodeTokenPayload('not-a-jwt')).toBeUndefined();
    expect(idToken.decodeTokenPayload('a.b')).toBeUndefined();
    expect(idToken.decodeTokenPayload(`x.${Buffer.from('[1,2]').toString('base64url')}.y`)).toBeUndefined();
    expect(idToken.decodeTokenPayload(`x.${Buffer.from('{nope').toString('base64url')}.y`)).toBeUndefined();
    expect(idToken.decodeTokenPayload('x.!!!.y')).toBeUndefined();
  });

  it('finds the principal like the API: group lpr first, else custom:ags', () => {
    expect(idToken.principalFromClaims({ 'cognito:groups': ['lpr'], 'custom:ags': '14522999' })).toEqual({
      kind: 'lpr',
    });
    expect(idToken.principalFromClaims({ 'cognito:groups': ['andere'], 'custom:ags': '14522999' })).toEqual({
      kind: 'municipality',
      ags: '14522999',
    });
    expect(idToken.principalFromClaims({ 'custom:ags': '14522999' })).toEqual({
      kind: 'municipality',
      ags: '14522999',
    });
    expect(idToken.principalFromClaims({ 'custom:ags': '1452299' })).toBeUndefined();
    expect(idToken.principalFromClaims({ 'custom:ags': 14522999 })).toBeUndefined();
    expect(idToken.principalFromClaims({})).toBeUndefined();
  });

  it('tells an expired token by exp (with ten seconds of margin)', () => {
    const now = Date.UTC(2026, 4, 3, 12, 0, 0);
    expect(idToken.isExpired({ exp: now / 1000 + 3600 }, now)).toBe(false);
    expect(idToken.isExpired({ exp: now / 1000 + 5 }, now)).toBe(true);
    expect(idToken.isExpired({ exp: now / 1000 - 1 }, now)).toBe(true);
    expect(idToken.isExpired({}, now)).toBe(false);
  });
});
