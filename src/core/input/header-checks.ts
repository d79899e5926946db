/**
 * Checks shared by the CSV and XLSX readers once the header row and the data rows are known:
 * duplicate column names, columns without a name, a header without data rows.
 */
import type { ValidationIssue } from '../validate/issues.js';
import { normaliseColumnName } from './columns.js';
import { columnLetter, q, readerIssue } from './messages.js';
import type { Cell, ColumnData } from './table.js';

export interface MutableRow {
  readonly rowNumber: number;
  readonly cells: Cell[];
}

/** Reports columns whose normalised names repeat (`Alter` and `alter`). */
export function duplicateColumnIssues(
  file: string,
  headerRow: number,
  columns: readonly string[],
  sheet?: string,
): ValidationIssue[] {
  const seen = new Map<string, number[]>();
  columns.forEach((name, i) => {
    const key = normaliseColumnName(name);
    if (key === '') return;
    const list = seen.get(key);
    if (list) list.push(i + 1);
    else seen.set(key, [i + 1]);
  });
  const issues: ValidationIssue[] = [];
  for (const positions of seen.values()) {
    if (positions.length < 2) continue;
    const first = positions[0] as number;
    const name = columns[first - 1] ?? '';
    const where = positions.map((p) => `${p} (${columnLetter(p)})`);
    const list = `${where.slice(0, -1).join(', ')} und ${where[where.length - 1] ?? ''}`;
    issues.push(
      readerIssue({
        code: 'duplicate-column',
        file,
        sheet,
        row: headerRow,
        column: name,
        value: name,
        expected: 'jeden Spaltennamen nur einmal',
        text: `Spalte ${q(name)} kommt mehrfach vor (Spalten ${list}).`,
      }),
    );
  }
  return issues;
}

/**
 * Columns without a name: trailing ones that hold no data are dropped (an Excel export artefact);
 * an unnamed column with data is an error; an unnamed empty column in the middle is kept and
 * reported as a warning. Shortens `columns` when trailing columns are dropped (the caller then
 * keeps only as many data columns).
 */
export function unnamedColumnIssues(
  file: string,
  headerRow: number,
  columns: string[],
  data: ColumnData,
  sheet?: string,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const unnamed: number[] = [];
  columns.forEach((name, i) => {
    if (name === '') unnamed.push(i);
  });
  if (unnamed.length === 0) return issues;
  const firstDataRow = new Map<number, number>();
  for (const i of unnamed) {
    const codes = data.columns[i]?.codes;
    const at = codes ? codes.findIndex((code) => code !== 0) : -1;
    if (at >= 0) firstDataRow.set(i, data.rowNumbers[at] as number);
  }
  // Drop trailing unnamed empty columns.
  let keep = columns.length;
  while (keep > 0 && columns[keep - 1] === '' && !firstDataRow.has(keep - 1)) keep--;
  if (keep < columns.length) columns.length = keep;
  for (const i of unnamed) {
    if (i >= keep) continue;
    const pos = `${i + 1} (${columnLetter(i + 1)})`;
    const dataRow = firstDataRow.get(i);
    if (dataRow !== undefined) {
      issues.push(
        readerIssue({
          code: 'unnamed-column',
          file,
          sheet,
          row: headerRow,
          expected: 'einen Spaltennamen in der Kopfzeile',
          text: `Spalte ${pos} hat keinen Namen in der Kopfzeile, enthält aber Werte (z. B. in Zeile ${dataRow}).`,
        }),
      );
    } else {
      issues.push(
        readerIssue({
          severity: 'warning',
          code: 'unnamed-column',
          file,
          sheet,
          row: headerRow,
          text: `Spalte ${pos} hat keinen Namen und ist leer; sie wird ignoriert.`,
        }),
      );
    }
  }
  return issues;
}

export function headerOnlyIssue(file: string, headerRow: number, sheet?: string): ValidationIssue {
  return readerIssue({
    code: 'no-data-rows',
    file,
    sheet,
    row: headerRow,
    expected: 'mindestens eine Datenzeile unter der Kopfzeile',
    text: 'Die Datei enthält nur die Kopfzeile und keine Datenzeilen.',
  });
}
