/**
 * Screenshots of the portal's main screens into docs/portal/ (embedded in docs/portal.md):
 *
 *   npx tsx scripts/portal-screenshots.ts [--real-printer]
 *
 * Starts the full local stack (s3rver, dynalite, queue, worker; the fake printer unless
 * --real-printer) with the portal, prepares data through the API (Musterstadt with two report
 * versions, Dresden with an empty analysis, Bautzen with a report), then drives the portal in Chromium
 * (test/portal/browser.ts) and saves: sign-in, the municipality's analyses, an upload in progress, a
 * Prüfbericht, a finished report, the LPR overview, a version comparison, the webhooks screen, the help,
 * the accessibility statement and the analysis page at 390 px. Fails on any console error; only talks
 * to 127.0.0.1.
 */
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { createChromiumPrinter } from '../src/adapters/chromium-printer.js';
import { launchPortalBrowser } from '../test/portal/browser.js';
import { AGS_A, AGS_B, startPortalStack, TOKEN_A, TOKEN_B, TOKEN_LPR } from '../test/portal/stack.js';

const AGS_C = '14625020';

const OUT = resolve('docs/portal');
const EXAMPLE = resolve('examples/musterstadt');
const CONTENT_TYPES: Record<string, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json',
  svg: 'image/svg+xml',
  png: 'image/png',
};

const realPrinter = process.argv.includes('--real-printer');
const printer = realPrinter ? createChromiumPrinter() : undefined;
const stack = await startPortalStack(printer);
const chrome = await launchPortalBrowser();
// Until the operations branch is merged the upload-set route does not exist (see test/portal/portal.e2e.test.ts).
chrome.allowHttpError(/\/upload-set$/, 404);
const work = await mkdtemp(join(tmpdir(), 'sia-portal-shots-'));

const call = async (
  path: string,
  token: string,
  init: { method?: string; body?: unknown } = {},
): Promise<unknown> => {
  const res = await fetch(`${stack.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      ...(init.body !== undefined && { 'Content-Type': 'application/json' }),
    },
    ...(init.body !== undefined && { body: JSON.stringify(init.body) }),
  });
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path}: HTTP ${res.status} ${await res.text()}`);
  return res.status === 204 ? null : res.json();
};

