/**
 * The portal with `auth: "cognito"` in a real Chromium: sign-in through a fake Cognito managed
 * login on 127.0.0.1 (fake-oauth.ts) with the authorization code flow and PKCE, then the API of the
 * local stack with the ID token as bearer token. The local API stands in for API Gateway's JWT
 * authorizer: it takes the fake's ID tokens while their `exp` has not passed (without checking the
 * fake signature). The portal is served from a copy of portal/ whose config.json points
 * `cognito.domain` at the fake. Beyond the sign-in: silent renewal with the refresh token, the
 * warning before a session ends, and nothing typed lost when it does.
 */
import { createHash } from 'node:crypto';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { HTTPRequest, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, unnamedControls } from './a11y.js';
import { fakeJwt } from './auth/portal-modules.js';
import { launchPortalBrowser, type PortalBrowser } from './browser.js';
import { startFakeOAuth, type FakeOAuth } from './fake-oauth.js';
import { AGS_A, startPortalStack, TOKENS } from './stack.js';
import { bearerTokenAuthenticator } from '../../src/api/auth.js';
import type { Authenticator } from '../../src/api/ports.js';
import type { TestStack } from '../support/local-stack.js';

const CLIENT_ID = 'fakeportalclient0123456789';
const ISSUER = 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Fake';
const CLAIMS = {
  sub: '6f1c0d7e-0000-4000-8000-000000000001',
  iss: ISSUER,
  token_use: 'id',
  email: 'koordination@musterstadt.example',
  'custom:ags': AGS_A,
  auth_time: 1_900_000_000,
};

const bearer = bearerTokenAuthenticator(TOKENS);

/** What API Gateway's JWT authorizer lets through of the fake's tokens: issuer, audience, not expired. */
const fakeJwtAuthorizer: Authenticator = (c) => {
  const m = /^Bearer\s+([^.\s]+)\.([^.\s]+)\.(\S+)$/.exec(c.req.header('authorization') ?? '');
  if (!m?.[2]) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(m[2], 'base64url').toString('utf8')) as Record<string, unknown>;
    const fresh = typeof claims.exp === 'number' && claims.exp * 1000 > Date.now();
    return claims.iss === ISSUER && claims.aud === CLIENT_ID && fresh
      ? { kind: 'municipality', ags: String(claims['custom:ags']) }
      : undefined;
  } catch {
    return undefined;
  }
};
const SESSION_EXPIRED = 'Sitzung abgelaufen – bitte erneut anmelden.';

let t: TestStack & { url: string };
let chrome: PortalBrowser;
let fake: FakeOAuth;
let portalDir: string;
let portalUrl: string;

beforeAll(async () => {
  portalDir = await mkdtemp(join(tmpdir(), 'sia-portal-cognito-'));
  await cp(resolve('portal'), portalDir, { recursive: true });
  [t, chrome, fake] = await Promise.all([
    startPortalStack(undefined, {
      portalDir,
      authenticate: (c) => bearer(c) ?? fakeJwtAuthorizer(c),
    }),
    launchPortalBrowser(),
    startFakeOAuth({ clientId: CLIENT_ID, claims: CLAIMS }),
  ]);
  portalUrl = `${t.url}/portal/`;
  // Written once both ports are known; the static server reads it on every request.
  const config = {
    apiBaseUrl: '',
    auth: 'cognito',
    cognito: { domain: fake.host, clientId: CLIENT_ID, redirectUri: portalUrl, logoutUri: portalUrl },
  };
  await writeFile(join(portalDir, 'config.json'), JSON.stringify(config));
});

afterEach(() => {
  // Any console error, uncaught exception or CSP violation fails the test that caused it.
  expect(chrome.consoleErrors.splice(0)).toEqual([]);
  fake.lifetimeSeconds = 3600;
  fake.refreshLifetimeSeconds = 3600;
  fake.refuseRefresh = false;
});

afterAll(async () => {
  await chrome?.close();
  await t?.stop();
  await fake?.close();
  if (portalDir) await rm(portalDir, { recursive: true, force: true });
});

const text = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLElement).innerText);
const storage = (page: Page) =>
  page.evaluate(() => ({
    token: sessionStorage.getItem('sia.token'),
    pending: sessionStorage.getItem('sia.anmeldung'),
    local: localStorage.length,
  }));

/** Opens the portal at `hash`, presses „Anmelden“ and waits for the way back from the (fake) hosted UI. */
async function signInThroughHostedUi(page: Page, hash = ''): Promise<void> {
  await page.goto(`${portalUrl}${hash}`, { waitUntil: 'load' });
  await page.waitForSelector('body[data-bereit="ja"] #cognito-anmelden');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#cognito-anmelden')]);
  await page.waitForSelector('body[data-bereit="ja"]');
}

