/**
 * Respondent weights: bounded calibration on sex (w, m) and age group to the population margins
 * (stats/calibration.ts, the logit distance of R `survey::calibrate(calfun = "logit")`), then
 * scaled so that the weights of all respondents sum to the population total (the population of
 * survey age, see population.ts: groups below the survey's minimum age never enter the weights).
 *
 * 1. Respondents who cannot be weighted — sex not given, sex `d` (too few in population tables to
 *    weight on), or no usable age group — keep the mean weight (relative weight 1) and stay in
 *    every analysis; each is counted once in `unweightedRespondents`, under the first reason that
 *    applies: sex missing, else sex `d`, else age missing.
 * 2. Categories: every category of a weighting variable needs at least MIN_CATEGORY (20)
 *    weightable respondents and population, so that no small group carries a large share of the
 *    population. An age category below that is merged with its neighbour (the one with fewer
 *    respondents; the oldest with the next younger one) until all have enough; the merge is listed
 *    in `mergedCategories` and the margin reported under the merged label (e.g. `60+`). Sex is
 *    weighted on only when both w and m reach MIN_CATEGORY (two categories cannot be merged). A
 *    variable left with a single category is not weighted on. Without any population figures the
 *    weights are all 1 (`method: 'none'`).
 * 3. Calibration: the weightable respondents get relative weights g (mean 1) with
 *    BOUNDS[0] < g < BOUNDS[1] that reproduce the population shares of the margins exactly
 *    (`logit-calibration`). Where no such weights exist — the bounds are too tight for the sample —
 *    the weights are raked without bounds (`raking`, stats/raking.ts), `boundsHeld` is false, and
 *    the report says so and gives the actual range.
 * 4. With n respondents, of which n_r are weighted, and population total N: the n_r weights are
 *    calibrated to n_r × the population shares (computed over the population of sex w and m), so
 *    their relative weights average 1; every weight is then multiplied by N / n.
 *
 * `weightMin`/`weightMax` are reported relative to the mean weight, on the same scale as `bounds`.
 */
import type { Dataset } from '../../model/dataset.js';
import { SEX_LABELS } from '../../model/dataset.js';
import type { Weighting as WeightingSchema } from '../schema.js';
import type { z } from 'zod';
import { rake } from '../stats/raking.js';
import { logitCalibrate } from '../stats/calibration.js';
import { kish } from '../stats/design-effect.js';
import { weightingPopulation, type WeightingPopulation } from './population.js';

export type Weighting = z.infer<typeof WeightingSchema>;

/** Bounds of the relative weights. */
export const BOUNDS: readonly [number, number] = [0.3, 3];
/** Weightable respondents a category of a weighting variable needs. */
export const MIN_CATEGORY = 20;

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

/** Included age groups, merged until every category has MIN_CATEGORY respondents and population. */
function ageCategories(
  dataset: Dataset,
  pop: WeightingPopulation,
  sampleByGroup: readonly number[],
  popByGroup: readonly number[],
): AgeCategory[] {
  let cats = dataset.ageGroups.flatMap((_, g) => (pop.ageIncluded[g] ? [{ groups: [g] }] : []));
  const sum = (groups: number[], v: readonly number[]) => groups.reduce((a, g) => a + (v[g] ?? 0), 0);
  const small = (c: { groups: number[] }) =>
    sum(c.groups, sampleByGroup) < MIN_CATEGORY || sum(c.groups, popByGroup) <= 0;
  for (;;) {
    if (cats.length <= 1) break;
    // The smallest category below the minimum first.
    let i = -1;
    cats.forEach((c, k) => {
      if (small(c) && (i < 0 || sum(c.groups, sampleByGroup) < sum(cats[i]!.groups, sampleByGroup))) i = k;
    });
    if (i < 0) break;
    const left = i > 0 ? sum(cats[i - 1]!.groups, sampleByGroup) : Infinity;
    const right = i + 1 < cats.length ? sum(cats[i + 1]!.groups, sampleByGroup) : Infinity;
    const lo = right <= left ? i : i - 1;
    const merged = { groups: [...cats[lo]!.groups, ...cats[lo + 1]!.groups] };
    cats = [...cats.slice(0, lo), merged, ...cats.slice(lo + 2)];
  }
  return cats.map((c) => ({ groups: c.groups, label: mergedLabel(dataset, c.groups) }));
}

