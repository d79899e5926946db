/**
 * Which population year a crime year uses (contract §4: "Where `jahr` is present, each crime year
 * uses the population of that year"). Decision: when the population of that year is missing, the
 * nearest available year is used (on a tie the earlier one) and validation warns; the analysis
 * must use this same function so the warning and the figures agree.
 */

/** The population year for a crime year; null when the population has no years (one set for all). */
export function populationYearFor(
  crimeYear: number,
  populationYears: ReadonlySet<number> | readonly number[] | null,
): number | null {
  if (populationYears === null) return null;
  let best: number | null = null;
  for (const y of populationYears) {
    if (y === crimeYear) return y;
    if (
      best === null ||
      Math.abs(y - crimeYear) < Math.abs(best - crimeYear) ||
      (Math.abs(y - crimeYear) === Math.abs(best - crimeYear) && y < best)
    )
      best = y;
  }
  return best;
}
