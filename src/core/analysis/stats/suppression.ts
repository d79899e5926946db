/**
 * Suppression of small groups (domain brief §5.3, engineering notes §7.1), primary and secondary,
 * against a differencing attack on everything the report publishes.
 *
 * What an attacker has, per item: the total (n and, from the unweighted share, the number of
 * unfavourable answers) and, for every shown group of a breakdown (areas, sexes, age groups), the
 * same two counts. Hidden groups publish their n. So the pool of the hidden groups plus the
 * respondents without the attribute (unknown area, no age: the *unknown* group U, counted in the
 * total only) is known exactly: N_P = total − Σ shown, X_P likewise. A hidden group's count then
 * follows exactly when the pool is homogeneous (X_P = 0 or X_P = N_P: "0 %" or "100 %" for all of
 * them) or when the group is the pool's only non-empty member. Breakdown groups publish only n, the
 * unfavourable share (unweighted and weighted), its interval and n_eff — no distribution and no
 * "weiß nicht" share — so this one binary statistic is all there is to protect.
 *
 * Rules, with m = mindestfallzahl, for one breakdown:
 *
 * 1. `primary`: a group with n < m is hidden (empty groups included; they reveal nothing).
 * 2. If the total itself is homogeneous (0 % or 100 %), every group's value is implied by the
 *    total and nothing further is needed.
 * 3. Otherwise the breakdown is safe when no hidden group with answers needs protection (hidden
 *    with n < m, or every hidden cell in a linked table), or
 *    a) size: U alone has at least m answers, or at least two hidden groups have answers and the
 *       pool has at least m; and
 *    b) not homogeneous: 0 < X_P < N_P.
 *    U counts only where it is unknown to the attacker; where another publication may reveal it
 *    (`unknownMasks: false`, e.g. the age breakdown of an item whose sex × age table is published),
 *    the pool is the hidden groups alone.
 * 4. While not safe, the shown group with the smallest n (ties: the first) is hidden as well:
 *    `secondary-size` when rule 3a failed, `secondary-homogeneous` when only 3b did. If all groups
 *    are hidden, the pool is the total minus U (safe by rule 2 and 3).
 *
 * Sex × age tables of a statistic that is also published by sex and by age (e.g. the affective
 * fear index is the item furcht_nacht): rows are the sexes (margin: the item's group of that sex),
 * columns the age groups (margin: the item's age group). `suppressLinkedTable` applies rule 3 to
 * every row and column with every hidden cell needing protection and the remainders treated as
 * known (conservative), hides a whole row or column whose margin is hidden, and repeats until
 * nothing changes (`secondary-table`). Tables without published margins (an index over several
 * items) have no equations to attack and get primary suppression only. What these local rules
 * cannot see (bounds meeting across rows and columns) the disclosure guard finds with the
 * independent auditor and hides the table (`audit`).
 *
 * Groups that are shown with n < LIMITED_BELOW (30) are marked `limited` ("eingeschränkt
 * aussagekräftig"); see `isLimited`.
 */

export type SuppressionReason = 'primary' | 'secondary' | 'total';
export type SuppressionRule =
  'primary' | 'total' | 'secondary-size' | 'secondary-homogeneous' | 'secondary-table' | 'audit';

export const SUPPRESSION_RULES: readonly SuppressionRule[] = [
  'primary',
  'total',
  'secondary-size',
  'secondary-homogeneous',
  'secondary-table',
  'audit',
];

export interface Hidden {
  readonly reason: SuppressionReason;
  readonly rule: SuppressionRule;
}

export const PRIMARY: Hidden = { reason: 'primary', rule: 'primary' };
export const TOTAL: Hidden = { reason: 'total', rule: 'total' };
const SIZE: Hidden = { reason: 'secondary', rule: 'secondary-size' };
const HOMOGENEOUS: Hidden = { reason: 'secondary', rule: 'secondary-homogeneous' };
export const TABLE: Hidden = { reason: 'secondary', rule: 'secondary-table' };
export const AUDIT: Hidden = { reason: 'secondary', rule: 'audit' };

/** Groups with fewer valid answers than this are shown but marked as of limited reliability. */
export const LIMITED_BELOW = 30;

/** The contract's floor for mindestfallzahl ("never below 5"). */
export const MIN_MINDESTFALLZAHL = 5;

export function isLimited(n: number): boolean {
  return n < LIMITED_BELOW;
}

/** A group of a breakdown: valid answers and unfavourable answers (unweighted). */
export interface BreakdownGroup {
  readonly n: number;
  readonly count: number;
  /** Already hidden (e.g. by the other direction of a table). */
  readonly hidden?: Hidden | null;
  /** Whether the group must not be recoverable when hidden; defaults to n < mindestfallzahl. */
  readonly protect?: boolean;
}

