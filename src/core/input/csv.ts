/**
 * CSV reader (contract §9, engineering notes §6): encoding and delimiter detection, RFC 4180
 * quoting via csv-parse, strict column counts, Excel row numbers.
 *
 * Row numbers: Excel shows one row per CSV record, including empty lines, and a quoted cell with
 * line breaks stays in one row. So the row number is the 1-based index of the record as csv-parse
 * emits it with `skip_empty_lines: false` (every empty line is a record of one empty field). We
 * count records ourselves in `on_record` rather than using `info.lines`, which counts physical
 * lines and would drift after a multi-line cell. An Excel `sep=;` hint line is hidden by Excel and
 * is not counted either.
 *
 * Memory: csv-parse creates one fresh string per field; `on_record` hands the record to a column
 * builder that keeps each distinct (trimmed) value once per column and a small integer per cell
 * (column-builder.ts), so a million survey rows cost about one byte per cell and csv-parse itself
 * accumulates nothing. `readCsvGrid` (small tables whose header the caller finds) keeps compact
 * rows instead (empty → null, trimmed, one- and two-character ASCII values shared from a table).
 */
import { parse } from 'csv-parse/sync';
import type { InputFile } from '../ports.js';
import type { ValidationIssue } from '../validate/issues.js';
import { decodeText } from './encoding.js';
import { detectDelimiter } from './delimiter.js';
import { ColumnDataBuilder } from './column-builder.js';
import { columnarTable } from './columnar-table.js';
import { duplicateColumnIssues, headerOnlyIssue, unnamedColumnIssues } from './header-checks.js';
import { MAX_RECORD_CHARS } from './limits.js';
import { formatInt, q, readerIssue } from './messages.js';
import type { Cell, ColumnData, RawTable } from './table.js';

export interface CsvReadOptions {
  readonly kind: string;
  readonly maxRows: number;
  /** Accepted for symmetry with the XLSX reader; a CSV's header is its first non-empty line. */
  readonly expectedColumns?: readonly string[];
}

export interface CsvReadResult {
  readonly table: RawTable | null;
  readonly issues: readonly ValidationIssue[];
}

/** At most this many issues of one kind per file; the rest are summarised in one issue. */
export const MAX_ISSUES_PER_KIND = 100;

const DELIMITER_NAMES: Readonly<Record<string, string>> = {
  ';': 'Semikolon',
  ',': 'Komma',
  '\t': 'Tabulator',
};

const ONE_CHAR: readonly string[] = Array.from({ length: 128 }, (_, c) => String.fromCharCode(c));
const TWO_CHAR: (string | undefined)[] = new Array<string | undefined>(128 * 128);

function isSpace(c: number): boolean {
  return c <= 32 || c === 0xa0 || c === 0xfeff;
}

/** Trimmed cell; empty → null; short ASCII values shared. */
function toCell(field: string): Cell {
  let f = field;
  let len = f.length;
  if (len === 0) return null;
  let c0 = f.charCodeAt(0);
  if (isSpace(c0) || isSpace(f.charCodeAt(len - 1))) {
    f = f.trim();
    len = f.length;
    if (len === 0) return null;
    c0 = f.charCodeAt(0);
  }
  if (len === 1) return c0 < 128 ? (ONE_CHAR[c0] as string) : f;
  if (len === 2) {
    const c1 = f.charCodeAt(1);
    if (c0 < 128 && c1 < 128) {
      const idx = c0 * 128 + c1;
      const shared = TWO_CHAR[idx];
      if (shared !== undefined) return shared;
      TWO_CHAR[idx] = f;
    }
  }
  return f;
}

class StopParsing extends Error {}

interface CsvErrorLike {
  readonly code?: unknown;
  readonly message?: unknown;
}

interface CsvSource {
  readonly encoding: NonNullable<RawTable['encoding']>;
  readonly delimiter: NonNullable<RawTable['delimiter']>;
  readonly input: Uint8Array;
}

