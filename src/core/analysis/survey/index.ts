/**
 * The survey section of analysis.json (`SurveyResult`): weighting, per-item statistics with
 * breakdowns and suppression, the figures the report's survey chapter draws, the fear dimensions,
 * victimisation, Angsträume and local extra questions. Pure and deterministic; every pass over the
 * respondents is linear (typed arrays), everything after that works on the small cell table.
 *
 * `perceivedTrend.recordedChange/fromYear/toYear` stay null here; the analysis phase fills them
 * from the crime analysis (analysis/recorded-trend.ts).
 */
import type { Dataset } from '../../model/dataset.js';
import type { SurveyResult } from '../schema.js';
import { analyseAngstraeume } from './angstraeume.js';
import { surveyContext } from './context.js';
import { analyseFear } from './fear.js';
import { figuresFor, incivilityRanking, perceivedTrend, placeTime } from './figures.js';
import { extraResults, itemResults } from './item-stats.js';
import { sampleComposition } from './sample.js';
import { victimisationBySexAge, victimisationRows, type VictimisationCell } from './victimisation.js';
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
  const items = itemResults(ctx);
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
    fear: analyseFear(ctx),
    incivilityRanking: incivilityRanking(items, m),
    victimisation: victimisationRows(items, m),
    institutions: figuresFor(items, ['zufrieden_', 'praesenz_'], m),
    neighbourhood: figuresFor(items, ['nachbarschaft_'], m),
    perceivedTrend: perceivedTrend(items, m),
    angstraeume: angst.places,
    angstraeumeRemoved: angst.removed,
    extra: extraResults(ctx),
  };
  return { result, weights, victimisationBySexAge: victimisationBySexAge(ctx) };
}

export function analyseSurvey(dataset: Dataset): SurveyResult {
  return analyseSurveyWithWeights(dataset).result;
}
