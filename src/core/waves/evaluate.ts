/**
 * Beccaria step 7 for each recommendation of the earlier report: did its evaluation indicators move?
 * A survey indicator is the item's unfavourable share for all respondents and for each area the
 * recommendation named; a PKS indicator is the key's rate after vs before the earlier survey. The
 * indicators of one recommendation were named in advance (its evaluation text), so they are one
 * confirmatory family: an indicator counts as moved where its Holm-corrected p is below 5 %. The
 * measures recorded as implemented are shown beside it.
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
import { ALPHA, holm } from './stats.js';

/** An indicator before the correction: its raw p and the sign of its change (negative = better). */
type Raw = { readonly indicator: Indicator; readonly sign: number };

function result(p: number | null, sign: number): IndicatorResult {
  if (p === null) return 'nicht-vergleichbar';
  if (p >= ALPHA) return 'keine-gesicherte-veraenderung';
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

function surveyIndicator(code: string, label: string, areaId: string | null, c: CellChange | undefined): Raw {
  const compared = c?.status === 'compared' ? c : undefined;
  return {
    indicator: {
      kind: 'survey',
      item: code,
      label,
      areaId,
      result: 'nicht-vergleichbar',
      difference: compared ? compared.difference : null,
      p: compared ? compared.p : null,
      pAdjusted: null,
    },
    sign: compared ? compared.difference : 0,
  };
}

function crimeIndicator(key: string, label: string, s: CrimeSeries | undefined): Raw {
  const p = s?.period;
  const tested = p && p.untested === null && p.p !== null && p.rateRatio !== null ? p : undefined;
  return {
    indicator: {
      kind: 'crime',
      key,
      label,
      areaId: null,
      result: 'nicht-vergleichbar',
      rateRatio: tested ? tested.rateRatio : null,
      p: tested ? tested.p : null,
      pAdjusted: null,
    },
    sign: tested ? (tested.rateRatio ?? 1) - 1 : 0,
  };
}

/** Holm over the tested indicators of one recommendation; untested ones stay "nicht vergleichbar". */
function corrected(raw: readonly Raw[]): Indicator[] {
  const tested = raw.filter((r) => r.indicator.p !== null);
  const adjusted = holm(tested.map((r) => r.indicator.p ?? 1));
  return raw.map((r) => {
    const k = tested.indexOf(r);
    if (k < 0) return r.indicator;
    const pAdjusted = adjusted[k] ?? 1;
    return { ...r.indicator, pAdjusted, result: result(pAdjusted, r.sign) };
  });
}

export function evaluateRecommendations(
  before: PublishedAnalysis,
  items: readonly ItemChange[],
  crime: readonly CrimeSeries[],
  measures: readonly ImplementedMeasure[],
): RecommendationEvaluation[] {
  return before.recommendations.map((r) => {
    const plan = indicatorsOf(r);
    const raw: Raw[] = [];
    for (const code of plan.items) {
      const item = items.find((i) => i.code === code);
      const label = item?.label ?? before.survey.items[code]?.label ?? code;
      for (const areaId of [null, ...r.areas])
        raw.push(
          surveyIndicator(code, label, areaId, item && (areaId === null ? item.total : item.byArea[areaId])),
        );
    }
    for (const key of plan.crimeKeys) {
      const s = crime.find((x) => x.key === key && x.areaId === null);
      raw.push(
        crimeIndicator(key, s?.label ?? before.crime.keys.find((k) => k.key === key)?.label ?? key, s),
      );
    }
    const indicators = corrected(raw);
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
