/**
 * Respondent weights: raking on sex (w, m) and age group to the population margins
 * (stats/raking.ts), then scaled so that the weights of all respondents sum to the population
 * total (the 16+ population of the table, see population.ts).
 *
 * Respondents who cannot be raked — sex not given, sex `d` (too few in population tables to rake
 * on), or no usable age group — keep the mean weight (relative weight 1) and stay in every
 * analysis. With n respondents, of which n_r can be raked, and population total N:
 *   - the n_r raked respondents are raked to n_r × (population shares of the margins), computed
 *     over the population of sex w and m, so their relative weights average 1;
 *   - every weight is multiplied by N / n, so all weights sum to N and the mean weight is N / n.
 * In `unweightedRespondents` each such respondent is counted once, under the first reason that
 * applies: sex missing, else sex `d`, else age missing.
 *
 * Empty margin cells: an age group without any rakeable respondent (or with population 0) is
 * merged with the next older group (the oldest with the next younger one) until every group has
 * respondents; the margin is then reported under the merged label (e.g. `60+` for 60-74 and 75+).
 * A variable left with a single category, or sex when the sample or the population lacks w or m,
 * is not raked on (it is missing from `variables`). Without any population figures the weights
 * are all 1 and nothing is raked.
 *
 * Trimming: [0.3, 3] × the mean weight, with re-raking (stats/raking.ts); `weightMin`/`weightMax`
 * are reported relative to the mean weight, on the same scale as `trimBounds`.
 */
import type { Dataset } from '../../model/dataset.js';
import { SEX_LABELS } from '../../model/dataset.js';
import type { Weighting as WeightingSchema } from '../schema.js';
import type { z } from 'zod';
import { DEFAULT_TRIM, rake } from '../stats/raking.js';
import { kish } from '../stats/design-effect.js';
import { weightingPopulation, type WeightingPopulation } from './population.js';

export type Weighting = z.infer<typeof WeightingSchema>;

export interface WeightsResult {
  readonly weighting: Weighting;
  /** Weight per respondent; sums to the population total. */
  readonly weights: Float64Array;
  /** The population weighted to (also used for the sample composition). */
  readonly population: WeightingPopulation;
}

interface AgeCategory {
  readonly groups: number[];
  readonly label: string;
}

function mergedLabel(dataset: Dataset, groups: readonly number[]): string {
  if (groups.length === 1) return dataset.ageGroups[groups[0]!]!.label;
  const first = dataset.ageGroups[groups[0]!]!;
  const last = dataset.ageGroups[groups[groups.length - 1]!]!;
  return last.max === null ? `${first.min}+` : `${first.min}-${last.max}`;
}

/** Included age groups, merged until every category has sample and population. */
function ageCategories(
  dataset: Dataset,
  pop: WeightingPopulation,
  sampleByGroup: readonly number[],
  popByGroup: readonly number[],
): AgeCategory[] {
  let cats = dataset.ageGroups.flatMap((_, g) => (pop.ageIncluded[g] ? [{ groups: [g] }] : []));
  const sum = (groups: number[], v: readonly number[]) => groups.reduce((a, g) => a + (v[g] ?? 0), 0);
  for (;;) {
    const i = cats.findIndex((c) => sum(c.groups, sampleByGroup) === 0 || sum(c.groups, popByGroup) === 0);
    if (i < 0 || cats.length <= 1) break;
    const j = i + 1 < cats.length ? i + 1 : i - 1;
    const lo = Math.min(i, j);
    const merged = { groups: [...cats[lo]!.groups, ...cats[lo + 1]!.groups] };
    cats = [...cats.slice(0, lo), merged, ...cats.slice(lo + 2)];
  }
  return cats.map((c) => ({ groups: c.groups, label: mergedLabel(dataset, c.groups) }));
}

