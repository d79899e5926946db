/**
 * Spreadsheet export of the report's numbered tables (the same view model the HTML and PDF print):
 * `tabellen.xlsx` (index sheet „Übersicht“ and one sheet per table) and `tabellen/Tnn-<slug>.csv`.
 */
import type { ReportTable } from '../report/assemble.js';
import { tablesCsv, type CsvFile } from './csv.js';
import { tablesWorkbook, type WorkbookMeta } from './xlsx.js';

export { tablesCsv, type CsvFile } from './csv.js';
export { tablesWorkbook, type WorkbookMeta } from './xlsx.js';
export { escapeFormula, parseGermanNumber } from './cells.js';
export { sheetNames, csvPaths, CSV_FOLDER, INDEX_SHEET } from './names.js';

/** Path of the workbook in a report version. */
export const XLSX_PATH = 'tabellen.xlsx';
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const CSV_CONTENT_TYPE = 'text/csv; charset=utf-8';

export interface ExportedTables {
  readonly xlsx: Uint8Array;
  readonly csv: readonly CsvFile[];
}

export async function exportTables(
  tables: readonly ReportTable[],
  meta: WorkbookMeta,
): Promise<ExportedTables> {
  return { xlsx: await tablesWorkbook(tables, meta), csv: tablesCsv(tables, meta) };
}
