/**
 * XLSX reader: the container guard first, then ExcelJS; the sheet named like the file kind (or the
 * first sheet); the header row found by content; every cell through one normaliser.
 */
import ExcelJS from 'exceljs';
import type { InputFile } from '../ports.js';
import type { ValidationIssue } from '../validate/issues.js';
import { normaliseColumnName } from './columns.js';
import { asBuffer } from './encoding.js';
import { duplicateColumnIssues, headerOnlyIssue, type MutableRow } from './header-checks.js';
import { HEADER_SEARCH_ROWS } from './limits.js';
import { columnLetter, formatInt, q, readerIssue } from './messages.js';
import type { Cell, RawTable } from './table.js';
import { excelSerial, newCellNotes, normaliseExcelValue, resetCellNotes } from './xlsx-cell.js';
import { checkXlsxContainer } from './zip-guard.js';

export interface XlsxReadOptions {
  readonly kind: string;
  readonly maxRows: number;
  readonly expectedColumns?: readonly string[];
}

export interface XlsxReadResult {
  readonly table: RawTable | null;
  readonly issues: readonly ValidationIssue[];
}

/** One worksheet row as cells indexed by column - 1. */
export interface GridRow {
  readonly rowNumber: number;
  readonly cells: Cell[];
}

type NoteKind = 'formula-no-result' | 'date-nonexistent' | 'unsupported-cell';

interface CellNote {
  readonly kind: NoteKind;
  readonly row: number;
  readonly col: number;
  readonly value: string;
}

export interface SheetGrid {
  readonly sheet: string;
  readonly date1904: boolean;
  /** Non-empty rows in sheet order. */
  readonly rows: readonly GridRow[];
  /** Address of the first formula cell, if any (e.g. `D5`). */
  readonly firstFormula: string | null;
  readonly notes: readonly CellNote[];
}

export interface GridOptions {
  readonly kind: string;
  /** Merged cells other than the top-left one repeat its value (for multi-row headers); default null. */
  readonly fillMerged?: boolean;
}

const MERGE = 1; // ExcelJS ValueType.Merge

/** Opens an XLSX upload (guard, ExcelJS) and returns the chosen sheet's cells. Never throws. */
export async function loadSheetGrid(
  file: InputFile,
  options: GridOptions,
): Promise<{ readonly grid: SheetGrid | null; readonly issues: readonly ValidationIssue[] }> {
  const name = file.name;
  const guard = await checkXlsxContainer(file);
  if (guard.length > 0) return { grid: null, issues: guard };

  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(asBuffer(file.bytes) as unknown as ExcelJS.Buffer);
  } catch {
    return {
      grid: null,
      issues: [
        readerIssue({
          code: 'xlsx-unreadable',
          file: name,
          expected: 'eine gültige Excel-Arbeitsmappe (.xlsx)',
          text: 'Die Excel-Datei konnte nicht gelesen werden (beschädigt oder kein gültiges XLSX). Bitte in Excel öffnen, als „Excel-Arbeitsmappe (*.xlsx)“ speichern und erneut hochladen.',
        }),
      ],
    };
  }
  try {
    return { grid: extractGrid(workbook, options), issues: [] };
  } catch {
    return {
      grid: null,
      issues: [
        readerIssue({
          code: 'xlsx-unreadable',
          file: name,
          text: 'Die Excel-Datei konnte nicht gelesen werden (unerwarteter Aufbau).',
        }),
      ],
    };
  }
}

function pickSheet(workbook: ExcelJS.Workbook, kind: string): ExcelJS.Worksheet | undefined {
  const wanted = normaliseColumnName(kind);
  const sheets = workbook.worksheets;
  return (
    sheets.find((s) => normaliseColumnName(s.name) === wanted) ??
    sheets.find((s) => s.state === 'visible') ??
    sheets[0]
  );
}

function extractGrid(workbook: ExcelJS.Workbook, options: GridOptions): SheetGrid | null {
  const sheet = pickSheet(workbook, options.kind);
  if (sheet === undefined) return null;
  const date1904 = (workbook.properties as { date1904?: boolean } | undefined)?.date1904 === true;
  const rows: GridRow[] = [];
  const notes: CellNote[] = [];
  let firstFormula: string | null = null;
  const cellNotes = newCellNotes();
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    let empty = true;
    row.eachCell({ includeEmpty: false }, (cell, col) => {
      let value: unknown;
      if ((cell.type as number) === MERGE) {
        if (options.fillMerged !== true) return;
        value = cell.master.value;
      } else value = cell.value;
      resetCellNotes(cellNotes);
      const c = normaliseExcelValue(value, date1904, cellNotes);
      if (cellNotes.formula && firstFormula === null) firstFormula = `${columnLetter(col)}${rowNumber}`;
      if (cellNotes.formulaWithoutResult)
        notes.push({ kind: 'formula-no-result', row: rowNumber, col, value: '' });
      if (cellNotes.nonexistentDate) {
        notes.push({
          kind: 'date-nonexistent',
          row: rowNumber,
          col,
          value: String(Math.floor(excelSerial(value instanceof Date ? value : resultDate(value), date1904))),
        });
      }
      if (cellNotes.unsupported) notes.push({ kind: 'unsupported-cell', row: rowNumber, col, value: '' });
      if (c === null) return;
      while (cells.length < col - 1) cells.push(null);
      cells[col - 1] = c;
      empty = false;
    });
    if (!empty) rows.push({ rowNumber, cells });
  });
  return { sheet: sheet.name, date1904, rows, firstFormula, notes };
}

