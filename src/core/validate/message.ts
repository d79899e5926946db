/**
 * The uniform German message format of validation issues (contract §10):
 * `<datei>, Zeile <n>, Spalte „<spalte>“: <text>`, with parts omitted when they do not apply.
 * Values are shortened to 80 characters, line breaks flattened.
 */
import type { Severity, ValidationIssue } from './issues.js';

export const MAX_VALUE_CHARS = 80;

/** Shortens a value to 80 characters (ending with `…`) and flattens line breaks and tabs. */
export function shorten(value: string): string {
  const flat = value.replace(/[\r\n\t]+/g, ' ');
  return flat.length > MAX_VALUE_CHARS ? `${flat.slice(0, MAX_VALUE_CHARS - 1)}…` : flat;
}

/** German quotation marks around a text: „x“. */
export function q(text: string): string {
  return `„${text}“`;
}

/** A value as quoted in a message: „…“, shortened. */
export function qv(value: string): string {
  return q(shorten(value));
}

/** Integer with German thousands separators: 12345 → `12.345`. */
export function formatInt(n: number): string {
  const sign = n < 0 ? '-' : '';
  return sign + String(Math.trunc(Math.abs(n))).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}

/** German list: `a, b und c` (or `oder`). */
export function joinGerman(items: readonly string[], last: 'und' | 'oder' = 'und'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${last} ${items[items.length - 1]}`;
}

/** The allowed set of an answer scale: `1–4, 8, 9 oder leer` (two codes: `1, 2, 8, 9 oder leer`). */
export function allowedCodes(max: number): string {
  const range = max === 2 ? '1, 2' : `1–${max}`;
  return `${range}, 8, 9 oder leer`;
}

export interface IssueSpec {
  readonly severity: Severity;
  readonly code: string;
  readonly file: string;
  readonly row?: number;
  /** Column as written in the file (or a manifest key path). */
  readonly column?: string;
  /** Use "Feld" instead of "Spalte" in the location (JSON keys). */
  readonly field?: boolean;
  readonly value?: string;
  readonly expected?: string;
  /** The German sentence after the location, e.g. `Wert „5“ ist nicht erlaubt (erlaubt: 1–4, 8, 9 oder leer).` */
  readonly text: string;
}

/** `befragung.csv, Zeile 17, Spalte „alter“` (parts omitted when absent). */
export function location(file: string, row?: number, column?: string, field = false): string {
  let s = file;
  if (row !== undefined) s += `, Zeile ${row}`;
  if (column !== undefined) s += `, ${field ? 'Feld' : 'Spalte'} ${q(column)}`;
  return s;
}

/** Builds a ValidationIssue with the uniform message. */
export function makeIssue(spec: IssueSpec): ValidationIssue {
  const issue: { -readonly [K in keyof ValidationIssue]: ValidationIssue[K] } = {
    severity: spec.severity,
    code: spec.code,
    file: spec.file,
    message: `${location(spec.file, spec.row, spec.column, spec.field)}: ${spec.text}`,
  };
  if (spec.row !== undefined) issue.row = spec.row;
  if (spec.column !== undefined) issue.column = spec.column;
  if (spec.value !== undefined) issue.value = shorten(spec.value);
  if (spec.expected !== undefined) issue.expected = spec.expected;
  return issue;
}
