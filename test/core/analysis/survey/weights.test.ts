import { describe, expect, it } from 'vitest';
import { BOUNDS, computeWeights } from '../../../../src/core/analysis/survey/weights.js';
import type { AgeGroup } from '../../../../src/core/model/dataset.js';
import { AGE_GROUPS, makeDataset, times, type RespondentSpec } from './make-dataset.js';

const sum = (a: Float64Array): number => a.reduce((x, y) => x + y, 0);
const [L, U] = BOUNDS;
/** Odds of a relative weight on the logit scale: g = F(u) ⇔ u = ln(odds(g)) / A (calibration.ts). */
const logOdds = (g: number): number => Math.log(((g - L) * (U - 1)) / ((U - g) * (1 - L)));

/** 100 respondents: women 20/20/30 and men 10/10/10 in the three age groups. */
const HUNDRED: RespondentSpec[] = [
  ...times(20, { area: '01', sex: 'w', age: '16-39' }),
  ...times(20, { area: '01', sex: 'w', age: '40-64' }),
  ...times(30, { area: '01', sex: 'w', age: '65+' }),
  ...times(10, { area: '01', sex: 'm', age: '16-39' }),
  ...times(10, { area: '01', sex: 'm', age: '40-64' }),
  ...times(10, { area: '01', sex: 'm', age: '65+' }),
];
/** 100 per sex × age group: margins 50/50 and 1/3 each; N = 600. */
const POP = AGE_GROUPS.flatMap((g) => [
  ['01', 'w', g.label, 100] as const,
  ['01', 'm', g.label, 100] as const,
]);
const TWO_AGES: AgeGroup[] = [
  { label: '16-49', min: 16, max: 49 },
  { label: '50+', min: 50, max: null },
];

