/**
 * The few distribution functions the significance tests need, in double precision:
 *
 * - `logGamma`: Lanczos approximation (g = 7, 9 coefficients), relative error < 1e-14;
 * - `gammaP`: regularised lower incomplete gamma P(a, x), by its series for x < a + 1 and by
 *   Lentz's continued fraction otherwise (Numerical Recipes §6.2);
 * - `gammaQuantile`: the x with P(a, x) = p, by bisection on the monotone P (60 halvings of a
 *   bracket found by doubling: exact to about 1e-12 relative, plenty for interval limits);
 * - `betaI`: regularised incomplete beta I_x(a, b), continued fraction (Numerical Recipes §6.4);
 * - `normalCdf` through Φ(z) = ½ (1 + sign(z) · P(½, z²/2)); `studentTTwoSided` through
 *   P(|T| ≥ t) = I_{df/(df+t²)}(df/2, ½).
 *
 * Checked in the tests against values printed by R (`qgamma`, `pt`, `pnorm`).
 */

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

const EPS = 1e-15;
const TINY = 1e-300;

/** Regularised lower incomplete gamma function P(a, x), a > 0, x ≥ 0. */
export function gammaP(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) return Number.NaN;
  if (x === 0) return 0;
  const lead = -x + a * Math.log(x) - logGamma(a);
  if (x < a + 1) {
    let ap = a;
    let sum = 1 / a;
    let del = sum;
    for (let n = 0; n < 1000; n++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * EPS) break;
    }
    return Math.min(1, sum * Math.exp(lead));
  }
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return Math.max(0, 1 - Math.exp(lead) * h);
}

/** Quantile of the gamma distribution with shape a (scale 1): the x with P(a, x) = p. */
export function gammaQuantile(p: number, a: number): number {
  if (!(p > 0)) return 0;
  if (!(p < 1)) return Number.POSITIVE_INFINITY;
  let lo = 0;
  let hi = Math.max(1, a);
  while (gammaP(a, hi) < p) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (gammaP(a, mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/** Regularised incomplete beta function I_x(a, b). */
export function betaI(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(a, b, x)) / a;
  return 1 - (front * betaContinuedFraction(b, a, 1 - x)) / b;
}

/** Standard normal distribution function Φ(z). */
export function normalCdf(z: number): number {
  // Φ(z) = ½ (1 + sign(z) · P(½, z²/2)).
  const p = gammaP(0.5, (z * z) / 2);
  return z >= 0 ? 0.5 + p / 2 : 0.5 - p / 2;
}

/** Two-sided p-value of a t statistic with `df` degrees of freedom: P(|T| ≥ |t|). */
export function studentTTwoSided(t: number, df: number): number {
  if (!(df > 0) || !Number.isFinite(t)) return Number.isFinite(t) ? Number.NaN : 0;
  return betaI(df / (df + t * t), df / 2, 0.5);
}

/** Two-sided p-value of a standard normal statistic. */
export function normalTwoSided(z: number): number {
  return 2 * (1 - normalCdf(Math.abs(z)));
}

/** P(X ≤ k) for X ~ Bin(n, p): I_{1−p}(n − k, k + 1). */
export function binomialCdf(k: number, n: number, p: number): number {
  if (k < 0) return 0;
  if (k >= n) return 1;
  return betaI(1 - p, n - k, k + 1);
}

/**
 * Exact conditional test of two Poisson counts for equal rates (R `poisson.test(c(k1, k2))`):
 * given k1 + k2, k2 ~ Bin(k1 + k2, 1/2); two-sided p-value as twice the smaller tail, at most 1.
 */
export function poissonCompareP(k1: number, k2: number): number {
  const n = k1 + k2;
  if (n <= 0) return 1;
  const lower = binomialCdf(k2, n, 0.5);
  const upper = 1 - binomialCdf(k2 - 1, n, 0.5);
  return Math.min(1, 2 * Math.min(lower, upper));
}
