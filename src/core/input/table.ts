/**
 * What every reader (CSV, XLSX, BKA table) produces: a rectangular table of raw cells with the
 * row numbers a user sees in Excel, before any column is interpreted.
 */

/** A raw cell: text as read (CSV), or the typed value of the XLSX cell. Dates become `YYYY-MM-DD`. */
export type Cell = string | number | boolean | null;

export interface RawRow {
  /** Row number as Excel shows it (1-based, counting the header and any lines above it). */
  readonly rowNumber: number;
  readonly cells: readonly Cell[];
}

export interface RawTable {
  /** File name as uploaded, e.g. `befragung.csv`. */
  readonly file: string;
  readonly format: 'csv' | 'xlsx' | 'sav';
  /** CSV only: the detected encoding and delimiter. */
  readonly encoding?: 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le';
  readonly delimiter?: ';' | ',' | '\t';
  /** XLSX only: the sheet read. */
  readonly sheet?: string;
  /** Row number of the header row as Excel shows it. */
  readonly headerRow: number;
  /** Column names exactly as written in the header row. */
  readonly columns: readonly string[];
  readonly rows: readonly RawRow[];
}
