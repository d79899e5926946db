/**
 * `pmk` (contract §7): politically motivated crime per year × area × Phänomenbereich. Accepts the
 * short codes, the official labels ("PMK -rechts-", "PMK -ausländische Ideologie-", …) and the old
 * "nicht zuzuordnen"/"-nicht zuzuordnen-" (→ sonstige, the name until 2022). Never added to PKS.
 * `stand` is kept as written; an Excel date serial there is read as the date it stands for.
 */
import type { Cell, RawTable } from '../input/table.js';
import { PMK_LABELS, type PmkBereich, type PmkRow } from '../model/dataset.js';
import type { AreaResolver } from './areas.js';
import { areaIdAt } from './area-cell.js';
import { cellText, Columns, isEmptyRow } from './cells.js';
import { readDateCell } from './date-cell.js';
import type { IssueCollector } from './collector.js';
import { formatInt, q, qv } from './message.js';
import { readNumberColumn } from './number-column.js';
import { checkYear, yearWindow } from './years.js';

export const PMK_COLUMNS = [
  'jahr',
  'gebiet',
  'phaenomenbereich',
  'faelle',
  'gewaltdelikte',
  'stand',
] as const;

const ALIASES: Readonly<Record<string, PmkBereich>> = {
  rechts: 'rechts',
  links: 'links',
  'auslaendische ideologie': 'auslaendische_ideologie',
  'religioese ideologie': 'religioese_ideologie',
  sonstige: 'sonstige',
  'sonstige zuordnung': 'sonstige',
  'nicht zuzuordnen': 'sonstige',
};

/** Normalises a Phänomenbereich as written; undefined when unknown. */
export function parsePmkBereich(cell: Cell | undefined): PmkBereich | undefined {
  const t = cellText(cell)
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^pmk /, '');
  return ALIASES[t];
}

const EXPECTED = `${Object.keys(PMK_LABELS).join(', ')} oder die amtlichen Bezeichnungen (${Object.values(PMK_LABELS).map(q).join(', ')}; auch ${q('nicht zuzuordnen')})`;

export function validatePmk(
  table: RawTable,
  areas: AreaResolver,
  berichtsjahr: number | null,
  issues: IssueCollector,
): PmkRow[] {
  const file = table.file;
  const cols = Columns.of(table, issues);
  cols.warnUnknown(new Set(PMK_COLUMNS), table, issues);
  const cYear = cols.require('jahr', table, issues);
  const cArea = cols.require('gebiet', table, issues);
  const cBereich = cols.require('phaenomenbereich', table, issues);
  const cCases = cols.require('faelle', table, issues);
  const cViolent = cols.get('gewaltdelikte');
  const cStand = cols.get('stand');
  if (!cYear || !cArea || !cBereich || !cCases) return [];
  const window = yearWindow(berichtsjahr);
  const serialSink = issues.sink('warning', file, 'date-from-serial', cStand?.name, cStand?.index);
  const years = readNumberColumn(table, cYear, { integer: true, required: true }, issues);
  const cases = readNumberColumn(table, cCases, { integer: true, required: true, min: 0 }, issues);
  const violent = cViolent
    ? readNumberColumn(table, cViolent, { integer: true, required: false, min: 0 }, issues)
    : null;
  const out: PmkRow[] = [];
  const seen = new Map<string, number>();
  table.rows.forEach((r, i) => {
    if (isEmptyRow(r.cells)) return;
    const at = (column: typeof cYear) => ({ file, row: r.rowNumber, column });
    let ok = true;
    const year = years.values[i] ?? null;
    if (year === null || !checkYear(year, window, berichtsjahr, at(cYear), issues)) ok = false;
    const areaId = areaIdAt(areas, r.cells[cArea.index], at(cArea), issues);
    if (areaId === undefined) ok = false;
    const bCell = r.cells[cBereich.index];
    const bereich = parsePmkBereich(bCell);
    if (!bereich) {
      ok = false;
      const v = cellText(bCell);
      issues.error({
        code: v === '' ? 'value-missing' : 'pmk-bereich-unknown',
        file,
        row: r.rowNumber,
        column: cBereich.name,
        colIndex: cBereich.index,
        ...(v === '' ? {} : { value: v }),
        expected: EXPECTED,
        text:
          v === ''
            ? `Phänomenbereich fehlt (erwartet: ${EXPECTED}).`
            : `Wert ${qv(v)} ist kein Phänomenbereich der PMK (erlaubt: ${EXPECTED}).`,
      });
    }
    const c = cases.values[i] ?? null;
    const v = violent?.values[i] ?? null;
    if (c === null || (violent && violent.invalid[i])) ok = false;
    if (c !== null && v !== null && v > c && cViolent) {
      ok = false;
      issues.error({
        code: 'violent-exceeds-cases',
        file,
        row: r.rowNumber,
        column: cViolent.name,
        colIndex: cViolent.index,
        value: String(v),
        expected: `höchstens ${formatInt(c)}`,
        text: `Wert ${q(formatInt(v))} ist größer als die Fälle (${formatInt(c)}) in Spalte ${q(cCases.name)} (erwartet: Gewaltdelikte ≤ Fälle).`,
      });
    }
    if (!ok || year === null || c === null || !bereich || areaId === undefined) return;
    const k = `${year}\u0000${areaId ?? ''}\u0000${bereich}`;
    const first = seen.get(k);
    if (first !== undefined) {
      issues.error({
        code: 'duplicate-row',
        file,
        row: r.rowNumber,
        text: `Zeile doppelt: Jahr ${year}, Gebiet ${q(areaId ?? 'gesamt')}, Phänomenbereich ${q(PMK_LABELS[bereich])} steht schon in Zeile ${first}.`,
      });
      return;
    }
    seen.set(k, r.rowNumber);
    const stand = cStand ? readDateCell(r.cells[cStand.index]) : { text: '' };
    if (cStand && stand.fromSerial !== undefined && serialSink.take()) {
      issues.warning({
        code: 'date-from-serial',
        file,
        row: r.rowNumber,
        column: cStand.name,
        colIndex: cStand.index,
        value: cellText(r.cells[cStand.index]),
        expected: 'ein Datum, z. B. 31.01.2025',
        text: `Wert ${qv(cellText(r.cells[cStand.index]))} ist eine Excel-Datumszahl (die Zelle hat ihr Datumsformat verloren); gelesen als ${stand.fromSerial}.`,
      });
    }
    out.push({ year, areaId, bereich, cases: c, violent: v, stand: stand.text === '' ? null : stand.text });
  });
  return out;
}
