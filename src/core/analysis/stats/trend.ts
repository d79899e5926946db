/**
 * Trend test over a whole yearly series of counts: a Poisson log-linear model with an
 * over-dispersion check, as R's
 *
 *   fit <- glm(cases ~ year, family = poisson)              # with offset(log(population)) when known
 *   phi <- sum(residuals(fit, "pearson")^2) / df.residual(fit)
 *   if (phi > 1) fit <- glm(cases ~ year, family = quasipoisson)   # SE × sqrt(phi), t test on df
 *
 * The slope b is the yearly change on the log scale; `annualChange` = exp(b) − 1 and `change` =
 * exp(b · (last − first)) − 1 the fitted change over the series. The p-value is the Wald test of
 * b = 0: z (normal) for the Poisson model, t with n − 2 degrees of freedom when φ > 1.
 *
 * The test is only made when the series is long enough and the counts large enough for it
 * (TREND_MIN_YEARS years, on average at least TREND_MIN_MEAN cases a year); otherwise `tested`
 * is false and no trend may be claimed. A trend is *significant* at p < 0.05.
 */
import { normalTwoSided, studentTTwoSided } from './distributions.js';

export const TREND_MIN_YEARS = 4;
export const TREND_MIN_MEAN = 10;
export const TREND_ALPHA = 0.05;

export interface TrendPoint {
  readonly year: number;
  readonly cases: number;
  /** Population of the year (the model then tests the rate); null for a test on counts. */
  readonly population?: number | null;
}

export interface TrendTest {
  readonly tested: boolean;
  /** Why the test was not made (German, for the report), or null. */
  readonly reason: string | null;
  readonly years: number;
  readonly fromYear: number | null;
  readonly toYear: number | null;
  readonly slope: number | null;
  readonly annualChange: number | null;
  /** Fitted change from the first to the last year (fraction). */
  readonly change: number | null;
  /** Pearson dispersion φ; the model is quasi-Poisson when φ > 1. */
  readonly dispersion: number | null;
  readonly quasi: boolean;
  readonly p: number | null;
  readonly significant: boolean;
  /** Whether the fit used the population as offset (a trend of the rate). */
  readonly onRates: boolean;
}

function notTested(points: readonly TrendPoint[], reason: string): TrendTest {
  return {
    tested: false,
    reason,
    years: points.length,
    fromYear: points[0]?.year ?? null,
    toYear: points.at(-1)?.year ?? null,
    slope: null,
    annualChange: null,
    change: null,
    dispersion: null,
    quasi: false,
    p: null,
    significant: false,
    onRates: false,
  };
}

export function poissonTrend(series: readonly TrendPoint[]): TrendTest {
  const points = [...series].sort((a, b) => a.year - b.year);
  const n = points.length;
  if (n < TREND_MIN_YEARS) return notTested(points, `weniger als ${TREND_MIN_YEARS} Jahre`);
  const total = points.reduce((s, p) => s + p.cases, 0);
  if (total / n < TREND_MIN_MEAN)
    return notTested(points, `weniger als ${TREND_MIN_MEAN} Fälle je Jahr im Durchschnitt`);
  const onRates = points.every((p) => p.population != null && p.population > 0);
  const offset = points.map((p) => (onRates ? Math.log(p.population as number) : 0));
  const y = points.map((p) => p.cases);
  const t0 = points[0]!.year;
  const x = points.map((p) => p.year - t0);

  // IRLS for log μ = a + b·x + offset, started at the overall mean.
  let a = Math.log(Math.max(total, 0.5) / n) - offset.reduce((s, o) => s + o, 0) / n;
  let b = 0;
  let info = [0, 0, 0];
  for (let it = 0; it < 50; it++) {
    let s0 = 0;
    let s1 = 0;
    let i00 = 0;
    let i01 = 0;
    let i11 = 0;
    for (let i = 0; i < n; i++) {
      const mu = Math.exp(a + b * x[i]! + offset[i]!);
      const r = y[i]! - mu;
      s0 += r;
      s1 += r * x[i]!;
      i00 += mu;
      i01 += mu * x[i]!;
      i11 += mu * x[i]! * x[i]!;
    }
    const det = i00 * i11 - i01 * i01;
    if (!(det > 0)) return notTested(points, 'Modell nicht schätzbar');
    const da = (i11 * s0 - i01 * s1) / det;
    const db = (i00 * s1 - i01 * s0) / det;
    a += da;
    b += db;
    info = [i00, i01, i11];
    if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) break;
  }
  // Information at the solution.
  let i00 = 0;
  let i01 = 0;
  let i11 = 0;
  let pearson = 0;
  for (let i = 0; i < n; i++) {
    const mu = Math.exp(a + b * x[i]! + offset[i]!);
    i00 += mu;
    i01 += mu * x[i]!;
    i11 += mu * x[i]! * x[i]!;
    pearson += (y[i]! - mu) ** 2 / mu;
  }
  info = [i00, i01, i11];
  const det = info[0]! * info[2]! - info[1]! * info[1]!;
  const varB = info[0]! / det;
  const df = n - 2;
  const dispersion = pearson / df;
  const quasi = dispersion > 1;
  const se = Math.sqrt(varB * (quasi ? dispersion : 1));
  const stat = b / se;
  const p = quasi ? studentTTwoSided(stat, df) : normalTwoSided(stat);
  const span = x[n - 1]!;
  return {
    tested: true,
    reason: null,
    years: n,
    fromYear: t0,
    toYear: points[n - 1]!.year,
    slope: b,
    annualChange: Math.exp(b) - 1,
    change: Math.exp(b * span) - 1,
    dispersion,
    quasi,
    p,
    significant: p < TREND_ALPHA,
    onRates,
  };
}
