/**
 * The survey codebook: every standard item of the input contract (§3.3), its answer scale,
 * the codes that form the unfavourable ("negative") share, and its place in the report's model
 * of perceived safety. Validation, analysis, charts and the report all read from here.
 */

export type ScaleId =
  | 'wohnen_gern'
  | 'entwicklung_lq'
  | 'sicher4'
  | 'furcht5'
  | 'beunruhigt4'
  | 'risiko4'
  | 'vermeiden5'
  | 'problem4'
  | 'janein'
  | 'anzeige'
  | 'zufrieden4'
  | 'praesenz3'
  | 'zustimmung4'
  | 'trend5';

export interface Scale {
  readonly id: ScaleId;
  /** Answer codes 1..k in order, with their German labels. */
  readonly labels: readonly string[];
  /** Codes (1-based) that make up the unfavourable share. */
  readonly negative: readonly number[];
  /** German phrase for the unfavourable share, e.g. "eher/sehr unsicher". */
  readonly negativeLabel: string;
}

export const SCALES: Readonly<Record<ScaleId, Scale>> = {
  wohnen_gern: {
    id: 'wohnen_gern',
    labels: ['sehr gern', 'gern', 'weniger gern', 'nicht gern'],
    negative: [3, 4],
    negativeLabel: 'weniger/nicht gern',
  },
  entwicklung_lq: {
    id: 'entwicklung_lq',
    labels: ['verbessert', 'gleich geblieben', 'verschlechtert'],
    negative: [3],
    negativeLabel: 'verschlechtert',
  },
  sicher4: {
    id: 'sicher4',
    labels: ['sehr sicher', 'eher sicher', 'eher unsicher', 'sehr unsicher'],
    negative: [3, 4],
    negativeLabel: 'eher/sehr unsicher',
  },
  furcht5: {
    id: 'furcht5',
    labels: ['nie', 'selten', 'manchmal', 'oft', 'sehr oft'],
    negative: [4, 5],
    negativeLabel: 'oft/sehr oft',
  },
  beunruhigt4: {
    id: 'beunruhigt4',
    labels: ['gar nicht', 'etwas', 'ziemlich', 'sehr'],
    negative: [3, 4],
    negativeLabel: 'ziemlich/sehr beunruhigt',
  },
  risiko4: {
    id: 'risiko4',
    labels: ['sehr unwahrscheinlich', 'eher unwahrscheinlich', 'eher wahrscheinlich', 'sehr wahrscheinlich'],
    negative: [3, 4],
    negativeLabel: 'eher/sehr wahrscheinlich',
  },
  vermeiden5: {
    id: 'vermeiden5',
    labels: ['nie', 'selten', 'manchmal', 'häufig', 'sehr oft'],
    negative: [4, 5],
    negativeLabel: 'häufig/sehr oft',
  },
  problem4: {
    id: 'problem4',
    labels: ['kein Problem', 'geringes Problem', 'ziemliches Problem', 'großes Problem'],
    negative: [3, 4],
    negativeLabel: 'ziemliches/großes Problem',
  },
  janein: { id: 'janein', labels: ['ja', 'nein'], negative: [1], negativeLabel: 'ja' },
  anzeige: { id: 'anzeige', labels: ['ja', 'nein'], negative: [2], negativeLabel: 'nicht angezeigt' },
  zufrieden4: {
    id: 'zufrieden4',
    labels: ['zufrieden', 'eher zufrieden', 'eher unzufrieden', 'unzufrieden'],
    negative: [3, 4],
    negativeLabel: 'eher/ganz unzufrieden',
  },
  praesenz3: {
    id: 'praesenz3',
    labels: ['zu gering', 'ausreichend', 'zu hoch'],
    negative: [1],
    negativeLabel: 'zu gering',
  },
  zustimmung4: {
    id: 'zustimmung4',
    labels: ['trifft voll zu', 'trifft eher zu', 'trifft eher nicht zu', 'trifft gar nicht zu'],
    negative: [3, 4],
    negativeLabel: 'trifft eher/gar nicht zu',
  },
  trend5: {
    id: 'trend5',
    labels: [
      'deutlich gesunken',
      'etwas gesunken',
      'gleich geblieben',
      'etwas gestiegen',
      'deutlich gestiegen',
    ],
    negative: [4, 5],
    negativeLabel: 'etwas/deutlich gestiegen',
  },
};

