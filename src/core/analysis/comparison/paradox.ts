/**
 * Kriminalitätsfurcht-Paradox (domain brief §4.3): fear vs victimisation by sex × age group.
 *
 * - fear: the affektiv share of `survey.fear.bySexAge` (weighted share unfavourable on the affektiv index);
 * - victimisation: the weighted share of respondents who were victim of any offence in the last 12
 *   months, per sex × age group, supplied by the survey engine (`victimisationBySexAge`), because
 *   SurveyResult carries no such breakdown;
 * - rows: sex w, m × the dataset's age groups; a side that is suppressed is null;
 * - present: decided on the rows with both values (at least 3, else null): true when the group(s)
 *   with the highest fear share no member with the group(s) with the highest victimisation AND the
 *   Spearman rank correlation of fear and victimisation is negative; false otherwise; null when it
 *   cannot be decided (no victimisation data, fewer than 3 groups, no variance).
 */
import type { SurveyResult } from '../schema.js';
import type { z } from 'zod';
import type { Comparison } from '../schema.js';
import { formatNumber, formatPercent } from '../../format/number.js';
import { spearman } from './spearman.js';

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

/** Minimum number of groups with both values to decide on the paradox. */
export const PARADOX_MIN_GROUPS = 3;

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
  for (const sex of ['w', 'm'] as const) {
    for (const ageGroup of groups) {
      const f = fearCells.find((c) => c.sex === sex && c.ageGroup === ageGroup);
      const v = victimisation?.find((c) => c.sex === sex && c.ageGroup === ageGroup);
      if (!f && !v) continue;
      const fear = f && !f.suppressed ? f.share : null;
      const vict = v && !v.suppressed ? v.share : null;
      rows.push({
        sex,
        ageGroup,
        n: Math.round(f?.n ?? v?.n ?? 0),
        fear,
        victimisation: vict,
        suppressed: (f?.suppressed ?? false) || (v?.suppressed ?? false),
      });
    }
  }

  const prefix = 'Das Kriminalitätsfurcht-Paradox lässt sich nicht prüfen: ';
  if (!victimisation || victimisation.length === 0) {
    return {
      rows,
      present: null,
      summary: `${prefix}Opfererfahrungen nach Geschlecht und Altersgruppe liegen nicht vor.`,
    };
  }
  const complete = rows.filter(
    (r): r is typeof r & { fear: number; victimisation: number } =>
      r.fear !== null && r.victimisation !== null,
  );
  if (complete.length < PARADOX_MIN_GROUPS) {
    return {
      rows,
      present: null,
      summary: `${prefix}Zu wenige Gruppen nach Geschlecht und Altersgruppe haben eine ausreichende Fallzahl (mindestens ${PARADOX_MIN_GROUPS} nötig).`,
    };
  }
  const rho = spearman(
    complete.map((r) => r.fear),
    complete.map((r) => r.victimisation),
  );
  if (rho === null) {
    return {
      rows,
      present: null,
      summary: `${prefix}Furcht oder Opfererfahrung unterscheiden sich zwischen den Gruppen nicht.`,
    };
  }
  const maxFear = Math.max(...complete.map((r) => r.fear));
  const maxVict = Math.max(...complete.map((r) => r.victimisation));
  const topFear = complete.filter((r) => r.fear === maxFear);
  const topVict = complete.filter((r) => r.victimisation === maxVict);
  const overlap = topFear.some((a) => topVict.some((b) => a.sex === b.sex && a.ageGroup === b.ageGroup));
  const present = !overlap && rho < 0;

  const fearText = `${joinGroups(topFear.map((r) => groupLabel(r.sex, r.ageGroup)))} (${formatPercent(maxFear)})`;
  const victText = `${joinGroups(topVict.map((r) => groupLabel(r.sex, r.ageGroup)))} (${formatPercent(maxVict)})`;
  const rhoText = `Rangkorrelation nach Spearman: ${formatNumber(rho, 2)}`;
  const summary = present
    ? `Kriminalitätsfurcht-Paradox: Die größte Kriminalitätsfurcht äußern ${fearText}, am häufigsten Opfer einer Straftat wurden dagegen ${victText}. Furcht und Opfererfahrung verlaufen gegenläufig (${rhoText}).`
    : `Kein ausgeprägtes Kriminalitätsfurcht-Paradox: Die größte Kriminalitätsfurcht äußern ${fearText}, am häufigsten Opfer einer Straftat wurden ${victText} (${rhoText}).`;
  return { rows, present, summary };
}
