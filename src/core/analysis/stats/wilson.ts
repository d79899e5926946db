/**
 * Wilson score interval (95 %) for a share p observed on n cases (domain brief §5.2).
 *
 *   centre = (p + z²/2n) / (1 + z²/n)
 *   half   = z · sqrt(p(1−p)/n + z²/4n²) / (1 + z²/n)
 *
 * For weighted shares pass the effective sample size n_eff = (Σw)²/Σw² as n (it need not be an
 * integer). n ≤ 0 (no information) gives [0, 1]. p is clamped to [0, 1]; the returned bounds are
 * clamped to [0, 1] and always contain p (guarding against rounding at p = 0 and p = 1).
 */

/** Two-sided 95 % quantile of the standard normal distribution. */
export const Z95 = 1.959963984540054;

export function wilson(p: number, n: number, z: number = Z95): [number, number] {
  if (!(n > 0) || !Number.isFinite(n) || !Number.isFinite(p)) return [0, 1];
  const q = Math.min(1, Math.max(0, p));
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (q + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((q * (1 - q)) / n + z2 / (4 * n * n))) / denom;
  const lo = Math.max(0, Math.min(q, centre - half));
  const hi = Math.min(1, Math.max(q, centre + half));
  return [lo, hi];
}
