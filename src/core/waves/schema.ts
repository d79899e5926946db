/**
 * The shape of a wave comparison ("Entwicklung seit der Befragung <Jahr>"): what changed between a
 * municipality's earlier survey wave and the current one. It is published as `development` in
 * analysis.json and in changes.json, and printed as the report chapter of the same name.
 *
 * Disclosure: every figure in it is one that both waves' analysis.json already publish (a share, its
 * interval, n, n_eff, a PKS figure), or a statistic of two such figures. A cell that either wave hides
 * gets no number at all here, only the reason why it is not compared (`not-compared`).
 *
 * Conventions as in analysis.json: shares are fractions; `difference` is a difference of shares
 * (−0.12 = −12 percentage points); rates are Häufigkeitszahlen; `rateRatio` is after ÷ before.
 */
import { z } from 'zod';

export const DEVELOPMENT_SCHEMA_VERSION = '1.0.0';

const share = z.number().min(0).max(1);
const interval = z.tuple([share, share]);

/** The wave an analysis belongs to: set from analyse.json for every analysis (predecessor optional). */
export const Wave = z.object({
  /** `befragung.zeitraum` of analyse.json, e.g. "2026-03-02/2026-04-10"; null when not given. */
  surveyPeriod: z.string().nullable(),
  /** Year the survey ended (from the period); null when unknown. */
  surveyYear: z.number().int().nullable(),
  /** `vorgaenger.analyse` of analyse.json: the id of the predecessor analysis of the same municipality. */
  predecessor: z.string().nullable(),
});
export type Wave = z.infer<typeof Wave>;

/** One side of a compared cell, as that wave's analysis.json publishes it. */
export const WaveCell = z.object({
  negativeShareWeighted: share,
  ci95: interval,
  /** Valid answers (unweighted). */
  n: z.number().int().nonnegative(),
  /** Kish effective sample size of the cell, as published. */
  effectiveN: z.number().nonnegative(),
  /** Of limited reliability (printed in parentheses). */
  limited: z.boolean(),
});
export type WaveCell = z.infer<typeof WaveCell>;

export const Direction = z.enum(['gesunken', 'gestiegen', 'unveraendert']);
export type Direction = z.infer<typeof Direction>;

/** A cell published in both waves, with the test of its change. */
export const ComparedCell = z.object({
  status: z.literal('compared'),
  before: WaveCell,
  after: WaveCell,
  /** after − before (share difference). */
  difference: z.number(),
  /** Two-sample z statistic (pooled variance under H0, n = effective n of each wave). */
  z: z.number(),
  /** Two-sided p-value of z. */
  p: z.number().min(0).max(1),
  /** p after the Benjamini–Hochberg correction over all compared cells of the comparison (q-value). */
  pAdjusted: z.number().min(0).max(1),
  /** pAdjusted < alpha. */
  significant: z.boolean(),
  /** Sign of the difference; `unveraendert` when it is exactly 0. */
  direction: Direction,
});
export type ComparedCell = z.infer<typeof ComparedCell>;

export const NotComparedReason = z.enum([
  /** The earlier wave does not publish the cell (too few answers or protected against recomputation). */
  'hidden-before',
  'hidden-after',
  'hidden-both',
  /** The cell does not exist in one wave (item not asked there in this group). */
  'missing-before',
  'missing-after',
]);
export type NotComparedReason = z.infer<typeof NotComparedReason>;

/** A cell that is not compared: never carries a figure. */
export const NotComparedCell = z.object({ status: z.literal('not-compared'), reason: NotComparedReason });
export type NotComparedCell = z.infer<typeof NotComparedCell>;

export const CellChange = z.discriminatedUnion('status', [ComparedCell, NotComparedCell]);
export type CellChange = z.infer<typeof CellChange>;

export const ItemChange = z.object({
  code: z.string(),
  label: z.string(),
  /** German phrase for the unfavourable share, e.g. "eher/sehr unsicher". */
  negativeLabel: z.string(),
  /** One of the core indicators every wave comparison reports (else: an indicator of an earlier recommendation). */
  core: z.boolean(),
  total: CellChange,
  /** Matched areas only, by area id. */
  byArea: z.record(z.string(), CellChange),
});
export type ItemChange = z.infer<typeof ItemChange>;

export const UnmatchedItem = z.object({
  code: z.string(),
  label: z.string(),
  reason: z.enum(['only-before', 'only-after', 'definition-changed']),
  /** German explanation as printed. */
  text: z.string(),
});

export const UnmatchedArea = z.object({
  id: z.string(),
  nameBefore: z.string().nullable(),
  nameAfter: z.string().nullable(),
  reason: z.enum(['only-before', 'only-after', 'name-changed', 'population-changed']),
  text: z.string(),
});

/** PKS figure of one year and its source wave. */
export const CrimeYear = z.object({
  year: z.number().int(),
  cases: z.number().nonnegative(),
  rate: z.number().nonnegative().nullable(),
  population: z.number().nonnegative().nullable(),
  /** The wave whose analysis.json the figure comes from (the later one where both have the year). */
  source: z.enum(['before', 'after']),
});

