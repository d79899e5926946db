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
 * as in sex-age.ts.
 */
import { ITEMS, SCALES } from '../../model/codebook.js';
import type { SurveyResult } from '../schema.js';
import type { SurveyContext } from './context.js';
import { anyNegativeIndex, meanIndex, sexAgeCells } from './sex-age.js';

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

/** The respondent-level index of a dimension, or null when none of its items is present. */
export function fearIndex(ctx: SurveyContext, dim: FearDimension): Uint8Array | null {
  const size = ctx.dataset.survey.size;
  if (dim === 'affektiv') {
    const furcht = ctx.dataset.survey.items['furcht_nacht'];
    if (furcht)
      return anyNegativeIndex(size, [furcht], SCALES.furcht5.labels.length, SCALES.furcht5.negative);
    const cols = columns(
      ctx,
      present(ctx, (c) => c.startsWith('beunruhigt_')),
    );
    return cols.length
      ? meanIndex(size, cols, SCALES.beunruhigt4.labels.length, BEUNRUHIGT_MEAN_THRESHOLD)
      : null;
  }
  const scale = dim === 'kognitiv' ? SCALES.risiko4 : SCALES.vermeiden5;
  const cols = columns(
    ctx,
    present(ctx, (c) => c.startsWith(dim === 'kognitiv' ? 'risiko_' : 'vermeiden_')),
  );
  return cols.length ? anyNegativeIndex(size, cols, scale.labels.length, scale.negative) : null;
}

export function analyseFear(ctx: SurveyContext): SurveyResult['fear'] {
  const items = {
    affektiv: present(ctx, (c) => c === 'furcht_nacht' || c.startsWith('beunruhigt_')),
    kognitiv: present(ctx, (c) => c.startsWith('risiko_')),
    konativ: present(ctx, (c) => c.startsWith('vermeiden_')),
  };
  const bySexAge: SurveyResult['fear']['bySexAge'] = [];
  for (const dimension of FEAR_DIMENSIONS) {
    const index = fearIndex(ctx, dimension);
    if (!index) continue;
    for (const cell of sexAgeCells(ctx, index)) bySexAge.push({ dimension, ...cell });
  }
  return { items, bySexAge };
}
