/**
 * Suppression of small groups (domain brief §5.3, engineering notes §7.1).
 *
 * A *breakdown* is one item split by one attribute (the areas of an item, its sexes, its age
 * groups; or one row/column of a sex × age table). The item's total is always published, and
 * every shown group publishes its valid n and its unweighted shares, so the answers of the groups
 * that are not shown can be recomputed as a pool: total − Σ shown groups. That pool (the
 * *residual*) consists of the suppressed groups plus the respondents without the attribute
 * (unknown area, sex not given, age not given: the *unknown* group U, counted in the total only).
 *
 * Rules, with m = mindestfallzahl and n = valid answers (codes 1..k) of the group:
 *
 * 1. Primary: a group with n < m is suppressed (`reason: 'primary'`), including empty groups.
 * 2. Two things are recomputable for the residual: its valid answers (distribution, negative
 *    share) and its non-empty answers (the "weiß nicht"/"trifft nicht zu" counts, via the total's
 *    shares). The check below is made on both counts, and the breakdown is safe only if both pass:
 *    once with v = valid answers, once with v = non-empty answers (`content`: valid, 8 and 9).
 * 3. For one count v: a suppressed group *needs protection* when it is small (n < m) and v > 0
 *    (empty groups reveal nothing; a group suppressed secondarily has n ≥ m and would be shown
 *    anyway). Contributors are the suppressed groups with v > 0. The count is *safe* when no group
 *    needs protection, or
 *    a) the unknown group U has v ≥ m: it masks whatever is hidden (with fewer, a lone hidden group
 *       is recovered exactly when U is empty, or nearly so when U is small); or
 *    b) there are at least two contributors and the residual (their v plus U's v) is at least m:
 *       no hidden group can be separated from the others, and the pool itself is no smaller than a
 *       group that would be shown anyway.
 * 4. While the breakdown is not safe, the shown group with the smallest n (ties: the first in
 *    breakdown order) is suppressed as well (`reason: 'secondary'`). A shown group has n ≥ m, so
 *    one secondary suppression always makes both counts safe (two contributors, pool ≥ m).
 *    If no group is left to suppress (e.g. a breakdown with a single group), it stays as is: the
 *    total is always published.
 *
 * Sex × age tables (fear index, victimisation) are treated as rows (age groups within one sex,
 * unknown = that sex with no age) and columns (sexes within one age group, unknown = `d` or no
 * sex), alternately, until nothing changes (`suppressTable`). There every hidden cell needs
 * protection, secondary ones included: a secondary cell recovered from its row would give away
 * the primary cell in its column.
 *
 * Groups that are shown with n < LIMITED_BELOW (30) are marked `limited` ("eingeschränkt
 * aussagekräftig"); see `isLimited`.
 */

export type SuppressionReason = 'primary' | 'secondary';

/** Groups with fewer valid answers than this are shown but marked as of limited reliability. */
export const LIMITED_BELOW = 30;

/** The contract's floor for mindestfallzahl ("never below 5"). */
export const MIN_MINDESTFALLZAHL = 5;

export function isLimited(n: number): boolean {
  return n < LIMITED_BELOW;
}

export interface BreakdownGroup {
  /** Valid answers. */
  readonly n: number;
  /** Non-empty answers (valid, 8 and 9); defaults to n. */
  readonly content?: number;
  /** Already hidden (e.g. by the other direction of a table). */
  readonly hidden?: SuppressionReason | null;
  /** Whether the group's answers must not be recoverable when hidden; defaults to n < mindestfallzahl. */
  readonly protect?: boolean;
}

export interface UnknownGroup {
  readonly n: number;
  /** Non-empty answers; defaults to n. */
  readonly content?: number;
}

function safeOn(
  values: readonly number[],
  hidden: readonly boolean[],
  small: readonly boolean[],
  unknown: number,
  m: number,
): boolean {
  let needing = 0;
  let contributors = 0;
  let residual = unknown;
  values.forEach((v, i) => {
    if (!hidden[i] || v <= 0) return;
    residual += v;
    contributors++;
    if (small[i]) needing++;
  });
  return needing === 0 || unknown >= m || (contributors >= 2 && residual >= m);
}

/** Suppression of one breakdown; `unknown` = answers without the attribute. Returns the reason per group (null = shown). */
export function suppressBreakdown(
  groups: readonly BreakdownGroup[],
  unknown: number | UnknownGroup,
  mindestfallzahl: number,
): (SuppressionReason | null)[] {
  const m = mindestfallzahl;
  const u =
    typeof unknown === 'number'
      ? { n: unknown, content: unknown }
      : { n: unknown.n, content: unknown.content ?? unknown.n };
  const valid = groups.map((g) => g.n);
  const content = groups.map((g) => g.content ?? g.n);
  const small = groups.map((g) => g.protect ?? g.n < m);
  const out: (SuppressionReason | null)[] = groups.map((g) => g.hidden ?? (g.n < m ? 'primary' : null));
  for (;;) {
    const hidden = out.map((r) => r !== null);
    if (safeOn(valid, hidden, small, u.n, m) && safeOn(content, hidden, small, u.content, m)) return out;
    let pick = -1;
    out.forEach((r, i) => {
      if (r === null && (pick < 0 || groups[i]!.n < groups[pick]!.n)) pick = i;
    });
    if (pick < 0) return out;
    out[pick] = 'secondary';
  }
}

/**
 * Suppression of a two-way table (rows × columns), e.g. sex × age group. `rowUnknown[r]` counts the
 * valid answers of row r without a column (e.g. women without age), `colUnknown[c]` those of
 * column c without a row. Returns the reason per cell.
 */
export function suppressTable(
  cells: readonly (readonly BreakdownGroup[])[],
  rowUnknown: readonly number[],
  colUnknown: readonly number[],
  mindestfallzahl: number,
): (SuppressionReason | null)[][] {
  const reasons: (SuppressionReason | null)[][] = cells.map((row) =>
    row.map((g) => (g.n < mindestfallzahl ? 'primary' : null)),
  );
  const cols = cells.reduce((a, row) => Math.max(a, row.length), 0);
  for (let changed = true; changed;) {
    changed = false;
    cells.forEach((row, r) => {
      const res = suppressBreakdown(
        row.map((g, c) => ({ ...g, hidden: reasons[r]![c] ?? null, protect: reasons[r]![c] != null })),
        rowUnknown[r] ?? 0,
        mindestfallzahl,
      );
      res.forEach((x, c) => {
        if (x !== reasons[r]![c]) {
          reasons[r]![c] = x;
          changed = true;
        }
      });
    });
    for (let c = 0; c < cols; c++) {
      const idx = cells.map((row, r) => (c < row.length ? r : -1)).filter((r) => r >= 0);
      const res = suppressBreakdown(
        idx.map((r) => ({
          ...cells[r]![c]!,
          hidden: reasons[r]![c] ?? null,
          protect: reasons[r]![c] != null,
        })),
        colUnknown[c] ?? 0,
        mindestfallzahl,
      );
      res.forEach((x, j) => {
        const r = idx[j]!;
        if (x !== reasons[r]![c]) {
          reasons[r]![c] = x;
          changed = true;
        }
      });
    }
  }
  return reasons;
}
