/**
 * Victimisation (opfer_<delikt>) and reporting (anzeige_<delikt>) per offence, and
 * "victim of any offence" by sex × age group for the Kriminalitätsfurcht-Paradox.
 *
 * - prevalence: weighted 12-month prevalence (opfer = 1 among valid answers), a ShareFigure of the
 *   opfer item's total;
 * - reportingRate: weighted share of victims who reported the offence (anzeige = 1 among valid
 *   anzeige answers of respondents with opfer = 1); null when anzeige_<delikt> was not asked;
 *   suppressed (share and interval null) when fewer than mindestfallzahl victims answered it;
 * - victimisationBySexAge: per sex w/m × age group, the weighted share of respondents who were a
 *   victim of at least one offence (any opfer_* = 1), among respondents with at least one valid
 *   opfer_* answer; suppressed like the fear cells (sex-age.ts). It is not part of
 *   analysis.json's survey section; the comparison (paradox) takes it.
 */
import { DELIKTE, SCALES, type Delikt } from '../../model/codebook.js';
import type { ItemResult, SurveyResult } from '../schema.js';
import type { SurveyContext } from './context.js';
import { codeShareFigure, shareFigure } from './figures.js';
import type { ItemPlan } from './item-stats.js';
import { anyNegativeIndex, sexAgeCells, sexAgePlan, type TablePlan } from './sex-age.js';

export interface VictimisationCell {
  readonly sex: 'w' | 'm';
  readonly ageGroup: string;
  readonly n: number;
  /** Weighted share of respondents victim of at least one offence; null when suppressed. */
  readonly share: number | null;
  readonly suppressed: boolean;
}

export function victimisationRows(
  items: Readonly<Record<string, ItemResult>>,
  mindestfallzahl: number,
): SurveyResult['victimisation'] {
  return (Object.keys(DELIKTE) as Delikt[]).flatMap((d) => {
    const opfer = items[`opfer_${d}`];
    if (!opfer) return [];
    const anzeige = items[`anzeige_${d}`];
    return [
      {
        delikt: d,
        label: DELIKTE[d],
        prevalence: shareFigure(opfer, mindestfallzahl),
        reportingRate: anzeige ? codeShareFigure(anzeige, 1, mindestfallzahl) : null,
      },
    ];
  });
}

function opferCodes(ctx: SurveyContext): string[] {
  return (Object.keys(DELIKTE) as Delikt[])
    .map((d) => `opfer_${d}`)
    .filter((c) => ctx.dataset.survey.items[c] !== undefined);
}

/** The opfer_* item whose statistic the "victim of any offence" table is, when there is only one. */
export function victimisationLinkedItem(ctx: SurveyContext): string | null {
  const codes = opferCodes(ctx);
  return codes.length === 1 ? codes[0]! : null;
}

export function victimisationPlan(
  ctx: SurveyContext,
  items: ReadonlyMap<string, ItemPlan>,
): TablePlan | null {
  const codes = opferCodes(ctx);
  if (codes.length === 0) return null;
  const index = anyNegativeIndex(
    ctx.dataset.survey.size,
    codes.map((c) => ctx.dataset.survey.items[c]!),
    SCALES.janein.labels.length,
    SCALES.janein.negative,
  );
  const linked = codes.length === 1 ? (items.get(codes[0]!) ?? null) : null;
  return sexAgePlan(ctx, index, linked ? `${linked.code}|neg` : 'victimisation:any', linked);
}

export function victimisationBySexAge(ctx: SurveyContext, plan: TablePlan | null): VictimisationCell[] {
  if (!plan) return [];
  return sexAgeCells(ctx, plan).map((c) => ({
    sex: c.sex,
    ageGroup: c.ageGroup,
    n: c.n,
    share: c.share,
    suppressed: c.suppressed,
  }));
}
