/**
 * The standard questionnaire, derived from the codebook: its sections, questions (single choice,
 * arrays of items sharing one scale, numbers, short texts) and answer options. The printed
 * questionnaire (PDF), the LimeSurvey structure (.lss) and the recognition of a LimeSurvey export
 * (src/core/import/limesurvey.ts) all read this one structure, so their codes always agree.
 *
 * LimeSurvey codes: a question code starts with a letter and has only letters and digits (at most
 * 20); an array's subquestion codes likewise. A column of a LimeSurvey export is then named
 * `FRAGE` or `FRAGE[teilfrage]`, e.g. `SG[wohngegendnacht]` for `sg_wohngegend_nacht`.
 */
import {
  CODE_DONT_KNOW,
  CODE_NOT_APPLICABLE,
  ITEMS,
  SCALES,
  findItem,
  type ItemDef,
  type ScaleId,
} from '../model/codebook.js';
import type { Area } from '../model/dataset.js';

export const DONT_KNOW_LABEL = 'weiß nicht';
export const NOT_APPLICABLE_LABEL = 'trifft nicht zu';

export interface AnswerOption {
  /** The code written into the data: `1`…`k`, `8`, `9`, or `w`/`m`/`d`, or an area id. */
  readonly code: string;
  readonly label: string;
}

export interface QuestionRow {
  /** The standard code (contract §3), e.g. `sg_wohngegend_nacht`, `gebiet`, `angstort_1`. */
  readonly code: string;
  /** Subquestion code in LimeSurvey (arrays and multiple texts only). */
  readonly lsCode: string;
  readonly text: string;
}

/** `text`: one short free text; `texts`: several (one per row). */
export type QuestionKind = 'single' | 'array' | 'number' | 'text' | 'texts';

export interface Question {
  /** Question code in LimeSurvey. */
  readonly lsCode: string;
  readonly kind: QuestionKind;
  readonly text: string;
  /** Hint under the question, e.g. "Bitte in jeder Zeile ein Kästchen ankreuzen." */
  readonly help?: string;
  /** `single` and `number`: one row (the item); `array` and `texts`: one row per subquestion. */
  readonly rows: readonly QuestionRow[];
  readonly answers: readonly AnswerOption[];
  /** Only shown where the respondent answered another item so (LimeSurvey relevance), per row. */
  readonly condition?: (row: QuestionRow) => { readonly code: string; readonly value: string } | undefined;
}

export interface Section {
  readonly title: string;
  readonly questions: readonly Question[];
}

export interface QuestionnaireOptions {
  /** The areas to choose from; without them, the area is asked as text. */
  readonly areas?: readonly Area[];
}

/** Scales that offer "weiß nicht" (9) and "trifft nicht zu" (8). */
const DONT_KNOW: ReadonlySet<ScaleId> = new Set<ScaleId>([
  'entwicklung_lq',
  'risiko4',
  'problem4',
  'zufrieden4',
  'praesenz3',
  'zustimmung4',
  'trend5',
]);
const NOT_APPLICABLE: ReadonlySet<ScaleId> = new Set<ScaleId>(['sicher4', 'vermeiden5']);

export function answersOf(scale: ScaleId): AnswerOption[] {
  const out = SCALES[scale].labels.map((label, i) => ({ code: String(i + 1), label }));
  if (NOT_APPLICABLE.has(scale)) out.push({ code: String(CODE_NOT_APPLICABLE), label: NOT_APPLICABLE_LABEL });
  if (DONT_KNOW.has(scale)) out.push({ code: String(CODE_DONT_KNOW), label: DONT_KNOW_LABEL });
  return out;
}

const lsPart = (text: string): string => text.replace(/[^A-Za-z0-9]/g, '').slice(0, 20);

function single(lsCode: string, code: string, text?: string): Question {
  const item = findItem(code)!;
  return {
    lsCode,
    kind: 'single',
    text: text ?? item.question,
    rows: [{ code, lsCode: '', text: item.label }],
    answers: answersOf(item.scale),
  };
}

function array(lsCode: string, prefix: string, text: string, rowText: (i: ItemDef) => string): Question {
  const items = ITEMS.filter((i) => i.code.startsWith(`${prefix}_`));
  const scale = items[0]!.scale;
  return {
    lsCode,
    kind: 'array',
    text,
    help: 'Bitte in jeder Zeile ein Kästchen ankreuzen.',
    rows: items.map((i) => ({
      code: i.code,
      lsCode: lsPart(i.code.slice(prefix.length + 1)),
      text: rowText(i),
    })),
    answers: answersOf(scale),
  };
}

