/**
 * The chart catalogue of the report: analysis.json → Vega-Lite specs (pure, one file per chart
 * family) → SVG rendered server-side (render.ts). Charts whose data is absent are skipped.
 *
 * Report order: profile, crime, survey, comparison; within a section as listed in CATALOGUE_ORDER.
 */
import type { Analysis } from '../analysis/schema.js';
import './locale.js';
import { areaScaleChart, scaleGroupCharts } from './scales.js';
import { placeTimeChart } from './place-time.js';
import { fearChart } from './fear.js';
import { incivilityChart } from './incivility.js';
import { victimisationChart } from './victimisation.js';
import { regionalChart, structureChart, trendChart } from './crime.js';
import { owiChart, pmkChart } from './pmk-owi.js';
import { pyramidChart } from './pyramid.js';
import { paradoxChart, quadrantCharts } from './comparison.js';
import { DEFAULT_BRANDING, makePalette, type Branding } from './palette.js';
import { describedSvg, renderSvg } from './render.js';
import type { ChartContext, ChartFamily, ChartSection, ChartSpec } from './types.js';

export type { Branding } from './palette.js';
export type { ChartSection, ChartSpec } from './types.js';
export { renderSvg } from './render.js';

export interface Chart {
  id: string;
  /** German caption without the number, e.g. "Sicherheitsgefühl nach Ort und Tageszeit". */
  title: string;
  /** German alt text generated from the data (what it shows, the extreme values in German number format, which groups are suppressed). */
  alt: string;
  svg: string;
  /** The Vega-Lite spec, for traceability and the bench. */
  spec: object;
  section: ChartSection;
}

const SECTION_ORDER: readonly ChartSection[] = ['profile', 'crime', 'survey', 'comparison'];

/** Chart ids (or id prefixes ending in "-") in report order within their section. */
export const CATALOGUE_ORDER: readonly string[] = [
  'profil-bevoelkerungspyramide',
  'pks-entwicklung-index',
  'pks-hz-vergleich',
  'pks-deliktsstruktur',
  'pmk-phaenomenbereiche',
  'owi-kategorien',
  'befragung-lebensqualitaet',
  'befragung-sicherheitsgefuehl',
  'befragung-ort-tageszeit',
  'befragung-wohngegend-nacht-gebiete',
  'befragung-kriminalitaetsfurcht',
  'befragung-furcht-geschlecht-alter',
  'befragung-incivilities',
  'befragung-incivilities-rangfolge',
  'befragung-opfer-anzeige',
  'befragung-institutionen',
  'befragung-nachbarschaft',
  'befragung-kriminalitaetsentwicklung',
  'vergleich-quadranten-',
  'vergleich-furcht-paradox',
];

const FAMILIES: readonly ChartFamily[] = [
  pyramidChart,
  trendChart,
  regionalChart,
  structureChart,
  pmkChart,
  owiChart,
  scaleGroupCharts,
  (ctx) => areaScaleChart(ctx),
  placeTimeChart,
  fearChart,
  incivilityChart,
  victimisationChart,
  quadrantCharts,
  paradoxChart,
];

function rank(id: string): number {
  const exact = CATALOGUE_ORDER.indexOf(id);
  if (exact >= 0) return exact;
  const prefix = CATALOGUE_ORDER.findIndex((p) => p.endsWith('-') && id.startsWith(p));
  return prefix >= 0 ? prefix : CATALOGUE_ORDER.length;
}

/** All chart specs for an analysis, in report order (pure; no rendering). */
export function allSpecs(analysis: Analysis, branding: Branding = DEFAULT_BRANDING): readonly ChartSpec[] {
  const ctx: ChartContext = { analysis, palette: makePalette(branding) };
  const specs = FAMILIES.flatMap((f) => f(ctx));
  // Stable sort: section, then catalogue rank; families keep their own order for equal ranks (quadrant pairs).
  return specs
    .map((s, i) => ({ s, i }))
    .sort(
      (x, y) =>
        SECTION_ORDER.indexOf(x.s.section) - SECTION_ORDER.indexOf(y.s.section) ||
        rank(x.s.id) - rank(y.s.id) ||
        x.i - y.i,
    )
    .map((x) => x.s);
}

/** Builds and renders the whole catalogue. Rendering is sequential (Vega is single-threaded). */
export async function buildCharts(
  analysis: Analysis,
  branding: { primary: string; accent: string },
): Promise<readonly Chart[]> {
  const out: Chart[] = [];
  for (const s of allSpecs(analysis, branding)) {
    out.push({
      id: s.id,
      title: s.title,
      alt: s.alt,
      svg: describedSvg(await renderSvg(s.spec), s.id, s.title, s.alt),
      spec: s.spec,
      section: s.section,
    });
  }
  return out;
}
