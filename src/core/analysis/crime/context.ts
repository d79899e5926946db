/**
 * Indexed view on the municipal PKS rows: the municipality's figure per key and year (the
 * `gesamt` row where present, else the sum of the areas), the areas' figures, and the
 * population denominators. Shared by the crime section and the comparison.
 */
import type { CrimeRow, Dataset } from '../../model/dataset.js';
import { buildPopulationLookup, type PopulationLookup } from './population.js';
import { aufklaerungsquote, haeufigkeitszahl } from './measures.js';
import { orderKeys } from './keys.js';

/** Summed counts of one key, year and level. `cleared` is null unless every summed row has it. */
export interface Counts {
  readonly cases: number;
  readonly cleared: number | null;
}

/** Below this many cases a yearly figure is a "kleine Fallzahl" (domain brief §2.4, §5.3). */
export const SMALL_COUNT = 10;

export interface CrimeContext {
  readonly dataset: Dataset;
  readonly population: PopulationLookup;
  /** Years with crime rows, ascending. */
  readonly years: readonly number[];
  /** Keys with crime rows, default set first. */
  readonly keys: readonly string[];
  /** Latest year with crime rows, or null without any. */
  readonly latestYear: number | null;
  /** Label given in the data, per key (first row). */
  readonly dataLabels: ReadonlyMap<string, string>;
  /** The `gesamt` row(s) of the municipality. */
  gesamt(key: string, year: number): Counts | undefined;
  /** Sum over the area rows; undefined when no area has a row for that key and year. */
  areaSum(key: string, year: number): Counts | undefined;
  /** The municipality's figure: `gesamt` where present, else the sum of the areas. */
  municipal(key: string, year: number): Counts | undefined;
  area(areaId: string, key: string, year: number): Counts | undefined;
  /** Area ids (manifest order) that have any crime row. */
  readonly areasWithData: readonly string[];
}

function add(a: Counts | undefined, r: CrimeRow): Counts {
  if (!a) return { cases: r.cases, cleared: r.cleared };
  return {
    cases: a.cases + r.cases,
    cleared: a.cleared === null || r.cleared === null ? null : a.cleared + r.cleared,
  };
}

const cell = (year: number, areaId: string | null, key: string) => `${year}|${areaId ?? ''}|${key}`;

export function buildCrimeContext(dataset: Dataset): CrimeContext {
  const gesamt = new Map<string, Counts>();
  const areas = new Map<string, Counts>();
  const sums = new Map<string, Counts>();
  const years = new Set<number>();
  const keys = new Set<string>();
  const areaIds = new Set<string>();
  const dataLabels = new Map<string, string>();
  for (const r of dataset.crime) {
    years.add(r.year);
    keys.add(r.key);
    if (!dataLabels.has(r.key) && r.label) dataLabels.set(r.key, r.label);
    if (r.areaId === null) {
      const id = cell(r.year, null, r.key);
      gesamt.set(id, add(gesamt.get(id), r));
    } else {
      areaIds.add(r.areaId);
      const id = cell(r.year, r.areaId, r.key);
      areas.set(id, add(areas.get(id), r));
      const sid = cell(r.year, null, r.key);
      sums.set(sid, add(sums.get(sid), r));
    }
  }
  const sortedYears = [...years].sort((a, b) => a - b);
  const manifestOrder = dataset.manifest.gebiete.map((g) => g.id);
  const areasWithData = [
    ...manifestOrder.filter((id) => areaIds.has(id)),
    ...[...areaIds].filter((id) => !manifestOrder.includes(id)).sort(),
  ];
  return {
    dataset,
    population: buildPopulationLookup(dataset.population),
    years: sortedYears,
    keys: orderKeys(keys),
    latestYear: sortedYears.length > 0 ? (sortedYears[sortedYears.length - 1] as number) : null,
    dataLabels,
    gesamt: (key, year) => gesamt.get(cell(year, null, key)),
    areaSum: (key, year) => sums.get(cell(year, null, key)),
    municipal: (key, year) => gesamt.get(cell(year, null, key)) ?? sums.get(cell(year, null, key)),
    area: (areaId, key, year) => areas.get(cell(year, areaId, key)),
    areasWithData,
  };
}

/** The figure of the municipality for a key and year, with HZ and AQ. */
export function municipalFigure(
  ctx: CrimeContext,
  key: string,
  year: number,
): { cases: number; rate: number | null; clearanceRate: number | null } | undefined {
  const c = ctx.municipal(key, year);
  if (!c) return undefined;
  return {
    cases: c.cases,
    rate: haeufigkeitszahl(c.cases, ctx.population.municipality(year)),
    clearanceRate: aufklaerungsquote(c.cleared, c.cases),
  };
}

