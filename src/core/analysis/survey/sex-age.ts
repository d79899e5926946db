/**
 * Sex (w, m) × age group tables of a respondent-level index, e.g. the fear dimensions or
 * "victim of any offence". The index is a column coded like an item: 0 = no valid answer,
 * 1 = favourable, 2 = unfavourable. Each cell gives the weighted unfavourable share with its
 * Wilson interval (effective n of the cell).
 *
 * Suppression (stats/suppression.ts): where the index is exactly one item's statistic (e.g. the
 * affective index is furcht_nacht 4/5), that item's breakdowns by sex and by age group are the
 * table's published margins, and the table is suppressed against them (`suppressLinkedTable`).
 * An index over several items has no published margins and no total: its cells are only
 * primary-suppressed. Both kinds are checked again by the disclosure guard.
 */
import type { Hidden } from '../stats/suppression.js';
import { isLimited, PRIMARY, suppressLinkedTable, TOTAL } from '../stats/suppression.js';
import { accumulate, breakdowns, type Breakdowns } from './cells.js';
import type { SurveyContext } from './context.js';
import type { ItemPlan } from './item-stats.js';
import { negativeCount, shareStat, validN } from './share-stat.js';

export const INDEX_SCALE = { labels: ['günstig', 'ungünstig'], negative: [2] } as const;

export interface SexAgeCell {
  readonly sex: 'w' | 'm';
  readonly ageGroup: string;
  readonly n: number;
  readonly share: number | null;
  readonly ci95: [number, number] | null;
  readonly suppressed: boolean;
  readonly limited: boolean;
}

/** The rows of a table: sex key and its slot in `Breakdowns.sexAge`. */
export const TABLE_SEXES = [
  { key: 'w' as const, slot: 1 },
  { key: 'm' as const, slot: 2 },
];

export interface TablePlan {
  /** The statistic's family for the disclosure guard: the linked item's, or the index's own. */
  readonly key: string;
  readonly linked: ItemPlan | null;
  readonly sums: Breakdowns;
  /** [row (w, m)][column: the survey's age groups, `SurveyContext.ageGroups`] */
  readonly hidden: (Hidden | null)[][];
  /** Layout age slot of each column. */
  readonly ageSlots: readonly number[];
}

export function sexAgePlan(
  ctx: SurveyContext,
  index: Uint8Array,
  key: string,
  linked: ItemPlan | null,
): TablePlan {
  const b = breakdowns(
    ctx.layout,
    accumulate(ctx.layout, index, ctx.weights, ctx.weightsSq, null, ctx.cellWeight),
  );
  const k = INDEX_SCALE.labels.length;
  const groups = ctx.ageGroups;
  const m = ctx.mindestfallzahl;
  const cells = TABLE_SEXES.map((s) =>
    groups.map((g) => {
      const sums = b.sexAge[s.slot]![g.index + 1]!;
      return { n: validN(sums, k), count: negativeCount(sums, INDEX_SCALE) };
    }),
  );
  let hidden: (Hidden | null)[][];
  if (linked?.total) hidden = cells.map((row) => row.map(() => TOTAL));
  else if (linked) {
    const margin = (plan: ItemPlan['sex'], i: number) => {
      const g = plan.groups[i]!;
      return {
        n: validN(g.sums, linked.scale.labels.length),
        count: negativeCount(g.sums, linked.scale),
        hidden: plan.hidden[i] !== null,
      };
    };
    hidden = suppressLinkedTable(
      cells,
      TABLE_SEXES.map((_, r) => margin(linked.sex, r)),
      groups.map((_, c) => margin(linked.age, c)),
      m,
    );
  } else hidden = cells.map((row) => row.map((c) => (c.n < m ? PRIMARY : null)));
  return { key, linked, sums: b, hidden, ageSlots: groups.map((g) => g.index + 1) };
}

export function sexAgeCells(ctx: SurveyContext, plan: TablePlan): SexAgeCell[] {
  const k = INDEX_SCALE.labels.length;
  const out: SexAgeCell[] = [];
  TABLE_SEXES.forEach((s, r) => {
    ctx.ageGroups.forEach((g, c) => {
      const sums = plan.sums.sexAge[s.slot]![g.index + 1]!;
      const n = validN(sums, k);
      if (plan.hidden[r]![c]) {
        out.push({
          sex: s.key,
          ageGroup: g.label,
          n,
          share: null,
          ci95: null,
          suppressed: true,
          limited: false,
        });
        return;
      }
      const st = shareStat(sums, INDEX_SCALE);
      out.push({
        sex: s.key,
        ageGroup: g.label,
        n,
        share: st.negativeShareWeighted,
        ci95: st.ci95,
        suppressed: false,
        limited: isLimited(n),
      });
    });
  });
  return out;
}

/** Index: valid where any column has a valid code (1..k); unfavourable where any is in `negative`. */
export function anyNegativeIndex(
  size: number,
  columns: readonly Uint8Array[],
  k: number,
  negative: readonly number[],
): Uint8Array {
  const out = new Uint8Array(size);
  // value of a code: 0 = not valid, 1 = valid, 2 = unfavourable; the index keeps the maximum.
  const value = new Uint8Array(256);
  for (let c = 1; c <= k; c++) value[c] = 1;
  for (const c of negative) if (c >= 1 && c <= k) value[c] = 2;
  for (const col of columns) {
    const n = Math.min(size, col.length);
    for (let i = 0; i < n; i++) {
      const v = value[col[i]!]!;
      if (v > out[i]!) out[i] = v;
    }
  }
  return out;
}

/** Index: valid where any column has a valid code (1..k); unfavourable where their mean ≥ threshold. */
export function meanIndex(
  size: number,
  columns: readonly Uint8Array[],
  k: number,
  threshold: number,
): Uint8Array {
  const sum = new Float64Array(size);
  const cnt = new Uint16Array(size);
  for (const col of columns) {
    for (let i = 0; i < size; i++) {
      const code = col[i]!;
      if (code < 1 || code > k) continue;
      sum[i]! += code;
      cnt[i]!++;
    }
  }
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) if (cnt[i]! > 0) out[i] = sum[i]! / cnt[i]! >= threshold ? 2 : 1;
  return out;
}
