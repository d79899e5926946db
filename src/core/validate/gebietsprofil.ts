/**
 * `gebietsprofil` (contract §8): further area indicators in long format. Known indicators get the
 * standard German labels; others keep their own name as written. GENESIS placeholders (`.` =
 * secret, `-` = nothing) stay missing, never 0: such rows are skipped with a warning.
 */
import { normaliseColumnName } from '../input/columns.js';
import type { RawTable } from '../input/table.js';
import type { ProfileRow } from '../model/dataset.js';
import type { AreaResolver } from './areas.js';
import { areaIdAt } from './area-cell.js';
import { cellText, Columns, isEmptyRow } from './cells.js';
import type { IssueCollector } from './collector.js';
import { q, qv } from './message.js';
import { readNumberColumn } from './number-column.js';

export const PROFILE_COLUMNS = ['gebiet', 'indikator', 'wert', 'einheit', 'jahr', 'quelle'] as const;

/** Standard labels of the known indicators (contract §8). */
export const INDICATOR_LABELS: Readonly<Record<string, string>> = {
  flaeche_km2: 'Fläche (km²)',
  arbeitslose: 'Arbeitslose',
  arbeitslosenquote: 'Arbeitslosenquote',
  sgb2_quote: 'SGB-II-Quote',
  auslaenderanteil: 'Ausländeranteil',
  durchschnittsalter: 'Durchschnittsalter',
  einpersonenhaushalte_anteil: 'Anteil der Einpersonenhaushalte',
  leerstandsquote: 'Leerstandsquote',
  wahlbeteiligung: 'Wahlbeteiligung',
};

const PLACEHOLDERS = ['.', '-', '–', 'x', '/'];
const OLDEST_YEAR = 1950;

export function validateGebietsprofil(
  table: RawTable,
  areas: AreaResolver,
  berichtsjahr: number | null,
  issues: IssueCollector,
): ProfileRow[] {
  const file = table.file;
  const cols = Columns.of(table, issues);
  cols.warnUnknown(new Set(PROFILE_COLUMNS), table, issues);
  const cArea = cols.require('gebiet', table, issues);
  const cInd = cols.require('indikator', table, issues);
  const cValue = cols.require('wert', table, issues);
  const cUnit = cols.get('einheit');
  const cYear = cols.get('jahr');
  const cSource = cols.get('quelle');
  if (!cArea || !cInd || !cValue) return [];
  const values = readNumberColumn(
    table,
    cValue,
    { integer: false, required: false, placeholders: PLACEHOLDERS },
    issues,
  );
  const maxYear = berichtsjahr ?? 2100;
  const years = cYear
    ? readNumberColumn(
        table,
        cYear,
        { integer: true, required: false, min: OLDEST_YEAR, max: maxYear },
        issues,
      )
    : null;
  const out: ProfileRow[] = [];
  const seen = new Map<string, number>();
  table.rows.forEach((r, i) => {
    if (isEmptyRow(r.cells)) return;
    let ok = true;
    const areaId = areaIdAt(areas, r.cells[cArea.index], { file, row: r.rowNumber, column: cArea }, issues);
    if (areaId === undefined) ok = false;
    const written = cellText(r.cells[cInd.index]);
    if (written === '') {
      ok = false;
      issues.error({
        code: 'value-missing',
        file,
        row: r.rowNumber,
        column: cInd.name,
        colIndex: cInd.index,
        expected: 'Name des Indikators',
        text: 'Indikator fehlt (erwartet: Name des Indikators, z. B. „arbeitslosenquote“).',
      });
    }
    const value = values.values[i] ?? null;
    if (values.invalid[i] || (years && years.invalid[i])) ok = false;
    if (value === null && !values.invalid[i]) {
      const raw = cellText(r.cells[cValue.index]);
      issues.warning({
        code: 'value-suppressed',
        file,
        row: r.rowNumber,
        column: cValue.name,
        colIndex: cValue.index,
        ...(raw === '' ? {} : { value: raw }),
        text:
          raw === ''
            ? 'Wert fehlt; die Zeile wird nicht verwendet.'
            : `Wert ${qv(raw)} ist ein Platzhalter (geheim oder nicht vorhanden); die Zeile wird nicht verwendet.`,
      });
      return;
    }
    if (!ok || value === null || areaId === undefined) return;
    const indicator = normaliseColumnName(written);
    const year = years?.values[i] ?? null;
    const k = `${areaId ?? ''}\u0000${indicator}\u0000${year ?? ''}`;
    const first = seen.get(k);
    if (first !== undefined) {
      issues.error({
        code: 'duplicate-row',
        file,
        row: r.rowNumber,
        text: `Zeile doppelt: Gebiet ${q(areaId ?? 'gesamt')}, Indikator ${q(written)}${year !== null ? `, Jahr ${year}` : ''} steht schon in Zeile ${first}.`,
      });
      return;
    }
    seen.set(k, r.rowNumber);
    const unit = cUnit ? cellText(r.cells[cUnit.index]) : '';
    const source = cSource ? cellText(r.cells[cSource.index]) : '';
    out.push({
      areaId,
      indicator,
      label: INDICATOR_LABELS[indicator] ?? written,
      value,
      unit: unit === '' ? null : unit,
      year,
      source: source === '' ? null : source,
    });
  });
  return out;
}
