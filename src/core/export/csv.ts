/**
 * The report's tables as CSV files, one per table (`tabellen/T04-….csv`), laid out like the
 * worksheets: title, source, header rows, body rows, notes. UTF-8 with BOM, `;` as separator,
 * CRLF line ends, German decimal comma, as German Excel expects. Figures are written in the plain
 * German form a spreadsheet reads as a number ("1.234,5", "31,5 %", "-3,8"); every other cell is
 * written as printed, with a leading apostrophe when it starts with = + - @ TAB or CR, so it is
 * never run as a formula.
 */
import type { ReportTable } from '../report/assemble.js';
import { escapeFormula } from './cells.js';
import { tableGrid, type GridCell, type GridMeta, type TableGrid } from './grid.js';
import { csvPaths } from './names.js';

export interface CsvFile {
  readonly path: string;
  readonly bytes: Uint8Array;
}

/** One CSV field: escaped against formula injection (plain figures excepted), quoted when needed. */
export function csvField(cell: GridCell | undefined): string {
  if (!cell) return '';
  // A figure matched the strict number pattern, so it holds no formula ("-3,8" is a number, not a formula).
  const safe = cell.number ? cell.number.csvText : escapeFormula(cell.text);
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The grid as CSV text: BOM, `;`, CRLF; every row as wide as the table. */
export function gridCsv(grid: TableGrid): string {
  const lines = grid.rows.map((r) => {
    const width =
      r.role === 'head' || r.role === 'body' || r.role === 'group' || r.role === 'total'
        ? grid.width
        : r.cells.size > 0
          ? 1
          : 0;
    return Array.from({ length: width }, (_, c) => csvField(r.cells.get(c))).join(';');
  });
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function tablesCsv(tables: readonly ReportTable[], meta: GridMeta): CsvFile[] {
  const paths = csvPaths(tables);
  const encoder = new TextEncoder();
  return tables.map((t, i) => ({
    path: paths[i] ?? `tabellen/T${t.number}.csv`,
    bytes: encoder.encode(gridCsv(tableGrid(t, meta))),
  }));
}