/** Decodes the bytes and detects the delimiter; an issue when the file is empty or not text. */
function prepareCsv(file: InputFile): CsvSource | ValidationIssue {
  const name = file.name;
  if (file.bytes.length === 0)
    return readerIssue({ code: 'empty-file', file: name, text: 'Die Datei ist leer.' });
  const decoded = decodeText(file.bytes);
  if (!decoded.ok) {
    const hint: Record<typeof decoded.reason, string> = {
      binary: 'Bitte als CSV (UTF-8 oder Windows-1252) oder als Excel-Arbeitsmappe (.xlsx) hochladen.',
      xlsx: 'Der Inhalt ist offenbar eine Excel-Arbeitsmappe; bitte mit der Endung .xlsx hochladen.',
      xls: 'Der Inhalt ist offenbar eine Datei im alten Excel-Format (.xls); bitte in Excel als „CSV UTF-8“ oder „Excel-Arbeitsmappe (*.xlsx)“ speichern.',
      'utf-16be':
        'Die Kodierung UTF-16 (Big Endian) wird nicht unterstützt; bitte als „CSV UTF-8“ speichern.',
    };
    return readerIssue({
      code: 'not-text',
      file: name,
      expected: 'eine CSV-Textdatei',
      text: `keine lesbare Textdatei. ${hint[decoded.reason]}`,
    });
  }
  const detection = detectDelimiter(decoded.utf8);
  const input = detection.sepLineBytes > 0 ? decoded.utf8.subarray(detection.sepLineBytes) : decoded.utf8;
  return { encoding: decoded.encoding, delimiter: detection.delimiter, input };
}

/** Whether every field of a record is empty or only spaces (such records are skipped). */
function isBlankRecord(record: readonly string[]): boolean {
  for (let j = 0; j < record.length; j++) {
    const f = record[j] as string;
    if (f.length === 0) continue;
    if (!isSpace(f.charCodeAt(0)) || f.trim() !== '') return false;
  }
  return true;
}

/**
 * Parses the records of a prepared CSV and hands every non-empty one to `visit` as csv-parse made
 * it (untrimmed strings; the array is csv-parse's and may be changed) with its row number (as
 * Excel counts it). `visit` returns false to stop. Returns an issue when the CSV cannot be parsed to the end.
 */
function eachRecord(
  file: InputFile,
  source: CsvSource,
  visit: (record: string[], rowNumber: number) => boolean | void,
): ValidationIssue | null {
  let rowNumber = 0;
  const onRecord = (record: string[]): undefined => {
    rowNumber++;
    if (isBlankRecord(record)) return undefined;
    if (visit(record, rowNumber) === false) throw new StopParsing();
    return undefined;
  };
  try {
    parse(source.input, {
      delimiter: source.delimiter,
      bom: false,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: MAX_RECORD_CHARS,
      on_record: onRecord,
    });
  } catch (error) {
    if (!(error instanceof StopParsing))
      return csvErrorIssue(file.name, rowNumber + 1, source.delimiter, error as CsvErrorLike);
  }
  return null;
}

/**
 * The record as an exact-size array of cells: csv-parse grows records by push, so their backing
 * stores carry up to 50 % spare slots; converting in place and copying keeps only what is needed.
 */
function toCells(record: string[]): Cell[] {
  const fields = record as Cell[];
  for (let j = 0; j < record.length; j++) fields[j] = toCell(record[j] as string);
  return fields.slice();
}

export interface CsvGrid {
  readonly encoding: NonNullable<RawTable['encoding']>;
  readonly delimiter: NonNullable<RawTable['delimiter']>;
  /** Non-empty records with their row numbers, cells as read (no header interpretation). */
  readonly rows: readonly { readonly rowNumber: number; readonly cells: Cell[] }[];
  /** More non-empty records than `maxRows` (reading stopped). */
  readonly tooManyRows: boolean;
}

/** Reads every non-empty record of a CSV, for tables whose header the caller finds itself. Never throws. */
export function readCsvGrid(
  file: InputFile,
  maxRows: number,
): { readonly grid: CsvGrid | null; readonly issues: readonly ValidationIssue[] } {
  const source = prepareCsv(file);
  if (!('input' in source)) return { grid: null, issues: [source] };
  const rows: { rowNumber: number; cells: Cell[] }[] = [];
  let tooManyRows = false;
  const error = eachRecord(file, source, (record, rowNumber) => {
    if (rows.length >= maxRows) {
      tooManyRows = true;
      return false;
    }
    rows.push({ rowNumber, cells: toCells(record) });
    return true;
  });
  if (error) return { grid: null, issues: [error] };
  return {
    grid: { encoding: source.encoding, delimiter: source.delimiter, rows, tooManyRows },
    issues: [],
  };
}

