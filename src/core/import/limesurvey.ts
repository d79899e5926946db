/**
 * LimeSurvey response exports (CSV or XLSX, "Antworten exportieren"): recognises the columns of a
 * survey built from our `.lss` (src/core/questionnaire/lss.ts) in every heading format LimeSurvey
 * offers (question code `SG[wohngegendnacht]`, full question text `Wie sicher … [nachts in Ihrer
 * Wohngegend]`, code and text `SG[wohngegendnacht]. Wie sicher …`), with answer codes or answer
 * texts and `N/A`, and names LimeSurvey's own metadata columns (submitdate, lastpage, …).
 *
 * This is no guess: the codes are ours. A foreign LimeSurvey survey (its own codes, `A1`…) goes
 * through the mapping assistant (src/core/mapping) instead.
 */
import { normaliseColumnName } from '../input/columns.js';
import type { Cell } from '../input/table.js';
import { isStandardCode, type SurveyMapping } from '../validate/zuordnung.js';
import {
  lsColumn,
  standardQuestionnaire,
  type Question,
  type QuestionRow,
} from '../questionnaire/structure.js';

/** LimeSurvey's metadata and timing columns (code headings and their German full headings). */
const META = new Set(
  [
    'submitdate',
    'lastpage',
    'startlanguage',
    'seed',
    'startdate',
    'datestamp',
    'token',
    'ipaddr',
    'refurl',
    'interviewtime',
    'optout',
    'emailstatus',
    'Datum Abgeschickt',
    'Letzte Seite',
    'Start-Sprache',
    'Zufallsstartwert',
    'Datum gestartet',
    'Datum letzte Aktivität',
    'Zugangsschlüssel',
    'IP-Adresse',
    'Verweis-URL',
    'Gesamtzeit',
  ].map(normaliseColumnName),
);

/** Values LimeSurvey writes for "no answer" (export option for empty values, and the "Keine Antwort" option). */
export const LIMESURVEY_EMPTY: readonly string[] = ['N/A', 'Keine Antwort', 'keine Antwort'];

export function isLimeSurveyMeta(column: string): boolean {
  const n = normaliseColumnName(column);
  // timing columns: `groupTime123`, `SGTime`, `G01Q01Time`
  return META.has(n) || /^(?:group)?\w*time\d*$/i.test(column.trim()) || /^seite_\d+_zeit/.test(n);
}

interface Known {
  readonly question: Question;
  readonly row: QuestionRow;
}

let index: { byColumn: Map<string, Known>; byText: Map<string, Known> } | undefined;

function fullHeading(q: Question, row: QuestionRow): string {
  return q.kind === 'array' || q.kind === 'texts' ? `${q.text} [${row.text}]` : q.text;
}

/** Normalised LimeSurvey columns (code and full text) of the standard questionnaire → their row. */
function standardIndex(): NonNullable<typeof index> {
  if (index) return index;
  const byColumn = new Map<string, Known>();
  const byText = new Map<string, Known>();
  for (const section of standardQuestionnaire())
    for (const question of section.questions)
      for (const row of question.rows) {
        byColumn.set(normaliseColumnName(lsColumn(question, row)), { question, row });
        byText.set(textKey(fullHeading(question, row)), { question, row });
      }
  index = { byColumn, byText };
  return index;
}

/** Question texts compared without markup, punctuation, case and spacing. */
function textKey(text: string): string {
  return normaliseColumnName(text.replace(/<[^>]*>/g, ' ')).replace(/[^a-z0-9]+/g, '');
}

/** The standard code a LimeSurvey column of our questionnaire stands for, or undefined. */
export function standardCodeOfLimeSurveyColumn(column: string): string | undefined {
  const { byColumn, byText } = standardIndex();
  const trimmed = column.trim();
  const direct = byColumn.get(normaliseColumnName(trimmed));
  if (direct) return direct.row.code;
  // the response id under its German full heading
  if (normaliseColumnName(trimmed) === 'antwort_id') return 'id';
  // "Fragecode und Fragetext": `SG[wohngegendnacht]. Wie sicher …` (or with another separator)
  const code = /^([A-Za-z][A-Za-z0-9]*(?:\[[A-Za-z0-9]+\])?)(?=[.:\s])/.exec(trimmed)?.[1];
  if (code) {
    const hit = byColumn.get(normaliseColumnName(code));
    if (hit) return hit.row.code;
  }
  return byText.get(textKey(trimmed))?.row.code;
}

/** Answer text → code for a standard code's answers (the "Antworttext" export). */
export function answerTextRecode(code: string): ReadonlyMap<string, Cell> | undefined {
  for (const section of standardQuestionnaire())
    for (const question of section.questions)
      if (question.rows.some((r) => r.code === code) && question.answers.length > 0) {
        const map = new Map<string, Cell>();
        for (const a of question.answers) {
          const value: Cell = /^\d+$/.test(a.code) ? Number(a.code) : a.code;
          map.set(a.label, value);
          map.set(a.label.toLowerCase(), value);
        }
        return map;
      }
  return undefined;
}

export interface LimeSurveyImport {
  readonly mapping: SurveyMapping;
  /** Columns recognised as questions of the standard questionnaire. */
  readonly recognised: number;
}

/**
 * Extends a mapping (from befragung-zuordnung.json, or empty) with the columns of a LimeSurvey
 * export of the standard questionnaire: renames, answer texts → codes, `N/A` → empty, metadata
 * ignored. What the user's mapping says wins. Unchanged when no column is recognised.
 */
export function withLimeSurvey(columns: readonly string[], mapping: SurveyMapping): LimeSurveyImport {
  const rename = new Map(mapping.rename);
  const recode = new Map(mapping.recode);
  const ignore = new Set(mapping.ignore);
  const targets = new Set([...rename.values(), ...columns.map(normaliseColumnName).filter(isStandardCode)]);
  let recognised = 0;
  for (const column of columns) {
    const normal = normaliseColumnName(column);
    if (normal === '' || rename.has(normal) || mapping.ignore.has(normal) || isStandardCode(normal)) continue;
    const code = standardCodeOfLimeSurveyColumn(column);
    if (code === undefined || targets.has(code)) continue;
    targets.add(code);
    rename.set(normal, code);
    recognised += 1;
    const texts = answerTextRecode(code);
    if (texts) recode.set(code, new Map([...texts, ...(mapping.recode.get(code) ?? [])]));
  }
  if (recognised === 0) return { mapping, recognised };
  for (const column of columns) if (isLimeSurveyMeta(column)) ignore.add(normaliseColumnName(column));
  const empty = new Map<string, Cell>(LIMESURVEY_EMPTY.map((v) => [v, null]));
  recode.set('*', new Map([...empty, ...(mapping.recode.get('*') ?? [])]));
  return { mapping: { ...mapping, rename, recode, ignore }, recognised };
}

/** The normalised code headings of the standard questionnaire and LimeSurvey's metadata (to find the header row of an XLSX export). */
export const LIMESURVEY_COLUMNS: readonly string[] = [...standardIndex().byColumn.keys(), ...META];
