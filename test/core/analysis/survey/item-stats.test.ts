import { describe, expect, it } from 'vitest';
import { findItem } from '../../../../src/core/model/codebook.js';
import { GroupShareStat, ItemResult, type ShareStat } from '../../../../src/core/analysis/schema.js';
import { surveyContext } from '../../../../src/core/analysis/survey/context.js';
import { itemPlan, itemResult } from '../../../../src/core/analysis/survey/item-stats.js';
import { computeWeights } from '../../../../src/core/analysis/survey/weights.js';
import type { Dataset } from '../../../../src/core/model/dataset.js';
import { makeDataset, times, type RespondentSpec } from './make-dataset.js';

function stats(dataset: Dataset, code: string, weights = computeWeights(dataset).weights): ItemResult {
  const ctx = surveyContext(dataset, weights);
  return ItemResult.parse(itemResult(itemPlan(ctx, findItem(code)!, dataset.survey.items[code]!)));
}

function shown(t: ItemResult['total']): ShareStat {
  if ('suppressed' in t) throw new Error('total suppressed');
  return t;
}

const sg = (v: number): RespondentSpec['items'] => ({ sg_wohngegend_nacht: v });

describe('itemResult on a hand-made 12-respondent survey', () => {
  // 6 women answer 1, 2, 2, 3, 4, 3; 6 men answer 8, 9, 9, empty, 2, 1. All in area 01, age 16-39.
  // Weights given directly (the weighting has its own tests): every woman weighs 50, every man
  // 16.667 — as raking to w 300, m 100 would give (relative 1.5 and 0.5, × 400 / 12).
  const respondents: RespondentSpec[] = [
    ...[1, 2, 2, 3, 4, 3].map((v) => ({ area: '01', sex: 'w' as const, age: '16-39', items: sg(v) })),
    ...[8, 9, 9, 0, 2, 1].map((v) => ({ area: '01', sex: 'm' as const, age: '16-39', items: sg(v) })),
  ];
  const dataset = makeDataset({
    respondents,
    population: [
      ['01', 'w', '16-39', 300],
      ['01', 'm', '16-39', 100],
    ],
    mindestfallzahl: 5,
  });
  const weights = Float64Array.from({ length: 12 }, (_, i) => (i < 6 ? 50 : 50 / 3));
  const r = stats(dataset, 'sg_wohngegend_nacht', weights);
  const t = shown(r.total);

  it('labels from the codebook', () => {
    expect(r.label).toBe('Wohngegend, nachts');
    expect(r.negativeLabel).toBe('eher/sehr unsicher');
    expect(r.scale).toBe('sicher4');
    expect(t.distribution.map((d) => d.label)).toEqual([
      'sehr sicher',
      'eher sicher',
      'eher unsicher',
      'sehr unsicher',
    ]);
  });

  it('unweighted: n, distribution, negative share, 8/9/empty', () => {
    // valid codes: 1,2,2,3,4,3 (women) + 2,1 (men) = 8 → codes 1:2, 2:3, 3:2, 4:1
    expect(t.n).toBe(8);
    expect(t.distribution.map((d) => d.share)).toEqual([2 / 8, 3 / 8, 2 / 8, 1 / 8]);
    // negative = codes 3, 4 = 3 of 8
    expect(t.negativeShare).toBe(0.375);
    // non-empty = 8 valid + one 8 + two 9 = 11
    expect(t.dontKnowShare).toBeCloseTo(2 / 11, 12);
    expect(t.notApplicableShare).toBeCloseTo(1 / 11, 12);
    expect(t.missing).toBe(1);
    expect(t.limited).toBe(true);
  });

  it('weighted: distribution, negative share, effective n, Wilson interval', () => {
    // Σw over valid answers = 6·50 + 2·16.667 = 333.333
    // code 1: 50 + 16.667 = 66.667 → 0.20; code 2: 100 + 16.667 → 0.35; code 3: 100 → 0.30; code 4: 50 → 0.15
    t.distribution.forEach((d, i) => expect(d.shareWeighted).toBeCloseTo([0.2, 0.35, 0.3, 0.15][i]!, 6));
    // negative weighted = (100 + 50) / 333.333 = 0.45
    expect(t.negativeShareWeighted).toBeCloseTo(0.45, 6);
    // n_eff = 333.333² / (6·50² + 2·16.667²) = 111111.1 / 15555.56 = 7.142857 (= 50/7)
    expect(t.effectiveN).toBeCloseTo(50 / 7, 5);
    // Wilson(0.45, 7.142857): z²/n = 0.537804, centre = (0.45 + 0.268902)/1.537804 = 0.467486,
    // half = 1.959964·sqrt(0.2475/7.142857 + 3.841459/204.0816)/1.537804 = 0.294724 → [0.1728, 0.7622]
    expect(t.ci95[0]).toBeCloseTo(0.1728, 4);
    expect(t.ci95[1]).toBeCloseTo(0.7622, 4);
  });

  it('breakdowns: suppression with mindestfallzahl 5', () => {
    // Men n = 2 < 5 → primary; no respondent without sex, so showing the women (n = 6) would reveal
    // the men as total − women → women secondary. d is not published (assigned to w or m, cells.ts).
    expect(r.bySex['w']).toEqual({ n: 6, suppressed: true, reason: 'secondary', rule: 'secondary-size' });
    expect(r.bySex['m']).toEqual({ n: 2, suppressed: true, reason: 'primary', rule: 'primary' });
    expect(r.bySex['d']).toBeUndefined();
    // Area 01 holds all 8 answers; 02 and 03 are empty → 01 shown and equal to the total, with
    // the share and interval only (no distribution for groups).
    expect(r.byArea['01']).toEqual(GroupShareStat.parse(t));
    expect(r.byArea['01']).not.toHaveProperty('distribution');
    expect(r.byArea['02']).toEqual({ n: 0, suppressed: true, reason: 'primary', rule: 'primary' });
    expect(Object.keys(r.byAgeGroup)).toEqual(['16-39', '40-64', '65+']);
  });
});

