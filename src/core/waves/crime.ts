/**
 * The PKS over the combined period of two waves: every year either analysis.json contains (the later
 * wave's figure where both have the year; differing figures are listed as revisions), and the rate of
 * the years after the earlier analysis's Berichtsjahr against as many years before it.
 */
import type { PublishedAnalysis } from './published.js';
import type { CrimeSeries, Development, PeriodComparison } from './schema.js';
import { ALPHA, rateRatio } from './stats.js';

export const KEY_TOTAL = '------';
/** Cases each period needs before its rate is compared. */
export const CRIME_MIN_CASES = 10;

type YearFigure = { cases: number; rate: number | null; population: number | null };
type Revision = Development['crime']['revisions'][number];

/** Population behind a rate: the published population, else recovered from cases and HZ. */
function populationOf(cases: number, rate: number | null | undefined, population: number | null | undefined) {
  if (population !== null && population !== undefined && population > 0) return population;
  return rate !== null && rate !== undefined && rate > 0 && cases > 0 ? (cases * 100_000) / rate : null;
}

function figures(a: PublishedAnalysis, key: string, areaId: string | null): Map<number, YearFigure> {
  const out = new Map<number, YearFigure>();
  if (areaId === null) {
    for (const [y, year] of Object.entries(a.crime.byYear)) {
      const f = key === KEY_TOTAL ? (year.byKey[key] ?? year.total) : year.byKey[key];
      if (!f) continue;
      out.set(Number(y), {
        cases: f.cases,
        rate: f.rate ?? null,
        population: year.population ?? populationOf(f.cases, f.rate, null),
      });
    }
  } else if (key === KEY_TOTAL) {
    const area = a.crime.byArea[areaId];
    for (const [y, f] of Object.entries(area?.byYear ?? {})) {
      out.set(Number(y), {
        cases: f.cases,
        rate: f.rate ?? null,
        population: populationOf(f.cases, f.rate, null),
      });
    }
  }
  return out;
}

function labelOf(a: PublishedAnalysis, b: PublishedAnalysis, key: string): string {
  if (key === KEY_TOTAL) return 'Straftaten insgesamt';
  return (
    a.crime.keys.find((k) => k.key === key)?.label ?? b.crime.keys.find((k) => k.key === key)?.label ?? key
  );
}

function period(years: CrimeSeries['years'], cutoff: number): PeriodComparison | null {
  const after = years.filter((y) => y.year > cutoff);
  const before = years.filter((y) => y.year <= cutoff).slice(-Math.max(1, after.length));
  if (after.length === 0) return null;
  const sumCases = (xs: typeof years) => xs.reduce((s, y) => s + y.cases, 0);
  const rateOf = (xs: typeof years): number | null => {
    if (xs.length === 0 || xs.some((y) => y.population === null)) return null;
    const pop = xs.reduce((s, y) => s + (y.population ?? 0), 0);
    return pop > 0 ? (sumCases(xs) * 100_000) / pop : null;
  };
  const base = {
    beforeYears: before.map((y) => y.year),
    afterYears: after.map((y) => y.year),
    beforeCases: sumCases(before),
    afterCases: sumCases(after),
    beforeRate: rateOf(before),
    afterRate: rateOf(after),
  };
  const untested = (reason: string): PeriodComparison => ({
    ...base,
    rateRatio: base.beforeRate && base.afterRate !== null ? base.afterRate / base.beforeRate : null,
    ci95: null,
    dispersion: null,
    p: null,
    pAdjusted: null,
    significant: false,
    untested: reason,
  });
  if (before.length < after.length)
    return untested('Für den Vergleich fehlen PKS-Jahre vor der früheren Befragung.');
  if (base.beforeRate === null || base.afterRate === null)
    return untested('Ohne Einwohnerzahl lässt sich keine Häufigkeitszahl vergleichen.');
  if (base.beforeCases < CRIME_MIN_CASES || base.afterCases < CRIME_MIN_CASES)
    return untested(
      `Weniger als ${CRIME_MIN_CASES} Fälle in einem der Zeiträume: zu wenige für einen Vergleich.`,
    );
  const rr = rateRatio({ years: before }, { years: after });
  if (!rr) return untested('Kein Vergleich möglich.');
  return {
    ...base,
    rateRatio: rr.rateRatio,
    ci95: rr.ci95,
    dispersion: rr.dispersion,
    p: rr.p,
    pAdjusted: rr.p,
    significant: rr.p < ALPHA,
    untested: null,
  };
}

/** One series (key × municipality or area) over the combined period, with revisions of shared years. */
export function crimeSeries(
  before: PublishedAnalysis,
  after: PublishedAnalysis,
  key: string,
  areaId: string | null,
): { series: CrimeSeries; revisions: Revision[] } | undefined {
  const fb = figures(before, key, areaId);
  const fa = figures(after, key, areaId);
  if (fb.size === 0 && fa.size === 0) return undefined;
  const years = [...new Set([...fb.keys(), ...fa.keys()])].sort((x, y) => x - y);
  const revisions: Revision[] = [];
  const rows = years.map((year) => {
    const b = fb.get(year);
    const a = fa.get(year);
    if (a && b && a.cases !== b.cases)
      revisions.push({ key, areaId, year, casesBefore: b.cases, casesAfter: a.cases });
    const f = (a ?? b) as YearFigure;
    return {
      year,
      cases: f.cases,
      rate: f.rate,
      population: f.population,
      source: a ? ('after' as const) : ('before' as const),
    };
  });
  return {
    series: {
      key,
      label: labelOf(after, before, key),
      areaId,
      years: rows,
      period: period(rows, before.meta.berichtsjahr),
    },
    revisions,
  };
}
