/**
 * What a survey column can be mapped to: every standard code of the contract (§3.2, §3.3) with the
 * words that describe it (question text, short label, synonyms) and the answers it takes.
 */
import { ATTRIBUTE_COLUMNS, FREE_TEXT_COLUMNS, ITEMS, maxCode, scaleOf } from '../model/codebook.js';
import { DONT_KNOW_LABEL, NOT_APPLICABLE_LABEL, standardQuestionnaire } from '../questionnaire/structure.js';

export type TargetKind =
  'item' | 'gebiet' | 'geschlecht' | 'alter' | 'altersgruppe' | 'id' | 'modus' | 'text';

export interface Target {
  readonly code: string;
  readonly kind: TargetKind;
  /** German description shown next to the code. */
  readonly title: string;
  /** Texts compared with the column's name and label. */
  readonly texts: readonly string[];
  /** Items: answer labels 1..k. */
  readonly labels?: readonly string[];
  readonly max?: number;
}

const ATTRIBUTE_TEXTS: Readonly<
  Record<(typeof ATTRIBUTE_COLUMNS)[number], { title: string; texts: string[] }>
> = {
  gebiet: {
    title: 'Gebiet (Ortsteil/Stadtteil)',
    texts: [
      'Gebiet',
      'Ortsteil',
      'Stadtteil',
      'Wohngebiet',
      'Wohnort',
      'Bezirk',
      'Quartier',
      'Ortschaft',
      'In welchem Ortsteil wohnen Sie',
    ],
  },
  geschlecht: { title: 'Geschlecht', texts: ['Geschlecht', 'Welches Geschlecht haben Sie', 'Sex', 'Gender'] },
  alter: {
    title: 'Alter in Jahren',
    texts: ['Alter', 'Alter in Jahren', 'Lebensalter', 'Wie alt sind Sie', 'Age'],
  },
  altersgruppe: { title: 'Altersgruppe', texts: ['Altersgruppe', 'Altersklasse', 'Alterskategorie'] },
  id: {
    title: 'Kennung des Fragebogens',
    texts: [
      'ID',
      'lfd Nr',
      'laufende Nummer',
      'Fragebogennummer',
      'Bogennummer',
      'Antwort ID',
      'Response ID',
    ],
  },
  modus: {
    title: 'Teilnahme (papier/online)',
    texts: ['Modus', 'Erhebungsmodus', 'Teilnahmeart', 'papier online'],
  },
};

export const DONT_KNOW_TEXTS = [DONT_KNOW_LABEL, 'weiss nicht', 'kann ich nicht beurteilen', 'keine Meinung'];
export const NOT_APPLICABLE_TEXTS = [
  NOT_APPLICABLE_LABEL,
  'nutze ich nicht',
  'trifft nicht zu / nutze ich nicht',
];
export const NO_ANSWER_TEXTS = [
  'keine Angabe',
  'k.A.',
  'k. A.',
  'keine Antwort',
  'N/A',
  'NA',
  'fehlend',
  '-',
  '–',
];

let cache: readonly Target[] | undefined;

/** The standard questionnaire's wording per code, as LimeSurvey's full headings show it (`Frage [Zeile]`). */
function questionnaireTexts(): Map<string, string> {
  const out = new Map<string, string>();
  for (const section of standardQuestionnaire())
    for (const q of section.questions)
      for (const row of q.rows)
        out.set(row.code, q.kind === 'array' || q.kind === 'texts' ? `${q.text} [${row.text}]` : q.text);
  return out;
}

export function targets(): readonly Target[] {
  if (cache) return cache;
  const wording = questionnaireTexts();
  const out: Target[] = [];
  for (const code of ATTRIBUTE_COLUMNS) {
    const a = ATTRIBUTE_TEXTS[code];
    out.push({
      code,
      kind: code === 'altersgruppe' ? 'altersgruppe' : code,
      title: a.title,
      texts: [code, ...a.texts],
    });
  }
  for (const item of ITEMS)
    out.push({
      code: item.code,
      kind: 'item',
      title: `${item.label} (${item.question})`,
      texts: [
        item.code.replace(/_/g, ' '),
        item.question,
        item.label,
        ...(wording.has(item.code) ? [wording.get(item.code)!] : []),
      ],
      labels: scaleOf(item).labels,
      max: maxCode(item),
    });
  FREE_TEXT_COLUMNS.forEach((code, i) =>
    out.push({
      code,
      kind: 'text',
      title: `${i + 1}. Ort, an dem Sie sich unsicher fühlen (Freitext)`,
      texts: [
        code.replace(/_/g, ' '),
        'Angstort',
        'Orte, an denen Sie sich unsicher fühlen',
        'unsicherer Ort',
        ...(wording.has(code) ? [wording.get(code)!] : []),
      ],
    }),
  );
  cache = out;
  return out;
}

export function findTarget(code: string): Target | undefined {
  return targets().find((t) => t.code === code);
}
