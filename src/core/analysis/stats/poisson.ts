/**
 * Exact (Garwood) 95 % interval of a Poisson count and of a Häufigkeitszahl, as R's
 * `poisson.test(k, T)$conf.int`:
 *
 *   lower = qgamma(0.025, k)       (0 for k = 0)
 *   upper = qgamma(0.975, k + 1)
 *
 * divided by the exposure. For a Häufigkeitszahl the exposure is population-years / 100,000: a rate
 * pooled over several years (Σ cases × 100,000 / Σ population) gets the interval of Σ cases.
 *
 * A rate *differs significantly* from a reference when the reference lies outside this interval
 * (the exact test's 95 % interval, used as a two-sided test at the 5 % level), and the report claims
 * it only with at least MIN_CASES_FOR_CLAIM cases (fewer cases carry too little information for an
 * area-level statement even when the interval is narrow enough).
 */
import { gammaQuantile } from './distributions.js';

/** Cases an area needs before its rate may be called above or below a reference. */
export const MIN_CASES_FOR_CLAIM = 10;

export function poissonInterval(cases: number, level = 0.95): [number, number] {
  const k = Math.max(0, cases);
  const alpha = 1 - level;
  const lower = k === 0 ? 0 : gammaQuantile(alpha / 2, k);
  const upper = gammaQuantile(1 - alpha / 2, k + 1);
  return [lower, upper];
}

/** Interval of a Häufigkeitszahl: `cases` over `population` person-years (summed over the years pooled). */
export function rateInterval(cases: number, population: number): [number, number] | null {
  if (!(population > 0)) return null;
  const [lo, hi] = poissonInterval(cases);
  return [(lo * 100_000) / population, (hi * 100_000) / population];
}

export type RateLevel = 'ueber' | 'unter' | 'unauffaellig' | 'nicht-gesichert';

/**
 * How a rate stands against a reference: 'ueber'/'unter' when the exact interval excludes the
 * reference and there are at least MIN_CASES_FOR_CLAIM cases; 'unauffaellig' when the interval
 * contains it; 'nicht-gesichert' with too few cases to say.
 */
export function rateLevel(
  cases: number,
  population: number | null,
  reference: number | null,
  minCases = MIN_CASES_FOR_CLAIM,
): RateLevel | null {
  if (population === null || reference === null) return null;
  const ci = rateInterval(cases, population);
  if (!ci) return null;
  if (cases < minCases) return 'nicht-gesichert';
  if (ci[0] > reference) return 'ueber';
  if (ci[1] < reference) return 'unter';
  return 'unauffaellig';
}
