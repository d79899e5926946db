/**
 * Reader for the BKA table "Fälle – Kreise" (KR-F-01-T01) exactly as published (contract §6,
 * domain brief §2.3): the CSV (Latin-1, `;`, a first line of column numbers `1;2;…;18`,
 * `,` as thousands separator and `.` as decimal point, `#DIV/0!`, `------` as the key of the total,
 * Kreis keys without leading zero) and the XLSX variant (German header with umlauts, header row
 * found by content, possibly spread over several rows, data from about row 10).
 */
import type { KreisPksRow } from '../model/dataset.js';
import { keyLabel, normaliseKey } from '../model/pks-keys.js';
import type { InputFile } from '../ports.js';
import type { ValidationIssue } from '../validate/issues.js';
import { normaliseColumnName } from './columns.js';
import { readCsv } from './csv.js';
import { MAX_FILE_BYTES, MAX_ROWS } from './limits.js';
import { q, readerIssue } from './messages.js';
import { describeNumberProblem, parseNumberColumn, type NumberStyle } from './numbers.js';
import { fileExtension } from './read-table.js';
import type { Cell } from './table.js';
import { findHeaderRow, formulaIssue, loadSheetGrid, noteIssues, type GridRow } from './xlsx.js';
import { fileTooLargeIssue } from './zip-guard.js';

export interface PksKreiseResult {
  readonly rows: readonly KreisPksRow[];
  readonly issues: readonly ValidationIssue[];
}

/** Normalised names that identify the header row (CSV `Schluessel`, XLSX `Schlüssel`). */
const HEADER_MARKERS: readonly string[] = ['schluessel', 'gemeindeschluessel'];

type Field =
  | 'key'
  | 'label'
  | 'kreis'
  | 'name'
  | 'kreisart'
  | 'cases'
  | 'rate'
  | 'attempts'
  | 'cleared'
  | 'aq'
  | 'suspects';

/** Column order of the published table (0-based, relative to the key column). */
const STANDARD_OFFSETS: Readonly<Record<Field, number>> = {
  key: 0,
  label: 1,
  kreis: 2,
  name: 3,
  kreisart: 4,
  cases: 5,
  rate: 6,
  attempts: 7,
  cleared: 11,
  aq: 12,
  suspects: 13,
};

const MATCHERS: Readonly<Record<Field, (n: string) => boolean>> = {
  key: (n) => n.includes('schluessel') && !n.includes('gemeinde') && !n.includes('kreis'),
  label: (n) => n.includes('straftat') && !n.includes('schluessel'),
  kreis: (n) => n.includes('gemeindeschluessel') || n.includes('kreisschluessel'),
  name: (n) => /stadt.*landkreis/.test(n) || n === 'kreis' || n === 'kreisname',
  kreisart: (n) => n.includes('kreisart'),
  cases: (n) => /faelle/.test(n) && /erfasst/.test(n) && !/versuch|auf+kl|anteil|schuss/.test(n),
  rate: (n) => n.includes('haeufigkeitszahl') || n === 'hz',
  attempts: (n) => n.includes('versuch') && !n.includes('anteil'),
  cleared: (n) => /auf+klaerung/.test(n) && !n.includes('quote'),
  aq: (n) => /auf+klaerungsquote/.test(n) || n === 'aq',
  suspects: (n) => n.includes('tatverdaechtig') && n.includes('insgesamt') && !n.includes('nichtdeutsch'),
};

const LABELS: Readonly<Record<Field, string>> = {
  key: 'Schlüssel',
  label: 'Straftat',
  kreis: 'Gemeindeschlüssel',
  name: 'Stadt-/Landkreis',
  kreisart: 'Kreisart',
  cases: 'Anzahl erfasste Fälle',
  rate: 'Häufigkeitszahl',
  attempts: 'erfasste Fälle, davon Versuche – Anzahl',
  cleared: 'Aufklärung – Anzahl Fälle',
  aq: 'Aufklärungsquote',
  suspects: 'Tatverdächtige insgesamt',
};

const REQUIRED: readonly Field[] = ['key', 'kreis', 'name', 'cases', 'rate'];

/** Year from a file name `pks-kreise-<jahr>.<ext>`. */
export function pksYearFromFileName(name: string): number | null {
  const m = /^pks-kreise-(\d{4})(?!\d)/i.exec(name);
  if (!m?.[1]) return null;
  const year = Number(m[1]);
  return year >= 1950 && year <= 2100 ? year : null;
}

