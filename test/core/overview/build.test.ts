/**
 * The state overview from synthetic analysis.json of several municipalities: latest analysis per
 * municipality, reference values (Excel QUARTILE.INC) only from five contributors on, positions, the
 * recommendations by frequency and the waves; a municipality's view holds nothing of the others.
 */
import { describe, expect, it } from 'vitest';
import { buildOverview, ownPosition, positionOf, quantile } from '../../../src/core/overview/index.js';
import { Overview, OwnPosition } from '../../../src/core/overview/schema.js';
import { publishedAnalysis } from '../../fixtures/waves/published.js';

const GENERATED = '2029-06-01T10:00:00.000Z';

/** Six municipalities; Ort 6 has a limited (n < 30) safety value; Ort 1 has two waves. */
function sources() {
  const town = (
    i: number,
    safety: number,
    hz: number,
    extra: Partial<Parameters<typeof publishedAnalysis>[0]> = {},
  ) => ({
    source: `ort-${i}`,
    analysisId: `ort-${i}`,
    json: publishedAnalysis({
      ags: `1452200${i}`,
      name: `Ort ${i}`,
      berichtsjahr: 2025,
      items: { sg_wohngegend_nacht: { total: [safety, 300] } },
      crime: { 2025: [hz, 100_000] },
      regional: { kreisRate: 4000, landRate: 5000 },
      incivilities: [
        ['problem_muell', 'Müll', 0.2 + i / 100],
        ['problem_raser', 'Raser', 0.3],
      ],
      victimisation: [
        ['diebstahl', 0.05],
        ['einbruch', null],
      ],
      recommendations: [
        { id: 'kpr-staerken', title: 'KPR stärken' },
        ...(i % 2 ? [{ id: 'saubere-stadt', title: 'Saubere Stadt' }] : []),
      ],
      ...extra,
    }),
  });
  return [
    town(1, 0.1, 3000, { surveyYear: 2023, berichtsjahr: 2022 }),
    town(1, 0.2, 4000, {
      berichtsjahr: 2028,
      crime: { 2028: [4000, 100_000] },
      development: {
        before: { analysisId: 'ort-1', berichtsjahr: 2022, surveyYear: 2023 },
        items: [
          { code: 'sg_wohngegend_nacht', total: { status: 'compared', difference: 0.1, significant: false } },
        ],
        summary: { compared: 10, significant: 1, improved: 1, worsened: 0 },
      },
    }),
    town(2, 0.3, 5000),
    town(3, 0.4, 6000),
    town(4, 0.5, 7000),
    town(5, 0.6, 8000),
    {
      ...town(6, 0.9, 9000),
      json: publishedAnalysis({
        ags: '14522006',
        name: 'Ort 6',
        berichtsjahr: 2025,
        items: { sg_wohngegend_nacht: { total: [0.9, 20, true] } },
        crime: { 2025: [9000, 100_000] },
      }),
    },
    { source: 'kaputt', analysisId: null, json: { meta: 'nichts' } },
  ];
}

describe('reference values', () => {
  it('quartiles as Excel QUARTILE.INC (R type 7)', () => {
    expect([0.25, 0.5, 0.75].map((p) => quantile([1, 2, 3, 4, 5], p))).toEqual([2, 3, 4]);
    expect([0.25, 0.5, 0.75].map((p) => quantile([1, 2, 3, 4], p))).toEqual([1.75, 2.5, 3.25]);
  });

  it('positions against the quartiles', () => {
    const r = { indicator: 'x', contributors: 5, q1: 2, median: 3, q3: 4 };
    expect([1, 2, 3, 3.5, 4, 5].map((v) => positionOf(v, r))).toEqual([
      'unteres-viertel',
      'unter-median',
      'unter-median',
      'ueber-median',
      'ueber-median',
      'oberes-viertel',
    ]);
    expect(positionOf(3, { ...r, contributors: 4, q1: null, median: null, q3: null })).toBeNull();
  });
});

describe('buildOverview', () => {
  const o = buildOverview(sources(), GENERATED);
  const ref = (id: string) => o.references.find((r) => r.indicator === id);
  const row = (name: string) => o.rows.find((r) => r.name === name);

  it('lists every municipality once, with its latest analysis, and says what it could not read', () => {
    expect(Overview.safeParse(o).success).toBe(true);
    expect(o.rows.map((r) => r.name)).toEqual(['Ort 1', 'Ort 2', 'Ort 3', 'Ort 4', 'Ort 5', 'Ort 6']);
    expect(row('Ort 1')).toMatchObject({ berichtsjahr: 2028, surveyYear: 2029 });
    expect(row('Ort 1')?.waves.map((w) => w.surveyYear)).toEqual([2023, 2029]);
    expect(row('Ort 1')?.development).toEqual({
      beforeYear: 2023,
      beforeBerichtsjahr: 2022,
      compared: 10,
      improved: 1,
      worsened: 0,
      safetyNight: { difference: 0.1, significant: false },
    });
    expect(o.skipped.map((s) => s.source)).toEqual(['kaputt']);
  });

  it('computes reference values over municipalities without limited values, from five on', () => {
    // Safety at night: 0.2, 0.3, 0.4, 0.5, 0.6 (Ort 6 is limited): Q1 0.3, median 0.4, Q3 0.5.
    expect(ref('survey:sg_wohngegend_nacht')).toEqual({
      indicator: 'survey:sg_wohngegend_nacht',
      contributors: 5,
      q1: expect.closeTo(0.3, 12),
      median: expect.closeTo(0.4, 12),
      q3: expect.closeTo(0.5, 12),
    });
    // HZ: 4000 … 9000 (six): Q1 = 5250, median 6500, Q3 = 7750.
    expect(ref('crime:hz')).toMatchObject({ contributors: 6, q1: 5250, median: 6500, q3: 7750 });
    // Burglary victimisation is suppressed everywhere: no reference value.
    expect(ref('victim:einbruch')).toEqual({
      indicator: 'victim:einbruch',
      contributors: 0,
      q1: null,
      median: null,
      q3: null,
    });
    const safety = (name: string) =>
      row(name)?.values.find((v) => v.indicator === 'survey:sg_wohngegend_nacht');
    expect(safety('Ort 1')?.position).toBe('unteres-viertel');
    expect(safety('Ort 5')?.position).toBe('oberes-viertel');
    expect(safety('Ort 6')).toMatchObject({ value: 0.9, limited: true, position: null });
    expect(row('Ort 2')?.values.find((v) => v.indicator === 'crime:hz-kreis')?.value).toBeCloseTo(1.25, 12);
  });

  it('counts the recommendations of the latest analyses', () => {
    expect(o.recommendations.map((r) => [r.id, r.count])).toEqual([
      ['kpr-staerken', 5],
      ['saubere-stadt', 3],
    ]);
    expect(o.recommendations[1]?.share).toBeCloseTo(0.5, 12);
  });

  it('gives a municipality only the reference values and its own row', () => {
    const own = ownPosition(o, '14522003');
    expect(OwnPosition.safeParse(own).success).toBe(true);
    expect(own.own?.name).toBe('Ort 3');
    const text = JSON.stringify(own);
    for (const other of ['Ort 1', 'Ort 2', 'Ort 4', 'Ort 5', 'Ort 6', '14522002', 'kaputt'])
      expect(text).not.toContain(other);
    expect(ownPosition(o, '14999999').own).toBeNull();
  });
});
