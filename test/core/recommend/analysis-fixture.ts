/** Builds the analysis handed to recommend() from synthetic inputs, with the real crime/profile/comparison code. */
import { analyseCrime } from '../../../src/core/analysis/crime/index.js';
import { analyseProfile } from '../../../src/core/analysis/profile/index.js';
import { compare, type VictimisationCell } from '../../../src/core/analysis/comparison/index.js';
import { SCHEMA_VERSION, type SurveyResult } from '../../../src/core/analysis/schema.js';
import type { Dataset } from '../../../src/core/model/dataset.js';
import type { AnalysisBase } from '../../../src/core/recommend/index.js';
import { makeDataset } from '../analysis/crime/dataset-fixture.js';
import { makeSurvey, type SurveySpec } from '../analysis/comparison/survey-fixture.js';

export function makeBase(
  opts: { dataset?: Dataset; survey?: SurveySpec; victimisationBySexAge?: VictimisationCell[] } = {},
): AnalysisBase {
  const dataset = opts.dataset ?? makeDataset();
  const survey: SurveyResult = makeSurvey(opts.survey ?? {});
  const { crime, pmk, owi } = analyseCrime(dataset);
  const m = dataset.manifest;
  return {
    schemaVersion: SCHEMA_VERSION,
    meta: {
      kommune: { name: m.kommune.name, ags: m.kommune.ags },
      titel: m.titel,
      berichtsjahr: m.berichtsjahr,
      gebiete: m.gebiete.map((g) => ({ id: g.id, name: g.name })),
      mindestfallzahl: m.optionen.mindestfallzahl,
      limitedBelow: 30,
      engineVersion: 'test',
    },
    survey,
    crime,
    pmk,
    owi,
    profile: analyseProfile(dataset),
    comparison: compare(dataset, survey, crime, { victimisationBySexAge: opts.victimisationBySexAge }),
    warnings: [],
  };
}