function resultDate(value: unknown): Date {
  const r = (value as { result?: unknown } | null)?.result;
  return r instanceof Date ? r : new Date(Number.NaN);
}

function minMatches(expected: readonly string[]): number {
  return expected.length < 2 ? expected.length : 2;
}

/** Index of the header row in `rows`: the first within the first 30 sheet rows holding enough expected columns. */
export function findHeaderRow(
  rows: readonly GridRow[],
  expectedColumns: readonly string[] | undefined,
): number {
  const expected = new Set(expectedColumns ?? []);
  const needed = minMatches(expectedColumns ?? []);
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as GridRow;
    if (row.rowNumber > HEADER_SEARCH_ROWS) break;
    if (needed === 0) return i;
    let hits = 0;
    for (const c of row.cells) if (typeof c === 'string' && expected.has(normaliseColumnName(c))) hits++;
    if (hits >= needed) return i;
  }
  return -1;
}

/** The warning once per file that formulas were not evaluated. */
export function formulaIssue(file: string, sheet: string, address: string): ValidationIssue {
  return readerIssue({
    severity: 'warning',
    code: 'formula-cell',
    file,
    text: `Die Datei enthält Formeln (z. B. Blatt ${q(sheet)}, Zelle ${address}). Gelesen wurden die Ergebnisse, die Excel zuletzt gespeichert hat; Formeln werden nicht neu berechnet.`,
  });
}

/** At most this many cell notes of one kind become single issues; the rest are counted in one summary. */
const MAX_NOTES_PER_KIND = 100;

const NOTE_SUMMARY: Readonly<Record<NoteKind, string>> = {
  'formula-no-result': 'Formeln ohne gespeichertes Ergebnis',
  'date-nonexistent': 'Zellen mit dem nicht existierenden Datum 29.02.1900',
  'unsupported-cell': 'Zellen mit unbekanntem Format',
};

/** Turns cell notes into issues, naming the column by header name when known. */
export function noteIssues(
  file: string,
  notes: readonly CellNote[],
  columnName: (col: number) => string | undefined,
): ValidationIssue[] {
  const counts = new Map<NoteKind, number>();
  const kept = notes.filter((note) => {
    const n = (counts.get(note.kind) ?? 0) + 1;
    counts.set(note.kind, n);
    return n <= MAX_NOTES_PER_KIND;
  });
  const summaries = [...counts.entries()]
    .filter(([, n]) => n > MAX_NOTES_PER_KIND)
    .map(([kind, n]) =>
      readerIssue({
        severity: 'warning',
        code: kind,
        file,
        text: `Insgesamt ${formatInt(n)} ${NOTE_SUMMARY[kind]}; die ersten ${MAX_NOTES_PER_KIND} sind einzeln aufgeführt. Die Zellen werden als leer gelesen.`,
      }),
    );
  return [...kept.map((note) => noteIssue(file, note, columnName)), ...summaries];
}

function noteIssue(
  file: string,
  note: CellNote,
  columnName: (col: number) => string | undefined,
): ValidationIssue {
  const column = columnName(note.col) ?? columnLetter(note.col);
  switch (note.kind) {
    case 'formula-no-result':
      return readerIssue({
        severity: 'warning',
        code: 'formula-no-result',
        file,
        row: note.row,
        column,
        expected: 'ein von Excel gespeichertes Formelergebnis',
        text: 'Formel ohne gespeichertes Ergebnis; die Zelle wird als leer gelesen. Bitte die Datei in Excel öffnen, neu berechnen lassen und speichern.',
      });
    case 'date-nonexistent':
      return readerIssue({
        severity: 'warning',
        code: 'date-nonexistent',
        file,
        row: note.row,
        column,
        value: '29.02.1900',
        expected: 'ein gültiges Datum',
        text: `Das Datum 29.02.1900 (Excel-Seriennummer ${note.value}) gibt es nicht – ein bekannter Fehler des Excel-Datumssystems 1900; die Zelle wird als leer gelesen.`,
      });
    case 'unsupported-cell':
      return readerIssue({
        severity: 'warning',
        code: 'unsupported-cell',
        file,
        row: note.row,
        column,
        text: 'Der Zellinhalt hat ein unbekanntes Format; die Zelle wird als leer gelesen.',
      });
  }
}

