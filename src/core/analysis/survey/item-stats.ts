/**
 * Per-item statistics (`ItemResult`): the total and the breakdowns by area (keyed by area id),
 * sex (w, m) and age group (keyed by label). Unknown area / age count in the total only.
 *
 * Two steps, so that the disclosure guard (disclosure/guard.ts) can check everything that will be
 * published before anything is: `itemPlan` counts the item in one pass and decides what is hidden
 * (stats/suppression.ts); `itemResult` turns the plan into the published `ItemResult`.
 *
 * - An item whose total has fewer valid answers than mindestfallzahl is hidden entirely: its total
 *   and every group (`total`), wherever it would appear (tables, figures, the victimisation table).
 * - anzeige_<delikt> is a filter question asked only of victims: its base is the respondents with
 *   opfer_<delikt> = 1. Without the opfer_<delikt> column all its answers are used.
 * - Local extra questions (befragung-zuordnung.json) get the total only; they define no unfavourable
 *   codes, so their negative shares are 0 (the distribution is what the report shows).
 */
import { ITEMS, SCALES, type ItemDef } from '../../model/codebook.js';
import type { GroupStat, ItemResult, SurveyResult, TotalStat } from '../schema.js';
import { suppressBreakdown, TOTAL, type Hidden } from '../stats/suppression.js';
import { accumulate, breakdowns, sumGroups, type Breakdowns, type GroupSums } from './cells.js';
import type { SurveyContext } from './context.js';
import {
  groupShareStat,
  negativeCount,
  shareStat,
  suppressed,
  validN,
  type ScaleInfo,
} from './share-stat.js';

/** Sexes published in breakdowns; `d` and keine Angabe are assigned to them (cells.ts). */
export const REPORTED_SEXES = ['w', 'm'] as const;

/** One breakdown of a plan: its groups in order, the unknown group and what is hidden (mutable for the guard). */
export interface BreakdownPlan {
  readonly groups: readonly { readonly key: string; readonly sums: GroupSums }[];
  readonly unknown: GroupSums;
  readonly hidden: (Hidden | null)[];
}

export interface ItemPlan {
  readonly code: string;
  readonly item: ItemDef;
  readonly scale: ScaleInfo;
  readonly sums: Breakdowns;
  readonly total: Hidden | null;
  readonly area: BreakdownPlan;
  readonly sex: BreakdownPlan;
  readonly age: BreakdownPlan;
}

/** The filter column of an item (opfer_<delikt> for anzeige_<delikt>), if any. */
export function filterOf(ctx: SurveyContext, item: ItemDef): Uint8Array | null {
  if (item.dimension !== 'anzeige' || !item.delikt) return null;
  return ctx.dataset.survey.items[`opfer_${item.delikt}`] ?? null;
}

export function itemSums(ctx: SurveyContext, column: Uint8Array, filter: Uint8Array | null): Breakdowns {
  return breakdowns(
    ctx.layout,
    accumulate(ctx.layout, column, ctx.weights, ctx.weightsSq, filter, ctx.cellWeight),
  );
}

/** Indices of the dataset's age groups below the survey's minimum age. */
function outsideAges(ctx: SurveyContext): number[] {
  const inside = new Set(ctx.ageGroups.map((g) => g.index));
  return ctx.dataset.ageGroups.flatMap((_, i) => (inside.has(i) ? [] : [i]));
}

function breakdownPlan(
  groups: readonly { key: string; sums: GroupSums }[],
  unknown: GroupSums,
  scale: ScaleInfo,
  m: number,
  totalHidden: boolean,
  unknownMasks: boolean,
): BreakdownPlan {
  const k = scale.labels.length;
  const hidden = totalHidden
    ? groups.map(() => TOTAL)
    : suppressBreakdown(
        groups.map((g) => ({ n: validN(g.sums, k), count: negativeCount(g.sums, scale) })),
        { n: validN(unknown, k), count: negativeCount(unknown, scale) },
        m,
        { unknownMasks },
      );
  return { groups, unknown, hidden };
}

