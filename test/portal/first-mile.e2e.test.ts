/**
 * The portal's first mile in a real Chromium against the full local stack (s3rver, dynalite, queue,
 * the real worker; a fake printer): "Neue Analyse" checks the form as the user types (German
 * messages under the fields, aria-invalid, an error summary with links that move the focus), creates
 * the analysis; "Dateien und Zuordnung" uploads an institute's SPSS file with population and crime,
 * proposes the mapping with sample values, saves it after a correction, and starts the analysis,
 * which becomes ready — a clerk never touches JSON. Any console error fails the test.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unnamedControls } from './a11y.js';
import { launchPortalBrowser, type PortalBrowser } from './browser.js';
import { AGS_A, startPortalStack, TOKEN_A, TOKEN_LPR } from './stack.js';
import type { TestStack } from '../support/local-stack.js';
import {
  CRIME_HEADER,
  crimeRows,
  csv,
  POPULATION_HEADER,
  populationRows,
} from '../core/validate/fixtures.js';

let t: TestStack & { url: string };
let chrome: PortalBrowser;
let dir: string;
const consoleErrors: string[] = [];

beforeAll(async () => {
  [t, chrome] = await Promise.all([startPortalStack(), launchPortalBrowser()]);
  dir = await mkdtemp(join(tmpdir(), 'sia-first-mile-'));
  await writeFile(join(dir, 'bevoelkerung.csv'), csv(POPULATION_HEADER, populationRows()));
  await writeFile(join(dir, 'kriminalitaet.csv'), csv(CRIME_HEADER, crimeRows()));
});

afterAll(async () => {
  await chrome?.close();
  await t?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function openPage(token: string): Promise<Page> {
  const page = await chrome.newPage();
  // Errors on this file's screens count; the existing analysis view (#/analyse/…) is another test's subject.
  const mine = () => !new URL(page.url()).hash.startsWith('#/analyse/');
  page.on('console', (m) => {
    if (m.type() === 'error' && mine()) consoleErrors.push(`${new URL(page.url()).hash}: ${m.text()}`);
  });
  page.on('pageerror', (e) => {
    if (mine()) consoleErrors.push(String(e));
  });
  await page.goto(`${t.url}/portal/`, { waitUntil: 'load' });
  await page.waitForSelector('body[data-bereit="ja"] #token');
  await page.type('#token', token);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.getElementById('angemeldet')?.hidden);
  return page;
}

const attr = (page: Page, selector: string, name: string) =>
  page.$eval(selector, (el, n) => el.getAttribute(n), name);
const text = (page: Page, selector: string) => page.$eval(selector, (el) => (el as HTMLElement).innerText);

/** A file of the analysis's upload sets (the portal's uploads go into the open set). */
async function uploaded(analysisId: string, name: string): Promise<Uint8Array | undefined> {
  const keys = await t.uploads.list(`uploads/${AGS_A}/${analysisId}/`);
  const key = keys
    .filter((k) => k.endsWith(`/${name}`))
    .sort()
    .at(-1);
  return key === undefined ? undefined : t.uploads.get(key);
}

async function upload(page: Page, selector: string, path: string): Promise<void> {
  const input = await page.$(selector);
  await (input as unknown as { uploadFile(...paths: string[]): Promise<void> }).uploadFile(path);
}

