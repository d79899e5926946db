/** Helpers shared by the chart families: group statistics, labels and German text pieces. */
import type { Analysis } from '../analysis/schema.js';
import { formatNumber, formatPercent } from '../format/number.js';
import { FONT_SIZE, baseConfig, bottomNote } from './theme.js';
import { textWidth } from './text-metrics.js';

export type ItemResult = Analysis['survey']['items'][string];
/** An item's total: shown, or suppressed when the item has too few answers. */
export type TotalStat = ItemResult['total'];
export type ShareStat = Extract<TotalStat, { distribution: unknown }>;
export type GroupStat = ItemResult['byArea'][string];
export type GroupShareStat = Exclude<GroupStat, { suppressed: true }>;
export type ShareFigure = Analysis['survey']['incivilityRanking'][number];

export const SCHEMA_URL = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Printed instead of a suppressed value (domain brief §5.3). */
export const SUPPRESSED_TEXT = 'zu geringe Fallzahl';

export function isShareStat(s: TotalStat | undefined): s is ShareStat {
  return s !== undefined && !('suppressed' in s);
}

export function isShownGroup(s: GroupStat | undefined): s is GroupShareStat {
  return s !== undefined && !('suppressed' in s);
}

/** "A", "A und B", "A, B und C". */
export function joinDe(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} und ${parts[parts.length - 1]}`;
}

/** "42,3 %", in parentheses when of limited reliability. */
export function pct(share: number | null | undefined, limited = false, digits = 1): string {
  const s = formatPercent(share, digits);
  return limited ? `(${s})` : s;
}

export const num = formatNumber;

/** A share for a text alternative: "42,3 %", with a remark when of limited reliability. */
export function altPct(share: number | null | undefined, limited = false): string {
  return limited ? `${formatPercent(share)}, eingeschränkt aussagekräftig` : formatPercent(share);
}

const SEX_DATIVE: Readonly<Record<string, string>> = { w: 'Frauen', m: 'Männern' };
const SEX_NOMINATIVE: Readonly<Record<string, string>> = { w: 'Frauen', m: 'Männer' };

function ageWords(ageGroup: string): string {
  const range = /^(\d+)\s*[-–]\s*(\d+)$/.exec(ageGroup.trim());
  if (range) return `von ${range[1]} bis ${range[2]} Jahren`;
  const open = /^(\d+)\s*\+$/.exec(ageGroup.trim());
  if (open) return `ab ${open[1]} Jahren`;
  return `(${ageGroup})`;
}

/** "Frauen ab 75 Jahren" / "Männer von 16 bis 29 Jahren"; `dative` gives "Männern". */
export function sexAgeGroup(sex: string, ageGroup: string, dative = false): string {
  const word = (dative ? SEX_DATIVE : SEX_NOMINATIVE)[sex] ?? sex;
  return `${word} ${ageWords(ageGroup)}`;
}

/** "Label (n = 371)". */
export function withN(label: string, n: number): string {
  return `${label} (n${'\u00A0'}=${'\u00A0'}${formatNumber(n)})`;
}

/** Notes under survey charts, depending on what the chart contains. */
export function surveyNotes(
  a: Analysis,
  hasLimited: boolean,
  hasSuppressed: boolean,
  extra: readonly string[] = [],
): string[] {
  const out = [...extra];
  if (hasLimited)
    out.push(
      `Werte in Klammern: eingeschränkt aussagekräftig (weniger als ${formatNumber(a.meta.limitedBelow)} gültige Antworten).`,
    );
  if (hasSuppressed)
    out.push(
      `${SUPPRESSED_TEXT[0]?.toUpperCase()}${SUPPRESSED_TEXT.slice(1)}: weniger als ${formatNumber(a.meta.mindestfallzahl)} gültige Antworten oder zum Schutz anderer Werte nicht ausgewiesen.`,
    );
  return out;
}

/** A top-level spec with the shared config, the schema and an optional note under the chart. */
export function topLevel(
  body: Record<string, unknown>,
  notes: readonly string[] = [],
): Record<string, unknown> {
  const note = bottomNote(notes);
  return { $schema: SCHEMA_URL, ...(note ? { title: note } : {}), ...body, config: baseConfig() };
}

/** Extremes of a list by a numeric key (first wins on ties). */
export function extremes<T>(xs: readonly T[], value: (x: T) => number): { max: T; min: T } | undefined {
  let max: T | undefined;
  let min: T | undefined;
  for (const x of xs) {
    if (max === undefined || value(x) > value(max)) max = x;
    if (min === undefined || value(x) < value(min)) min = x;
  }
  return max === undefined || min === undefined ? undefined : { max, min };
}

/** Makes labels unique by appending a counter to repeats (Vega bands need distinct values). */
export function uniqueLabels(labels: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((l) => {
    const c = (seen.get(l) ?? 0) + 1;
    seen.set(l, c);
    return c === 1 ? l : `${l} [${c}]`;
  });
}

/** Rounds coordinates we compute ourselves, so specs stay small and stable. */
export const round4 = (x: number) => Math.round(x * 10_000) / 10_000;

/**
 * Wraps a label into at most two lines of `maxWidth` px (joined with "\n"; axes split them with
 * `labelExpr`). A second line that is still too long is truncated by the axis' label limit.
 */
export function wrapLabel(label: string, maxWidth: number, fontSize: number = FONT_SIZE.label): string {
  if (textWidth(label, fontSize) <= maxWidth) return label;
  const words = label.split(' ');
  let first = '';
  for (let i = 0; i < words.length; i++) {
    const next = first ? `${first} ${words[i]}` : (words[i] ?? '');
    if (textWidth(next, fontSize) > maxWidth && first) return `${first}\n${words.slice(i).join(' ')}`;
    first = next;
  }
  return label;
}

/** Axis label expression that splits wrapped labels into lines. */
export const SPLIT_LINES = "split(datum.label, '\\n')";

/** Axis label offset that centres two-line labels on their band (half a line up). */
export const WRAPPED_OFFSET = "indexof(datum.label, '\\n') >= 0 ? -6 : 0";