export interface UnknownGroup {
  readonly n: number;
  readonly count: number;
}

export interface BreakdownOptions {
  /** Whether U is unknown to the attacker (default true). */
  readonly unknownMasks?: boolean;
  /**
   * Whether the groups and U together are a published total, so that rule 2 applies (default
   * true; false for the cells of a table row, whose sum is no published figure).
   */
  readonly publishedTotal?: boolean;
}

const homogeneous = (count: number, n: number) => count <= 0 || count >= n;

/** Suppression of one breakdown. Returns the hiding per group (null = shown). */
export function suppressBreakdown(
  groups: readonly BreakdownGroup[],
  unknown: UnknownGroup,
  mindestfallzahl: number,
  options: BreakdownOptions = {},
): (Hidden | null)[] {
  const m = mindestfallzahl;
  const out: (Hidden | null)[] = groups.map((g) => g.hidden ?? (g.n < m ? PRIMARY : null));
  const totalN = groups.reduce((s, g) => s + g.n, unknown.n);
  const totalCount = groups.reduce((s, g) => s + g.count, unknown.count);
  if (options.publishedTotal !== false && homogeneous(totalCount, totalN)) return out;
  const u = options.unknownMasks === false ? { n: 0, count: 0 } : unknown;
  for (;;) {
    let contributors = 0;
    let needing = 0;
    let poolN = u.n;
    let poolCount = u.count;
    groups.forEach((g, i) => {
      if (out[i] === null || g.n <= 0) return;
      contributors++;
      poolN += g.n;
      poolCount += g.count;
      if (g.protect ?? g.n < m) needing++;
    });
    if (needing === 0) return out;
    const sizeOk = u.n >= m || (contributors >= 2 && poolN >= m);
    const mixed = !homogeneous(poolCount, poolN);
    if (sizeOk && mixed) return out;
    let pick = -1;
    out.forEach((r, i) => {
      if (r === null && (pick < 0 || groups[i]!.n < groups[pick]!.n)) pick = i;
    });
    if (pick < 0) return out;
    out[pick] = sizeOk ? HOMOGENEOUS : SIZE;
  }
}

/** A margin of a linked table: its counts and whether it is hidden. */
export interface Margin {
  readonly n: number;
  readonly count: number;
  readonly hidden: boolean;
}

/**
 * Suppression of a sex × age table (rows × columns) whose rows and columns are also published as
 * the margins `rows[r]` and `cols[c]`. Returns the hiding per cell.
 */
export function suppressLinkedTable(
  cells: readonly (readonly { n: number; count: number }[])[],
  rows: readonly Margin[],
  cols: readonly Margin[],
  mindestfallzahl: number,
): (Hidden | null)[][] {
  const m = mindestfallzahl;
  const out: (Hidden | null)[][] = cells.map((row) => row.map((c) => (c.n < m ? PRIMARY : null)));
  const width = cells.reduce((a, row) => Math.max(a, row.length), 0);
  const none = { n: 0, count: 0 };
  const set = (r: number, c: number, h: Hidden | null): boolean => {
    if (h === null || out[r]![c] !== null) return false;
    out[r]![c] = h;
    return true;
  };
  for (let changed = true; changed;) {
    changed = false;
    cells.forEach((row, r) => {
      const margin = rows[r];
      if (margin?.hidden) {
        row.forEach((_, c) => (changed = set(r, c, TABLE) || changed));
        return;
      }
      if (margin && homogeneous(margin.count, margin.n)) return;
      const res = suppressBreakdown(
        row.map((g, c) => ({ ...g, hidden: out[r]![c] ?? null, protect: out[r]![c] !== null })),
        none,
        m,
        { unknownMasks: false, publishedTotal: false },
      );
      res.forEach((h, c) => (changed = set(r, c, h && TABLE) || changed));
    });
    for (let c = 0; c < width; c++) {
      const idx = cells.map((row, r) => (c < row.length ? r : -1)).filter((r) => r >= 0);
      const margin = cols[c];
      if (margin?.hidden) {
        for (const r of idx) changed = set(r, c, TABLE) || changed;
        continue;
      }
      if (margin && homogeneous(margin.count, margin.n)) continue;
      const res = suppressBreakdown(
        idx.map((r) => ({ ...cells[r]![c]!, hidden: out[r]![c] ?? null, protect: out[r]![c] !== null })),
        none,
        m,
        { unknownMasks: false, publishedTotal: false },
      );
      res.forEach((h, j) => (changed = set(idx[j]!, c, h && TABLE) || changed));
    }
  }
  return out;
}
