/** German finding texts for the trigger leaves. Values are shares (fractions) unless noted. */
import { DIMENSION_LABELS, findItem, type ItemDef } from '../model/codebook.js';
import type { SurveyResult } from '../analysis/schema.js';
import { formatNumber, formatPercent } from '../format/number.js';

const INSTITUTION_GENITIVE: Readonly<Record<string, string>> = {
  polizei: 'der Polizei',
  ordnungsamt: 'des Ordnungsamts',
  verwaltung: 'der Stadtverwaltung',
};

export interface ItemText {
  readonly label: string;
  readonly negativeLabel: string;
  readonly def: ItemDef | undefined;
}

export function itemText(survey: SurveyResult, code: string): ItemText {
  const r = survey.items[code];
  const def = findItem(code);
  return { label: r?.label || def?.label || code, negativeLabel: r?.negativeLabel ?? '', def };
}

/** Respondents below which a percentage is printed in parentheses ("eingeschränkt aussagekräftig"). */
export const LIMITED_BELOW = 30;

/** "31,4 %", or "(31,4 %)" on fewer than 30 answers. */
export function pctText(share: number | null, n?: number | null): string {
  const s = formatPercent(share);
  return n !== undefined && n !== null && n < LIMITED_BELOW ? `(${s})` : s;
}

/** Appended to a sentence whose percentage rests on fewer than 30 answers. */
export function limitedMark(n?: number | null): string {
  return n !== undefined && n !== null && n < LIMITED_BELOW
    ? ` (eingeschränkt aussagekräftig: n = ${formatNumber(n)})`
    : '';
}

/** Adds the limited mark before a sentence's final full stop. */
export function withLimitedMark(sentence: string, n?: number | null): string {
  const mark = limitedMark(n);
  return mark ? sentence.replace(/\.$/, `${mark}.`) : sentence;
}

/**
 * A sentence for an item's unfavourable share (total or, with `areaName`, one area). With `n` below
 * 30 the percentage is printed in parentheses and the sentence marked "eingeschränkt aussagekräftig".
 */
export function shareSentence(
  survey: SurveyResult,
  code: string,
  share: number,
  areaName?: string,
  n?: number | null,
): string {
  return withLimitedMark(shareSentenceRaw(survey, code, pctText(share, n), areaName), n);
}

function shareSentenceRaw(survey: SurveyResult, code: string, pct: string, areaName?: string): string {
  const t = itemText(survey, code);
  const who = areaName ? `der Befragten in ${areaName}` : 'der Befragten';
  const dim = t.def?.dimension;
  if (dim === 'incivility')
    return `„${t.label}“ ist für ${pct} ${who} ein ziemliches oder großes Problem in ihrer Wohngegend.`;
  if (code.startsWith('beunruhigt_'))
    return `Der Gedanke, Opfer von ${t.label} zu werden, beunruhigt ${pct} ${who} ziemlich oder sehr.`;
  if (code.startsWith('sg_') && t.def) {
    // "Wie sicher fühlen Sie sich nachts ohne Begleitung in Ihrer Wohngegend?" → "nachts ohne Begleitung in ihrer Wohngegend"
    const where = t.def.question
      .replace(/^Wie sicher fühlen Sie sich /, '')
      .replace(/\?$/, '')
      .replace(/\bIhrer\b/g, 'ihrer');
    return `${pct} ${who} fühlen sich ${where} eher oder sehr unsicher.`;
  }
  if (code.startsWith('praesenz_')) {
    const inst = INSTITUTION_GENITIVE[code.slice('praesenz_'.length)] ?? t.label;
    return `${pct} ${who} halten die Präsenz ${inst} für zu gering.`;
  }
  if (code.startsWith('zufrieden_')) {
    const inst = INSTITUTION_GENITIVE[code.slice('zufrieden_'.length)] ?? t.label;
    return `${pct} ${who} sind mit der Arbeit ${inst} eher oder ganz unzufrieden.`;
  }
  if (t.def?.scale === 'zustimmung4')
    return `${pct} ${who} stimmen der Aussage „${t.def.question}“ eher nicht oder gar nicht zu.`;
  if (code === 'entwicklung_kriminalitaet')
    return `${pct} ${who} meinen, die Kriminalität sei in den letzten 5 Jahren gestiegen.`;
  const dimLabel = dim ? `${DIMENSION_LABELS[dim]} – ` : '';
  return `${dimLabel}${t.label}: ${pct} ${who} antworten „${t.negativeLabel}“.`;
}

/** How an item reads in a quadrant finding: "Beunruhigung über Wohnungseinbruch", "„Graffiti“ als Problem". */
export function itemPhrase(survey: SurveyResult, code: string): string {
  const t = itemText(survey, code);
  if (code.startsWith('beunruhigt_')) return `Beunruhigung über ${t.label}`;
  if (t.def?.dimension === 'incivility') return `„${t.label}“ als Problem`;
  if (code.startsWith('sg_')) return `Unsicherheitsgefühl (${t.label})`;
  return t.label;
}