describe('itemResult: secondary suppression by area', () => {
  const base = (unknownArea: number): RespondentSpec[] => [
    ...times(20, { area: '01', sex: 'w', age: '16-39', items: sg(3) }),
    ...times(15, { area: '02', sex: 'm', age: '40-64', items: sg(1) }),
    ...times(4, { area: '03', sex: 'w', age: '65+', items: sg(4) }),
    ...times(unknownArea, { area: null, sex: 'm', age: '65+', items: sg(2) }),
  ];

  it('area 03 (n 4) below 10 and no unknown area: area 02 (n 15, the smallest shown) is suppressed too', () => {
    const r = stats(makeDataset({ respondents: base(0) }), 'sg_wohngegend_nacht');
    expect(r.byArea['03']).toEqual({ n: 4, suppressed: true, reason: 'primary', rule: 'primary' });
    expect(r.byArea['02']).toEqual({ n: 15, suppressed: true, reason: 'secondary', rule: 'secondary-size' });
    expect(r.byArea['01']).toMatchObject({ n: 20, negativeShare: 1 });
  });

  it('with 12 respondents of unknown area the hidden area is masked: no secondary', () => {
    const r = stats(makeDataset({ respondents: base(12) }), 'sg_wohngegend_nacht');
    const t = shown(r.total);
    expect(r.byArea['03']).toEqual({ n: 4, suppressed: true, reason: 'primary', rule: 'primary' });
    expect(r.byArea['02']).toMatchObject({ n: 15, negativeShare: 0, limited: true });
    expect(t.n).toBe(51);
  });
});

describe('itemResult: anzeige among victims only', () => {
  const victims = (reported: number, notReported: number): RespondentSpec[] => [
    ...times(reported, {
      area: '01',
      sex: 'w',
      age: '16-39',
      items: { opfer_einbruch: 1, anzeige_einbruch: 1 },
    }),
    ...times(notReported, {
      area: '02',
      sex: 'm',
      age: '65+',
      items: { opfer_einbruch: 1, anzeige_einbruch: 2 },
    }),
    { area: '02', sex: 'w', age: '65+', items: { opfer_einbruch: 1, anzeige_einbruch: 9 } },
    // not victims (an answer to the filtered question is ignored)
    { area: '01', sex: 'm', age: '40-64', items: { opfer_einbruch: 2, anzeige_einbruch: 1 } },
    ...times(5, { area: '03', sex: 'm', age: '40-64', items: { opfer_einbruch: 2 } }),
  ];

  it('the base of anzeige_einbruch is the respondents with opfer_einbruch = 1', () => {
    const respondents = victims(5, 3);
    const r = stats(makeDataset({ respondents, mindestfallzahl: 5 }), 'anzeige_einbruch');
    const t = shown(r.total);
    // valid among victims: 5 × 1, 3 × 2 → n 8; not reported (code 2) = 3/8; "weiß nicht" 1 of 9 non-empty
    expect(t.n).toBe(8);
    expect(t.negativeShare).toBeCloseTo(3 / 8, 12);
    expect(t.dontKnowShare).toBeCloseTo(1 / 9, 12);
    // the 6 non-victims are outside the base: none of them counts as missing
    expect(t.missing).toBe(0);
    const opfer = shown(stats(makeDataset({ respondents, mindestfallzahl: 5 }), 'opfer_einbruch').total);
    expect(opfer.n).toBe(15);
    expect(opfer.negativeShare).toBeCloseTo(9 / 15, 12);
  });

  it('an item with fewer valid answers than mindestfallzahl is hidden everywhere, its total included', () => {
    // 2 reported, 1 not: n = 3 < 10. "angezeigt" = 1 − "nicht angezeigt", so no part of it may show.
    const r = stats(makeDataset({ respondents: victims(2, 1) }), 'anzeige_einbruch');
    expect(r.total).toEqual({ n: 3, suppressed: true, reason: 'total', rule: 'total' });
    expect(Object.values(r.byArea).every((g) => 'suppressed' in g && g.rule === 'total')).toBe(true);
    expect(Object.values(r.bySex).every((g) => 'suppressed' in g && g.rule === 'total')).toBe(true);
  });
});
