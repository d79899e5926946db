import { describe, expect, it } from 'vitest';
import { wilson, Z95 } from '../../../../src/core/analysis/stats/wilson.js';

// z = 1.959963984540054, z² = 3.841458820694124.
describe('wilson', () => {
  it('p = 0.5, n = 100 → [0.4038, 0.5962]', () => {
    // z²/n = 0.0384146; denom = 1.0384146
    // centre = (0.5 + 0.0192073) / 1.0384146 = 0.5
    // half = 1.959964 · sqrt(0.25/100 + 3.841459/40000) / 1.0384146
    //      = 1.959964 · sqrt(0.0025 + 0.0000960) / 1.0384146 = 1.959964 · 0.0509513 / 1.0384146 = 0.0961685
    const [lo, hi] = wilson(0.5, 100);
    expect(lo).toBeCloseTo(0.4038, 4);
    expect(hi).toBeCloseTo(0.5962, 4);
  });

  it('p = 0.1, n = 30 → [0.0346, 0.2562]', () => {
    // z²/n = 0.1280486; denom = 1.1280486
    // centre = (0.1 + 0.0640243) / 1.1280486 = 0.1454054
    // half = 1.959964 · sqrt(0.09/30 + 3.841459/3600) / 1.1280486
    //      = 1.959964 · sqrt(0.003 + 0.0010671) / 1.1280486 = 1.959964 · 0.0637737 / 1.1280486 = 0.1108055
    // → [0.1454054 − 0.1108055, 0.1454054 + 0.1108055] = [0.0345999, 0.2562108]
    const [lo, hi] = wilson(0.1, 30);
    expect(lo).toBeCloseTo(0.0346, 4);
    expect(hi).toBeCloseTo(0.2562, 4);
  });

  it('p = 0, n = 10 → [0, 0.2775]', () => {
    // z²/n = 0.3841459; denom = 1.3841459
    // centre = (0 + 0.1920729) / 1.3841459 = 0.1387664; half = 1.959964 · sqrt(3.841459/400) / 1.3841459
    //        = 1.959964 · 0.0979982 / 1.3841459 = 0.1387664 → [0, 0.2775328]
    const [lo, hi] = wilson(0, 10);
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(0.2775, 4);
  });

  it('p = 1, n = 5 → [0.5655, 1]', () => {
    // z²/n = 0.7682918; denom = 1.7682918
    // centre = (1 + 0.3841459) / 1.7682918 = 0.7827588; half = 1.959964 · sqrt(3.841459/100) / 1.7682918
    //        = 1.959964 · 0.1959964 / 1.7682918 = 0.2172412 → [0.5655175, 1]
    const [lo, hi] = wilson(1, 5);
    expect(lo).toBeCloseTo(0.5655, 4);
    expect(hi).toBe(1);
  });

  it('n = 0 (or negative) gives [0, 1]', () => {
    expect(wilson(0.3, 0)).toEqual([0, 1]);
    expect(wilson(0.3, -2)).toEqual([0, 1]);
  });

  it('accepts a fractional effective n and always contains p', () => {
    const [lo, hi] = wilson(0.25, 47.3);
    expect(lo).toBeLessThan(0.25);
    expect(hi).toBeGreaterThan(0.25);
    expect(Z95).toBeCloseTo(1.96, 2);
  });
});
