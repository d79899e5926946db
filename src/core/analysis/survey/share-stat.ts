/**
 * One group's statistics of one item from its per-code sums: the full `ShareStat` (totals) and the
 * reduced `GroupShareStat` (breakdown groups).
 *
 * - n: valid answers (codes 1..k); distribution and negative shares are over valid answers,
 *   unweighted and weighted;
 * - ci95: Wilson interval on the weighted negative share with the group's effective n
 *   (Σw)²/Σw² over its valid answers;
 * - dontKnowShare / notApplicableShare: codes 9 / 8 among all non-empty answers (unweighted);
 * - missing: empty answers, plus any code outside 1..k, 8, 9 (cannot occur after validation).
 */
import type { GroupShareStat, ShareStat, Suppressed } from '../schema.js';
import { wilson } from '../stats/wilson.js';
import { effectiveNFromSums } from '../stats/design-effect.js';
import { isLimited, type Hidden } from '../stats/suppression.js';
import { CODE_DONT_KNOW, CODE_MISSING, CODE_NOT_APPLICABLE } from '../../model/codebook.js';
import { INVALID_SLOT, type GroupSums } from './cells.js';

export interface ScaleInfo {
  /** Labels of codes 1..k. */
  readonly labels: readonly string[];
  /** Codes of the unfavourable share. */
  readonly negative: readonly number[];
}

const clamp01 = (x: number): number => (x < 0 ? 0 : x > 1 ? 1 : x);

/** Valid answers (codes 1..k) of a group. */
export function validN(g: GroupSums, k: number): number {
  let n = 0;
  for (let c = 1; c <= k; c++) n += g.cnt[c]!;
  return n;
}

/** Non-empty answers: valid, 8 and 9. */
export function contentN(g: GroupSums, k: number): number {
  return validN(g, k) + g.cnt[CODE_NOT_APPLICABLE]! + g.cnt[CODE_DONT_KNOW]!;
}

export function shareStat(g: GroupSums, scale: ScaleInfo): ShareStat {
  const k = scale.labels.length;
  let n = 0;
  let sw = 0;
  let sw2 = 0;
  for (let c = 1; c <= k; c++) {
    n += g.cnt[c]!;
    sw += g.ws[c]!;
    sw2 += g.w2[c]!;
  }
  let neg = 0;
  let negW = 0;
  for (const c of scale.negative) {
    if (c < 1 || c > k) continue;
    neg += g.cnt[c]!;
    negW += g.ws[c]!;
  }
  const negativeShare = n > 0 ? clamp01(neg / n) : 0;
  const negativeShareWeighted = sw > 0 ? clamp01(negW / sw) : 0;
  const effectiveN = effectiveNFromSums(sw, sw2);
  const nonEmpty = n + g.cnt[CODE_NOT_APPLICABLE]! + g.cnt[CODE_DONT_KNOW]!;
  let missing = g.cnt[CODE_MISSING]! + g.cnt[INVALID_SLOT]!;
  for (let c = k + 1; c < INVALID_SLOT; c++)
    if (c !== CODE_NOT_APPLICABLE && c !== CODE_DONT_KNOW) missing += g.cnt[c]!;
  return {
    n,
    negativeShare,
    negativeShareWeighted,
    ci95: wilson(negativeShareWeighted, effectiveN),
    dontKnowShare: nonEmpty > 0 ? clamp01(g.cnt[CODE_DONT_KNOW]! / nonEmpty) : 0,
    notApplicableShare: nonEmpty > 0 ? clamp01(g.cnt[CODE_NOT_APPLICABLE]! / nonEmpty) : 0,
    missing,
    distribution: scale.labels.map((label, i) => ({
      code: i + 1,
      label,
      share: n > 0 ? clamp01(g.cnt[i + 1]! / n) : 0,
      shareWeighted: sw > 0 ? clamp01(g.ws[i + 1]! / sw) : 0,
    })),
    limited: isLimited(n),
    effectiveN,
  };
}

/** Unfavourable answers (unweighted) of a group. */
export function negativeCount(g: GroupSums, scale: ScaleInfo): number {
  const k = scale.labels.length;
  let neg = 0;
  for (const c of scale.negative) if (c >= 1 && c <= k) neg += g.cnt[c]!;
  return neg;
}

/** The published statistics of a breakdown group (no distribution, see schema `GroupShareStat`). */
export function groupShareStat(g: GroupSums, scale: ScaleInfo): GroupShareStat {
  const s = shareStat(g, scale);
  return {
    n: s.n,
    negativeShare: s.negativeShare,
    negativeShareWeighted: s.negativeShareWeighted,
    ci95: s.ci95,
    limited: s.limited,
    effectiveN: s.effectiveN,
  };
}

/** A hidden value as published: its n, the reason and the rule. */
export function suppressed(n: number, hidden: Hidden): Suppressed {
  return { n, suppressed: true, reason: hidden.reason, rule: hidden.rule };
}
