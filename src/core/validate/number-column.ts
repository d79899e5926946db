/**
 * Reads one numeric column through the readers' number parser (style decided per column) and
 * turns its problems into German issues: not a number, missing where required, below a minimum.
 */
import { describeNumberProblem, parseNumberColumn } from '../input/numbers.js';
import type { RawTable } from '../input/table.js';
import { cellText, columnCells, isEmptyCell, type ColumnRef } from './cells.js';
import type { IssueCollector } from './collector.js';
import { formatInt, qv, shorten } from './message.js';

export interface NumberColumnOptions {
  readonly integer: boolean;
  /** Empty cells are errors. */
  readonly required: boolean;
  /** Smallest allowed value (inclusive). */
  readonly min?: number;
  /** Largest allowed value (inclusive). */
  readonly max?: number;
  /** Cells that count as "no value" without a number error (GENESIS `.` and `-`). */
  readonly placeholders?: readonly string[];
}

export interface NumberColumn {
  /** The value per row; null for empty or invalid cells. */
  readonly values: readonly (number | null)[];
  /** 1 where the cell was invalid (an issue was reported). */
  readonly invalid: Uint8Array;
}

export function describeNumber(o: NumberColumnOptions): string {
  const kind = o.integer ? 'ganze Zahl' : 'Zahl';
  if (o.min !== undefined && o.max !== undefined)
    return `${kind} von ${formatInt(o.min)} bis ${formatInt(o.max)}`;
  if (o.min !== undefined) return o.min === 0 ? `${kind} ≥ 0` : `${kind} ab ${formatInt(o.min)}`;
  return kind;
}

export function readNumberColumn(
  table: RawTable,
  ref: ColumnRef,
  options: NumberColumnOptions,
  issues: IssueCollector,
): NumberColumn {
  const cells = columnCells(table, ref);
  const placeholders = options.placeholders ?? [];
  const forParser =
    placeholders.length === 0
      ? cells
      : cells.map((c) => (typeof c === 'string' && placeholders.includes(c.trim()) ? null : c));
  const parsed = parseNumberColumn(forParser, { integer: options.integer });
  const values: (number | null)[] = parsed.values.slice();
  const invalid = new Uint8Array(values.length);
  const expected = describeNumber(options);
  for (const p of parsed.problems) {
    invalid[p.index] = 1;
    values[p.index] = null;
    issues.error({
      code: 'value-not-number',
      file: table.file,
      row: table.rows[p.index]?.rowNumber,
      column: ref.name,
      colIndex: ref.index,
      value: p.value,
      expected: p.expected || expected,
      text: describeNumberProblem({ ...p, value: shorten(p.value) }),
    });
  }
  for (let i = 0; i < values.length; i++) {
    if (invalid[i]) continue;
    const v = values[i];
    const row = table.rows[i]?.rowNumber;
    if (v === null || v === undefined) {
      if (options.required && isEmptyCell(cells[i])) {
        invalid[i] = 1;
        issues.error({
          code: 'value-missing',
          file: table.file,
          row,
          column: ref.name,
          colIndex: ref.index,
          expected,
          text: `Wert fehlt (erwartet: ${expected}).`,
        });
      }
      continue;
    }
    if ((options.min !== undefined && v < options.min) || (options.max !== undefined && v > options.max)) {
      invalid[i] = 1;
      values[i] = null;
      const shown = cellText(cells[i]) || String(v);
      issues.error({
        code: 'value-out-of-range',
        file: table.file,
        row,
        column: ref.name,
        colIndex: ref.index,
        value: shown,
        expected,
        text: `Wert ${qv(shown)} ist nicht erlaubt (erwartet: ${expected}).`,
      });
    }
  }
  return { values, invalid };
}
