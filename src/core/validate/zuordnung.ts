/**
 * `befragung-zuordnung.json` (contract §3.4): maps a foreign survey export (LimeSurvey, Excel
 * forms, …) onto the standard codes. Schema (all keys optional; unknown keys are warnings):
 *
 * ```json
 * {
 *   "spalten":      { "G01Q03": "sg_wohngegend_nacht", "Stadtteil": "gebiet" },
 *   "werte":        { "*": { "A1": 1, "A2": 2, "A3": 3, "A4": 4, "A9": 9, "-oth-": null },
 *                     "geschlecht": { "AO01": "w", "AO02": "m", "AO03": "d" } },
 *   "ignorieren":   ["submitdate", "lastpage", "startlanguage"],
 *   "zusatzfragen": [ { "code": "z_spielplatz", "frage": "Wie sicher fühlen Sie sich auf Spielplätzen?",
 *                       "antworten": ["sehr sicher", "eher sicher", "eher unsicher", "sehr unsicher"] } ]
 * }
 * ```
 * - `spalten`: export column name (matched like every column name: case, umlauts, `-`/`_`/space)
 *   → standard code (an item, `gebiet`, `geschlecht`, `alter`, `altersgruppe`, `id`, `modus`,
 *   `angstort_1..3`) or the code of a `zusatzfragen` entry.
 * - `werte`: per standard code (after renaming), or `*` for every column, export value (text as
 *   written, trimmed) → the value to use instead (a code, a text like `w`, or null = empty). The
 *   replaced value is then checked like any other cell.
 * - `ignorieren`: export columns that are neither reported nor read (metadata of the tool).
 * - `zusatzfragen`: local extra questions, coded 1..k like standard items (k ≤ 7, since 8 and 9
 *   are reserved), listed in the report's appendix.
 */
import { z } from 'zod';
import type { Cell } from '../input/table.js';
import { normaliseColumnName } from '../input/columns.js';
import { ATTRIBUTE_COLUMNS, FREE_TEXT_COLUMNS, findItem } from '../model/codebook.js';
import type { ExtraQuestion } from '../model/dataset.js';
import type { InputFile } from '../ports.js';
import type { IssueCollector } from './collector.js';
import { dropKeys, keyPath, parseJsonFile, reportZodIssues } from './json.js';
import { q } from './message.js';

const MAX_EXTRA_LABELS = 7;

export const zuordnungSchema = z.strictObject({
  $schema: z.string().optional(),
  spalten: z
    .record(z.string(), z.string().trim().min(1, { error: 'darf nicht leer sein (erwartet: Standardcode).' }))
    .optional(),
  werte: z.record(z.string(), z.record(z.string(), z.union([z.number(), z.string(), z.null()]))).optional(),
  ignorieren: z.array(z.string()).optional(),
  zusatzfragen: z
    .array(
      z.strictObject({
        code: z.string().regex(/^[a-z][a-z0-9_]{0,59}$/, {
          error: 'ist kein gültiger Code (erwartet: Kleinbuchstaben, Ziffern und _, z. B. „z_spielplatz“).',
        }),
        frage: z.string().trim().min(1, { error: 'darf nicht leer sein (erwartet: Fragetext).' }),
        antworten: z
          .array(z.string().trim().min(1, { error: 'darf nicht leer sein (erwartet: Antworttext).' }))
          .min(2, { error: 'Mindestens zwei Antworten angeben.' })
          .max(MAX_EXTRA_LABELS, {
            error: `Höchstens ${MAX_EXTRA_LABELS} Antworten (8 und 9 sind für „trifft nicht zu“ und „weiß nicht“ reserviert).`,
          }),
      }),
    )
    .optional(),
});

export interface SurveyMapping {
  /** Normalised export column name → standard code. */
  readonly rename: ReadonlyMap<string, string>;
  /** Standard code (or `*`) → export value (trimmed text) → replacement cell. */
  readonly recode: ReadonlyMap<string, ReadonlyMap<string, Cell>>;
  /** Normalised export column names to ignore silently. */
  readonly ignore: ReadonlySet<string>;
  readonly extra: readonly ExtraQuestion[];
}

