/**
 * Quadrant of the discrepancy matrix (domain brief §4.3): fear (unfavourable share) against
 * recorded crime (HZ), each compared with a reference, and only where the difference is supported
 * by the data:
 *
 * - survey side (`fearLevel`): 'ueber'/'unter' where the group's Wilson 95 % interval (effective n)
 *   excludes the reference share, else 'unauffaellig';
 * - crime side (`rateLevel`, stats/poisson.ts): 'ueber'/'unter' where the exact Poisson 95 % interval
 *   of the rate excludes the reference rate and it rests on at least 10 cases; 'unauffaellig' where
 *   the interval contains it; 'nicht-gesichert' with fewer than 10 cases.
 *
 * Quadrant: begründete Furcht = both 'ueber'; Furcht ohne Hellfeld-Korrelat = fear 'ueber', crime
 * not; unterschätztes Risiko = crime 'ueber', fear not; unauffällig = neither. With too few cases
 * on the crime side (or no value on either side) there is no quadrant (null): the report then says
 * "nicht einzuordnen" and no finding or recommendation rests on it.
 */
import type { Level, Quadrant } from '../schema.js';

export const QUADRANT_LABELS: Readonly<Record<Quadrant, string>> = {
  'begruendete-furcht': 'begründete Furcht',
  'furcht-ohne-hellfeld': 'Furcht ohne Hellfeld-Korrelat',
  'unterschaetztes-risiko': 'unterschätztes Risiko',
  unauffaellig: 'unauffällig',
};

/** Survey side: does the share's interval exclude the reference? */
export function fearLevel(ci95: readonly [number, number] | null, reference: number | null): Level | null {
  if (!ci95 || reference === null) return null;
  if (ci95[0] > reference) return 'ueber';
  if (ci95[1] < reference) return 'unter';
  return 'unauffaellig';
}

export function quadrantOf(fear: Level | null, crime: Level | null): Quadrant | null {
  if (fear === null || crime === null || fear === 'nicht-gesichert' || crime === 'nicht-gesichert')
    return null;
  const highFear = fear === 'ueber';
  const highRate = crime === 'ueber';
  if (highFear && highRate) return 'begruendete-furcht';
  if (highFear) return 'furcht-ohne-hellfeld';
  if (highRate) return 'unterschaetztes-risiko';
  return 'unauffaellig';
}
