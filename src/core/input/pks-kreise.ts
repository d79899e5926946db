/**
 * Reader for the BKA table "Fälle – Kreise" (KR-F-01-T01) exactly as downloaded, every year from
 * 2019 on (contract §6, domain brief §2.3). The CSV: Latin-1, `;`, a first line of column numbers
 * `1;2;…;18`, a transliterated header, `,` as thousands separator and `.` as decimal point,
 * `#DIV/0!`, `------` as the key of the total, Kreis keys without leading zero; re-saved copies may
 * carry trailing columns. The XLSX: title lines, a header of up to four rows with merged cells and
 * hyphenated words, a line of column numbers, data from about row 9, sometimes a `Sort` column.
 * Both are read into rows of cells, the header is found and interpreted by meaning
 * (pks-kreise-columns.ts), and every row below it either becomes a figure or is named in an issue.
 */
import type { KreisPksRow } from '../model/dataset.js';
import { keyLabel } from '../model/pks-keys.js';
import type { InputFile } from '../ports.js';
import type { ValidationIssue } from '../validate/issues.js';
import { readCsvGrid } from './csv.js';
import { HEADER_SEARCH_ROWS, MAX_FILE_BYTES, MAX_ROWS } from './limits.js';
import { columnLetter, q, readerIssue, shortValue } from './messages.js';
import { describeNumberProblem, parseNumberColumn, type NumberStyle } from './numbers.js';
import {
  FIELD_LABELS,
  findHeaderBlock,
  isColumnNumberRow,
  looksLikeKey,
  REQUIRED_FIELDS,
  type GridLike,
  type HeaderBlock,
  type PksField,
} from './pks-kreise-columns.js';
import { readKeyCell, restoredKeyText } from './pks-key-cell.js';
import { pksYearFromFileName, yearFromTitle } from './pks-kreise-year.js';
import { fileExtension } from './read-table.js';
import type { Cell } from './table.js';
import { formulaIssue, loadSheetGrid, noteIssues, tooManyRowsIssue } from './xlsx.js';
import type { CellNote } from './xlsx-sheet.js';
import { fileTooLargeIssue } from './zip-guard.js';

export { pksYearFromFileName } from './pks-kreise-year.js';

export interface PksKreiseResult {
  readonly rows: readonly KreisPksRow[];
  readonly issues: readonly ValidationIssue[];
}

/** Reads the BKA table; never throws. */
export async function readPksKreise(file: InputFile): Promise<PksKreiseResult> {
  try {
    return await readPksKreiseUnsafe(file);
  } catch {
    return {
      rows: [],
      issues: [
        readerIssue({ code: 'unreadable', file: file.name, text: 'Die Datei konnte nicht gelesen werden.' }),
      ],
    };
  }
}

interface Sheet {
  readonly rows: readonly GridLike[];
  /** XLSX only: the sheet read and the cell notes (formulas without result, 29 Feb 1900, …). */
  readonly sheet?: string;
  readonly notes?: readonly CellNote[];
}

async function readSheet(file: InputFile, issues: ValidationIssue[]): Promise<Sheet | null> {
  const name = file.name;
  if (fileExtension(name) === '.csv') {
    const read = readCsvGrid(file, MAX_ROWS + HEADER_SEARCH_ROWS);
    issues.push(...read.issues);
    if (read.grid === null) return null;
    if (read.grid.tooManyRows) {
      issues.push(tooManyRowsIssue(name, MAX_ROWS));
      return null;
    }
    return { rows: read.grid.rows };
  }
  const loaded = await loadSheetGrid(file, {
    kind: 'pks-kreise',
    fillMerged: true,
    maxRows: MAX_ROWS,
    sheetHint: /kreis/i,
  });
  issues.push(...loaded.issues);
  const grid = loaded.grid;
  if (grid === null) {
    if (loaded.issues.length === 0)
      issues.push(
        readerIssue({ code: 'empty-file', file: name, text: 'Die Excel-Datei enthält kein Tabellenblatt.' }),
      );
    return null;
  }
  if (grid.tooManyRows) {
    issues.push(tooManyRowsIssue(name, MAX_ROWS));
    return null;
  }
  if (grid.firstFormula !== null) issues.push(formulaIssue(name, grid.sheet, grid.firstFormula));
  return { rows: grid.rows, sheet: grid.sheet, notes: grid.notes };
}

