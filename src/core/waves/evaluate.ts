/**
 * Beccaria step 7 for each recommendation of the earlier report: did its evaluation indicators move?
 * A survey indicator is the item's unfavourable share for all respondents and for each area the
 * recommendation named; a PKS indicator is the key's rate after vs before the earlier survey. An indicator
 * counts as moved exactly where the comparison's own test says so (the same corrected p as in the tables,
 * so the chapter never calls a value "verbessert" that its tables call unchanged). The measures recorded
 * as implemented are shown beside it.
 */
import type { PublishedAnalysis } from './published.js';
import type {
  CellChange,
  CrimeSeries,
  ImplementedMeasure,
  Indicator,
  IndicatorResult,
  ItemChange,
  RecommendationEvaluation,
} from './schema.js';
import { indicatorsOf } from './indicators.js';

function result(tested: boolean, significant: boolean, sign: number): IndicatorResult {
  if (!tested) return 'nicht-vergleichbar';
  if (!significant) return 'keine-gesicherte-veraenderung';
  return sign < 0 ? 'verbessert' : 'verschlechtert';
}

function overall(indicators: readonly Indicator[]): RecommendationEvaluation['result'] {
  if (indicators.length === 0) return 'ohne-messbaren-indikator';
  const results = new Set(indicators.map((i) => i.result));
  if (results.has('verbessert') && results.has('verschlechtert')) return 'uneinheitlich';
  if (results.has('verbessert')) return 'verbessert';
  if (results.has('verschlechtert')) return 'verschlechtert';
  if (results.has('keine-gesicherte-veraenderung')) return 'keine-gesicherte-veraenderung';
  return 'nicht-vergleichbar';
}

function surveyIndicator(
  code: string,
  label: string,
  areaId: string | null,
  c: CellChange | undefined,
): Indicator {
  const x = c?.status === 'compared' ? c : undefined;
  return {
    kind: 'survey',
    item: code,
    label,
    areaId,
    result: result(x !== undefined, x?.significant ?? false, x?.difference ?? 0),
    difference: x ? x.difference : null,
    p: x ? x.p : null,
    pAdjusted: x ? x.pAdjusted : null,
  };
}

function crimeIndicator(key: string, label: string, s: CrimeSeries | undefined): Indicator {
  const p = s?.period;
  const x = p && p.untested === null && p.p !== null && p.rateRatio !== null ? p : undefined;
  return {
    kind: 'crime',
    key,
    label,
    areaId: null,
    result: result(x !== undefined, x?.significant ?? false, (x?.rateRatio ?? 1) - 1),
    rateRatio: x ? x.rateRatio : null,
    p: x ? x.p : null,
    pAdjusted: x ? x.pAdjusted : null,
  };
}

export function evaluateRecommendations(
  before: PublishedAnalysis,
  items: readonly ItemChange[],
  crime: readonly CrimeSeries[],
  measures: readonly ImplementedMeasure[],
): RecommendationEvaluation[] {
  return before.recommendations.map((r) => {
    const plan = indicatorsOf(r);
    const indicators: Indicator[] = [];
    for (const code of plan.items) {
      const item = items.find((i) => i.code === code);
      const label = item?.label ?? before.survey.items[code]?.label ?? code;
      for (const areaId of [null, ...r.areas])
        indicators.push(
          surveyIndicator(code, label, areaId, item && (areaId === null ? item.total : item.byArea[areaId])),
        );
    }
    for (const key of plan.crimeKeys) {
      const s = crime.find((x) => x.key === key && x.areaId === null);
      indicators.push(
        crimeIndicator(key, s?.label ?? before.crime.keys.find((k) => k.key === key)?.label ?? key, s),
      );
    }
    return {
      id: r.id,
      title: r.title,
      areas: [...r.areas],
      evaluation: r.evaluation,
      measure: measures.find((m) => m.recommendationId === r.id) ?? null,
      indicators,
      result: overall(indicators),
    };
  });
}
