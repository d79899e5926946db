/**
 * XLSX reader: the container guard first, then the package read as a stream (never a whole
 * workbook in memory): the sheet named like the file kind (or the first visible sheet), its rows
 * until the row limit, the header row found by content, every cell through one normaliser.
 */
import type { InputFile } from '../ports.js';
import type { ValidationIssue } from '../validate/issues.js';
import { normaliseColumnName } from './columns.js';
import { duplicateColumnIssues, headerOnlyIssue, type MutableRow } from './header-checks.js';
import { HEADER_SEARCH_ROWS } from './limits.js';
import { columnLetter, formatInt, q, readerIssue } from './messages.js';
import type { Cell, RawTable } from './table.js';
import { readWorkbook, type SheetRef } from './xlsx-package.js';
import { readSheetRows, type CellNote, type GridRow, type MergeRange, type NoteKind } from './xlsx-sheet.js';
import { checkXlsxContainer, yauzlIssue } from './zip-guard.js';
import { openZipArchive, type ZipArchive } from './zip-read.js';

export type { GridRow } from './xlsx-sheet.js';

export interface XlsxReadOptions {
  readonly kind: string;
  readonly maxRows: number;
  readonly expectedColumns?: readonly string[];
}

export interface XlsxReadResult {
  readonly table: RawTable | null;
  readonly issues: readonly ValidationIssue[];
}

export interface SheetGrid {
  readonly sheet: string;
  readonly date1904: boolean;
  /** Non-empty rows in sheet order. */
  readonly rows: readonly GridRow[];
  /** Address of the first formula cell, if any (e.g. `D5`). */
  readonly firstFormula: string | null;
  readonly notes: readonly CellNote[];
  readonly merges: readonly MergeRange[];
  /** The sheet has more than `maxRows` data rows (reading stopped there; `rows` is incomplete). */
  readonly tooManyRows: boolean;
}

export interface GridOptions {
  readonly kind: string;
  /** Most data rows; reading stops once the sheet is certain to hold more. */
  readonly maxRows: number;
  /** Merged cells other than the top-left one repeat its value (for multi-row headers); default null. */
  readonly fillMerged?: boolean;
  /** A sheet whose name matches is preferred to the first visible one (e.g. `T01_Kreise` before `Hinweise`). */
  readonly sheetHint?: RegExp;
}

/** Cells written into one merged range at most (a range may span a whole sheet). */
const MAX_MERGE_FILL = 10_000;

function unreadable(name: string): ValidationIssue {
  return readerIssue({
    code: 'xlsx-unreadable',
    file: name,
    expected: 'eine gültige Excel-Arbeitsmappe (.xlsx)',
    text: 'Die Excel-Datei konnte nicht gelesen werden (beschädigt oder kein gültiges XLSX). Bitte in Excel öffnen, als „Excel-Arbeitsmappe (*.xlsx)“ speichern und erneut hochladen.',
  });
}

/** Opens an XLSX upload (guard, streaming reader) and returns the chosen sheet's cells. Never throws. */
export async function loadSheetGrid(
  file: InputFile,
  options: GridOptions,
): Promise<{ readonly grid: SheetGrid | null; readonly issues: readonly ValidationIssue[] }> {
  const name = file.name;
  // The guard's central-directory checks; the entries are inflated only here, as streams whose
  // sizes yauzl holds to the directory, so the guard need not inflate everything first.
  const guard = await checkXlsxContainer(file, undefined, { inflate: false });
  if (guard.length > 0) return { grid: null, issues: guard };

  let zip: ZipArchive;
  try {
    zip = await openZipArchive(file.bytes);
  } catch {
    return { grid: null, issues: [unreadable(name)] };
  }
  try {
    const book = await readWorkbook(zip);
    if (book === null) return { grid: null, issues: [] };
    const sheet = pickSheet(book.sheets, options.kind, options.sheetHint);
    if (sheet === undefined) return { grid: null, issues: [] };
    // Data rows are counted below the header, which lies within the first rows of the sheet.
    const read = await readSheetRows(zip, sheet.path, book, {
      maxRows: options.maxRows + HEADER_SEARCH_ROWS,
    });
    if (options.fillMerged === true) fillMerges(read.rows, read.merges);
    return {
      grid: {
        sheet: sheet.name,
        date1904: book.date1904,
        rows: read.rows,
        firstFormula: read.firstFormula,
        notes: read.notes,
        merges: read.merges,
        tooManyRows: read.tooManyRows,
      },
      issues: [],
    };
  } catch (error) {
    // yauzl's findings (an entry larger than declared, encryption) keep their own message.
    const zipFinding = error instanceof Error && /bytes|encrypt|compression method/i.test(error.message);
    return { grid: null, issues: [zipFinding ? yauzlIssue(name, error) : unreadable(name)] };
  } finally {
    zip.close();
  }
}

function pickSheet(sheets: readonly SheetRef[], kind: string, hint?: RegExp): SheetRef | undefined {
  const wanted = normaliseColumnName(kind);
  return (
    sheets.find((s) => normaliseColumnName(s.name) === wanted) ??
    (hint ? sheets.find((s) => s.visible && hint.test(s.name)) : undefined) ??
    sheets.find((s) => s.visible) ??
    sheets[0]
  );
}

/** Copies each merged range's top-left value into its other cells, on the rows the sheet has. */
function fillMerges(rows: readonly GridRow[], merges: readonly MergeRange[]): void {
  if (merges.length === 0) return;
  const byNumber = new Map<number, GridRow>(rows.map((r) => [r.rowNumber, r]));
  for (const m of merges) {
    const master = byNumber.get(m.top)?.cells[m.left - 1];
    if (master === null || master === undefined) continue;
    let written = 0;
    for (let r = m.top; r <= m.bottom && written < MAX_MERGE_FILL; r++) {
      const row = byNumber.get(r);
      if (!row) continue;
      for (let c = m.left; c <= m.right && written < MAX_MERGE_FILL; c++) {
        if (r === m.top && c === m.left) continue;
        while (row.cells.length < c - 1) row.cells.push(null);
        const current = row.cells[c - 1];
        if (current === null || current === undefined) row.cells[c - 1] = master;
        written++;
      }
    }
  }
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

export function tooManyRowsIssue(file: string, maxRows: number): ValidationIssue {
  return readerIssue({
    code: 'too-many-rows',
    file,
    expected: `höchstens ${formatInt(maxRows)} Datenzeilen`,
    text: `Die Datei hat mehr als ${formatInt(maxRows)} Datenzeilen; erlaubt sind höchstens ${formatInt(maxRows)}.`,
  });
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
  const loaded = await loadSheetGrid(file, { kind: options.kind, maxRows: options.maxRows });
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
  if (grid.tooManyRows) return { table: null, issues: [tooManyRowsIssue(name, options.maxRows)] };
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
  if (dataCount > options.maxRows) return { table: null, issues: [tooManyRowsIssue(name, options.maxRows)] };

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
