/**
 * `bevoelkerung` (contract §4): population per area × sex × age group, optionally per year.
 * Age groups must be contiguous and non-overlapping (only the oldest may be open, `75+`), and every
 * area must use the same set. Every area of the manifest needs population figures.
 * `stichtag` is accepted and not used; `jahr`, where present, must be filled in every row.
 * The table covers all residents (contract §4): a table whose youngest group starts at the survey's
 * minimum age (16) gets a warning naming the consequence (the Häufigkeitszahl is then overstated
 * against Kreis and Land), and so does a group that straddles the minimum age.
 */
import type { RawTable } from '../input/table.js';
import type { AgeGroup, PopulationRow, Sex } from '../model/dataset.js';
import { AREA_EMPTY, type AreaResolver } from './areas.js';
import { checkAgeGroups, parseAgeGroup } from './age-groups.js';
import { SURVEY_MIN_AGE } from '../analysis/survey/population.js';
import { cellText, Columns, isEmptyRow } from './cells.js';
import type { IssueCollector } from './collector.js';
import { joinGerman, q, qv } from './message.js';
import { readNumberColumn } from './number-column.js';
import { parseSex, SEX_ALLOWED, SEX_CODES, SEX_INVALID } from './sex.js';

export const POPULATION_COLUMNS = [
  'gebiet',
  'geschlecht',
  'altersgruppe',
  'anzahl',
  'stichtag',
  'jahr',
] as const;

export interface PopulationResult {
  readonly rows: readonly PopulationRow[];
  /** Sorted by age; empty when the groups are invalid. */
  readonly ageGroups: readonly AgeGroup[];
  /** Years present, or null when the file has no `jahr` column. */
  readonly years: ReadonlySet<number> | null;
  /** Area ids with at least one row. */
  readonly areaIds: ReadonlySet<string>;
}