export function computeWeights(dataset: Dataset): WeightsResult {
  const survey = dataset.survey;
  const n = survey.size;
  const pop = weightingPopulation(dataset);
  const bounds: [number, number] = [BOUNDS[0], BOUNDS[1]];
  const ageCount = dataset.ageGroups.length;

  // Sample counts for the decisions on variables and categories.
  let sampleW = 0;
  let sampleM = 0;
  const sampleByGroupWM = new Array<number>(ageCount).fill(0);
  const sampleByGroup = new Array<number>(ageCount).fill(0);
  for (let i = 0; i < n; i++) {
    const s = survey.sex[i]!;
    const g = survey.ageGroup[i]!;
    const ageOk = g >= 0 && g < ageCount && pop.ageIncluded[g];
    if (s === 1 && ageOk) sampleW++;
    else if (s === 2 && ageOk) sampleM++;
    if (ageOk) {
      sampleByGroup[g]!++;
      if (s === 1 || s === 2) sampleByGroupWM[g]!++;
    }
  }
  const hasPopulation = pop.total > 0;
  const sexUsed =
    hasPopulation && pop.bySex.w > 0 && pop.bySex.m > 0 && sampleW >= MIN_CATEGORY && sampleM >= MIN_CATEGORY;
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

  // Weightable respondents and their cell (sex × age category).
  const sexDim = sexUsed ? 2 : 1;
  const ageDim = ageUsed ? ageCats.length : 1;
  const cellOf = new Int32Array(n).fill(-1);
  const cellCounts = new Float64Array(sexDim * ageDim);
  const unweighted = { sexMissing: 0, sexDiverse: 0, ageMissing: 0 };
  let weighted = 0;
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
    weighted++;
  }

  const variables: string[] = [];
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
  if (sexUsed) variables.push('geschlecht');
  if (ageUsed) variables.push('altersgruppe');
  const mergedCategories = ageUsed
    ? ageCats
        .filter((c) => c.groups.length > 1)
        .map((c) => ({
          variable: 'altersgruppe',
          groups: c.groups.map((g) => dataset.ageGroups[g]!.label),
          label: c.label,
          respondents: c.groups.reduce(
            (a, g) => a + ((sexUsed ? sampleByGroupWM : sampleByGroup)[g] ?? 0),
            0,
          ),
        }))
    : [];

  // Auxiliary vectors: intercept, m (if sex), age categories 2..K (if age); cell = sex · ageDim + age.
  const x: number[][] = [];
  for (let s = 0; s < sexDim; s++)
    for (let k = 0; k < ageDim; k++)
      x.push([
        1,
        ...(sexUsed ? [s === 1 ? 1 : 0] : []),
        ...(ageUsed ? ageCats.slice(1).map((_, j) => (k === j + 1 ? 1 : 0)) : []),
      ]);
  const totals = [
    weighted,
    ...(sexUsed ? [sexMargin[1]!.share * weighted] : []),
    ...(ageUsed ? ageMargin.slice(1).map((m) => m.share * weighted) : []),
  ];

  let method: Weighting['method'] = 'none';
  let cellWeights: Float64Array = new Float64Array(cellCounts.length).fill(1);
  let iterations = 0;
  let converged = true;
  if (variables.length > 0 && weighted > 0) {
    const cal = logitCalibrate({ counts: cellCounts, x, totals, designWeight: 1, bounds });
    if (cal.converged) {
      method = 'logit-calibration';
      cellWeights = cal.g;
      iterations = cal.iterations;
    } else {
      // The bounds cannot be held: unbounded raking, reported with its actual range.
      const dims = [...(sexUsed ? [2] : []), ...(ageUsed ? [ageDim] : [])];
      const targets = [
        ...(sexUsed ? [sexMargin.map((m) => m.share * weighted)] : []),
        ...(ageUsed ? [ageMargin.map((m) => m.share * weighted)] : []),
      ];
      const raked = rake({ cellCounts, dims, targets }, { trim: null });
      method = 'raking';
      cellWeights = raked.cellWeights;
      iterations = raked.iterations;
      converged = raked.converged;
    }
  }

  // Achieved margins (shares of the weighted respondents) against the population shares.
  let maxMarginError = 0;
  if (weighted > 0) {
    const byCell = Array.from(cellCounts, (c, i) => c * cellWeights[i]!);
    if (sexUsed)
      sexMargin.forEach((m, s) => {
        let t = 0;
        for (let k = 0; k < ageDim; k++) t += byCell[s * ageDim + k]!;
        maxMarginError = Math.max(maxMarginError, Math.abs(t / weighted - m.share));
      });
    if (ageUsed)
      ageMargin.forEach((m, k) => {
        let t = 0;
        for (let s = 0; s < sexDim; s++) t += byCell[s * ageDim + k]!;
        maxMarginError = Math.max(maxMarginError, Math.abs(t / weighted - m.share));
      });
  }

  // Relative weights (mean 1) → scaled to the population total.
  const scale = n > 0 ? (hasPopulation ? pop.total / n : 1) : 0;
  const weights = new Float64Array(n);
  let relMin = Infinity;
  let relMax = -Infinity;
  let atBounds = 0;
  for (let i = 0; i < n; i++) {
    const c = cellOf[i]!;
    const rel = c >= 0 ? cellWeights[c]! : 1;
    if (rel < relMin) relMin = rel;
    if (rel > relMax) relMax = rel;
    if (Math.abs(rel - bounds[0]) <= 1e-3 * bounds[0] || Math.abs(rel - bounds[1]) <= 1e-3 * bounds[1])
      atBounds++;
    weights[i] = rel * scale;
  }
  const { designEffect, effectiveN } = kish(weights);
  const weightMin = n > 0 ? relMin : 1;
  const weightMax = n > 0 ? relMax : 1;

  return {
    weights,
    population: pop,
    weighting: {
      method,
      variables,
      iterations,
      converged,
      maxMarginError,
      bounds,
      boundsHeld: weightMin >= bounds[0] - 1e-9 && weightMax <= bounds[1] + 1e-9,
      atBounds,
      weightMin,
      weightMax,
      designEffect,
      effectiveN,
      unweightedRespondents: unweighted,
      minCategorySize: MIN_CATEGORY,
      mergedCategories,
      margins: { sex: sexMargin, ageGroup: ageMargin },
    },
  };
}
