/**
 * Raking (iterative proportional fitting) of unit weights to known population margins.
 *
 * The units are classified into the cells of a cross-classification of K variables (e.g. sex ×
 * age group); every unit in a cell gets the same weight, so the algorithm works on the cell table
 * (O(cells) per iteration) and the caller spreads the cell weights over the units in one linear
 * pass. One iteration ("cycle") adjusts the weights to each variable's margin in turn:
 *
 *   w_c ← w_c · T_v[k] / M_v[k]      for every cell c in category k of variable v,
 *
 * where M_v[k] = Σ n_c·w_c over those cells and T_v[k] the target total. A category whose weighted
 * sample total is 0 (no unit in it) is left alone instead of dividing by zero; it can never meet a
 * positive target, so the caller must collapse such categories first (see survey/weights.ts).
 *
 * Convergence: after each cycle the largest margin error max |M_v[k] − T_v[k]| / T (a share) is
 * measured; below `tolerance` (default 1e-6) the run has converged, otherwise it stops after
 * `maxIterations` (default 100) cycles.
 *
 * Trimming: weights are bounded to [lo, hi] × mean weight (default [0.3, 3]; mean = T / units).
 * After a converged or exhausted run, cells outside the bounds are clipped to them and the table
 * is raked again; this repeats for at most `maxTrimRounds` (default 20; each round costs O(cells),
 * and a weight pushed back over a bound approaches it geometrically) rounds. The result is
 * always the output of a raking run, so margins hold to the tolerance whenever `converged`; if the
 * bounds are still violated after the last round, the weights are left slightly outside them (the
 * caller reports the actual minimum and maximum). `trimmedUnits` counts the units of every cell
 * that was clipped in at least one round.
 */

export interface RakingProblem {
  /** Units per cell. Cells enumerate the cross-classification row-major (the last variable varies fastest). */
  readonly cellCounts: ArrayLike<number>;
  /** Number of categories of each variable. */
  readonly dims: readonly number[];
  /** Target totals per variable and category; every variable's targets must sum to the same total T. */
  readonly targets: readonly (readonly number[])[];
}

export interface RakingOptions {
  readonly maxIterations?: number;
  readonly tolerance?: number;
  /** Bounds relative to the mean weight; null disables trimming. */
  readonly trim?: readonly [number, number] | null;
  readonly maxTrimRounds?: number;
}

export interface RakingResult {
  /** Weight of each unit in the cell (0 for empty cells). */
  readonly cellWeights: Float64Array;
  /** Raking cycles over all trimming rounds. */
  readonly iterations: number;
  /** Whether the last raking run met the tolerance. */
  readonly converged: boolean;
  /** Largest |weighted margin − target| as a share of T, after the last run. */
  readonly maxMarginError: number;
  readonly trimmedUnits: number;
  readonly trimRounds: number;
}

export const DEFAULT_TRIM: readonly [number, number] = [0.3, 3];

/** Category of each cell, per variable. */
function categoryIndex(dims: readonly number[]): Int32Array[] {
  const cells = dims.reduce((a, d) => a * d, 1);
  const out = dims.map(() => new Int32Array(cells));
  for (let c = 0; c < cells; c++) {
    let rest = c;
    for (let v = dims.length - 1; v >= 0; v--) {
      const d = dims[v]!;
      out[v]![c] = rest % d;
      rest = Math.floor(rest / d);
    }
  }
  return out;
}

function margins(counts: ArrayLike<number>, w: Float64Array, cat: Int32Array, k: number): Float64Array {
  const m = new Float64Array(k);
  for (let c = 0; c < w.length; c++) m[cat[c]!]! += counts[c]! * w[c]!;
  return m;
}

function marginError(
  counts: ArrayLike<number>,
  w: Float64Array,
  cats: Int32Array[],
  problem: RakingProblem,
  total: number,
): number {
  let err = 0;
  problem.dims.forEach((k, v) => {
    const m = margins(counts, w, cats[v]!, k);
    const t = problem.targets[v]!;
    for (let j = 0; j < k; j++) err = Math.max(err, Math.abs(m[j]! - (t[j] ?? 0)) / total);
  });
  return err;
}

export function rake(problem: RakingProblem, options: RakingOptions = {}): RakingResult {
  const { dims, targets, cellCounts: counts } = problem;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-6;
  const trim = options.trim === undefined ? DEFAULT_TRIM : options.trim;
  const maxTrimRounds = options.maxTrimRounds ?? 20;
  const cells = dims.reduce((a, d) => a * d, 1);
  if (counts.length !== cells || targets.length !== dims.length)
    throw new Error('rake: cellCounts/targets do not match dims');

  let units = 0;
  for (let c = 0; c < cells; c++) units += counts[c]!;
  const total = targets.length > 0 ? targets[0]!.reduce((a, b) => a + b, 0) : units;
  const w = new Float64Array(cells);
  if (units <= 0 || total <= 0)
    return {
      cellWeights: w,
      iterations: 0,
      converged: units <= 0,
      maxMarginError: 0,
      trimmedUnits: 0,
      trimRounds: 0,
    };
  const mean = total / units;
  for (let c = 0; c < cells; c++) w[c] = counts[c]! > 0 ? mean : 0;
  const cats = categoryIndex(dims);

  let iterations = 0;
  let converged = false;
  let err = marginError(counts, w, cats, problem, total);
  const trimmed = new Uint8Array(cells);
  let rounds = 0;

  for (;;) {
    // One raking run.
    converged = err < tolerance;
    for (let it = 0; it < maxIterations && !converged; it++) {
      dims.forEach((k, v) => {
        const cat = cats[v]!;
        const m = margins(counts, w, cat, k);
        const t = targets[v]!;
        const f = new Float64Array(k);
        for (let j = 0; j < k; j++) f[j] = m[j]! > 0 ? (t[j] ?? 0) / m[j]! : 1;
        for (let c = 0; c < cells; c++) w[c]! *= f[cat[c]!]!;
      });
      iterations++;
      err = marginError(counts, w, cats, problem, total);
      converged = err < tolerance;
    }
    if (!trim || rounds >= maxTrimRounds) break;
    // Trim and re-rake while any weight is outside the bounds.
    const lo = trim[0] * mean;
    const hi = trim[1] * mean;
    const eps = 1e-9 * mean;
    let clipped = false;
    for (let c = 0; c < cells; c++) {
      if (counts[c]! <= 0) continue;
      if (w[c]! < lo - eps) w[c] = lo;
      else if (w[c]! > hi + eps) w[c] = hi;
      else continue;
      trimmed[c] = 1;
      clipped = true;
    }
    if (!clipped) break;
    rounds++;
    err = marginError(counts, w, cats, problem, total);
  }

  let trimmedUnits = 0;
  for (let c = 0; c < cells; c++) if (trimmed[c]) trimmedUnits += counts[c]!;
  return { cellWeights: w, iterations, converged, maxMarginError: err, trimmedUnits, trimRounds: rounds };
}
