import { describe, expect, it } from 'vitest';
import { computeWeights } from '../../../../src/core/analysis/survey/weights.js';
import { AGE_GROUPS, makeDataset, times, type RespondentSpec } from './make-dataset.js';

const sum = (a: Float64Array): number => a.reduce((x, y) => x + y, 0);

/** 10 respondents: women 2/2/3 and men 1/1/1 in the three age groups. */
const TEN: RespondentSpec[] = [
  ...times(2, { area: '01', sex: 'w', age: '16-39' }),
  ...times(2, { area: '01', sex: 'w', age: '40-64' }),
  ...times(3, { area: '01', sex: 'w', age: '65+' }),
  { area: '01', sex: 'm', age: '16-39' },
  { area: '01', sex: 'm', age: '40-64' },
  { area: '01', sex: 'm', age: '65+' },
];
/** 100 per sex × age group: margins 50/50 and 1/3 each; N = 600. */
const POP = AGE_GROUPS.flatMap((g) => [
  ['01', 'w', g.label, 100] as const,
  ['01', 'm', g.label, 100] as const,
]);

// The IPF limit for this table (derived by hand in test/core/analysis/stats/raking.test.ts):
// x = (1 + √217)/36; relative weights w·(16-39, 40-64) = x·β1, w·65+ = x·β3, m·(16-39, 40-64) = β1, m·65+ = β3.
const X = (1 + Math.sqrt(217)) / 36;
const B1 = 10 / 3 / (2 * X + 1);
const B3 = 10 / 3 / (3 * X + 1);
const REL = [X * B1, X * B1, X * B1, X * B1, X * B3, X * B3, X * B3, B1, B1, B3];

