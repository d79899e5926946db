/** What every survey computation needs: the dataset, the cell layout, the weights and the thresholds. */
import type { Dataset } from '../../model/dataset.js';
import { MIN_MINDESTFALLZAHL } from '../stats/suppression.js';
import { cellLayout, cellWeights, type CellLayout } from './cells.js';
import { SURVEY_MIN_AGE } from './population.js';

export interface SurveyContext {
  readonly dataset: Dataset;
  readonly layout: CellLayout;
  readonly weights: Float64Array;
  readonly weightsSq: Float64Array;
  /** The weight of each cell when it is the same for all its respondents (the normal case), else null. */
  readonly cellWeight: Float64Array | null;
  /** manifest.optionen.mindestfallzahl, never below 5 (contract §2). */
  readonly mindestfallzahl: number;
  /**
   * The age groups of the survey population (those reaching SURVEY_MIN_AGE), with their index in
   * `dataset.ageGroups`; the breakdowns and tables by age use only these, and a respondent in a
   * younger group counts like one without age.
   */
  readonly ageGroups: readonly { readonly index: number; readonly label: string }[];
}

export function surveyContext(dataset: Dataset, weights: Float64Array): SurveyContext {
  const weightsSq = new Float64Array(weights.length);
  for (let i = 0; i < weights.length; i++) weightsSq[i] = weights[i]! * weights[i]!;
  const layout = cellLayout(dataset.survey, dataset.manifest.gebiete.length, dataset.ageGroups.length);
  return {
    dataset,
    layout,
    weights,
    weightsSq,
    cellWeight: cellWeights(layout, weights),
    mindestfallzahl: Math.max(MIN_MINDESTFALLZAHL, dataset.manifest.optionen.mindestfallzahl),
    ageGroups: dataset.ageGroups.flatMap((g, index) =>
      g.max === null || g.max >= SURVEY_MIN_AGE ? [{ index, label: g.label }] : [],
    ),
  };
}
