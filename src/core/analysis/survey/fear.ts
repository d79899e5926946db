/**
 * Personal Kriminalitätsfurcht by dimension (Boers 1994; domain brief §1.2–1.3, §4.3):
 * the item lists per dimension and the sex × age breakdown of a respondent-level index.
 *
 * Items: affektiv = furcht_nacht + beunruhigt_*, kognitiv = risiko_*, konativ = vermeiden_*
 * (those present in the survey, codebook order).
 *
 * Index ("unfavourable on the dimension"), per respondent:
 * - affektiv: furcht_nacht is 4 or 5 ("oft"/"sehr oft"), valid where furcht_nacht is 1..5. Without
 *   furcht_nacht: the mean of the respondent's valid beunruhigt_* answers (1..4) is at least 3, i.e.
 *   on average at least "ziemlich beunruhigt"; valid with at least one valid beunruhigt_* answer.
 * - kognitiv: at least one risiko_* is 3 or 4 ("eher/sehr wahrscheinlich"); valid with at least one
 *   valid risiko_* answer.
 * - konativ: at least one vermeiden_* is 4 or 5 ("häufig"/"sehr oft"); valid with at least one valid
 *   vermeiden_* answer.
 * "weiß nicht", "trifft nicht zu" and empty answers do not count as valid. A dimension without any
 * item gives no cells. Cells: sex w/m × each age group, weighted share, suppression and `limited`
 * as in sex-age.ts (linked to the item where the index is one item's statistic).
 */
import { ITEMS, SCALES } from '../../model/codebook.js';
import type { SurveyResult } from '../schema.js';
import type { SurveyContext } from './context.js';
import type { ItemPlan } from './item-stats.js';
import { anyNegativeIndex, meanIndex, sexAgeCells, sexAgePlan, type TablePlan } from './sex-age.js';

type FearDimension = 'affektiv' | 'kognitiv' | 'konativ';
export const FEAR_DIMENSIONS: readonly FearDimension[] = ['affektiv', 'kognitiv', 'konativ'];

/** Mean beunruhigt_* answer from which a respondent counts as unfavourable (affektiv fallback). */
export const BEUNRUHIGT_MEAN_THRESHOLD = 3;

function present(ctx: SurveyContext, pred: (code: string) => boolean): string[] {
  return ITEMS.filter((d) => pred(d.code) && ctx.dataset.survey.items[d.code]).map((d) => d.code);
}

function columns(ctx: SurveyContext, codes: readonly string[]): Uint8Array[] {
  return codes.map((c) => ctx.dataset.survey.items[c]!);
}

export interface DimensionIndex {
  readonly index: Uint8Array;
  /**
   * The item whose unfavourable share the index is, when it is built from one item only
   * (furcht_nacht; a single beunruhigt_*, risiko_* or vermeiden_* item): the table is then linked
   * to that item's breakdowns.
   */
  readonly linked: string | null;
}

/** The respondent-level index of a dimension, or null when none of its items is present. */
export function fearIndex(ctx: SurveyContext, dim: FearDimension): DimensionIndex | null {
  const size = ctx.dataset.survey.size;
  if (dim === 'affektiv') {
    const furcht = ctx.dataset.survey.items['furcht_nacht'];
    if (furcht)
      return {
        index: anyNegativeIndex(size, [furcht], SCALES.furcht5.labels.length, SCALES.furcht5.negative),
        linked: 'furcht_nacht',
      };
    const codes = present(ctx, (c) => c.startsWith('beunruhigt_'));
    if (codes.length === 0) return null;
    return {
      // With one item the mean is the answer itself: ≥ 3 is exactly its unfavourable share (3, 4).
      index: meanIndex(
        size,
        columns(ctx, codes),
        SCALES.beunruhigt4.labels.length,
        BEUNRUHIGT_MEAN_THRESHOLD,
      ),
      linked: codes.length === 1 ? codes[0]! : null,
    };
  }
  const scale = dim === 'kognitiv' ? SCALES.risiko4 : SCALES.vermeiden5;
  const codes = present(ctx, (c) => c.startsWith(dim === 'kognitiv' ? 'risiko_' : 'vermeiden_'));
  if (codes.length === 0) return null;
  return {
    index: anyNegativeIndex(size, columns(ctx, codes), scale.labels.length, scale.negative),
    linked: codes.length === 1 ? codes[0]! : null,
  };
}

/** Items whose statistic is also published as a fear table. */
export function fearLinkedItems(ctx: SurveyContext): string[] {
  return FEAR_DIMENSIONS.flatMap((d) => {
    const x = fearIndex(ctx, d);
    return x?.linked ? [x.linked] : [];
  });
}

export interface FearPlan {
  readonly dimension: FearDimension;
  readonly plan: TablePlan;
}

export function fearPlans(ctx: SurveyContext, items: ReadonlyMap<string, ItemPlan>): FearPlan[] {
  return FEAR_DIMENSIONS.flatMap((dimension) => {
    const x = fearIndex(ctx, dimension);
    if (!x) return [];
    const linked = x.linked ? (items.get(x.linked) ?? null) : null;
    const key = linked ? `${linked.code}|neg` : `fear:${dimension}`;
    return [{ dimension, plan: sexAgePlan(ctx, x.index, key, linked) }];
  });
}

export function analyseFear(ctx: SurveyContext, plans: readonly FearPlan[]): SurveyResult['fear'] {
  const items = {
    affektiv: present(ctx, (c) => c === 'furcht_nacht' || c.startsWith('beunruhigt_')),
    kognitiv: present(ctx, (c) => c.startsWith('risiko_')),
    konativ: present(ctx, (c) => c.startsWith('vermeiden_')),
  };
  const bySexAge: SurveyResult['fear']['bySexAge'] = [];
  for (const { dimension, plan } of plans)
    for (const cell of sexAgeCells(ctx, plan)) bySexAge.push({ dimension, ...cell });
  return { items, bySexAge };
}
