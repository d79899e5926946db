/**
 * Who answered: respondents drawn from the 2025 population of each area with a response
 * propensity that over-represents older people and women slightly (as in real postal surveys),
 * plus survey mode (online more common among the young).
 */
import { AGE_BOUNDS, AGE_GROUPS, AREAS, BERICHTSJAHR, UNKNOWN_AREA_RESPONDENTS } from './areas.js';
import type { AgeGroupLabel, AreaDef } from './areas.js';
import type { PopRow, SexCode } from './population.js';
import type { Rng } from './rng.js';

export interface Respondent {
  /** True area id (drives the answers). */
  readonly area: string;
  /** What the file says in `gebiet`: id, exact name, or '' (unknown). */
  readonly gebietCell: string;
  /** True sex (w/m/d). */
  readonly sex: SexCode;
  readonly sexCell: string;
  readonly ageGroup: number;
  readonly age: number;
  readonly ageCell: string;
  readonly mode: 'papier' | 'online';
  /** Respondent-level propensity to skip single items. */
  readonly skipRate: number;
}

const AGE_PROPENSITY = [0.5, 0.75, 1.0, 1.45, 1.3];
const SEX_PROPENSITY: Record<SexCode, number> = { w: 1.08, m: 1.0, d: 1.0 };
const ONLINE_BY_AGE = [0.75, 0.6, 0.42, 0.2, 0.07];
/** Share of respondents ticking "divers" (the register knows very few). */
const DIVERS_SHARE = 0.01;

function drawAge(rng: Rng, group: number): number {
  const [lo, hi] = AGE_BOUNDS[group] ?? [16, 95];
  if (group < AGE_BOUNDS.length - 1) return rng.int(lo, hi);
  // 75+: falling density, capped at 95.
  return Math.min(hi, lo + Math.floor(-Math.log(1 - rng.uniform()) * 6.5));
}

function drawPerson(
  rng: Rng,
  pop: readonly PopRow[],
  areaId: string,
  year: number,
): { sex: SexCode; group: number } {
  const cells = pop.filter(
    (r) => r.jahr === year && r.gebiet === areaId && r.geschlecht !== 'd' && groupIndex(r.altersgruppe) >= 0,
  );
  const weights = cells.map(
    (c) => c.anzahl * (AGE_PROPENSITY[groupIndex(c.altersgruppe)] ?? 1) * SEX_PROPENSITY[c.geschlecht],
  );
  const cell = cells[rng.weightedIndex(weights)];
  if (!cell) throw new Error('no population cells');
  const sex: SexCode = rng.chance(DIVERS_SHARE) ? 'd' : cell.geschlecht;
  return { sex, group: groupIndex(cell.altersgruppe) };
}

function groupIndex(label: string): number {
  return AGE_GROUPS.indexOf(label as AgeGroupLabel);
}

/** A later survey wave (issue 16) draws from its own year's population and may change the areas' parameters. */
export interface SurveyWave {
  readonly areas: readonly AreaDef[];
  readonly year: number;
}

export function buildRespondents(
  rng: Rng,
  pop: readonly PopRow[],
  wave: SurveyWave = { areas: AREAS, year: BERICHTSJAHR },
): Respondent[] {
  const areas = wave.areas;
  const plan: { area: string; unknown: boolean }[] = [];
  for (const a of areas) for (let i = 0; i < a.respondents; i++) plan.push({ area: a.id, unknown: false });
  const popWeights = areas.map((a) => a.pop16);
  for (let i = 0; i < UNKNOWN_AREA_RESPONDENTS; i++) {
    plan.push({ area: areas[rng.weightedIndex(popWeights)]?.id ?? '01', unknown: true });
  }
  const shuffled = rng.shuffle(plan);
  // A few respondents wrote the area's name instead of its number.
  const byName = new Set(
    rng.shuffle(shuffled.map((_, i) => i).filter((i) => !shuffled[i]?.unknown)).slice(0, 9),
  );

  return shuffled.map((p, i) => {
    const { sex, group } = drawPerson(rng, pop, p.area, wave.year);
    const age = drawAge(rng, group);
    const online = rng.chance(ONLINE_BY_AGE[group] ?? 0.3);
    const areaName = areas.find((a) => a.id === p.area)?.name ?? '';
    const gebietCell = p.unknown ? '' : byName.has(i) ? areaName : p.area;
    const sexCell = rng.chance(0.015) ? '' : sex;
    const ageCell = rng.chance(0.02) ? '' : String(age);
    const skipRate = Math.min(
      0.2,
      0.022 *
        (group === 4 ? 1.7 : group === 3 ? 1.2 : 0.9) *
        (online ? 0.7 : 1.2) *
        (rng.chance(0.04) ? 4 : 1),
    );
    return {
      area: p.area,
      gebietCell,
      sex,
      sexCell,
      ageGroup: group,
      age,
      ageCell,
      mode: online ? 'online' : 'papier',
      skipRate,
    };
  });
}
