/**
 * The population the survey is weighted to and compared with (sample composition).
 *
 * - Year: where the population rows carry `jahr`, the rows of the berichtsjahr are used (or the
 *   nearest year, the same rule the crime analysis uses: validate/population-year.ts); without
 *   `jahr`, all rows.
 * - Age: the survey asks people aged 16 and over; age groups that end below 16 (e.g. `0-15`) are
 *   left out of the weighting population. Respondents whose age falls into such a group are
 *   treated like respondents without an age.
 */
import type { Dataset, Sex } from '../../model/dataset.js';
import { populationYearFor } from '../../validate/population-year.js';

/** The survey population starts at this age. */
export const SURVEY_MIN_AGE = 16;

export interface WeightingPopulation {
  /** Population year used, or null when the table has no years. */
  readonly year: number | null;
  /** Per dataset age group: part of the survey population. */
  readonly ageIncluded: readonly boolean[];
  /** Total population of the included age groups (all sexes, all areas). */
  readonly total: number;
  readonly bySex: Readonly<Record<Sex, number>>;
  /** Per dataset age group, all sexes. */
  readonly byAge: readonly number[];
  /** Per dataset age group, sexes w and m only. */
  readonly byAgeWM: readonly number[];
  /** Per manifest area (index), included age groups. */
  readonly byArea: readonly number[];
}

export function weightingPopulation(dataset: Dataset): WeightingPopulation {
  const { ageGroups, population, manifest } = dataset;
  const years = new Set<number>();
  for (const r of population) if (r.year !== null) years.add(r.year);
  const year = years.size > 0 ? populationYearFor(manifest.berichtsjahr, years) : null;
  const ageIndex = new Map(ageGroups.map((g, i) => [g.label, i]));
  const areaIndex = new Map(manifest.gebiete.map((g, i) => [g.id, i]));
  const ageIncluded = ageGroups.map((g) => g.max === null || g.max >= SURVEY_MIN_AGE);
  const bySex: Record<Sex, number> = { w: 0, m: 0, d: 0 };
  const byAge = new Array<number>(ageGroups.length).fill(0);
  const byAgeWM = new Array<number>(ageGroups.length).fill(0);
  const byArea = new Array<number>(manifest.gebiete.length).fill(0);
  let total = 0;
  for (const r of population) {
    if (year !== null && r.year !== year) continue;
    const g = ageIndex.get(r.ageGroup);
    if (g === undefined || !ageIncluded[g]) continue;
    const c = Math.max(0, r.count);
    total += c;
    bySex[r.sex] += c;
    byAge[g]! += c;
    if (r.sex !== 'd') byAgeWM[g]! += c;
    const a = areaIndex.get(r.areaId);
    if (a !== undefined) byArea[a]! += c;
  }
  return { year, ageIncluded, total, bySex, byAge, byAgeWM, byArea };
}
