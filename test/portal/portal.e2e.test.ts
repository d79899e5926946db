/**
 * The web portal in a real Chromium against the full local stack (s3rver, dynalite, queue, the real
 * worker with a fake printer; e-mails to the outbox, webhooks to a receiver on 127.0.0.1):
 *
 * - a clerk creates an analysis, uploads, reads the located error grouped by file, fixes it and
 *   downloads the report under its proper name; renames and archives the analysis;
 * - another municipality is refused; the LPR sees every municipality by name, Kreis and state, filters,
 *   sorts, regenerates only what can be regenerated and compares the versions it can show;
 * - every link the system sent (e-mails, webhook payloads, CLI output, the old link form) opens the
 *   right page, signed out (after the sign-in) and signed in;
 * - axe-core finds no WCAG 2.1 A/AA violation on any screen at 1280 and 390 px, the page never
 *   scrolls sideways at 390 px, scrolling tables take the keyboard, validation speaks German.
 * Every test fails on any console error or CSP violation; no request leaves 127.0.0.1.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { statusCommand } from '../../src/cli/commands/status.js';
import type { CliIo } from '../../src/cli/commands/api-client.js';
import { axeViolations, unnamedControls } from './a11y.js';
import { launchPortalBrowser, type PortalBrowser } from './browser.js';
import { AGS_A, AGS_B, startPortalStack, TOKEN_A, TOKEN_B, TOKEN_LPR } from './stack.js';
import type { TestStack } from '../support/local-stack.js';

const EXAMPLE = resolve('examples/musterstadt');
const ID = 'buergerbefragung-2026';
let t: TestStack & { url: string };
let chrome: PortalBrowser;
let work: string;
let brokenDir: string;
let fixDir: string;
let downloads: string;
let receiver: Server;
const payloads: { type: string; data: { links: Record<string, string> } }[] = [];
/** Routes of the operations branch (upload sets, batch regeneration) this API has. */
let ops = { uploadSet: false, regenerations: false };
const measured: Record<string, number> = {};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const call = async (path: string, token: string, init: { method?: string; body?: unknown } = {}) => {
  const res = await fetch(`${t.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      ...(init.body !== undefined && { 'Content-Type': 'application/json' }),
    },
    ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
  });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
};

beforeAll(async () => {
  const started = performance.now();
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      payloads.push(JSON.parse(body));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  [t, chrome] = await Promise.all([startPortalStack(), launchPortalBrowser()]);
  measured.startMs = Math.round(performance.now() - started);
  const paths = Object.keys(
    ((await (await fetch(`${t.url}/openapi.json`)).json()) as { paths: object }).paths,
  );
  ops = {
    uploadSet: paths.includes('/analyses/{ags}/{id}/upload-set'),
    regenerations: paths.includes('/regenerations'),
  };
  // Until the operations branch is merged the page's question for the upload set finds no route:
  // the portal then shows no upload-set list; only this failed load is expected.
  if (!ops.uploadSet) chrome.allowHttpError(/\/upload-set$/, 404);

  work = await mkdtemp(join(tmpdir(), 'sia-portal-e2e-'));
  // The example with one broken cell: befragung.csv, first data row (Excel row 2), sg_wohngegend_tag = 7.
  brokenDir = join(work, 'kaputt');
  fixDir = join(work, 'korrektur');
  downloads = join(work, 'downloads');
  await Promise.all([mkdir(brokenDir), mkdir(fixDir), mkdir(downloads)]);
  for (const name of await readdir(EXAMPLE)) await copyFile(join(EXAMPLE, name), join(brokenDir, name));
  const lines = (await readFile(join(EXAMPLE, 'befragung.csv'), 'utf8')).split('\n');
  const header = (lines[0] ?? '').replace(/^\uFEFF/, '').split(';');
  const cells = (lines[1] ?? '').split(';');
  cells[header.indexOf('sg_wohngegend_tag')] = '7';
  lines[1] = cells.join(';');
  await writeFile(join(brokenDir, 'befragung.csv'), lines.join('\n'));
  // The correction: the whole folder again with the fixed file (an upload set is read on its own, contract §11).
  for (const name of await readdir(EXAMPLE)) await copyFile(join(EXAMPLE, name), join(fixDir, name));

  // The municipality's webhook endpoint (the payloads' portal links are followed below).
  const { port } = receiver.address() as AddressInfo;
  await call(`/webhooks/${AGS_A}`, TOKEN_A, {
    method: 'POST',
    body: {
      url: `http://127.0.0.1:${port}/sia`,
      events: ['report.ready', 'analysis.invalid'],
      coordinatorEmail: 'koordination@musterstadt.example',
    },
  });
  // Another municipality with an invalid upload.
  await call('/analyses', TOKEN_B, { method: 'POST', body: { ags: AGS_B, analysisId: 'dresden-2026' } });
  await uploadByApi(AGS_B, 'dresden-2026', TOKEN_B, brokenDir);

  const cdp = await chrome.browser.target().createCDPSession();
  await cdp.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: downloads });
});

