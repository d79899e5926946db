/**
 * `befragung` (contract §3): one row per respondent. Fills the Survey's typed arrays in one pass
 * over the rows: no per-row objects are kept (except Angstort mentions) and no closure is created
 * per cell; each column is described once and dispatched by a small integer kind.
 *
 * Decisions:
 * - Rows whose cells are all empty are skipped (not respondents).
 * - `alter` wins over `altersgruppe` where both are filled; a mismatch is a warning.
 * - An age below the youngest (or above the oldest closed) population age group is a warning;
 *   the respondent gets ageGroup -1.
 * - `anzeige_<d>` answered (1 or 2) while `opfer_<d>` is not 1 is an error naming both columns.
 * - An item column without a single answer (an unused template column) is left out of the Survey;
 *   for the standard indicator `sg_wohngegend_nacht` that is an error.
 * - Invalid answer cells are kept as 255 internally, so they do not cascade into the
 *   anzeige/opfer check; the Survey is only handed out when there are no errors.
 */
import type { Cell, RawTable } from '../input/table.js';
import { normaliseColumnName } from '../input/columns.js';
import {
  ATTRIBUTE_COLUMNS,
  DELIKTE,
  FREE_TEXT_COLUMNS,
  REQUIRED_ITEM,
  findItem,
  maxCode,
} from '../model/codebook.js';
import type { AgeGroup, Survey } from '../model/dataset.js';
import { SURVEY_MIN_AGE } from '../analysis/survey/population.js';
import { MAX_AGE, MIN_AGE, ageLookup } from './age-groups.js';
import { AREA_EMPTY, type AreaResolver } from './areas.js';
import { CODE_INVALID, parseAnswer } from './answer-codes.js';
import { cellText, Columns, isEmptyRow } from './cells.js';
import type { IssueCollector, IssueSink } from './collector.js';
import { findDuplicateIds, hashText } from './duplicate-ids.js';
import { allowedCodes, q, qv } from './message.js';
import { parseSex, SEX_ALLOWED, SEX_INVALID } from './sex.js';
import type { SurveyMapping } from './zuordnung.js';
import { withLimeSurvey } from '../import/limesurvey.js';

export interface SurveyContext {
  readonly areas: AreaResolver;
  /** Age groups of `bevoelkerung`, sorted; null when unknown (missing or invalid population file). */
  readonly ageGroups: readonly AgeGroup[] | null;
  /** Name of the population file, for messages. */
  readonly populationFile: string;
  readonly mapping: SurveyMapping;
}

const enum Kind {
  Area,
  Sex,
  Age,
  AgeGroup,
  Id,
  Mode,
  Item,
  FreeText,
}

interface ColumnPlan {
  readonly kind: Kind;
  readonly index: number;
  readonly name: string;
  readonly code: string;
  readonly max: number;
  readonly out: Uint8Array | null;
  readonly recode: ReadonlyMap<string, Cell> | null;
  /** Counts this column's errors; the message is only built while the group is not full. */
  readonly sink: IssueSink;
}

const MODE: Readonly<Record<string, number>> = { papier: 1, online: 2 };
const ATTRIBUTES: ReadonlySet<string> = new Set(ATTRIBUTE_COLUMNS);
const FREE_TEXT: ReadonlySet<string> = new Set(FREE_TEXT_COLUMNS);

function recodeCell(map: ReadonlyMap<string, Cell>, cell: Cell | undefined): Cell {
  if (cell === null || cell === undefined) return null;
  const key = typeof cell === 'string' ? cell.trim() : String(cell);
  return map.has(key) ? (map.get(key) ?? null) : cell;
}

function codeText(code: number): string {
  return code === 0 ? 'leer' : String(code);
}