export function validateBevoelkerung(
  table: RawTable,
  areas: AreaResolver,
  issues: IssueCollector,
): PopulationResult {
  const file = table.file;
  const cols = Columns.of(table, issues);
  cols.warnUnknown(new Set(POPULATION_COLUMNS), table, issues);
  const cArea = cols.require('gebiet', table, issues);
  const cSex = cols.require('geschlecht', table, issues);
  const cGroup = cols.require('altersgruppe', table, issues);
  const cCount = cols.require('anzahl', table, issues);
  const cYear = cols.get('jahr');
  const empty: PopulationResult = { rows: [], ageGroups: [], years: null, areaIds: new Set() };
  if (!cArea || !cSex || !cGroup || !cCount) return empty;

  const counts = readNumberColumn(table, cCount, { integer: true, required: true, min: 0 }, issues);
  const years = cYear
    ? readNumberColumn(table, cYear, { integer: true, required: true, min: 2000, max: 2100 }, issues)
    : null;

  const groups = new Map<string, { group: AgeGroup; row: number }>();
  let labelErrors = 0;
  const groupsByArea = new Map<number, Set<string>>();
  const seen = new Map<string, number>();
  const rows: PopulationRow[] = [];
  const areaIds = new Set<string>();
  const yearSet = years ? new Set<number>() : null;

  table.rows.forEach((r, i) => {
    if (isEmptyRow(r.cells)) return;
    let ok = true;
    const areaCell = r.cells[cArea.index] ?? null;
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
    } else if (area < 0) {
      ok = false;
      if (areas.known) {
        const v = cellText(areaCell);
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
    }
    const sexCell = r.cells[cSex.index] ?? null;
    const sex = parseSex(sexCell);
    if (sex <= 0) {
      ok = false;
      const v = cellText(sexCell);
      issues.error({
        code: sex === SEX_INVALID ? 'value-not-allowed' : 'value-missing',
        file,
        row: r.rowNumber,
        column: cSex.name,
        colIndex: cSex.index,
        ...(sex === SEX_INVALID ? { value: v } : {}),
        expected: SEX_ALLOWED,
        text:
          sex === SEX_INVALID
            ? `Wert ${qv(v)} ist nicht erlaubt (erlaubt: ${SEX_ALLOWED}).`
            : `Geschlecht fehlt (erwartet: ${SEX_ALLOWED}).`,
      });
    }
    const label = cellText(r.cells[cGroup.index]);
    let groupOk = false;
    if (label === '') {
      issues.error({
        code: 'value-missing',
        file,
        row: r.rowNumber,
        column: cGroup.name,
        colIndex: cGroup.index,
        expected: 'Altersgruppe wie „16-29“ oder „75+“',
        text: 'Altersgruppe fehlt (erwartet: z. B. „16-29“ oder „75+“).',
      });
    } else if (!groups.has(label)) {
      const g = parseAgeGroup(label);
      if (!g) {
        issues.error({
          code: 'age-group-invalid',
          file,
          row: r.rowNumber,
          column: cGroup.name,
          colIndex: cGroup.index,
          value: label,
          expected: 'Altersgruppe wie „16-29“ oder „75+“',
          text: `Wert ${qv(label)} ist keine Altersgruppe (erwartet: von-bis wie ${q('16-29')} oder offen wie ${q('75+')}).`,
        });
      } else {
        groups.set(label, { group: g, row: r.rowNumber });
        groupOk = true;
      }
    } else groupOk = true;
    if (!groupOk) {
      ok = false;
      labelErrors++;
    }
    if (area >= 0 && groupOk) {
      let set = groupsByArea.get(area);
      if (!set) groupsByArea.set(area, (set = new Set()));
      set.add(label);
    }
    const count = counts.values[i];
    const year = years ? years.values[i] : null;
    if (count === null || count === undefined || (years && (year === null || year === undefined))) ok = false;
    if (!ok || area < 0) return;
    const areaId = areas.idOf(area)!;
    const dupKey = `${area}\u0000${sex}\u0000${label}\u0000${year ?? ''}`;
    const first = seen.get(dupKey);
    if (first !== undefined) {
      issues.error({
        code: 'duplicate-row',
        file,
        row: r.rowNumber,
        text: `Zeile doppelt: Gebiet ${q(areaId)}, Geschlecht ${q(SEX_CODES[sex]!)}, Altersgruppe ${q(label)}${year !== null && year !== undefined ? `, Jahr ${year}` : ''} steht schon in Zeile ${first}.`,
      });
      return;
    }
    seen.set(dupKey, r.rowNumber);
    areaIds.add(areaId);
    if (yearSet && year !== null && year !== undefined) yearSet.add(year);
    rows.push({ areaId, sex: SEX_CODES[sex] as Sex, ageGroup: label, count: count ?? 0, year: year ?? null });
  });

  // Contiguous, non-overlapping groups.
  const { sorted, problems } = checkAgeGroups([...groups.values()].map((g) => g.group));
  for (const p of problems) {
    issues.error({
      code: p.code,
      file,
      row: groups.get(p.label)?.row,
      column: cGroup.name,
      colIndex: cGroup.index,
      value: p.label,
      text: p.text,
    });
  }
  // All residents (contract §4): the Häufigkeitszahl divides by every resident, children included.
  const youngest = problems.length === 0 ? sorted[0] : undefined;
  if (youngest && youngest.min >= SURVEY_MIN_AGE) {
    issues.warning({
      code: 'population-without-children',
      file,
      row: groups.get(youngest.label)?.row,
      column: cGroup.name,
      colIndex: cGroup.index,
      value: youngest.label,
      expected: `Altersgruppen ab 0 Jahren, z. B. ${q('0-15')}`,
      text: `Die Altersgruppen beginnen erst bei ${youngest.min} Jahren; Kinder und Jugendliche fehlen. Die Häufigkeitszahl wird dann nur auf die Einwohnerinnen und Einwohner ab ${youngest.min} Jahren bezogen und fällt im Vergleich mit Kreis und Land, die alle Einwohner zählen, zu hoch aus. Bitte die Altersgruppe ${q('0-15')} ergänzen.`,
    });
  }
  for (const g of problems.length === 0 ? sorted : []) {
    if (g.min < SURVEY_MIN_AGE && (g.max === null || g.max >= SURVEY_MIN_AGE)) {
      issues.warning({
        code: 'age-group-spans-survey-age',
        file,
        row: groups.get(g.label)?.row,
        column: cGroup.name,
        colIndex: cGroup.index,
        value: g.label,
        expected: `eine Altersgrenze bei ${SURVEY_MIN_AGE} Jahren, z. B. ${q('0-15')} und ${q('16-29')}`,
        text: `Altersgruppe ${q(g.label)} umfasst Alter unter und ab ${SURVEY_MIN_AGE} Jahren. Befragt wurden nur Personen ab ${SURVEY_MIN_AGE}; für die Gewichtung zählt die Gruppe trotzdem ganz. Bitte die Grenze bei ${SURVEY_MIN_AGE} ziehen (z. B. ${q('0-15')} und ${q('16-29')}).`,
      });
    }
  }
  // The same set of groups in every area.
  const all = [...groups.keys()];
  for (const [area, set] of labelErrors > 0 ? [] : groupsByArea) {
    const missing = sorted.map((g) => g.label).filter((l) => !set.has(l));
    if (missing.length === 0) continue;
    const id = areas.idOf(area) ?? '';
    issues.error({
      code: 'age-groups-differ',
      file,
      column: cGroup.name,
      colIndex: cGroup.index,
      text: `Für Gebiet ${q(id)} fehlen die Altersgruppen ${joinGerman(missing.map(q))} (jedes Gebiet braucht dieselben Altersgruppen: ${all.join(', ')}).`,
    });
  }
  // Every area of the manifest needs population figures.
  if (areas.known) {
    for (const [index, a] of areas.allAreas().entries()) {
      if (areaIds.has(a.id) || groupsByArea.has(index)) continue;
      issues.error({
        code: 'population-missing-area',
        file,
        column: cArea.name,
        colIndex: cArea.index,
        value: a.id,
        text: `Für Gebiet ${q(`${a.id} ${a.name}`)} aus analyse.json fehlen Einwohnerzahlen (erwartet: Zeilen für jedes Gebiet, Geschlecht und jede Altersgruppe).`,
      });
    }
  }
  return { rows, ageGroups: problems.length === 0 ? sorted : [], years: yearSet, areaIds };
}
