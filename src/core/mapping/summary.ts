/**
 * A survey file, summarised per column for the mapping assistant: the header, the label (SPSS
 * variable label), value labels, and the distinct values seen with their counts. Only this
 * summary (no row) leaves the reader; free-text columns keep only a few values as samples.
 */
import type { SavVariable } from '../import/sav.js';
import { tableData } from '../input/columnar-table.js';
import type { Cell, RawTable } from '../input/table.js';

/** Distinct values kept per column; more are only counted. */
export const MAX_DISTINCT = 40;

export interface ValueCount {
  /** The value as text, trimmed (numbers as JavaScript writes them). */
  readonly value: string;
  readonly count: number;
}

export interface ColumnSummary {
  readonly index: number;
  readonly name: string;
  /** SPSS variable label, or null. */
  readonly label: string | null;
  /** SPSS value labels as text → label. */
  readonly valueLabels: readonly { readonly value: string; readonly label: string }[];
  /** Most frequent distinct values first (at most MAX_DISTINCT). */
  readonly values: readonly ValueCount[];
  /** Distinct values in all (also beyond MAX_DISTINCT). */
  readonly distinct: number;
  readonly filled: number;
  readonly rows: number;
}

export function cellKey(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'number') return String(cell);
  return cell ? 'WAHR' : 'FALSCH';
}

export function summariseTable(table: RawTable, variables?: readonly SavVariable[]): ColumnSummary[] {
  const labels = new Map((variables ?? []).map((v) => [v.name, v]));
  const data = tableData(table);
  return table.columns.map((name, index) => {
    // Counted per distinct cell of the column, then merged by text (`1` and ` 1` are one value).
    const column = data.columns[index];
    const perCode = new Uint32Array(column?.values.length ?? 0);
    if (column) for (const code of column.codes) perCode[code]!++;
    const counts = new Map<string, number>();
    let filled = 0;
    perCode.forEach((n, code) => {
      const key = n === 0 ? '' : cellKey(column?.values[code]);
      if (key === '') return;
      filled += n;
      counts.set(key, (counts.get(key) ?? 0) + n);
    });
    const v = labels.get(name);
    const values = [...counts]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'de', { numeric: true }))
      .slice(0, MAX_DISTINCT)
      .map(([value, count]) => ({ value, count }));
    return {
      index,
      name: name.trim(),
      label: v?.label ?? null,
      valueLabels: v ? [...v.valueLabels].map(([value, label]) => ({ value: String(value), label })) : [],
      values,
      distinct: counts.size,
      filled,
      rows: data.rowCount,
    };
  });
}
