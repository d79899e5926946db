/**
 * Builds the state overview from many municipalities' published analysis.json (src/core/overview/schema.ts).
 * Per municipality the latest analysis (highest Berichtsjahr) counts; its older analyses are its waves.
 * Reference values are the median and quartiles (Excel QUARTILE.INC, R type 7) over the municipalities
 * with a published value that is not of limited reliability, shown only where at least five contribute.
 */
import { DELIKTE, THEMEN } from '../model/codebook.js';
import { isHidden, readPublished, type PublishedAnalysis } from '../waves/published.js';
import {
  MIN_CONTRIBUTORS,
  OVERVIEW_SCHEMA_VERSION,
  type IndicatorDef,
  type MunicipalityRow,
  type Overview,
  type OwnPosition,
  type Position,
  type Reference,
  type Value,
} from './schema.js';

export interface OverviewSource {
  /** Where the analysis comes from (folder, storage key), for messages. */
  readonly source: string;
  readonly analysisId: string | null;
  /** Parsed analysis.json. */
  readonly json: unknown;
  /** Why the analysis could not be read at all (German); the source is then listed as skipped. */
  readonly problem?: string;
}

const KEY_TOTAL = '------';
export const SAFETY_ITEM = 'sg_wohngegend_nacht';

/** The overview's indicators, in the order of its tables. */
export function overviewIndicators(): IndicatorDef[] {
  return [
    {
      id: `survey:${SAFETY_ITEM}`,
      label: 'Nachts in der Wohngegend eher/sehr unsicher',
      kind: 'share',
      group: 'sicherheit',
    },
    ...Object.entries(THEMEN).map(([thema, label]) => ({
      id: `survey:problem_${thema}`,
      label: `Problem: ${label}`,
      kind: 'share' as const,
      group: 'incivility' as const,
    })),
    ...Object.entries(DELIKTE).map(([delikt, label]) => ({
      id: `victim:${delikt}`,
      label: `Opfer in 12 Monaten: ${label}`,
      kind: 'share' as const,
      group: 'opfer' as const,
    })),
    { id: 'crime:hz', label: 'Häufigkeitszahl (Straftaten insgesamt)', kind: 'rate', group: 'pks' },
    { id: 'crime:hz-kreis', label: 'Häufigkeitszahl im Verhältnis zum Kreis', kind: 'ratio', group: 'pks' },
    { id: 'crime:hz-land', label: 'Häufigkeitszahl im Verhältnis zum Land', kind: 'ratio', group: 'pks' },
  ];
}

/** Quantile as Excel QUARTILE.INC / R type 7 of sorted values. */
export function quantile(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] ?? a;
  return a + (h - lo) * (b - a);
}

export function positionOf(value: number, r: Reference): Position | null {
  if (r.q1 === null || r.median === null || r.q3 === null) return null;
  if (value < r.q1) return 'unteres-viertel';
  if (value > r.q3) return 'oberes-viertel';
  return value <= r.median ? 'unter-median' : 'ueber-median';
}

type RawValue = Omit<Value, 'position'>;

function crimeOf(a: PublishedAnalysis): MunicipalityRow['crime'] {
  const reg = a.crime.regional;
  const row = reg?.rows.find((r) => r.key === KEY_TOTAL);
  if (reg && row)
    return { year: reg.year, rate: row.municipalityRate, kreisRate: row.kreisRate, landRate: row.landRate };
  const years = Object.keys(a.crime.byYear)
    .map(Number)
    .sort((x, y) => x - y);
  const year = years[years.length - 1];
  const rate = year === undefined ? null : (a.crime.byYear[String(year)]?.total.rate ?? null);
  return { year: year ?? null, rate, kreisRate: null, landRate: null };
}

function rawValues(a: PublishedAnalysis, crime: MunicipalityRow['crime']): RawValue[] {
  const out: RawValue[] = [];
  const survey = (id: string, code: string): void => {
    const t = a.survey.items[code]?.total;
    if (t && !isHidden(t))
      out.push({
        indicator: id,
        value: t.negativeShareWeighted,
        ci95: [t.ci95[0], t.ci95[1]],
        limited: t.limited ?? false,
      });
  };
  survey(`survey:${SAFETY_ITEM}`, SAFETY_ITEM);
  for (const thema of Object.keys(THEMEN)) survey(`survey:problem_${thema}`, `problem_${thema}`);
  for (const v of a.survey.victimisation) {
    const p = v.prevalence;
    if (!p.suppressed && p.negativeShareWeighted !== null)
      out.push({
        indicator: `victim:${v.delikt}`,
        value: p.negativeShareWeighted,
        ci95: null,
        limited: p.limited ?? false,
      });
  }
  if (crime.rate !== null) {
    out.push({ indicator: 'crime:hz', value: crime.rate, ci95: null, limited: false });
    if (crime.kreisRate)
      out.push({
        indicator: 'crime:hz-kreis',
        value: crime.rate / crime.kreisRate,
        ci95: null,
        limited: false,
      });
    if (crime.landRate)
      out.push({
        indicator: 'crime:hz-land',
        value: crime.rate / crime.landRate,
        ci95: null,
        limited: false,
      });
  }
  return out;
}

