import { describe, expect, it } from 'vitest';
import { effectiveNFromSums, kish } from '../../../../src/core/analysis/stats/design-effect.js';

describe('kish', () => {
  it('weights 1, 1, 2, 2: deff 1.1111, n_eff 3.6', () => {
    // Σw = 6, Σw² = 1 + 1 + 4 + 4 = 10, n = 4
    // deff = 4 · 10 / 36 = 1.1111; n_eff = 36 / 10 = 3.6
    const r = kish(new Float64Array([1, 1, 2, 2]));
    expect(r.designEffect).toBeCloseTo(10 / 9, 10);
    expect(r.effectiveN).toBeCloseTo(3.6, 10);
  });

  it('equal weights: deff 1, n_eff = n (the scale of the weights does not matter)', () => {
    const r = kish([53.2, 53.2, 53.2, 53.2, 53.2]);
    expect(r.designEffect).toBeCloseTo(1, 12);
    expect(r.effectiveN).toBeCloseTo(5, 12);
  });

  it('one weight dominating: 9 units of 1 and one of 10 → n_eff 3.31, deff 3.02', () => {
    // Σw = 19, Σw² = 9 + 100 = 109 → n_eff = 361 / 109 = 3.3119; deff = 10 · 109 / 361 = 3.0194
    const r = kish([1, 1, 1, 1, 1, 1, 1, 1, 1, 10]);
    expect(r.effectiveN).toBeCloseTo(361 / 109, 10);
    expect(r.designEffect).toBeCloseTo(1090 / 361, 10);
  });

  it('empty input: deff 1, n_eff 0', () => {
    expect(kish([])).toEqual({ designEffect: 1, effectiveN: 0 });
    expect(effectiveNFromSums(0, 0)).toBe(0);
  });
});
