/**
 * The report with the real chart catalogue (src/core/charts): every chart passes the SVG check, finds its
 * place (no "Weitere Abbildungen"), and the ids of all inlined SVGs stay unique.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildCharts, type Chart } from '../../../src/core/charts/index.js';
import { assembleReport, type AssembledReport } from '../../../src/core/report/assemble.js';
import { slotOf, quadrantChartId } from '../../../src/core/report/view/chart-slots.js';
import { sampleAnalysis } from '../../fixtures/analysis/sample-analysis.js';
import { baseInput, markupOf } from './helpers.js';

let charts: readonly Chart[];
let report: AssembledReport;

beforeAll(async () => {
  charts = await buildCharts(sampleAnalysis, { primary: '#005CA9', accent: '#E8A33D' });
  report = assembleReport(await baseInput(sampleAnalysis, { charts }));
});

describe('report with the real charts', () => {
  it('inlines every chart (none fails the SVG check) and places each exactly once', () => {
    expect(charts.length).toBeGreaterThan(10);
    expect(report.html).not.toContain('Die Grafik konnte nicht eingebunden werden');
    expect((report.html.match(/<figure /g) ?? []).length).toBe(charts.length);
    expect((report.html.match(/<svg /g) ?? []).length).toBe(charts.length);
  });

  it('has a place for every chart of the catalogue', () => {
    const pairs = new Set(
      sampleAnalysis.comparison.pairs.map((p) => quadrantChartId(p.surveyItem, p.crimeKey)),
    );
    for (const c of charts) expect(slotOf(c) !== undefined || pairs.has(c.id), c.id).toBe(true);
    expect(report.headings.some((h) => h.title.endsWith('Weitere Abbildungen'))).toBe(false);
  });

  it('keeps ids unique across all inlined SVGs and points every reference at an existing id', () => {
    const ids = [...report.html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(new Set(ids).size).toBe(ids.length);
    const known = new Set(ids);
    for (const m of report.html.matchAll(/url\(#([^)]+)\)|href="#([^"]+)"/g))
      expect(known.has(m[1] ?? m[2] ?? ''), m[0]).toBe(true);
  });

  it('contains no external reference in the chart markup', () => {
    expect(markupOf(report.html)).not.toMatch(/(?:https?|file):|(?:src|href)="\/\//i);
  });

  it('gives every figure its generated German text alternative', () => {
    for (const c of charts.slice(0, 5))
      expect(report.html).toContain(
        `aria-label="${c.alt.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&#39;')}"`,
      );
  });
});
