/**
 * The disclosure auditor: given only what a publication shows, it derives every hidden count it
 * can and reports the suppressed cells whose statistic follows. It is deliberately independent of
 * the suppression rules (stats/suppression.ts): it knows nothing about why a cell was hidden, only
 * the published structure.
 *
 * Model. A *family* is one binary statistic (e.g. the unfavourable answers of one item, or "victim
 * of any offence") over the respondents, who fall into *atoms* (the finest cells any publication
 * distinguishes, e.g. area × sex × age group with slots for "unknown"). A published *group* is a
 * set of atoms with its base n (always published) and its count of "yes" answers (published for
 * shown groups; for unweighted shares n · share is exact, and an attacker is assumed to recover it
 * from the weighted share as well — the worst case). Groups of one *breakdown* are disjoint.
 *
 * Equations. For every group P and every breakdown B: P = Σ { g ∈ B : g ⊆ P, g ≠ P } + R, where the
 * remainder R (the atoms of P outside those groups, e.g. respondents without an area) is an
 * unknown of its own; remainders with the same atoms are the same unknown, and a remainder whose
 * atoms are exactly a published group is that group. Every size is known: hidden groups publish n,
 * a remainder's size is the difference.
 *
 * Derivation, iterated until nothing changes:
 * 1. Bounds: every unknown count lies in [0, n]; each equation tightens the bounds of its unknowns
 *    (x_j ≥ rhs − Σ upper bounds of the others, x_j ≤ rhs − Σ lower bounds), rounded inwards to
 *    whole numbers. This is the
 *    "homogeneous remainder" attack in general form: a remainder with 0 or all answers unfavourable
 *    pins every member, and so does a single member.
 * 2. Linear elimination: Gauss–Jordan elimination of all equations over the unknowns; a row left
 *    with one unknown determines it (e.g. a cell recovered from a row and then from its column).
 * An unknown whose bounds meet is derived.
 *
 * Findings: a hidden group with 0 < n < mindestfallzahl (a group that may not be shown) whose count
 * is derived, unless the value is no secret of that group: it is implied by a shown group that
 * contains it and is itself homogeneous (0 % or 100 %, e.g. a total of 0 %) or has the same size.
 * Hidden groups with n ≥ mindestfallzahl (secondary suppressions) are not findings themselves; if
 * recovering one gives away a small group, that small group is found.
 */

export interface AuditGroup {
  /** Stable id within the family, e.g. `area:01`, `cell:w:16-29`, `total`. */
  readonly id: string;
  /** Atom indices (distinct). */
  readonly atoms: readonly number[];
  /** Published base size (valid answers). */
  readonly n: number;
  /** Published count of the statistic ("yes" answers); null when hidden. */
  readonly count: number | null;
}

export interface AuditFamily {
  /** Identity of the statistic, e.g. `sg_wohngegend_nacht|neg`. */
  readonly key: string;
  readonly groups: readonly AuditGroup[];
  /** Breakdowns: ids of groups that are pairwise disjoint (e.g. all areas). */
  readonly breakdowns: readonly (readonly string[])[];
}

export interface Finding {
  readonly family: string;
  readonly group: string;
  readonly n: number;
  /** The derived count (for tests; never printed or logged). */
  readonly count: number;
}

interface Variable {
  readonly key: string;
  readonly atoms: readonly number[];
  readonly n: number;
  lo: number;
  hi: number;
  readonly group: AuditGroup | null;
}

interface Equation {
  /** Variable index → coefficient. */
  readonly terms: Map<number, number>;
  readonly rhs: number;
}

const EPS = 1e-9;

function signature(atoms: readonly number[]): string {
  return [...atoms].sort((a, b) => a - b).join(',');
}