afterEach(() => {
  // Any console error, uncaught exception or CSP violation fails the test that caused it.
  const errors = chrome.consoleErrors.splice(0);
  expect(errors).toEqual([]);
});

afterAll(async () => {
  await chrome?.close();
  await t?.stop();
  await new Promise((r) => receiver?.close(r));
  if (work) await rm(work, { recursive: true, force: true });
  console.info(`portal e2e timings (ms): ${JSON.stringify(measured)}`);
});

async function uploadByApi(ags: string, id: string, token: string, folder: string): Promise<void> {
  const names = (await readdir(folder)).filter((n) => n !== 'README.md');
  const types: Record<string, string> = {
    csv: 'text/csv',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    json: 'application/json',
    svg: 'image/svg+xml',
  };
  const files = await Promise.all(
    names.map(async (name) => ({
      name,
      bytes: await readFile(join(folder, name)),
      contentType: types[name.split('.').pop() ?? ''] ?? '',
    })),
  );
  const urls = (await call(`/analyses/${ags}/${id}/upload-urls`, token, {
    method: 'POST',
    body: { files: files.map((f) => ({ name: f.name, size: f.bytes.length, contentType: f.contentType })) },
  })) as { files: { name: string; url: string; headers: Record<string, string> }[] };
  for (const u of urls.files) {
    const file = files.find((f) => f.name === u.name);
    await fetch(u.url, {
      method: 'PUT',
      body: file?.bytes,
      headers: { 'Content-Type': u.headers['Content-Type'] ?? '' },
    });
  }
  for (let i = 0; i < 300; i++) {
    const s = (await call(`/analyses/${ags}/${id}`, token)) as { status: string };
    if (['ready', 'invalid', 'failed'].includes(s.status)) return;
    await sleep(100);
  }
}

async function signIn(page: Page, token: string, at = ''): Promise<string> {
  await page.goto(`${t.url}/portal/${at}`, { waitUntil: 'load' });
  await page.waitForSelector('body[data-bereit="ja"] #token');
  await page.type('#token', token);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.getElementById('angemeldet')?.hidden);
  return page.$eval('#wer', (el) => el.textContent ?? '');
}

/** `page.$eval` once the element is there (views render asynchronously and re-render on refresh). */
async function evalWhenThere<T>(page: Page, selector: string, fn: (el: Element) => T): Promise<T> {
  await page.waitForSelector(selector, { timeout: 20_000 });
  return (await page.$eval(selector, fn as (el: Element) => Awaited<T>)) as T;
}

/** The element's text, once it is there (views render asynchronously and re-render on refresh). */
const text = async (page: Page, selector: string) => {
  await page.waitForSelector(selector, { timeout: 20_000 });
  return page.$eval(selector, (el) => (el as HTMLElement).innerText);
};
const settled = (page: Page) =>
  page.waitForFunction(
    () => !/Wird geladen|werden geladen/i.test(document.getElementById('inhalt')?.innerText ?? ''),
    {
      timeout: 20_000,
    },
  );

async function waitForStatus(page: Page, wanted: string, timeout = 40_000): Promise<void> {
  try {
    await page.waitForFunction(
      (w) => document.getElementById('status-text')?.textContent === w,
      { timeout, polling: 100 },
      wanted,
    );
  } catch (error) {
    // say what the page showed instead
    const shown = await page.evaluate(() => ({
      status: document.getElementById('status-text')?.textContent,
      stand: document.getElementById('stand')?.textContent,
    }));
    throw new Error(`status „${wanted}“ not reached: ${JSON.stringify(shown)}`, { cause: error });
  }
}

/** Selects every file of `folder` in the file input and starts the upload. */
async function upload(page: Page, folder: string): Promise<void> {
  const input = await page.$('#datei-auswahl');
  await (input as unknown as { uploadFile(...paths: string[]): Promise<void> }).uploadFile(
    ...(await readdir(folder)).map((name) => join(folder, name)),
  );
  await page.waitForSelector('#hochladen:not([disabled])');
  await page.click('#hochladen');
}

async function downloaded(name: RegExp): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const file = (await readdir(downloads)).find((f) => name.test(f) && !f.endsWith('.crdownload'));
    if (file) return file;
    await sleep(100);
  }
  throw new Error(`no download matching ${name}`);
}

