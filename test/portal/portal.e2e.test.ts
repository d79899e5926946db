/**
 * The web portal in a real Chromium against the full local stack (s3rver, dynalite, queue, the real
 * worker; a fake printer): sign-in, creating an analysis, uploading through the file input straight to
 * S3 (presigned URLs, CORS), live status up to „fertig“, the PDF link; an invalid upload with its located
 * error inline; the tenant refusal; the LPR overview with a regeneration and a version comparison; and an
 * accessibility smoke check (names of all controls, keyboard-only sign-in, visible focus).
 */
import { copyFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { HTTPResponse, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unnamedControls } from './a11y.js';
import { launchPortalBrowser, type PortalBrowser } from './browser.js';
import { AGS_A, startPortalStack, TOKEN_A, TOKEN_B, TOKEN_LPR } from './stack.js';
import type { TestStack } from '../support/local-stack.js';

const EXAMPLE = resolve('examples/musterstadt');
let t: TestStack & { url: string };
let chrome: PortalBrowser;
let brokenDir: string;
const measured: Record<string, number> = {};

beforeAll(async () => {
  const started = performance.now();
  [t, chrome] = await Promise.all([startPortalStack(), launchPortalBrowser()]);
  measured.startMs = Math.round(performance.now() - started);
  // A copy of the example with one broken cell: befragung.csv, first data row (Excel row 2), sg_wohngegend_tag = 7.
  brokenDir = await mkdtemp(join(tmpdir(), 'sia-portal-broken-'));
  for (const name of await readdir(EXAMPLE)) await copyFile(join(EXAMPLE, name), join(brokenDir, name));
  const lines = (await readFile(join(EXAMPLE, 'befragung.csv'), 'utf8')).split('\n');
  const header = (lines[0] ?? '').replace(/^\uFEFF/, '').split(';');
  const cells = (lines[1] ?? '').split(';');
  cells[header.indexOf('sg_wohngegend_tag')] = '7';
  lines[1] = cells.join(';');
  await writeFile(join(brokenDir, 'befragung.csv'), lines.join('\n'));
});

afterAll(async () => {
  await chrome?.close();
  await t?.stop();
  if (brokenDir) await rm(brokenDir, { recursive: true, force: true });
  console.info(`portal e2e timings (ms): ${JSON.stringify(measured)}`);
});

async function signIn(page: Page, token: string): Promise<string> {
  await page.goto(`${t.url}/portal/`, { waitUntil: 'load' });
  await page.waitForSelector('body[data-bereit="ja"] #token');
  await page.type('#token', token);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.getElementById('angemeldet')?.hidden);
  return page.$eval('#wer', (el) => el.textContent ?? '');
}

const text = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLElement).innerText);

/** Creates the analysis, selects every file of `folder` in the file input, starts the upload; returns the notice shown for the selection. */
async function createAndUpload(page: Page, id: string, folder: string): Promise<string> {
  await page.type('#analyse-id', id);
  await page.click('#anlegen-form button[type="submit"]');
  await page.waitForSelector('#datei-auswahl');
  const input = await page.$('#datei-auswahl');
  const files = (await readdir(folder)).map((name) => join(folder, name));
  await (input as unknown as { uploadFile(...paths: string[]): Promise<void> }).uploadFile(...files);
  await page.waitForSelector('#hochladen:not([disabled])');
  const notice = await text(page, '#upload-meldung');
  await page.click('#hochladen');
  return notice;
}

async function waitForStatus(page: Page, wanted: string, timeout = 40_000): Promise<void> {
  await page.waitForFunction(
    (w) => document.getElementById('status-text')?.textContent === w,
    { timeout, polling: 100 },
    wanted,
  );
}

