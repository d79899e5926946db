/**
 * Per-item statistics (`ItemResult`): the total and the breakdowns by area (keyed by area id),
 * sex (w, m, d) and age group (keyed by label), each group a `ShareStat` or suppressed
 * (share-stat.ts, stats/suppression.ts). Unknown area / sex / age count in the total only.
 *
 * anzeige_<delikt> is a filter question asked only of victims: its base is the respondents with
 * opfer_<delikt> = 1. Without the opfer_<delikt> column all its answers are used.
 *
 * Local extra questions (befragung-zuordnung.json) get the total only; they define no unfavourable
 * codes, so their negative shares are 0 (the distribution is what the report shows).
 */
import { ITEMS, SCALES, type ItemDef } from '../../model/codebook.js';
/** Sexes published in breakdowns; `d` and keine Angabe are assigned to them (cells.ts). */
const REPORTED_SEXES = ['w', 'm'] as const;
import type { ItemResult, ShareStat, SurveyResult } from '../schema.js';
import { accumulate, breakdowns, type Breakdowns } from './cells.js';
import type { SurveyContext } from './context.js';
import { breakdownStats, shareStat, type ScaleInfo } from './share-stat.js';

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

export function breakdownResults(
  ctx: SurveyContext,
  b: Breakdowns,
  scale: ScaleInfo,
): Pick<ItemResult, 'total' | 'byArea' | 'bySex' | 'byAgeGroup'> {
  const { dataset, mindestfallzahl: m } = ctx;
  return {
    total: shareStat(b.total, scale),
    byArea: breakdownStats(
      dataset.manifest.gebiete.map((g, i) => ({ key: g.id, sums: b.area[i + 1]! })),
      b.area[0]!,
      scale,
      m,
    ),
    bySex: breakdownStats(
      REPORTED_SEXES.map((s, i) => ({ key: s, sums: b.sex[i + 1]! })),
      b.sex[0]!,
      scale,
      m,
    ),
    byAgeGroup: breakdownStats(
      dataset.ageGroups.map((g, i) => ({ key: g.label, sums: b.age[i + 1]! })),
      b.age[0]!,
      scale,
      m,
    ),
  };
}

export function itemResult(ctx: SurveyContext, item: ItemDef, column: Uint8Array): ItemResult {
  const scale = SCALES[item.scale];
  const b = itemSums(ctx, column, filterOf(ctx, item));
  return {
    code: item.code,
    label: item.label,
    question: item.question,
    dimension: item.dimension,
    scale: item.scale,
    negativeLabel: scale.negativeLabel,
    ...breakdownResults(ctx, b, scale),
  };
}

/** All standard items present in the survey, in codebook order (columns the codebook does not know are skipped). */
export function itemResults(ctx: SurveyContext): Record<string, ItemResult> {
  const out: Record<string, ItemResult> = {};
  const columns = ctx.dataset.survey.items;
  for (const item of ITEMS) {
    const col = columns[item.code];
    if (col) out[item.code] = itemResult(ctx, item, col);
  }
  return out;
}

export function extraResults(ctx: SurveyContext): SurveyResult['extra'] {
  const out: SurveyResult['extra'] = [];
  for (const q of ctx.dataset.extraQuestions) {
    const col = ctx.dataset.survey.extra[q.code];
    if (!col) continue;
    const total: ShareStat = shareStat(itemSums(ctx, col, null).total, { labels: q.labels, negative: [] });
    out.push({ code: q.code, question: q.question, total });
  }
  return out;
}
