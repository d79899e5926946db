/**
 * Zusammenführung subjektiv ↔ objektiv (domain brief §4.3).
 *
 * Per item–key pair (pairs.ts) and area:
 * - negativeShare, ci95: the item's weighted unfavourable share in the area with its Wilson interval
 *   (null and `suppressed` when the survey suppressed the area; null without respondents there);
 * - rate: the area's HZ for the key in the latest year, or — when the latest year has fewer than
 *   10 cases — pooled over all years with data (`rateBasis`, `rateYears`; crime/context.ts), with
 *   its exact Poisson interval and the cases behind it;
 * - referenceRate: the municipality's HZ over the same years (one basis per comparison);
 * - fearLevel/crimeLevel and quadrant: see quadrant.ts; a difference counts only where the
 *   intervals support it (survey: against the item's total weighted share; crime: against
 *   referenceRate, with at least 10 cases).
 * `reference` keeps the municipal share and the latest year's municipal HZ for the overview.
 * Municipality vs Kreis/Land: the municipal and published Kreis/computed Land HZ of the regional
 * year. Its quadrant needs a fear benchmark for the item (e.g. a Land or SKiD value); none ships with
 * the engine, so it stays null unless `extra.fearBenchmarks` supplies one (rate reference: Kreis HZ).
 */
import type { Dataset } from '../../model/dataset.js';
import { findItem } from '../../model/codebook.js';
import type { Comparison as ComparisonSchema, CrimeResult, SurveyResult } from '../schema.js';
import type { z } from 'zod';
import { areaRateForComparison, buildCrimeContext, municipalRateOver } from '../crime/context.js';
import { labelOf } from '../crime/keys.js';
import { rateInterval, rateLevel } from '../stats/poisson.js';
import { ITEM_KEY_PAIRS } from './pairs.js';
import { fearLevel, quadrantOf } from './quadrant.js';
import { analyseParadox, type VictimisationCell } from './paradox.js';

export type ComparisonResult = z.infer<typeof ComparisonSchema>;
type Pair = ComparisonResult['pairs'][number];

export interface CompareExtra {
  /** 12-month victimisation (any offence) by sex × age group, from the survey engine. */
  readonly victimisationBySexAge?: readonly VictimisationCell[];
  /** External fear benchmarks per item code (share), for the municipality-vs-Kreis quadrant. */
  readonly fearBenchmarks?: Readonly<Record<string, number>>;
}

export function compare(
  dataset: Dataset,
  survey: SurveyResult,
  crime: CrimeResult,
  extra?: CompareExtra,
): ComparisonResult {
  const ctx = buildCrimeContext(dataset);
  const latest = crime.years.length > 0 ? Math.max(...crime.years) : null;
  const crimeKeys = new Set(crime.keys.map((k) => k.key));
  const pairs: Pair[] = [];

  for (const p of ITEM_KEY_PAIRS) {
    const item = survey.items[p.item];
    if (!item || !crimeKeys.has(p.key)) continue;
    const total = item.total;
    const refShare = !('suppressed' in total) && total.n > 0 ? total.negativeShareWeighted : null;
    const refRate = latest === null ? null : (crime.byYear[String(latest)]?.byKey[p.key]?.rate ?? null);

    const areas: Pair['areas'] = dataset.manifest.gebiete.map((g) => {
      const stat = item.byArea[g.id];
      const suppressed = stat === undefined || 'suppressed' in stat;
      const shown = stat && !('suppressed' in stat) && stat.n > 0 ? stat : null;
      const ar = areaRateForComparison(ctx, g.id, p.key);
      const referenceRate = ar ? municipalRateOver(ctx, p.key, ar.years) : null;
      const fear = shown ? fearLevel(shown.ci95, refShare) : null;
      const crimeLvl = ar && ar.population > 0 ? rateLevel(ar.cases, ar.population, referenceRate) : null;
      return {
        areaId: g.id,
        name: g.name,
        negativeShare: shown ? shown.negativeShareWeighted : null,
        n: shown ? shown.n : null,
        ci95: shown ? shown.ci95 : null,
        limited: shown ? shown.limited : false,
        rate: ar?.rate ?? null,
        rateCi95: ar && ar.population > 0 ? rateInterval(ar.cases, ar.population) : null,
        cases: ar && ar.population > 0 ? ar.cases : null,
        rateBasis: ar?.basis ?? null,
        rateYears: ar ? [...ar.years] : [],
        referenceRate,
        fearLevel: fear,
        crimeLevel: crimeLvl,
        quadrant: suppressed ? null : quadrantOf(fear, crimeLvl),
        suppressed: stat !== undefined && 'suppressed' in stat,
      };
    });

    const regionalRow = crime.regional?.rows.find((r) => r.key === p.key);
    const benchmark = extra?.fearBenchmarks?.[p.item];
    const municipality: Pair['municipality'] = regionalRow
      ? {
          negativeShare: refShare,
          rate: regionalRow.municipalityRate,
          kreisRate: regionalRow.kreisRate,
          landRate: regionalRow.landRate,
          quadrant:
            benchmark === undefined || 'suppressed' in total
              ? null
              : quadrantOf(fearLevel(total.ci95, benchmark), regionalRow.kreisLevel),
        }
      : null;

    const def = findItem(p.item);
    const itemLabel = item.label || def?.label || p.item;
    pairs.push({
      surveyItem: p.item,
      surveyLabel: item.negativeLabel ? `${itemLabel} (${item.negativeLabel})` : itemLabel,
      crimeKey: p.key,
      crimeLabel: crime.keys.find((k) => k.key === p.key)?.label ?? labelOf(p.key),
      reference: { negativeShare: refShare, rate: refRate, year: latest },
      areas,
      municipality,
    });
  }

  return {
    pairs,
    paradox: analyseParadox(
      survey,
      dataset.ageGroups.map((g) => g.label),
      extra?.victimisationBySexAge,
    ),
  };
}