/** The standard questionnaire's sections in the order they are asked. */
export function standardQuestionnaire(options: QuestionnaireOptions = {}): readonly Section[] {
  // The texts name no municipality, so that every municipality's export is recognised alike.
  const inKommune = 'in Ihrer Stadt oder Gemeinde';
  const areas = options.areas ?? [];
  const areaCodesFit = areas.length > 0 && areas.every((a) => /^[A-Za-z0-9]{1,5}$/.test(a.id));
  const sg = array(
    'SG',
    'sg',
    'Wie sicher fühlen Sie sich ohne Begleitung …',
    (i) =>
      `${i.zeit === 'tag' ? 'tagsüber' : 'nachts'} ${
        {
          wohngegend: 'in Ihrer Wohngegend',
          wohnung: 'in Ihrer Wohnung',
          innenstadt: 'in der Innenstadt',
          oepnv: 'in Bus und Bahn',
        }[i.ort!]
      }`,
  );
  return [
    {
      title: 'Leben in Ihrer Kommune',
      questions: [
        single('LQGERN', 'lq_wohnen_gern', `Wie gern wohnen Sie ${inKommune}?`),
        single('LQENTW', 'lq_entwicklung'),
      ],
    },
    { title: 'Sicherheitsgefühl', questions: [sg, single('FURCHT', 'furcht_nacht')] },
    {
      title: 'Kriminalitätsfurcht und Risiko',
      questions: [
        array(
          'BEUNRUHIGT',
          'beunruhigt',
          'Wie stark beunruhigt Sie der Gedanke, Opfer folgender Straftaten zu werden?',
          (i) => i.label,
        ),
        array(
          'RISIKO',
          'risiko',
          'Für wie wahrscheinlich halten Sie es, in den nächsten 12 Monaten Opfer folgender Straftaten zu werden?',
          (i) => i.label,
        ),
      ],
    },
    {
      title: 'Vermeideverhalten',
      questions: [
        array(
          'VERMEIDEN',
          'vermeiden',
          'Wie oft haben Sie in den letzten 12 Monaten aus Angst vor Kriminalität …',
          (i) =>
            i.question
              .replace(/^Wie oft (?:haben|sind) Sie (?:sich )?aus Angst vor Kriminalität /, '')
              .replace(/\?$/, ''),
        ),
      ],
    },
    {
      title: 'Ihre Wohngegend',
      questions: [
        array(
          'PROBLEM',
          'problem',
          'Wie groß sind die folgenden Probleme in Ihrer Wohngegend?',
          (i) => i.label,
        ),
        array(
          'NACHBARSCHAFT',
          'nachbarschaft',
          'Wie sehr treffen die folgenden Aussagen auf Ihre Nachbarschaft zu?',
          (i) => i.question,
        ),
      ],
    },
    {
      title: 'Erfahrungen mit Kriminalität',
      questions: [
        array(
          'OPFER',
          'opfer',
          'Sind Sie in den letzten 12 Monaten Opfer folgender Straftaten geworden?',
          (i) => i.label,
        ),
        {
          ...array('ANZEIGE', 'anzeige', 'Haben Sie die Tat der Polizei gemeldet?', (i) => i.label),
          help: 'Nur für die Straftaten, deren Opfer Sie in den letzten 12 Monaten geworden sind.',
          condition: (row) => ({ code: row.code.replace(/^anzeige_/, 'opfer_'), value: '1' }),
        },
      ],
    },
    {
      title: 'Polizei, Ordnungsamt und Verwaltung',
      questions: [
        array('ZUFRIEDEN', 'zufrieden', 'Wie zufrieden sind Sie mit der Arbeit …', (i) =>
          i.question.replace(/^Wie zufrieden sind Sie mit der Arbeit /, '').replace(/\?$/, ''),
        ),
        array('PRAESENZ', 'praesenz', 'Wie beurteilen Sie die Präsenz …', (i) =>
          i.question.replace(/^Die Präsenz /, '').replace(/ ist …$/, ''),
        ),
        single(
          'KRIMENTW',
          'entwicklung_kriminalitaet',
          `Wie hat sich die Kriminalität in den letzten 5 Jahren ${inKommune} entwickelt?`,
        ),
      ],
    },
    {
      title: 'Orte, an denen Sie sich unsicher fühlen',
      questions: [
        {
          lsCode: 'ANGSTORT',
          kind: 'texts',
          text: 'Gibt es Orte, an denen Sie sich unsicher fühlen? Bitte nennen Sie bis zu drei.',
          rows: [1, 2, 3].map((n) => ({ code: `angstort_${n}`, lsCode: `ort${n}`, text: `${n}. Ort` })),
          answers: [],
        },
      ],
    },
    {
      title: 'Angaben zu Ihrer Person',
      questions: [
        {
          lsCode: 'GEBIET',
          kind: areaCodesFit ? 'single' : 'text',
          text: 'In welchem Ortsteil wohnen Sie?',
          rows: [{ code: 'gebiet', lsCode: '', text: 'Ortsteil' }],
          answers: areaCodesFit ? areas.map((a) => ({ code: a.id, label: a.name })) : [],
        },
        {
          lsCode: 'GESCHLECHT',
          kind: 'single',
          text: 'Welches Geschlecht haben Sie?',
          rows: [{ code: 'geschlecht', lsCode: '', text: 'Geschlecht' }],
          answers: [
            { code: 'w', label: 'weiblich' },
            { code: 'm', label: 'männlich' },
            { code: 'd', label: 'divers' },
          ],
        },
        {
          lsCode: 'ALTER',
          kind: 'number',
          text: 'Wie alt sind Sie?',
          help: 'Alter in Jahren',
          rows: [{ code: 'alter', lsCode: '', text: 'Alter in Jahren' }],
          answers: [],
        },
      ],
    },
  ];
}

/** The LimeSurvey column name of a row: `FRAGE` or `FRAGE[teilfrage]`. */
export function lsColumn(question: Question, row: QuestionRow): string {
  return row.lsCode === '' ? question.lsCode : `${question.lsCode}[${row.lsCode}]`;
}
