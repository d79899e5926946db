/**
 * Bounded calibration with the logit distance (Deville & Särndal 1992; R
 * `survey::calibrate(design, formula, population, calfun = "logit", bounds = c(L, U))`).
 *
 * Units in cell c (n_c of them, all with the design weight d) get the weight d · g_c with
 *
 *   g_c = F(x_c'λ),   F(u) = [L(U−1) + U(1−L)·e^{Au}] / [(U−1) + (1−L)·e^{Au}],
 *   A = (U − L) / ((1 − L)(U − 1)),
 *
 * so that every g lies strictly between L and U (F(0) = 1, F → L and F → U at the ends), and λ is
 * chosen so that the weighted totals of the auxiliary variables x (here: an intercept and the
 * indicators of all but the first category of each calibration variable) meet the population
 * totals T:  Σ_c n_c d g_c x_c = T. λ is found by Newton's method with step halving on the largest
 * relative margin error; the run has converged when that error is below `tolerance`. When the
 * bounds make the totals unreachable the iteration cannot converge: `converged` is false and the
 * caller falls back (see survey/weights.ts).
 */

export interface CalibrationProblem {
  /** Units per cell. */
  readonly counts: ArrayLike<number>;
  /** Auxiliary vector of each cell (same length for all cells). */
  readonly x: readonly (readonly number[])[];
  /** Population totals of the auxiliary variables. */
  readonly totals: readonly number[];
  /** Design weight of every unit. */
  readonly designWeight: number;
  /** Bounds L < 1 < U on g. */
  readonly bounds: readonly [number, number];
}

export interface CalibrationResult {
  /** g per cell (multiply by the design weight for the unit weight). */
  readonly g: Float64Array;
  readonly iterations: number;
  readonly converged: boolean;
  /** Largest |achieved − target| / T_intercept over the auxiliary totals. */
  readonly maxError: number;
}

function solve(m: number[][], v: number[]): number[] | null {
  const n = v.length;
  const a = m.map((row, i) => [...row, v[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    if (Math.abs(a[p]![c]!) < 1e-12) return null;
    [a[c], a[p]] = [a[p]!, a[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / a[c]![c]!;
      if (f === 0) continue;
      for (let k = c; k <= n; k++) a[r]![k]! -= f * a[c]![k]!;
    }
  }
  return a.map((row, i) => row[n]! / row[i]!);
}

export function logitCalibrate(
  problem: CalibrationProblem,
  options: { maxIterations?: number; tolerance?: number } = {},
): CalibrationResult {
  const { counts, x, totals, designWeight: d } = problem;
  const [L, U] = problem.bounds;
  if (!(L < 1 && U > 1)) throw new Error('logitCalibrate: bounds must satisfy L < 1 < U');
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-7;
  const cells = x.length;
  const p = totals.length;
  const scale = Math.abs(totals[0] ?? 1) || 1;
  const A = (U - L) / ((1 - L) * (U - 1));
  const F = (u: number): number => {
    const au = A * u;
    if (au > 700) return U;
    if (au < -700) return L;
    const e = Math.exp(au);
    return (L * (U - 1) + U * (1 - L) * e) / (U - 1 + (1 - L) * e);
  };
  const dF = (u: number): number => {
    const au = A * u;
    if (Math.abs(au) > 700) return 0;
    const e = Math.exp(au);
    const den = U - 1 + (1 - L) * e;
    return (A * (1 - L) * (U - 1) * (U - L) * e) / (den * den);
  };
  const dot = (row: readonly number[], l: readonly number[]) => row.reduce((s, v, i) => s + v * l[i]!, 0);
  const achieved = (l: readonly number[]): number[] => {
    const t = new Array<number>(p).fill(0);
    for (let c = 0; c < cells; c++) {
      const w = counts[c]! * d * F(dot(x[c]!, l));
      for (let j = 0; j < p; j++) t[j]! += w * x[c]![j]!;
    }
    return t;
  };
  const error = (t: readonly number[]) =>
    t.reduce((e, v, j) => Math.max(e, Math.abs(v - totals[j]!) / scale), 0);

  let lambda = new Array<number>(p).fill(0);
  let t = achieved(lambda);
  let err = error(t);
  let iterations = 0;
  while (err >= tolerance && iterations < maxIterations) {
    iterations++;
    const jac = Array.from({ length: p }, () => new Array<number>(p).fill(0));
    for (let c = 0; c < cells; c++) {
      const w = counts[c]! * d * dF(dot(x[c]!, lambda));
      if (w === 0) continue;
      const xc = x[c]!;
      for (let i = 0; i < p; i++) for (let j = 0; j < p; j++) jac[i]![j]! += w * xc[i]! * xc[j]!;
    }
    const step = solve(
      jac,
      totals.map((v, j) => v - t[j]!),
    );
    if (!step) break;
    let f = 1;
    let next = lambda;
    let nextT = t;
    let nextErr = Number.POSITIVE_INFINITY;
    for (let h = 0; h < 30; h++) {
      next = lambda.map((v, j) => v + f * step[j]!);
      nextT = achieved(next);
      nextErr = error(nextT);
      if (nextErr < err) break;
      f /= 2;
    }
    if (!(nextErr < err)) break;
    lambda = next;
    t = nextT;
    err = nextErr;
  }
  const g = new Float64Array(cells);
  for (let c = 0; c < cells; c++) g[c] = F(dot(x[c]!, lambda));
  return { g, iterations, converged: err < tolerance, maxError: err };
}
