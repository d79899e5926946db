/**
 * Caveat flags on the PKS figures (domain brief §2.4):
 * - `sondereffekt`: the municipality's HZ in the regional year is above twice the median HZ of the
 *   Kreise of its Land (only with pks-kreise files), and so is the lower end of its exact Poisson
 *   95 % interval (at least 10 cases); value = municipal HZ / Land median.
 * - `sprung`: a change of more than ±30 % between two consecutive years of the series, for every key
 *   of the municipality and for Straftaten insgesamt of every area; only where at least one of the
 *   two years has SMALL_COUNT cases or more, the earlier year has cases, and the two counts differ
 *   significantly (exact conditional Poisson test, p < 0.05: a jump from 12 to 17 cases is noise,
 *   not a Sondereffekt); value = relative change.
 * - `kleine-fallzahl`: fewer than SMALL_COUNT cases in the latest year, for every key of the
 *   municipality and for Straftaten insgesamt of every area; value = cases.
 * - `gesamt-abweichung`: a `gesamt` row and area rows both exist for a key and year and disagree;
 *   informative (the `gesamt` row is the municipality's figure). One flag per key, for the latest
 *   such year, its message counting the years with a disagreement; value = gesamt − Σ areas.
 * Order: kind in the order above, then key order, municipality before areas (manifest order), year.
 * Messages are self-contained: flags of an area name the area ("Altstadt, Straftaten insgesamt 2024: …").
 */
import { KEY_TOTAL } from '../../model/pks-keys.js';
import type { CrimeResult } from '../schema.js';
import { formatChange, formatNumber, formatRate, formatSigned } from '../../format/number.js';
import { SMALL_COUNT, municipalFigure, type CrimeContext, type Counts } from './context.js';
import { labelOf } from './keys.js';
import type { RegionalData } from './regional.js';
import { poissonCompareP } from '../stats/distributions.js';
import { MIN_CASES_FOR_CLAIM, rateInterval } from '../stats/poisson.js';

type Flag = CrimeResult['flags'][number];

/** Year-on-year changes above this (absolute, as a fraction) are flagged. */
export const JUMP_THRESHOLD = 0.3;
/** HZ above this multiple of the Land median of Kreise is flagged. */
export const SPECIAL_EFFECT_FACTOR = 2;
/** A year-on-year change is flagged only when the two counts differ at this level. */
export const JUMP_ALPHA = 0.05;

function casesPhrase(n: number): string {
  if (n === 0) return 'keine Fälle';
  if (n === 1) return 'nur 1 Fall';
  return `nur ${formatNumber(n)} Fälle`;
}

function jumps(
  series: readonly { year: number; cases: number }[],
): { year: number; prevYear: number; change: number }[] {
  const out: { year: number; prevYear: number; change: number }[] = [];
  for (let i = 1; i < series.length; i++) {
    const prev = series[i - 1];
    const cur = series[i];
    if (!prev || !cur || prev.cases <= 0) continue;
    if (Math.max(prev.cases, cur.cases) < SMALL_COUNT) continue;
    const change = cur.cases / prev.cases - 1;
    // The epsilon keeps an exact ±30 % (65 / 50 − 1 = 0.30000000000000004 in floating point) unflagged.
    if (Math.abs(change) > JUMP_THRESHOLD + 1e-9 && poissonCompareP(prev.cases, cur.cases) < JUMP_ALPHA)
      out.push({ year: cur.year, prevYear: prev.year, change });
  }
  return out;
}

