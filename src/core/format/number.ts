/**
 * German number formatting for everything a municipality reads (messages, findings, report text).
 *
 * Built on Intl.NumberFormat('de-DE'): decimal comma, thousands dot. The space between a number
 * and "%" is a no-break space U+00A0 (the same character Intl uses for `style: 'percent'`), so
 * "42,3 %" never breaks across lines. Negative numbers use the hyphen-minus that Intl produces,
 * and values that round to zero never print as "-0,0".
 */

/** U+00A0, used between a number and its unit ("42,3 %"). */
export const NBSP = '\u00A0';

const cache = new Map<string, Intl.NumberFormat>();

function formatter(digits: number, signed: boolean): Intl.NumberFormat {
  const id = `${digits}|${signed ? 1 : 0}`;
  let f = cache.get(id);
  if (!f) {
    f = new Intl.NumberFormat('de-DE', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      signDisplay: signed ? 'exceptZero' : 'negative',
    });
    cache.set(id, f);
  }
  return f;
}

/** Printed for a missing or non-finite value. */
export const MISSING = '–';

/** `formatNumber(1234.5, 1)` → "1.234,5"; `formatNumber(1234)` → "1.234". */
export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  return formatter(digits, false).format(value);
}

/** A fraction as a percentage: `formatPercent(0.423)` → "42,3 %" (U+00A0 before %). */
export function formatPercent(share: number | null | undefined, digits = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return MISSING;
  return `${formatter(digits, false).format(share * 100)}${NBSP}%`;
}

/** A relative change with its sign: `formatChange(0.42)` → "+42,0 %", `formatChange(-0.08)` → "-8,0 %". */
export function formatChange(change: number | null | undefined, digits = 1): string {
  if (change === null || change === undefined || !Number.isFinite(change)) return MISSING;
  return `${formatter(digits, true).format(change * 100)}${NBSP}%`;
}

/** A Häufigkeitszahl (cases per 100,000 inhabitants), one decimal: `formatRate(4961.17)` → "4.961,2". */
export function formatRate(rate: number | null | undefined): string {
  return formatNumber(rate, 1);
}

/** A signed whole number: `formatSigned(34)` → "+34". */
export function formatSigned(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return MISSING;
  return formatter(digits, true).format(value);
}
