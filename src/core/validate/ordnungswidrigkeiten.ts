/**
 * `ordnungswidrigkeiten` (contract §8): administrative offences recorded by the Ordnungsamt per
 * year × area × free category (Müll, Lärm, Hunde, Parken, …).
 */
import type { RawTable } from '../input/table.js';
import type { OwiRow } from '../model/dataset.js';
import type { AreaResolver } from './areas.js';
import { areaIdAt } from './area-cell.js';
import { cellText, Columns, isEmptyRow } from './cells.js';
import type { IssueCollector } from './collector.js';
import { q } from './message.js';
import { readNumberColumn } from './number-column.js';
import { checkYear, yearWindow } from './years.js';

export const OWI_COLUMNS = ['jahr', 'gebiet', 'kategorie', 'anzahl'] as const;

export function validateOrdnungswidrigkeiten(
  table: RawTable,
  areas: AreaResolver,
  berichtsjahr: number | null,
  issues: IssueCollector,
): OwiRow[] {
  const file = table.file;
  const cols = Columns.of(table, issues);
  cols.warnUnknown(new Set(OWI_COLUMNS), table, issues);
  const cYear = cols.require('jahr', table, issues);
  const cArea = cols.require('gebiet', table, issues);
  const cCat = cols.require('kategorie', table, issues);
  const cCount = cols.require('anzahl', table, issues);
  if (!cYear || !cArea || !cCat || !cCount) return [];
  const window = yearWindow(berichtsjahr);
  const years = readNumberColumn(table, cYear, { integer: true, required: true }, issues);
  const counts = readNumberColumn(table, cCount, { integer: true, required: true, min: 0 }, issues);
  const out: OwiRow[] = [];
  const seen = new Map<string, number>();
  table.rows.forEach((r, i) => {
    if (isEmptyRow(r.cells)) return;
    let ok = true;
    const year = years.values[i] ?? null;
    if (
      year === null ||
      !checkYear(year, window, berichtsjahr, { file, row: r.rowNumber, column: cYear }, issues)
    )
      ok = false;
    const areaId = areaIdAt(areas, r.cells[cArea.index], { file, row: r.rowNumber, column: cArea }, issues);
    if (areaId === undefined) ok = false;
    const category = cellText(r.cells[cCat.index]);
    if (category === '') {
      ok = false;
      issues.error({
        code: 'value-missing',
        file,
        row: r.rowNumber,
        column: cCat.name,
        colIndex: cCat.index,
        expected: 'Kategorie, z. B. Müll, Lärm, Hunde',
        text: 'Kategorie fehlt (erwartet: z. B. Müll, Lärm, Hunde, Parken).',
      });
    }
    const count = counts.values[i] ?? null;
    if (!ok || year === null || count === null || areaId === undefined) return;
    const k = `${year}\u0000${areaId ?? ''}\u0000${category.toLowerCase()}`;
    const first = seen.get(k);
    if (first !== undefined) {
      issues.error({
        code: 'duplicate-row',
        file,
        row: r.rowNumber,
        text: `Zeile doppelt: Jahr ${year}, Gebiet ${q(areaId ?? 'gesamt')}, Kategorie ${q(category)} steht schon in Zeile ${first}.`,
      });
      return;
    }
    seen.set(k, r.rowNumber);
    out.push({ year, areaId, category, count });
  });
  return out;
}