/** Special answer codes (contract §3.1). Code 0 is used internally for an empty cell. */
export const CODE_MISSING = 0;
export const CODE_NOT_APPLICABLE = 8;
export const CODE_DONT_KNOW = 9;

export type Dimension =
  | 'lebensqualitaet'
  | 'sicherheitsgefuehl'
  | 'affektiv'
  | 'kognitiv'
  | 'konativ'
  | 'incivility'
  | 'viktimisierung'
  | 'anzeige'
  | 'zufriedenheit'
  | 'praesenz'
  | 'nachbarschaft'
  | 'kriminalitaetsentwicklung';

export const DIMENSION_LABELS: Readonly<Record<Dimension, string>> = {
  lebensqualitaet: 'Lebensqualität',
  sicherheitsgefuehl: 'Sicherheitsgefühl',
  affektiv: 'Kriminalitätsfurcht (affektiv)',
  kognitiv: 'Risikoeinschätzung (kognitiv)',
  konativ: 'Vermeideverhalten (konativ)',
  incivility: 'Probleme im Wohnumfeld (Incivilities)',
  viktimisierung: 'Opfererfahrung',
  anzeige: 'Anzeigeverhalten',
  zufriedenheit: 'Zufriedenheit mit Institutionen',
  praesenz: 'Präsenz von Polizei und Ordnungsamt',
  nachbarschaft: 'Nachbarschaft',
  kriminalitaetsentwicklung: 'Wahrgenommene Kriminalitätsentwicklung',
};

export const DELIKTE = {
  einbruch: 'Wohnungseinbruch',
  diebstahl: 'Diebstahl',
  fahrraddiebstahl: 'Fahrraddiebstahl',
  kfz: 'Kfz-Diebstahl/-Aufbruch',
  raub: 'Raub',
  koerperverletzung: 'Körperverletzung',
  sexuelle_belaestigung: 'sexuelle Belästigung',
  betrug: 'Betrug',
  betrug_internet: 'Betrug im Internet',
  sachbeschaedigung: 'Sachbeschädigung',
  bedrohung: 'Bedrohung',
} as const;
export type Delikt = keyof typeof DELIKTE;

export const THEMEN = {
  muell: 'Müll/Verschmutzung',
  hundekot: 'Hundekot',
  graffiti: 'Graffiti/Schmierereien',
  vandalismus: 'Vandalismus',
  alkohol_oeffentlich: 'Alkoholkonsum im öffentlichen Raum',
  drogen: 'Drogen',
  jugendgruppen: 'herumstehende Jugendgruppen',
  laerm: 'Lärm',
  raser: 'Raser',
  falschparker: 'Falschparker',
  leerstand: 'Leerstand/verwahrloste Gebäude',
  beleuchtung: 'schlechte Beleuchtung',
} as const;
export type Thema = keyof typeof THEMEN;

export const ORTE = {
  wohngegend: 'Wohngegend',
  wohnung: 'eigene Wohnung',
  innenstadt: 'Innenstadt',
  oepnv: 'Bus und Bahn',
} as const;
export type Ort = keyof typeof ORTE;

export interface ItemDef {
  readonly code: string;
  /** The question as printed in the item list of the appendix. */
  readonly question: string;
  /** Short label for charts and tables. */
  readonly label: string;
  readonly scale: ScaleId;
  readonly dimension: Dimension;
  readonly delikt?: Delikt;
  readonly thema?: Thema;
  readonly ort?: Ort;
  readonly zeit?: 'tag' | 'nacht';
}