describe('portal (Chromium, full local stack)', () => {
  it('serves the portal with its CSP, the templates, the example data and redirects old links', async () => {
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
    const zip = await fetch(`${t.url}/portal/beispiel/musterstadt.zip`);
    expect(zip.headers.get('content-disposition')).toBe('attachment; filename="musterstadt.zip"');
    const bytes = Buffer.from(await zip.arrayBuffer());
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(bytes.includes(Buffer.from('musterstadt/analyse.json'))).toBe(true);
    // Links of the old path form land on the same page's fragment route.
    const old = await fetch(`${t.url}/portal/analysen/${AGS_A}/${ID}/versionen/2`, { redirect: 'manual' });
    expect([old.status, old.headers.get('location')]).toEqual([
      301,
      `/portal/#/analyse/${AGS_A}/${ID}/version/2`,
    ]);
    expect((await fetch(`${t.url}/portal/..%2Fsrc%2Fapi%2Fapp.ts`)).status).toBe(404);
    expect((await fetch(`${t.url}/portal/gibt-es-nicht.js`)).status).toBe(404);
    expect((await fetch(`${t.url}/analyses`)).status).toBe(401);
  });

  it('shows nothing of the signed-in state while signed out, and German validation without browser bubbles', async () => {
    const page = await chrome.newPage();
    await page.goto(`${t.url}/portal/`, { waitUntil: 'load' });
    await page.waitForSelector('body[data-bereit="ja"] #token');
    expect(
      await page.evaluate(() =>
        ['angemeldet', 'navigation'].map(
          (id) => getComputedStyle(document.getElementById(id) as Element).display,
        ),
      ),
    ).toEqual(['none', 'none']);
    expect(await page.$$eval('footer a', (as) => as.map((a) => a.textContent))).toEqual([
      'Hilfe',
      'Impressum',
      'Datenschutzerklärung',
      'Erklärung zur Barrierefreiheit',
    ]);
    // An empty token: the form's own German message, the field marked, the summary focused.
    await page.click('#anmelden-form button[type="submit"]');
    await page.waitForSelector('#anmelden-form-fehler[role="alert"]');
    expect(await evalWhenThere(page, '#anmelden-form', (f) => (f as HTMLFormElement).noValidate)).toBe(true);
    expect(
      await evalWhenThere(page, '#token', (i) => [
        i.getAttribute('aria-invalid'),
        i.getAttribute('aria-describedby'),
      ]),
    ).toEqual(['true', 'token-fehler token-hilfe']);
    expect((await text(page, '#anmelden-form-fehler')).replace(/\n+/g, '\n')).toBe(
      'Bitte korrigieren Sie eine Angabe:\nBitte geben Sie Ihr Zugangstoken ein.',
    );
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('anmelden-form-fehler');
    // The legal pages are there signed out too.
    await page.goto(`${t.url}/portal/#/barrierefreiheit`);
    await page.waitForFunction(
      () => document.querySelector('h1')?.textContent === 'Erklärung zur Barrierefreiheit',
    );
    expect(await text(page, '#schlichtungsstelle')).toContain('Bitte in config.json ergänzen');
    await page.click('#feedback-form button[type="submit"]');
    await page.waitForSelector('#feedback-text[aria-invalid="true"]');
    expect(await text(page, '#feedback-text-fehler')).toBe('Bitte beschreiben Sie die Barriere.');
    await page.close();
  });

  it('a clerk creates an analysis, uploads, fixes the located error and downloads the report', async () => {
    const page = await chrome.newPage();
    expect(await signIn(page, TOKEN_A)).toBe(`Kommune ${AGS_A}`);
    await settled(page);
    expect(await text(page, 'h1')).toBe(`Meine Analysen – Musterstadt (${AGS_A})`);
    expect(await text(page, '#analysen-liste')).toContain('Noch keine Analysen.');
    await page.click('#neue-analyse');
    await page.waitForSelector('#analyse-titel');
    // German messages, no browser bubble: an empty title.
    await page.click('#anlegen-form button[type="submit"]');
    await page.waitForSelector('#analyse-titel[aria-invalid="true"]');
    expect(await text(page, '#analyse-titel-fehler')).toBe('Bitte geben Sie einen Titel ein.');
    await page.type('#analyse-titel', 'Bürgerbefragung 2026');
    await page.click('#anlegen-form button[type="submit"]');
    await page.waitForFunction((id) => location.hash === `#/analyse/14522999/${id}`, {}, ID);
    await page.waitForSelector('#datei-auswahl');
    expect(await text(page, 'h1')).toBe('Bürgerbefragung 2026');
    expect(await text(page, '#gemeinde-zeile')).toBe(`Musterstadt (${AGS_A}), Mittelsachsen · Kennung ${ID}`);
    expect(await text(page, '#stand')).toMatch(/^Es wurden noch keine vollständigen Dateien hochgeladen\./);

    // 1. The broken upload: the located error, grouped by file, with the action needed.
    const started = performance.now();
    await upload(page, brokenDir);
    await waitForStatus(page, 'ungültig');
    await page.waitForSelector('#pruef-ergebnis');
    expect(await text(page, '#stand')).toMatch(
      /enthalten 1 Fehler; es wurde kein neuer Bericht erstellt\. Nächster Schritt: die Fehler im Prüfbericht unten korrigieren/,
    );
    expect(await evalWhenThere(page, '#analyse-inhalt', (el) => el.firstElementChild?.id)).toBe(
      'pruefbericht',
    );
    expect(await text(page, '#pruef-ergebnis')).toMatch(
      /^Handlungsbedarf: 1 Fehler in 1 Datei – ohne Korrektur entsteht kein Bericht\./,
    );
    const group = 'section[data-datei="befragung.csv"]';
    expect(await text(page, `${group} h3`)).toMatch(/^befragung\.csv: 1 Fehler/);
    expect(await text(page, `${group} .handlung-ja`)).toBe('Fehler – Handlungsbedarf: ja.');
    const row = await evalWhenThere(page, `${group} table.pruef-fehler tbody tr`, (tr) =>
      Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? ''),
    );
    expect(row.slice(0, 3)).toEqual(['2', 'sg_wohngegend_tag', '7']);
    expect(row[4]).not.toMatch(/^befragung\.csv/);
    // The CSV download (a blob: URL the CSP lets the page navigate to, not fetch).
    await page.click('#pruef-csv');
    const csv = await readFile(join(downloads, await downloaded(/^pruefbericht-14522999-/)), 'utf8');
    expect(csv.startsWith('\uFEFFSchwere;Datei;Zeile;Spalte;Wert;Erwartet;Meldung;Code\r\n')).toBe(true);
    expect(csv).toContain('Fehler;befragung.csv;2;sg_wohngegend_tag;7;');

    // 2. The correction: while it is sent, the old result is gone from the page.
    await upload(page, fixDir);
    expect(await evalWhenThere(page, '#pruefbericht', (el) => (el as HTMLElement).hidden)).toBe(true);
    expect(await text(page, '#status-text')).not.toBe('ungültig');
    await waitForStatus(page, 'fertig');
    measured.uploadFixReadyMs = Math.round(performance.now() - started);
    await page.waitForFunction(() =>
      document.getElementById('download-pdf')?.getAttribute('href')?.startsWith('http://127.0.0.1'),
    );
    expect(await text(page, '#stand')).toMatch(
      /^Der Bericht ist fertig \(Version 1\)\. Nächster Schritt: den Bericht unten herunterladen\./,
    );
    // Downloads first; the upload's bars and notes are gone with the result on the page.
    expect(await evalWhenThere(page, '#analyse-inhalt', (el) => el.firstElementChild?.id)).toBe('downloads');
    expect(await page.$$('progress')).toHaveLength(0);
    expect(await text(page, '#pruef-details summary')).toMatch(
      /^Prüfbericht anzeigen \(\d+ Warnungen?, kein Handlungsbedarf\)$/,
    );

    // The PDF under its name; analysis.json is saved, not opened (the portal stays on the page).
    const pdf = await fetch(await evalWhenThere(page, '#download-pdf', (a) => (a as HTMLAnchorElement).href));
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    expect(pdf.headers.get('content-disposition')).toMatch(
      /^attachment; filename="Sicherheitsanalyse-Musterstadt-\d{4}-v1\.pdf"; filename\*=UTF-8''Sicherheitsanalyse-Musterstadt-\d{4}-v1\.pdf$/,
    );
    const before = page.url();
    await page.waitForFunction(() =>
      document.getElementById('download-analysis')?.getAttribute('href')?.startsWith('http'),
    );
    await page.click('#download-analysis');
    const json = await downloaded(/^Sicherheitsanalyse-Musterstadt-\d{4}-v1-analysis\.json$/);
    expect(JSON.parse(await readFile(join(downloads, json), 'utf8')).meta.kommune.ags).toBe(AGS_A);
    expect(page.url()).toBe(before);
    const xlsx = await fetch(
      await evalWhenThere(page, '#download-tabellen', (a) => (a as HTMLAnchorElement).href),
    );
    expect(xlsx.headers.get('content-disposition')).toMatch(
      /filename="Sicherheitsanalyse-Musterstadt-\d{4}-v1-Tabellen\.xlsx"/,
    );
    await page.close();
  });

  it('renames and archives an analysis; archived ones leave the list and come back', async () => {
    const page = await chrome.newPage();
    await signIn(page, TOKEN_A, `#/analyse/${AGS_A}/${ID}`);
    await page.waitForSelector('#titel-neu');
    await settled(page);
    await evalWhenThere(page, '#titel-neu', (el) => ((el as HTMLInputElement).value = ''));
    await page.type('#titel-neu', 'Sicherheitsbefragung Musterstadt');
    await page.click('#umbenennen-form button[type="submit"]');
    await page.waitForFunction(
      () => document.querySelector('h1')?.textContent === 'Sicherheitsbefragung Musterstadt',
    );
    await page.click('#archivieren');
    await page.waitForSelector('#archivieren-ja');
    expect(await text(page, '#archivieren-frage')).toBe(
      '„Sicherheitsbefragung Musterstadt“ wirklich archivieren?',
    );
    await page.click('#archivieren-ja');
    await page.waitForSelector('#archiv-ergebnis');
    expect(await text(page, '#stand')).toMatch(/^Diese Analyse ist archiviert\./);
    await page.goto(`${t.url}/portal/#/`);
    await settled(page);
    expect(await text(page, '#analysen-liste')).toContain('Noch keine Analysen.');
    await page.goto(`${t.url}/portal/#/archiv`);
    await page.waitForSelector('#archiv-tabelle');
    expect(await text(page, '#archiv-tabelle')).toContain('Sicherheitsbefragung Musterstadt');
    await page.click(`#zurueck-${AGS_A}-${ID}`);
    await page.waitForFunction(
      () => document.getElementById('archiv-liste')?.textContent === 'Keine archivierten Analysen.',
    );
    await page.goto(`${t.url}/portal/#/`);
    await page.waitForSelector('#analysen-tabelle');
    const cells = await page.$$eval('#analysen-tabelle tbody tr td', (tds) =>
      tds.map((td) => td.textContent),
    );
    expect(cells.slice(0, 3)).toEqual([`Sicherheitsbefragung Musterstadt (${ID})`, 'fertig', 'Version 1']);
    await page.close();
  });

  it("refuses another municipality's analysis", async () => {
    chrome.allowHttpError(new RegExp(`/analyses/${AGS_A}/${ID}$`), 403);
    const page = await chrome.newPage();
    await signIn(page, TOKEN_B);
    await page.goto(`${t.url}/portal/#/analyse/${AGS_A}/${ID}`);
    await page.waitForSelector('#verweigert');
    expect(await text(page, 'h1')).toBe('Kein Zugriff');
    expect(await text(page, '#verweigert')).toBe(
      `Kein Zugriff: Ihr Zugang gilt nicht für den Gemeindeschlüssel ${AGS_A}.`,
    );
    expect(await page.$('#datei-auswahl')).toBeNull();
    await page.close();
  });

  it('LPR: every municipality by name, Kreis and state; filter, sort, regenerate the valid, compare', async () => {
    const page = await chrome.newPage();
    expect(await signIn(page, TOKEN_LPR)).toBe('LPR-Team (alle Kommunen)');
    // Typing while the list loads slowly: nothing typed is lost, the focus stays in the field.
    const cdp = await page.createCDPSession();
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 400,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    await page.reload({ waitUntil: 'load' });
    await page.waitForSelector('#filter-text');
    await page.type('#filter-text', 'muster', { delay: 60 });
    await page.waitForSelector('#uebersicht-tabelle');
    await settled(page);
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    expect(
      await page.evaluate(() => [
        document.activeElement?.id,
        (document.activeElement as HTMLInputElement).value,
      ]),
    ).toEqual(['filter-text', 'muster']);
    const rows = () =>
      page.$$eval('#uebersicht-tabelle tbody tr', (trs) =>
        trs.map((tr) =>
          Array.from(tr.querySelectorAll('td')).map((td) => (td as HTMLElement).innerText.trim()),
        ),
      );
    expect((await rows()).map((r) => r.slice(1, 6))).toEqual([
      [
        `Musterstadt ${AGS_A}`,
        'Mittelsachsen',
        'Sicherheitsbefragung Musterstadt',
        'fertig',
        '1 (aktuell: 1)',
      ],
    ]);
    await page.click('#filter-text', { clickCount: 3 });
    await page.keyboard.press('Backspace');
    const all = await rows();
    const dresden = all.find((r) => r[1]?.startsWith('Dresden'));
    expect(dresden?.slice(2, 5)).toEqual(['Dresden, Stadt', 'dresden-2026', 'ungültig']);
    expect(dresden?.[7]).toMatch(/Fehler/);
    // Invalid analyses are not offered for regeneration.
    expect(
      await page.$$eval('#uebersicht-tabelle input[type="checkbox"][data-analyse]', (b) =>
        b.map((x) => x.getAttribute('data-analyse')),
      ),
    ).toEqual([`${AGS_A}/${ID}`]);
    expect(await page.$(`button[data-analyse="${AGS_B}/dresden-2026"]`)).toBeNull();
    // Filter by Kreis and by state; the municipalities without an analysis.
    await page.select('#filter-kreis', 'Mittelsachsen');
    expect((await rows()).map((r) => r[1])).toEqual([`Musterstadt ${AGS_A}`]);
    await page.select('#filter-kreis', '');
    await page.select('#filter-status', 'ohne');
    expect((await rows()).length).toBeGreaterThan(400);
    expect(await text(page, '#uebersicht-anzahl')).toMatch(/^4\d\d Einträge von 4\d\d\.$/);
    await page.select('#filter-status', '');
    await page.click('#sortieren-status');
    expect(
      await evalWhenThere(page, '#sortieren-status', (b) => b.closest('th')?.getAttribute('aria-sort')),
    ).toBe('ascending');
    expect((await rows()).map((r) => r[4])).toEqual(['fertig', 'ungültig']);
    await page.click('#sortieren-status');
    expect((await rows()).map((r) => r[4])).toEqual(['ungültig', 'fertig']);

    const started = performance.now();
    await page.click(`button[data-analyse="${AGS_A}/${ID}"]`);
    await page.waitForFunction(() =>
      document.getElementById('uebersicht-meldung')?.textContent?.includes('eingereiht'),
    );
    await page.waitForFunction(
      () =>
        Array.from(document.querySelectorAll('#uebersicht-tabelle tbody tr')).some(
          (tr) => tr.textContent?.includes('2 (aktuell: 2)') && tr.textContent.includes('fertig'),
        ),
      { timeout: 30_000, polling: 200 },
    );
    measured.regenerateMs = Math.round(performance.now() - started);
    await page.click(`#uebersicht-tabelle a[href$="/${ID}"]`);
    await page.waitForSelector('#vergleich-paar');
    // Only the pair a change summary exists for.
    expect(
      await page.$$eval('#vergleich-paar option', (os) =>
        os.map((o) => [o.textContent, (o as HTMLOptionElement).value]),
      ),
    ).toEqual([['Version 2 mit Version 1', '1/2']]);
    await page.click('#vergleich-form button[type="submit"]');
    // the summary, or the error the page shows instead (named in the failure); read in one step, as
    // the view may render twice
    const shown = await (
      await page.waitForFunction(
        () => {
          const summary = document.getElementById('vergleich-zusammenfassung')?.innerText;
          const error = Array.from(document.querySelectorAll('main .meldung.fehler'))
            .map((e) => (e as HTMLElement).innerText.trim())
            .find((t) => t !== '');
          if (summary) return { summary, h1: document.querySelector('h1')?.textContent ?? '' };
          return error ? { error } : false;
        },
        { timeout: 60_000, polling: 200 },
      )
    ).jsonValue();
    expect(shown).toMatchObject({ h1: 'Vergleich: Version 1 und 2' });
    expect((shown as { summary: string }).summary).toContain('keine Kennzahlen geändert');
    await page.close();
  });

  it('follows every link the system sent: e-mails, webhook payloads, CLI output, old links', async () => {
    // The mails to the manifest's contact: the invalid upload, version 1 and the regenerated version 2.
    const outbox = t.stack.outboxDir ?? '';
    const html = await Promise.all(
      (await readdir(outbox))
        .filter((f) => f.endsWith('.html'))
        .map((f) => readFile(join(outbox, f), 'utf8')),
    );
    const mailLinks = [
      ...new Set(html.flatMap((m) => [...m.matchAll(/href="([^"]+#\/[^"]+)"/g)].map((x) => x[1] ?? ''))),
    ];
    const version1 = mailLinks.find((l) => l.endsWith(`/analyse/${AGS_A}/${ID}/version/1`));
    const pruef = mailLinks.find((l) => l.includes(`/analyse/${AGS_A}/${ID}/pruefbericht/`));
    expect(version1).toBe(`${t.url}/portal/#/analyse/${AGS_A}/${ID}/version/1`);
    expect(pruef).toBeDefined();

    // Signed out: the sign-in at the same address, then the page itself.
    const page = await chrome.newPage();
    await page.goto(version1 ?? '', { waitUntil: 'load' });
    await page.waitForSelector('body[data-bereit="ja"] #token');
    expect(await text(page, 'h1')).toBe('Anmelden');
    await page.type('#token', TOKEN_A);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#h-downloads');
    expect(page.url()).toBe(version1);
    expect(await text(page, '#h-downloads')).toBe('Bericht herunterladen (Version 1)');
    expect(await text(page, '#nicht-aktuell')).toBe(
      'Version 1 ist nicht die aktuelle Version (aktuell: Version 2).',
    );
    expect(await evalWhenThere(page, '#versionen-tabelle tr.hervorgehoben td', (td) => td.textContent)).toBe(
      '1',
    );

    // Signed in: the Prüfbericht link of the (since corrected) upload.
    await page.goto(pruef ?? '');
    await page.waitForSelector('#pruef-veraltet');
    expect(await text(page, 'h1')).toBe('Sicherheitsbefragung Musterstadt');

    // The webhook payloads carry the portal page next to the API links.
    const ready = payloads.find((p) => p.type === 'report.ready');
    expect(ready?.data.links.portal).toBe(version1);
    const invalid = payloads.find((p) => p.type === 'analysis.invalid');
    expect(invalid?.data.links.portal).toBe(pruef);

    // The CLI prints the portal page of the analysis's state.
    const out: string[] = [];
    const io: CliIo = {
      stdout: { write: (c: string) => out.push(c) > 0 } as unknown as NodeJS.WritableStream,
      stderr: { write: () => true } as unknown as NodeJS.WritableStream,
      env: { SIA_API_URL: t.url, SIA_TOKEN: TOKEN_A },
    };
    expect(await statusCommand(`${AGS_A}/${ID}`, {}, io)).toBe(0);
    const cliLink = /Bericht im Portal: (\S+)/.exec(out.join(''))?.[1];
    expect(cliLink).toBe(`${t.url}/portal/#/analyse/${AGS_A}/${ID}/version/2`);
    await page.goto(cliLink ?? '');
    await page.waitForFunction(
      () => document.getElementById('h-downloads')?.textContent === 'Bericht herunterladen (Version 2)',
    );
    expect(await page.$('#nicht-aktuell')).toBeNull();

    // An old link from a mail sent before the fragment routes.
    await page.goto(`${t.url}/portal/analysen/${AGS_A}/${ID}/versionen/1`, { waitUntil: 'load' });
    await page.waitForFunction(
      () => document.getElementById('h-downloads')?.textContent === 'Bericht herunterladen (Version 1)',
    );
    expect(page.url()).toBe(version1);
    await page.close();
  });

  // The two tests below need the operations branch's routes (upload sets, erasure, batch regeneration);
  // without them they are skipped.
  it('shows the files of an open upload, removes one, and erases the uploads (operations routes)', async (ctx) => {
    if (!ops.uploadSet) ctx.skip();
    const page = await chrome.newPage();
    await signIn(page, TOKEN_A, '#/neue-analyse');
    await page.waitForSelector('#analyse-titel');
    await page.type('#analyse-titel', 'Teilupload');
    await page.click('#anlegen-form button[type="submit"]');
    await page.waitForSelector('#datei-auswahl');
    const input = await page.$('#datei-auswahl');
    await (input as unknown as { uploadFile(...paths: string[]): Promise<void> }).uploadFile(
      join(EXAMPLE, 'befragung.csv'),
      join(EXAMPLE, 'bevoelkerung.xlsx'),
    );
    await page.waitForSelector('#hochladen:not([disabled])');
    expect(await text(page, '#upload-meldung')).toContain(
      'Es fehlen noch Pflichtdateien: analyse.json, kriminalitaet.',
    );
    await page.click('#hochladen');
    await page.waitForSelector('#upload-satz-tabelle');
    expect(await text(page, '#upload-meldung')).toContain(
      '2 Dateien sind gespeichert. Die Auswertung startet, sobald analyse.json hochgeladen ist.',
    );
    const names = () =>
      page.$$eval('#upload-satz-tabelle tbody tr td:first-child', (tds) => tds.map((td) => td.textContent));
    expect(await names()).toEqual(['befragung.csv', 'bevoelkerung.xlsx']);
    await page.click('#entfernen-befragung-csv');
    await page.waitForFunction(() => document.querySelectorAll('#upload-satz-tabelle tbody tr').length === 1);
    expect(await names()).toEqual(['bevoelkerung.xlsx']);
    await page.click('#rohdaten-loeschen');
    await page.click('#rohdaten-loeschen-ja');
    await page.waitForFunction(() =>
      /gelöscht \(Protokollnummer .+\)/.test(document.getElementById('verwalten-meldung')?.textContent ?? ''),
    );
    await page.close();
  });

  it('LPR regenerates a selection and follows the batch (operations routes)', async (ctx) => {
    if (!ops.regenerations) ctx.skip();
    const page = await chrome.newPage();
    await signIn(page, TOKEN_LPR);
    await page.waitForSelector(`#uebersicht-tabelle input[data-analyse="${AGS_A}/${ID}"]`);
    await page.click(`#uebersicht-tabelle input[data-analyse="${AGS_A}/${ID}"]`);
    expect(await text(page, '#auswahl-neu-erstellen')).toBe('Ausgewählte neu erstellen (1)');
    await page.click('#auswahl-neu-erstellen');
    await page.waitForFunction(() =>
      document.getElementById('uebersicht-meldung')?.textContent?.startsWith('1 Neuerstellung eingereiht'),
    );
    await page.waitForFunction(
      () => document.getElementById('stapel-stand')?.textContent === 'Neuerstellung: 1 von 1 fertig.',
      {
        timeout: 30_000,
      },
    );
    await page.close();
  });

  it('meets WCAG 2.1 AA (axe-core) on every screen at 1280 and 390 px, without sideways scrolling', async () => {
    const page = await chrome.newPage();
    const screens: { token?: string; hash: string; ready: string; act?: (p: Page) => Promise<void> }[] = [
      { hash: '#/', ready: '#token' },
      { hash: '#/hilfe', ready: '#status-legende' },
      { hash: '#/impressum', ready: 'h2' },
      { hash: '#/datenschutz', ready: 'h2' },
      {
        hash: '#/barrierefreiheit',
        ready: '#feedback-form',
        act: async (p) => {
          await p.click('#feedback-form button[type="submit"]');
          await p.waitForSelector('#feedback-form-fehler');
        },
      },
      { token: TOKEN_A, hash: '#/', ready: '#analysen-tabelle' },
      {
        token: TOKEN_A,
        hash: '#/neue-analyse',
        ready: '#analyse-titel',
        act: async (p) => {
          await p.click('#anlegen-form button[type="submit"]');
          await p.waitForSelector('#anlegen-form-fehler');
        },
      },
      {
        token: TOKEN_A,
        hash: '#/neu',
        ready: '#neu-form',
        act: async (p) => {
          await p.click('#neu-form button[type="submit"]');
          await p.waitForSelector('#fehlerliste [role="alert"]');
        },
      },
      { token: TOKEN_A, hash: `#/zuordnung/${AGS_A}/${ID}`, ready: '#dateien-form' },
      { token: TOKEN_A, hash: '#/massnahmen', ready: '#massnahmen-analysen' },
      { token: TOKEN_A, hash: `#/massnahmen/${AGS_A}/${ID}`, ready: '#vorgaenger-form' },
      { token: TOKEN_A, hash: '#/landesueberblick', ready: 'main p.hilfe' },
      { token: TOKEN_A, hash: `#/analyse/${AGS_A}/${ID}`, ready: '#download-pdf[href^="http"]' },
      { token: TOKEN_A, hash: `#/vergleich/${AGS_A}/${ID}/1/2`, ready: '#vergleich-zusammenfassung' },
      { token: TOKEN_A, hash: '#/webhooks', ready: '#webhook-tabelle' },
      { token: TOKEN_A, hash: '#/archiv', ready: '#archiv-liste p' },
      { token: TOKEN_LPR, hash: '#/', ready: '#uebersicht-tabelle' },
      { token: TOKEN_LPR, hash: `#/analyse/${AGS_B}/dresden-2026`, ready: '#pruef-ergebnis' },
      { token: TOKEN_LPR, hash: `#/webhooks/${AGS_A}`, ready: '#webhook-tabelle' },
      { token: TOKEN_LPR, hash: '#/landesueberblick', ready: '#kommunen-tabelle' },
    ];
    let signedIn: string | undefined;
    const found: Record<string, string[]> = {};
    // One document for every screen (fragment routes): axe is injected once.
    await page.goto(`${t.url}/portal/`, { waitUntil: 'load' });
    await page.waitForSelector('body[data-bereit="ja"] #token');
    for (const s of screens) {
      const began = performance.now();
      await page.setViewport({ width: 1280, height: 900 });
      if (s.token !== signedIn) {
        if (signedIn) {
          await page.click('#abmelden');
          await page.waitForSelector('#token');
        }
        if (s.token) {
          await page.evaluate(() => (location.hash = '#/anmelden'));
          await page.waitForSelector('#token');
          await page.type('#token', s.token);
          await page.keyboard.press('Enter');
          await page.waitForFunction(() => !document.getElementById('angemeldet')?.hidden);
        }
        signedIn = s.token;
      }
      await page.evaluate((hash) => {
        if (location.hash === hash) location.hash = '#/hilfe';
        location.hash = hash;
      }, s.hash);
      await page.waitForSelector(s.ready, { timeout: 20_000 });
      await settled(page);
      if (s.act) await s.act(page);
      for (const width of [1280, 390]) {
        if (width !== 1280) await page.setViewport({ width, height: 900 });
        const key = `${s.hash} ${s.token ? 'angemeldet' : 'abgemeldet'} ${width}px`;
        const problems = await axeViolations(page);
        if (width === 390) {
          // Reflow (WCAG 1.4.10): the page itself never scrolls sideways; wide tables scroll in their
          // own region, which then takes the keyboard focus (WCAG 2.1.1).
          const wide = await page.evaluate(
            () => document.documentElement.scrollWidth > document.documentElement.clientWidth,
          );
          if (wide) problems.push('page scrolls sideways');
          const regions = await page.$$eval('.tabelle', (els) =>
            els
              .filter((e) => e.checkVisibility() && e.scrollWidth > e.clientWidth + 1)
              .map((e) => [
                e.getAttribute('tabindex'),
                e.getAttribute('role'),
                e.getAttribute('aria-labelledby') !== null,
              ]),
          );
          for (const r of regions)
            if (r.join() !== '0,region,true') problems.push(`scrolling table not focusable: ${r.join()}`);
        }
        problems.push(...(await unnamedControls(page)).map((c) => `unnamed ${c}`));
        if (problems.length > 0) found[key] = problems;
      }
      measured[`axe ${s.hash}`] = Math.round(performance.now() - began);
    }
    expect(found).toEqual({});
    await page.setViewport({ width: 1280, height: 900 });
    await page.close();
  });

  it('is operable by keyboard: sign-in, visible focus, focus on the new heading, scrolling tables', async () => {
    const page = await chrome.newPage();
    await page.goto(`${t.url}/portal/`, { waitUntil: 'load' });
    await page.waitForSelector('body[data-bereit="ja"] #token');
    let focused = '';
    for (let i = 0; i < 6 && focused !== 'token'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.id ?? '');
    }
    expect(focused).toBe('token');
    expect(
      await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle),
    ).not.toBe('none');
    await page.keyboard.type(TOKEN_LPR);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#uebersicht-tabelle');
    await page.waitForFunction(() =>
      document.getElementById('live')?.textContent?.startsWith('Angemeldet als'),
    );
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    // At 390 px the overview scrolls sideways inside its region: Tab reaches it, the arrow keys scroll it.
    await page.setViewport({ width: 390, height: 900 });
    await page.waitForSelector('.tabelle[tabindex="0"]');
    await page.focus('.tabelle[tabindex="0"]');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction(
      () => (document.querySelector('.tabelle[tabindex="0"]') as HTMLElement).scrollLeft > 0,
    );
    await page.setViewport({ width: 1280, height: 900 });
    await page.close();
  });

  it('made no request outside 127.0.0.1', () => {
    expect(chrome.foreignRequests).toEqual([]);
  });
});
