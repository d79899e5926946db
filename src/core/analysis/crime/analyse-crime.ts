/**
 * The objective side of the report: PKS figures of the municipality and its areas, trends,
 * offence structure, caveat flags and the comparison with Kreis and Land; PMK and
 * Ordnungswidrigkeiten alongside (never added to the PKS).
 *
 * Definitions (input contract §5): HZ = cases × 100,000 / population of that year (see
 * population.ts); AQ = cleared / cases as a fraction. The municipality's figure for a key and year
 * is the `gesamt` row where present, else the sum of the areas.
 */
import type { Dataset } from '../../model/dataset.js';
import { KEY_TOTAL } from '../../model/pks-keys.js';
import type { CrimeResult, TrendTest } from '../schema.js';
import { poissonTrend } from '../stats/trend.js';
import { areaAverage, areaFigure, buildCrimeContext, municipalFigure, type CrimeContext } from './context.js';
import { buildFlags } from './flags.js';
import { keyInfo, labelOf } from './keys.js';
import { analyseOwi, type OwiResult } from './owi.js';
import { analysePmk, type PmkResult } from './pmk.js';
import { analyseRegional } from './regional.js';

type Figure = CrimeResult['byYear'][string]['total'];

/** Keys left out of the offence structure: the total itself and 890000 (the total without migration law). */
const NOT_IN_STRUCTURE: ReadonlySet<string> = new Set([KEY_TOTAL, '890000']);

export interface CrimeAnalysis {
  readonly crime: CrimeResult;
  readonly pmk: PmkResult;
  readonly owi: OwiResult;
}

function withLabel(
  f: { cases: number; rate: number | null; clearanceRate: number | null },
  label: string,
): Figure {
  return { cases: f.cases, rate: f.rate, clearanceRate: f.clearanceRate, label };
}

function byYearSection(ctx: CrimeContext): CrimeResult['byYear'] {
  const out: CrimeResult['byYear'] = {};
  for (const year of ctx.years) {
    const byKey: Record<string, Figure> = {};
    for (const key of ctx.keys) {
      const f = municipalFigure(ctx, key, year);
      if (f) byKey[key] = withLabel(f, labelOf(key, ctx.dataLabels.get(key)));
    }
    const total = municipalFigure(ctx, KEY_TOTAL, year);
    out[String(year)] = {
      population: ctx.population.municipality(year),
      // Without a "Straftaten insgesamt" row the year's total is unknown: 0 cases, no rate.
      total: total
        ? withLabel(total, labelOf(KEY_TOTAL))
        : { cases: 0, rate: null, clearanceRate: null, label: labelOf(KEY_TOTAL) },
      byKey,
    };
  }
  return out;
}

function byAreaSection(ctx: CrimeContext): CrimeResult['byArea'] {
  const out: CrimeResult['byArea'] = {};
  const latest = ctx.latestYear;
  if (latest === null) return out;
  for (const areaId of ctx.areasWithData) {
    const byYear: Record<string, Figure> = {};
    for (const year of ctx.years) {
      const f = areaFigure(ctx, areaId, KEY_TOTAL, year);
      if (f) byYear[String(year)] = withLabel(f, labelOf(KEY_TOTAL));
    }
    const avg = areaAverage(ctx, areaId, KEY_TOTAL);
    const byKeyLatest: Record<string, Figure> = {};
    for (const key of ctx.keys) {
      const f = areaFigure(ctx, areaId, key, latest);
      if (f) byKeyLatest[key] = withLabel(f, labelOf(key, ctx.dataLabels.get(key)));
    }
    out[areaId] = {
      population: ctx.population.area(areaId, latest),
      byYear,
      average: avg
        ? {
            cases: avg.cases,
            rate: avg.rate,
            clearanceRate: avg.clearanceRate,
            label: labelOf(KEY_TOTAL),
            years: avg.years,
          }
        : { cases: 0, rate: null, clearanceRate: null, label: labelOf(KEY_TOTAL), years: [] },
      byKeyLatest,
    };
  }
  return out;
}

/** The trend test of a key over the municipality's whole series (rates where every year has a population). */
export function trendTest(ctx: CrimeContext, key: string): TrendTest {
  const series = ctx.years.flatMap((year) => {
    const c = ctx.municipal(key, year);
    return c ? [{ year, cases: c.cases, population: ctx.population.municipality(year) }] : [];
  });
  return poissonTrend(series);
}

function trendsSection(ctx: CrimeContext): CrimeResult['trends'] {
  return ctx.keys.map((key) => {
    const points: { year: number; cases: number; index: number | null }[] = [];
    let base: number | undefined;
    for (const year of ctx.years) {
      const c = ctx.municipal(key, year);
      if (!c) continue;
      if (base === undefined) base = c.cases;
      points.push({ year, cases: c.cases, index: base > 0 ? (c.cases / base) * 100 : null });
    }
    return { key, label: labelOf(key, ctx.dataLabels.get(key)), points, test: trendTest(ctx, key) };
  });
}

/**
 * Offence structure in the latest year: each key's share of Straftaten insgesamt. The keys are
 * selected groups, not a partition (892000 and 224000 are separate groups, 899500 ⊂ 674000, 899000
 * spans many groups), so the shares need not add up to 1; the report must say so.
 */
function structureSection(ctx: CrimeContext): CrimeResult['structure'] {
  const latest = ctx.latestYear;
  if (latest === null) return [];
  const total = ctx.municipal(KEY_TOTAL, latest);
  if (!total || total.cases <= 0) return [];
  const out: CrimeResult['structure'] = [];
  for (const key of ctx.keys) {
    if (NOT_IN_STRUCTURE.has(key)) continue;
    const c = ctx.municipal(key, latest);
    if (!c) continue;
    out.push({
      key,
      label: labelOf(key, ctx.dataLabels.get(key)),
      count: c.cases,
      share: Math.min(1, c.cases / total.cases),
    });
  }
  return out;
}

export function analyseCrime(dataset: Dataset): CrimeAnalysis {
  const ctx = buildCrimeContext(dataset);
  const regional = analyseRegional(ctx);
  const crime: CrimeResult = {
    years: [...ctx.years],
    keys: ctx.keys.map((k) => keyInfo(k, ctx.dataLabels.get(k))),
    byYear: byYearSection(ctx),
    byArea: byAreaSection(ctx),
    trends: trendsSection(ctx),
    structure: structureSection(ctx),
    flags: buildFlags(ctx, regional),
    regional: regional?.result ?? null,
  };
  return { crime, pmk: analysePmk(dataset.pmk), owi: analyseOwi(dataset.owi) };
}
