/**
 * Population denominators for Häufigkeitszahlen.
 *
 * Which population rows serve a given crime year:
 * 1. rows whose `year` equals the crime year;
 * 2. else rows without a year (a single population table serves every year);
 * 3. else the rows of the nearest year that has rows (on a tie the earlier year), so that a
 *    population table for the Berichtsjahr only still yields rates for earlier years.
 * The municipality's population is the sum over all its rows (all areas, sexes, age groups); an
 * area's population is the sum over the rows of that area. A sum of 0 counts as unknown (null).
 */
import type { PopulationRow } from '../../model/dataset.js';

export interface PopulationLookup {
  /** The population year used for a crime year (null when the rows carry no year or there are none). */
  yearFor(year: number): number | null;
  municipality(year: number): number | null;
  area(areaId: string, year: number): number | null;
}

export function buildPopulationLookup(rows: readonly PopulationRow[]): PopulationLookup {
  const byYear = new Map<number | null, PopulationRow[]>();
  for (const r of rows) {
    const list = byYear.get(r.year);
    if (list) list.push(r);
    else byYear.set(r.year, [r]);
  }
  const datedYears = [...byYear.keys()].filter((y): y is number => y !== null).sort((a, b) => a - b);

  const choose = (year: number): { year: number | null; rows: readonly PopulationRow[] } => {
    const exact = byYear.get(year);
    if (exact) return { year, rows: exact };
    const undated = byYear.get(null);
    if (undated) return { year: null, rows: undated };
    let best: number | undefined;
    for (const y of datedYears) {
      if (best === undefined || Math.abs(y - year) < Math.abs(best - year)) best = y;
    }
    return best === undefined ? { year: null, rows: [] } : { year: best, rows: byYear.get(best) ?? [] };
  };

  const cache = new Map<number, { year: number | null; total: number; byArea: Map<string, number> }>();
  const summary = (year: number) => {
    let s = cache.get(year);
    if (!s) {
      const chosen = choose(year);
      const byArea = new Map<string, number>();
      let total = 0;
      for (const r of chosen.rows) {
        total += r.count;
        byArea.set(r.areaId, (byArea.get(r.areaId) ?? 0) + r.count);
      }
      s = { year: chosen.year, total, byArea };
      cache.set(year, s);
    }
    return s;
  };

  return {
    yearFor: (year) => summary(year).year,
    municipality: (year) => {
      const t = summary(year).total;
      return t > 0 ? t : null;
    },
    area: (areaId, year) => {
      const t = summary(year).byArea.get(areaId);
      return t !== undefined && t > 0 ? t : null;
    },
  };
}