/** The figure of an area for a key and year, with HZ and AQ. */
export function areaFigure(
  ctx: CrimeContext,
  areaId: string,
  key: string,
  year: number,
): { cases: number; rate: number | null; clearanceRate: number | null } | undefined {
  const c = ctx.area(areaId, key, year);
  if (!c) return undefined;
  return {
    cases: c.cases,
    rate: haeufigkeitszahl(c.cases, ctx.population.area(areaId, year)),
    clearanceRate: aufklaerungsquote(c.cleared, c.cases),
  };
}

export interface AverageFigure {
  /** Mean yearly cases over `years`. */
  readonly cases: number;
  /** Pooled HZ: Σ cases × 100,000 / Σ population over the years with a known population. */
  readonly rate: number | null;
  /** Σ cleared / Σ cases (null unless every year has cleared counts). */
  readonly clearanceRate: number | null;
  readonly years: number[];
}

/** Multi-year average of an area's key over every year in which the area has a row for it. */
export function areaAverage(ctx: CrimeContext, areaId: string, key: string): AverageFigure | undefined {
  let cases = 0;
  let cleared: number | null = 0;
  let rateCases = 0;
  let ratePop = 0;
  const years: number[] = [];
  for (const y of ctx.years) {
    const c = ctx.area(areaId, key, y);
    if (!c) continue;
    years.push(y);
    cases += c.cases;
    cleared = cleared === null || c.cleared === null ? null : cleared + c.cleared;
    const pop = ctx.population.area(areaId, y);
    if (pop !== null) {
      rateCases += c.cases;
      ratePop += pop;
    }
  }
  if (years.length === 0) return undefined;
  return {
    cases: cases / years.length,
    rate: haeufigkeitszahl(rateCases, ratePop),
    clearanceRate: aufklaerungsquote(cleared, cases),
    years,
  };
}

export interface AreaRate {
  readonly rate: number | null;
  /** Cases in the latest year (0 when the area has no row then). */
  readonly latestCases: number;
  /** 'latest': HZ of the latest year; 'average': multi-year average, used when the latest count is below SMALL_COUNT. */
  readonly basis: 'latest' | 'average';
  readonly years: readonly number[];
  /** Cases behind the rate (over `years`, only years with a known population). */
  readonly cases: number;
  /** Population-years behind the rate (0 when unknown). */
  readonly population: number;
}

/**
 * The HZ of an area for a key as used in the comparison: the latest year's HZ, or the multi-year
 * average (pooled over all years with data) when the latest year has fewer than SMALL_COUNT cases.
 * Undefined when the area has no row for the key at all.
 */
export function areaRateForComparison(ctx: CrimeContext, areaId: string, key: string): AreaRate | undefined {
  const latest = ctx.latestYear;
  if (latest === null) return undefined;
  const f = areaFigure(ctx, areaId, key, latest);
  if (f && f.cases >= SMALL_COUNT)
    return {
      rate: f.rate,
      latestCases: f.cases,
      basis: 'latest',
      years: [latest],
      cases: f.cases,
      population: ctx.population.area(areaId, latest) ?? 0,
    };
  let cases = 0;
  let population = 0;
  const years: number[] = [];
  for (const y of ctx.years) {
    const c = ctx.area(areaId, key, y);
    if (!c) continue;
    years.push(y);
    const pop = ctx.population.area(areaId, y);
    if (pop !== null) {
      cases += c.cases;
      population += pop;
    }
  }
  if (years.length === 0) return undefined;
  return {
    rate: haeufigkeitszahl(cases, population),
    latestCases: f?.cases ?? 0,
    basis: 'average',
    years,
    cases,
    population,
  };
}

/**
 * The municipality's rate for a key over the given years, pooled like an area's average
 * (Σ cases × 100,000 / Σ population over the years with a known population); for one year its HZ.
 * The comparison compares an area with the municipality on the same years.
 */
export function municipalRateOver(ctx: CrimeContext, key: string, years: readonly number[]): number | null {
  let cases = 0;
  let population = 0;
  for (const y of years) {
    const c = ctx.municipal(key, y);
    const pop = ctx.population.municipality(y);
    if (!c || pop === null) continue;
    cases += c.cases;
    population += pop;
  }
  return haeufigkeitszahl(cases, population);
}
