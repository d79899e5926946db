/**
 * German wording helpers for the report: shares with intervals, suppressed and limited values,
 * lists and phrases built from scale labels. All numbers go through src/core/format/number.ts.
 */
import type { GroupStat, Suppressed } from '../analysis/schema.js';
import { formatNumber, formatPercent, NBSP, MISSING } from '../format/number.js';

export const SUPPRESSED_TEXT = 'zu geringe Fallzahl';

export function isSuppressed(g: GroupStat): g is Suppressed {
  return 'suppressed' in g && g.suppressed === true;
}

/** "26,8–36,4 %" (one unit at the end, en dash). */
export function formatInterval(ci: readonly [number, number] | null | undefined): string {
  if (!ci || !Number.isFinite(ci[0]) || !Number.isFinite(ci[1])) return MISSING;
  return `${formatNumber(ci[0] * 100, 1)}–${formatNumber(ci[1] * 100, 1)}${NBSP}%`;
}

/** "31,4 %", or "(31,4 %)" for a result of limited reliability. */
export function shareText(share: number | null | undefined, limited = false): string {
  const s = formatPercent(share);
  return limited && s !== MISSING ? `(${s})` : s;
}

/** "31,4 % (95-%-Intervall 26,8–36,4 %)" */
export function shareWithCi(share: number | null, ci: readonly [number, number] | null): string {
  if (share === null) return MISSING;
  return ci ? `${formatPercent(share)} (95-%-Intervall ${formatInterval(ci)})` : formatPercent(share);
}

/** Group statistic as a table cell text: share, "(share)" if limited, or the suppression text. */
export function groupShareText(g: GroupStat | undefined): string {
  if (!g) return MISSING;
  if (isSuppressed(g)) return SUPPRESSED_TEXT;
  return shareText(g.negativeShareWeighted, g.limited);
}

/** "eher/sehr unsicher" → "eher oder sehr unsicher" for running text. */
export function negativePhrase(negativeLabel: string): string {
  return negativeLabel.replace(/\s*\/\s*/g, ' oder ');
}

/** "a, b und c" */
export function joinGerman(parts: readonly string[]): string {
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} und ${parts[parts.length - 1]}`;
}

/** Plus/minus half width of a 95-% interval at p = 0.5 for n cases, in percentage points: "±5,2". */
export function marginAtHalf(n: number): string {
  if (!(n > 0)) return MISSING;
  const half = 1.96 * Math.sqrt(0.25 / n) * 100;
  return `±${formatNumber(half, 1)}`;
}

/** Integer counts with German grouping, singular/plural noun: "1 Nennung", "12 Nennungen". */
export function countNoun(n: number, singular: string, plural: string): string {
  return `${formatNumber(n)} ${n === 1 ? singular : plural}`;
}