describe('portal (Chromium, full local stack)', () => {
  it('serves the portal with its CSP, redirects / and serves the blank templates', async () => {
    const res = await fetch(`${t.url}/portal/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(
      "default-src 'self'; img-src 'self' data:; connect-src 'self' http://127.0.0.1:*; frame-ancestors 'none'",
    );
    const root = await fetch(`${t.url}/`, { redirect: 'manual' });
    expect([root.status, root.headers.get('location')]).toEqual([302, '/portal/']);
    const index = (await (await fetch(`${t.url}/portal/vorlagen/index.json`)).json()) as {
      vorlagen: { name: string }[];
    };
    expect(index.vorlagen.map((v) => v.name)).toEqual([
      'befragung.xlsx',
      'bevoelkerung.xlsx',
      'kriminalitaet.xlsx',
    ]);
    const xlsx = await fetch(`${t.url}/portal/vorlagen/befragung.xlsx`);
    expect(xlsx.headers.get('content-type')).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(
      Buffer.from(await xlsx.arrayBuffer())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    expect((await fetch(`${t.url}/portal/..%2Fsrc%2Fapi%2Fapp.ts`)).status).toBe(404);
    expect((await fetch(`${t.url}/portal/gibt-es-nicht.js`)).status).toBe(404);
    // The API itself still answers at its paths.
    expect((await fetch(`${t.url}/analyses`)).status).toBe(401);
  });

  it('(a) a municipality creates an analysis, uploads the example through the file input and downloads the PDF', async () => {
    const page = await chrome.newPage();
    const started = performance.now();
    expect(await signIn(page, TOKEN_A)).toBe(`Kommune ${AGS_A}`);
    expect(
      await page.evaluate(() => [sessionStorage.getItem('sia.token') !== null, localStorage.length]),
    ).toEqual([true, 0]);
    // README.md is not part of an analysis: listed as skipped, not uploaded.
    expect(await createAndUpload(page, 'portal-a', EXAMPLE)).toBe(
      'Nicht hochgeladen (kein vorgesehener Dateiname oder leer): README.md.',
    );
    await waitForStatus(page, 'fertig');
    measured.uploadToReadyMs = Math.round(performance.now() - started);
    const progress = await page.$$eval('progress', (bars) =>
      bars.map((b) => [b.getAttribute('data-datei'), (b as HTMLProgressElement).value]),
    );
    expect(progress.length).toBe(9);
    expect(progress.at(-1)).toEqual(['analyse.json', 100]);
    expect(progress.every(([, v]) => v === 100)).toBe(true);
    await page.waitForFunction(() =>
      document.getElementById('download-pdf')?.getAttribute('href')?.startsWith('http://127.0.0.1'),
    );
    const href = await page.$eval('#download-pdf', (a) => (a as HTMLAnchorElement).href);
    const pdf = Buffer.from(await (await fetch(href)).arrayBuffer());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // analysis.json, fetched by the page itself from s3rver (CORS for the portal's origin).
    await page.waitForFunction(() =>
      document.getElementById('download-analysis')?.getAttribute('href')?.startsWith('http://127.0.0.1'),
    );
    const kommune = await page.evaluate(async () => {
      const a = document.getElementById('download-analysis') as HTMLAnchorElement;
      return ((await (await fetch(a.href)).json()) as { meta?: { kommune?: { ags?: string } } }).meta?.kommune
        ?.ags;
    });
    expect(kommune).toBe(AGS_A);
    // The tables as a workbook (XLSX = ZIP).
    await page.waitForFunction(() =>
      document.getElementById('download-tabellen')?.getAttribute('href')?.startsWith('http://127.0.0.1'),
    );
    const xlsx = Buffer.from(
      await (
        await fetch(await page.$eval('#download-tabellen', (a) => (a as HTMLAnchorElement).href))
      ).arrayBuffer(),
    );
    expect(xlsx.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(await text(page, '#versionen-tabelle')).toContain('1');
    await page.close();
  });

  it('(b) an invalid befragung.csv shows the located error inline and as CSV', async () => {
    const page = await chrome.newPage();
    await signIn(page, TOKEN_A);
    await createAndUpload(page, 'portal-b', brokenDir);
    await waitForStatus(page, 'ungültig');
    await page.waitForSelector('#pruef-tabelle tbody tr');
    const rows = await page.$$eval('#pruef-tabelle tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')),
    );
    const error = rows.find((r) => r[0] === 'Fehler' && r[1] === 'befragung.csv');
    expect(error?.slice(1, 5)).toEqual(['befragung.csv', '2', 'sg_wohngegend_tag', '7']);
    expect(error?.[6]).toContain('Zeile 2');
    // The CSV link downloads a file (a blob: URL the CSP lets the page navigate to, not fetch).
    const downloads = await mkdtemp(join(tmpdir(), 'sia-portal-downloads-'));
    const cdp = await chrome.browser.target().createCDPSession();
    await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
    await page.click('#pruef-csv');
    const file = join(downloads, `pruefbericht-${AGS_A}-portal-b.csv`);
    let csv = '';
    for (let i = 0; i < 100 && csv === ''; i++) {
      csv = await readFile(file, 'utf8').catch(() => '');
      if (csv === '') await new Promise((r) => setTimeout(r, 50));
    }
    await rm(downloads, { recursive: true, force: true });
    expect(csv.startsWith('\uFEFFSchwere;Datei;Zeile;Spalte;Wert;Erwartet;Meldung;Code\r\n')).toBe(true);
    expect(csv).toContain('Fehler;befragung.csv;2;sg_wohngegend_tag;7;');
    await page.close();
  });

  it("(c) a municipality cannot open another municipality's analysis", async () => {
    const page = await chrome.newPage();
    expect(await signIn(page, TOKEN_B)).toBe('Kommune 14612000');
    const answers: number[] = [];
    page.on('response', (r: HTTPResponse) => {
      if (new URL(r.url()).pathname === `/analyses/${AGS_A}/portal-a`) answers.push(r.status());
    });
    await page.goto(`${t.url}/portal/#/analyse/${AGS_A}/portal-a`);
    await page.waitForSelector('#verweigert');
    expect(await text(page, 'h1')).toBe('Kein Zugriff');
    expect(await text(page, '#verweigert')).toBe(
      `Kein Zugriff: Ihr Zugang gilt nicht für den Gemeindeschlüssel ${AGS_A}.`,
    );
    expect(answers).toEqual([403]);
    expect(await page.$('#datei-auswahl')).toBeNull();
    await page.close();
  });

  it('(d) LPR sees all analyses, regenerates one and compares the two versions', async () => {
    const page = await chrome.newPage();
    expect(await signIn(page, TOKEN_LPR)).toBe('LPR-Team (alle Kommunen)');
    await page.waitForSelector('#uebersicht-tabelle');
    const rows = await page.$$eval('#uebersicht-tabelle tbody tr', (trs) =>
      trs.map((tr) =>
        Array.from(tr.querySelectorAll('td'))
          .slice(0, 4)
          .map((td) => td.textContent ?? ''),
      ),
    );
    expect(rows).toContainEqual([AGS_A, 'portal-a', 'fertig', '1']);
    expect(rows).toContainEqual([AGS_A, 'portal-b', 'ungültig', '–']);
    const started = performance.now();
    await page.click(`button[data-analyse="${AGS_A}/portal-a"]`);
    await page.waitForFunction(() =>
      document.getElementById('uebersicht-meldung')?.textContent?.includes('eingereiht'),
    );
    await page.waitForFunction(
      () =>
        Array.from(document.querySelectorAll('#uebersicht-tabelle tbody tr')).some(
          (tr) =>
            tr.textContent?.includes('portal-a') &&
            tr.children[3]?.textContent === '2' &&
            tr.children[2]?.textContent === 'fertig',
        ),
      { timeout: 30_000, polling: 200 },
    );
    measured.regenerateMs = Math.round(performance.now() - started);
    await page.click('#uebersicht-tabelle a[href$="/portal-a"]');
    await page.waitForSelector('#vergleich-form');
    await page.click('#vergleich-form button[type="submit"]');
    await page.waitForSelector('#vergleich-zusammenfassung');
    expect(await text(page, 'h1')).toBe('Vergleich: Version 1 und 2');
    // A regeneration of the same upload with the same engine: nothing moved.
    expect(await text(page, '#vergleich-zusammenfassung')).toContain('keine Kennzahlen geändert');
    expect(await text(page, '#vergleich-zusammenfassung')).toContain('unverändert');
    await page.close();
  });

  it('is operable by keyboard and labels every control (accessibility smoke check)', async () => {
    const page = await chrome.newPage();
    await page.goto(`${t.url}/portal/`, { waitUntil: 'load' });
    await page.waitForSelector('body[data-bereit="ja"] #token');
    // Keyboard only: Tab to the token field (past the skip link), type, Enter.
    let focused = '';
    for (let i = 0; i < 6 && focused !== 'token'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.id ?? '');
    }
    expect(focused).toBe('token');
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement as Element).outlineStyle,
    );
    expect(outline).not.toBe('none');
    await page.keyboard.type(TOKEN_A);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.getElementById('wer')?.textContent === 'Kommune 14522999');
    // After sign-in the focus is on the new page's heading, and the live region said who signed in.
    await page.waitForFunction(() =>
      document.getElementById('live')?.textContent?.startsWith('Angemeldet als'),
    );
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');

    const screens = [`#/`, `#/analyse/${AGS_A}/portal-b`, `#/analyse/${AGS_A}/portal-a`, `#/webhooks`];
    for (const hash of screens) {
      await page.goto(`${t.url}/portal/${hash}`);
      await page.waitForSelector('body[data-bereit="ja"] h1');
      await page.waitForFunction(() => !document.body.innerText.includes('Wird geladen'), {
        timeout: 10_000,
      });
      const unnamed = await unnamedControls(page);
      expect(unnamed, hash).toEqual([]);
    }
    await page.close();
  });

  it('made no request outside 127.0.0.1', () => {
    expect(chrome.foreignRequests).toEqual([]);
  });
});
