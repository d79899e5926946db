import { describe, expect, it } from 'vitest';
import { rake } from '../../../../src/core/analysis/stats/raking.js';

describe('rake', () => {
  it('2 × 3 table of 10 units to 50/50 sex and 1/3 per age group: the IPF limit solved by hand', () => {
    // Cells (sex × age): w = [2, 2, 3], m = [1, 1, 1]; targets sex [5, 5], age [10/3, 10/3, 10/3].
    // The limit has the form w(s, a) = α_s · β_a. Fix α_m = 1, x = α_w:
    //   age 1, 2: β (2x + 1) = 10/3  → β1 = β2 = (10/3)/(2x + 1);  age 3: β3 (3x + 1) = 10/3
    //   sex m: β1 + β2 + β3 = 5 → 20/(2x+1) + 10/(3x+1) = 15 → 18x² − x − 3 = 0
    //   x = (1 + √217) / 36 = (1 + 14.7309199) / 36 = 0.4369700
    //   β1 = 3.3333333 / 1.8739400 = 1.7787834;  β3 = 3.3333333 / 2.3109100 = 1.4424332
    //   weights: w·a1 = w·a2 = x·β1 = 0.7772750, w·a3 = x·β3 = 0.6303000, m·a1 = m·a2 = 1.7787834, m·a3 = 1.4424332
    //   check sex w: 2·0.7772750 + 2·0.7772750 + 3·0.6303000 = 3.1091 + 1.8909 = 5
    const x = (1 + Math.sqrt(217)) / 36;
    const b1 = 10 / 3 / (2 * x + 1);
    const b3 = 10 / 3 / (3 * x + 1);
    const r = rake(
      {
        cellCounts: [2, 2, 3, 1, 1, 1],
        dims: [2, 3],
        targets: [
          [5, 5],
          [10 / 3, 10 / 3, 10 / 3],
        ],
      },
      { trim: null, tolerance: 1e-12, maxIterations: 1000 },
    );
    expect(r.converged).toBe(true);
    const expected = [x * b1, x * b1, x * b3, b1, b1, b3];
    expect(expected[0]).toBeCloseTo(0.777275, 6);
    expect(expected[5]).toBeCloseTo(1.4424332, 6);
    r.cellWeights.forEach((w, i) => expect(w).toBeCloseTo(expected[i]!, 8));
    expect(r.maxMarginError).toBeLessThan(1e-12);
  });

  it('2 × 2 with the same odds ratio in sample and population: raking equals post-stratification', () => {
    // Sample cells (sex × age): [[10, 20], [20, 40]] (odds ratio 1), 90 units.
    // Population (independent, odds ratio 1): sex 60 % / 40 %, age 30 % / 70 %, scaled to 90 units:
    //   cells N = 90 · [[0.18, 0.42], [0.12, 0.28]] = [[16.2, 37.8], [10.8, 25.2]]
    // Post-stratification: w = N / n = [[1.62, 1.89], [0.54, 0.63]]
    // Raking to the margins sex [54, 36], age [27, 63] converges to the same weights.
    const r = rake(
      {
        cellCounts: [10, 20, 20, 40],
        dims: [2, 2],
        targets: [
          [54, 36],
          [27, 63],
        ],
      },
      { trim: null },
    );
    expect(r.converged).toBe(true);
    [1.62, 1.89, 0.54, 0.63].forEach((w, i) => expect(r.cellWeights[i]).toBeCloseTo(w, 6));
    // Independent sample: one cycle suffices (after the sex step the age margin is proportional).
    expect(r.iterations).toBe(1);
  });

  it('stops at maxIterations without converging and reports the remaining error', () => {
    const r = rake(
      {
        cellCounts: [2, 2, 3, 1, 1, 1],
        dims: [2, 3],
        targets: [
          [5, 5],
          [10 / 3, 10 / 3, 10 / 3],
        ],
      },
      { trim: null, maxIterations: 1, tolerance: 1e-15 },
    );
    expect(r.iterations).toBe(1);
    expect(r.converged).toBe(false);
    expect(r.maxMarginError).toBeGreaterThan(0);
  });

  it('trims to [0.3, 3] × mean weight and re-rakes; counts the trimmed units', () => {
    // 100 units, one small cell: sex w:m = 95:5 in the sample, 50:50 in the population.
    // Untrimmed, the 5 men would get 50/5 = 10 (10 × mean) and the women 50/95 = 0.526.
    const r = rake({ cellCounts: [95, 5], dims: [2], targets: [[50, 50]] }, { trim: [0.3, 3] });
    // Clipping the men to 3 leaves their margin at 15; re-raking restores 10 → it can never meet
    // both; after the last round (20) the weights are those of the last raking run.
    expect(r.trimmedUnits).toBe(5);
    expect(r.trimRounds).toBe(20);
    expect(r.cellWeights[1]).toBeCloseTo(10, 6);
    expect(r.converged).toBe(true);
  });

  it('a trimming case that resolves: clipped weights end at the bounds with the margins met', () => {
    // sex 2 × age 2; cells [[30, 40], [27, 3]] (100 units), targets sex [50, 50], age [50, 50].
    // Untrimmed: w·a1 = 0.373, m·a2 = 3.733 (> 3). Only m·a2 (3 units) is ever clipped; each
    // re-raking moves the solution along its one free parameter until m·a2 = 3, where w·a1 reaches 0.3 from above; the other cells follow from the margins:
    //   sex w: 30·0.3 + 40·x = 50 → x = 1.025;  age a1: 30·0.3 + 27·y = 50 → y = 1.5185
    //   check sex m: 27·1.5185 + 3·3 = 41 + 9 = 50; age a2: 40·1.025 + 3·3 = 41 + 9 = 50.
    const r = rake(
      {
        cellCounts: [30, 40, 27, 3],
        dims: [2, 2],
        targets: [
          [50, 50],
          [50, 50],
        ],
      },
      { trim: [0.3, 3] },
    );
    expect(r.trimmedUnits).toBe(3);
    [0.3, 1.025, 41 / 27, 3].forEach((w, i) => expect(r.cellWeights[i]).toBeCloseTo(w, 3));
    expect(r.maxMarginError).toBeLessThan(1e-6);
    expect(r.converged).toBe(true);
  });

  it('an empty category is left alone (no division by zero)', () => {
    const r = rake(
      {
        cellCounts: [5, 0, 5, 0],
        dims: [2, 2],
        targets: [
          [5, 5],
          [5, 5],
        ],
      },
      { trim: null, maxIterations: 10 },
    );
    expect(Number.isFinite(r.cellWeights[0]!)).toBe(true);
    expect(r.converged).toBe(false);
  });
});