export function validateBefragung(
  table: RawTable,
  ctx: SurveyContext,
  issues: IssueCollector,
): Survey | null {
  const file = table.file;
  const { areas } = ctx;
  const { mapping, recognised } = withLimeSurvey(table.columns, ctx.mapping);
  if (recognised > 0)
    issues.warning({
      code: 'limesurvey-recognised',
      file,
      text: `LimeSurvey-Export des Standardfragebogens erkannt: ${recognised} Spalten über ihre Fragecodes zugeordnet.`,
    });
  const cols = Columns.of(table, issues, mapping.rename);
  const nRows = table.rows.length;
  const extraMax = new Map(mapping.extra.map((x) => [x.code, x.labels.length]));

  // Required columns.
  const missing: string[] = [];
  for (const key of ['gebiet', 'geschlecht', REQUIRED_ITEM]) if (!cols.has(key)) missing.push(key);
  for (const key of missing) cols.require(key, table, issues);
  if (!cols.has('alter') && !cols.has('altersgruppe')) {
    issues.error({
      code: 'column-missing',
      file,
      column: 'alter',
      expected: 'alter oder altersgruppe',
      text: `Pflichtspalte fehlt (erwartet: ${q('alter')} oder ${q('altersgruppe')}).`,
    });
  }

  const items: Record<string, Uint8Array> = {};
  const extra: Record<string, Uint8Array> = {};
  const plans: ColumnPlan[] = [];
  const star = mapping.recode.get('*');
  for (const ref of cols.all) {
    const specific = mapping.recode.get(ref.key);
    const recode = star && specific ? new Map([...star, ...specific]) : (specific ?? star ?? null);
    const sinkFor = (code: string): IssueSink => issues.sink('error', file, code, ref.name, ref.index);
    const base = {
      index: ref.index,
      name: ref.name,
      code: ref.key,
      recode,
      sink: sinkFor(
        ref.key === 'gebiet'
          ? 'unknown-area'
          : ref.key === 'altersgruppe'
            ? 'age-group-unknown'
            : 'value-not-allowed',
      ),
    };
    const item = findItem(ref.key);
    const extraK = extraMax.get(ref.key);
    if (item) {
      const out = new Uint8Array(nRows);
      items[ref.key] = out;
      plans.push({ ...base, kind: Kind.Item, max: maxCode(item), out });
    } else if (extraK !== undefined) {
      const out = new Uint8Array(nRows);
      extra[ref.key] = out;
      plans.push({ ...base, kind: Kind.Item, max: extraK, out });
    } else if (FREE_TEXT.has(ref.key)) {
      plans.push({ ...base, kind: Kind.FreeText, max: 0, out: null });
    } else if (ATTRIBUTES.has(ref.key)) {
      const kind = {
        gebiet: Kind.Area,
        geschlecht: Kind.Sex,
        alter: Kind.Age,
        altersgruppe: Kind.AgeGroup,
        id: Kind.Id,
        modus: Kind.Mode,
      }[ref.key as (typeof ATTRIBUTE_COLUMNS)[number]];
      plans.push({ ...base, kind, max: 0, out: null });
    } else if (!mapping.ignore.has(normaliseColumnName(ref.name))) {
      issues.warning({
        code: 'column-unknown',
        file,
        column: ref.name,
        colIndex: ref.index,
        text: 'unbekannte Spalte – wird nicht ausgewertet (Zusatzfragen in befragung-zuordnung.json anmelden).',
      });
    }
  }
  for (const x of mapping.extra) {
    if (!cols.has(x.code))
      issues.warning({
        code: 'extra-column-missing',
        file,
        column: x.code,
        text: `Die Zusatzfrage ${q(x.code)} aus befragung-zuordnung.json kommt in der Datei nicht vor.`,
      });
  }

  const area = new Int16Array(nRows);
  const sex = new Uint8Array(nRows);
  const ageGroup = new Int8Array(nRows).fill(-1);
  const age = new Uint8Array(nRows);
  const mode = new Uint8Array(nRows);
  const rowNo = new Uint32Array(nRows);
  const hasId = cols.has('id');
  const idHash = hasId ? new Uint32Array(nRows) : null;
  const idPresent = hasId ? new Uint8Array(nRows) : null;
  const idSource = hasId ? new Uint32Array(nRows) : null;
  const freeText: { area: number; text: string }[] = [];

  const groups = ctx.ageGroups;
  const lookup = groups && groups.length > 0 ? ageLookup(groups) : null;
  const groupIndex = new Map((groups ?? []).map((g, i) => [g.label, i]));
  const groupList = (groups ?? []).map((g) => g.label).join(', ');
  const youngest = groups?.[0];
  const oldest = groups?.[groups.length - 1];
  let groupColumn: ColumnPlan | undefined;
  let ageColumn: ColumnPlan | undefined;
  for (const p of plans) {
    if (p.kind === Kind.AgeGroup) groupColumn = p;
    if (p.kind === Kind.Age) ageColumn = p;
  }

  const ageWarnings = issues.sink('warning', file, 'age-outside-groups', ageColumn?.name, ageColumn?.index);
  const mismatchWarnings = issues.sink(
    'warning',
    file,
    'age-group-mismatch',
    groupColumn?.name,
    groupColumn?.index,
  );
  let n = 0;
  const rows = table.rows;
  for (let r = 0; r < nRows; r++) {
    const row = rows[r]!;
    const cells = row.cells;
    if (isEmptyRow(cells)) continue;
    const rn = row.rowNumber;
    rowNo[n] = rn;
    area[n] = AREA_EMPTY;
    sex[n] = 0;
    ageGroup[n] = -1;
    age[n] = 0;
    mode[n] = 0;
    let groupFromLabel = -1;
    const firstMention = freeText.length;
    for (let c = 0; c < plans.length; c++) {
      const p = plans[c]!;
      const raw = cells[p.index];
      const cell = p.recode ? recodeCell(p.recode, raw) : (raw ?? null);
      switch (p.kind) {
        case Kind.Item: {
          const code = parseAnswer(cell, p.max);
          p.out![n] = code;
          if (code === CODE_INVALID && p.sink.take()) {
            const v = cellText(raw ?? null);
            const allowed = allowedCodes(p.max);
            issues.error({
              code: 'value-not-allowed',
              file,
              row: rn,
              column: p.name,
              colIndex: p.index,
              value: v,
              expected: allowed,
              text: `Wert ${qv(v)} ist nicht erlaubt (erlaubt: ${allowed}).`,
            });
          }
          break;
        }
        case Kind.Area: {
          const a = areas.resolve(cell);
          if (a >= 0 || a === AREA_EMPTY) area[n] = a;
          else if (areas.known && p.sink.take()) {
            const v = cellText(raw ?? null);
            issues.error({
              code: 'unknown-area',
              file,
              row: rn,
              column: p.name,
              colIndex: p.index,
              value: v,
              expected: areas.expected(),
              text: areas.unknownText(v),
            });
          }
          break;
        }
        case Kind.Sex: {
          const s = parseSex(cell);
          if (s === SEX_INVALID) {
            if (!p.sink.take()) break;
            const v = cellText(raw ?? null);
            issues.error({
              code: 'value-not-allowed',
              file,
              row: rn,
              column: p.name,
              colIndex: p.index,
              value: v,
              expected: `${SEX_ALLOWED} oder leer`,
              text: `Wert ${qv(v)} ist nicht erlaubt (erlaubt: ${SEX_ALLOWED} oder leer).`,
            });
          } else sex[n] = s;
          break;
        }
        case Kind.Age: {
          if (cell === null || (typeof cell === 'string' && cell.trim() === '')) break;
          const t =
            typeof cell === 'number'
              ? cell
              : typeof cell === 'string' && /^\s*\d{1,3}\s*$/.test(cell)
                ? Number(cell)
                : NaN;
          if (!Number.isInteger(t) || t < MIN_AGE || t > MAX_AGE) {
            if (!p.sink.take()) break;
            const v = cellText(raw ?? null);
            const expected = `ganze Jahre von ${MIN_AGE} bis ${MAX_AGE} oder leer`;
            issues.error({
              code: 'value-not-allowed',
              file,
              row: rn,
              column: p.name,
              colIndex: p.index,
              value: v,
              expected,
              text: `Wert ${qv(v)} ist nicht erlaubt (erlaubt: ${expected}).`,
            });
            break;
          }
          age[n] = t;
          if (lookup) {
            const g = lookup[t]!;
            ageGroup[n] = g;
            const below = g >= 0 && groups![g]!.max !== null && groups![g]!.max! < SURVEY_MIN_AGE;
            if (below && ageWarnings.take()) {
              // The population's youngest group (e.g. 0-15) is outside the survey population.
              issues.warning({
                code: 'age-outside-groups',
                file,
                row: rn,
                column: p.name,
                colIndex: p.index,
                value: String(t),
                text: `Alter ${t} liegt unter dem Mindestalter der Befragung (${SURVEY_MIN_AGE} Jahre); die Person zählt in den Gesamtergebnissen, aber in keiner Altersgruppe.`,
              });
            }
            if (g < 0 && ageWarnings.take()) {
              const text =
                youngest && t < youngest.min
                  ? `Alter ${t} liegt unter der jüngsten Altersgruppe ${q(youngest.label)} aus ${ctx.populationFile}; die Person wird keiner Altersgruppe zugeordnet.`
                  : `Alter ${t} liegt über der ältesten Altersgruppe ${q(oldest?.label ?? '')} aus ${ctx.populationFile}; die Person wird keiner Altersgruppe zugeordnet.`;
              issues.warning({
                code: 'age-outside-groups',
                file,
                row: rn,
                column: p.name,
                colIndex: p.index,
                value: String(t),
                text,
              });
            }
          }
          break;
        }
        case Kind.AgeGroup: {
          if (cell === null) break;
          const label = typeof cell === 'string' ? cell.trim() : String(cell);
          if (label === '' || !groups) break;
          const g = groupIndex.get(label);
          if (g === undefined) {
            if (!p.sink.take()) break;
            const expected = `${groupList} oder leer`;
            issues.error({
              code: 'age-group-unknown',
              file,
              row: rn,
              column: p.name,
              colIndex: p.index,
              value: label,
              expected,
              text: `Wert ${qv(label)} ist keine Altersgruppe aus ${ctx.populationFile} (erlaubt: ${expected}).`,
            });
          } else groupFromLabel = g;
          break;
        }
        case Kind.Id: {
          if (cell === null) break;
          const t = typeof cell === 'string' ? cell.trim() : String(cell);
          if (t === '') break;
          idHash![n] = hashText(t);
          idPresent![n] = 1;
          idSource![n] = r;
          break;
        }
        case Kind.Mode: {
          if (cell === null) break;
          const t = typeof cell === 'string' ? cell.trim().toLowerCase() : String(cell);
          if (t === '') break;
          const m = MODE[t];
          if (m === undefined) {
            if (!p.sink.take()) break;
            const v = cellText(raw ?? null);
            issues.error({
              code: 'value-not-allowed',
              file,
              row: rn,
              column: p.name,
              colIndex: p.index,
              value: v,
              expected: 'papier, online oder leer',
              text: `Wert ${qv(v)} ist nicht erlaubt (erlaubt: papier, online oder leer).`,
            });
          } else mode[n] = m;
          break;
        }
        case Kind.FreeText: {
          if (cell === null) break;
          const t = typeof cell === 'string' ? cell.trim() : String(cell);
          if (t !== '') freeText.push({ area: -1, text: t });
          break;
        }
      }
    }
    if (groupFromLabel >= 0) {
      if (age[n] === 0) ageGroup[n] = groupFromLabel;
      else if (
        ageGroup[n]! >= 0 &&
        ageGroup[n] !== groupFromLabel &&
        groupColumn &&
        ageColumn &&
        mismatchWarnings.take()
      ) {
        issues.warning({
          code: 'age-group-mismatch',
          file,
          row: rn,
          column: groupColumn.name,
          colIndex: groupColumn.index,
          value: groups![groupFromLabel]!.label,
          text: `Altersgruppe ${q(groups![groupFromLabel]!.label)} passt nicht zum Alter ${age[n]} in Spalte ${q(ageColumn.name)}; verwendet wird das Alter.`,
        });
      }
    }
    // Angstort mentions of this row get the row's area (known once all columns were read).
    for (let k = firstMention; k < freeText.length; k++) freeText[k]!.area = area[n]!;
    n++;
  }

  checkReportedWithoutVictim(plans, n, rowNo, file, issues);

  if (idHash && idPresent && idSource) {
    const pairs = findDuplicateIds(idHash, idPresent, n, (i) =>
      cellText(rows[idSource[i]!]!.cells[cols.get('id')!.index] ?? null),
    );
    const idCol = cols.get('id')!;
    const sink = issues.sink('error', file, 'duplicate-id', idCol.name, idCol.index);
    for (const [first, dup] of pairs) {
      if (!sink.take()) continue;
      const v = cellText(rows[idSource[dup]!]!.cells[idCol.index] ?? null);
      issues.error({
        code: 'duplicate-id',
        file,
        row: rowNo[dup],
        column: idCol.name,
        colIndex: idCol.index,
        value: v,
        text: `Kennung ${qv(v)} kommt doppelt vor (auch in Zeile ${rowNo[first]}); jede Kennung darf nur einmal vorkommen.`,
      });
    }
  }

  if (n === 0 && nRows > 0)
    issues.error({ code: 'no-data', file, text: 'Die Datei enthält keine ausgefüllten Datenzeilen.' });

  // Questions without a single answer were not asked (an unused template column): drop them.
  // The standard indicator must have answers.
  for (const p of plans) {
    if (p.kind !== Kind.Item || n === 0 || hasAnswer(p.out!, n)) continue;
    if (p.code === REQUIRED_ITEM) {
      issues.error({
        code: 'column-empty',
        file,
        column: p.name,
        colIndex: p.index,
        text: 'Die Pflichtspalte enthält keine einzige Antwort (erwartet: Antworten des Standardindikators).',
      });
    }
    delete items[p.code];
    delete extra[p.code];
  }

  const cut = <T extends Uint8Array | Int8Array | Int16Array>(a: T): T =>
    n === nRows ? a : (a.slice(0, n) as T);
  const cutAll = (rec: Record<string, Uint8Array>): Record<string, Uint8Array> => {
    const out: Record<string, Uint8Array> = {};
    for (const [k, v] of Object.entries(rec)) out[k] = cut(v);
    return out;
  };
  return {
    size: n,
    area: cut(area),
    sex: cut(sex),
    ageGroup: cut(ageGroup),
    age: cut(age),
    mode: cut(mode),
    items: cutAll(items),
    freeText,
    extra: cutAll(extra),
  };
}

