/** Helpers shared by the chapter view models: groups in report order, share cells, notes. */
import type { Analysis, GroupShareStat, GroupStat, ItemResult, ShareStat } from '../../analysis/schema.js';
import { formatNumber, MISSING } from '../../format/number.js';
import { ageGroupLabel, sexLabel } from '../labels.js';
import { formatInterval, shareText, SUPPRESSED_TEXT } from '../text.js';
import { nd, td } from './builder.js';
import type { Cell } from './types.js';

type ShareFigureLike = {
  readonly n: number;
  readonly negativeShareWeighted: number | null;
  readonly ci95: readonly [number, number] | null;
  readonly suppressed: boolean;
  readonly limited: boolean;
};

/** An item whose total is published (not suppressed for too few answers). */
export type ShownItem = ItemResult & { readonly total: ShareStat };

export function isShownItem(i: ItemResult | undefined): i is ShownItem {
  return i !== undefined && !('suppressed' in i.total);
}

export function shownItem(a: Analysis, code: string): ShownItem | undefined {
  const i = a.survey.items[code];
  return isShownItem(i) ? i : undefined;
}

/** " (eingeschränkt aussagekräftig, n = 24)" for a value on fewer than 30 answers, else "". */
export function limitedSuffix(n: number, limited: boolean): string {
  return limited ? ` (eingeschränkt aussagekräftig, n = ${formatNumber(n)})` : '';
}

/**
 * Where a group's share stands against a reference value, decided by its 95 % interval: "über",
 * "unter" or null (the interval contains the reference: no difference is claimed).
 */
export function significantSide(ci95: readonly [number, number], reference: number): 'über' | 'unter' | null {
  if (ci95[0] > reference) return 'über';
  if (ci95[1] < reference) return 'unter';
  return null;
}

/**
 * Whether two independent groups' weighted shares differ at the 5 % level: the two-sample Wald
 * test with the effective sample sizes, |p₁ − p₂| / √(p₁(1−p₁)/n₁ + p₂(1−p₂)/n₂) > 1,96.
 */
export function sharesDiffer(
  x: { negativeShareWeighted: number; effectiveN: number },
  y: { negativeShareWeighted: number; effectiveN: number },
): boolean {
  const p1 = x.negativeShareWeighted;
  const p2 = y.negativeShareWeighted;
  if (!(x.effectiveN > 0 && y.effectiveN > 0)) return false;
  const se = Math.sqrt((p1 * (1 - p1)) / x.effectiveN + (p2 * (1 - p2)) / y.effectiveN);
  return se > 0 && Math.abs(p1 - p2) / se > 1.959963984540054;
}

export function areaName(a: Analysis, id: string): string {
  return a.meta.gebiete.find((g) => g.id === id)?.name ?? id;
}

/** Age groups in population order, then any others that appear in the item's breakdowns. */
export function ageGroupOrder(a: Analysis): string[] {
  const order = a.survey.sample.byAgeGroup.map((g) => g.key);
  for (const g of a.profile.population.pyramid) if (!order.includes(g.ageGroup)) order.push(g.ageGroup);
  return order;
}

export interface GroupRef {
  readonly dimension: 'Gebiet' | 'Geschlecht' | 'Altersgruppe';
  readonly key: string;
  readonly label: string;
  readonly stat: GroupStat;
}

/** Breakdown groups of an item in report order: areas (manifest order), sex (w, m, d), age groups. */
export function itemGroups(
  a: Analysis,
  item: ItemResult,
): { area: GroupRef[]; sex: GroupRef[]; age: GroupRef[] } {
  const pick = (
    dimension: GroupRef['dimension'],
    rec: Record<string, GroupStat>,
    order: readonly string[],
    label: (k: string) => string,
  ): GroupRef[] => {
    const keys = [...order.filter((k) => k in rec), ...Object.keys(rec).filter((k) => !order.includes(k))];
    return keys.flatMap((key) => {
      const stat = rec[key];
      return stat ? [{ dimension, key, label: label(key), stat }] : [];
    });
  };
  return {
    area: pick(
      'Gebiet',
      item.byArea,
      a.meta.gebiete.map((g) => g.id),
      (k) => areaName(a, k),
    ),
    sex: pick('Geschlecht', item.bySex, ['w', 'm', 'd'], sexLabel),
    age: pick('Altersgruppe', item.byAgeGroup, ageGroupOrder(a), ageGroupLabel),
  };
}

/** Cells "Anteil | 95-%-Intervall | n" of a chart row; one spanning cell when suppressed. */
export function figureCells(f: ShareFigureLike, withN = true): Cell[] {
  if (f.suppressed || f.negativeShareWeighted === null) {
    return [td(SUPPRESSED_TEXT, { colspan: withN ? 3 : 2, cls: 'suppressed' })];
  }
  const cls = f.limited ? 'limited' : undefined;
  const cells: Cell[] = [
    nd(shareText(f.negativeShareWeighted, f.limited), cls ? { cls } : {}),
    nd(f.limited ? `(${formatInterval(f.ci95)})` : formatInterval(f.ci95), cls ? { cls } : {}),
  ];
  if (withN) cells.push(nd(formatNumber(f.n)));
  return cells;
}

/** A ShareStat as a chart-row-like figure. */
export function statFigure(s: ShareStat | GroupShareStat): ShareFigureLike {
  return {
    n: s.n,
    negativeShareWeighted: s.negativeShareWeighted,
    ci95: s.ci95,
    suppressed: false,
    limited: s.limited,
  };
}

export function limitedNote(a: Analysis): string {
  return `Werte in Klammern: eingeschränkt aussagekräftig (n < ${formatNumber(a.meta.limitedBelow)}).`;
}

export function suppressedNote(a: Analysis): string {
  return `„${SUPPRESSED_TEXT}“: weniger als ${formatNumber(a.meta.mindestfallzahl)} gültige Antworten oder zum Schutz anderer Werte ausgeblendet, damit sich kein verborgener Wert zurückrechnen lässt; es wird kein Wert ausgewiesen.`;
}

export function surveyBaseNote(): string {
  return 'Gewichtete Anteile an den gültigen Antworten (ohne „weiß nicht“ und „trifft nicht zu“); n = ungewichtete Zahl gültiger Antworten.';
}

/** Notes for a table that may contain limited or suppressed values. */
export function reliabilityNotes(a: Analysis, hasLimited: boolean, hasSuppressed: boolean): string[] {
  const notes: string[] = [];
  if (hasLimited) notes.push(limitedNote(a));
  if (hasSuppressed) notes.push(suppressedNote(a));
  return notes;
}

export function yearsText(years: readonly number[]): string {
  if (years.length === 0) return MISSING;
  const sorted = [...years].sort((x, y) => x - y);
  const first = sorted[0] as number;
  const last = sorted[sorted.length - 1] as number;
  return first === last ? String(first) : `${first}–${last}`;
}

/** The items of a dimension in codebook order (the order of analysis.survey.items). */
export function itemsOfDimension(a: Analysis, dimension: string): ItemResult[] {
  return Object.values(a.survey.items).filter((i) => i.dimension === dimension);
}
