/**
 * The tests of a wave comparison.
 *
 * Survey shares: two independent samples (two survey waves), each weighted. The variance of a weighted
 * share is approximated with Kish's effective sample size n_eff = (Σw)² / Σw², as the published Wilson
 * intervals are: Var(p) ≈ p(1 − p) / n_eff. The change is tested with the two-sample z-test of
 * proportions, pooled under H0:
 *
 *   p̄ = (n₁p₁ + n₂p₂) / (n₁ + n₂),  z = (p₂ − p₁) / √(p̄(1 − p̄)(1/n₁ + 1/n₂)),  p = 2(1 − Φ(|z|))
 *
 * with n₁, n₂ the effective n of each wave's cell. All compared cells (totals and areas of every compared
 * item) form one family: their p-values are corrected with Benjamini–Hochberg (false discovery rate 5 %),
 * so that among the changes called "gesichert" at most one in twenty is expected to be chance.
 *
 * PKS rates: the rate ratio of two periods of equal length, with the variance of log(RR) = φ(1/a + 1/b)
 * (quasi-Poisson), φ the Pearson dispersion of the yearly counts around their period's mean rate
 * (at least 1).
 */

export const ALPHA = 0.05;
const Z95 = 1.959963984540054;

/** Standard normal distribution function Φ (erfc by power series below 2, continued fraction above). */
export function normalCdf(x: number): number {
  if (!Number.isFinite(x)) return x > 0 ? 1 : 0;
  const t = Math.abs(x) / Math.SQRT2;
  const tail = 0.5 * erfc(t);
  return x >= 0 ? 1 - tail : tail;
}

function erfc(x: number): number {
  if (x < 2) return 1 - erfSeries(x);
  return erfcContinuedFraction(x);
}

function erfSeries(x: number): number {
  // erf(x) = 2/√π Σ (−1)^n x^(2n+1) / (n! (2n+1))
  let sum = x;
  let term = x;
  for (let n = 1; n < 200; n++) {
    term *= (-x * x) / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
  }
  return (2 / Math.sqrt(Math.PI)) * sum;
}

function erfcContinuedFraction(x: number): number {
  // erfc(x) = exp(−x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + 2/(x + …))))), evaluated bottom-up (Lentz not needed for x ≥ 2).
  let f = x;
  for (let k = 60; k >= 1; k--) f = x + k / 2 / f;
  return Math.exp(-x * x) / Math.sqrt(Math.PI) / f;
}

export interface ShareSample {
  readonly share: number;
  /** Effective sample size (Kish). */
  readonly n: number;
}

export interface ZTest {
  readonly difference: number;
  readonly z: number;
  readonly p: number;
}

/** Two-sample z-test of two independent weighted shares (pooled variance under H0, Kish n_eff). */
export function twoSampleZ(before: ShareSample, after: ShareSample): ZTest {
  const difference = after.share - before.share;
  const n = before.n + after.n;
  if (!(before.n > 0 && after.n > 0)) return { difference, z: 0, p: 1 };
  const pooled = (before.n * before.share + after.n * after.share) / n;
  const variance = pooled * (1 - pooled) * (1 / before.n + 1 / after.n);
  if (!(variance > 0)) return { difference, z: 0, p: 1 };
  const z = difference / Math.sqrt(variance);
  return { difference, z, p: Math.min(1, 2 * (1 - normalCdf(Math.abs(z)))) };
}

/** Benjamini–Hochberg adjusted p-values (q-values), in the input order. */
export function benjaminiHochberg(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => b.p - a.p || b.i - a.i);
  const adjusted = new Array<number>(m).fill(1);
  let running = 1;
  order.forEach(({ p, i }, k) => {
    const rank = m - k;
    running = Math.min(running, (m / rank) * p);
    adjusted[i] = Math.min(1, running);
  });
  return adjusted;
}

export interface PeriodCounts {
  /** Cases and population per year of the period (population null when unknown). */
  readonly years: readonly { readonly cases: number; readonly population: number | null }[];
}

export interface RateRatio {
  readonly rateRatio: number;
  readonly ci95: [number, number];
  readonly dispersion: number;
  readonly p: number;
}

/**
 * Rate ratio after ÷ before of two periods with known populations, quasi-Poisson.
 * Undefined when a population is missing or either period has no case.
 */
export function rateRatio(before: PeriodCounts, after: PeriodCounts): RateRatio | undefined {
  const sum = (xs: PeriodCounts['years'], f: (y: PeriodCounts['years'][number]) => number) =>
    xs.reduce((s, y) => s + f(y), 0);
  const all = [...before.years, ...after.years];
  if (all.some((y) => y.population === null || !(y.population > 0))) return undefined;
  const a = sum(before.years, (y) => y.cases);
  const b = sum(after.years, (y) => y.cases);
  if (a <= 0 || b <= 0) return undefined;
  const popA = sum(before.years, (y) => y.population ?? 0);
  const popB = sum(after.years, (y) => y.population ?? 0);
  const ratio = b / popB / (a / popA);
  // Pearson dispersion: yearly counts against the expected count at their period's mean rate.
  let chi2 = 0;
  for (const [period, cases, pop] of [
    [before.years, a, popA],
    [after.years, b, popB],
  ] as const) {
    for (const y of period) {
      const expected = (cases * (y.population ?? 0)) / pop;
      chi2 += (y.cases - expected) ** 2 / expected;
    }
  }
  const df = all.length - 2;
  const dispersion = df > 0 ? Math.max(1, chi2 / df) : 1;
  const se = Math.sqrt(dispersion * (1 / a + 1 / b));
  const log = Math.log(ratio);
  const z = log / se;
  return {
    rateRatio: ratio,
    ci95: [Math.exp(log - Z95 * se), Math.exp(log + Z95 * se)],
    dispersion: df > 0 ? chi2 / df : 1,
    p: Math.min(1, 2 * (1 - normalCdf(Math.abs(z)))),
  };
}
