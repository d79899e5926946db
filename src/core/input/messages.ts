/**
 * German message building blocks shared by the readers: file/row/column locations, quoted values,
 * German number formatting. Every reader issue goes through `readerIssue` so that the wording stays
 * uniform (contract §10).
 */
import type { Severity, ValidationIssue } from '../validate/issues.js';

const MAX_VALUE_CHARS = 80;

/** Shortens a value for messages to 80 characters (with an ellipsis) and removes line breaks. */
export function shortValue(value: string): string {
  const flat = value.replace(/[\r\n\t]+/g, ' ');
  return flat.length > MAX_VALUE_CHARS ? `${flat.slice(0, MAX_VALUE_CHARS - 1)}…` : flat;
}

/** German quotes: „x“. */
export function q(text: string): string {
  return `„${text}“`;
}

/** Integer with German thousands dots: 1000000 → `1.000.000`. */
export function formatInt(n: number): string {
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.trunc(Math.abs(n)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** Decimal with German comma and thousands dots, fixed fraction digits: 63.21 → `63,2`. */
export function formatDecimal(n: number, fractionDigits = 1): string {
  const fixed = Math.abs(n).toFixed(fractionDigits);
  const [int = '0', frac] = fixed.split('.');
  const sign = n < 0 ? '-' : '';
  return sign + formatInt(Number(int)) + (frac ? `,${frac}` : '');
}

export const MB = 1024 * 1024;

/** A byte count as `50 MB` / `63,2 MB` / `12 KB`. */
export function formatBytes(bytes: number): string {
  if (bytes >= MB) {
    const mb = bytes / MB;
    return `${Number.isInteger(mb) ? formatInt(mb) : formatDecimal(mb, 1)} MB`;
  }
  if (bytes >= 1024) return `${formatInt(Math.round(bytes / 1024))} KB`;
  return `${formatInt(bytes)} Bytes`;
}

/** `befragung.csv, Zeile 17, Spalte „alter“` (parts omitted when absent). */
export function location(file: string, row?: number, column?: string, sheet?: string): string {
  let s = file;
  if (sheet !== undefined) s += `, Blatt ${q(sheet)}`;
  if (row !== undefined) s += `, Zeile ${row}`;
  if (column !== undefined) s += `, Spalte ${q(column)}`;
  return s;
}

export interface IssueParts {
  readonly severity?: Severity;
  readonly code: string;
  readonly file: string;
  readonly row?: number;
  readonly column?: string;
  readonly value?: string;
  readonly expected?: string;
  /** Sheet name (XLSX); only used in the message text. */
  readonly sheet?: string;
  /** The sentence after the location, e.g. `12 Felder statt 10 wie in der Kopfzeile.` */
  readonly text: string;
}

/** Builds a ValidationIssue whose message is `<location>: <text>`. */
export function readerIssue(parts: IssueParts): ValidationIssue {
  const issue: { -readonly [K in keyof ValidationIssue]: ValidationIssue[K] } = {
    severity: parts.severity ?? 'error',
    code: parts.code,
    file: parts.file,
    message: `${location(parts.file, parts.row, parts.column, parts.sheet)}: ${parts.text}`,
  };
  if (parts.row !== undefined) issue.row = parts.row;
  if (parts.column !== undefined) issue.column = parts.column;
  if (parts.value !== undefined) issue.value = shortValue(parts.value);
  if (parts.expected !== undefined) issue.expected = parts.expected;
  return issue;
}

/** Excel column letters: 1 → A, 27 → AA. */
export function columnLetter(col: number): string {
  let s = '';
  let n = col;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
