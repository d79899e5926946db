/**
 * Chart-row figures drawn from an item's total (`ShareFigure`): place × time of the
 * Sicherheitsgefühl, the incivility ranking, institutions, neighbourhood, perceived trend.
 *
 * A figure is suppressed exactly when the item's total is (fewer valid answers than
 * mindestfallzahl); then its share and interval are null. `limited` marks shown figures with n < 30.
 */
import { findItem, ITEMS } from '../../model/codebook.js';
import type { ItemResult, SurveyResult } from '../schema.js';
import { isLimited } from '../stats/suppression.js';
import { wilson } from '../stats/wilson.js';

export type ShareFigure = SurveyResult['incivilityRanking'][number];

function hiddenFigure(item: ItemResult): ShareFigure {
  return {
    item: item.code,
    label: item.label,
    n: item.total.n,
    negativeShareWeighted: null,
    ci95: null,
    suppressed: true,
    limited: false,
  };
}

export function shareFigure(item: ItemResult, mindestfallzahl: number): ShareFigure {
  const t = item.total;
  if ('suppressed' in t || t.n < mindestfallzahl) return hiddenFigure(item);
  return {
    item: item.code,
    label: item.label,
    n: t.n,
    negativeShareWeighted: t.negativeShareWeighted,
    ci95: t.ci95,
    suppressed: false,
    limited: isLimited(t.n),
  };
}

/**
 * The weighted share of one answer code (e.g. anzeige = 1, "reported") as a figure. It is the
 * complement of the item's unfavourable share, so it is hidden exactly when the item's total is.
 */
export function codeShareFigure(item: ItemResult, code: number, mindestfallzahl: number): ShareFigure {
  const t = item.total;
  if ('suppressed' in t || t.n < mindestfallzahl) return hiddenFigure(item);
  const share = t.distribution.find((d) => d.code === code)?.shareWeighted ?? 0;
  return {
    item: item.code,
    label: item.label,
    n: t.n,
    negativeShareWeighted: share,
    ci95: wilson(share, t.effectiveN),
    suppressed: false,
    limited: isLimited(t.n),
  };
}

/** Figures of the present items whose code starts with one of the prefixes, in codebook order. */
export function figuresFor(
  items: Readonly<Record<string, ItemResult>>,
  prefixes: readonly string[],
  mindestfallzahl: number,
): ShareFigure[] {
  return ITEMS.filter((d) => prefixes.some((p) => d.code.startsWith(p)) && items[d.code]).map((d) =>
    shareFigure(items[d.code]!, mindestfallzahl),
  );
}

export function placeTime(
  items: Readonly<Record<string, ItemResult>>,
  mindestfallzahl: number,
): SurveyResult['placeTime'] {
  return ITEMS.filter((d) => d.dimension === 'sicherheitsgefuehl' && d.ort && d.zeit && items[d.code]).map(
    (d) => ({
      ...shareFigure(items[d.code]!, mindestfallzahl),
      place: d.ort!,
      time: d.zeit!,
    }),
  );
}

/** problem_* by weighted unfavourable share, descending; suppressed last; ties by code. */
export function incivilityRanking(
  items: Readonly<Record<string, ItemResult>>,
  mindestfallzahl: number,
): ShareFigure[] {
  const figs = figuresFor(items, ['problem_'], mindestfallzahl);
  return figs.sort((a, b) => {
    const x = a.negativeShareWeighted ?? -1;
    const y = b.negativeShareWeighted ?? -1;
    return y - x || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0);
  });
}

export function perceivedTrend(
  items: Readonly<Record<string, ItemResult>>,
  mindestfallzahl: number,
): SurveyResult['perceivedTrend'] {
  const it = items['entwicklung_kriminalitaet'];
  if (!it || !findItem(it.code)) return null;
  return {
    item: shareFigure(it, mindestfallzahl),
    recordedChange: null,
    fromYear: null,
    toYear: null,
    recordedTest: null,
  };
}
