/**
 * The wave comparison on two small synthetic analysis.json: matching by codebook and area id, the test of
 * each cell (hand-computed), the Benjamini–Hochberg correction, PKS over the combined period, the earlier
 * recommendations' indicators, and disclosure across waves.
 */
import { describe, expect, it } from 'vitest';
import { Development } from '../../../src/core/waves/schema.js';
import { auditDevelopment, developmentFor, readPublished } from '../../../src/core/waves/index.js';
import type { PublishedAnalysis } from '../../../src/core/waves/published.js';
import { publishedAnalysis } from '../../fixtures/waves/published.js';

const before = publishedAnalysis({
  berichtsjahr: 2025,
  surveyYear: 2026,
  areas: [
    { id: '01', name: 'Altstadt', population: 4000 },
    { id: '02', name: 'Bahnhofsviertel', population: 3000 },
    { id: '03', name: 'Nordviertel', population: 3000 },
    { id: '04', name: 'Südstadt', population: 2000 },
  ],
  items: {
    sg_wohngegend_nacht: {
      label: 'Wohngegend, nachts',
      total: [0.3, 300],
      byArea: { '01': [0.3, 60], '02': [0.56, 32], '03': [0.33, 70], '04': [0.2, 50] },
    },
    furcht_nacht: { total: [0.13, 300], byArea: { '01': [0.1, 60], '02': 'hidden' } },
    problem_muell: { total: [0.34, 300], scale: 'problem4' },
    problem_graffiti: { label: 'Graffiti', total: [0.29, 300] },
    opfer_einbruch: { total: [0.02, 300] },
  },
  crime: {
    2021: [1000, 20000],
    2022: [1000, 20000],
    2023: [1000, 20000],
    2024: [1000, 20000],
    2025: [1000, 20000],
  },
  recommendations: [
    { id: 'angstraeume-staedtebau', title: 'Angsträume entschärfen', areas: ['02'] },
    { id: 'kpr-staerken', title: 'KPR stärken' },
    { id: 'einbruchschutz-nachbarschaft', title: 'Einbruchschutz', areas: ['01'] },
  ],
});

const after = publishedAnalysis({
  berichtsjahr: 2028,
  surveyYear: 2029,
  predecessor: 'musterstadt',
  areas: [
    { id: '01', name: 'Altstadt', population: 4000 },
    { id: '02', name: 'Bahnhofsviertel', population: 3000 },
    { id: '03', name: 'Nordstadt', population: 3000 },
    { id: '05', name: 'Neubaugebiet', population: 1000 },
  ],
  items: {
    sg_wohngegend_nacht: {
      label: 'Wohngegend, nachts',
      total: [0.25, 400],
      byArea: { '01': [0.32, 80], '02': [0.19, 46], '03': [0.3, 90], '05': [0.2, 20] },
    },
    furcht_nacht: { total: [0.14, 400], byArea: { '01': [0.12, 80], '02': [0.1, 46] } },
    problem_muell: { total: [0.3, 400], scale: 'problem5' },
    problem_drogen: { label: 'Drogen', total: [0.2, 400] },
    opfer_einbruch: { total: [0.03, 400] },
  },
  crime: {
    2024: [1010, 20000],
    2025: [1000, 20000],
    2026: [900, 20000],
    2027: [900, 20000],
    2028: [900, 20000],
  },
});

const measures = [
  {
    recommendationId: 'angstraeume-staedtebau',
    implementedOn: '2027-06-30',
    areas: ['02'],
    note: 'LED-Beleuchtung',
  },
  { recommendationId: 'gibt-es-nicht', implementedOn: '2027-01-01', areas: [], note: null },
];

