/** Differences of two figures, the thresholds that make a change worth reporting, and stable ordering. */
import type { Delta } from './schema.js';

/** A share must move at least one percentage point. */
export const SHARE_POINTS = 0.01;
/** A Häufigkeitszahl must move at least 1 %. */
export const RATE_RELATIVE = 0.01;
/** Floating-point slack when comparing against a threshold (shares have 4 decimals). */
const EPS = 1e-9;

export function delta(from: number | null | undefined, to: number | null | undefined): Delta {
  const f = from ?? null;
  const t = to ?? null;
  const d = f !== null && t !== null ? t - f : null;
  return { from: f, to: t, delta: d, relative: d !== null && f !== 0 && f !== null ? d / Math.abs(f) : null };
}

/** One side has a value and the other none. */
const presenceChanged = (d: Delta): boolean => (d.from === null) !== (d.to === null);

/** Counts: any change. */
export function countMoved(d: Delta): boolean {
  return presenceChanged(d) || (d.delta !== null && Math.abs(d.delta) > EPS);
}

/** Shares: at least SHARE_POINTS. */
export function shareMoved(d: Delta): boolean {
  return presenceChanged(d) || (d.delta !== null && Math.abs(d.delta) >= SHARE_POINTS - EPS);
}

/** Rates: at least RATE_RELATIVE of the previous value (from 0 to anything else counts). */
export function rateMoved(d: Delta): boolean {
  if (presenceChanged(d) || d.delta === null) return presenceChanged(d);
  if (d.relative === null) return Math.abs(d.delta) > EPS;
  return Math.abs(d.relative) >= RATE_RELATIVE - EPS;
}

/** |relative change| for magnitude ranking; 1 when a value appears, disappears or leaves zero. */
export function relativeSize(d: Delta): number {
  if (presenceChanged(d)) return 1;
  if (d.delta === null || Math.abs(d.delta) <= EPS) return 0;
  return d.relative === null ? 1 : Math.abs(d.relative);
}

/** |absolute change| of a share for magnitude ranking; 1 when a value appears or disappears. */
export function absoluteSize(d: Delta): number {
  if (presenceChanged(d)) return 1;
  return d.delta === null ? 0 : Math.abs(d.delta);
}

/** Code-unit order, independent of locale and ICU version. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Marks the first `top` entries of an already sorted list as shown. */
export function markShown<T extends { shown: boolean }>(list: readonly Omit<T, 'shown'>[], top: number): T[] {
  return list.map((entry, i) => ({ ...entry, shown: i < top }) as T);
}
