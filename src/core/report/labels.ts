/** German labels for the codes of analysis.json that the report prints. */
import type { Level, Quadrant } from '../analysis/schema.js';
import { SEX_LABELS, PMK_LABELS, type Sex, type PmkBereich } from '../model/dataset.js';

export const SEVERITY_LABELS: Readonly<Record<'hinweis' | 'auffaellig' | 'kritisch', string>> = {
  kritisch: 'kritisch',
  auffaellig: 'auffällig',
  hinweis: 'Hinweis',
};

export const PRIORITY_LABELS: Readonly<Record<'hoch' | 'mittel' | 'niedrig', string>> = {
  hoch: 'Priorität hoch',
  mittel: 'Priorität mittel',
  niedrig: 'Priorität niedrig',
};

export const PRIORITY_ORDER: Readonly<Record<'hoch' | 'mittel' | 'niedrig', number>> = {
  hoch: 0,
  mittel: 1,
  niedrig: 2,
};

export const RECOMMENDATION_TYPE_LABELS: Readonly<Record<'specific' | 'general', string>> = {
  specific: 'spezifische Empfehlung',
  general: 'allgemeine Empfehlung',
};

export const QUADRANT_TEXT: Readonly<Record<Quadrant, { label: string; meaning: string }>> = {
  'begruendete-furcht': {
    label: 'begründete Furcht',
    meaning:
      'Beunruhigung und registrierte Belastung liegen beide nachweislich über dem Vergleichswert: Die Sorge hat ein Korrelat im Hellfeld; Prävention und sichtbare Präsenz setzen am Delikt an.',
  },
  'furcht-ohne-hellfeld': {
    label: 'Furcht ohne Hellfeld-Korrelat',
    meaning:
      'Die Beunruhigung liegt nachweislich über dem Vergleichswert, die registrierte Belastung nicht: Kommunikation, der Umgang mit Incivilities und städtebauliche Maßnahmen sind hier wirksamer als polizeiliche Maßnahmen.',
  },
  'unterschaetztes-risiko': {
    label: 'unterschätztes Risiko',
    meaning:
      'Die registrierte Belastung liegt nachweislich über dem Vergleichswert, die Beunruhigung nicht: Aufklärung und gezielte Präventionsangebote sind angezeigt.',
  },
  unauffaellig: {
    label: 'unauffällig',
    meaning:
      'Weder Beunruhigung noch registrierte Belastung liegen nachweislich über dem Vergleichswert; kleinere Abweichungen liegen im Bereich der Zufallsschwankung.',
  },
};

/** How a value stands against its reference (analysis schema `Level`). */
export const LEVEL_TEXT: Readonly<Record<Level, string>> = {
  ueber: 'über dem Durchschnitt',
  unter: 'unter dem Durchschnitt',
  unauffaellig: 'unauffällig',
  'nicht-gesichert': 'nicht gesichert (< 10 Fälle)',
};

export const FLAG_LABELS: Readonly<
  Record<'sprung' | 'kleine-fallzahl' | 'sondereffekt' | 'gesamt-abweichung', string>
> = {
  sprung: 'Starke Veränderung',
  'kleine-fallzahl': 'Kleine Fallzahl',
  sondereffekt: 'Sondereffekt prüfen',
  'gesamt-abweichung': 'Abweichung der Summen',
};

export function sexLabel(key: string): string {
  return key in SEX_LABELS ? SEX_LABELS[key as Sex] : key;
}

export function pmkLabel(bereich: string, fallback?: string): string {
  return bereich in PMK_LABELS ? PMK_LABELS[bereich as PmkBereich] : (fallback ?? bereich);
}

/** "16-29" → "16–29 Jahre", "75+" → "75 Jahre und älter". */
export function ageGroupLabel(group: string): string {
  const range = /^(\d+)\s*[-–]\s*(\d+)$/.exec(group.trim());
  if (range) return `${range[1]}–${range[2]} Jahre`;
  const open = /^(\d+)\s*\+$/.exec(group.trim());
  if (open) return `${open[1]} Jahre und älter`;
  return group;
}

/** "16-29" → "16- bis 29-Jährigen", "75+" → "Menschen ab 75 Jahren" (after "die"). */
export function ageGroupNoun(group: string): string {
  const range = /^(\d+)\s*[-–]\s*(\d+)$/.exec(group.trim());
  if (range) return `${range[1]}- bis ${range[2]}-Jährigen`;
  const open = /^(\d+)\s*\+$/.exec(group.trim());
  if (open) return `Menschen ab ${open[1]} Jahren`;
  return `Altersgruppe „${group}“`;
}