function compare(): Development {
  const r = developmentFor(after, 'musterstadt-2029', {
    status: 'found',
    analysisId: 'musterstadt',
    analysis: before,
    measures,
  });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

const published = (json: unknown): PublishedAnalysis => {
  const r = readPublished(json);
  if (!r.ok) throw new Error(r.error);
  return r.value;
};

describe('compareWaves', () => {
  const d = compare();
  const item = (code: string) => d.items.find((i) => i.code === code);

  it('is a valid development block naming both waves and the method', () => {
    expect(Development.safeParse(d).success).toBe(true);
    expect(d.before).toMatchObject({ analysisId: 'musterstadt', berichtsjahr: 2025, surveyYear: 2026 });
    expect(d.after).toMatchObject({ analysisId: 'musterstadt-2029', berichtsjahr: 2028, surveyYear: 2029 });
    expect(d.method).toMatchObject({
      test: 'two-sample-z-kish',
      multipleTesting: 'benjamini-hochberg',
      alpha: 0.05,
    });
  });

  it('matches areas by id and name and lists the others, never comparing them', () => {
    expect(d.matching.areas.map((a) => a.id)).toEqual(['01', '02']);
    expect(d.matching.unmatchedAreas.map((u) => [u.id, u.reason])).toEqual([
      ['03', 'name-changed'],
      ['05', 'only-after'],
      ['04', 'only-before'],
    ]);
    expect(d.matching.unmatchedAreas[0]?.text).toBe(
      'Das Gebiet 03 hieß bei der Befragung 2026 „Nordviertel“ und heißt jetzt „Nordstadt“; ob es gleich abgegrenzt ist, ist nicht sicher. Es wird nicht verglichen.',
    );
    expect(Object.keys(item('sg_wohngegend_nacht')?.byArea ?? {})).toEqual(['01', '02']);
  });

  it('matches items by codebook code with the same scale; lists the others', () => {
    expect(d.matching.unmatchedItems.map((u) => [u.code, u.reason])).toEqual([
      ['problem_muell', 'definition-changed'],
      ['problem_drogen', 'only-after'],
      ['problem_graffiti', 'only-before'],
    ]);
    // Compared: core indicators (and the earlier recommendations' indicators) asked in both waves.
    expect(d.items.map((i) => i.code)).toEqual(['sg_wohngegend_nacht', 'furcht_nacht']);
  });

  it('tests each cell with the two-sample z-test on n_eff and corrects over all cells (hand-computed)', () => {
    const sg = item('sg_wohngegend_nacht');
    // Bahnhofsviertel: 0.56 (n_eff 32) → 0.19 (n_eff 46): p̄ = 26.66/78 = 0.341795,
    // se = √(0.341795 · 0.658205 · (1/32 + 1/46)) = 0.109183, z = −0.37/0.109183 = −3.38879, p = 0.000702.
    const c = sg?.byArea['02'];
    expect(c?.status).toBe('compared');
    if (c?.status !== 'compared') return;
    expect(c.difference).toBeCloseTo(-0.37, 12);
    expect(c.z).toBeCloseTo(-3.3887920977465065, 9);
    expect(c.p).toBeCloseTo(0.000702012147807185, 9);
    // Five compared cells; BH: 5/1 · 0.000702 = 0.00351 → significant, the others not.
    expect(c.pAdjusted).toBeCloseTo(0.003510060739035925, 9);
    expect(c).toMatchObject({ significant: true, direction: 'gesunken' });
    const total = sg?.total;
    expect(total?.status === 'compared' && [total.p, total.pAdjusted, total.significant]).toEqual([
      expect.closeTo(0.14098431529679978, 9),
      expect.closeTo(0.35246078824199945, 9),
      false,
    ]);
    expect(d.summary).toEqual({ compared: 5, significant: 1, improved: 1, worsened: 0, notCompared: 1 });
  });

  it('never compares a cell either wave hides, and carries no figure for it', () => {
    expect(item('furcht_nacht')?.byArea['02']).toEqual({ status: 'not-compared', reason: 'hidden-before' });
  });

  it('shows the PKS over the combined period, the later wave where both have a year, and the rate after vs before', () => {
    const s = d.crime.series.find((x) => x.key === '------' && x.areaId === null);
    expect(d.crime.years).toEqual([2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028]);
    expect(s?.years.map((y) => [y.year, y.cases, y.source])).toEqual([
      [2021, 1000, 'before'],
      [2022, 1000, 'before'],
      [2023, 1000, 'before'],
      [2024, 1010, 'after'],
      [2025, 1000, 'after'],
      [2026, 900, 'after'],
      [2027, 900, 'after'],
      [2028, 900, 'after'],
    ]);
    expect(d.crime.revisions).toEqual([
      { key: '------', areaId: null, year: 2024, casesBefore: 1000, casesAfter: 1010 },
    ]);
    // 2026–2028: 2,700 cases vs 2023–2025: 3,010 on the same population: RR = 2700/3010.
    expect(s?.period).toMatchObject({
      beforeYears: [2023, 2024, 2025],
      afterYears: [2026, 2027, 2028],
      significant: true,
    });
    expect(s?.period?.rateRatio).toBeCloseTo(2700 / 3010, 12);
  });

  it('evaluates each earlier recommendation by its indicators (as the tables test them) and shows the recorded measure', () => {
    const [angst, kpr, einbruch] = d.recommendations;
    expect(angst?.measure).toEqual(measures[0]);
    expect(angst?.result).toBe('verbessert');
    expect(angst?.indicators.map((x) => [x.areaId, x.result, x.pAdjusted])).toEqual([
      [null, 'keine-gesicherte-veraenderung', expect.closeTo(0.35246078824199945, 9)],
      ['02', 'verbessert', expect.closeTo(0.003510060739035925, 9)],
    ]);
    expect(kpr?.result).toBe('ohne-messbaren-indikator');
    expect(einbruch?.result).toBe('nicht-vergleichbar');
    expect(d.unassignedMeasures.map((m) => m.recommendationId)).toEqual(['gibt-es-nicht']);
  });

  it('refuses another municipality or a predecessor that is not earlier', () => {
    const other = publishedAnalysis({ ags: '14511000', name: 'Chemnitz', berichtsjahr: 2025, items: {} });
    const r = developmentFor(after, null, { status: 'found', analysisId: 'x', analysis: other });
    expect(r).toEqual({
      ok: false,
      error: 'Die frühere Analyse gehört zu Chemnitz (14511000), nicht zu Musterstadt (14522999).',
    });
    const later = developmentFor(before, null, { status: 'found', analysisId: 'x', analysis: after });
    expect(!later.ok && later.error).toBe(
      'Die frühere Analyse hat das Berichtsjahr 2028; als Vorgänger kommt nur ein früheres Berichtsjahr als 2025 in Frage.',
    );
    expect(developmentFor(after, null, { status: 'found', analysisId: 'x', analysis: { meta: {} } }).ok).toBe(
      false,
    );
  });

  it('does not compare an area whose share of the population changed by more than a fifth (redrawn)', () => {
    const redrawn = publishedAnalysis({
      berichtsjahr: 2028,
      areas: [
        { id: '01', name: 'Altstadt', population: 4000 },
        { id: '02', name: 'Bahnhofsviertel', population: 6000 },
      ],
      items: { sg_wohngegend_nacht: { total: [0.25, 400], byArea: { '01': [0.3, 80], '02': [0.2, 46] } } },
    });
    const r = developmentFor(redrawn, null, { status: 'found', analysisId: 'x', analysis: before });
    expect(r.ok && r.value.matching.unmatchedAreas.find((u) => u.id === '02')?.reason).toBe(
      'population-changed',
    );
  });
});

describe('disclosure across waves', () => {
  const d = compare();
  const b = published(before);
  const a = published(after);

  it('every survey figure of the comparison is one its wave publishes, and hidden cells carry none', () => {
    expect(auditDevelopment(d, b, a)).toEqual([]);
    // Total-minus-shown differencing on the comparison uses only figures each wave already publishes:
    // the comparison's cells of a wave are a subset of that wave's published cells.
    for (const [wave, source] of [
      ['before', b],
      ['after', a],
    ] as const) {
      for (const i of d.items) {
        const cells = [['gesamt', i.total], ...Object.entries(i.byArea)] as const;
        for (const [group, c] of cells) {
          if (c.status !== 'compared') continue;
          const p =
            group === 'gesamt'
              ? source.survey.items[i.code]?.total
              : source.survey.items[i.code]?.byArea[group];
          expect(p && !('hidden' in p && p.hidden) && p.negativeShareWeighted).toBe(
            c[wave].negativeShareWeighted,
          );
        }
      }
    }
    expect(JSON.stringify(d.items.find((i) => i.code === 'furcht_nacht')?.byArea['02'])).toBe(
      '{"status":"not-compared","reason":"hidden-before"}',
    );
  });

  it('flags a comparison that would publish anything else', () => {
    const tampered = structuredClone(d);
    const c = tampered.items[0]?.byArea['02'];
    if (c?.status === 'compared') c.before.negativeShareWeighted = 0.5;
    const hidden = tampered.items[1]?.byArea['02'] as Record<string, unknown>;
    hidden['difference'] = 0.1;
    expect(auditDevelopment(tampered, b, a)).toEqual([
      'sg_wohngegend_nacht/02: Wert der früheren Welle weicht vom veröffentlichten ab',
      'furcht_nacht/02: nicht verglichene Zelle trägt Werte',
    ]);
  });
});
