/**
 * Cell values of the table export: the report's German-formatted text parsed back into numbers
 * (for the XLSX) and the escaping against formula injection (CSV and XLSX).
 *
 * Only what the report prints as a plain figure becomes a number: "1.234,5", "31,5 %", "+0,7",
 * "−3,8", "48,6 Jahre", "(11,0 %)" (a value of limited reliability, shown in brackets). Intervals
 * ("27,8–38,7 %"), "zu geringe Fallzahl", "–", ranks ("1.") and "8 (1)" stay text.
 */
import { NBSP } from '../format/number.js';

/** Characters a spreadsheet may take as the start of a formula: = + - @ TAB CR. */
export const FORMULA_START = /^[=+\-@\t\r]/;

/** Text that a spreadsheet shows as text and never runs as a formula: a leading apostrophe where needed. */
export function escapeFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

export interface ParsedNumber {
  readonly value: number;
  /** Excel number format that shows the value as printed (format codes are locale-neutral: German Excel shows "1.234,5"). */
  readonly numFmt: string;
  /** The text in the plain German form spreadsheets read as a number ("-3,8", "31,5 %"), or the printed text for bracketed values. */
  readonly csvText: string;
}

const MINUS = '\u2212';
const NUMBER = /^(\()?([+-])?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d+))?(?: (%|[A-Za-zÄÖÜäöüß²³]{1,12}))?(\))?$/;

/** Parses a figure exactly as the report prints it; null for anything that is not one plain figure. */
export function parseGermanNumber(printed: string): ParsedNumber | null {
  const text = printed.replace(new RegExp(NBSP, 'g'), ' ').replace(new RegExp(MINUS, 'g'), '-').trim();
  const m = NUMBER.exec(text);
  if (!m) return null;
  const [, open, sign, int = '', frac, unit, close] = m;
  if (Boolean(open) !== Boolean(close)) return null;
  const digits = int.replace(/\./g, '');
  const grouped = int.includes('.') || digits.length < 4;
  const decimal = `${sign === '-' ? '-' : ''}${digits}${frac ? `.${frac}` : ''}`;
  const value = Number(unit === '%' ? `${decimal}e-2` : decimal);
  if (!Number.isFinite(value)) return null;

  const base = `${grouped ? '#,##0' : '0'}${frac ? `.${'0'.repeat(frac.length)}` : ''}`;
  const shown = `${base}${unit === undefined ? '' : unit === '%' ? ' %' : ` "${unit}"`}`;
  const wrap = (f: string): string => (open ? `(${f})` : f);
  // "+0,7": an explicit plus sign is part of the format; negative values get Excel's minus in any format.
  const numFmt = sign === '+' ? `${wrap(`+${shown}`)};${wrap(`-${shown}`)};${wrap(shown)}` : wrap(shown);
  return { value: Object.is(value, -0) ? 0 : value, numFmt, csvText: open ? printed.trim() : text };
}