interface Sheet {
  readonly columns: readonly string[];
  readonly rows: readonly GridRow[];
  readonly style: NumberStyle | undefined;
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

async function readPksKreiseUnsafe(file: InputFile): Promise<PksKreiseResult> {
  const name = file.name;
  const issues: ValidationIssue[] = [];
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
  if (file.bytes.length > MAX_FILE_BYTES)
    return { rows: [], issues: [fileTooLargeIssue(name, file.bytes.length, MAX_FILE_BYTES)] };

  let sheet: Sheet;
  if (ext === '.csv') {
    const read = readCsv(file, {
      kind: 'pks-kreise',
      maxRows: MAX_ROWS,
      expectedColumns: HEADER_MARKERS,
      headerByContent: true,
      padShortHeader: true,
    });
    issues.push(...read.issues);
    if (read.table === null) return { rows: [], issues };
    sheet = { columns: read.table.columns, rows: read.table.rows as GridRow[], style: 'bka' };
  } else {
    const loaded = await loadSheetGrid(file, { kind: 'pks-kreise', fillMerged: true, maxRows: MAX_ROWS });
    issues.push(...loaded.issues);
    if (loaded.grid === null) {
      if (loaded.issues.length === 0)
        issues.push(
          readerIssue({
            code: 'empty-file',
            file: name,
            text: 'Die Excel-Datei enthält kein Tabellenblatt.',
          }),
        );
      return { rows: [], issues };
    }
    const grid = loaded.grid;
    const h = findHeaderRow(grid.rows, HEADER_MARKERS);
    if (h < 0) {
      issues.push(
        readerIssue({
          code: 'header-not-found',
          file: name,
          sheet: grid.sheet,
          expected: 'eine Kopfzeile mit den Spalten „Schlüssel“ und „Gemeindeschlüssel“',
          text: 'Keine Kopfzeile gefunden: In den ersten 30 Zeilen steht keine Zeile mit den Spalten „Schlüssel“ und „Gemeindeschlüssel“.',
        }),
      );
      return { rows: [], issues };
    }
    const { columns, firstData } = composeHeader(grid.rows, h);
    if (grid.firstFormula !== null) issues.push(formulaIssue(name, grid.sheet, grid.firstFormula));
    const dataRows = grid.rows.slice(firstData);
    const firstDataRow = dataRows[0]?.rowNumber ?? Number.MAX_SAFE_INTEGER;
    issues.push(
      ...noteIssues(
        name,
        grid.notes.filter((n) => n.row >= firstDataRow),
        (col) => columns[col - 1] || undefined,
      ),
    );
    sheet = { columns, rows: dataRows, style: undefined };
  }
  const parsed = interpret(name, year, sheet);
  issues.push(...parsed.issues);
  return { rows: parsed.rows, issues };
}

/** The BKA's line of column numbers (`1;2;…;18`), above or below the header. */
function isColumnNumberRow(cells: readonly Cell[]): boolean {
  let count = 0;
  let prev = 0;
  for (const c of cells) {
    if (c === null || c === undefined) continue;
    const n = typeof c === 'number' ? c : /^\d+$/.test(String(c)) ? Number(c) : Number.NaN;
    if (n !== prev + 1 && !(count === 0 && n === 1)) return false;
    prev = n;
    count++;
  }
  return count >= 5;
}

/** Column names of a header that may span several rows (merged cells repeat their value). */
function composeHeader(
  rows: readonly GridRow[],
  headerIndex: number,
): { columns: string[]; firstData: number } {
  const header = rows[headerIndex] as GridRow;
  const keyCol = header.cells.findIndex((c) => typeof c === 'string' && MATCHERS.key(normaliseColumnName(c)));
  let firstData = headerIndex + 1;
  const parts: (readonly Cell[])[] = [header.cells];
  while (firstData < rows.length && firstData <= headerIndex + 4) {
    const row = rows[firstData] as GridRow;
    if (isColumnNumberRow(row.cells)) {
      firstData++;
      continue;
    }
    const k = row.cells[keyCol < 0 ? 0 : keyCol];
    if (k !== null && k !== undefined && (typeof k === 'number' || normaliseKey(String(k)) !== undefined))
      break;
    parts.push(row.cells);
    firstData++;
  }
  const width = Math.max(...parts.map((p) => p.length));
  const columns: string[] = [];
  for (let c = 0; c < width; c++) {
    const texts: string[] = [];
    for (const p of parts) {
      const v = p[c];
      if (v === null || v === undefined) continue;
      const t = String(v);
      if (!texts.includes(t)) texts.push(t);
    }
    columns.push(texts.join(' '));
  }
  return { columns, firstData };
}

function mapColumns(columns: readonly string[]): Partial<Record<Field, number>> {
  const norm = columns.map(normaliseColumnName);
  const map: Partial<Record<Field, number>> = {};
  const used = new Set<number>();
  for (const field of Object.keys(MATCHERS) as Field[]) {
    const idx = norm.findIndex((n, i) => !used.has(i) && MATCHERS[field](n));
    if (idx >= 0) {
      map[field] = idx;
      used.add(idx);
    }
  }
  // Fallback to the published column order when the key and Kreis columns sit where expected.
  const key = map.key;
  if (key !== undefined && map.kreis === key + STANDARD_OFFSETS.kreis) {
    for (const field of Object.keys(STANDARD_OFFSETS) as Field[]) {
      const idx = key + STANDARD_OFFSETS[field];
      if (map[field] === undefined && idx < columns.length && !used.has(idx)) map[field] = idx;
    }
  }
  return map;
}

function cellText(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  return typeof c === 'string' ? c.trim() : String(c);
}

function interpret(file: string, year: number, sheet: Sheet): PksKreiseResult {
  const issues: ValidationIssue[] = [];
  const map = mapColumns(sheet.columns);
  const missing = REQUIRED.filter((f) => map[f] === undefined);
  if (missing.length > 0) {
    issues.push(
      readerIssue({
        code: 'pks-missing-column',
        file,
        expected: `die Spalten der BKA-Tabelle „Fälle – Kreise“ (${REQUIRED.map((f) => q(LABELS[f])).join(', ')})`,
        text: `Es ${missing.length === 1 ? 'fehlt die Spalte' : 'fehlen die Spalten'} ${missing.map((f) => q(LABELS[f])).join(', ')}. Ist dies die BKA-Tabelle „Fälle – Kreise“ (KR-F-01-T01)?`,
      }),
    );
    return { rows: [], issues };
  }
  const colName = (f: Field): string => {
    const idx = map[f];
    return (idx !== undefined ? sheet.columns[idx] : undefined) || LABELS[f];
  };

  // Keep rows that carry data; footnotes and source lines below the table hold neither Kreis nor cases.
  const rows = sheet.rows.filter((r) => {
    if (isColumnNumberRow(r.cells)) return false;
    const kreis = r.cells[map.kreis as number];
    const cases = r.cells[map.cases as number];
    return (kreis !== null && kreis !== undefined) || (cases !== null && cases !== undefined);
  });
  const column = (f: Field): Cell[] => {
    const idx = map[f];
    return rows.map((r) => (idx === undefined ? null : (r.cells[idx] ?? null)));
  };
  const numberColumn = (f: Field, integer: boolean, allowErrorValues: boolean): (number | null)[] => {
    if (map[f] === undefined) return rows.map(() => null);
    const result = parseNumberColumn(column(f), {
      integer,
      allowErrorValues,
      ...(sheet.style !== undefined ? { style: sheet.style } : {}),
    });
    for (const p of result.problems) {
      const row = rows[p.index] as GridRow;
      issues.push(
        readerIssue({
          code: 'pks-invalid-number',
          file,
          row: row.rowNumber,
          column: colName(f),
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
  const keys = column('key');
  const kreise = column('kreis');
  const names = column('name');
  const arts = column('kreisart');
  const labels = column('label');

  const out: KreisPksRow[] = [];
  const seen = new Set<string>();
  rows.forEach((r, i) => {
    const rowNumber = r.rowNumber;
    const rawKey = keys[i];
    const keyText = typeof rawKey === 'number' ? String(rawKey).padStart(6, '0') : cellText(rawKey);
    const key = normaliseKey(keyText);
    let ok = true;
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
    }
    const rawKreis = kreise[i];
    const kreisText = typeof rawKreis === 'number' ? String(rawKreis) : cellText(rawKreis);
    let kreis = '';
    if (/^\d{1,5}$/.test(kreisText)) kreis = kreisText.padStart(5, '0');
    else {
      ok = false;
      issues.push(
        readerIssue({
          code: 'pks-invalid-kreis',
          file,
          row: rowNumber,
          column: colName('kreis'),
          value: kreisText,
          expected: 'ein Kreisschlüssel aus bis zu 5 Ziffern, z. B. 1001 oder 14612',
          text:
            kreisText === ''
              ? 'Der Kreisschlüssel fehlt.'
              : `Wert ${q(kreisText)} ist kein Kreisschlüssel (erwartet: bis zu 5 Ziffern, z. B. 1001 oder 14612).`,
        }),
      );
    }
    const caseCount = cases[i];
    if (caseCount === null || caseCount === undefined) {
      ok = false;
      const raw = column('cases')[i];
      if (raw === null || raw === undefined) {
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
      }
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
    if (seen.has(dup)) {
      issues.push(
        readerIssue({
          code: 'pks-duplicate-row',
          file,
          row: rowNumber,
          value: `${kreis} / ${key}`,
          expected: 'je Kreis und Schlüssel eine Zeile',
          text: `Kreis ${kreis} mit Schlüssel ${q(key)} kommt mehrfach vor; die Zeile wird nicht verwendet.`,
        }),
      );
      return;
    }
    seen.add(dup);
    const label = cellText(labels[i]);
    out.push({
      year,
      kreis,
      kreisName: cellText(names[i]),
      kreisart: cellText(arts[i]),
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