const sg = (ort: Ort, zeit: 'tag' | 'nacht'): ItemDef => ({
  code: `sg_${ort}_${zeit}`,
  question: `Wie sicher fühlen Sie sich ${zeit === 'tag' ? 'tagsüber' : 'nachts'} ohne Begleitung ${
    {
      wohngegend: 'in Ihrer Wohngegend',
      wohnung: 'in Ihrer Wohnung',
      innenstadt: 'in der Innenstadt',
      oepnv: 'in Bus und Bahn',
    }[ort]
  }?`,
  label: `${ORTE[ort]}, ${zeit === 'tag' ? 'tagsüber' : 'nachts'}`,
  scale: 'sicher4',
  dimension: 'sicherheitsgefuehl',
  ort,
  zeit,
});

const perDelikt = (
  prefix: string,
  scale: ScaleId,
  dimension: Dimension,
  question: (d: string) => string,
): ItemDef[] =>
  (Object.keys(DELIKTE) as Delikt[]).map((d) => ({
    code: `${prefix}_${d}`,
    question: question(DELIKTE[d]),
    label: DELIKTE[d],
    scale,
    dimension,
    delikt: d,
  }));

export const ITEMS: readonly ItemDef[] = [
  {
    code: 'lq_wohnen_gern',
    question: 'Wie gern wohnen Sie in Ihrer Kommune?',
    label: 'Wohnen gern',
    scale: 'wohnen_gern',
    dimension: 'lebensqualitaet',
  },
  {
    code: 'lq_entwicklung',
    question: 'Wie hat sich die Lebensqualität in den letzten 12 Monaten entwickelt?',
    label: 'Entwicklung der Lebensqualität',
    scale: 'entwicklung_lq',
    dimension: 'lebensqualitaet',
  },
  sg('wohngegend', 'nacht'),
  sg('wohngegend', 'tag'),
  sg('wohnung', 'tag'),
  sg('wohnung', 'nacht'),
  sg('innenstadt', 'tag'),
  sg('innenstadt', 'nacht'),
  sg('oepnv', 'nacht'),
  {
    code: 'furcht_nacht',
    question: 'Wie oft haben Sie nachts draußen allein Angst, Opfer einer Straftat zu werden?',
    label: 'Angst nachts draußen',
    scale: 'furcht5',
    dimension: 'affektiv',
  },
  ...perDelikt(
    'beunruhigt',
    'beunruhigt4',
    'affektiv',
    (d) => `Wie stark beunruhigt Sie der Gedanke, Opfer von ${d} zu werden?`,
  ),
  ...perDelikt(
    'risiko',
    'risiko4',
    'kognitiv',
    (d) => `Für wie wahrscheinlich halten Sie es, in den nächsten 12 Monaten Opfer von ${d} zu werden?`,
  ),
  {
    code: 'vermeiden_haus_nachts',
    question: 'Wie oft haben Sie aus Angst vor Kriminalität nachts das Haus nicht verlassen?',
    label: 'nachts nicht aus dem Haus',
    scale: 'vermeiden5',
    dimension: 'konativ',
  },
  {
    code: 'vermeiden_orte',
    question: 'Wie oft haben Sie aus Angst vor Kriminalität bestimmte Straßen, Plätze oder Parks gemieden?',
    label: 'Orte gemieden',
    scale: 'vermeiden5',
    dimension: 'konativ',
  },
  {
    code: 'vermeiden_fremde',
    question: 'Wie oft sind Sie aus Angst vor Kriminalität Fremden ausgewichen?',
    label: 'Fremden ausgewichen',
    scale: 'vermeiden5',
    dimension: 'konativ',
  },
  {
    code: 'vermeiden_oepnv_nachts',
    question: 'Wie oft haben Sie aus Angst vor Kriminalität nachts Bus und Bahn gemieden?',
    label: 'Bus und Bahn nachts gemieden',
    scale: 'vermeiden5',
    dimension: 'konativ',
  },
  {
    code: 'vermeiden_begleitung',
    question: 'Wie oft haben Sie sich aus Angst vor Kriminalität abholen oder begleiten lassen?',
    label: 'begleiten lassen',
    scale: 'vermeiden5',
    dimension: 'konativ',
  },
  ...(Object.keys(THEMEN) as Thema[]).map((t): ItemDef => ({
    code: `problem_${t}`,
    question: `Wie ist das in Ihrer Wohngegend: ${THEMEN[t]}?`,
    label: THEMEN[t],
    scale: 'problem4',
    dimension: 'incivility',
    thema: t,
  })),
  ...perDelikt(
    'opfer',
    'janein',
    'viktimisierung',
    (d) => `Sind Sie in den letzten 12 Monaten Opfer von ${d} geworden?`,
  ),
  ...perDelikt('anzeige', 'anzeige', 'anzeige', (d) => `Haben Sie die Tat (${d}) der Polizei gemeldet?`),
  {
    code: 'zufrieden_polizei',
    question: 'Wie zufrieden sind Sie mit der Arbeit der Polizei?',
    label: 'Polizei',
    scale: 'zufrieden4',
    dimension: 'zufriedenheit',
  },
  {
    code: 'zufrieden_ordnungsamt',
    question: 'Wie zufrieden sind Sie mit der Arbeit des Ordnungsamts?',
    label: 'Ordnungsamt',
    scale: 'zufrieden4',
    dimension: 'zufriedenheit',
  },
  {
    code: 'zufrieden_verwaltung',
    question: 'Wie zufrieden sind Sie mit der Arbeit der Stadtverwaltung?',
    label: 'Verwaltung',
    scale: 'zufrieden4',
    dimension: 'zufriedenheit',
  },
  {
    code: 'praesenz_polizei',
    question: 'Die Präsenz der Polizei ist …',
    label: 'Präsenz Polizei',
    scale: 'praesenz3',
    dimension: 'praesenz',
  },
  {
    code: 'praesenz_ordnungsamt',
    question: 'Die Präsenz des Ordnungsamts ist …',
    label: 'Präsenz Ordnungsamt',
    scale: 'praesenz3',
    dimension: 'praesenz',
  },
  {
    code: 'nachbarschaft_hilfe',
    question: 'Die Nachbarn helfen einander.',
    label: 'Nachbarn helfen einander',
    scale: 'zustimmung4',
    dimension: 'nachbarschaft',
  },
  {
    code: 'nachbarschaft_vertrauen',
    question: 'Ich vertraue meinen Nachbarn.',
    label: 'Vertrauen in Nachbarn',
    scale: 'zustimmung4',
    dimension: 'nachbarschaft',
  },
  {
    code: 'entwicklung_kriminalitaet',
    question: 'Wie hat sich die Kriminalität in den letzten 5 Jahren entwickelt?',
    label: 'Kriminalitätsentwicklung (wahrgenommen)',
    scale: 'trend5',
    dimension: 'kriminalitaetsentwicklung',
  },
];

/** Free-text columns for Angsträume. */
export const FREE_TEXT_COLUMNS = ['angstort_1', 'angstort_2', 'angstort_3'] as const;

/** Respondent attribute columns (contract §3.2). */
export const ATTRIBUTE_COLUMNS = ['gebiet', 'geschlecht', 'alter', 'altersgruppe', 'id', 'modus'] as const;

/** The standard indicator; the only required item. */
export const REQUIRED_ITEM = 'sg_wohngegend_nacht';

const ITEM_INDEX: ReadonlyMap<string, ItemDef> = new Map(ITEMS.map((i) => [i.code, i]));

export function findItem(code: string): ItemDef | undefined {
  return ITEM_INDEX.get(code);
}

export function scaleOf(item: ItemDef): Scale {
  return SCALES[item.scale];
}

/** Highest valid answer code of an item (excluding 8 and 9). */
export function maxCode(item: ItemDef): number {
  return SCALES[item.scale].labels.length;
}
