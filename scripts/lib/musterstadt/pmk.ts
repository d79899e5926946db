/**
 * Politically motivated crime (`pmk.csv`) for the whole municipality, 2021–2025. Comma-delimited;
 * older years use the official labels ("PMK -rechts-", the old "PMK -nicht zuzuordnen-"),
 * newer ones the short codes, so a reader has to accept both.
 */
import { CRIME_YEARS } from './areas.js';
import { toCsv, utf8 } from './csv.js';
import type { Rng } from './rng.js';

const AREAS_OF_PMK = [
  'rechts',
  'links',
  'auslaendische_ideologie',
  'religioese_ideologie',
  'sonstige',
] as const;
type Bereich = (typeof AREAS_OF_PMK)[number];

const OFFICIAL: Record<Bereich, string> = {
  rechts: 'PMK -rechts-',
  links: 'PMK -links-',
  auslaendische_ideologie: 'PMK -ausländische Ideologie-',
  religioese_ideologie: 'PMK -religiöse Ideologie-',
  sonstige: 'PMK -sonstige Zuordnung-',
};
/** Expected cases per year (2024 with election campaigns: more "sonstige" and "rechts"). */
const EXPECTED: Record<Bereich, readonly number[]> = {
  rechts: [9, 11, 10, 14, 11],
  links: [3, 2, 4, 5, 3],
  auslaendische_ideologie: [1, 0.5, 1, 1.5, 1],
  religioese_ideologie: [0.2, 0.2, 0.3, 0.5, 0.3],
  sonstige: [4, 5, 3, 9, 5],
};

function label(b: Bereich, year: number): string {
  if (year <= 2022) return b === 'sonstige' ? 'PMK -nicht zuzuordnen-' : OFFICIAL[b];
  if (year === 2025 && (b === 'rechts' || b === 'sonstige')) return OFFICIAL[b];
  return b;
}

export function buildPmkCsv(rng: Rng): Buffer {
  const rows: (string | number)[][] = [
    ['jahr', 'gebiet', 'phaenomenbereich', 'faelle', 'gewaltdelikte', 'stand'],
  ];
  CRIME_YEARS.forEach((year, y) => {
    for (const b of AREAS_OF_PMK) {
      const faelle = rng.poisson(EXPECTED[b][y] ?? 0);
      rows.push([year, 'gesamt', label(b, year), faelle, rng.binomial(faelle, 0.1), `${year + 1}-01-31`]);
    }
  });
  return utf8(toCsv(rows, ',', '\n'), false);
}
