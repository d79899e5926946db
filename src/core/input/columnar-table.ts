/**
 * A RawTable held column by column (ColumnData), with its rows built only when asked for, and the
 * one seam through which every table can be read by column: `tableData` returns the columns a
 * reader built, or encodes the rows of a table read row by row (XLSX, SPSS).
 */
import { ColumnDataBuilder } from './column-builder.js';
import type { Cell, ColumnData, EncodedColumn, RawRow, RawTable } from './table.js';

/** The cell of `row` (0-based data row) in an encoded column. */
export function cellAt(column: EncodedColumn, row: number): Cell {
  return column.values[column.codes[row] as number] ?? null;
}

/** A RawTable over column data; `rows` are built on first use and kept (for the small tables and for tests). */
export function columnarTable(meta: Omit<RawTable, 'rows' | 'data'>, data: ColumnData): RawTable {
  let rows: RawRow[] | null = null;
  return {
    ...meta,
    data,
    get rows(): readonly RawRow[] {
      rows ??= rowsOf(data);
      return rows;
    },
  };
}

function rowsOf(data: ColumnData): RawRow[] {
  const out = new Array<RawRow>(data.rowCount);
  const cols = data.columns;
  for (let r = 0; r < data.rowCount; r++) {
    const cells = new Array<Cell>(cols.length);
    for (let c = 0; c < cols.length; c++) cells[c] = cellAt(cols[c] as EncodedColumn, r);
    out[r] = { rowNumber: data.rowNumbers[r] as number, cells };
  }
  return out;
}

/** The table column by column: as the reader built it, or encoded from its rows. */
export function tableData(table: RawTable): ColumnData {
  if (table.data) return table.data;
  let width = table.columns.length;
  for (const row of table.rows) width = Math.max(width, row.cells.length);
  const builder = new ColumnDataBuilder(width);
  for (const row of table.rows) builder.pushCells(row.rowNumber, row.cells);
  return builder.finish();
}

/** Number of data rows, without building rows. */
export function tableRowCount(table: RawTable): number {
  return table.data ? table.data.rowCount : table.rows.length;
}
