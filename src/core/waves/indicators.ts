/**
 * The evaluation indicators of the catalogue's recommendations (Beccaria step 7, "Überprüfung der
 * Zielerreichung"), as far as a repeated survey and the PKS can measure them. They restate, per
 * measure, what its `evaluation` text in recommend/catalogue.json names; findings that triggered the
 * recommendation add their items (e.g. the Delikte of `reporting:<delikt>`). Process indicators
 * (number of patrols, advice sessions …) are not in the data: such measures are listed without one.
 */
import type { PublishedRecommendation } from './published.js';

/** Survey items whose unfavourable share should fall. */
const SURVEY: Readonly<Record<string, readonly string[]>> = {
  'saubere-stadt': ['problem_muell', 'problem_hundekot'],
  'graffiti-vandalismus': ['problem_graffiti', 'problem_vandalismus'],
  alkoholkonsumverbot: ['problem_alkohol_oeffentlich'],
  'konflikte-oeffentlicher-raum': ['problem_alkohol_oeffentlich', 'problem_laerm'],
  'praesenz-ordnungsdienst': ['praesenz_ordnungsamt', 'praesenz_polizei'],
  'angstraeume-staedtebau': ['sg_wohngegend_nacht'],
  leerstand: ['problem_leerstand'],
  'einbruchschutz-nachbarschaft': ['beunruhigt_einbruch'],
  fahrraddiebstahl: ['opfer_fahrraddiebstahl', 'beunruhigt_fahrraddiebstahl'],
  seniorensicherheit: ['beunruhigt_betrug'],
  'jugend-oeffentlicher-raum': ['problem_jugendgruppen'],
  drogen: ['problem_drogen'],
  verkehrssicherheit: ['problem_raser', 'problem_falschparker'],
  'kommunikation-furcht': ['entwicklung_kriminalitaet', 'sg_wohngegend_nacht'],
  'buergernahe-polizei': ['zufrieden_polizei'],
  'nachbarschaft-sozialkapital': ['nachbarschaft_hilfe', 'nachbarschaft_vertrauen'],
};

/** PKS keys whose rate is an indicator ("PKS … im Mehrjahresvergleich"). */
const CRIME: Readonly<Record<string, readonly string[]>> = {
  'graffiti-vandalismus': ['899500', '674000'],
  'einbruchschutz-nachbarschaft': ['435*00'],
  fahrraddiebstahl: ['***300'],
};

export interface IndicatorPlan {
  readonly items: readonly string[];
  readonly crimeKeys: readonly string[];
}

const unique = (xs: readonly string[]): string[] => [...new Set(xs)];

/** The survey items and PKS keys by which an earlier recommendation is evaluated. */
export function indicatorsOf(r: PublishedRecommendation): IndicatorPlan {
  const items = [...(SURVEY[r.id] ?? [])];
  const keys = [...(CRIME[r.id] ?? [])];
  for (const t of r.triggers) {
    const [kind, a, b] = t.id.split(':');
    // Reporting: the share of victims who did not report (anzeige_<delikt>) should fall.
    if (r.id === 'anzeigebereitschaft' && kind === 'reporting' && a) items.push(`anzeige_${a}`);
    // Underestimated risk: the Delikte of the quadrant findings, in the PKS.
    if (r.id === 'aufklaerung-risiko' && kind === 'quadrant' && b) keys.push(b);
  }
  return { items: unique(items), crimeKeys: unique(keys) };
}
