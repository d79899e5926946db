/**
 * Number parsing per column (contract §9, engineering notes §6.2): the style is decided from all
 * cells of one column, never from one global locale, and ambiguous cells are reported, never guessed.
 *
 * Styles:
 * - `plain`: digits only (`1234`, `-5`), or numbers given as numbers (XLSX).
 * - `de`:    `.` groups thousands, `,` is the decimal separator (`1.234`, `1234,5`, `1.234,5`).
 * - `en`:    `.` is the decimal separator, no grouping seen (`1234.5`, `7.9`).
 * - `bka`:   `,` groups thousands, `.` is the decimal separator (`9,677`, `1,847,253`, `60.2`);
 *            the convention of the BKA PKS CSV files.
 * `en` and `bka` are one family (decimal point); `de` is the other (decimal comma).
 *
 * Evidence: `1.234.567`, `1.234,5`, `12,5`, `0,5` prove `de`; `7.9`, `1234.5`, `0.123`, `1,234,567`,
 * `1,234.5` prove the decimal-point family. `1.234` and `1,234` are ambiguous (thousand or decimal):
 * in an integer column they can only be thousands; otherwise the column's other cells decide, and if
 * nothing decides they become problems.
 */
import type { Cell } from './table.js';

export type NumberStyle = 'plain' | 'de' | 'en' | 'bka';

export type NumberProblemReason =
  'not-a-number' | 'not-integer' | 'ambiguous' | 'mixed-style' | 'error-value';

export interface NumberProblem {
  readonly index: number;
  readonly value: string;
  /** What was expected, in German, e.g. `eine ganze Zahl`. */
  readonly expected: string;
  /** Why the cell was rejected (additive to the shared API). */
  readonly reason: NumberProblemReason;
}

export interface NumberColumnResult {
  /** Parsed values; null for empty cells and for cells listed in `problems`. */
  readonly values: readonly (number | null)[];
  readonly style: NumberStyle;
  /** Cells that are not numbers or are ambiguous; index into the input array. */
  readonly problems: readonly NumberProblem[];
}

export interface NumberColumnOptions {
  /** Counts: only whole numbers are accepted, and `1.234` / `1,234` can only mean 1234. */
  readonly integer?: boolean;
  /** `#DIV/0!` and other Excel error texts become null without a problem. */
  readonly allowErrorValues?: boolean;
  /** Forces a style instead of detecting it (e.g. `bka` for the BKA table). Additive to the shared API. */
  readonly style?: NumberStyle;
}

/** Excel error values, English and German. */
const EXCEL_ERRORS: ReadonlySet<string> = new Set([
  '#DIV/0!',
  '#N/A',
  '#NV',
  '#NAME?',
  '#NULL!',
  '#NUM!',
  '#REF!',
  '#VALUE!',
  '#WERT!',
  '#BEZUG!',
  '#ZAHL!',
  '#LEER!',
  '#SPILL!',
  '#ÜBERLAUF!',
  '#CALC!',
  '#BERECHNUNG!',
  '#FIELD!',
  '#FELD!',
  '#GETTING_DATA',
  '#BLOCKED!',
  '#CONNECT!',
  '#UNKNOWN!',
  '#BUSY!',
  '#DIV/0',
  '#N/V',
]);

export function isExcelError(text: string): boolean {
  return text.charCodeAt(0) === 35 /* # */ && EXCEL_ERRORS.has(text.toUpperCase());
}

// Cell kinds found by classify().
const K_EMPTY = 0;
const K_INT = 1; // digits only
const K_NUMBER = 2; // a number value (XLSX)
const K_DE = 3; // proves decimal comma
const K_POINT = 4; // proves decimal point, no comma grouping
const K_BKA = 5; // proves decimal point with comma grouping
const K_AMB_DOT = 6; // 1.234
const K_AMB_COMMA = 7; // 1,234
const K_ERROR = 8; // Excel error text
const K_NAN = 9; // not a number

const RE_DOT_GROUP = /^[1-9]\d{0,2}(?:\.\d{3})+$/;
const RE_COMMA_GROUP = /^[1-9]\d{0,2}(?:,\d{3})+$/;
const RE_DE_FULL = /^[1-9]\d{0,2}(?:\.\d{3})+,\d+$/;
const RE_BKA_FULL = /^[1-9]\d{0,2}(?:,\d{3})+\.\d+$/;
const RE_COMMA_DEC = /^\d*,\d+$/;
const RE_POINT_DEC = /^\d*\.\d+$/;