export const EMPTY_MAPPING: SurveyMapping = {
  rename: new Map(),
  recode: new Map(),
  ignore: new Set(),
  extra: [],
};

const STANDARD_NON_ITEMS: ReadonlySet<string> = new Set<string>([...ATTRIBUTE_COLUMNS, ...FREE_TEXT_COLUMNS]);

export function isStandardCode(code: string): boolean {
  return STANDARD_NON_ITEMS.has(code) || findItem(code) !== undefined;
}

/** Parses and checks the mapping; returns null when it has errors (the survey is then read without it). */
export function validateZuordnung(file: InputFile, issues: IssueCollector): SurveyMapping | null {
  const raw = parseJsonFile(file, issues);
  if (raw === undefined) return null;
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    issues.error({
      code: 'json-not-object',
      file: file.name,
      text: 'Die Datei enthält kein JSON-Objekt { … } (erwartet: „spalten“, „werte“, „ignorieren“, „zusatzfragen“).',
    });
    return null;
  }
  const before = issues.errorTotal;
  let parsed = zuordnungSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    const unknown = reportZodIssues(file.name, parsed.error.issues, issues);
    if (unknown.length > 0) {
      dropKeys(raw, unknown);
      parsed = zuordnungSchema.safeParse(raw, { reportInput: true });
    }
  }
  if (!parsed.success || issues.errorTotal > before) return null;
  const m = parsed.data;

  const extra: ExtraQuestion[] = [];
  const extraCodes = new Set<string>();
  (m.zusatzfragen ?? []).forEach((x, i) => {
    const path = keyPath(['zusatzfragen', i, 'code']);
    if (isStandardCode(x.code)) {
      issues.error({
        code: 'mapping-invalid',
        file: file.name,
        column: path,
        field: true,
        value: x.code,
        text: `Code ${q(x.code)} ist bereits ein Standardcode (erwartet: eigener Code, z. B. ${q(`z_${x.code}`)}).`,
      });
    } else if (extraCodes.has(x.code)) {
      issues.error({
        code: 'mapping-invalid',
        file: file.name,
        column: path,
        field: true,
        value: x.code,
        text: `Code ${q(x.code)} kommt doppelt vor.`,
      });
    } else {
      extraCodes.add(x.code);
      extra.push({ code: x.code, question: x.frage, labels: x.antworten });
    }
  });

  const known = (code: string): boolean => isStandardCode(code) || extraCodes.has(code);
  const rename = new Map<string, string>();
  for (const [from, to] of Object.entries(m.spalten ?? {})) {
    const target = normaliseColumnName(to);
    if (!known(target)) {
      issues.error({
        code: 'mapping-invalid',
        file: file.name,
        column: keyPath(['spalten', from]),
        field: true,
        value: to,
        text: `Ziel ${q(to)} ist kein Standardcode (erwartet: Code aus der Eingabebeschreibung, z. B. ${q('sg_wohngegend_nacht')}, ${q('gebiet')}, oder ein Code aus „zusatzfragen“).`,
      });
      continue;
    }
    rename.set(normaliseColumnName(from), target);
  }
  const recode = new Map<string, Map<string, Cell>>();
  for (const [code, values] of Object.entries(m.werte ?? {})) {
    const target = code === '*' ? '*' : normaliseColumnName(code);
    if (target !== '*' && !known(target)) {
      issues.error({
        code: 'mapping-invalid',
        file: file.name,
        column: keyPath(['werte', code]),
        field: true,
        value: code,
        text: `${q(code)} ist kein Standardcode (erwartet: Code nach der Umbenennung oder ${q('*')} für alle Spalten).`,
      });
      continue;
    }
    const map = new Map<string, Cell>();
    for (const [from, to] of Object.entries(values)) map.set(from.trim(), to);
    recode.set(target, map);
  }
  const ignore = new Set((m.ignorieren ?? []).map((c) => normaliseColumnName(c)));
  if (issues.errorTotal > before) return null;
  return { rename, recode, ignore, extra };
}
