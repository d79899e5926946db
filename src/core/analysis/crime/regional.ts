/**
 * Municipality vs Kreis vs Land from the BKA table "Fälle – Kreise" (pks-kreise files).
 *
 * - Year: the Berichtsjahr if a pks-kreise file for it exists and the municipal data has it; else
 *   the latest BKA year that the municipal data also has; else the latest BKA year (municipal
 *   figures then null).
 * - Kreis: `manifest.vergleich.kreis`; rates and clearance as published (clearance percent → fraction).
 * - Land: the Kreise whose key starts with the Kreis's first two digits. Each Kreis's population is
 *   recovered from its "Straftaten insgesamt" line as cases × 100,000 / HZ (Kreise with HZ null or 0
 *   are skipped); Land HZ = Σ cases × 100,000 / Σ population over the Kreise with a recovered
 *   population; Land AQ = Σ cleared / Σ cases over the Kreise that publish cleared counts.
 * - Rows: every key present both in the municipal data and in the BKA table for that year.
 * - Levels: the municipal rate is 'ueber'/'unter' the Kreis (Land) rate only where its exact Poisson
 *   95 % interval excludes that rate and it rests on at least 10 cases (stats/poisson.ts); the Kreis
 *   and Land rates are treated as fixed (they rest on far more cases).
 */
import type { KreisPksRow } from '../../model/dataset.js';
import { KEY_TOTAL } from '../../model/pks-keys.js';
import type { CrimeResult } from '../schema.js';
import { municipalFigure, type CrimeContext } from './context.js';
import { labelOf } from './keys.js';
import { landOf } from './laender.js';
import { haeufigkeitszahl, median } from './measures.js';
import { rateInterval, rateLevel } from '../stats/poisson.js';

export type RegionalResult = NonNullable<CrimeResult['regional']>;

export interface RegionalData {
  readonly result: RegionalResult;
  /** Median of the published Kreis HZ per key over the Kreise of the Land (for the Sondereffekt flag). */
  readonly landMedian: ReadonlyMap<string, number>;
  /** Land population recovered from the Kreis lines. */
  readonly landPopulation: number | null;
}

export function chooseRegionalYear(
  pksYears: readonly number[],
  municipalYears: readonly number[],
  berichtsjahr: number,
): number | null {
  if (pksYears.length === 0) return null;
  const common = pksYears.filter((y) => municipalYears.includes(y));
  if (common.includes(berichtsjahr)) return berichtsjahr;
  if (common.length > 0) return Math.max(...common);
  return Math.max(...pksYears);
}

const clampShare = (v: number) => Math.min(1, Math.max(0, v));

export function analyseRegional(ctx: CrimeContext): RegionalData | null {
  const { manifest, pksKreise } = ctx.dataset;
  const pksYears = [...new Set(pksKreise.map((r) => r.year))];
  const year = chooseRegionalYear(pksYears, ctx.years, manifest.berichtsjahr);
  if (year === null) return null;

  const kreisKey = manifest.vergleich.kreis.padStart(5, '0');
  const land = landOf(kreisKey);
  const rows = pksKreise.filter((r) => r.year === year);
  const inLand = rows.filter((r) => r.kreis.padStart(5, '0').startsWith(land.key));
  const ofKreis = rows.filter((r) => r.kreis.padStart(5, '0') === kreisKey);
  const kreisName = ofKreis[0]?.kreisName ?? `Kreis ${kreisKey}`;

  // Population per Kreis from the total line.
  const kreisPop = new Map<string, number>();
  for (const r of inLand) {
    if (r.key !== KEY_TOTAL || r.rate === null || r.rate === 0) continue;
    kreisPop.set(r.kreis.padStart(5, '0'), (r.cases * 100_000) / r.rate);
  }
  const landPopulation = kreisPop.size > 0 ? [...kreisPop.values()].reduce((a, b) => a + b, 0) : null;

  const byKey = new Map<string, KreisPksRow[]>();
  for (const r of inLand) {
    const list = byKey.get(r.key);
    if (list) list.push(r);
    else byKey.set(r.key, [r]);
  }

  const landMedian = new Map<string, number>();
  for (const [key, list] of byKey) {
    const m = median(list.map((r) => r.rate).filter((v): v is number => v !== null));
    if (m !== null) landMedian.set(key, m);
  }

  const bkaKeys = new Set(rows.map((r) => r.key));
  const resultRows: RegionalResult['rows'] = [];
  for (const key of ctx.keys) {
    if (!bkaKeys.has(key)) continue;
    const kreisRow = ofKreis.find((r) => r.key === key);
    const landRows = byKey.get(key) ?? [];
    let casesWithPop = 0;
    let landPop = 0;
    let clearedSum = 0;
    let clearedCases = 0;
    for (const r of landRows) {
      const p = kreisPop.get(r.kreis.padStart(5, '0'));
      if (p !== undefined) {
        casesWithPop += r.cases;
        landPop += p;
      }
      if (r.cleared !== null) {
        clearedSum += r.cleared;
        clearedCases += r.cases;
      }
    }
    const m = municipalFigure(ctx, key, year);
    const pop = ctx.population.municipality(year);
    const kreisRate = kreisRow?.rate ?? null;
    const landRate = haeufigkeitszahl(casesWithPop, landPop);
    resultRows.push({
      key,
      label: labelOf(key, ctx.dataLabels.get(key) ?? kreisRow?.label),
      municipalityRate: m?.rate ?? null,
      municipalityCases: m?.cases ?? null,
      municipalityRateCi95: m && pop !== null ? rateInterval(m.cases, pop) : null,
      kreisLevel: m ? rateLevel(m.cases, pop, kreisRate) : null,
      landLevel: m ? rateLevel(m.cases, pop, landRate) : null,
      kreisRate,
      landRate,
      municipalityClearance: m?.clearanceRate ?? null,
      kreisClearance:
        kreisRow?.clearanceRatePercent == null ? null : clampShare(kreisRow.clearanceRatePercent / 100),
      landClearance: clearedCases > 0 ? clampShare(clearedSum / clearedCases) : null,
    });
  }

  return {
    result: { year, kreis: { key: kreisKey, name: kreisName }, land, rows: resultRows },
    landMedian,
    landPopulation,
  };
}