/** Rate before vs after the earlier survey: equal numbers of years on both sides. */
export const PeriodComparison = z.object({
  beforeYears: z.array(z.number().int()),
  afterYears: z.array(z.number().int()),
  beforeCases: z.number().nonnegative(),
  afterCases: z.number().nonnegative(),
  beforeRate: z.number().nonnegative().nullable(),
  afterRate: z.number().nonnegative().nullable(),
  /** afterRate ÷ beforeRate; null when either side has no population or no cases. */
  rateRatio: z.number().nonnegative().nullable(),
  ci95: z.tuple([z.number(), z.number()]).nullable(),
  /** Pearson dispersion of the yearly counts around the two period means (≥ 1 is used). */
  dispersion: z.number().nullable(),
  p: z.number().min(0).max(1).nullable(),
  /** p after Benjamini–Hochberg over the PKS series of the comparison. */
  pAdjusted: z.number().min(0).max(1).nullable(),
  significant: z.boolean(),
  /** Why no test was made (German), or null. */
  untested: z.string().nullable(),
});
export type PeriodComparison = z.infer<typeof PeriodComparison>;

export const CrimeSeries = z.object({
  key: z.string(),
  label: z.string(),
  /** null: the whole municipality; else a matched area. */
  areaId: z.string().nullable(),
  years: z.array(CrimeYear),
  period: PeriodComparison.nullable(),
});
export type CrimeSeries = z.infer<typeof CrimeSeries>;

/** A PKS figure of a year both waves contain that differs between them (later corrections). */
export const CrimeRevision = z.object({
  key: z.string(),
  areaId: z.string().nullable(),
  year: z.number().int(),
  casesBefore: z.number(),
  casesAfter: z.number(),
});

export const IndicatorResult = z.enum([
  'verbessert',
  'verschlechtert',
  'keine-gesicherte-veraenderung',
  'nicht-vergleichbar',
]);
export type IndicatorResult = z.infer<typeof IndicatorResult>;

/** One evaluation indicator of an earlier recommendation and whether it moved. */
export const Indicator = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('survey'),
    item: z.string(),
    label: z.string(),
    /** null: all respondents; else the area. */
    areaId: z.string().nullable(),
    result: IndicatorResult,
    difference: z.number().nullable(),
    /** p of the cell's test, and corrected as in the comparison's tables. */
    p: z.number().nullable(),
    pAdjusted: z.number().nullable(),
  }),
  z.object({
    kind: z.literal('crime'),
    key: z.string(),
    label: z.string(),
    areaId: z.string().nullable(),
    result: IndicatorResult,
    rateRatio: z.number().nullable(),
    p: z.number().nullable(),
    pAdjusted: z.number().nullable(),
  }),
]);
export type Indicator = z.infer<typeof Indicator>;

/** A measure the municipality or the LPR recorded as implemented, with its date. */
export const ImplementedMeasure = z.object({
  /** Recommendation id of the earlier report (catalogue id). */
  recommendationId: z.string(),
  /** ISO date (YYYY-MM-DD). */
  implementedOn: z.string(),
  /** Areas where it was implemented (ids); empty = the whole municipality. */
  areas: z.array(z.string()),
  note: z.string().nullable(),
});
export type ImplementedMeasure = z.infer<typeof ImplementedMeasure>;

export const RecommendationEvaluation = z.object({
  id: z.string(),
  title: z.string(),
  /** Areas the earlier recommendation named. */
  areas: z.array(z.string()),
  /** The earlier report's evaluation text (Beccaria step 7). */
  evaluation: z.string(),
  measure: ImplementedMeasure.nullable(),
  indicators: z.array(Indicator),
  /** Summary over the indicators: improved (and none worse), worse (and none better), mixed, none, not comparable. */
  result: z.enum([
    'verbessert',
    'verschlechtert',
    'uneinheitlich',
    'keine-gesicherte-veraenderung',
    'nicht-vergleichbar',
    'ohne-messbaren-indikator',
  ]),
});
export type RecommendationEvaluation = z.infer<typeof RecommendationEvaluation>;

export const WaveRef = z.object({
  /** Id of the analysis (storage id or folder name); null where unknown. */
  analysisId: z.string().nullable(),
  titel: z.string(),
  berichtsjahr: z.number().int(),
  surveyYear: z.number().int().nullable(),
  respondents: z.number().int().nonnegative(),
  engineVersion: z.string().nullable(),
  schemaVersion: z.string().nullable(),
});

export const Development = z.object({
  schemaVersion: z.string(),
  before: WaveRef,
  after: WaveRef,
  method: z.object({
    /** `two-sample-z-kish`: two-sample z-test of weighted shares, pooled variance, Kish effective n. */
    test: z.literal('two-sample-z-kish'),
    alpha: z.number(),
    /** `benjamini-hochberg`: false discovery rate over all compared cells (and, separately, over the PKS series). */
    multipleTesting: z.literal('benjamini-hochberg'),
    crimeTest: z.literal('rate-ratio-quasi-poisson'),
    /** Minimum PKS cases in each period for a rate comparison. */
    crimeMinCases: z.number().int(),
    /** An area whose population changed by more than this share is not compared. */
    areaPopulationTolerance: z.number(),
  }),
  matching: z.object({
    areas: z.array(z.object({ id: z.string(), name: z.string() })),
    unmatchedAreas: z.array(UnmatchedArea),
    unmatchedItems: z.array(UnmatchedItem),
  }),
  items: z.array(ItemChange),
  crime: z.object({
    years: z.array(z.number().int()),
    series: z.array(CrimeSeries),
    revisions: z.array(CrimeRevision),
  }),
  recommendations: z.array(RecommendationEvaluation),
  /** Measures recorded for recommendation ids the earlier report does not contain. */
  unassignedMeasures: z.array(ImplementedMeasure),
  summary: z.object({
    compared: z.number().int().nonnegative(),
    significant: z.number().int().nonnegative(),
    improved: z.number().int().nonnegative(),
    worsened: z.number().int().nonnegative(),
    notCompared: z.number().int().nonnegative(),
  }),
});
export type Development = z.infer<typeof Development>;