/** Reads an XLSX upload into a RawTable. Never throws. */
export async function readXlsx(file: InputFile, options: XlsxReadOptions): Promise<XlsxReadResult> {
  const name = file.name;
  const loaded = await loadSheetGrid(file, { kind: options.kind });
  if (loaded.grid === null) {
    if (loaded.issues.length > 0) return { table: null, issues: loaded.issues };
    return {
      table: null,
      issues: [
        readerIssue({ code: 'empty-file', file: name, text: 'Die Excel-Datei enthält kein Tabellenblatt.' }),
      ],
    };
  }
  const grid = loaded.grid;
  if (grid.rows.length === 0) {
    return {
      table: null,
      issues: [
        readerIssue({
          code: 'empty-file',
          file: name,
          sheet: grid.sheet,
          text: 'Das Tabellenblatt ist leer.',
        }),
      ],
    };
  }
  const headerIndex = findHeaderRow(grid.rows, options.expectedColumns);
  if (headerIndex < 0) {
    const names = (options.expectedColumns ?? []).map(q).join(', ');
    const needed = minMatches(options.expectedColumns ?? []);
    return {
      table: null,
      issues: [
        readerIssue({
          code: 'header-not-found',
          file: name,
          sheet: grid.sheet,
          expected: `eine Kopfzeile mit den Spalten ${names}`,
          text: `Keine Kopfzeile gefunden: In den ersten ${HEADER_SEARCH_ROWS} Zeilen steht keine Zeile mit mindestens ${needed} der Spalten ${names}.`,
        }),
      ],
    };
  }
  const headerGrid = grid.rows[headerIndex] as GridRow;
  const headerRow = headerGrid.rowNumber;
  // The table spans the header's first to last named column.
  let first = headerGrid.cells.findIndex((c) => c !== null && c !== undefined);
  if (first < 0) first = 0;
  const last = headerGrid.cells.length - 1;
  const width = last - first + 1;
  const columns = headerGrid.cells
    .slice(first, last + 1)
    .map((c) => (c === null || c === undefined ? '' : String(c)));

  const dataCount = grid.rows.length - headerIndex - 1;
  if (dataCount > options.maxRows) {
    return {
      table: null,
      issues: [
        readerIssue({
          code: 'too-many-rows',
          file: name,
          expected: `höchstens ${formatInt(options.maxRows)} Datenzeilen`,
          text: `Die Datei hat mehr als ${formatInt(options.maxRows)} Datenzeilen; erlaubt sind höchstens ${formatInt(options.maxRows)}.`,
        }),
      ],
    };
  }

  const issues: ValidationIssue[] = [];
  if (grid.firstFormula !== null) issues.push(formulaIssue(name, grid.sheet, grid.firstFormula));
  const rows: MutableRow[] = [];
  const outside = new Map<number, number>(); // column → first row with a value outside the table
  for (let i = headerIndex + 1; i < grid.rows.length; i++) {
    const g = grid.rows[i] as GridRow;
    const cells: Cell[] = new Array<Cell>(width).fill(null);
    let empty = true;
    const src = g.cells;
    for (let c = 0; c < src.length; c++) {
      const v = src[c];
      if (v === null || v === undefined) continue;
      if (c < first || c > last) {
        if (!outside.has(c + 1)) outside.set(c + 1, g.rowNumber);
        continue;
      }
      cells[c - first] = v;
      empty = false;
    }
    if (!empty) rows.push({ rowNumber: g.rowNumber, cells });
  }
  const columnName = (col: number): string | undefined => {
    const idx = col - 1 - first;
    const n = idx >= 0 && idx < width ? columns[idx] : undefined;
    return n === undefined || n === '' ? undefined : n;
  };
  issues.push(
    ...noteIssues(
      name,
      grid.notes.filter((n) => n.row > headerRow),
      columnName,
    ),
  );
  for (const [col, row] of [...outside.entries()].sort((a, b) => a[0] - b[0])) {
    issues.push(
      readerIssue({
        severity: 'warning',
        code: 'cell-outside-table',
        file: name,
        row,
        column: columnLetter(col),
        text: `Spalte ${columnLetter(col)} hat keine Überschrift in der Kopfzeile (Zeile ${headerRow}), enthält aber Werte; sie wird ignoriert.`,
      }),
    );
  }
  // Unnamed columns inside the table.
  columns.forEach((n, idx) => {
    if (n !== '') return;
    const withData = rows.find((r) => r.cells[idx] !== null);
    const letter = columnLetter(first + idx + 1);
    issues.push(
      withData
        ? readerIssue({
            code: 'unnamed-column',
            file: name,
            row: headerRow,
            expected: 'einen Spaltennamen in der Kopfzeile',
            text: `Spalte ${letter} hat keinen Namen in der Kopfzeile, enthält aber Werte (z. B. in Zeile ${withData.rowNumber}).`,
          })
        : readerIssue({
            severity: 'warning',
            code: 'unnamed-column',
            file: name,
            row: headerRow,
            text: `Spalte ${letter} hat keinen Namen und ist leer; sie wird ignoriert.`,
          }),
    );
  });
  issues.push(...duplicateColumnIssues(name, headerRow, columns));
  if (rows.length === 0) issues.push(headerOnlyIssue(name, headerRow));

  const table: RawTable = { file: name, format: 'xlsx', sheet: grid.sheet, headerRow, columns, rows };
  return { table, issues };
}
