/**
 * Chart-row figures drawn from an item's total (`ShareFigure`): place × time of the
 * Sicherheitsgefühl, the incivility ranking, institutions, neighbourhood, perceived trend.
 *
 * A figure is suppressed only when the whole item has fewer valid answers than mindestfallzahl;
 * then its share and interval are null. `limited` marks shown figures with n < 30.
 */
import { findItem, ITEMS } from '../../model/codebook.js';
import type { ItemResult, SurveyResult } from '../schema.js';
import { isLimited } from '../stats/suppression.js';
import { wilson } from '../stats/wilson.js';

export type ShareFigure = SurveyResult['incivilityRanking'][number];

export function shareFigure(item: ItemResult, mindestfallzahl: number): ShareFigure {
  const t = item.total;
  const suppressed = t.n < mindestfallzahl;
  return {
    item: item.code,
    label: item.label,
    n: t.n,
    negativeShareWeighted: suppressed ? null : t.negativeShareWeighted,
    ci95: suppressed ? null : t.ci95,
    suppressed,
    limited: !suppressed && isLimited(t.n),
  };
}

/** The weighted share of one answer code (e.g. anzeige = 1, "reported") as a figure. */
export function codeShareFigure(item: ItemResult, code: number, mindestfallzahl: number): ShareFigure {
  const t = item.total;
  const suppressed = t.n < mindestfallzahl;
  const share = t.distribution.find((d) => d.code === code)?.shareWeighted ?? 0;
  return {
    item: item.code,
    label: item.label,
    n: t.n,
    negativeShareWeighted: suppressed ? null : share,
    ci95: suppressed ? null : wilson(share, t.effectiveN),
    suppressed,
    limited: !suppressed && isLimited(t.n),
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
  return { item: shareFigure(it, mindestfallzahl), recordedChange: null, fromYear: null, toYear: null };
}
