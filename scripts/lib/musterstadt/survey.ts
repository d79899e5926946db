/**
 * The survey file `befragung.csv`: one row per returned questionnaire, written like a German
 * Excel "CSV UTF-8" export (BOM, `;`, CRLF).
 */
import { FREE_TEXT_COLUMNS, ITEMS } from '../../../src/core/model/codebook.js';
import { buildAngstorte } from './angstorte.js';
import { answerRespondent } from './answers.js';
import type { Answers } from './answers.js';
import { toCsv, utf8 } from './csv.js';
import type { PopRow } from './population.js';
import { buildRespondents } from './respondents.js';
import type { Respondent, SurveyWave } from './respondents.js';
import type { Rng } from './rng.js';

export interface SurveyData {
  readonly respondents: readonly Respondent[];
  readonly answers: readonly Answers[];
  readonly angstorte: readonly string[][];
}

export function buildSurvey(rng: Rng, pop: readonly PopRow[], wave?: SurveyWave): SurveyData {
  const respondents = buildRespondents(rng.fork('respondents'), pop, wave);
  const answerRng = rng.fork('answers');
  const generated = respondents.map((r) => answerRespondent(answerRng, r, wave?.areas));
  const angstorte = buildAngstorte(
    rng.fork('angstorte'),
    respondents.map((r, i) => ({ area: r.area, fear: generated[i]?.fear ?? 0 })),
  );
  return { respondents, answers: generated.map((g) => g.answers), angstorte };
}

export const SURVEY_COLUMNS: readonly string[] = [
  'id',
  'gebiet',
  'geschlecht',
  'alter',
  'modus',
  ...ITEMS.map((i) => i.code),
  ...FREE_TEXT_COLUMNS,
];

export function surveyCsv(s: SurveyData): Buffer {
  const rows: (string | number)[][] = [[...SURVEY_COLUMNS]];
  s.respondents.forEach((r, i) => {
    const answers = s.answers[i];
    const places = s.angstorte[i] ?? [];
    rows.push([
      String(i + 1),
      r.gebietCell,
      r.sexCell,
      r.ageCell,
      r.mode,
      ...ITEMS.map((item) => answers?.get(item.code) ?? ''),
      ...FREE_TEXT_COLUMNS.map((_, k) => places[k] ?? ''),
    ]);
  });
  return utf8(toCsv(rows, ';', '\r\n'), true);
}
