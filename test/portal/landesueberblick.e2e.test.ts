/**
 * The portal's survey-wave screens in Chromium against the local stack (issue 16), with analyses seeded
 * straight into the stack's stores: the LPR's Landesüberblick lists every municipality with its position,
 * a municipality sees only its own position, and a municipality records a measure with its date.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportPrefix } from '../../src/app/process-upload.js';
import { publishedAnalysis } from '../fixtures/waves/published.js';
import { seedReady } from '../api/seed.js';
import { unnamedControls } from './a11y.js';
import { launchPortalBrowser, type PortalBrowser } from './browser.js';
import { AGS_A, startPortalStack, TOKEN_A, TOKEN_LPR } from './stack.js';
import type { TestStack } from '../support/local-stack.js';

let t: TestStack & { url: string };
let chrome: PortalBrowser;
const OTHERS = ['14522001', '14522002', '14522003', '14522004', '14522005'];

beforeAll(async () => {
  [t, chrome] = await Promise.all([startPortalStack(), launchPortalBrowser()]);
  const put = async (ags: string, name: string, seq: string, safety: number) => {
    const ref = { ags, analysisId: 'befragung-2026' };
    const { version } = await seedReady(t.jobs, t.reports, ref, seq);
    const json = publishedAnalysis({
      ags,
      name,
      berichtsjahr: 2025,
      items: { sg_wohngegend_nacht: { total: [safety, 300], byArea: { '02': [0.5, 40] } } },
      crime: { 2025: [5000, 100_000] },
      recommendations: [{ id: 'angstraeume-staedtebau', title: 'Angsträume entschärfen', areas: ['02'] }],
    });
    await t.reports.put(
      `${reportPrefix(ref, version)}analysis.json`,
      new TextEncoder().encode(JSON.stringify(json)),
      'application/json',
    );
  };
  await put(AGS_A, 'Musterstadt', '0A01', 0.1);
  for (const [i, ags] of OTHERS.entries()) await put(ags, `Ort ${i + 2}`, `0B0${i}`, 0.2 + 0.1 * i);
}, 120_000);

afterAll(async () => {
  await chrome?.close();
  await t?.stop();
});

async function signIn(page: Page, token: string): Promise<void> {
  await page.goto(`${t.url}/portal/`, { waitUntil: 'load' });
  await page.waitForSelector('body[data-bereit="ja"] #token');
  await page.type('#token', token);
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !document.getElementById('angemeldet')?.hidden);
}

const bodyText = (page: Page) => page.$eval('main', (el) => (el as HTMLElement).innerText);

describe('portal: Landesüberblick and measures', () => {
  it('shows LPR staff every municipality with its position and offers the spreadsheet', async () => {
    const page = await chrome.newPage();
    await signIn(page, TOKEN_LPR);
    await page.goto(`${t.url}/portal/#/landesueberblick`);
    await page.waitForSelector('#kommunen-tabelle');
    // Safety at night 0.1 … 0.6: Q1 0.225, median 0.35, Q3 0.475 (QUARTILE.INC).
    const rows = await page.$$eval('#kommunen-tabelle tbody tr', (trs) =>
      trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent ?? '')),
    );
    expect(rows.map((r) => [r[0], r[3], r[4]])).toEqual([
      ['Musterstadt', '10,0 %', 'unteres Viertel'],
      ['Ort 2', '20,0 %', 'unteres Viertel'],
      ['Ort 3', '30,0 %', 'unter dem Median'],
      ['Ort 4', '40,0 %', 'über dem Median'],
      ['Ort 5', '50,0 %', 'oberes Viertel'],
      ['Ort 6', '60,0 %', 'oberes Viertel'],
    ]);
    expect(await page.$('#xlsx-herunterladen')).not.toBeNull();
    expect(await unnamedControls(page)).toEqual([]);
    await page.close();
  });

  it('shows a municipality only its own position, and lets it record a measure with its date', async () => {
    const page = await chrome.newPage();
    await signIn(page, TOKEN_A);
    await page.goto(`${t.url}/portal/#/landesueberblick`);
    await page.waitForSelector('#referenzwerte');
    const text = await bodyText(page);
    expect(text).toContain('Ihre Lage im Landesvergleich');
    expect(text).toContain('unteres Viertel');
    for (const other of ['Ort 2', 'Ort 6', ...OTHERS]) expect(text).not.toContain(other);
    expect(await page.$('#xlsx-herunterladen')).toBeNull();

    await page.goto(`${t.url}/portal/#/massnahmen/${AGS_A}/befragung-2026`);
    await page.waitForSelector('#datum-angstraeume-staedtebau');
    await page.$eval('#datum-angstraeume-staedtebau', (el) => {
      (el as HTMLInputElement).value = '2026-06-30';
    });
    await page.type('#notiz-angstraeume-staedtebau', 'LED-Beleuchtung am Bahnhof');
    await page.click('form.massnahme button[type="submit"]');
    await page.waitForFunction(() =>
      document
        .querySelector('form.massnahme .meldung.ok')
        ?.textContent?.startsWith('Umgesetzt seit 30.06.2026'),
    );
    expect(await unnamedControls(page)).toEqual([]);
    const stored = await fetch(`${t.url}/analyses/${AGS_A}/befragung-2026/measures`, {
      headers: { Authorization: `Bearer ${TOKEN_A}` },
    });
    expect(((await stored.json()) as { measures: unknown[] }).measures).toEqual([
      expect.objectContaining({
        recommendationId: 'angstraeume-staedtebau',
        implementedOn: '2026-06-30',
        areas: ['02'],
      }),
    ]);
    await page.close();
  });
});
