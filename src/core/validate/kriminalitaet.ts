/**
 * `kriminalitaet` (contract §5): PKS of the municipality per year × area × offence key.
 * Keys are 6-character text with wildcards; numbers that Excel made of keys (224000, 10000 for
 * 010000) are padded back, each restored key with a warning. `gesamt` rows are the municipality's figure; where they disagree with
 * the sum of the areas that is a warning (cases with unknown Tatort are common).
 */
import { readKeyCell, restoredKeyText } from '../input/pks-key-cell.js';
import type { RawTable } from '../input/table.js';
import type { CrimeRow } from '../model/dataset.js';
import { KEY_TOTAL, keyLabel } from '../model/pks-keys.js';
import { AREA_EMPTY, AREA_TOTAL, type AreaResolver } from './areas.js';
import { cellText, Columns, isEmptyRow } from './cells.js';
import type { IssueCollector } from './collector.js';
import { formatInt, q, qv } from './message.js';
import { readNumberColumn } from './number-column.js';
import { checkYear, yearWindow } from './years.js';

export const CRIME_COLUMNS = [
  'jahr',
  'gebiet',
  'schluessel',
  'straftat',
  'faelle',
  'versuche',
  'aufgeklaert',
  'tatverdaechtige',
] as const;

const KEY_EXPECTED = `6 Zeichen aus Ziffern und *, z. B. ${q('224000')} oder ${q('435*00')}; ${q(KEY_TOTAL)} für Straftaten insgesamt`;

export interface CrimeResult {
  readonly rows: readonly CrimeRow[];
  readonly years: ReadonlySet<number>;
}

