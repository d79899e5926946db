/**
 * The wave comparison: `compareWaves(before, after)` takes the published analysis.json of a
 * municipality's earlier survey wave and of the current one and returns the `development` block
 * (src/core/waves/schema.ts). Pure and deterministic; it reads only what the two analysis.json publish.
 */
import { crimeSeries, CRIME_MIN_CASES, KEY_TOTAL } from './crime.js';
import { evaluateRecommendations } from './evaluate.js';
import { indicatorsOf } from './indicators.js';
import { AREA_POPULATION_TOLERANCE, matchAreas, matchItems, type WaveLabels } from './match.js';
import type { PublishedAnalysis } from './published.js';
import {
  DEVELOPMENT_SCHEMA_VERSION,
  type CellChange,
  type CrimeSeries,
  type Development,
  type ImplementedMeasure,
  type ItemChange,
} from './schema.js';
import { ALPHA, benjaminiHochberg } from './stats.js';
import { compareItem, CORE_ITEMS } from './survey.js';

export interface WaveInput {
  readonly analysis: PublishedAnalysis;
  /** Storage id or folder name of the analysis, where known. */
  readonly analysisId: string | null;
}

export interface CompareOptions {
  /** Measures recorded as implemented (portal, API or analyse.json). */
  readonly measures?: readonly ImplementedMeasure[];
}

const surveyYear = (a: PublishedAnalysis): number | null => a.wave?.surveyYear ?? null;

/** "der Befragung 2026", or "der Analyse zum Berichtsjahr 2025" where the survey year is unknown. */
export function waveLabel(a: { surveyYear: number | null; berichtsjahr: number }): string {
  return a.surveyYear !== null
    ? `der Befragung ${a.surveyYear}`
    : `der Analyse zum Berichtsjahr ${a.berichtsjahr}`;
}

function ref(w: WaveInput): Development['before'] {
  const a = w.analysis;
  return {
    analysisId: w.analysisId,
    titel: a.meta.titel,
    berichtsjahr: a.meta.berichtsjahr,
    surveyYear: surveyYear(a),
    respondents: a.survey.respondents,
    engineVersion: a.meta.engineVersion ?? null,
    schemaVersion: a.schemaVersion ?? null,
  };
}

function orderItems(items: ItemChange[]): ItemChange[] {
  const rank = (i: ItemChange): number => {
    const k = CORE_ITEMS.indexOf(i.code);
    return k >= 0 ? k : CORE_ITEMS.length;
  };
  return items
    .map((item, i) => ({ item, i }))
    .sort((x, y) => rank(x.item) - rank(y.item) || x.i - y.i)
    .map((x) => x.item);
}

/** Benjamini–Hochberg over every compared cell of every item. */
function correctCells(items: readonly ItemChange[]): ItemChange[] {
  const cells = items.flatMap((i) => [i.total, ...Object.values(i.byArea)]);
  const q = benjaminiHochberg(cells.flatMap((c) => (c.status === 'compared' ? [c.p] : [])));
  let k = 0;
  const fix = (c: CellChange): CellChange => {
    if (c.status !== 'compared') return c;
    const pAdjusted = q[k++] ?? 1;
    return { ...c, pAdjusted, significant: pAdjusted < ALPHA };
  };
  return items.map((i) => ({
    ...i,
    total: fix(i.total),
    byArea: Object.fromEntries(Object.entries(i.byArea).map(([id, c]) => [id, fix(c)])),
  }));
}

/** Benjamini–Hochberg over the tested PKS series. */
function correctSeries(series: readonly CrimeSeries[]): CrimeSeries[] {
  const tested = series.filter((s) => s.period?.p !== null && s.period?.p !== undefined);
  const q = benjaminiHochberg(tested.map((s) => s.period?.p ?? 1));
  return series.map((s) => {
    const k = tested.indexOf(s);
    if (k < 0 || !s.period) return s;
    const pAdjusted = q[k] ?? 1;
    return { ...s, period: { ...s.period, pAdjusted, significant: pAdjusted < ALPHA } };
  });
}

function summary(items: readonly ItemChange[]): Development['summary'] {
  const cells = items.flatMap((i) => [i.total, ...Object.values(i.byArea)]);
  const compared = cells.filter((c) => c.status === 'compared');
  const significant = compared.filter((c) => c.significant);
  return {
    compared: compared.length,
    significant: significant.length,
    improved: significant.filter((c) => c.difference < 0).length,
    worsened: significant.filter((c) => c.difference > 0).length,
    notCompared: cells.length - compared.length,
  };
}

export function compareWaves(before: WaveInput, after: WaveInput, options: CompareOptions = {}): Development {
  const b = before.analysis;
  const a = after.analysis;
  const refs = { before: ref(before), after: ref(after) };
  const labels: WaveLabels = { before: waveLabel(refs.before), after: waveLabel(refs.after) };
  const areas = matchAreas(b, a, labels);
  const itemMatch = matchItems(b, a, labels);
  const areaIds = areas.matched.map((m) => m.id);

  // Compared: the core indicators and the earlier recommendations' indicators (both asked in both waves).
  const wanted = new Set([...CORE_ITEMS, ...b.recommendations.flatMap((r) => indicatorsOf(r).items)]);
  const items = correctCells(
    orderItems(
      itemMatch.matched.flatMap((code) => {
        const ib = b.survey.items[code];
        const ia = a.survey.items[code];
        return ib && ia && wanted.has(code) ? [compareItem(ib, ia, areaIds)] : [];
      }),
    ),
  );

  // PKS: the total for the municipality and every matched area, and the keys the recommendations name.
  const keys = [KEY_TOTAL, ...new Set(b.recommendations.flatMap((r) => indicatorsOf(r).crimeKeys))];
  let series: CrimeSeries[] = [];
  const revisions: Development['crime']['revisions'] = [];
  const add = (key: string, areaId: string | null): void => {
    const s = crimeSeries(b, a, key, areaId);
    if (!s) return;
    series.push(s.series);
    revisions.push(...s.revisions);
  };
  for (const key of keys) add(key, null);
  for (const id of areaIds) add(KEY_TOTAL, id);
  series = correctSeries(series);
  const years = [...new Set(series.flatMap((s) => s.years.map((y) => y.year)))].sort((x, y) => x - y);

  const measures = options.measures ?? [];
  const known = new Set(b.recommendations.map((r) => r.id));
  return {
    schemaVersion: DEVELOPMENT_SCHEMA_VERSION,
    ...refs,
    method: {
      test: 'two-sample-z-kish',
      alpha: ALPHA,
      multipleTesting: 'benjamini-hochberg',
      crimeTest: 'rate-ratio-quasi-poisson',
      crimeMinCases: CRIME_MIN_CASES,
      areaPopulationTolerance: AREA_POPULATION_TOLERANCE,
    },
    matching: { areas: areas.matched, unmatchedAreas: areas.unmatched, unmatchedItems: itemMatch.unmatched },
    items,
    crime: { years, series, revisions },
    recommendations: evaluateRecommendations(b, items, series, measures),
    unassignedMeasures: measures.filter((m) => !known.has(m.recommendationId)),
    summary: summary(items),
  };
}