function topIncivilities(a: PublishedAnalysis): MunicipalityRow['topIncivilities'] {
  return a.survey.incivilityRanking
    .filter((f) => !f.suppressed && f.negativeShareWeighted !== null)
    .sort(
      (x, y) => (y.negativeShareWeighted ?? 0) - (x.negativeShareWeighted ?? 0) || (x.item < y.item ? -1 : 1),
    )
    .slice(0, 3)
    .map((f) => ({
      item: f.item,
      label: f.label,
      share: f.negativeShareWeighted ?? 0,
      limited: f.limited ?? false,
    }));
}

interface Loaded {
  readonly analysisId: string | null;
  readonly analysis: PublishedAnalysis;
}

function rowOf(
  latest: Loaded,
  all: readonly Loaded[],
): Omit<MunicipalityRow, 'values'> & { raw: RawValue[] } {
  const a = latest.analysis;
  const crime = crimeOf(a);
  const dev = a.development;
  const safety = dev?.items.find((i) => i.code === SAFETY_ITEM)?.total;
  return {
    ags: a.meta.kommune.ags,
    name: a.meta.kommune.name,
    kreis: {
      key: a.crime.regional?.kreis.key ?? a.meta.kommune.ags.slice(0, 5),
      name: a.crime.regional?.kreis.name ?? null,
    },
    analysisId: latest.analysisId,
    titel: a.meta.titel,
    berichtsjahr: a.meta.berichtsjahr,
    surveyYear: a.wave?.surveyYear ?? null,
    respondents: a.survey.respondents,
    raw: rawValues(a, crime),
    topIncivilities: topIncivilities(a),
    crime,
    recommendations: a.recommendations.map((r) => ({ id: r.id, title: r.title })),
    waves: all.map((w) => ({
      analysisId: w.analysisId,
      berichtsjahr: w.analysis.meta.berichtsjahr,
      surveyYear: w.analysis.wave?.surveyYear ?? null,
    })),
    development: dev
      ? {
          beforeYear: dev.before.surveyYear,
          beforeBerichtsjahr: dev.before.berichtsjahr,
          compared: dev.summary.compared,
          improved: dev.summary.improved,
          worsened: dev.summary.worsened,
          safetyNight:
            safety && safety.status === 'compared' && safety.difference !== undefined
              ? { difference: safety.difference, significant: safety.significant ?? false }
              : null,
        }
      : null,
  };
}

export function buildOverview(sources: readonly OverviewSource[], generatedAt: string): Overview {
  const skipped: Overview['skipped'] = [];
  const byAgs = new Map<string, Loaded[]>();
  for (const s of sources) {
    if (s.problem !== undefined) {
      skipped.push({ source: s.source, reason: s.problem });
      continue;
    }
    const read = readPublished(s.json);
    if (!read.ok) {
      skipped.push({ source: s.source, reason: read.error });
      continue;
    }
    const list = byAgs.get(read.value.meta.kommune.ags) ?? [];
    list.push({ analysisId: s.analysisId, analysis: read.value });
    byAgs.set(read.value.meta.kommune.ags, list);
  }

  const rows = [...byAgs.values()].map((list) => {
    const sorted = [...list].sort(
      (x, y) =>
        x.analysis.meta.berichtsjahr - y.analysis.meta.berichtsjahr ||
        Number(x.analysis.development !== undefined) - Number(y.analysis.development !== undefined) ||
        String(x.analysisId).localeCompare(String(y.analysisId)),
    );
    return rowOf(sorted[sorted.length - 1] as Loaded, sorted);
  });

  const indicators = overviewIndicators();
  const references: Reference[] = indicators.map((ind) => {
    const values = rows
      .flatMap((r) => r.raw.filter((v) => v.indicator === ind.id && !v.limited).map((v) => v.value))
      .sort((x, y) => x - y);
    const shown = values.length >= MIN_CONTRIBUTORS;
    return {
      indicator: ind.id,
      contributors: values.length,
      q1: shown ? quantile(values, 0.25) : null,
      median: shown ? quantile(values, 0.5) : null,
      q3: shown ? quantile(values, 0.75) : null,
    };
  });
  const refOf = new Map(references.map((r) => [r.indicator, r]));

  const finished: MunicipalityRow[] = rows
    .map(({ raw, ...row }) => ({
      ...row,
      values: raw.map((v) => {
        const ref = refOf.get(v.indicator);
        return { ...v, position: ref && !v.limited ? positionOf(v.value, ref) : null };
      }),
    }))
    .sort((x, y) => x.name.localeCompare(y.name, 'de') || x.ags.localeCompare(y.ags));

  const counts = new Map<string, { title: string; count: number }>();
  for (const r of finished)
    for (const rec of r.recommendations) {
      const c = counts.get(rec.id) ?? { title: rec.title, count: 0 };
      c.count += 1;
      counts.set(rec.id, c);
    }
  const recommendations = [...counts.entries()]
    .map(([id, c]) => ({
      id,
      title: c.title,
      count: c.count,
      share: finished.length ? c.count / finished.length : 0,
    }))
    .sort((x, y) => y.count - x.count || (x.id < y.id ? -1 : 1));

  return {
    schemaVersion: OVERVIEW_SCHEMA_VERSION,
    generatedAt,
    municipalities: finished.length,
    indicators,
    references,
    rows: finished,
    recommendations,
    skipped,
  };
}

/** What one municipality may see: the reference values and its own row, never another municipality's. */
export function ownPosition(o: Overview, ags: string): OwnPosition {
  return {
    schemaVersion: o.schemaVersion,
    generatedAt: o.generatedAt,
    municipalities: o.municipalities,
    indicators: o.indicators,
    references: o.references,
    own: o.rows.find((r) => r.ags === ags) ?? null,
  };
}
