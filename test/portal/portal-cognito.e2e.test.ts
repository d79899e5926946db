/**
 * The portal with `auth: "cognito"` in a real Chromium: sign-in through a fake Cognito managed
 * login on 127.0.0.1 (fake-oauth.ts) with the authorization code flow and PKCE, then the API of the
 * local stack with the ID token as bearer token (the fake ID token is also a token of the local
 * token table, because the local API has no JWT authorizer). The portal is served from a copy of
 * portal/ whose config.json points `cognito.domain` at the fake.
 */
import { createHash } from 'node:crypto';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { HTTPRequest, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unnamedControls } from './a11y.js';
import { fakeJwt } from './auth/portal-modules.js';
import { launchPortalBrowser, type PortalBrowser } from './browser.js';
import { startFakeOAuth, type FakeOAuth } from './fake-oauth.js';
import { AGS_A, startPortalStack } from './stack.js';
import type { TestStack } from '../support/local-stack.js';

const CLIENT_ID = 'fakeportalclient0123456789';
const ID_TOKEN = fakeJwt({
  sub: '6f1c0d7e-0000-4000-8000-000000000001',
  aud: CLIENT_ID,
  iss: 'https://cognito-idp.eu-central-1.amazonaws.com/eu-central-1_Fake',
  token_use: 'id',
  email: 'koordination@musterstadt.example',
  'custom:ags': AGS_A,
  auth_time: 1_900_000_000,
  iat: 1_900_000_000,
  exp: 4_100_000_000,
});
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
    startPortalStack(undefined, { tokens: { [ID_TOKEN]: { kind: 'municipality', ags: AGS_A } }, portalDir }),
    launchPortalBrowser(),
    startFakeOAuth({ clientId: CLIENT_ID, idToken: ID_TOKEN }),
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
      () => document.querySelector('h1')?.textContent === 'Meine Analysen (Kommune 14522999)',
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
    expect(await storage(page)).toEqual({ token: ID_TOKEN, pending: null, local: 0 });
    // Every API call carried the ID token as bearer token.
    expect(apiCalls.length).toBeGreaterThan(0);
    expect(apiCalls.every((c) => c.authorization === `Bearer ${ID_TOKEN}`)).toBe(true);

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

  it('made no request outside 127.0.0.1', () => {
    expect(chrome.foreignRequests).toEqual([]);
  });
});