describe('first mile in the portal (Chromium, full local stack)', () => {
  let analysisId = '';

  it('Neue Analyse: checks as the user types, summarises the errors, creates the analysis', async () => {
    const page = await openPage(TOKEN_A);
    await page.click('#nav-neu');
    await page.waitForSelector('#neu-form');
    expect(await text(page, 'h1')).toBe('Neue Analyse');
    // the municipality's AGS is the signed-in user's and cannot be changed
    expect(
      await page.$eval('#kommune-ags', (el) => [
        (el as HTMLInputElement).value,
        (el as HTMLInputElement).readOnly,
      ]),
    ).toEqual([AGS_A, true]);
    // the municipality is in the list (the stack's extract has Musterstadt): name and Kreis come with it
    expect(await page.$eval('#kommune-name', (el) => (el as HTMLInputElement).value)).toBe('Musterstadt');
    await page.waitForFunction(() =>
      document.getElementById('kreis-info')?.textContent?.includes('Kreis Mittelsachsen'),
    );
    expect(await attr(page, '#kommune-ags', 'aria-invalid')).toBeNull();

    await page.type('#berichtsjahr', '19');
    await page.waitForFunction(() =>
      document.getElementById('berichtsjahr-fehler')?.textContent?.includes('plausibles'),
    );
    expect(await attr(page, '#berichtsjahr', 'aria-invalid')).toBe('true');
    expect(await text(page, '#berichtsjahr-fehler')).toBe(
      'Wert „19“ ist kein plausibles Berichtsjahr (erwartet: 2000 bis 2100).',
    );
    expect(await attr(page, '#berichtsjahr', 'aria-describedby')).toContain('berichtsjahr-fehler');

    // submit with gaps: an error summary with links, focused; a link moves the focus to its field
    await page.click('#neu-form button[type="submit"]');
    await page.waitForSelector('#fehlerliste [role="alert"]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('fehlerliste');
    const listed = await page.$$eval('#fehlerliste li', (els) =>
      els.map((e) => (e as HTMLElement).innerText),
    );
    expect(listed).toEqual(
      expect.arrayContaining([
        'Kennung Gebiet 1: Darf nicht leer sein (erwartet: Kennung des Gebiets, z. B. „01“).',
        'Berichtsjahr: Wert „19“ ist kein plausibles Berichtsjahr (erwartet: 2000 bis 2100).',
      ]),
    );
    await page.click('#fehlerliste a[href="#berichtsjahr"]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('berichtsjahr');

    // correct everything with the keyboard and the buttons
    await page.$eval('#berichtsjahr', (el) => ((el as HTMLInputElement).value = ''));
    await page.type('#berichtsjahr', '2025');
    await page.type('#gebiet-0-id', '01');
    await page.type('#gebiet-0-name', 'Altstadt');
    await page.click('#gebiet-hinzufuegen');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('gebiet-1-id');
    await page.keyboard.type('02');
    await page.type('#gebiet-1-name', 'Nordviertel');
    await page.select('#modus', 'Papier und online');
    await page.type('#angeschrieben', '40');
    await page.type('#neu-analyse-id', 'erste-meile');
    await page.waitForFunction(
      () => document.getElementById('berichtsjahr')?.getAttribute('aria-invalid') === null,
    );
    expect(await unnamedControls(page)).toEqual([]);
    await page.click('#neu-form button[type="submit"]');
    await page.waitForFunction(() => location.hash.startsWith('#/zuordnung/'));
    expect(await page.evaluate(() => location.hash)).toBe(`#/zuordnung/${AGS_A}/erste-meile`);
    analysisId = 'erste-meile';
    const draft = await page.evaluate((k) => sessionStorage.getItem(k), `sia-entwurf:${AGS_A}/erste-meile`);
    expect(JSON.parse(draft ?? '{}')).toEqual({
      kommune: { name: 'Musterstadt', ags: AGS_A },
      berichtsjahr: 2025,
      befragung: { angeschrieben: 40, modus: 'Papier und online' },
      gebiete: [
        { id: '01', name: 'Altstadt' },
        { id: '02', name: 'Nordviertel' },
      ],
      branding: { primaerfarbe: '#005CA9', akzentfarbe: '#E8A33D' },
    });

    // Zuordnung: the SPSS file, population and crime; the proposal with sample values
    await page.waitForSelector('#dateien-form');
    await upload(page, '#datei-befragung', resolve('test/fixtures/import/institut.sav'));
    await upload(page, '#datei-bevoelkerung', join(dir, 'bevoelkerung.csv'));
    await upload(page, '#datei-kriminalitaet', join(dir, 'kriminalitaet.csv'));
    await page.click('#dateien-form button[type="submit"]');
    await page.waitForSelector('#zuordnung-tabelle', { timeout: 30_000 });
    expect(await text(page, '#hochladen-status')).toBe(
      'Hochgeladen: befragung.sav, bevoelkerung.csv, kriminalitaet.csv.',
    );
    const chosen = await page.$$eval('#zuordnung-tabelle select', (els) =>
      els.map((e) => (e as HTMLSelectElement).value),
    );
    expect(chosen).toEqual([
      'id',
      'gebiet',
      'geschlecht',
      'alter',
      'sg_wohngegend_nacht',
      'sg_wohngegend_tag',
      'furcht_nacht',
      'opfer_einbruch',
      'angstort_1',
    ]);
    const rows = await page.$$eval('#zuordnung-tabelle tbody tr', (els) =>
      els.map((e) => (e as HTMLElement).innerText),
    );
    expect(rows[1]).toContain('„1“ (4×) → Altstadt');
    expect(rows[6]).toContain('„1“ (1×) → 5 – sehr oft');
    expect(rows[4]).toContain('Übereinstimmung 100 %');
    // the user decides not to use the free text
    await page.select('#ziel-8', '#ignorieren');
    expect(await unnamedControls(page)).toEqual([]);
    await page.click('#zuordnung-form button[type="submit"]');
    await page.waitForFunction(() =>
      document.getElementById('zuordnung-status')?.textContent?.includes('gespeichert'),
    );
    const saved = await uploaded(analysisId, 'befragung-zuordnung.json');
    expect(JSON.parse(new TextDecoder().decode(saved))).toMatchObject({
      spalten: { f01: 'sg_wohngegend_nacht', ortsteil: 'gebiet' },
      werte: { gebiet: { '1': '01', '2': '02' }, furcht_nacht: { '1': 5, '2': 4, '4': 2, '5': 1 } },
      ignorieren: ['bem'],
    });

    // start: analyse.json is written by the portal, last; the analysis runs to a report
    await page.click('#analyse-starten');
    await page.waitForFunction(() => location.hash.startsWith('#/analyse/'));
    // the job itself, from the job store (the analysis view's own polling is the other e2e test's subject)
    const ref = { ags: AGS_A, analysisId };
    const deadline = Date.now() + 120_000;
    let status = '';
    while (Date.now() < deadline) {
      status = (await t.jobs.listJobs(ref)).at(-1)?.status ?? '';
      if (['ready', 'invalid', 'failed'].includes(status)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe('ready');
    const manifest = await uploaded(analysisId, 'analyse.json');
    expect(JSON.parse(new TextDecoder().decode(manifest)).gebiete).toHaveLength(2);
    await page.close();
  }, 300_000);

  it('LPR staff pick the municipality from the list; its AGS and Kreis are filled in', async () => {
    const page = await openPage(TOKEN_LPR);
    await page.goto(`${t.url}/portal/#/neu`);
    await page.waitForSelector('#neu-form');
    expect(await attr(page, '#kommune-ags', 'readonly')).toBeNull();
    await page.type('#kommune-name', 'Chemnitz (14511000)');
    await page.waitForFunction(
      () => (document.getElementById('kommune-ags') as HTMLInputElement).value === '14511000',
    );
    await page.waitForFunction(() =>
      document.getElementById('kreis-info')?.textContent?.includes('Chemnitz'),
    );
    expect(await page.$eval('#kommune-name', (el) => (el as HTMLInputElement).value)).toBe('Chemnitz');
    expect(await text(page, '#kreis-info')).toBe('Chemnitz, Stadt, Kreis Chemnitz, Stadt (14511)');
    // the questionnaire: the printable PDF is a file of the portal, the .lss comes with the typed areas
    await page.type('#gebiet-0-id', '01');
    await page.type('#gebiet-0-name', 'Zentrum');
    await page.click('#fragebogen-lss');
    await page.waitForFunction(
      () => document.getElementById('live')?.textContent === 'fragebogen.lss wird heruntergeladen.',
    );
    expect(await text(page, '#fragebogen-status')).toBe('');
    const pdf = await page.evaluate(async () => {
      const href = (document.getElementById('fragebogen-pdf') as HTMLAnchorElement).href;
      const res = await fetch(href);
      return [res.status, res.headers.get('content-type'), (await res.text()).slice(0, 5)];
    });
    expect(pdf).toEqual([200, 'application/pdf', '%PDF-']);
    await page.close();
  });

  it('logged no console error and talked only to 127.0.0.1', () => {
    expect(consoleErrors).toEqual([]);
    expect(chrome.foreignRequests).toEqual([]);
  });
});
