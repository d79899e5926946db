/**
 * Where each chart goes: chart id → slot (a place in a chapter). Exact ids of the chart families
 * first, then patterns for ids added later; a chart that matches nothing is still printed, in a
 * "Weitere Abbildungen" section at the end of its chapter, so no chart is ever lost.
 */
import type { Chart } from '../../charts/index.js';

export type Slot =
  | 'profile.population'
  | 'profile.areas'
  | 'profile.indicators'
  | 'crime.development'
  | 'crime.keys'
  | 'crime.areas'
  | 'crime.regional'
  | 'crime.pmk'
  | 'crime.owi'
  | 'survey.quality'
  | 'survey.feeling'
  | 'survey.fear'
  | 'survey.fear.groups'
  | 'survey.incivilities'
  | 'survey.angst'
  | 'survey.victims'
  | 'survey.institutions'
  | 'survey.neighbourhood'
  | 'survey.trend'
  | 'survey.breakdown'
  | 'comparison.matrix'
  | 'comparison.paradox';

const BY_ID: Readonly<Record<string, Slot>> = {
  'profil-bevoelkerungspyramide': 'profile.population',
  'pmk-phaenomenbereiche': 'crime.pmk',
  'owi-kategorien': 'crime.owi',
  'vergleich-furcht-paradox': 'comparison.paradox',
  'pks-entwicklung-index': 'crime.development',
  'pks-deliktsstruktur': 'crime.keys',
  'pks-hz-vergleich': 'crime.regional',
  'befragung-lebensqualitaet': 'survey.quality',
  'befragung-sicherheitsgefuehl': 'survey.feeling',
  'befragung-ort-tageszeit': 'survey.feeling',
  'befragung-kriminalitaetsfurcht': 'survey.fear',
  'befragung-furcht-geschlecht-alter': 'survey.fear.groups',
  'befragung-incivilities-rangfolge': 'survey.incivilities',
  'befragung-incivilities': 'survey.incivilities',
  'befragung-opfer-anzeige': 'survey.victims',
  'befragung-institutionen': 'survey.institutions',
  'befragung-nachbarschaft': 'survey.neighbourhood',
  'befragung-kriminalitaetsentwicklung': 'survey.trend',
  'befragung-wohngegend-nacht-gebiete': 'survey.breakdown',
};

const PATTERNS: readonly { readonly section: Chart['section']; readonly re: RegExp; readonly slot: Slot }[] =
  [
    { section: 'profile', re: /pyramid|alter|bevoelkerung|einwohner/i, slot: 'profile.population' },
    { section: 'profile', re: /gebiet|area/i, slot: 'profile.areas' },
    { section: 'profile', re: /indikator|struktur/i, slot: 'profile.indicators' },
    { section: 'crime', re: /pmk/i, slot: 'crime.pmk' },
    { section: 'crime', re: /owi|ordnungswidrig/i, slot: 'crime.owi' },
    { section: 'crime', re: /gebiet|area/i, slot: 'crime.areas' },
    { section: 'crime', re: /kreis|land|vergleich|regional/i, slot: 'crime.regional' },
    { section: 'crime', re: /entwicklung|trend|index|zeitreihe/i, slot: 'crime.development' },
    { section: 'crime', re: /delikt|schluessel|struktur/i, slot: 'crime.keys' },
    { section: 'survey', re: /angst(raum|raeume|orte)/i, slot: 'survey.angst' },
    { section: 'survey', re: /furcht|affektiv|kognitiv|konativ|vermeid/i, slot: 'survey.fear' },
    { section: 'survey', re: /incivil|problem/i, slot: 'survey.incivilities' },
    { section: 'survey', re: /opfer|anzeige|viktim/i, slot: 'survey.victims' },
    { section: 'survey', re: /institution|zufrieden|praesenz|polizei/i, slot: 'survey.institutions' },
    { section: 'survey', re: /nachbar/i, slot: 'survey.neighbourhood' },
    { section: 'survey', re: /gebiet|geschlecht|alter/i, slot: 'survey.breakdown' },
    { section: 'survey', re: /sicherheitsgef|ort-tageszeit|sg-/i, slot: 'survey.feeling' },
    { section: 'survey', re: /lebensqual|wohnen/i, slot: 'survey.quality' },
    { section: 'survey', re: /entwicklung|trend/i, slot: 'survey.trend' },
    { section: 'comparison', re: /paradox/i, slot: 'comparison.paradox' },
    { section: 'comparison', re: /matrix|diskrepanz|uebersicht/i, slot: 'comparison.matrix' },
  ];

/**
 * Id of the quadrant chart of one survey item × PKS key pair, as built in src/core/charts/comparison.ts
 * (`vergleich-quadranten-<item>-<key>`, both slugged); the pair's section takes it by id. A test builds the
 * real charts and checks that every one finds its place.
 */
export function quadrantChartId(surveyItem: string, crimeKey: string): string {
  const slug = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  return `vergleich-quadranten-${slug(surveyItem)}-${slug(crimeKey)}`;
}

/** The slot of a chart, or undefined when it belongs in "Weitere Abbildungen". */
export function slotOf(chart: Pick<Chart, 'id' | 'section'>): Slot | undefined {
  const exact = BY_ID[chart.id];
  if (exact) return exact;
  return PATTERNS.find((p) => p.section === chart.section && p.re.test(chart.id))?.slot;
}
