/**
 * `befragung` (contract §3): one row per respondent. Works column by column on the reader's
 * dictionary-encoded columns (`tableData`): each distinct value of a column is interpreted once
 * into a small look-up table, and the respondents' codes are mapped through it into the Survey's
 * typed arrays; no per-row objects are kept (except Angstort mentions). Messages still name the
 * row (as Excel shows it), column and value of each bad cell.
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
import { cellAt, tableData } from '../input/columnar-table.js';
import type { Cell, ColumnData, RawTable } from '../input/table.js';
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
import { cellText, Columns, isEmptyCell } from './cells.js';
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

/** Not yet looked up (lazy look-up tables). */
const UNSET = -0x7fffffff;
const AGE_EMPTY = -1;
const AGE_INVALID = -2;

/** `alter`: whole years MIN_AGE..MAX_AGE, AGE_EMPTY or AGE_INVALID. */
function parseAge(cell: Cell): number {
  if (cell === null || (typeof cell === 'string' && cell.trim() === '')) return AGE_EMPTY;
  const t =
    typeof cell === 'number'
      ? cell
      : typeof cell === 'string' && /^\s*\d{1,3}\s*$/.test(cell)
        ? Number(cell)
        : NaN;
  return Number.isInteger(t) && t >= MIN_AGE && t <= MAX_AGE ? t : AGE_INVALID;
}

/** `modus`: 0 for empty, 1 papier, 2 online, -1 not allowed. */
function parseMode(cell: Cell): number {
  if (cell === null) return 0;
  const t = typeof cell === 'string' ? cell.trim().toLowerCase() : String(cell);
  if (t === '') return 0;
  return Object.hasOwn(MODE, t) ? MODE[t]! : -1;
}