function isSubset(a: ReadonlySet<number>, b: ReadonlySet<number>): boolean {
  if (a.size > b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

/** Merges several publications of the same group: shown wins (a group shown anywhere is shown). */
export function mergeGroups(groups: readonly AuditGroup[]): AuditGroup[] {
  const byId = new Map<string, AuditGroup>();
  for (const g of groups) {
    const prev = byId.get(g.id);
    if (!prev || (prev.count === null && g.count !== null)) byId.set(g.id, g);
  }
  return [...byId.values()];
}

function buildSystem(family: AuditFamily): { vars: Variable[]; eqs: Equation[] } {
  const groups = mergeGroups(family.groups);
  const sets = new Map(groups.map((g) => [g.id, new Set(g.atoms)]));
  const vars: Variable[] = [];
  const bySig = new Map<string, number>();
  const add = (atoms: readonly number[], n: number, group: AuditGroup | null): number => {
    const sig = signature(atoms);
    const known = bySig.get(sig);
    if (known !== undefined) return known;
    const count = group?.count ?? null;
    const v: Variable = {
      key: group ? group.id : `rest[${sig}]`,
      atoms,
      n,
      lo: count ?? 0,
      hi: count ?? n,
      group,
    };
    vars.push(v);
    bySig.set(sig, vars.length - 1);
    return vars.length - 1;
  };
  for (const g of groups) add(g.atoms, g.n, g);
  const byId = new Map(groups.map((g) => [g.id, g]));
  const eqs: Equation[] = [];
  for (const parent of groups) {
    const pset = sets.get(parent.id)!;
    for (const breakdown of family.breakdowns) {
      const children = breakdown
        .map((id) => byId.get(id))
        .filter((g): g is AuditGroup => g !== undefined && g.id !== parent.id)
        .filter((g) => isSubset(sets.get(g.id)!, pset) && sets.get(g.id)!.size < pset.size);
      if (children.length === 0) continue;
      const covered = new Set<number>();
      for (const c of children) for (const a of c.atoms) covered.add(a);
      const rest = [...pset].filter((a) => !covered.has(a));
      const terms = new Map<number, number>();
      terms.set(add(parent.atoms, parent.n, parent), -1);
      let size = parent.n;
      for (const c of children) {
        const i = add(c.atoms, c.n, c);
        terms.set(i, (terms.get(i) ?? 0) + 1);
        size -= c.n;
      }
      if (rest.length > 0) {
        const i = add(rest, Math.max(0, size), null);
        terms.set(i, (terms.get(i) ?? 0) + 1);
      }
      eqs.push({ terms, rhs: 0 });
    }
  }
  return { vars, eqs };
}

const fixed = (v: Variable) => v.hi - v.lo < EPS;

/** One pass of bound tightening over all equations; true when a bound moved. */
function propagate(vars: Variable[], eqs: readonly Equation[]): boolean {
  let moved = false;
  for (const eq of eqs) {
    // Σ a_k x_k = rhs  →  a_j x_j = rhs − Σ_{k≠j} a_k x_k
    let minSum = 0;
    let maxSum = 0;
    for (const [k, a] of eq.terms) {
      const v = vars[k]!;
      minSum += a > 0 ? a * v.lo : a * v.hi;
      maxSum += a > 0 ? a * v.hi : a * v.lo;
    }
    for (const [j, a] of eq.terms) {
      const v = vars[j]!;
      const ownMin = a > 0 ? a * v.lo : a * v.hi;
      const ownMax = a > 0 ? a * v.hi : a * v.lo;
      const restMin = minSum - ownMin;
      const restMax = maxSum - ownMax;
      // a·x ∈ [rhs − restMax, rhs − restMin]
      let lo = (eq.rhs - restMax) / a;
      let hi = (eq.rhs - restMin) / a;
      if (a < 0) [lo, hi] = [hi, lo];
      // Counts are whole numbers.
      lo = Math.ceil(lo - EPS);
      hi = Math.floor(hi + EPS);
      if (lo > v.lo + EPS) {
        v.lo = Math.min(lo, v.hi);
        moved = true;
      }
      if (hi < v.hi - EPS) {
        v.hi = Math.max(hi, v.lo);
        moved = true;
      }
    }
  }
  return moved;
}

/** Gauss–Jordan elimination; fixes every unknown that a reduced row determines. True when one was fixed. */
function eliminate(vars: Variable[], eqs: readonly Equation[]): boolean {
  const unknown = vars.map((v, i) => (fixed(v) ? -1 : i)).filter((i) => i >= 0);
  if (unknown.length === 0) return false;
  const col = new Map(unknown.map((v, c) => [v, c]));
  const rows: number[][] = [];
  for (const eq of eqs) {
    const row = new Array<number>(unknown.length + 1).fill(0);
    let rhs = eq.rhs;
    let any = false;
    for (const [k, a] of eq.terms) {
      const c = col.get(k);
      if (c === undefined) rhs -= a * vars[k]!.lo;
      else {
        row[c]! += a;
        any = true;
      }
    }
    if (!any) continue;
    row[unknown.length] = rhs;
    rows.push(row);
  }
  let r = 0;
  for (let c = 0; c < unknown.length && r < rows.length; c++) {
    let p = -1;
    for (let i = r; i < rows.length; i++)
      if (Math.abs(rows[i]![c]!) > EPS && (p < 0 || Math.abs(rows[i]![c]!) > Math.abs(rows[p]![c]!))) p = i;
    if (p < 0) continue;
    [rows[r], rows[p]] = [rows[p]!, rows[r]!];
    const pivot = rows[r]!;
    const f = pivot[c]!;
    for (let k = c; k <= unknown.length; k++) pivot[k]! /= f;
    for (let i = 0; i < rows.length; i++) {
      if (i === r) continue;
      const row = rows[i]!;
      const g = row[c]!;
      if (Math.abs(g) < EPS) continue;
      for (let k = c; k <= unknown.length; k++) row[k]! -= g * pivot[k]!;
    }
    r++;
  }
  let changed = false;
  for (const row of rows) {
    let only = -1;
    let count = 0;
    for (let c = 0; c < unknown.length; c++) {
      if (Math.abs(row[c]!) > EPS) {
        count++;
        only = c;
      }
    }
    if (count !== 1) continue;
    const v = vars[unknown[only]!]!;
    const value = row[unknown.length]! / row[only]!;
    if (!fixed(v)) {
      v.lo = value;
      v.hi = value;
      changed = true;
    }
  }
  return changed;
}

function exempt(v: Variable, value: number, shown: readonly { set: Set<number>; g: AuditGroup }[]): boolean {
  const own = new Set(v.atoms);
  for (const { set, g } of shown) {
    if (g.count === null || !isSubset(own, set)) continue;
    if (g.n === v.n && Math.abs(g.count - value) < EPS) return true;
    if (g.n > 0 && g.count === 0 && value < EPS) return true;
    if (g.n > 0 && g.count === g.n && Math.abs(value - v.n) < EPS) return true;
  }
  return false;
}

/** Every hidden group of the family with 0 < n < mindestfallzahl whose count follows from what is shown. */
export function auditFamily(family: AuditFamily, mindestfallzahl: number): Finding[] {
  const { vars, eqs } = buildSystem(family);
  for (let round = 0; round < 1000; round++) {
    let changed = false;
    while (propagate(vars, eqs)) changed = true;
    if (eliminate(vars, eqs)) changed = true;
    if (!changed) break;
  }
  const shown = mergeGroups(family.groups)
    .filter((g) => g.count !== null)
    .map((g) => ({ set: new Set(g.atoms), g }));
  const out: Finding[] = [];
  for (const v of vars) {
    const g = v.group;
    if (!g || g.count !== null || !(v.n > 0) || v.n >= mindestfallzahl || !fixed(v)) continue;
    const value = Math.round(v.lo);
    if (exempt(v, value, shown)) continue;
    out.push({ family: family.key, group: g.id, n: v.n, count: value });
  }
  return out;
}

export function audit(families: readonly AuditFamily[], mindestfallzahl: number): Finding[] {
  return families.flatMap((f) => auditFamily(f, mindestfallzahl));
}
