/**
 * Sex (w, m) × age group tables of a respondent-level index, e.g. the fear dimensions or
 * "victim of any offence". The index is a column coded like an item: 0 = no valid answer,
 * 1 = favourable, 2 = unfavourable. Each cell gives the weighted unfavourable share with its
 * Wilson interval (effective n of the cell); cells are suppressed as a two-way table
 * (stats/suppression.ts `suppressTable`: rows = sexes, columns = age groups; respondents of sex
 * d or without sex, and those without age, are the unknown margins).
 */
import { isLimited, suppressTable } from '../stats/suppression.js';
import { accumulate, breakdowns } from './cells.js';
import type { SurveyContext } from './context.js';
import { shareStat, validN } from './share-stat.js';

export const INDEX_SCALE = { labels: ['günstig', 'ungünstig'], negative: [2] } as const;

export interface SexAgeCell {
  readonly sex: 'w' | 'm';
  readonly ageGroup: string;
  readonly n: number;
  readonly share: number | null;
  readonly ci95: [number, number] | null;
  readonly suppressed: boolean;
  readonly limited: boolean;
}

export function sexAgeCells(ctx: SurveyContext, index: Uint8Array): SexAgeCell[] {
  const b = breakdowns(
    ctx.layout,
    accumulate(ctx.layout, index, ctx.weights, ctx.weightsSq, null, ctx.cellWeight),
  );
  const k = INDEX_SCALE.labels.length;
  const groups = ctx.dataset.ageGroups;
  const sexes = [
    { key: 'w' as const, slot: 1 },
    { key: 'm' as const, slot: 2 },
  ];
  const rows = sexes.map((s) => groups.map((_, g) => ({ n: validN(b.sexAge[s.slot]![g + 1]!, k) })));
  const rowUnknown = sexes.map((s) => validN(b.sexAge[s.slot]![0]!, k));
  const colUnknown = groups.map((_, g) => validN(b.sexAge[0]![g + 1]!, k) + validN(b.sexAge[3]![g + 1]!, k));
  const reasons = suppressTable(rows, rowUnknown, colUnknown, ctx.mindestfallzahl);
  const out: SexAgeCell[] = [];
  sexes.forEach((s, r) => {
    groups.forEach((g, c) => {
      const sums = b.sexAge[s.slot]![c + 1]!;
      const n = validN(sums, k);
      if (reasons[r]![c]) {
        out.push({
          sex: s.key,
          ageGroup: g.label,
          n,
          share: null,
          ci95: null,
          suppressed: true,
          limited: false,
        });
        return;
      }
      const st = shareStat(sums, INDEX_SCALE);
      out.push({
        sex: s.key,
        ageGroup: g.label,
        n,
        share: st.negativeShareWeighted,
        ci95: st.ci95,
        suppressed: false,
        limited: isLimited(n),
      });
    });
  });
  return out;
}

/** Index: valid where any column has a valid code (1..k); unfavourable where any is in `negative`. */
export function anyNegativeIndex(
  size: number,
  columns: readonly Uint8Array[],
  k: number,
  negative: readonly number[],
): Uint8Array {
  const out = new Uint8Array(size);
  // value of a code: 0 = not valid, 1 = valid, 2 = unfavourable; the index keeps the maximum.
  const value = new Uint8Array(256);
  for (let c = 1; c <= k; c++) value[c] = 1;
  for (const c of negative) if (c >= 1 && c <= k) value[c] = 2;
  for (const col of columns) {
    const n = Math.min(size, col.length);
    for (let i = 0; i < n; i++) {
      const v = value[col[i]!]!;
      if (v > out[i]!) out[i] = v;
    }
  }
  return out;
}

/** Index: valid where any column has a valid code (1..k); unfavourable where their mean ≥ threshold. */
export function meanIndex(
  size: number,
  columns: readonly Uint8Array[],
  k: number,
  threshold: number,
): Uint8Array {
  const sum = new Float64Array(size);
  const cnt = new Uint16Array(size);
  for (const col of columns) {
    for (let i = 0; i < size; i++) {
      const code = col[i]!;
      if (code < 1 || code > k) continue;
      sum[i]! += code;
      cnt[i]!++;
    }
  }
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) if (cnt[i]! > 0) out[i] = sum[i]! / cnt[i]! >= threshold ? 2 : 1;
  return out;
}
