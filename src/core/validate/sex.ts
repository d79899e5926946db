/** Geschlecht as written: `w`/`weiblich`/`1`, `m`/`männlich`/`2`, `d`/`divers`/`3` (case-insensitive). */
import type { Cell } from '../input/table.js';

/** Survey coding: 0 = keine Angabe, 1 = w, 2 = m, 3 = d; -1 = not allowed. */
export const SEX_INVALID = -1;
export const SEX_ALLOWED = 'w/weiblich/1, m/männlich/2, d/divers/3';

const TEXT: Readonly<Record<string, number>> = {
  w: 1,
  weiblich: 1,
  '1': 1,
  m: 2,
  männlich: 2,
  maennlich: 2,
  '2': 2,
  d: 3,
  divers: 3,
  '3': 3,
};

export function parseSex(cell: Cell | undefined): number {
  if (cell === null || cell === undefined) return 0;
  if (typeof cell === 'number') return cell === 1 || cell === 2 || cell === 3 ? cell : SEX_INVALID;
  if (typeof cell !== 'string') return SEX_INVALID;
  const t = cell.trim().toLowerCase();
  if (t === '') return 0;
  return Object.hasOwn(TEXT, t) ? TEXT[t]! : SEX_INVALID;
}

export const SEX_CODES = ['', 'w', 'm', 'd'] as const;