/** Uploads every analysis file of `folder` through the API's presigned URLs and waits until the job is done. */
async function uploadFolder(ags: string, id: string, folder: string): Promise<void> {
  const names = (await readdir(folder)).filter((n) => n !== 'README.md');
  const files = await Promise.all(
    names.map(async (name) => ({
      name,
      bytes: await readFile(join(folder, name)),
      contentType: CONTENT_TYPES[name.split('.').pop() ?? ''] ?? '',
    })),
  );
  const before = (
    (await call(`/analyses/${ags}/${id}`, TOKEN_LPR)) as { latestJob: { jobId: string } | null }
  ).latestJob?.jobId;
  const urls = (await call(`/analyses/${ags}/${id}/upload-urls`, TOKEN_LPR, {
    method: 'POST',
    body: { files: files.map((f) => ({ name: f.name, size: f.bytes.length, contentType: f.contentType })) },
  })) as {
    files: { name: string; url: string; headers: Record<string, string> }[];
  };
  for (const u of urls.files) {
    const file = files.find((f) => f.name === u.name);
    const res = await fetch(u.url, {
      method: 'PUT',
      body: file?.bytes,
      headers: { 'Content-Type': u.headers['Content-Type'] ?? '' },
    });
    if (!res.ok) throw new Error(`PUT ${u.name}: HTTP ${res.status}`);
    await res.arrayBuffer();
  }
  for (let i = 0; i < 600; i++) {
    const s = (await call(`/analyses/${ags}/${id}`, TOKEN_LPR)) as {
      status: string;
      latestJob: { jobId: string } | null;
    };
    if (s.latestJob && s.latestJob.jobId !== before && ['ready', 'invalid', 'failed'].includes(s.status)) {
      if (s.status !== 'ready') throw new Error(`${ags}/${id}: ${s.status}`);
      return;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${ags}/${id}: timed out`);
}

/** A copy of the example with `edit` applied to one file. */
async function variant(name: string, file: string, edit: (text: string) => string): Promise<string> {
  const dir = join(work, name);
  await mkdir(dir);
  for (const n of await readdir(EXAMPLE)) await copyFile(join(EXAMPLE, n), join(dir, n));
  await writeFile(join(dir, file), edit(await readFile(join(EXAMPLE, file), 'utf8')));
  return dir;
}

async function shot(page: Page, name: string, options: { blur?: boolean } = {}): Promise<void> {
  // Screenshots show the page, not the focus ring of the last click.
  if (options.blur !== false)
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: join(OUT, name), fullPage: true });
  process.stdout.write(`  ${join('docs/portal', name)}\n`);
}

async function signIn(page: Page, token: string): Promise<void> {
  await page.goto(`${stack.url}/portal/`, { waitUntil: 'load' });
  await page.waitForSelector('body[data-bereit="ja"] #token');
  await page.type('#token', token);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.getElementById('angemeldet')?.hidden);
}

const settled = (page: Page) =>
  page.waitForFunction(
    () => !/Wird geladen|werden geladen/i.test(document.getElementById('inhalt')?.innerText ?? ''),
    { timeout: 20_000 },
  );

try {
  await mkdir(OUT, { recursive: true });
  process.stdout.write(`Portal: ${stack.url}/portal/ (${realPrinter ? 'echter' : 'Test-'}Drucker)\n`);

  // Data: Musterstadt with two versions (v1 with 30 fewer respondents and 6 fewer bicycle thefts in 2025 in area 01, v2 the full data).
  const v1 = await variant('v1', 'befragung.csv', (t) => t.split('\n').slice(0, -31).join('\n') + '\n');
  await writeFile(
    join(v1, 'kriminalitaet.csv'),
    (await readFile(join(EXAMPLE, 'kriminalitaet.csv'), 'utf8'))
      .replace('2025;01;------;Straftaten insgesamt;397;', '2025;01;------;Straftaten insgesamt;391;')
      .replace(
        '2025;01;890000;Straftaten insgesamt ohne ausländerrechtliche Verstöße;395;',
        '2025;01;890000;Straftaten insgesamt ohne ausländerrechtliche Verstöße;389;',
      )
      .replace('2025;01;899000;Straßenkriminalität;81;', '2025;01;899000;Straßenkriminalität;75;')
      .replace('2025;01;***300;Fahrraddiebstahl;28;', '2025;01;***300;Fahrraddiebstahl;22;'),
  );
  await call('/analyses', TOKEN_A, { method: 'POST', body: { ags: AGS_A, analysisId: 'musterstadt-2026' } });
  await uploadFolder(AGS_A, 'musterstadt-2026', v1);
  await uploadFolder(AGS_A, 'musterstadt-2026', EXAMPLE);
  await call(`/analyses/${AGS_A}/musterstadt-2026`, TOKEN_A, {
    method: 'PATCH',
    body: { title: 'Bürgerbefragung Musterstadt 2026' },
  });
  await call('/analyses', TOKEN_B, { method: 'POST', body: { ags: AGS_B, analysisId: 'befragung-2026' } });
  await call(`/analyses/${AGS_B}/befragung-2026`, TOKEN_B, {
    method: 'PATCH',
    body: { title: 'Sicherheitsbefragung Dresden' },
  });
  await call('/analyses', TOKEN_LPR, { method: 'POST', body: { ags: AGS_C, analysisId: 'befragung-2025' } });
  await uploadFolder(AGS_C, 'befragung-2025', EXAMPLE);

  const broken = await variant('kaputt', 'befragung.csv', (t) => {
    const lines = t.split('\n');
    const header = (lines[0] ?? '').replace(/^\uFEFF/, '').split(';');
    const cells = (lines[1] ?? '').split(';');
    cells[header.indexOf('sg_wohngegend_tag')] = '7';
    const later = (lines[5] ?? '').split(';');
    later[header.indexOf('alter')] = 'sechzig';
    lines[1] = cells.join(';');
    lines[5] = later.join(';');
    return lines.join('\n');
  });

  const page = await chrome.newPage();
  await page.goto(`${stack.url}/portal/`, { waitUntil: 'load' });
  await page.waitForSelector('body[data-bereit="ja"] #token');
  await page.focus('#token');
  await shot(page, '01-anmelden.png', { blur: false });

  // A new analysis: the form, then the upload in progress (the upload to s3rver slowed down so the bars are caught mid-way).
  await signIn(page, TOKEN_A);
  await page.goto(`${stack.url}/portal/#/neue-analyse`);
  await page.waitForSelector('#analyse-titel');
  await page.type('#analyse-titel', 'Nachbefragung 2026');
  await page.click('#anlegen-form button[type="submit"]');
  await page.waitForSelector('#datei-auswahl');
  const input = await page.$('#datei-auswahl');
  await (input as unknown as { uploadFile(...paths: string[]): Promise<void> }).uploadFile(
    ...(await readdir(broken)).map((n) => join(broken, n)),
  );
  await page.waitForSelector('#hochladen:not([disabled])');
  const cdp = await page.createCDPSession();
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 20,
    downloadThroughput: -1,
    uploadThroughput: 60 * 1024,
  });
  await page.click('#hochladen');
  const caught = await page
    .waitForFunction(
      () => Array.from(document.querySelectorAll('progress')).some((p) => p.value > 5 && p.value < 95),
      { timeout: 15_000, polling: 20 },
    )
    .then(() => true)
    .catch(() => false);
  if (caught) await shot(page, '03-hochladen.png');
  else process.stdout.write('  (Fortschritt nicht erwischt: 03-hochladen.png übersprungen)\n');
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
  await page.waitForFunction(() => document.getElementById('status-text')?.textContent === 'ungültig', {
    timeout: 60_000,
  });
  await page.waitForSelector('#pruef-ergebnis');
  await settled(page);
  await shot(page, '04-pruefbericht.png');

  await page.goto(`${stack.url}/portal/#/`);
  await page.waitForSelector('#analysen-tabelle');
  await settled(page);
  await shot(page, '02-kommune-analysen.png');

  await page.goto(`${stack.url}/portal/#/analyse/${AGS_A}/musterstadt-2026`);
  await page.waitForSelector('#download-pdf[href^="http"]');
  await settled(page);
  await shot(page, '05-bericht-fertig.png');
  await page.setViewport({ width: 390, height: 844 });
  await page.reload({ waitUntil: 'load' });
  await page.waitForSelector('#download-pdf[href^="http"]');
  await settled(page);
  await shot(page, '11-mobil-analyse.png');
  await page.setViewport({ width: 1280, height: 900 });

  await page.click('#abmelden');
  await signIn(page, TOKEN_LPR);
  await page.waitForSelector('#uebersicht-tabelle');
  await settled(page);
  await shot(page, '06-lpr-uebersicht.png');

  await page.goto(`${stack.url}/portal/#/vergleich/${AGS_A}/musterstadt-2026/1/2`);
  await page.waitForSelector('#vergleich-zusammenfassung');
  await shot(page, '07-versionsvergleich.png');

  await page.goto(`${stack.url}/portal/#/webhooks/${AGS_A}`);
  await page.waitForSelector('#webhook-form');
  await page.type('#webhook-url', 'http://127.0.0.1:9/sia-webhook');
  await page.type('#webhook-email', 'koordination@musterstadt.example');
  await page.click('#webhook-form button[type="submit"]');
  await page.waitForSelector('#webhook-geheimnis, #webhook-meldung .fehler');
  await settled(page);
  await shot(page, '08-webhooks.png');

  await page.goto(`${stack.url}/portal/#/hilfe`);
  await page.waitForSelector('#vorlagen a');
  await settled(page);
  await shot(page, '09-hilfe.png');

  await page.goto(`${stack.url}/portal/#/barrierefreiheit`);
  await page.waitForSelector('#feedback-form');
  await shot(page, '10-barrierefreiheit.png');

  if (chrome.foreignRequests.length > 0)
    throw new Error(`requests outside 127.0.0.1: ${chrome.foreignRequests.join(', ')}`);
  if (chrome.consoleErrors.length > 0) throw new Error(`console errors: ${chrome.consoleErrors.join(' | ')}`);
} finally {
  await chrome.close();
  await stack.stop();
  await printer?.close();
  await rm(work, { recursive: true, force: true });
}
