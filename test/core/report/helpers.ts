/** Shared fixtures for the report tests: the real templates and fonts, stub charts, text extraction. */
import type { Chart } from '../../../src/core/charts/index.js';
import type { Analysis } from '../../../src/core/analysis/schema.js';
import type { ReportAssets } from '../../../src/core/ports.js';
import type { ReportInput } from '../../../src/core/report/assemble.js';
import { loadReportAssets } from '../../../src/adapters/fs-assets.js';
import { sampleAnalysis } from '../../fixtures/analysis/sample-analysis.js';

let assets: Promise<ReportAssets> | undefined;

/** The repository's templates and fonts (loaded once per test file). */
export function reportAssets(): Promise<ReportAssets> {
  assets ??= loadReportAssets();
  return assets;
}

/** A tiny SVG like Vega's: namespace, a clip path with a per-view id, text. */
export function tinySvg(label = 'Wohngegend'): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" class="marks" width="200" height="60" viewBox="0 0 200 60"><defs><clipPath id="clip1"><rect width="200" height="60"/></clipPath></defs><g clip-path="url(#clip1)"><rect x="0" y="0" width="120" height="20" fill="#005CA9"/><text x="0" y="50">${label}</text></g></svg>`;
}

export function stubChart(id: string, section: Chart['section'], extra: Partial<Chart> = {}): Chart {
  return {
    id,
    section,
    title: `Grafik ${id}`,
    alt: `Textalternative zu ${id}`,
    svg: tinySvg(),
    spec: {},
    ...extra,
  } as Chart;
}

/** One chart per family the chart module produces, plus one for each other section. */
export function stubCharts(): Chart[] {
  return [
    stubChart('pks-entwicklung-index', 'crime'),
    stubChart('pks-deliktsstruktur', 'crime'),
    stubChart('pks-hz-vergleich', 'crime'),
    stubChart('befragung-ort-tageszeit', 'survey'),
    stubChart('befragung-kriminalitaetsfurcht', 'survey'),
    stubChart('befragung-furcht-geschlecht-alter', 'survey'),
    stubChart('befragung-incivilities-rangfolge', 'survey'),
    stubChart('befragung-opfer-anzeige', 'survey'),
    stubChart('befragung-wohngegend-nacht-gebiete', 'survey'),
    stubChart('profil-bevoelkerungspyramide', 'profile'),
    stubChart('vergleich-paradox', 'comparison'),
  ];
}

export const GENERATED_AT = '2026-11-25T09:00:00Z';

export async function baseInput(
  analysis: Analysis = sampleAnalysis,
  overrides: Partial<ReportInput> = {},
): Promise<ReportInput> {
  return {
    analysis,
    charts: stubCharts(),
    assets: await reportAssets(),
    logo: null,
    branding: { primary: '#005CA9', accent: '#E8A33D' },
    meta: { version: 2, generatedAt: GENERATED_AT, engineVersion: '0.1.0', templateVersion: 'tpl-test' },
    ...overrides,
  };
}

/** A deep copy of the sample analysis to modify in a test. */
export function cloneSample(): Analysis {
  return structuredClone(sampleAnalysis);
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};

export function unescapeHtml(s: string): string {
  return s.replace(/&(?:amp|lt|gt|quot|#39);/g, (m) => ENTITIES[m] ?? m);
}

/** The visible text of the body: tags removed, entities decoded, whitespace collapsed (NBSP kept). */
export function textOf(html: string): string {
  const start = html.indexOf('<body');
  const body = start >= 0 ? html.slice(start) : html;
  return unescapeHtml(body.replace(/<svg[\s\S]*?<\/svg>/g, ' ').replace(/<[^>]+>/g, ' ')).replace(
    /[ \t\r\n]+/g,
    ' ',
  );
}

/** The markup without text nodes and without the <style> content: tags and attributes only. */
export function markupOf(html: string): string {
  return html.replace(/<style>[\s\S]*?<\/style>/, '<style></style>').replace(/>[^<]*</g, '><');
}

export function styleOf(html: string): string {
  return /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
}

/** Rows (`<tr>…</tr>`) of the table whose caption contains `caption`. */
export function tableRows(html: string, caption: string): string[] {
  const tables = html.split('<table').slice(1);
  const t = tables.find((x) => {
    const c = /<caption>([\s\S]*?)<\/caption>/.exec(x)?.[1] ?? '';
    return unescapeHtml(c.replace(/<[^>]+>/g, '')).includes(caption);
  });
  if (!t) throw new Error(`no table with caption ${caption}`);
  return [...t.slice(0, t.indexOf('</table>')).matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => m[1] ?? '');
}

export const NBSP = '\u00A0';