function hasAnswer(column: Uint8Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (column[i] !== 0) return true;
  return false;
}

/** `anzeige_<d>` = 1/2 requires `opfer_<d>` = 1 (the question is only asked of victims). */
function checkReportedWithoutVictim(
  plans: readonly ColumnPlan[],
  n: number,
  rowNo: Uint32Array,
  file: string,
  issues: IssueCollector,
): void {
  const byCode = new Map(plans.filter((p) => p.kind === Kind.Item).map((p) => [p.code, p]));
  for (const d of Object.keys(DELIKTE)) {
    const anz = byCode.get(`anzeige_${d}`);
    if (!anz) continue;
    const opf = byCode.get(`opfer_${d}`);
    if (!opf) {
      issues.warning({
        code: 'filter-column-missing',
        file,
        column: anz.name,
        colIndex: anz.index,
        text: `Spalte ${q(`opfer_${d}`)} fehlt; ohne sie lässt sich die Anzeigequote nicht auf Opfer beziehen.`,
      });
      continue;
    }
    const a = anz.out!;
    const o = opf.out!;
    const sink = issues.sink('error', file, 'filter-inconsistent', anz.name, anz.index);
    for (let i = 0; i < n; i++) {
      const av = a[i]!;
      if (av !== 1 && av !== 2) continue;
      const ov = o[i]!;
      if (ov === 1 || ov === CODE_INVALID || !sink.take()) continue;
      issues.error({
        code: 'filter-inconsistent',
        file,
        row: rowNo[i],
        column: anz.name,
        colIndex: anz.index,
        value: String(av),
        expected: '8, 9 oder leer',
        text: `Wert ${q(String(av))} ist angegeben, obwohl in Spalte ${q(opf.name)} nicht 1 (ja) steht (Wert ${q(codeText(ov))}); die Anzeige wird nur bei Opfern erfragt (erlaubt hier: 8, 9 oder leer).`,
      });
    }
  }
}
