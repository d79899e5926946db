/**
 * The analysis phase: survey statistics, crime figures, area profile, the subjective–objective
 * comparison and the recommendations, assembled into one `Analysis` (analysis.json).
 */
import type { Dataset } from '../model/dataset.js';
import type { ValidationIssue } from '../validate/issues.js';
import { Analysis, SCHEMA_VERSION } from './schema.js';
import { analyseSurveyWithWeights } from './survey/index.js';
import { analyseCrime } from './crime/index.js';
import { analyseProfile } from './profile/index.js';
import { compare } from './comparison/index.js';
import { recommend } from '../recommend/index.js';
import { recordedTrend } from './recorded-trend.js';

/** Respondent groups below this size are marked "eingeschränkt aussagekräftig". */
export const LIMITED_BELOW = 30;

export interface AnalyseOptions {
  readonly engineVersion: string;
  /** Validation warnings, carried into the report's methods chapter. */
  readonly warnings?: readonly ValidationIssue[];
}

export function analyse(dataset: Dataset, options: AnalyseOptions): Analysis {
  const { manifest } = dataset;
  const { result: surveyResult, victimisationBySexAge } = analyseSurveyWithWeights(dataset);
  const { crime, pmk, owi } = analyseCrime(dataset);
  const survey = {
    ...surveyResult,
    perceivedTrend: surveyResult.perceivedTrend && {
      ...surveyResult.perceivedTrend,
      ...recordedTrend(crime),
    },
  };
  const profile = analyseProfile(dataset);
  const comparison = compare(dataset, survey, crime, { victimisationBySexAge });
  const base = {
    schemaVersion: SCHEMA_VERSION,
    meta: {
      kommune: { name: manifest.kommune.name, ags: manifest.kommune.ags },
      titel: manifest.titel,
      berichtsjahr: manifest.berichtsjahr,
      gebiete: manifest.gebiete.map((g) => ({ id: g.id, name: g.name })),
      mindestfallzahl: manifest.optionen.mindestfallzahl,
      limitedBelow: LIMITED_BELOW,
      engineVersion: options.engineVersion,
    },
    survey,
    crime,
    pmk,
    owi,
    profile,
    comparison,
    warnings: (options.warnings ?? [])
      .filter((w) => w.severity === 'warning')
      .map((w) => ({
        code: w.code,
        file: w.file,
        ...(w.row !== undefined && { row: w.row }),
        ...(w.column !== undefined && { column: w.column }),
        message: w.message,
      })),
  };
  const { recommendations, keyFindings } = recommend(base);
  return Analysis.parse({ ...base, keyFindings, recommendations });
}
