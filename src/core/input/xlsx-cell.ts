/**
 * One normaliser for every value shape ExcelJS gives for `cell.value` (engineering notes §6.5):
 * string, number, boolean, Date, `{ formula | sharedFormula, result }`, `{ richText }`,
 * `{ text, hyperlink }` (text may be rich text), `{ error }`, null/undefined.
 * Formulas are never evaluated: the cached result Excel stored is read.
 */
import type { Cell } from './table.js';

const MS_PER_DAY = 86_400_000;
/** Excel serial of 1970-01-01 in the 1900 date system. */
const EPOCH_1900 = 25_569;
/** Difference between the 1900 and the 1904 date system in days. */
const OFFSET_1904 = 1_462;

/** What the normaliser noticed about a cell; reset by the caller for every cell. */
export interface CellNotes {
  /** The cell holds a formula (its cached result was used). */
  formula: boolean;
  /** A formula without a cached result (read as empty). */
  formulaWithoutResult: boolean;
  /** Serial 60 of the 1900 date system: 29 Feb 1900, a day that does not exist (read as empty). */
  nonexistentDate: boolean;
  /** A value shape this reader does not know (read as empty). */
  unsupported: boolean;
}

export function newCellNotes(): CellNotes {
  return { formula: false, formulaWithoutResult: false, nonexistentDate: false, unsupported: false };
}

export function resetCellNotes(notes: CellNotes): void {
  notes.formula = false;
  notes.formulaWithoutResult = false;
  notes.nonexistentDate = false;
  notes.unsupported = false;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function isoDay(ms: number): string {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  return `${y < 0 ? '-' : ''}${pad(Math.abs(y), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function isoTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/**
 * A Date from ExcelJS as `YYYY-MM-DD`, computed in UTC (ExcelJS builds dates from the serial in
 * UTC, so the result does not depend on the process time zone).
 *
 * 1900 system: ExcelJS maps serials linearly, but Excel counts the non-existent 29 Feb 1900
 * (serial 60). So serials 1–59 come out one day early (corrected here), serial 60 does not exist
 * (null plus a note), and serials below 1 are times of day without a date (`HH:MM:SS`).
 * 1904 system: no such bug.
 */
export function excelDateToIso(date: Date, date1904: boolean, notes: CellNotes): string | null {
  const ms = date.getTime();
  if (!Number.isFinite(ms)) {
    notes.unsupported = true;
    return null;
  }
  if (date1904) return isoDay(ms);
  const serial = ms / MS_PER_DAY + EPOCH_1900;
  if (serial >= 61) return isoDay(ms);
  if (serial >= 60) {
    notes.nonexistentDate = true;
    return null;
  }
  if (serial >= 1) return isoDay(ms + MS_PER_DAY);
  if (serial >= 0) return isoTime(ms);
  return isoDay(ms);
}

/** Excel serial of a Date as ExcelJS produced it (for messages). */
export function excelSerial(date: Date, date1904: boolean): number {
  return date.getTime() / MS_PER_DAY + EPOCH_1900 - (date1904 ? OFFSET_1904 : 0);
}

function trimmed(text: string): string | null {
  const t = text.trim();
  return t.length === 0 ? null : t;
}

function richTextToString(parts: unknown): string {
  if (!Array.isArray(parts)) return '';
  let s = '';
  for (const part of parts) {
    if (part !== null && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string') {
      s += (part as { text: string }).text;
    }
  }
  return s;
}

/** Normalises one ExcelJS cell value to a Cell. Never throws. */
export function normaliseExcelValue(value: unknown, date1904: boolean, notes: CellNotes): Cell {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
      return trimmed(value);
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'boolean':
      return value;
    case 'object':
      break;
    default:
      notes.unsupported = true;
      return null;
  }
  if (value instanceof Date) return excelDateToIso(value, date1904, notes);
  const v = value as Record<string, unknown>;
  if ('formula' in v || 'sharedFormula' in v) {
    notes.formula = true;
    const result = v['result'];
    if (result === undefined || result === null) {
      notes.formulaWithoutResult = true;
      return null;
    }
    if (
      typeof result === 'object' &&
      !(result instanceof Date) &&
      ('formula' in result || 'sharedFormula' in result)
    ) {
      notes.unsupported = true;
      return null;
    }
    return normaliseExcelValue(result, date1904, notes);
  }
  if (typeof v['error'] === 'string') return v['error'];
  if (Array.isArray(v['richText'])) return trimmed(richTextToString(v['richText']));
  if ('hyperlink' in v || 'text' in v) {
    const text = v['text'];
    if (typeof text === 'string') return trimmed(text);
    if (
      text !== null &&
      typeof text === 'object' &&
      Array.isArray((text as { richText?: unknown }).richText)
    ) {
      return trimmed(richTextToString((text as { richText: unknown }).richText));
    }
    if (typeof v['hyperlink'] === 'string') return trimmed(v['hyperlink']);
    return null;
  }
  notes.unsupported = true;
  return null;
}
