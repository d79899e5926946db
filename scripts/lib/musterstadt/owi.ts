/**
 * Administrative offences recorded by the Ordnungsamt (`ordnungswidrigkeiten.csv`): tab-delimited,
 * areas written by name. The Alkoholkonsumverbot (Polizeiverordnung) exists only from mid-2023.
 */
import { AREAS, CRIME_YEARS } from './areas.js';
import { toCsv, utf8 } from './csv.js';
import type { Rng } from './rng.js';

interface Category {
  readonly name: string;
  /** Expected count in 2025 per area id. */
  readonly level: Readonly<Record<string, number>>;
  /** Relative change per year. */
  readonly trend: number;
  /** First year with records and the share of that first year covered. */
  readonly from?: { readonly year: number; readonly fraction: number };
}

const CATEGORIES: readonly Category[] = [
  {
    name: 'Müll',
    trend: 0.05,
    level: { '01': 38, '02': 61, '03': 54, '04': 22, '05': 19, '06': 27, '07': 6, '08': 4 },
  },
  {
    name: 'Lärm',
    trend: 0,
    level: { '01': 45, '02': 33, '03': 21, '04': 12, '05': 10, '06': 3, '07': 4, '08': 2 },
  },
  {
    name: 'Hunde',
    trend: 0.01,
    level: { '01': 12, '02': 9, '03': 18, '04': 16, '05': 31, '06': 2, '07': 14, '08': 5 },
  },
  {
    name: 'Parken',
    trend: 0.02,
    level: { '01': 1480, '02': 820, '03': 610, '04': 390, '05': 340, '06': 120, '07': 45, '08': 20 },
  },
  {
    name: 'Alkoholkonsumverbot',
    trend: 0,
    from: { year: 2023, fraction: 0.5 },
    level: { '01': 22, '02': 34, '05': 5 },
  },
];

export function buildOwiCsv(rng: Rng): Buffer {
  const rows: (string | number)[][] = [['jahr', 'gebiet', 'kategorie', 'anzahl']];
  for (const year of CRIME_YEARS) {
    for (const a of AREAS) {
      for (const c of CATEGORIES) {
        const level = c.level[a.id];
        if (level === undefined || (c.from && year < c.from.year)) continue;
        const partial = c.from && year === c.from.year ? c.from.fraction : 1;
        rows.push([year, a.name, c.name, rng.poisson(level * partial * Math.pow(1 + c.trend, year - 2025))]);
      }
    }
  }
  return utf8(toCsv(rows, '\t', '\r\n'), false);
}