/** Reads a CSV upload into a RawTable. Never throws. */
export function readCsv(file: InputFile, options: CsvReadOptions): CsvReadResult {
  const name = file.name;
  const issues: ValidationIssue[] = [];
  const fail = (issue: ValidationIssue): CsvReadResult => ({ table: null, issues: [...issues, issue] });

  const source = prepareCsv(file);
  if (!('input' in source)) return fail(source);
  const { encoding, delimiter } = source;

  let header: string[] | null = null;
  let headerRow = 0;
  let width = 0;
  let builder: ColumnDataBuilder | null = null;
  let ragged = 0;
  let firstRagged: { row: number; fields: number } | null = null;
  let tooManyRows = false;

  const error = eachRecord(file, source, (record, rowNumber) => {
    const len = record.length;
    if (header === null) {
      header = record.map((f) => String(toCell(f) ?? ''));
      headerRow = rowNumber;
      width = len;
      builder = new ColumnDataBuilder(width);
      return true;
    }
    if (len !== width) {
      ragged++;
      if (firstRagged === null) firstRagged = { row: rowNumber, fields: len };
      if (ragged <= MAX_ISSUES_PER_KIND) {
        issues.push(
          readerIssue({
            code: 'ragged-row',
            file: name,
            row: rowNumber,
            value: `${len} Felder`,
            expected: `${width} Felder wie in der Kopfzeile`,
            text: `${len} ${len === 1 ? 'Feld' : 'Felder'} statt ${width} wie in der Kopfzeile.`,
          }),
        );
      }
      return true;
    }
    const b = builder as ColumnDataBuilder;
    if (b.rowCount >= options.maxRows) {
      tooManyRows = true;
      return false;
    }
    b.pushText(rowNumber, record);
    return true;
  });
  if (error) return fail(error);

  if (tooManyRows) {
    return fail(
      readerIssue({
        code: 'too-many-rows',
        file: name,
        expected: `höchstens ${formatInt(options.maxRows)} Datenzeilen`,
        text: `Die Datei hat mehr als ${formatInt(options.maxRows)} Datenzeilen; erlaubt sind höchstens ${formatInt(options.maxRows)}.`,
      }),
    );
  }
  if (ragged > MAX_ISSUES_PER_KIND && firstRagged !== null) {
    issues.push(
      readerIssue({
        code: 'ragged-row',
        file: name,
        expected: `${width} Felder wie in der Kopfzeile`,
        text: `Insgesamt ${formatInt(ragged)} Zeilen haben eine andere Feldanzahl als die Kopfzeile (${width}); die ersten ${MAX_ISSUES_PER_KIND} sind einzeln aufgeführt. Ist das Trennzeichen (${DELIMITER_NAMES[delimiter] ?? delimiter}) richtig?`,
      }),
    );
  }
  if (header === null || builder === null) {
    return fail(
      readerIssue({
        code: 'empty-file',
        file: name,
        text: 'Die Datei ist leer (sie enthält keine Zeile mit Inhalt).',
      }),
    );
  }
  const columns: string[] = header;
  const built = (builder as ColumnDataBuilder).finish();
  issues.push(...unnamedColumnIssues(name, headerRow, columns, built));
  issues.push(...duplicateColumnIssues(name, headerRow, columns));
  const data: ColumnData =
    columns.length < built.columns.length
      ? { ...built, columns: built.columns.slice(0, columns.length) }
      : built;
  if (data.rowCount === 0 && ragged === 0) issues.push(headerOnlyIssue(name, headerRow));

  const table = columnarTable({ file: name, format: 'csv', encoding, delimiter, headerRow, columns }, data);
  return { table, issues };
}

function csvErrorIssue(file: string, row: number, delimiter: string, error: CsvErrorLike): ValidationIssue {
  const code = typeof error.code === 'string' ? error.code : '';
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return readerIssue({
        code: 'csv-quote-not-closed',
        file,
        row,
        expected: 'ein schließendes Anführungszeichen',
        text: 'Ein Anführungszeichen wird nicht geschlossen; das Feld reicht bis zum Dateiende.',
      });
    case 'CSV_INVALID_CLOSING_QUOTE':
      return readerIssue({
        code: 'csv-invalid-quote',
        file,
        row,
        expected: `nach einem schließenden Anführungszeichen das Trennzeichen ${q(delimiter === '\t' ? 'Tab' : delimiter)} oder das Zeilenende`,
        text: `Nach einem schließenden Anführungszeichen folgen weitere Zeichen. Anführungszeichen innerhalb eines Feldes müssen verdoppelt werden ("").`,
      });
    case 'CSV_MAX_RECORD_SIZE':
      return readerIssue({
        code: 'csv-record-too-long',
        file,
        row,
        expected: `höchstens ${formatInt(MAX_RECORD_CHARS)} Zeichen je Zeile`,
        text: `Die Zeile ist länger als ${formatInt(MAX_RECORD_CHARS)} Zeichen – vermutlich fehlt ein schließendes Anführungszeichen.`,
      });
    default:
      return readerIssue({
        code: 'csv-unreadable',
        file,
        row,
        text: `Die Datei konnte ab dieser Zeile nicht als CSV gelesen werden${code ? ` (${code})` : ''}.`,
      });
  }
}