async function readPksKreiseUnsafe(file: InputFile): Promise<PksKreiseResult> {
  const name = file.name;
  const year = pksYearFromFileName(name);
  if (year === null) {
    return {
      rows: [],
      issues: [
        readerIssue({
          code: 'pks-year-missing',
          file: name,
          value: name,
          expected: 'pks-kreise-<Jahr>.csv oder .xlsx, z. B. pks-kreise-2022.csv',
          text: 'Der Dateiname muss das Berichtsjahr der BKA-Tabelle enthalten, z. B. „pks-kreise-2022.csv“.',
        }),
      ],
    };
  }
  const ext = fileExtension(name);
  if (ext !== '.csv' && ext !== '.xlsx') {
    return {
      rows: [],
      issues: [
        readerIssue({
          code: 'unsupported-format',
          file: name,
          value: ext === '' ? '(keine Endung)' : ext,
          expected: '.csv oder .xlsx',
          text: `Das Dateiformat ${q(ext || '(keine Endung)')} wird nicht unterstützt; erwartet wird .csv oder .xlsx.`,
        }),
      ],
    };
  }
  const size = Math.max(file.size ?? 0, file.bytes.length);
  if (size > MAX_FILE_BYTES) return { rows: [], issues: [fileTooLargeIssue(name, size, MAX_FILE_BYTES)] };

  const issues: ValidationIssue[] = [];
  const sheet = await readSheet(file, issues);
  if (sheet === null) return { rows: [], issues };

  const header = findHeaderBlock(sheet.rows, HEADER_SEARCH_ROWS);
  if (header === null) {
    issues.push(
      readerIssue({
        code: 'header-not-found',
        file: name,
        sheet: sheet.sheet,
        expected: 'eine Kopfzeile mit den Spalten „Schlüssel“ und „Gemeindeschlüssel“ (oder „Straftat“)',
        text: `Keine Kopfzeile gefunden: In den ersten ${HEADER_SEARCH_ROWS} Zeilen steht keine Zeile mit den Spalten „Schlüssel“ und „Gemeindeschlüssel“. Ist dies die BKA-Tabelle „Fälle – Kreise“ (KR-F-01-T01)?`,
      }),
    );
    return { rows: [], issues };
  }
  const headerRowNumber = (sheet.rows[header.start] as GridLike).rowNumber;

  // The year the title lines name must be the year of the file name.
  const title = yearFromTitle(sheet.rows.slice(0, header.start).flatMap((r) => r.cells));
  if (title !== null && title.year !== year) {
    issues.push(
      readerIssue({
        code: 'pks-year-mismatch',
        file: name,
        value: title.text,
        expected: `die Tabelle für ${year} (wie im Dateinamen)`,
        text: `Die Überschrift der Tabelle nennt das Jahr ${title.year} (${q(shortValue(title.text))}), der Dateiname das Jahr ${year}. Bitte die Tabelle für ${year} hochladen oder die Datei in ${q(`pks-kreise-${title.year}${ext}`)} umbenennen.`,
      }),
    );
    return { rows: [], issues };
  }

  const missing = REQUIRED_FIELDS.filter((f) => header.fields[f] === undefined);
  if (missing.length > 0) {
    issues.push(
      readerIssue({
        code: 'pks-missing-column',
        file: name,
        row: headerRowNumber,
        expected: `die Spalten der BKA-Tabelle „Fälle – Kreise“ (${REQUIRED_FIELDS.map((f) => q(FIELD_LABELS[f])).join(', ')})`,
        text: `Es ${missing.length === 1 ? 'fehlt die Spalte' : 'fehlen die Spalten'} ${missing.map((f) => q(FIELD_LABELS[f])).join(', ')}. Ist dies die BKA-Tabelle „Fälle – Kreise“ (KR-F-01-T01)?`,
      }),
    );
    return { rows: [], issues };
  }

  const data = sheet.rows.slice(header.end);
  const notice = ignoredColumnsNotice(name, header, headerRowNumber, data);
  if (notice) issues.push(notice);
  if (sheet.notes) {
    const firstData = data[0]?.rowNumber ?? Number.MAX_SAFE_INTEGER;
    issues.push(
      ...noteIssues(
        name,
        sheet.notes.filter((n) => n.row >= firstData),
        (col) => header.names[col - 1] || undefined,
      ),
    );
  }
  const parsed = interpret(name, year, header, data);
  issues.push(...parsed.issues);
  return { rows: parsed.rows, issues };
}