describe('computeWeights', () => {
  it('rakes 10 respondents to 50/50 sex and three equal age groups, scaled to the population (600)', () => {
    const { weights, weighting } = computeWeights(makeDataset({ respondents: TEN, population: POP }));
    // Final weight = relative weight × N / n = relative × 600 / 10 (raking stops at a margin error
    // below 1e-6, so the relative weights agree to about 5 decimals).
    REL.forEach((r, i) => expect(weights[i]! / 60).toBeCloseTo(r, 5));
    expect(weights[0]).toBeCloseTo(0.777275 * 60, 3); // 46.64
    expect(sum(weights)).toBeCloseTo(600, 8);
    expect(weighting.variables).toEqual(['geschlecht', 'altersgruppe']);
    expect(weighting.converged).toBe(true);
    expect(weighting.maxMarginError).toBeLessThan(1e-6);
    expect(weighting.trimmedCount).toBe(0);
    // weightMin/Max relative to the mean weight (60): x·β3 = 0.6303 and β1 = 1.7788.
    expect(weighting.weightMin).toBeCloseTo(0.6303, 4);
    expect(weighting.weightMax).toBeCloseTo(1.7788, 4);
    // Kish on the relative weights: Σw = 10,
    // Σw² = 4·0.777275² + 3·0.630300² + 2·1.778783² + 1.442433² = 2.416625 + 1.191834 + 6.328140 + 2.080613 = 12.017212
    // deff = 10 · 12.017212 / 100 = 1.2017; n_eff = 100 / 12.017212 = 8.3214
    expect(weighting.designEffect).toBeCloseTo(1.2017, 4);
    expect(weighting.effectiveN).toBeCloseTo(8.3214, 4);
    expect(weighting.margins.sex).toEqual([
      { key: 'w', label: 'weiblich', count: 300, share: 0.5 },
      { key: 'm', label: 'männlich', count: 300, share: 0.5 },
    ]);
    expect(weighting.margins.ageGroup.map((m) => [m.key, m.count])).toEqual([
      ['16-39', 200],
      ['40-64', 200],
      ['65+', 200],
    ]);
    expect(weighting.trimBounds).toEqual([0.3, 3]);
  });

  it('sex missing, sex d and age missing keep the mean weight; all weights sum to N', () => {
    const respondents: RespondentSpec[] = [
      ...TEN,
      { area: '01', sex: null, age: '16-39' },
      { area: '02', sex: 'd', age: '65+' },
      { area: '01', sex: 'm', age: null },
    ];
    const { weights, weighting } = computeWeights(makeDataset({ respondents, population: POP }));
    // n = 13, mean weight = 600 / 13 = 46.1538. The 10 raked respondents keep the same relative weights.
    const mean = 600 / 13;
    REL.forEach((r, i) => expect(weights[i]! / mean).toBeCloseTo(r, 5));
    expect(weights[10]).toBeCloseTo(mean, 10);
    expect(weights[11]).toBeCloseTo(mean, 10);
    expect(weights[12]).toBeCloseTo(mean, 10);
    expect(sum(weights)).toBeCloseTo(600, 8);
    expect(weighting.unweightedRespondents).toEqual({ sexMissing: 1, sexDiverse: 1, ageMissing: 1 });
  });

  it('2 × 2 post-stratification case: weights are N_cell / n_cell', () => {
    // Two age groups; sample w/m × young/old = [[10, 20], [20, 40]]; population independent:
    // sex 60/40, age 30/70, N = 1000 → cells [[180, 420], [120, 280]].
    // Post-stratification: [[18, 21], [6, 7]] per respondent (= N_cell / n_cell).
    const ageGroups = [
      { label: '16-49', min: 16, max: 49 },
      { label: '50+', min: 50, max: null },
    ];
    const respondents = [
      ...times(10, { area: '01', sex: 'w', age: '16-49' }),
      ...times(20, { area: '01', sex: 'w', age: '50+' }),
      ...times(20, { area: '01', sex: 'm', age: '16-49' }),
      ...times(40, { area: '01', sex: 'm', age: '50+' }),
    ] satisfies RespondentSpec[];
    const population = [
      ['01', 'w', '16-49', 180],
      ['01', 'w', '50+', 420],
      ['01', 'm', '16-49', 120],
      ['01', 'm', '50+', 280],
    ] as const;
    // Relative weights 18/(1000/90) = 1.62 etc. are inside [0.3, 3]: no trimming.
    const { weights } = computeWeights(makeDataset({ respondents, population, ageGroups }));
    expect(weights[0]).toBeCloseTo(18, 8);
    expect(weights[10]).toBeCloseTo(21, 8);
    expect(weights[30]).toBeCloseTo(6, 8);
    expect(weights[50]).toBeCloseTo(7, 8);
  });

  it('an age group without respondents is merged with its neighbour (65+ empty → 40+)', () => {
    const respondents = [
      ...times(4, { area: '01', sex: 'w', age: '16-39' }),
      ...times(4, { area: '01', sex: 'm', age: '16-39' }),
      ...times(4, { area: '01', sex: 'w', age: '40-64' }),
      ...times(4, { area: '01', sex: 'm', age: '40-64' }),
    ] satisfies RespondentSpec[];
    const { weights, weighting } = computeWeights(makeDataset({ respondents, population: POP }));
    expect(weighting.margins.ageGroup).toEqual([
      { key: '16-39', label: '16-39', count: 200, share: 1 / 3 },
      { key: '40+', label: '40+', count: 400, share: 2 / 3 },
    ]);
    // Post-stratification by the merged groups: 16-39 gets 200 / 8 = 25, 40+ gets 400 / 8 = 50;
    // relative to the mean 37.5: 0.667 and 1.333.
    expect(weights[0]).toBeCloseTo(25, 6);
    expect(weights[8]).toBeCloseTo(50, 6);
    expect(weighting.converged).toBe(true);
    expect(sum(weights)).toBeCloseTo(600, 8);
  });

  it('uses the berichtsjahr population where rows carry years, and leaves out age groups below 16', () => {
    const ageGroups = [{ label: '0-15', min: 0, max: 15 }, ...AGE_GROUPS];
    const population = [
      ...POP.map(([a, s, g, c]) => [a, s, g, c, 2025] as const),
      ...POP.map(([a, s, g, c]) => [a, s, g, c * 2, 2024] as const),
      ['01', 'w', '0-15', 500, 2025] as const,
      ['01', 'm', '0-15', 500, 2025] as const,
    ];
    const { weights, weighting } = computeWeights(
      makeDataset({ respondents: TEN.map((r) => ({ ...r })), population, ageGroups }),
    );
    expect(sum(weights)).toBeCloseTo(600, 8);
    expect(weighting.margins.ageGroup.map((m) => m.key)).toEqual(['16-39', '40-64', '65+']);
  });

  it('without population: all weights 1, nothing raked', () => {
    const { weights, weighting } = computeWeights(makeDataset({ respondents: TEN }));
    expect([...weights]).toEqual(new Array(10).fill(1));
    expect(weighting.variables).toEqual([]);
    expect(weighting.designEffect).toBe(1);
    expect(weighting.effectiveN).toBe(10);
  });

  it('no respondents: empty weights, finite figures', () => {
    const { weights, weighting } = computeWeights(makeDataset({ respondents: [], population: POP }));
    expect(weights.length).toBe(0);
    expect(weighting.effectiveN).toBe(0);
    expect(weighting.weightMin).toBe(0);
  });

  it('extreme imbalance is trimmed to 3 × the mean weight and counted', () => {
    // 40 women, 2 men, population 50/50, one age group used only (all 16-39; the others merge).
    const respondents = [
      ...times(40, { area: '01', sex: 'w', age: '16-39' }),
      ...times(2, { area: '01', sex: 'm', age: '16-39' }),
    ] satisfies RespondentSpec[];
    const { weighting } = computeWeights(makeDataset({ respondents, population: POP }));
    // Untrimmed the men would get 21/2 = 10.5 × the mean; sex is the only variable, so re-raking
    // restores it after every clip: they are counted as trimmed and the maximum stays visible.
    expect(weighting.variables).toEqual(['geschlecht']);
    expect(weighting.trimmedCount).toBe(2);
    expect(weighting.weightMax).toBeCloseTo(10.5, 6);
  });
});