/** The rows with at least one filled cell, or null when that is every row. */
function respondentRows(data: ColumnData): Int32Array | null {
  const cols = data.columns;
  const blank = cols.map((c) => Uint8Array.from(c.values, (v) => (isEmptyCell(v) ? 1 : 0)));
  const rows = new Int32Array(data.rowCount);
  let n = 0;
  for (let r = 0; r < data.rowCount; r++) {
    for (let c = 0; c < cols.length; c++) {
      if (blank[c]![cols[c]!.codes[r]!] === 0) {
        rows[n++] = r;
        break;
      }
    }
  }
  return n === data.rowCount ? null : rows.slice(0, n);
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
  const data = tableData(table);
  const nRows = data.rowCount;
  // Respondents: the rows with at least one filled cell (`keep` maps respondent → row; null when all are).
  const keep = respondentRows(data);
  const n = keep ? keep.length : nRows;
  const rowNo = new Uint32Array(n);
  for (let i = 0; i < n; i++) rowNo[i] = data.rowNumbers[keep ? keep[i]! : i]!;
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
      const out = new Uint8Array(n);
      items[ref.key] = out;
      plans.push({ ...base, kind: Kind.Item, max: maxCode(item), out });
    } else if (extraK !== undefined) {
      const out = new Uint8Array(n);
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

  const area = new Int16Array(n).fill(AREA_EMPTY);
  const sex = new Uint8Array(n);
  const ageGroup = new Int8Array(n).fill(-1);
  const age = new Uint8Array(n);
  const mode = new Uint8Array(n);
  const idHash = cols.has('id') ? new Uint32Array(n) : null;
  const idPresent = idHash ? new Uint8Array(n) : null;

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
  /** Per respondent: the age group named in `altersgruppe`, -1 where none. */
  const groupFromLabel = groupColumn ? new Int8Array(n).fill(-1) : null;

  // Column by column: each distinct value is interpreted once (a small look-up table per column),
  // then the respondents' codes are mapped through it; messages name the row of each bad cell.
  for (const p of plans) {
    const column = data.columns[p.index];
    if (!column || p.kind === Kind.FreeText) continue;
    const { values, codes } = column;
    const cellOf = (d: number): Cell => (p.recode ? recodeCell(p.recode, values[d]) : (values[d] ?? null));
    const valueText = (d: number): string => cellText(values[d] ?? null);
    switch (p.kind) {
      case Kind.Item: {
        const lut = new Uint8Array(values.length);
        for (let d = 0; d < values.length; d++) lut[d] = parseAnswer(cellOf(d), p.max);
        const out = p.out!;
        for (let i = 0; i < n; i++) {
          const d = codes[keep ? keep[i]! : i]!;
          const code = lut[d]!;
          out[i] = code;
          if (code === CODE_INVALID && p.sink.take()) {
            const v = valueText(d);
            const allowed = allowedCodes(p.max);
            issues.error({
              code: 'value-not-allowed',
              file,
              row: rowNo[i],
              column: p.name,
              colIndex: p.index,
              value: v,
              expected: allowed,
              text: `Wert ${qv(v)} ist nicht erlaubt (erlaubt: ${allowed}).`,
            });
          }
        }
        break;
      }
      case Kind.Area: {
        // Resolved on first appearance, in row order: the resolver remembers restored ids in that order.
        const lut = new Int32Array(values.length).fill(UNSET);
        for (let i = 0; i < n; i++) {
          const d = codes[keep ? keep[i]! : i]!;
          let a = lut[d]!;
          if (a === UNSET) lut[d] = a = areas.resolve(cellOf(d));
          if (a >= 0 || a === AREA_EMPTY) area[i] = a;
          else if (areas.known && p.sink.take()) {
            const v = valueText(d);
            issues.error({
              code: 'unknown-area',
              file,
              row: rowNo[i],
              column: p.name,
              colIndex: p.index,
              value: v,
              expected: areas.expected(),
              text: areas.unknownText(v),
            });
          }
        }
        break;
      }
      case Kind.Sex: {
        const lut = new Int8Array(values.length);
        for (let d = 0; d < values.length; d++) lut[d] = parseSex(cellOf(d));
        for (let i = 0; i < n; i++) {
          const d = codes[keep ? keep[i]! : i]!;
          const s = lut[d]!;
          if (s !== SEX_INVALID) sex[i] = s;
          else if (p.sink.take()) {
            const v = valueText(d);
            issues.error({
              code: 'value-not-allowed',
              file,
              row: rowNo[i],
              column: p.name,
              colIndex: p.index,
              value: v,
              expected: `${SEX_ALLOWED} oder leer`,
              text: `Wert ${qv(v)} ist nicht erlaubt (erlaubt: ${SEX_ALLOWED} oder leer).`,
            });
          }
        }
        break;
      }
      case Kind.Age: {
        const lut = new Int16Array(values.length);
        for (let d = 0; d < values.length; d++) lut[d] = parseAge(cellOf(d));
        for (let i = 0; i < n; i++) {
          const d = codes[keep ? keep[i]! : i]!;
          const t = lut[d]!;
          if (t === AGE_EMPTY) continue;
          if (t === AGE_INVALID) {
            if (!p.sink.take()) continue;
            const v = valueText(d);
            const expected = `ganze Jahre von ${MIN_AGE} bis ${MAX_AGE} oder leer`;
            issues.error({
              code: 'value-not-allowed',
              file,
              row: rowNo[i],
              column: p.name,
              colIndex: p.index,
              value: v,
              expected,
              text: `Wert ${qv(v)} ist nicht erlaubt (erlaubt: ${expected}).`,
            });
            continue;
          }
          age[i] = t;
          if (!lookup) continue;
          const g = lookup[t]!;
          ageGroup[i] = g;
          const below = g >= 0 && groups![g]!.max !== null && groups![g]!.max! < SURVEY_MIN_AGE;
          if (below && ageWarnings.take()) {
            // The population's youngest group (e.g. 0-15) is outside the survey population.
            issues.warning({
              code: 'age-outside-groups',
              file,
              row: rowNo[i],
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
              row: rowNo[i],
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
        if (!groups) break;
        // Per distinct value: the group index, -1 for empty, -2 for a label that is no group.
        const lut = new Int16Array(values.length);
        const labels: string[] = [];
        for (let d = 0; d < values.length; d++) {
          const cell = cellOf(d);
          const label = cell === null ? '' : typeof cell === 'string' ? cell.trim() : String(cell);
          labels.push(label);
          lut[d] = label === '' ? -1 : (groupIndex.get(label) ?? -2);
        }
        for (let i = 0; i < n; i++) {
          const d = codes[keep ? keep[i]! : i]!;
          const g = lut[d]!;
          if (g >= 0) groupFromLabel![i] = g;
          else if (g === -2 && p.sink.take()) {
            const label = labels[d]!;
            const expected = `${groupList} oder leer`;
            issues.error({
              code: 'age-group-unknown',
              file,
              row: rowNo[i],
              column: p.name,
              colIndex: p.index,
              value: label,
              expected,
              text: `Wert ${qv(label)} ist keine Altersgruppe aus ${ctx.populationFile} (erlaubt: ${expected}).`,
            });
          }
        }
        break;
      }
      case Kind.Id: {
        const hashes = new Float64Array(values.length).fill(-1);
        for (let d = 0; d < values.length; d++) {
          const cell = cellOf(d);
          const t = cell === null ? '' : typeof cell === 'string' ? cell.trim() : String(cell);
          if (t !== '') hashes[d] = hashText(t);
        }
        for (let i = 0; i < n; i++) {
          const h = hashes[codes[keep ? keep[i]! : i]!]!;
          if (h < 0) continue;
          idHash![i] = h;
          idPresent![i] = 1;
        }
        break;
      }
      case Kind.Mode: {
        const lut = new Int8Array(values.length);
        for (let d = 0; d < values.length; d++) lut[d] = parseMode(cellOf(d));
        for (let i = 0; i < n; i++) {
          const d = codes[keep ? keep[i]! : i]!;
          const m = lut[d]!;
          if (m >= 0) mode[i] = m;
          else if (p.sink.take()) {
            const v = valueText(d);
            issues.error({
              code: 'value-not-allowed',
              file,
              row: rowNo[i],
              column: p.name,
              colIndex: p.index,
              value: v,
              expected: 'papier, online oder leer',
              text: `Wert ${qv(v)} ist nicht erlaubt (erlaubt: papier, online oder leer).`,
            });
          }
        }
        break;
      }
    }
  }

  // `alter` wins over `altersgruppe`; the group fills in where no age is given.
  if (groupFromLabel && groups) {
    for (let i = 0; i < n; i++) {
      const g = groupFromLabel[i]!;
      if (g < 0) continue;
      if (age[i] === 0) ageGroup[i] = g;
      else if (
        ageGroup[i]! >= 0 &&
        ageGroup[i] !== g &&
        groupColumn &&
        ageColumn &&
        mismatchWarnings.take()
      ) {
        issues.warning({
          code: 'age-group-mismatch',
          file,
          row: rowNo[i],
          column: groupColumn.name,
          colIndex: groupColumn.index,
          value: groups[g]!.label,
          text: `Altersgruppe ${q(groups[g]!.label)} passt nicht zum Alter ${age[i]} in Spalte ${q(ageColumn.name)}; verwendet wird das Alter.`,
        });
      }
    }
  }

  // Angstort mentions in row order (columns in file order within a row), each with its row's area.
  const freeText: { area: number; text: string }[] = [];
  const textColumns = plans
    .filter((p) => p.kind === Kind.FreeText)
    .map((p) => ({ p, column: data.columns[p.index] }));
  if (textColumns.length > 0) {
    for (let i = 0; i < n; i++) {
      const r = keep ? keep[i]! : i;
      for (const { p, column } of textColumns) {
        if (!column) continue;
        const raw = cellAt(column, r);
        const cell = p.recode ? recodeCell(p.recode, raw) : raw;
        if (cell === null) continue;
        const t = typeof cell === 'string' ? cell.trim() : String(cell);
        if (t !== '') freeText.push({ area: area[i]!, text: t });
      }
    }
  }

  checkReportedWithoutVictim(plans, n, rowNo, file, issues);

  if (idHash && idPresent) {
    const idCol = cols.get('id')!;
    const idColumn = data.columns[idCol.index];
    const idText = (i: number): string => (idColumn ? cellText(cellAt(idColumn, keep ? keep[i]! : i)) : '');
    const pairs = findDuplicateIds(idHash, idPresent, n, idText);
    const sink = issues.sink('error', file, 'duplicate-id', idCol.name, idCol.index);
    for (const [first, dup] of pairs) {
      if (!sink.take()) continue;
      const v = idText(dup);
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

  return { size: n, area, sex, ageGroup, age, mode, items, freeText, extra };
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