/**
 * The one notice about columns that are not read: named columns the published table does not
 * have, and columns without a name that hold values (re-saved files carry such trailing columns).
 * The published table's own unused columns (Versuche in %, Schusswaffe, Tatverdächtige nach
 * Geschlecht, Nichtdeutsche, Sort) are read past without a word.
 */
function ignoredColumnsNotice(
  file: string,
  header: HeaderBlock,
  headerRow: number,
  data: readonly GridLike[],
): ValidationIssue | null {
  const parts: string[] = [];
  for (const i of header.unknown)
    parts.push(`${q(header.names[i] as string)} (Spalte ${columnLetter(i + 1)})`);
  const unnamed = new Map<number, number>();
  for (const r of data) {
    for (let i = 0; i < r.cells.length; i++) {
      const c = r.cells[i];
      if (c === null || c === undefined || (header.names[i] ?? '') !== '' || unnamed.has(i)) continue;
      unnamed.set(i, r.rowNumber);
    }
  }
  const cols = [...unnamed.keys()].sort((a, b) => a - b);
  if (cols.length > 0) {
    const letters = cols.map((i) => columnLetter(i + 1));
    const span = letters.length > 2 ? `${letters[0]}–${letters[letters.length - 1]}` : letters.join(', ');
    parts.push(
      `${cols.length === 1 ? 'die Spalte' : `${cols.length} Spalten`} ${span} ohne Überschrift (mit Werten, z. B. in Zeile ${unnamed.get(cols[0] as number)})`,
    );
  }
  if (parts.length === 0) return null;
  return readerIssue({
    severity: 'warning',
    code: 'pks-columns-ignored',
    file,
    row: headerRow,
    text: `Nicht gelesen werden ${parts.join(', ')}: Sie gehören nicht zur BKA-Tabelle „Fälle – Kreise“ und werden für den Kreisvergleich nicht gebraucht.`,
  });
}

function cellText(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  return typeof c === 'string' ? c.trim() : String(c);
}

/**
 * The number convention of the whole table: the BKA CSV writes `9,677` and `60.2`; a copy re-saved
 * by a German Excel writes `9.677` and `60,2`. The decimal columns decide, the counts confirm.
 */
function fileNumberStyle(counts: readonly Cell[], decimals: readonly Cell[]): NumberStyle {
  const c = parseNumberColumn(counts, { integer: true, allowErrorValues: true }).style;
  const d = parseNumberColumn(decimals, { allowErrorValues: true }).style;
  if (d === 'de' || (c === 'de' && d === 'plain')) return 'de';
  return 'bka';
}

