/**
 * Kriminalitätsfurcht-Paradox (domain brief §4.3): fear vs victimisation by sex × age group.
 *
 * - fear: the affektiv share of `survey.fear.bySexAge` (weighted share unfavourable on the affektiv index);
 * - victimisation: the weighted share of respondents who were victim of any offence in the last 12
 *   months, per sex × age group, supplied by the survey engine (`victimisationBySexAge`), because
 *   SurveyResult carries no such breakdown;
 * - rows: sex w, m × the dataset's age groups; a side that is suppressed is null;
 * - the test uses the groups with both values and at least PARADOX_MIN_CELL_N (30) respondents on
 *   both sides, at least PARADOX_MIN_GROUPS (5) of them: Spearman's ρ with its two-sided p-value
 *   (t approximation, spearman.ts);
 * - present: true when ρ < 0 with p < 0.05 and the group(s) with the highest fear share no member
 *   with the group(s) with the highest victimisation; false when tested otherwise; null when it
 *   cannot be tested (no victimisation data, too few groups, no variance);
 * - highFear: the tested groups whose fear interval lies above the mean fear of the tested groups
 *   (weighted by n) — the groups a measure against fear should address.
 */
import type { SurveyResult } from '../schema.js';
import type { z } from 'zod';
import type { Comparison } from '../schema.js';
import { formatNumber, formatPercent } from '../../format/number.js';
import { spearmanTest } from './spearman.js';

export type ParadoxResult = z.infer<typeof Comparison>['paradox'];

/** One sex × age group cell of 12-month victimisation (any offence), from the survey engine. */
export interface VictimisationCell {
  readonly sex: string;
  readonly ageGroup: string;
  readonly n: number;
  /** Weighted share of respondents victim of at least one offence; null when suppressed. */
  readonly share: number | null;
  readonly suppressed: boolean;
}

/** Minimum number of groups with both values to test for the paradox. */
export const PARADOX_MIN_GROUPS = 5;
/** Respondents a group needs on both sides to enter the test. */
export const PARADOX_MIN_CELL_N = 30;
export const PARADOX_ALPHA = 0.05;

const SEX_WORD: Readonly<Record<'w' | 'm', string>> = { w: 'Frauen', m: 'Männer' };

/** "Frauen ab 75 Jahren", "Männer von 16 bis 29 Jahren", else "Frauen (label)". */
export function groupLabel(sex: 'w' | 'm', ageGroup: string): string {
  const range = /^(\d+)\s*[-–]\s*(\d+)$/.exec(ageGroup.trim());
  if (range) return `${SEX_WORD[sex]} von ${range[1]} bis ${range[2]} Jahren`;
  const open = /^(\d+)\s*\+$/.exec(ageGroup.trim());
  if (open) return `${SEX_WORD[sex]} ab ${open[1]} Jahren`;
  return `${SEX_WORD[sex]} (${ageGroup})`;
}

const joinGroups = (labels: string[]) =>
  labels.length <= 1
    ? (labels[0] ?? '')
    : `${labels.slice(0, -1).join(', ')} und ${labels[labels.length - 1]}`;

/** "p = 0,03", "p < 0,001" */
export function pText(p: number): string {
  return p < 0.001 ? 'p < 0,001' : `p = ${formatNumber(p, p < 0.01 ? 3 : 2)}`;
}

