/**
 * The survey section of analysis.json (`SurveyResult`): weighting, per-item statistics with
 * breakdowns and suppression, the figures the report's survey chapter draws, the fear dimensions,
 * victimisation, Angsträume and local extra questions. Pure and deterministic; every pass over the
 * respondents is linear (typed arrays), everything after that works on the small cell table.
 *
 * Order: weights; item plans (counts and suppression per breakdown); the sex × age tables (fear
 * dimensions, victimisation), suppressed against the breakdowns of the item they are linked to;
 * the disclosure guard over all of it (disclosure/guard.ts); then the published results.
 *
 * `perceivedTrend.recordedChange/fromYear/toYear/recordedTest` stay null here; the analysis phase
 * fills them from the crime analysis (analysis/recorded-trend.ts).
 */
import type { Dataset } from '../../model/dataset.js';
import type { SurveyResult } from '../schema.js';
import { guardDisclosure } from '../disclosure/guard.js';
import { analyseAngstraeume } from './angstraeume.js';
import { surveyContext } from './context.js';
import { analyseFear, fearLinkedItems, fearPlans } from './fear.js';
import { figuresFor, incivilityRanking, perceivedTrend, placeTime } from './figures.js';
import { extraResults, itemPlans, itemResults } from './item-stats.js';
import { sampleComposition } from './sample.js';
import {
  victimisationBySexAge,
  victimisationLinkedItem,
  victimisationPlan,
  victimisationRows,
  type VictimisationCell,
} from './victimisation.js';
import { computeWeights } from './weights.js';

export type { VictimisationCell } from './victimisation.js';

export interface SurveyAnalysis {
  readonly result: SurveyResult;
  /** Weight per respondent (sums to the population total); not part of analysis.json. */
  readonly weights: Float64Array;
  /** "Victim of any offence" by sex × age group, for the Kriminalitätsfurcht-Paradox. */
  readonly victimisationBySexAge: VictimisationCell[];
}

export function analyseSurveyWithWeights(dataset: Dataset): SurveyAnalysis {
  const survey = dataset.survey;
  const { weighting, weights, population } = computeWeights(dataset);
  const ctx = surveyContext(dataset, weights);
  const m = ctx.mindestfallzahl;
  const linked = new Set(fearLinkedItems(ctx));
  const victimLinked = victimisationLinkedItem(ctx);
  if (victimLinked) linked.add(victimLinked);
  const plans = itemPlans(ctx, linked);
  const byCode = new Map(plans.map((p) => [p.code, p]));
  const fear = fearPlans(ctx, byCode);
  const victim = victimisationPlan(ctx, byCode);
  const extra = extraResults(ctx);
  const disclosure = guardDisclosure(
    ctx.layout,
    dataset.ageGroups.map((g) => g.label),
    plans,
    [...fear.map((f) => f.plan), ...(victim ? [victim] : [])],
    m,
    extra.filter((q) => 'suppressed' in q.total).length,
  );
  const items = itemResults(plans);
  const invited = dataset.manifest.befragung.angeschrieben ?? null;
  const angst = analyseAngstraeume(survey.freeText);
  const result: SurveyResult = {
    respondents: survey.size,
    invited,
    responseRate: invited !== null && invited > 0 ? Math.min(1, survey.size / invited) : null,
    sample: sampleComposition(dataset, population),
    weighting,
    items,
    placeTime: placeTime(items, m),
    fear: analyseFear(ctx, fear),
    incivilityRanking: incivilityRanking(items, m),
    victimisation: victimisationRows(items, m),
    institutions: figuresFor(items, ['zufrieden_', 'praesenz_'], m),
    neighbourhood: figuresFor(items, ['nachbarschaft_'], m),
    perceivedTrend: perceivedTrend(items, m),
    angstraeume: angst.places,
    angstraeumeRemoved: angst.removed,
    extra,
    disclosure,
  };
  return { result, weights, victimisationBySexAge: victimisationBySexAge(ctx, victim) };
}

export function analyseSurvey(dataset: Dataset): SurveyResult {
  return analyseSurveyWithWeights(dataset).result;
}