export function validateKriminalitaet(
  table: RawTable,
  areas: AreaResolver,
  berichtsjahr: number | null,
  issues: IssueCollector,
): CrimeResult {
  const file = table.file;
  const cols = Columns.of(table, issues);
  cols.warnUnknown(new Set(CRIME_COLUMNS), table, issues);
  const cYear = cols.require('jahr', table, issues);
  const cArea = cols.require('gebiet', table, issues);
  const cKey = cols.require('schluessel', table, issues);
  const cCases = cols.require('faelle', table, issues);
  const cLabel = cols.get('straftat');
  const cAttempts = cols.get('versuche');
  const cCleared = cols.get('aufgeklaert');
  const cSuspects = cols.get('tatverdaechtige');
  if (!cYear || !cArea || !cKey || !cCases) return { rows: [], years: new Set() };

  const window = yearWindow(berichtsjahr);
  const years = readNumberColumn(table, cYear, { integer: true, required: true }, issues);
  const cases = readNumberColumn(table, cCases, { integer: true, required: true, min: 0 }, issues);
  const attempts = cAttempts
    ? readNumberColumn(table, cAttempts, { integer: true, required: false, min: 0 }, issues)
    : null;
  const cleared = cCleared
    ? readNumberColumn(table, cCleared, { integer: true, required: false, min: 0 }, issues)
    : null;
  const suspects = cSuspects
    ? readNumberColumn(table, cSuspects, { integer: true, required: false, min: 0 }, issues)
    : null;

  const errorsBefore = issues.errorTotal;
  const restoredSink = issues.sink('warning', file, 'pks-key-restored', cKey.name, cKey.index);
  const rows: CrimeRow[] = [];
  const rowNumbers: number[] = [];
  const allYears = new Set<number>();
  const seen = new Map<string, number>();
  const yearSet = new Set<number>();

  table.rows.forEach((r, i) => {
    if (isEmptyRow(r.cells)) return;
    let ok = true;
    const year = years.values[i];
    if (year === null || year === undefined) ok = false;
    else {
      if (year >= window.from && year <= window.to) allYears.add(year);
      if (!checkYear(year, window, berichtsjahr, { file, row: r.rowNumber, column: cYear }, issues))
        ok = false;
    }

    const areaCell = r.cells[cArea.index];
    const area = areas.resolve(areaCell);
    if (area === AREA_EMPTY) {
      ok = false;
      issues.error({
        code: 'value-missing',
        file,
        row: r.rowNumber,
        column: cArea.name,
        colIndex: cArea.index,
        expected: areas.expected(),
        text: `Gebiet fehlt (erwartet: ${areas.expected()}).`,
      });
    } else if (area < 0 && area !== AREA_TOTAL) {
      ok = false;
      const v = cellText(areaCell);
      if (areas.known)
        issues.error({
          code: 'unknown-area',
          file,
          row: r.rowNumber,
          column: cArea.name,
          colIndex: cArea.index,
          value: v,
          expected: areas.expected(),
          text: areas.unknownText(v),
        });
    }

    const keyCell = r.cells[cKey.index];
    const { key, text: keyText, restored } = readKeyCell(keyCell);
    if (key !== undefined && restored && restoredSink.take()) {
      issues.warning({
        code: 'pks-key-restored',
        file,
        row: r.rowNumber,
        column: cKey.name,
        colIndex: cKey.index,
        value: keyText,
        expected: `${q(key)} (6 Zeichen)`,
        text: restoredKeyText(keyText, key),
      });
    }
    if (key === undefined) {
      ok = false;
      const v = cellText(keyCell);
      issues.error({
        code: v === '' ? 'value-missing' : 'pks-key-invalid',
        file,
        row: r.rowNumber,
        column: cKey.name,
        colIndex: cKey.index,
        ...(v === '' ? {} : { value: v }),
        expected: KEY_EXPECTED,
        text:
          v === ''
            ? `Schlüssel fehlt (erwartet: ${KEY_EXPECTED}).`
            : `Wert ${qv(v)} ist kein PKS-Straftatenschlüssel (erwartet: ${KEY_EXPECTED}).`,
      });
    }

    const c = cases.values[i];
    if (c === null || c === undefined) ok = false;
    const cl = cleared?.values[i] ?? null;
    const at = attempts?.values[i] ?? null;
    if (c !== null && c !== undefined) {
      if (cl !== null && cl > c && cCleared) {
        ok = false;
        issues.error({
          code: 'cleared-exceeds-cases',
          file,
          row: r.rowNumber,
          column: cCleared.name,
          colIndex: cCleared.index,
          value: String(cl),
          expected: `höchstens ${formatInt(c)}`,
          text: `Wert ${q(formatInt(cl))} ist größer als die erfassten Fälle (${formatInt(c)}) in Spalte ${q(cCases.name)} (erwartet: aufgeklärte Fälle ≤ Fälle).`,
        });
      }
      if (at !== null && at > c && cAttempts) {
        ok = false;
        issues.error({
          code: 'attempts-exceed-cases',
          file,
          row: r.rowNumber,
          column: cAttempts.name,
          colIndex: cAttempts.index,
          value: String(at),
          expected: `höchstens ${formatInt(c)}`,
          text: `Wert ${q(formatInt(at))} ist größer als die erfassten Fälle (${formatInt(c)}) in Spalte ${q(cCases.name)} (erwartet: Versuche ≤ Fälle).`,
        });
      }
    }
    if (
      (cleared && cleared.invalid[i]) ||
      (attempts && attempts.invalid[i]) ||
      (suspects && suspects.invalid[i])
    )
      ok = false;
    if (!ok || key === undefined || year === null || year === undefined || c === null || c === undefined)
      return;

    const areaId = area === AREA_TOTAL ? null : areas.idOf(area);
    const dupKey = `${year}\u0000${areaId ?? ''}\u0000${key}`;
    const first = seen.get(dupKey);
    if (first !== undefined) {
      issues.error({
        code: 'duplicate-row',
        file,
        row: r.rowNumber,
        text: `Zeile doppelt: Jahr ${year}, Gebiet ${q(areaId ?? 'gesamt')}, Schlüssel ${q(key)} steht schon in Zeile ${first}.`,
      });
      return;
    }
    seen.set(dupKey, r.rowNumber);
    yearSet.add(year);
    const written = cLabel ? cellText(r.cells[cLabel.index]) : '';
    rows.push({
      year,
      areaId,
      key,
      label: written !== '' ? written : (keyLabel(key) ?? `Schlüssel ${key}`),
      cases: c,
      attempts: at,
      cleared: cl,
      suspects: suspects?.values[i] ?? null,
    });
    rowNumbers.push(r.rowNumber);
  });

  if (berichtsjahr !== null && allYears.size > 0) {
    const latest = Math.max(...allYears);
    if (latest !== berichtsjahr) {
      issues.warning({
        code: 'year-not-latest',
        file,
        column: cYear.name,
        colIndex: cYear.index,
        value: String(latest),
        expected: String(berichtsjahr),
        text: `Das jüngste Jahr ist ${latest}, das Berichtsjahr in analyse.json ist ${berichtsjahr} (erwartet: Zahlen bis zum Berichtsjahr).`,
      });
    }
  }
  // Only on clean data: a rejected row would make every sum disagree.
  if (issues.errorTotal === errorsBefore)
    checkTotals(rows, rowNumbers, file, cCases.name, cCases.index, issues);
  return { rows, years: yearSet };
}

/** `gesamt` vs the sum of the areas, per year and key: a warning where they differ. */
function checkTotals(
  rows: readonly CrimeRow[],
  rowNumbers: readonly number[],
  file: string,
  column: string,
  colIndex: number,
  issues: IssueCollector,
): void {
  const sums = new Map<string, { sum: number; areas: number }>();
  rows.forEach((r) => {
    if (r.areaId === null) return;
    const k = `${r.year}\u0000${r.key}`;
    const s = sums.get(k) ?? { sum: 0, areas: 0 };
    s.sum += r.cases;
    s.areas++;
    sums.set(k, s);
  });
  rows.forEach((r, i) => {
    if (r.areaId !== null) return;
    const s = sums.get(`${r.year}\u0000${r.key}`);
    if (!s || s.sum === r.cases) return;
    issues.warning({
      code: 'total-mismatch',
      file,
      row: rowNumbers[i],
      column,
      colIndex,
      value: String(r.cases),
      expected: `keine Korrektur nötig (Summe der Gebiete: ${formatInt(s.sum)})`,
      text: `Der Wert für ${q('gesamt')} (${formatInt(r.cases)}) weicht von der Summe der Gebiete (${formatInt(s.sum)}) ab (Jahr ${r.year}, Schlüssel ${q(r.key)}). Das ist zulässig, denn Fälle mit unbekanntem Tatort gehören zu keinem Gebiet; der Bericht verwendet den Gesamtwert. Keine Korrektur nötig.`,
    });
  });
}
