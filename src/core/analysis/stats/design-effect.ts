/**
 * Kish design effect and effective sample size of a set of weights (domain brief §5.1):
 *
 *   deff  = n · Σw² / (Σw)²
 *   n_eff = (Σw)² / Σw²
 *
 * They describe the loss of precision from unequal weights only (no stratification, clustering
 * or weight–outcome correlation). Empty input: deff 1, n_eff 0.
 */

export interface DesignEffect {
  readonly designEffect: number;
  readonly effectiveN: number;
}

/** n_eff from the sums Σw and Σw² (0 when there is no weight). */
export function effectiveNFromSums(sumW: number, sumW2: number): number {
  return sumW2 > 0 ? (sumW * sumW) / sumW2 : 0;
}

export function kish(weights: ArrayLike<number>): DesignEffect {
  let sw = 0;
  let sw2 = 0;
  const n = weights.length;
  for (let i = 0; i < n; i++) {
    const w = weights[i]!;
    sw += w;
    sw2 += w * w;
  }
  if (n === 0 || sw2 === 0) return { designEffect: 1, effectiveN: 0 };
  return { designEffect: (n * sw2) / (sw * sw), effectiveN: effectiveNFromSums(sw, sw2) };
}