/**
 * Counts an item and decides its suppression. `linked`: the item's statistic is also published as a
 * sex × age table (fear.ts, victimisation.ts), which may reveal the respondents without age, so they
 * do not mask hidden age groups.
 */
export function itemPlan(ctx: SurveyContext, item: ItemDef, column: Uint8Array, linked = false): ItemPlan {
  const scale = SCALES[item.scale];
  const b = itemSums(ctx, column, filterOf(ctx, item));
  const { dataset, mindestfallzahl: m } = ctx;
  const totalHidden = validN(b.total, scale.labels.length) < m;
  return {
    code: item.code,
    item,
    scale,
    sums: b,
    total: totalHidden ? TOTAL : null,
    area: breakdownPlan(
      dataset.manifest.gebiete.map((g, i) => ({ key: g.id, sums: b.area[i + 1]! })),
      b.area[0]!,
      scale,
      m,
      totalHidden,
      true,
    ),
    sex: breakdownPlan(
      REPORTED_SEXES.map((s, i) => ({ key: s, sums: b.sex[i + 1]! })),
      b.sex[0]!,
      scale,
      m,
      totalHidden,
      true,
    ),
    age: breakdownPlan(
      ctx.ageGroups.map((g) => ({ key: g.label, sums: b.age[g.index + 1]! })),
      sumGroups([b.age[0]!, ...outsideAges(ctx).map((i) => b.age[i + 1]!)]),
      scale,
      m,
      totalHidden,
      !linked,
    ),
  };
}

function breakdownResult(plan: BreakdownPlan, scale: ScaleInfo): Record<string, GroupStat> {
  const k = scale.labels.length;
  const out: Record<string, GroupStat> = {};
  plan.groups.forEach((g, i) => {
    const h = plan.hidden[i];
    out[g.key] = h ? suppressed(validN(g.sums, k), h) : groupShareStat(g.sums, scale);
  });
  return out;
}

export function totalStat(sums: GroupSums, scale: ScaleInfo, hidden: Hidden | null): TotalStat {
  return hidden ? suppressed(validN(sums, scale.labels.length), hidden) : shareStat(sums, scale);
}

export function itemResult(plan: ItemPlan): ItemResult {
  const { item, scale } = plan;
  return {
    code: item.code,
    label: item.label,
    question: item.question,
    dimension: item.dimension,
    scale: item.scale,
    negativeLabel: SCALES[item.scale].negativeLabel,
    total: totalStat(plan.sums.total, scale, plan.total),
    byArea: breakdownResult(plan.area, scale),
    bySex: breakdownResult(plan.sex, scale),
    byAgeGroup: breakdownResult(plan.age, scale),
  };
}

/** Plans of all standard items present in the survey, in codebook order (unknown columns are skipped). */
export function itemPlans(ctx: SurveyContext, linked: ReadonlySet<string>): ItemPlan[] {
  const columns = ctx.dataset.survey.items;
  return ITEMS.flatMap((item) => {
    const col = columns[item.code];
    return col ? [itemPlan(ctx, item, col, linked.has(item.code))] : [];
  });
}

export function itemResults(plans: readonly ItemPlan[]): Record<string, ItemResult> {
  const out: Record<string, ItemResult> = {};
  for (const p of plans) out[p.code] = itemResult(p);
  return out;
}

export function extraResults(ctx: SurveyContext): SurveyResult['extra'] {
  const out: SurveyResult['extra'] = [];
  for (const q of ctx.dataset.extraQuestions) {
    const col = ctx.dataset.survey.extra[q.code];
    if (!col) continue;
    const scale = { labels: q.labels, negative: [] };
    const sums = itemSums(ctx, col, null).total;
    const hidden = validN(sums, q.labels.length) < ctx.mindestfallzahl ? TOTAL : null;
    out.push({ code: q.code, question: q.question, total: totalStat(sums, scale, hidden) });
  }
  return out;
}
