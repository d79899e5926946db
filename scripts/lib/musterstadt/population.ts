/**
 * Population per year × Ortsteil × sex × age group (the `bevoelkerung` file), all residents: the
 * five survey age groups from 16 and the children and adolescents `0-15` (contract §4: the
 * Häufigkeitszahl divides by every resident). 2025 is built from the area parameters; earlier years
 * follow each area's trend with a little noise. The 0-15 rows come from their own random stream,
 * so the rows from 16 (and the survey drawn from them) stay as they were.
 */
import { AGE_GROUPS, AREAS, CRIME_YEARS, FEMALE_SHARE_BY_AGE, BERICHTSJAHR } from './areas.js';
import type { Rng } from './rng.js';

export type SexCode = 'w' | 'm' | 'd';

export interface PopRow {
  readonly jahr: number;
  readonly gebiet: string;
  readonly geschlecht: SexCode;
  readonly altersgruppe: string;
  readonly anzahl: number;
}

/** The age group below the survey's minimum age. */
export const CHILDREN_GROUP = '0-15';
/** Share of girls among 0–15-year-olds. */
const FEMALE_SHARE_CHILDREN = 0.487;

export function buildPopulation(rng: Rng, children: Rng = rng.fork('children')): PopRow[] {
  const rows: PopRow[] = [];
  for (const area of AREAS) {
    const count = area.pop16 * area.under16;
    for (const year of CRIME_YEARS) {
      const factor = Math.pow(1 + area.popTrend, year - BERICHTSJAHR);
      const noise = year === BERICHTSJAHR ? 1 : factor * (1 + children.normal(0, 0.01));
      for (const [sex, share] of [
        ['w', FEMALE_SHARE_CHILDREN],
        ['m', 1 - FEMALE_SHARE_CHILDREN],
      ] as const)
        rows.push({
          jahr: year,
          gebiet: area.id,
          geschlecht: sex,
          altersgruppe: CHILDREN_GROUP,
          anzahl: Math.round(count * share * noise),
        });
    }
  }
  for (const area of AREAS) {
    // Base counts for 2025; "d" only in larger areas and younger groups, a handful at most.
    const base: { sex: SexCode; group: number; count: number }[] = [];
    AGE_GROUPS.forEach((_, g) => {
      const inGroup = area.pop16 * (area.ageShares[g] ?? 0);
      const female = FEMALE_SHARE_BY_AGE[g] ?? 0.5;
      base.push({ sex: 'w', group: g, count: Math.round(inGroup * female) });
      base.push({ sex: 'm', group: g, count: Math.round(inGroup * (1 - female)) });
      if (area.pop16 >= 2500 && g <= 1) base.push({ sex: 'd', group: g, count: rng.int(1, 3) });
    });
    for (const year of CRIME_YEARS) {
      const factor = Math.pow(1 + area.popTrend, year - BERICHTSJAHR);
      for (const cell of base) {
        const noisy = year === BERICHTSJAHR ? cell.count : cell.count * factor * (1 + rng.normal(0, 0.008));
        const anzahl =
          cell.sex === 'd'
            ? year === BERICHTSJAHR
              ? cell.count
              : Math.max(1, cell.count - rng.int(0, 1))
            : Math.round(noisy);
        rows.push({
          jahr: year,
          gebiet: area.id,
          geschlecht: cell.sex,
          altersgruppe: AGE_GROUPS[cell.group] ?? '',
          anzahl,
        });
      }
    }
  }
  return rows.sort((a, b) => a.jahr - b.jahr || a.gebiet.localeCompare(b.gebiet));
}

/** Population (all ages) per area for one year. */
export function populationByArea(rows: readonly PopRow[], year: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) if (r.jahr === year) out.set(r.gebiet, (out.get(r.gebiet) ?? 0) + r.anzahl);
  return out;
}
