import { studentTTwoSided } from '../stats/distributions.js';
/** Spearman rank correlation with average ranks for ties; null below 2 pairs or without variance. */

export function averageRanks(values: readonly number[]): number[] {
  const idx = values.map((v, i) => ({ v, i })).sort((a, b) => a.v - b.v || a.i - b.i);
  const ranks = new Array<number>(values.length).fill(0);
  let k = 0;
  while (k < idx.length) {
    let j = k;
    while (j + 1 < idx.length && (idx[j + 1] as { v: number }).v === (idx[k] as { v: number }).v) j++;
    const avg = (k + j) / 2 + 1;
    for (let m = k; m <= j; m++) ranks[(idx[m] as { i: number }).i] = avg;
    k = j + 1;
  }
  return ranks;
}

/** Pearson correlation of the average ranks (the tie-corrected Spearman ρ). */
export function spearman(x: readonly number[], y: readonly number[]): number | null {
  const n = Math.min(x.length, y.length);
  if (n < 2) return null;
  const rx = averageRanks(x.slice(0, n));
  const ry = averageRanks(y.slice(0, n));
  const mx = rx.reduce((a, b) => a + b, 0) / n;
  const my = ry.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (rx[i] as number) - mx;
    const dy = (ry[i] as number) - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return sxy / Math.sqrt(sxx * syy);
}

export interface SpearmanTest {
  readonly rho: number;
  readonly n: number;
  /** Two-sided p-value: t = ρ·√((n − 2)/(1 − ρ²)) with n − 2 degrees of freedom (R `cor.test(method = "spearman", exact = FALSE)`). */
  readonly p: number;
}

/** Spearman's ρ with its two-sided p-value; null below 3 pairs or without variance. */
export function spearmanTest(x: readonly number[], y: readonly number[]): SpearmanTest | null {
  const n = Math.min(x.length, y.length);
  const rho = spearman(x, y);
  if (rho === null || n < 3) return null;
  if (Math.abs(rho) >= 1) return { rho, n, p: 0 };
  const t = rho * Math.sqrt((n - 2) / (1 - rho * rho));
  return { rho, n, p: studentTTwoSided(t, n - 2) };
}
