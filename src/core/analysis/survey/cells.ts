/**
 * The respondent cell layout: every respondent falls into one cell area × sex × age group
 * (with a slot for "unknown" in each), and an item is counted in one linear pass over the
 * respondents into per-cell sums per answer code. All breakdowns (total, areas, sexes, age groups,
 * sex × age) are then sums over the small cell table, independent of the number of respondents.
 *
 * Cell index = (areaSlot · 6 + sexSlot) · (ageGroups + 1) + ageSlot, with areaSlot = area + 1
 * (0 = unknown) and ageSlot = ageGroup + 1 (0 = unknown).
 *
 * Sex in breakdowns: only `w` and `m` are published. Respondents with `d` or without sex are
 * assigned to them alternately in file order (the 1st, 3rd, … to `w`, the 2nd, 4th, … to `m`), as
 * the official statistics do for the census (Destatis, Zensus 2022): the two published groups then
 * add up to the total, so no small remainder can be recomputed from them and no secondary
 * suppression of a whole sex is needed. Their weights are unchanged (mean weight, weights.ts), so
 * each keeps its own cell: sexSlot 0 = keine Angabe → w, 1 = w, 2 = m, 3 = d → w,
 * 4 = keine Angabe → m, 5 = d → m. `breakdowns` folds them into w (0, 1, 3) and m (2, 4, 5).
 * Per cell there are SLOTS answer slots: codes 0..9 and slot 10 for any other (invalid) code.
 */
import type { Survey } from '../../model/dataset.js';

export const SLOTS = 11;
export const INVALID_SLOT = 10;
/** Sex slots of a cell (see above). */
export const SEX_SLOTS = 6;
/** Sex groups of a breakdown: 0 = unknown (always empty since the assignment), 1 = w, 2 = m, 3 = d (always empty). */
export const SEX_GROUPS = 4;
const SEX_GROUP_OF_SLOT = [1, 1, 2, 1, 2, 2] as const;

export interface CellLayout {
  readonly areas: number;
  readonly ages: number;
  readonly cells: number;
  /** Cell of each respondent. */
  readonly cellOf: Uint32Array;
}

export function cellLayout(survey: Survey, areaCount: number, ageCount: number): CellLayout {
  const n = survey.size;
  const cellOf = new Uint32Array(n);
  const ageSlots = ageCount + 1;
  let assigned = 0;
  for (let i = 0; i < n; i++) {
    const a = survey.area[i]!;
    const areaSlot = a >= 0 && a < areaCount ? a + 1 : 0;
    const s = survey.sex[i]!;
    let sex: number = s;
    if (s !== 1 && s !== 2) sex = (assigned++ & 1) === 0 ? (s === 3 ? 3 : 0) : s === 3 ? 5 : 4;
    const g = survey.ageGroup[i]!;
    const ageSlot = g >= 0 && g < ageCount ? g + 1 : 0;
    cellOf[i] = (areaSlot * SEX_SLOTS + sex) * ageSlots + ageSlot;
  }
  return { areas: areaCount, ages: ageCount, cells: (areaCount + 1) * SEX_SLOTS * ageSlots, cellOf };
}

/** Count, Σw and Σw² per cell and answer slot (index cell · SLOTS + slot). */
export interface CellSums {
  readonly cnt: Float64Array;
  readonly ws: Float64Array;
  readonly w2: Float64Array;
}

/** Count, Σw and Σw² per answer slot for one group of respondents. */
export interface GroupSums {
  readonly cnt: Float64Array;
  readonly ws: Float64Array;
  readonly w2: Float64Array;
}

export function emptyGroup(): GroupSums {
  return { cnt: new Float64Array(SLOTS), ws: new Float64Array(SLOTS), w2: new Float64Array(SLOTS) };
}

/** Answer slot of every byte code: 0..9 as is, anything else the invalid slot. */
const SLOT_OF = Uint8Array.from({ length: 256 }, (_, c) => (c < INVALID_SLOT ? c : INVALID_SLOT));

/**
 * The weight shared by all respondents of each cell, or null if some cell mixes weights. The
 * raking weights depend on sex and age group only, both part of the cell, so this normally
 * succeeds and `accumulate` only has to count (one increment per respondent instead of three sums).
 */
export function cellWeights(layout: CellLayout, weights: Float64Array): Float64Array | null {
  const w = new Float64Array(layout.cells).fill(Number.NaN);
  const { cellOf } = layout;
  for (let i = 0; i < cellOf.length; i++) {
    const c = cellOf[i]!;
    const x = weights[i]!;
    const prev = w[c]!;
    if (prev !== prev) w[c] = x;
    else if (prev !== x) return null;
  }
  return w;
}

