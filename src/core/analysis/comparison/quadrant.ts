/**
 * Quadrant of the discrepancy matrix (domain brief §4.3): fear (unfavourable share) against
 * recorded crime (HZ), each compared with a reference. "High" means strictly above the reference;
 * equal counts as low.
 */
import type { Quadrant } from '../schema.js';

export const QUADRANT_LABELS: Readonly<Record<Quadrant, string>> = {
  'begruendete-furcht': 'begründete Furcht',
  'furcht-ohne-hellfeld': 'Furcht ohne Hellfeld-Korrelat',
  'unterschaetztes-risiko': 'unterschätztes Risiko',
  unauffaellig: 'unauffällig',
};

export function quadrantOf(
  share: number | null,
  rate: number | null,
  refShare: number | null,
  refRate: number | null,
): Quadrant | null {
  if (share === null || rate === null || refShare === null || refRate === null) return null;
  const highFear = share > refShare;
  const highRate = rate > refRate;
  if (highFear && highRate) return 'begruendete-furcht';
  if (highFear) return 'furcht-ohne-hellfeld';
  if (highRate) return 'unterschaetztes-risiko';
  return 'unauffaellig';
}