export function analyseParadox(
  survey: SurveyResult,
  ageGroupOrder: readonly string[],
  victimisation: readonly VictimisationCell[] | undefined,
): ParadoxResult {
  const fearCells = survey.fear.bySexAge.filter((c) => c.dimension === 'affektiv');
  const groups: string[] = [...ageGroupOrder];
  for (const c of fearCells) if (!groups.includes(c.ageGroup)) groups.push(c.ageGroup);
  for (const c of victimisation ?? [])
    if ((c.sex === 'w' || c.sex === 'm') && !groups.includes(c.ageGroup)) groups.push(c.ageGroup);

  const rows: ParadoxResult['rows'] = [];
  const tested: {
    sex: 'w' | 'm';
    ageGroup: string;
    fear: number;
    victimisation: number;
    n: number;
    ci: readonly [number, number] | null;
  }[] = [];
  for (const sex of ['w', 'm'] as const) {
    for (const ageGroup of groups) {
      const f = fearCells.find((c) => c.sex === sex && c.ageGroup === ageGroup);
      const v = victimisation?.find((c) => c.sex === sex && c.ageGroup === ageGroup);
      if (!f && !v) continue;
      const fear = f && !f.suppressed ? f.share : null;
      const vict = v && !v.suppressed ? v.share : null;
      const suppressed = (f?.suppressed ?? false) || (v?.suppressed ?? false);
      const n = Math.round(f?.n ?? v?.n ?? 0);
      rows.push({
        sex,
        ageGroup,
        n,
        fear: suppressed ? null : fear,
        victimisation: suppressed ? null : vict,
        suppressed,
      });
      if (
        !suppressed &&
        fear !== null &&
        vict !== null &&
        (f?.n ?? 0) >= PARADOX_MIN_CELL_N &&
        (v?.n ?? 0) >= PARADOX_MIN_CELL_N
      )
        tested.push({ sex, ageGroup, fear, victimisation: vict, n: f!.n, ci: f!.ci95 });
    }
  }

  const base = { rows, rho: null, p: null, cells: tested.length, minCellN: PARADOX_MIN_CELL_N, highFear: [] };
  const prefix = 'Das Kriminalitätsfurcht-Paradox lässt sich nicht prüfen: ';
  if (!victimisation || victimisation.length === 0) {
    return {
      ...base,
      present: null,
      summary: `${prefix}Opfererfahrungen nach Geschlecht und Altersgruppe liegen nicht vor.`,
    };
  }
  if (tested.length < PARADOX_MIN_GROUPS) {
    return {
      ...base,
      present: null,
      summary: `${prefix}Nur ${tested.length === 1 ? 'eine Gruppe' : `${formatNumber(tested.length)} Gruppen`} nach Geschlecht und Altersgruppe ${tested.length === 1 ? 'hat' : 'haben'} mindestens ${PARADOX_MIN_CELL_N} Befragte (mindestens ${PARADOX_MIN_GROUPS} Gruppen nötig).`,
    };
  }
  const test = spearmanTest(
    tested.map((r) => r.fear),
    tested.map((r) => r.victimisation),
  );
  if (test === null) {
    return {
      ...base,
      present: null,
      summary: `${prefix}Furcht oder Opfererfahrung unterscheiden sich zwischen den Gruppen nicht.`,
    };
  }
  const maxFear = Math.max(...tested.map((r) => r.fear));
  const maxVict = Math.max(...tested.map((r) => r.victimisation));
  const topFear = tested.filter((r) => r.fear === maxFear);
  const topVict = tested.filter((r) => r.victimisation === maxVict);
  const overlap = topFear.some((a) => topVict.some((b) => a.sex === b.sex && a.ageGroup === b.ageGroup));
  const significant = test.p < PARADOX_ALPHA;
  const present = significant && test.rho < 0 && !overlap;
  const totalN = tested.reduce((s, r) => s + r.n, 0);
  const meanFear = tested.reduce((s, r) => s + r.fear * r.n, 0) / totalN;
  const highFear = tested
    .filter((r) => r.ci !== null && r.ci[0] > meanFear)
    .sort((x, y) => y.fear - x.fear)
    .map((r) => ({ sex: r.sex, ageGroup: r.ageGroup, share: r.fear }));

  const fearText = `${joinGroups(topFear.map((r) => groupLabel(r.sex, r.ageGroup)))} (${formatPercent(maxFear)})`;
  const victText = `${joinGroups(topVict.map((r) => groupLabel(r.sex, r.ageGroup)))} (${formatPercent(maxVict)})`;
  const stats = `Rangkorrelation nach Spearman ρ = ${formatNumber(test.rho, 2)} über ${formatNumber(tested.length)} Gruppen mit mindestens ${PARADOX_MIN_CELL_N} Befragten, ${pText(test.p)}`;
  const summary = present
    ? `Kriminalitätsfurcht-Paradox: Die größte Kriminalitätsfurcht äußern ${fearText}, am häufigsten Opfer einer Straftat wurden dagegen ${victText}. Furcht und Opfererfahrung verlaufen gegenläufig (${stats}).`
    : significant && test.rho < 0
      ? `Furcht und Opfererfahrung verlaufen gegenläufig (${stats}), doch die Gruppe mit der größten Furcht ist auch am häufigsten Opfer geworden: ${fearText}. Ein Kriminalitätsfurcht-Paradox liegt nicht vor.`
      : `Ein Kriminalitätsfurcht-Paradox lässt sich nicht nachweisen: Der Zusammenhang zwischen Furcht und Opfererfahrung ist ${significant ? 'gleichläufig' : 'statistisch nicht gesichert'} (${stats}). Die größte Kriminalitätsfurcht äußern ${fearText}, am häufigsten Opfer wurden ${victText}.`;
  return { ...base, rho: test.rho, p: test.p, highFear, present, summary };
}