describe('computeWeights', () => {
  it('calibrates 100 respondents to 50/50 sex and three equal age groups within the bounds (N = 600)', () => {
    const { weights, weighting } = computeWeights(makeDataset({ respondents: HUNDRED, population: POP }));
    expect(weighting.method).toBe('logit-calibration');
    expect(weighting.variables).toEqual(['geschlecht', 'altersgruppe']);
    expect(weighting.converged).toBe(true);
    expect(weighting.bounds).toEqual([0.3, 3]);
    expect(weighting.boundsHeld).toBe(true);
    expect(weighting.mergedCategories).toEqual([]);
    expect(sum(weights) / 600).toBeCloseTo(1, 7); // calibration tolerance 1e-7
    // Relative weight = weight / mean weight (600 / 100 = 6). Per cell (w 16-39 = w 40-64 by symmetry):
    const g = [0, 40, 70, 90].map((i) => weights[i]! / 6); // w 16-39, w 65+, m 16-39, m 65+
    // The solution of the logit calibration, checked by hand against its two defining properties:
    // 1. margins: w 40·0.781543 + 30·0.624609 = 50 = m 20·1.770247 + 10·1.459506;
    //    16-39: 20·0.781543 + 10·1.770247 = 33.333 = 65+: 30·0.624609 + 10·1.459506.
    [0.781543, 0.624609, 1.770247, 1.459506].forEach((v, i) => expect(g[i]).toBeCloseTo(v, 5));
    expect(40 * g[0]! + 30 * g[1]!).toBeCloseTo(50, 8);
    expect(20 * g[0]! + 10 * g[2]!).toBeCloseTo(100 / 3, 8);
    // 2. g = F(λ0 + λ_sex + λ_age): on the logit scale the sex effect is the same in every age group.
    expect(logOdds(g[2]!) - logOdds(g[0]!)).toBeCloseTo(logOdds(g[3]!) - logOdds(g[1]!), 6);
    expect(weighting.weightMin).toBeCloseTo(0.624609, 5);
    expect(weighting.weightMax).toBeCloseTo(1.770247, 5);
    // Kish on the relative weights: Σg² = 40·0.610809 + 30·0.390136 + 20·3.133774 + 10·2.130158
    // = 120.1135 → deff = 100 · 120.1135 / 100² = 1.2011; n_eff = 100 / 1.2011 = 83.25
    expect(weighting.designEffect).toBeCloseTo(1.2011, 4);
    expect(weighting.effectiveN).toBeCloseTo(83.25, 2);
    expect(weighting.margins.sex).toEqual([
      { key: 'w', label: 'weiblich', count: 300, share: 0.5 },
      { key: 'm', label: 'männlich', count: 300, share: 0.5 },
    ]);
    expect(weighting.margins.ageGroup.map((m) => [m.key, m.count])).toEqual([
      ['16-39', 200],
      ['40-64', 200],
      ['65+', 200],
    ]);
  });

  it('sex missing, sex d and age missing keep the mean weight; all weights sum to N', () => {
    const respondents: RespondentSpec[] = [
      ...HUNDRED,
      { area: '01', sex: null, age: '16-39' },
      { area: '02', sex: 'd', age: '65+' },
      { area: '01', sex: 'm', age: null },
    ];
    const alone = computeWeights(makeDataset({ respondents: HUNDRED, population: POP })).weights;
    const { weights, weighting } = computeWeights(makeDataset({ respondents, population: POP }));
    // n = 103, mean weight = 600 / 103. The 100 calibrated respondents keep their relative weights.
    const mean = 600 / 103;
    for (let i = 0; i < 100; i++) expect(weights[i]! / mean).toBeCloseTo(alone[i]! / 6, 8);
    expect(weights[100]).toBeCloseTo(mean, 10);
    expect(weights[101]).toBeCloseTo(mean, 10);
    expect(weights[102]).toBeCloseTo(mean, 10);
    expect(sum(weights) / 600).toBeCloseTo(1, 7); // calibration tolerance 1e-7
    expect(weighting.unweightedRespondents).toEqual({ sexMissing: 1, sexDiverse: 1, ageMissing: 1 });
  });

  it('holds the bounds where unbounded raking would not (2 × 2, hand-checked solution)', () => {
    // Sample w/m × 16-49/50+ = [[20, 100], [20, 20]], n = 160; population sex 50/50, age 60/40,
    // N = 1000 → targets w 80, m 80, 16-49 96, 50+ 64 (in units of respondents).
    // Unbounded raking (IPF) gives m 16-49 a relative weight of 3.128 > 3. The logit calibration
    // gives g = [[1.95, 0.41], [2.85, 1.15]]:
    //   margins: w 20·1.95 + 100·0.41 = 80, m 20·2.85 + 20·1.15 = 80, 16-49 39 + 57 = 96, 50+ 41 + 23 = 64;
    //   logit form: odds(g) = (g − 0.3)·2 / ((3 − g)·0.7) = 4.4898, 0.121346, 48.571, 1.31274 and
    //   4.4898 · 1.31274 = 0.121346 · 48.571 = 5.894 (no interaction), so it is the unique solution.
    const respondents = [
      ...times(20, { area: '01', sex: 'w', age: '16-49' }),
      ...times(100, { area: '01', sex: 'w', age: '50+' }),
      ...times(20, { area: '01', sex: 'm', age: '16-49' }),
      ...times(20, { area: '01', sex: 'm', age: '50+' }),
    ] satisfies RespondentSpec[];
    const population = [
      ['01', 'w', '16-49', 300],
      ['01', 'w', '50+', 200],
      ['01', 'm', '16-49', 300],
      ['01', 'm', '50+', 200],
    ] as const;
    const { weights, weighting } = computeWeights(
      makeDataset({ respondents, population, ageGroups: TWO_AGES }),
    );
    // weight = g × N / n = g × 6.25
    expect(weights[0]).toBeCloseTo(1.95 * 6.25, 6);
    expect(weights[20]).toBeCloseTo(0.41 * 6.25, 6);
    expect(weights[120]).toBeCloseTo(2.85 * 6.25, 6);
    expect(weights[140]).toBeCloseTo(1.15 * 6.25, 6);
    expect(weighting.method).toBe('logit-calibration');
    expect(weighting.boundsHeld).toBe(true);
    expect(weighting.weightMin).toBeCloseTo(0.41, 6);
    expect(weighting.weightMax).toBeCloseTo(2.85, 6);
    expect(weighting.maxMarginError).toBeLessThan(1e-7);
  });

  it('an age group with fewer than 20 respondents is merged with its smaller neighbour (65+ → 40+)', () => {
    // 16-39: 16 w + 16 m; 40-64: 12 + 12; 65+: 4 + 4 (< 20) → merged with 40-64 into 40+ (32).
    const respondents = [
      ...times(16, { area: '01', sex: 'w', age: '16-39' }),
      ...times(16, { area: '01', sex: 'm', age: '16-39' }),
      ...times(12, { area: '01', sex: 'w', age: '40-64' }),
      ...times(12, { area: '01', sex: 'm', age: '40-64' }),
      ...times(4, { area: '01', sex: 'w', age: '65+' }),
      ...times(4, { area: '01', sex: 'm', age: '65+' }),
    ] satisfies RespondentSpec[];
    const { weights, weighting } = computeWeights(makeDataset({ respondents, population: POP }));
    expect(weighting.margins.ageGroup).toEqual([
      { key: '16-39', label: '16-39', count: 200, share: 1 / 3 },
      { key: '40+', label: '40+', count: 400, share: 2 / 3 },
    ]);
    expect(weighting.mergedCategories).toEqual([
      { variable: 'altersgruppe', groups: ['40-64', '65+'], label: '40+', respondents: 32 },
    ]);
    // Sex is balanced in sample and population, so only age moves: g(16-39) = (1/3 · 64) / 32 = 2/3,
    // g(40+) = 4/3; × N / n = 600 / 64 → 6.25 and 12.5.
    expect(weights[0]).toBeCloseTo(6.25, 6);
    expect(weights[32]).toBeCloseTo(12.5, 6);
    expect(weights[56]).toBeCloseTo(12.5, 6);
    expect(weighting.converged).toBe(true);
    expect(sum(weights) / 600).toBeCloseTo(1, 7); // calibration tolerance 1e-7
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
      makeDataset({ respondents: HUNDRED.map((r) => ({ ...r })), population, ageGroups }),
    );
    expect(sum(weights) / 600).toBeCloseTo(1, 7); // calibration tolerance 1e-7
    expect(weighting.margins.ageGroup.map((m) => m.key)).toEqual(['16-39', '40-64', '65+']);
  });

  it('without population: all weights 1, nothing weighted', () => {
    const { weights, weighting } = computeWeights(makeDataset({ respondents: HUNDRED.slice(0, 10) }));
    expect([...weights]).toEqual(new Array(10).fill(1));
    expect(weighting.method).toBe('none');
    expect(weighting.variables).toEqual([]);
    expect(weighting.designEffect).toBe(1);
    expect(weighting.effectiveN).toBe(10);
  });

  it('no respondents: empty weights, neutral finite figures', () => {
    const { weights, weighting } = computeWeights(makeDataset({ respondents: [], population: POP }));
    expect(weights.length).toBe(0);
    expect(weighting.effectiveN).toBe(0);
    expect([weighting.weightMin, weighting.weightMax]).toEqual([1, 1]);
    expect(weighting.boundsHeld).toBe(true);
  });

  it('a sex with fewer than 20 respondents is not weighted on (two categories cannot be merged)', () => {
    // 40 women, 2 men, all 16-39: sex has a category below 20; the empty age groups merge into one.
    const respondents = [
      ...times(40, { area: '01', sex: 'w', age: '16-39' }),
      ...times(2, { area: '01', sex: 'm', age: '16-39' }),
    ] satisfies RespondentSpec[];
    const { weights, weighting } = computeWeights(makeDataset({ respondents, population: POP }));
    expect(weighting.method).toBe('none');
    expect(weighting.variables).toEqual([]);
    expect(sum(weights) / 600).toBeCloseTo(1, 7); // calibration tolerance 1e-7
  });

  it('where the bounds cannot hold: unbounded raking, boundsHeld false and the actual range', () => {
    // 200 women, 20 men, population 50/50: the men must carry 110 of 220 → g = 5.5 > 3, the women
    // g = 110 / 200 = 0.55. No weights inside (0.3, 3) meet the margin.
    const respondents = [
      ...times(200, { area: '01', sex: 'w', age: '16-39' }),
      ...times(20, { area: '01', sex: 'm', age: '16-39' }),
    ] satisfies RespondentSpec[];
    const { weighting } = computeWeights(makeDataset({ respondents, population: POP }));
    expect(weighting.variables).toEqual(['geschlecht']);
    expect(weighting.method).toBe('raking');
    expect(weighting.boundsHeld).toBe(false);
    expect(weighting.weightMin).toBeCloseTo(0.55, 9);
    expect(weighting.weightMax).toBeCloseTo(5.5, 9);
  });
});