export function buildFlags(ctx: CrimeContext, regional: RegionalData | null): Flag[] {
  const flags: Flag[] = [];
  const areaName = new Map(ctx.dataset.manifest.gebiete.map((g) => [g.id, g.name]));
  const label = (key: string) => labelOf(key, ctx.dataLabels.get(key));
  const latest = ctx.latestYear;

  // sondereffekt
  if (regional) {
    const year = regional.result.year;
    for (const key of ctx.keys) {
      const m = municipalFigure(ctx, key, year);
      const med = regional.landMedian.get(key);
      if (!m || m.rate === null || med === undefined || med <= 0) continue;
      const pop = ctx.population.municipality(year);
      const ci = pop === null ? null : rateInterval(m.cases, pop);
      if (ci && m.cases >= MIN_CASES_FOR_CLAIM && ci[0] > SPECIAL_EFFECT_FACTOR * med) {
        flags.push({
          kind: 'sondereffekt',
          key,
          areaId: null,
          year,
          value: m.rate / med,
          message: `${label(key)} ${year}: Häufigkeitszahl ${formatRate(m.rate)} liegt über dem Doppelten des Medians der Kreise in ${regional.result.land.name} (${formatRate(med)}) – Sondereffekt prüfen (z. B. Serien- oder Sammelverfahren, Tatortprinzip mit Pendler- und Besucheraufkommen).`,
        });
      }
    }
  }

  // sprung
  for (const key of ctx.keys) {
    const series = ctx.years.flatMap((year) => {
      const c = ctx.municipal(key, year);
      return c ? [{ year, cases: c.cases }] : [];
    });
    for (const j of jumps(series)) {
      flags.push({
        kind: 'sprung',
        key,
        areaId: null,
        year: j.year,
        value: j.change,
        message: `${label(key)} ${j.year}: ${formatChange(j.change)} gegenüber ${j.prevYear} – Sondereffekt prüfen (z. B. Serien- oder Sammelverfahren).`,
      });
    }
    if (key !== KEY_TOTAL) continue;
    for (const areaId of ctx.areasWithData) {
      const aSeries = ctx.years.flatMap((year) => {
        const c = ctx.area(areaId, key, year);
        return c ? [{ year, cases: c.cases }] : [];
      });
      for (const j of jumps(aSeries)) {
        flags.push({
          kind: 'sprung',
          key,
          areaId,
          year: j.year,
          value: j.change,
          message: `${areaName.get(areaId) ?? areaId}, ${label(key)} ${j.year}: ${formatChange(j.change)} gegenüber ${j.prevYear} – Sondereffekt prüfen (z. B. Serien- oder Sammelverfahren).`,
        });
      }
    }
  }

  // kleine-fallzahl
  if (latest !== null) {
    const advice =
      'die Häufigkeitszahl schwankt bei kleinen Fallzahlen stark; bitte den Mehrjahresdurchschnitt lesen.';
    for (const key of ctx.keys) {
      const c = ctx.municipal(key, latest);
      if (c && c.cases < SMALL_COUNT) {
        flags.push({
          kind: 'kleine-fallzahl',
          key,
          areaId: null,
          year: latest,
          value: c.cases,
          message: `${label(key)} ${latest}: ${casesPhrase(c.cases)} – ${advice}`,
        });
      }
      if (key !== KEY_TOTAL) continue;
      for (const areaId of ctx.areasWithData) {
        const a = ctx.area(areaId, key, latest);
        if (a && a.cases < SMALL_COUNT) {
          flags.push({
            kind: 'kleine-fallzahl',
            key,
            areaId,
            year: latest,
            value: a.cases,
            message: `${areaName.get(areaId) ?? areaId}, ${label(key)} ${latest}: ${casesPhrase(a.cases)} – ${advice}`,
          });
        }
      }
    }
  }

  // gesamt-abweichung: one flag per key, for the latest year with a disagreement, counting the years.
  for (const key of ctx.keys) {
    let compared = 0;
    const differing: { year: number; g: Counts; s: Counts }[] = [];
    for (const year of ctx.years) {
      const g: Counts | undefined = ctx.gesamt(key, year);
      const s: Counts | undefined = ctx.areaSum(key, year);
      if (!g || !s) continue;
      compared++;
      if (g.cases !== s.cases) differing.push({ year, g, s });
    }
    const last = differing[differing.length - 1];
    if (!last) continue;
    const diff = last.g.cases - last.s.cases;
    const years = compared > 1 ? ` (Abweichungen in ${differing.length} von ${compared} Jahren)` : '';
    flags.push({
      kind: 'gesamt-abweichung',
      key,
      areaId: null,
      year: last.year,
      value: diff,
      message: `${label(key)} ${last.year}: Die Gesamtzahl (${formatNumber(last.g.cases)}) weicht von der Summe der Gebiete (${formatNumber(last.s.cases)}) um ${formatSigned(diff)} ${Math.abs(diff) === 1 ? 'Fall' : 'Fälle'} ab${years} – üblich bei Fällen ohne Gebietszuordnung; maßgeblich ist die Gesamtzahl.`,
    });
  }
  return flags;
}