/**
 * One pass over an answer column. `filter`, when given, restricts the base to respondents whose
 * filter code is 1 (e.g. anzeige_<delikt> only among victims, opfer_<delikt> = 1). With
 * `perCell` (see cellWeights) only counts are taken and Σw, Σw² follow from them per cell.
 */
export function accumulate(
  layout: CellLayout,
  column: Uint8Array,
  weights: Float64Array,
  weightsSq: Float64Array,
  filter?: Uint8Array | null,
  perCell?: Float64Array | null,
): CellSums {
  const size = layout.cells * SLOTS;
  const cnt = new Float64Array(size);
  const ws = new Float64Array(size);
  const w2 = new Float64Array(size);
  const { cellOf } = layout;
  const n = Math.min(column.length, cellOf.length);
  if (perCell) {
    const counts = new Int32Array(size);
    if (filter) {
      for (let i = 0; i < n; i++) if (filter[i] === 1) counts[cellOf[i]! * SLOTS + SLOT_OF[column[i]!]!]!++;
    } else {
      for (let i = 0; i < n; i++) counts[cellOf[i]! * SLOTS + SLOT_OF[column[i]!]!]!++;
    }
    for (let idx = 0; idx < size; idx++) {
      const k = counts[idx]!;
      if (k === 0) continue;
      const w = perCell[(idx / SLOTS) | 0]!;
      cnt[idx] = k;
      ws[idx] = k * w;
      w2[idx] = k * w * w;
    }
    return { cnt, ws, w2 };
  }
  for (let i = 0; i < n; i++) {
    if (filter && filter[i] !== 1) continue;
    const idx = cellOf[i]! * SLOTS + SLOT_OF[column[i]!]!;
    cnt[idx]!++;
    ws[idx]! += weights[i]!;
    w2[idx]! += weightsSq[i]!;
  }
  return { cnt, ws, w2 };
}

function addCell(target: GroupSums, sums: CellSums, cell: number): void {
  const base = cell * SLOTS;
  for (let s = 0; s < SLOTS; s++) {
    target.cnt[s]! += sums.cnt[base + s]!;
    target.ws[s]! += sums.ws[base + s]!;
    target.w2[s]! += sums.w2[base + s]!;
  }
}

/** The sum of several groups (e.g. the unknown age group and the age groups below the survey's minimum age). */
export function sumGroups(groups: readonly GroupSums[]): GroupSums {
  const out = emptyGroup();
  for (const g of groups)
    for (let s = 0; s < SLOTS; s++) {
      out.cnt[s]! += g.cnt[s]!;
      out.ws[s]! += g.ws[s]!;
      out.w2[s]! += g.w2[s]!;
    }
  return out;
}

export interface Breakdowns {
  readonly total: GroupSums;
  /** Index 0 = unknown area, i + 1 = manifest area i. */
  readonly area: GroupSums[];
  /** Index 1 w, 2 m (d and keine Angabe assigned to them, see above); 0 and 3 stay empty. */
  readonly sex: GroupSums[];
  /** Index 0 = unknown, g + 1 = age group g. */
  readonly age: GroupSums[];
  /** [sex slot][age slot]. */
  readonly sexAge: GroupSums[][];
}

export function breakdowns(layout: CellLayout, sums: CellSums): Breakdowns {
  const ageSlots = layout.ages + 1;
  const total = emptyGroup();
  const area = Array.from({ length: layout.areas + 1 }, emptyGroup);
  const sex = Array.from({ length: SEX_GROUPS }, emptyGroup);
  const age = Array.from({ length: ageSlots }, emptyGroup);
  const sexAge = Array.from({ length: SEX_GROUPS }, () => Array.from({ length: ageSlots }, emptyGroup));
  for (let cell = 0; cell < layout.cells; cell++) {
    const ageSlot = cell % ageSlots;
    const rest = (cell - ageSlot) / ageSlots;
    const slot = rest % SEX_SLOTS;
    const a = (rest - slot) / SEX_SLOTS;
    const s = SEX_GROUP_OF_SLOT[slot]!;
    addCell(total, sums, cell);
    addCell(area[a]!, sums, cell);
    addCell(sex[s]!, sums, cell);
    addCell(age[ageSlot]!, sums, cell);
    addCell(sexAge[s]![ageSlot]!, sums, cell);
  }
  return { total, area, sex, age, sexAge };
}
