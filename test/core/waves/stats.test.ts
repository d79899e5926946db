import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, normalCdf, rateRatio, twoSampleZ } from '../../../src/core/waves/stats.js';

describe('wave statistics (hand-computed expectations)', () => {
  it('normal distribution function', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 12);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 12);
    expect(normalCdf(3)).toBeCloseTo(0.9986501019683699, 12);
  });

  it('two-sample z-test of weighted shares with Kish n_eff, pooled under H0', () => {
    // p1 = 0.40 (n_eff 100), p2 = 0.25 (n_eff 150): p̄ = (40 + 37.5) / 250 = 0.31,
    // se = √(0.31 · 0.69 · (1/100 + 1/150)) = 0.0597076, z = −0.15 / 0.0597076 = −2.51224, p = 0.011997.
    const t = twoSampleZ({ share: 0.4, n: 100 }, { share: 0.25, n: 150 });
    expect(t.difference).toBeCloseTo(-0.15, 12);
    expect(t.z).toBeCloseTo(-2.512242115881321, 9);
    expect(t.p).toBeCloseTo(0.011996675056687778, 9);
  });

  it('no variance, no evidence: equal shares of 0 give p = 1', () => {
    expect(twoSampleZ({ share: 0, n: 50 }, { share: 0, n: 60 })).toEqual({ difference: 0, z: 0, p: 1 });
  });

  it('Benjamini–Hochberg adjusted p-values in input order', () => {
    // sorted 0.005, 0.01, 0.03, 0.04 (m = 4): BH 4/1·0.005 = 0.02, 4/2·0.01 = 0.02, 4/3·0.03 = 0.04, 0.04
    expect(benjaminiHochberg([0.01, 0.04, 0.03, 0.005]).map((x) => +x.toFixed(10))).toEqual([
      0.02, 0.04, 0.04, 0.02,
    ]);
  });

  it('rate ratio of two periods, quasi-Poisson', () => {
    // 300 cases before, 240 after, population 10,000 each year: RR = 0.8; expected 100 and 80 per year,
    // Pearson χ² = (0 + 100 + 100)/100 + (0 + 100 + 100)/80 = 4.5 on 4 df → φ = 1.125;
    // se(ln RR) = √(1.125 · (1/300 + 1/240)) = 0.0918559, z = −2.42928, p = 0.015129.
    const y = (cases: number) => ({ cases, population: 10_000 });
    const r = rateRatio({ years: [y(100), y(110), y(90)] }, { years: [y(80), y(70), y(90)] });
    expect(r?.rateRatio).toBeCloseTo(0.8, 12);
    expect(r?.dispersion).toBeCloseTo(1.125, 12);
    expect(r?.p).toBeCloseTo(0.01512887311439659, 9);
    expect(r?.ci95[0]).toBeCloseTo(0.6681933246364609, 9);
    expect(r?.ci95[1]).toBeCloseTo(0.9578066353000462, 9);
    expect(rateRatio({ years: [{ cases: 5, population: null }] }, { years: [y(3)] })).toBeUndefined();
  });
});
