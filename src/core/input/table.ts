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
  /**
   * The data rows. A table read column by column (`data`, from the CSV reader) builds them on first
   * use and keeps them: fine for the small tables; the survey path reads `data` instead (see
   * `tableData` in columnar-table.ts) so that a million rows never become rows of strings.
   */
  readonly rows: readonly RawRow[];
  /** The same cells column by column, dictionary-encoded, where the reader built them so. */
  readonly data?: ColumnData;
}

/** One column, dictionary-encoded: every distinct cell once, and per row the index of its cell. */
export interface EncodedColumn {
  /** The distinct cells in order of first appearance; `values[0]` is always `null` (empty). */
  readonly values: readonly Cell[];
  /** Per row, an index into `values`. */
  readonly codes: Uint8Array | Uint16Array | Uint32Array;
}

/** The data rows of a table column by column: memory grows with the distinct values, not with rows × cells. */
export interface ColumnData {
  readonly rowCount: number;
  /** Per row, its number as Excel shows it. */
  readonly rowNumbers: Int32Array;
  /** One per column of the header (`RawTable.columns`). */
  readonly columns: readonly EncodedColumn[];
}