describe('portal with Cognito sign-in (fake managed login, Chromium)', () => {
  it('shows a labelled „Anmelden“ button instead of the token field, operable by keyboard, and signs in with PKCE', async () => {
    const page = await chrome.newPage();
    const apiCalls: { path: string; authorization: string | undefined }[] = [];
    page.on('request', (r: HTTPRequest) => {
      const url = new URL(r.url());
      if (r.url().startsWith(t.url) && !url.pathname.startsWith('/portal'))
        apiCalls.push({ path: url.pathname, authorization: r.headers().authorization });
    });
    await page.goto(portalUrl, { waitUntil: 'load' });
    await page.waitForSelector('body[data-bereit="ja"] #cognito-anmelden');
    expect(await page.$('#token')).toBeNull();
    expect(await text(page, 'h1')).toBe('Anmelden');
    expect(await unnamedControls(page)).toEqual([]);
    const described = await page.$eval(
      '#cognito-anmelden',
      (b) => document.getElementById(b.getAttribute('aria-describedby') ?? '')?.textContent ?? '',
    );
    expect(described).toContain('Bestätigungscode');

    // Keyboard only: Tab to the button (past the skip link), Enter.
    let focused = '';
    for (let i = 0; i < 6 && focused !== 'cognito-anmelden'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.id ?? '');
    }
    expect(focused).toBe('cognito-anmelden');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
    await page.waitForFunction(() => document.getElementById('wer')?.textContent === 'Kommune 14522999');
    await page.waitForFunction(
      () => document.querySelector('h1')?.textContent === 'Meine Analysen – Musterstadt (14522999)',
    );
    await page.waitForFunction(
      () => !document.getElementById('analysen-liste')?.textContent?.includes('werden geladen'),
    );
    expect(await page.$('#analysen-liste [role="alert"]')).toBeNull();
    await page.waitForFunction(
      () => document.getElementById('live')?.textContent === 'Angemeldet als Kommune 14522999.',
    );

    // The authorize request: code flow, PKCE S256, our client, redirect to the portal.
    expect(fake.authorizeRequests).toHaveLength(1);
    const authorize = fake.authorizeRequests[0] ?? {};
    expect(authorize).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: portalUrl,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    // The token request: the verifier whose S256 is that challenge, form-encoded.
    expect(fake.tokenRequests).toHaveLength(1);
    const token = fake.tokenRequests[0];
    expect(token?.status).toBe(200);
    expect(token?.contentType).toBe('application/x-www-form-urlencoded');
    expect(token?.params).toMatchObject({
      grant_type: 'authorization_code',
      client_id: CLIENT_ID,
      redirect_uri: portalUrl,
    });
    expect(token?.params.code_verifier).toMatch(/^[A-Za-z0-9\-._~]{43,128}$/);
    expect(
      createHash('sha256')
        .update(token?.params.code_verifier ?? '')
        .digest('base64url'),
    ).toBe(authorize.code_challenge);
    expect(token?.verifierMatches).toBe(true);

    // code and state are gone from the address; the ID token is the session, in sessionStorage only.
    expect(page.url()).toBe(portalUrl);
    const idToken = fake.issued.at(-1);
    expect(await storage(page)).toEqual({ token: idToken, pending: null, local: 0 });
    // Every API call carried the ID token as bearer token.
    expect(apiCalls.length).toBeGreaterThan(0);
    expect(apiCalls.every((c) => c.authorization === `Bearer ${idToken}`)).toBe(true);

    // A reload keeps the session (GET /me with the ID token).
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => document.getElementById('wer')?.textContent === 'Kommune 14522999');
    expect(apiCalls.some((c) => c.path === '/me')).toBe(true);
    await page.close();
  });

  it('comes back to the page the sign-in started from', async () => {
    const page = await chrome.newPage();
    await signInThroughHostedUi(page, '#/webhooks');
    await page.waitForFunction(() => document.getElementById('wer')?.textContent === 'Kommune 14522999');
    expect(page.url()).toBe(`${portalUrl}#/webhooks`);
    await page.waitForFunction(() => document.querySelector('h1')?.textContent?.startsWith('Webhooks'));
    await page.close();
  });

  it('shows the sign-in again with „Sitzung abgelaufen“ when the API answers 401, and when the stored token has expired', async () => {
    const page = await chrome.newPage();
    await signInThroughHostedUi(page);
    await page.waitForFunction(() => document.getElementById('wer')?.textContent === 'Kommune 14522999');
    // The API no longer accepts the token (as after the ID token's hour): the next call answers 401.
    const statuses: number[] = [];
    page.on('response', (r) => {
      if (r.url().startsWith(t.url) && !new URL(r.url()).pathname.startsWith('/portal'))
        statuses.push(r.status());
    });
    chrome.allowHttpError(/\/webhooks\/14522999$|\/workspace\/gemeinden$/, 401);
    await page.evaluate(() => sessionStorage.setItem('sia.token', 'nicht-mehr-gueltig-0123456789'));
    await page.evaluate(() => (location.hash = '#/webhooks'));
    await page.waitForSelector('#cognito-anmelden');
    expect(await text(page, '#anmelde-meldung')).toBe(SESSION_EXPIRED);
    expect(statuses).toContain(401);
    expect(await storage(page)).toMatchObject({ token: null });
    expect(await page.evaluate(() => document.getElementById('angemeldet')?.hidden)).toBe(true);

    // A stored ID token whose exp has passed: no API call, the notice at once.
    const expired = fakeJwt({ aud: CLIENT_ID, 'custom:ags': AGS_A, exp: 1_700_000_000 });
    await page.evaluate((tok) => sessionStorage.setItem('sia.token', tok), expired);
    const meCalls: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === '/me') meCalls.push(r.url());
    });
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('body[data-bereit="ja"] #cognito-anmelden');
    expect(await text(page, '#anmelde-meldung')).toBe(SESSION_EXPIRED);
    expect(meCalls).toEqual([]);
    expect(await storage(page)).toMatchObject({ token: null });
    await page.close();
  });

  it('refuses a redirect whose state does not match and explains a cancelled sign-in in German', async () => {
    const page = await chrome.newPage();
    const before = fake.tokenRequests.length;
    await page.goto(`${portalUrl}?code=gestohlen&state=gefaelscht`, { waitUntil: 'load' });
    await page.waitForSelector('body[data-bereit="ja"] #cognito-anmelden');
    expect(await text(page, '#anmelde-meldung')).toContain('gehört nicht zu dieser Anmeldung');
    expect(page.url()).toBe(portalUrl);
    expect(fake.tokenRequests.length).toBe(before);
    expect(await storage(page)).toEqual({ token: null, pending: null, local: 0 });

    fake.denyNext = true;
    await signInThroughHostedUi(page);
    await page.waitForSelector('#anmelde-meldung [role="alert"]');
    expect(await text(page, '#anmelde-meldung')).toBe(
      'Die Anmeldung wurde abgebrochen oder abgelehnt. Bitte versuchen Sie es erneut.',
    );
    expect(page.url()).toBe(portalUrl);
    expect(fake.tokenRequests.length).toBe(before);
    await page.close();
  });

  it('signs out at the hosted UI too and comes back to the sign-in', async () => {
    const page = await chrome.newPage();
    await signInThroughHostedUi(page);
    await page.waitForFunction(() => document.getElementById('wer')?.textContent === 'Kommune 14522999');
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#abmelden')]);
    await page.waitForSelector('body[data-bereit="ja"] #cognito-anmelden');
    expect(fake.logoutRequests.at(-1)).toEqual({ client_id: CLIENT_ID, logout_uri: portalUrl });
    expect(await storage(page)).toEqual({ token: null, pending: null, local: 0 });
    expect(await page.evaluate(() => document.getElementById('angemeldet')?.hidden)).toBe(true);
    await page.close();
  });

  it('renews the ID token silently with the refresh token, which stays in memory only', async () => {
    // A token that ends in 5 minutes: the renewal is due at once.
    fake.lifetimeSeconds = 305;
    const page = await chrome.newPage();
    const before = fake.tokenRequests.length;
    const first = fake.issued.length;
    await signInThroughHostedUi(page, '#/webhooks');
    await page.waitForFunction(() => document.getElementById('wer')?.textContent === 'Kommune 14522999');
    for (
      let i = 0;
      i < 50 && !fake.tokenRequests.slice(before).some((r) => r.params.grant_type === 'refresh_token');
      i++
    )
      await new Promise((r) => setTimeout(r, 100));
    const requests = fake.tokenRequests.slice(before);
    expect(requests.map((r) => [r.params.grant_type, r.status])).toEqual([
      ['authorization_code', 200],
      ['refresh_token', 200],
    ]);
    expect(requests[1]?.params).toMatchObject({ client_id: CLIENT_ID });
    expect(requests[1]?.params.refresh_token).toMatch(/^fake-refresh-token-/);
    // Two tokens: the one for the code, and the renewed one (which ends in an hour: no further renewal).
    expect(fake.issued.length - first).toBe(2);
    const renewed = fake.issued.at(-1);
    await page.waitForFunction((t) => sessionStorage.getItem('sia.token') === t, {}, renewed);
    // The refresh token is in no storage; nothing warns; the API takes the new token.
    const stored = await page.evaluate(
      () => JSON.stringify({ ...sessionStorage }) + JSON.stringify({ ...localStorage }),
    );
    expect(stored).not.toContain('fake-refresh-token');
    expect(await page.$eval('#sitzung', (el) => (el as HTMLElement).hidden)).toBe(true);
    const auth: string[] = [];
    page.on('request', (r) => {
      if (new URL(r.url()).pathname === `/webhooks/${AGS_A}`) auth.push(r.headers().authorization ?? '');
    });
    await page.evaluate(() => (location.hash = '#/hilfe'));
    await page.evaluate(() => (location.hash = '#/webhooks'));
    await page.waitForSelector('#webhook-form');
    await page.waitForFunction(
      () => !document.getElementById('webhook-liste')?.textContent?.includes('geladen'),
    );
    expect(auth).toEqual([`Bearer ${renewed}`]);
    await page.close();
  });

  it('warns before the session ends; signing in again keeps what was typed', async () => {
    chrome.allowHttpError(/\/oauth2\/token$/, 400);
    fake.lifetimeSeconds = 305;
    fake.refuseRefresh = true;
    const page = await chrome.newPage();
    await signInThroughHostedUi(page, '#/webhooks');
    // The renewal is refused: the warning instead, with the time the session ends.
    await page.waitForSelector('#sitzung-warnung');
    expect(await text(page, '#sitzung-warnung p')).toMatch(
      /^Ihre Anmeldung endet um \d\d:\d\d Uhr\. Melden Sie sich jetzt erneut an – Ihre Eingaben auf dieser Seite bleiben dabei erhalten\.$/,
    );
    expect(await page.$eval('#sitzung-warnung', (el) => el.getAttribute('role'))).toBe('alert');
    expect(await axeViolations(page)).toEqual([]);
    await page.waitForSelector('#webhook-url');
    await page.type('#webhook-url', 'https://system.musterstadt.example/sia');
    await page.type('#webhook-email', 'it@musterstadt.example');
    fake.lifetimeSeconds = 3600;
    fake.refuseRefresh = false;
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#sitzung-erneuern')]);
    await page.waitForFunction(
      () =>
        (document.getElementById('webhook-url') as HTMLInputElement | null)?.value ===
        'https://system.musterstadt.example/sia',
    );
    expect(await page.$eval('#webhook-email', (i) => (i as HTMLInputElement).value)).toBe(
      'it@musterstadt.example',
    );
    expect(page.url()).toBe(`${portalUrl}#/webhooks`);
    await page.waitForFunction(() =>
      document.getElementById('live')?.textContent?.includes('wiederhergestellt'),
    );
    expect(await page.$eval('#sitzung', (el) => (el as HTMLElement).hidden)).toBe(true);
    expect(await page.evaluate(() => sessionStorage.getItem('sia.entwurf'))).toBeNull();
    await page.close();
  });

  it('ends an expired session in place and restores what was typed after the sign-in', async () => {
    chrome.allowHttpError(/\/oauth2\/token$/, 400);
    // The session ends 10 s before exp: here about 8 s after the sign-in.
    fake.lifetimeSeconds = 18;
    fake.refuseRefresh = true;
    const page = await chrome.newPage();
    await signInThroughHostedUi(page, '#/webhooks');
    await page.waitForSelector('#webhook-url');
    await page.type('#webhook-url', 'https://vorher.musterstadt.example/hook');
    await page.waitForSelector('#cognito-anmelden', { timeout: 15_000 });
    expect(await text(page, '#anmelde-meldung')).toBe(
      'Sitzung abgelaufen – bitte erneut anmelden. Ihre Eingaben auf dieser Seite werden danach wiederhergestellt.',
    );
    expect(page.url()).toBe(`${portalUrl}#/webhooks`);
    expect(await storage(page)).toMatchObject({ token: null });
    fake.lifetimeSeconds = 3600;
    fake.refuseRefresh = false;
    await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#cognito-anmelden')]);
    await page.waitForFunction(
      () =>
        (document.getElementById('webhook-url') as HTMLInputElement | null)?.value ===
        'https://vorher.musterstadt.example/hook',
    );
    await page.close();
  });

  it('made no request outside 127.0.0.1', () => {
    expect(chrome.foreignRequests).toEqual([]);
  });
});