function interpret(
  file: string,
  year: number,
  header: HeaderBlock,
  sheetRows: readonly GridLike[],
): PksKreiseResult {
  const issues: ValidationIssue[] = [];
  const f = header.fields;
  const colName = (field: PksField): string => {
    const idx = f[field];
    return (idx !== undefined ? header.names[idx] : undefined) || FIELD_LABELS[field];
  };
  const at = (r: GridLike, field: PksField): Cell => {
    const idx = f[field];
    return idx === undefined ? null : (r.cells[idx] ?? null);
  };
  const present = (c: Cell | undefined): boolean => c !== null && c !== undefined && cellText(c) !== '';

  // Rows below the header that carry no Kreis figures (a repeated line of column numbers, notes
  // between the rows; footnotes and source lines under the table) are skipped and named.
  const rows: GridLike[] = [];
  const skipped: { row: GridLike; numbers: boolean }[] = [];
  for (const r of sheetRows) {
    const numbers = isColumnNumberRow(r.cells);
    if (!numbers && (present(at(r, 'kreis')) || present(at(r, 'cases')) || looksLikeKey(at(r, 'key'))))
      rows.push(r);
    else skipped.push({ row: r, numbers });
  }
  const lastData = rows[rows.length - 1]?.rowNumber ?? 0;
  const firstText = (r: GridLike): string => cellText(r.cells.find(present));
  const below = skipped.filter((s) => s.row.rowNumber > lastData).map((s) => s.row);
  for (const { row, numbers } of skipped) {
    if (row.rowNumber > lastData) continue;
    issues.push(
      readerIssue({
        severity: 'warning',
        code: 'pks-row-skipped',
        file,
        row: row.rowNumber,
        value: firstText(row),
        text: numbers
          ? 'Zeile mit Spaltennummern – übersprungen.'
          : `Zeile ohne Kreisdaten (${q(shortValue(firstText(row)))}) – übersprungen.`,
      }),
    );
  }
  if (below.length > 0) {
    const first = below[0] as GridLike;
    const last = below[below.length - 1] as GridLike;
    const where =
      below.length === 1
        ? `Zeile ${first.rowNumber} steht`
        : `Die Zeilen ${first.rowNumber}–${last.rowNumber} stehen`;
    issues.push(
      readerIssue({
        severity: 'warning',
        code: 'pks-rows-below-table',
        file,
        row: first.rowNumber,
        value: below.length === 1 ? String(first.rowNumber) : `${first.rowNumber}–${last.rowNumber}`,
        text: `${where} unter der Tabelle und ${below.length === 1 ? 'enthält' : 'enthalten'} keine Kreisdaten (Fußnoten oder Quellenangaben, z. B. ${q(shortValue(firstText(first)))}); ${below.length === 1 ? 'sie wird' : 'sie werden'} nicht gelesen.`,
      }),
    );
  }

  const column = (field: PksField): Cell[] => rows.map((r) => at(r, field));
  const countFields: PksField[] = ['cases', 'attempts', 'cleared', 'suspects'];
  const style = fileNumberStyle(
    countFields.flatMap((field) => column(field)),
    (['rate', 'aq'] as PksField[]).flatMap((field) => column(field)),
  );
  const invalid = new Set<number>();
  const numberColumn = (field: PksField, integer: boolean, allowErrorValues: boolean): (number | null)[] => {
    if (f[field] === undefined) return rows.map(() => null);
    const result = parseNumberColumn(column(field), { integer, allowErrorValues, style });
    for (const p of result.problems) {
      const row = rows[p.index] as GridLike;
      if (field === 'cases') invalid.add(p.index);
      issues.push(
        readerIssue({
          code: 'pks-invalid-number',
          file,
          row: row.rowNumber,
          column: colName(field),
          value: p.value,
          expected: p.expected,
          text: describeNumberProblem(p),
        }),
      );
    }
    return result.values as (number | null)[];
  };
  const cases = numberColumn('cases', true, false);
  const rate = numberColumn('rate', false, true);
  const attempts = numberColumn('attempts', true, true);
  const cleared = numberColumn('cleared', true, true);
  const aq = numberColumn('aq', false, true);
  const suspects = numberColumn('suspects', true, true);

  const out: KreisPksRow[] = [];
  const seen = new Map<string, number>();
  rows.forEach((r, i) => {
    const rowNumber = r.rowNumber;
    let ok = true;
    const { key, text: keyText, restored } = readKeyCell(at(r, 'key'));
    if (key === undefined) {
      ok = false;
      issues.push(
        readerIssue({
          code: 'pks-invalid-key',
          file,
          row: rowNumber,
          column: colName('key'),
          value: keyText,
          expected: 'ein Straftatenschlüssel aus 6 Zeichen (Ziffern oder *) oder „------“',
          text:
            keyText === ''
              ? 'Der Straftatenschlüssel fehlt.'
              : `Wert ${q(keyText)} ist kein Straftatenschlüssel (erwartet: 6 Zeichen aus Ziffern oder *, oder „------“).`,
        }),
      );
    } else if (restored) {
      issues.push(
        readerIssue({
          severity: 'warning',
          code: 'pks-key-restored',
          file,
          row: rowNumber,
          column: colName('key'),
          value: keyText,
          expected: `${q(key)} (6 Zeichen)`,
          text: restoredKeyText(keyText, key),
        }),
      );
    }
    const rawKreis = at(r, 'kreis');
    const kreisText = typeof rawKreis === 'number' ? String(rawKreis) : cellText(rawKreis);
    let kreis = '';
    // The BKA writes Kreis keys without their leading zero (`1001`); that is the published form.
    if (/^\d{4,5}$/.test(kreisText)) kreis = kreisText.padStart(5, '0');
    else {
      ok = false;
      issues.push(
        readerIssue({
          code: 'pks-invalid-kreis',
          file,
          row: rowNumber,
          column: colName('kreis'),
          value: kreisText,
          expected: 'ein Kreisschlüssel aus 4 oder 5 Ziffern, z. B. 1001 oder 14612',
          text:
            kreisText === ''
              ? 'Der Kreisschlüssel fehlt.'
              : `Wert ${q(kreisText)} ist kein Kreisschlüssel (erwartet: 4 oder 5 Ziffern, z. B. 1001 oder 14612).`,
        }),
      );
    }
    const caseCount = cases[i];
    if (invalid.has(i)) ok = false;
    else if (caseCount === null || caseCount === undefined) {
      ok = false;
      issues.push(
        readerIssue({
          code: 'pks-missing-value',
          file,
          row: rowNumber,
          column: colName('cases'),
          expected: 'eine ganze Zahl',
          text: 'Die Anzahl der erfassten Fälle fehlt.',
        }),
      );
    } else if (caseCount < 0) {
      ok = false;
      issues.push(
        readerIssue({
          code: 'pks-invalid-number',
          file,
          row: rowNumber,
          column: colName('cases'),
          value: String(caseCount),
          expected: 'eine ganze Zahl ab 0',
          text: `Wert ${q(String(caseCount))} ist negativ; erwartet: eine ganze Zahl ab 0.`,
        }),
      );
    }
    if (!ok || key === undefined || caseCount === null || caseCount === undefined) return;
    const dup = `${kreis}|${key}`;
    const firstRow = seen.get(dup);
    if (firstRow !== undefined) {
      issues.push(
        readerIssue({
          code: 'pks-duplicate-row',
          file,
          row: rowNumber,
          value: `${kreis} / ${key}`,
          expected: 'je Kreis und Schlüssel eine Zeile',
          text: `Kreis ${kreis} mit Schlüssel ${q(key)} steht schon in Zeile ${firstRow}; die Zeile wird nicht verwendet.`,
        }),
      );
      return;
    }
    seen.set(dup, rowNumber);
    const label = cellText(at(r, 'label'));
    out.push({
      year,
      kreis,
      kreisName: cellText(at(r, 'name')),
      kreisart: cellText(at(r, 'kreisart')),
      key,
      label: label !== '' ? label : (keyLabel(key) ?? ''),
      cases: caseCount,
      rate: rate[i] ?? null,
      attempts: attempts[i] ?? null,
      cleared: cleared[i] ?? null,
      clearanceRatePercent: aq[i] ?? null,
      suspects: suspects[i] ?? null,
    });
  });
  // Report in sheet order (number problems are found column by column).
  issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  if (rows.length === 0) {
    issues.push(
      readerIssue({
        code: 'no-data-rows',
        file,
        expected: 'mindestens eine Datenzeile',
        text: 'Die Tabelle enthält keine Datenzeilen.',
      }),
    );
  }
  return { rows: out, issues };
}
