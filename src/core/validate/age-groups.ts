/**
 * Age groups as written in `bevoelkerung` (`16-29`, `75+`, also `16–29`, `16 bis 29`, `ab 75`,
 * `75 und älter`): parsing, the contiguity check, and the age → group look-up table.
 */
import type { AgeGroup } from '../model/dataset.js';
import { q } from './message.js';

/** Highest age the survey accepts (contract §3.2). */
export const MAX_AGE = 110;
export const MIN_AGE = 14;

export function parseAgeGroup(label: string): AgeGroup | null {
  const t = label.trim();
  let m = /^(\d{1,3})\s*(?:-|–|bis)\s*(\d{1,3})$/i.exec(t);
  if (m) {
    const min = Number(m[1]);
    const max = Number(m[2]);
    return min <= max ? { label: t, min, max } : null;
  }
  m = /^(?:(\d{1,3})\s*\+|ab\s+(\d{1,3})|(\d{1,3})\s+und\s+(?:älter|aelter|mehr))$/i.exec(t);
  if (m) {
    const min = Number(m[1] ?? m[2] ?? m[3]);
    return { label: t, min, max: null };
  }
  return null;
}

export interface AgeGroupProblem {
  /** Label of the group the problem is reported at. */
  readonly label: string;
  readonly code: 'age-groups-overlap' | 'age-groups-gap' | 'age-groups-open';
  readonly text: string;
}

/** Sorts groups and checks that they are contiguous and non-overlapping, with only the last one open. */
export function checkAgeGroups(groups: readonly AgeGroup[]): {
  readonly sorted: AgeGroup[];
  readonly problems: AgeGroupProblem[];
} {
  const sorted = [...groups].sort((a, b) => a.min - b.min || (a.max ?? 999) - (b.max ?? 999));
  const problems: AgeGroupProblem[] = [];
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    if (prev.max === null) {
      problems.push({
        label: cur.label,
        code: 'age-groups-open',
        text: `Altersgruppe ${q(cur.label)} liegt innerhalb der offenen Gruppe ${q(prev.label)}; nur die älteste Gruppe darf offen sein (z. B. ${q('75+')}).`,
      });
    } else if (cur.min <= prev.max) {
      problems.push({
        label: cur.label,
        code: 'age-groups-overlap',
        text: `Altersgruppen ${q(prev.label)} und ${q(cur.label)} überschneiden sich (erwartet: lückenlose, überschneidungsfreie Gruppen wie 16-29, 30-44, …, 75+).`,
      });
    } else if (cur.min > prev.max + 1) {
      problems.push({
        label: cur.label,
        code: 'age-groups-gap',
        text: `Zwischen den Altersgruppen ${q(prev.label)} und ${q(cur.label)} fehlen die Alter ${prev.max + 1}–${cur.min - 1} (erwartet: lückenlose, überschneidungsfreie Gruppen wie 16-29, 30-44, …, 75+).`,
      });
    }
  }
  return { sorted, problems };
}

/** Table age → group index (-1 where no group covers the age), for ages 0..255. */
export function ageLookup(groups: readonly AgeGroup[]): Int8Array {
  const table = new Int8Array(256).fill(-1);
  groups.forEach((g, i) => {
    const hi = Math.min(g.max ?? 255, 255);
    for (let a = Math.max(g.min, 0); a <= hi; a++) if (table[a] === -1) table[a] = i;
  });
  return table;
}