export function computeWeights(dataset: Dataset): WeightsResult {
  const survey = dataset.survey;
  const n = survey.size;
  const pop = weightingPopulation(dataset);
  const trimBounds: [number, number] = [DEFAULT_TRIM[0], DEFAULT_TRIM[1]];
  const ageCount = dataset.ageGroups.length;

  // Sample counts for the decisions on variables and categories.
  let sampleW = 0;
  let sampleM = 0;
  const sampleByGroupWM = new Array<number>(ageCount).fill(0);
  const sampleByGroup = new Array<number>(ageCount).fill(0);
  for (let i = 0; i < n; i++) {
    const s = survey.sex[i]!;
    if (s === 1) sampleW++;
    else if (s === 2) sampleM++;
    const g = survey.ageGroup[i]!;
    if (g >= 0 && g < ageCount && pop.ageIncluded[g]) {
      sampleByGroup[g]!++;
      if (s === 1 || s === 2) sampleByGroupWM[g]!++;
    }
  }
  const hasPopulation = pop.total > 0;
  const sexUsed = hasPopulation && pop.bySex.w > 0 && pop.bySex.m > 0 && sampleW > 0 && sampleM > 0;
  const ageCats = hasPopulation
    ? ageCategories(
        dataset,
        pop,
        sexUsed ? sampleByGroupWM : sampleByGroup,
        sexUsed ? pop.byAgeWM : pop.byAge,
      )
    : [];
  const ageUsed = ageCats.length >= 2;
  const catOfGroup = new Int32Array(ageCount).fill(-1);
  ageCats.forEach((c, k) => c.groups.forEach((g) => (catOfGroup[g] = k)));

  // Rakeable respondents and their cell (sex × age category).
  const sexDim = sexUsed ? 2 : 1;
  const ageDim = ageUsed ? ageCats.length : 1;
  const cellOf = new Int32Array(n).fill(-1);
  const cellCounts = new Float64Array(sexDim * ageDim);
  const unweighted = { sexMissing: 0, sexDiverse: 0, ageMissing: 0 };
  let rakeable = 0;
  for (let i = 0; i < n; i++) {
    const s = survey.sex[i]!;
    const g = survey.ageGroup[i]!;
    const cat = g >= 0 && g < ageCount ? catOfGroup[g]! : -1;
    if (sexUsed && s !== 1 && s !== 2) {
      if (s === 3) unweighted.sexDiverse++;
      else unweighted.sexMissing++;
      continue;
    }
    if (ageUsed && cat < 0) {
      unweighted.ageMissing++;
      continue;
    }
    const cell = (sexUsed ? s - 1 : 0) * ageDim + (ageUsed ? cat : 0);
    cellOf[i] = cell;
    cellCounts[cell]!++;
    rakeable++;
  }

  const variables: string[] = [];
  const targets: number[][] = [];
  const dims: number[] = [];
  const popWM = pop.bySex.w + pop.bySex.m;
  const sexMargin = sexUsed
    ? (['w', 'm'] as const).map((k) => ({
        key: k,
        label: SEX_LABELS[k],
        count: pop.bySex[k],
        share: pop.bySex[k] / popWM,
      }))
    : [];
  const ageBase = ageCats.map((c) =>
    c.groups.reduce((a, g) => a + ((sexUsed ? pop.byAgeWM : pop.byAge)[g] ?? 0), 0),
  );
  const ageTotal = ageBase.reduce((a, b) => a + b, 0);
  const ageMargin = ageUsed
    ? ageCats.map((c, k) => ({
        key: c.label,
        label: c.label,
        count: ageBase[k]!,
        share: ageBase[k]! / ageTotal,
      }))
    : [];
  if (sexUsed) {
    variables.push('geschlecht');
    dims.push(2);
    targets.push(sexMargin.map((m) => m.share * rakeable));
  }
  if (ageUsed) {
    variables.push('altersgruppe');
    dims.push(ageDim);
    targets.push(ageMargin.map((m) => m.share * rakeable));
  }

  const raked =
    dims.length > 0 && rakeable > 0
      ? rake({ cellCounts, dims, targets }, { trim: trimBounds })
      : {
          cellWeights: new Float64Array(cellCounts.length).fill(1),
          iterations: 0,
          converged: true,
          maxMarginError: 0,
          trimmedUnits: 0,
        };

  // Relative weights (mean 1) → scaled to the population total.
  const scale = n > 0 ? (hasPopulation ? pop.total / n : 1) : 0;
  const weights = new Float64Array(n);
  let relMin = Infinity;
  let relMax = -Infinity;
  for (let i = 0; i < n; i++) {
    const c = cellOf[i]!;
    const rel = c >= 0 ? raked.cellWeights[c]! : 1;
    if (rel < relMin) relMin = rel;
    if (rel > relMax) relMax = rel;
    weights[i] = rel * scale;
  }
  const { designEffect, effectiveN } = kish(weights);

  return {
    weights,
    population: pop,
    weighting: {
      method: 'raking',
      variables,
      iterations: raked.iterations,
      converged: raked.converged,
      maxMarginError: raked.maxMarginError,
      trimBounds,
      trimmedCount: raked.trimmedUnits,
      weightMin: n > 0 ? relMin : 0,
      weightMax: n > 0 ? relMax : 0,
      designEffect,
      effectiveN,
      unweightedRespondents: unweighted,
      margins: { sex: sexMargin, ageGroup: ageMargin },
    },
  };
}
