/** The two PKS ratios, one definition for every level (area, municipality, Kreis, Land). */

/** Häufigkeitszahl: cases per 100,000 inhabitants; null without a population. */
export function haeufigkeitszahl(cases: number, population: number | null | undefined): number | null {
  if (population === null || population === undefined || !(population > 0)) return null;
  return (cases * 100_000) / population;
}

/**
 * Aufklärungsquote as a fraction: cleared / cases; null when cleared is unknown or there are no cases.
 * Capped at 1: cleared counts can exceed the year's cases (cases of earlier years cleared late),
 * while analysis.json holds shares in [0, 1].
 */
export function aufklaerungsquote(cleared: number | null | undefined, cases: number): number | null {
  if (cleared === null || cleared === undefined || !(cases > 0)) return null;
  return Math.min(1, Math.max(0, cleared / cases));
}

/** Median of a list of numbers (mean of the two middle values for an even count); null when empty. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}
