/**
 * PKS figures that moved: Straftaten insgesamt and every key per year for the municipality, Straftaten
 * insgesamt per area and year, and every key per area in the latest year. Only years, keys and areas
 * present in both versions are compared (the rest is a structural change, see diff.ts).
 */
import type { Analysis } from '../analysis/schema.js';
import type { CrimeChange, CrimeMeasure } from './schema.js';
import {
  absoluteSize,
  compareText,
  countMoved,
  delta,
  rateMoved,
  relativeSize,
  shareMoved,
} from './delta.js';

type Figure = {
  readonly cases: number;
  readonly rate: number | null;
  readonly clearanceRate: number | null;
  readonly label?: string | undefined;
};
type Unmarked = Omit<CrimeChange, 'shown'>;

/** PKS key of Straftaten insgesamt (area figures per year are always this key). */
export const TOTAL_KEY = '------';

function keyLabel(a: Analysis, key: string, figure: Figure): string {
  return figure.label ?? a.crime.keys.find((k) => k.key === key)?.label ?? key;
}

function compareFigure(
  prev: Figure,
  next: Figure,
  where: { key: string; label: string; areaId: string | null; areaName: string | null; year: number },
): Unmarked | undefined {
  const cases = delta(prev.cases, next.cases);
  const rate = delta(prev.rate, next.rate);
  const clearanceRate = delta(prev.clearanceRate, next.clearanceRate);
  const changed: CrimeMeasure[] = [];
  if (countMoved(cases)) changed.push('cases');
  if (rateMoved(rate)) changed.push('rate');
  if (shareMoved(clearanceRate)) changed.push('clearanceRate');
  const [first, ...rest] = changed;
  if (first === undefined) return undefined;
  const size = {
    cases: relativeSize(cases),
    rate: relativeSize(rate),
    clearanceRate: absoluteSize(clearanceRate),
  };
  return {
    id: `crime:${where.key}:${where.areaId ?? 'gesamt'}:${where.year}`,
    ...where,
    cases,
    rate,
    clearanceRate,
    changed: [first, ...rest],
    magnitude: Math.max(...changed.map((m) => size[m])),
  };
}

const common = <T>(xs: readonly T[], ys: readonly T[]): T[] => xs.filter((x) => ys.includes(x));

/** All PKS changes above the thresholds, largest first. */
export function crimeChanges(prev: Analysis, next: Analysis): Unmarked[] {
  const out = new Map<string, Unmarked>();
  const add = (c: Unmarked | undefined): void => {
    if (c && !out.has(c.id)) out.set(c.id, c);
  };
  const areaName = (id: string): string =>
    next.meta.gebiete.find((g) => g.id === id)?.name ??
    prev.meta.gebiete.find((g) => g.id === id)?.name ??
    id;
  const years = common(next.crime.years, prev.crime.years);

  for (const year of years) {
    const p = prev.crime.byYear[String(year)];
    const n = next.crime.byYear[String(year)];
    if (!p || !n) continue;
    add(
      compareFigure(p.total, n.total, {
        key: TOTAL_KEY,
        label: keyLabel(next, TOTAL_KEY, n.total),
        areaId: null,
        areaName: null,
        year,
      }),
    );
    for (const key of common(Object.keys(n.byKey), Object.keys(p.byKey))) {
      const pf = p.byKey[key];
      const nf = n.byKey[key];
      if (pf && nf)
        add(
          compareFigure(pf, nf, { key, label: keyLabel(next, key, nf), areaId: null, areaName: null, year }),
        );
    }
  }

  const latestPrev = prev.crime.years.length ? Math.max(...prev.crime.years) : null;
  const latestNext = next.crime.years.length ? Math.max(...next.crime.years) : null;
  for (const areaId of common(Object.keys(next.crime.byArea), Object.keys(prev.crime.byArea))) {
    const p = prev.crime.byArea[areaId];
    const n = next.crime.byArea[areaId];
    if (!p || !n) continue;
    for (const year of years) {
      const pf = p.byYear[String(year)];
      const nf = n.byYear[String(year)];
      if (pf && nf)
        add(
          compareFigure(pf, nf, {
            key: TOTAL_KEY,
            label: keyLabel(next, TOTAL_KEY, nf),
            areaId,
            areaName: areaName(areaId),
            year,
          }),
        );
    }
    if (latestPrev === null || latestPrev !== latestNext) continue;
    for (const key of common(Object.keys(n.byKeyLatest), Object.keys(p.byKeyLatest))) {
      const pf = p.byKeyLatest[key];
      const nf = n.byKeyLatest[key];
      if (pf && nf)
        add(
          compareFigure(pf, nf, {
            key,
            label: keyLabel(next, key, nf),
            areaId,
            areaName: areaName(areaId),
            year: latestNext,
          }),
        );
    }
  }

  return [...out.values()].sort(
    (x, y) =>
      y.magnitude - x.magnitude ||
      Math.abs(y.cases.delta ?? 0) - Math.abs(x.cases.delta ?? 0) ||
      compareText(x.id, y.id),
  );
}