function isAllDigits(s: string, from: number): boolean {
  if (from >= s.length) return false;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Classifies an unsigned number body. */
function classifyBody(body: string): number {
  if (isAllDigits(body, 0)) return K_INT;
  const hasDot = body.includes('.');
  const hasComma = body.includes(',');
  if (hasDot && !hasComma) {
    if (RE_DOT_GROUP.test(body)) return body.split('.').length > 2 ? K_DE : K_AMB_DOT;
    if (RE_POINT_DEC.test(body)) return K_POINT;
    return K_NAN;
  }
  if (hasComma && !hasDot) {
    if (RE_COMMA_GROUP.test(body)) return body.split(',').length > 2 ? K_BKA : K_AMB_COMMA;
    if (RE_COMMA_DEC.test(body)) return K_DE;
    return K_NAN;
  }
  if (hasDot && hasComma) {
    if (RE_DE_FULL.test(body)) return K_DE;
    if (RE_BKA_FULL.test(body)) return K_BKA;
  }
  return K_NAN;
}

function splitSign(text: string): { readonly negative: boolean; readonly body: string } {
  const c = text.charCodeAt(0);
  if (c === 45 /* - */ || c === 0x2212 /* − */) return { negative: true, body: text.slice(1) };
  if (c === 43 /* + */) return { negative: false, body: text.slice(1) };
  return { negative: false, body: text };
}

function parseDe(body: string): number {
  return Number(body.replace(/\./g, '').replace(',', '.'));
}

function parsePoint(body: string): number {
  return Number(body.replace(/,/g, ''));
}

/** The two readings of an ambiguous cell, written the German way, for the message. */
function ambiguousExpected(body: string, kind: number): string {
  const digits = body.replace(/[.,]/g, '');
  const [intPart = '', frac = ''] = body.split(/[.,]/);
  const asThousand = String(Number(digits));
  const asDecimal = `${intPart},${frac}`;
  return kind === K_AMB_DOT || kind === K_AMB_COMMA
    ? `eine eindeutige Zahl, z. B. ${asThousand} oder ${asDecimal}`
    : 'eine eindeutige Zahl';
}

const STYLE_EXAMPLE: Readonly<Record<NumberStyle, string>> = {
  plain: '1234',
  de: '1.234,5',
  en: '1234.5',
  bka: '1,234.5',
};

function isPointStyle(style: NumberStyle | undefined): boolean {
  return style === 'en' || style === 'bka';
}

/**
 * Decides the number style of one column from all its cells and parses them. XLSX numbers pass
 * through; `#DIV/0!` and other Excel error texts become null plus a problem unless
 * `allowErrorValues`. Never throws.
 */
export function parseNumberColumn(
  cells: readonly Cell[],
  options: NumberColumnOptions = {},
): NumberColumnResult {
  const integer = options.integer === true;
  const n = cells.length;
  const values: (number | null)[] = new Array<number | null>(n);
  const kinds = new Uint8Array(n);
  const problems: NumberProblem[] = [];
  let deVotes = 0;
  let pointVotes = 0;
  let commaGrouping = false;
  let pending = false;

  for (let i = 0; i < n; i++) {
    const cell = cells[i];
    values[i] = null;
    if (cell === null || cell === undefined) continue;
    if (typeof cell === 'number') {
      kinds[i] = K_NUMBER;
      values[i] = cell;
      continue;
    }
    if (typeof cell === 'boolean') {
      kinds[i] = K_NAN;
      pending = true;
      continue;
    }
    const text =
      cell.length > 0 && (cell.charCodeAt(0) <= 32 || cell.charCodeAt(cell.length - 1) <= 32)
        ? cell.trim()
        : cell;
    if (text.length === 0) continue;
    // Fast path: unsigned digits, the common case of survey codes and counts.
    if (text.length <= 15 && isAllDigits(text, 0)) {
      kinds[i] = K_INT;
      let v = 0;
      for (let j = 0; j < text.length; j++) v = v * 10 + (text.charCodeAt(j) - 48);
      values[i] = v;
      continue;
    }
    pending = true;
    if (isExcelError(text)) {
      kinds[i] = K_ERROR;
      continue;
    }
    const { negative, body } = splitSign(text);
    const kind = classifyBody(body);
    kinds[i] = kind;
    if (kind === K_INT) values[i] = negative ? -Number(body) : Number(body);
    else if (kind === K_DE) deVotes++;
    else if (kind === K_POINT) pointVotes++;
    else if (kind === K_BKA) {
      pointVotes++;
      commaGrouping = true;
    } else if (integer && kind === K_AMB_DOT) deVotes++;
    else if (integer && kind === K_AMB_COMMA) {
      pointVotes++;
      commaGrouping = true;
    }
  }

  // Decide the family: forced, or by evidence (majority; a tie decides nothing).
  let family: 'de' | 'point' | null;
  if (options.style !== undefined) {
    family = options.style === 'de' ? 'de' : isPointStyle(options.style) ? 'point' : null;
  } else if (deVotes > 0 && deVotes > pointVotes) family = 'de';
  else if (pointVotes > 0 && pointVotes > deVotes) family = 'point';
  else family = null;
  const conflict = options.style === undefined && deVotes > 0 && deVotes === pointVotes;

  let style: NumberStyle;
  if (options.style !== undefined) style = options.style;
  else if (family === 'de') style = 'de';
  else if (family === 'point') style = commaGrouping ? 'bka' : 'en';
  else style = 'plain';

  const notNumber = integer ? 'eine ganze Zahl' : 'eine Zahl';
  const mixedExpected = `eine Zahl im selben Format wie die übrigen Werte der Spalte (z. B. ${STYLE_EXAMPLE[style === 'plain' ? 'de' : style]})`;

  for (let i = 0; i < n; i++) {
    const kind = kinds[i];
    if (kind === K_EMPTY) continue;
    const cell = cells[i];
    if (kind === K_INT || kind === K_NUMBER) {
      const v = values[i] as number;
      if (kind === K_NUMBER && !Number.isFinite(v)) {
        values[i] = null;
        problems.push({ index: i, value: String(v), expected: notNumber, reason: 'not-a-number' });
      } else if (integer && !Number.isInteger(v)) {
        values[i] = null;
        problems.push({ index: i, value: String(v), expected: 'eine ganze Zahl', reason: 'not-integer' });
      }
      continue;
    }
    if (!pending) continue;
    const text = String(cell).trim();
    if (kind === K_NAN) {
      problems.push({ index: i, value: text, expected: notNumber, reason: 'not-a-number' });
      continue;
    }
    if (kind === K_ERROR) {
      if (options.allowErrorValues !== true) {
        problems.push({
          index: i,
          value: text,
          expected: `${notNumber} statt eines Excel-Fehlerwerts`,
          reason: 'error-value',
        });
      }
      continue;
    }
    const { negative, body } = splitSign(text);
    let v: number | null = null;
    if (kind === K_DE) {
      if (family === 'de') v = parseDe(body);
      else if (options.style === 'plain' || family === 'point' || conflict) {
        problems.push({ index: i, value: text, expected: mixedExpected, reason: 'mixed-style' });
        continue;
      }
    } else if (kind === K_POINT || kind === K_BKA) {
      if (family === 'point') v = parsePoint(body);
      else if (options.style === 'plain' || family === 'de' || conflict) {
        problems.push({ index: i, value: text, expected: mixedExpected, reason: 'mixed-style' });
        continue;
      }
    } else if (kind === K_AMB_DOT || kind === K_AMB_COMMA) {
      if (integer && !conflict && family !== null) {
        // In an integer column the separator can only group thousands, if it fits the family.
        const fits = (kind === K_AMB_DOT) === (family === 'de');
        if (fits) v = Number(body.replace(/[.,]/g, ''));
        else {
          problems.push({ index: i, value: text, expected: mixedExpected, reason: 'mixed-style' });
          continue;
        }
      } else if (family === 'de') v = parseDe(body);
      else if (family === 'point') v = parsePoint(body);
      else {
        problems.push({
          index: i,
          value: text,
          expected: ambiguousExpected(body, kind),
          reason: 'ambiguous',
        });
        continue;
      }
    }
    if (v === null || !Number.isFinite(v)) {
      problems.push({ index: i, value: text, expected: notNumber, reason: 'not-a-number' });
      continue;
    }
    if (negative) v = -v;
    if (integer && !Number.isInteger(v)) {
      problems.push({ index: i, value: text, expected: 'eine ganze Zahl', reason: 'not-integer' });
      continue;
    }
    values[i] = v;
  }
  problems.sort((a, b) => a.index - b.index);
  return { values, style, problems };
}

/** The sentence for a number problem, e.g. `Wert „1.234“ ist mehrdeutig (erwartet: …).` */
export function describeNumberProblem(problem: NumberProblem): string {
  const v = `„${problem.value}“`;
  switch (problem.reason) {
    case 'ambiguous':
      return `Wert ${v} ist mehrdeutig (Tausendertrennzeichen oder Dezimalzeichen?); erwartet: ${problem.expected}.`;
    case 'mixed-style':
      return `Wert ${v} ist anders geschrieben als die übrigen Zahlen der Spalte; erwartet: ${problem.expected}.`;
    case 'error-value':
      return `Wert ${v} ist ein Excel-Fehlerwert; erwartet: ${problem.expected}.`;
    case 'not-integer':
      return `Wert ${v} ist keine ganze Zahl; erwartet: ${problem.expected}.`;
    case 'not-a-number':
      return `Wert ${v} ist keine Zahl; erwartet: ${problem.expected}.`;
  }
}
