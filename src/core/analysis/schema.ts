/**
 * The shape of `analysis.json`: every figure the report prints, machine-readable, and nothing that
 * identifies a respondent. Defined once with zod; the TypeScript types and the published JSON Schema
 * (`docs/analysis.schema.json`, see `analysisJsonSchema()`) are derived from it.
 *
 * Conventions: shares are fractions (0.31, not 31); `n` counts valid answers (excluding empty, 8, 9);
 * `ci95` is the Wilson interval on the weighted share with the effective sample size; rates are
 * Häufigkeitszahlen (cases per 100,000 inhabitants); clearance rates are fractions.
 */
import { z } from 'zod';
import { Development, Wave } from '../waves/schema.js';

export const SCHEMA_VERSION = '2.0.0';

const share = z.number().min(0).max(1);
const interval = z.tuple([share, share]);

/** One distribution category of an item. */
export const CategoryShare = z.object({
  code: z.number().int(),
  label: z.string(),
  /** Unweighted share of valid answers. */
  share,
  /** Weighted share of valid answers. */
  shareWeighted: share,
});

/** Statistics of one item for its total: the full answer distribution and the "weiß nicht" shares. */
export const ShareStat = z.object({
  n: z.number().int().nonnegative(),
  negativeShare: share,
  negativeShareWeighted: share,
  ci95: interval,
  /** Share of "weiß nicht" (code 9) among all non-empty answers. */
  dontKnowShare: share,
  /** Share of "trifft nicht zu" (code 8) among all non-empty answers. */
  notApplicableShare: share,
  /** Empty answers (keine Angabe). */
  missing: z.number().int().nonnegative(),
  distribution: z.array(CategoryShare),
  /** 10 ≤ n < 30 (or below 30 with a higher mindestfallzahl): of limited reliability ("eingeschränkt aussagekräftig"). */
  limited: z.boolean(),
  effectiveN: z.number().nonnegative(),
});
export type ShareStat = z.infer<typeof ShareStat>;

/**
 * Statistics of one item for one group of a breakdown (an area, a sex, an age group): only the
 * unfavourable share with its interval. Distributions and "weiß nicht" shares are published for
 * totals only, so that a hidden group has a single statistic to protect (see stats/suppression.ts).
 */
export const GroupShareStat = ShareStat.pick({
  n: true,
  negativeShare: true,
  negativeShareWeighted: true,
  ci95: true,
  limited: true,
  effectiveN: true,
});
export type GroupShareStat = z.infer<typeof GroupShareStat>;

/** Why a value is hidden (counted by rule in `survey.disclosure`). */
export const SuppressionRule = z.enum([
  'primary',
  'total',
  'secondary-size',
  'secondary-homogeneous',
  'secondary-table',
  'audit',
]);

/**
 * A value that is not published: a group below mindestfallzahl (primary), a group of an item whose
 * total is below it (total), or one hidden so that no other can be recomputed (secondary).
 */
export const Suppressed = z.object({
  n: z.number().int().nonnegative(),
  suppressed: z.literal(true),
  reason: z.enum(['primary', 'secondary', 'total']),
  rule: SuppressionRule,
});
export type Suppressed = z.infer<typeof Suppressed>;

export const GroupStat = z.union([GroupShareStat, Suppressed]);
export type GroupStat = z.infer<typeof GroupStat>;

/** An item's total: shown, or suppressed everywhere when it has fewer valid answers than mindestfallzahl. */
export const TotalStat = z.union([ShareStat, Suppressed]);
export type TotalStat = z.infer<typeof TotalStat>;

export const ItemResult = z.object({
  code: z.string(),
  label: z.string(),
  question: z.string(),
  dimension: z.string(),
  scale: z.string(),
  /** German phrase for the unfavourable share, e.g. "eher/sehr unsicher". */
  negativeLabel: z.string(),
  total: TotalStat,
  byArea: z.record(z.string(), GroupStat),
  bySex: z.record(z.string(), GroupStat),
  byAgeGroup: z.record(z.string(), GroupStat),
});
export type ItemResult = z.infer<typeof ItemResult>;

export const CountShare = z.object({
  key: z.string(),
  label: z.string(),
  count: z.number().nonnegative(),
  share,
});

/** A comparison with a reference value, decided by the 95 % interval (see analysis/comparison). */
export const Level = z.enum(['ueber', 'unter', 'unauffaellig', 'nicht-gesichert']);
export type Level = z.infer<typeof Level>;

/** Poisson log-linear trend test over a whole yearly series (stats/trend.ts). */
export const TrendTest = z.object({
  tested: z.boolean(),
  /** Why no test was made (German), or null. */
  reason: z.string().nullable(),
  years: z.number().int(),
  fromYear: z.number().int().nullable(),
  toYear: z.number().int().nullable(),
  /** exp(slope) − 1: average change per year. */
  annualChange: z.number().nullable(),
  /** Fitted change from the first to the last year. */
  change: z.number().nullable(),
  /** Pearson dispersion φ; quasi-Poisson standard errors when φ > 1. */
  dispersion: z.number().nullable(),
  quasi: z.boolean(),
  p: z.number().nullable(),
  significant: z.boolean(),
  /** Whether the test was made on rates (population as offset) or on counts. */
  onRates: z.boolean(),
});
export type TrendTest = z.infer<typeof TrendTest>;

export const Weighting = z.object({
  /**
   * `logit-calibration`: bounded calibration to the population margins (Deville–Särndal logit
   * distance, as R `survey::calibrate(calfun = "logit", bounds = …)`); `raking`: unbounded raking
   * (`survey::rake`), used only when the bounded calibration has no solution (`boundsHeld` false);
   * `none`: no population figures, all weights 1.
   */
  method: z.enum(['logit-calibration', 'raking', 'none']),
  variables: z.array(z.string()),
  iterations: z.number().int(),
  converged: z.boolean(),
  /** Largest absolute difference between weighted sample margin and population margin (share). */
  maxMarginError: z.number(),
  /** Bounds of the weights relative to the mean weight, as stated in the report. */
  bounds: z.tuple([z.number(), z.number()]),
  /** Whether every final weight lies within `bounds`. */
  boundsHeld: z.boolean(),
  /** Respondents whose weight lies at a bound (within 0.1 %). */
  atBounds: z.number().int(),
  /** Smallest and largest final weight, relative to the mean weight (same scale as `bounds`). */
  weightMin: z.number(),
  weightMax: z.number(),
  designEffect: z.number(),
  effectiveN: z.number(),
  /** Respondents weighted with 1 (relative), because sex is missing or `d`, or age is missing. */
  unweightedRespondents: z.object({
    sexMissing: z.number().int(),
    sexDiverse: z.number().int(),
    ageMissing: z.number().int(),
  }),
  /** Categories of a weighting variable need at least this many respondents; smaller ones are merged. */
  minCategorySize: z.number().int(),
  /** Categories merged with a neighbour before weighting (respondents: in the merged category). */
  mergedCategories: z.array(
    z.object({
      variable: z.string(),
      groups: z.array(z.string()),
      label: z.string(),
      respondents: z.number().int(),
    }),
  ),
  /** Population margins used (shares). */
  margins: z.object({ sex: z.array(CountShare), ageGroup: z.array(CountShare) }),
});

export const SampleComposition = z.object({
  /** Sample shares vs population shares, per category. */
  bySex: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      sample: z.number().int(),
      sampleShare: share,
      populationShare: share,
    }),
  ),
  byAgeGroup: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      sample: z.number().int(),
      sampleShare: share,
      populationShare: share,
    }),
  ),
  byArea: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      sample: z.number().int(),
      sampleShare: share,
      populationShare: share,
    }),
  ),
  meanAge: z.number().nullable(),
  unknownArea: z.number().int(),
  byMode: z.array(CountShare),
});

/** A figure drawn from one item for a chart row: share with interval, or suppressed. */
export const ShareFigure = z.object({
  item: z.string(),
  label: z.string(),
  n: z.number().int(),
  negativeShareWeighted: share.nullable(),
  ci95: interval.nullable(),
  suppressed: z.boolean(),
  limited: z.boolean(),
});

export const FearCell = z.object({
  dimension: z.enum(['affektiv', 'kognitiv', 'konativ']),
  sex: z.enum(['w', 'm']),
  ageGroup: z.string(),
  n: z.number().int(),
  /** Weighted share of respondents unfavourable on the dimension's index (see method text). */
  share: share.nullable(),
  ci95: interval.nullable(),
  suppressed: z.boolean(),
  limited: z.boolean(),
});

export const VictimisationRow = z.object({
  delikt: z.string(),
  label: z.string(),
  /** opfer_<delikt>: weighted 12-month prevalence. */
  prevalence: ShareFigure,
  /** anzeige_<delikt> among victims: weighted share reported to the police (null when suppressed or not asked). */
  reportingRate: ShareFigure.nullable(),
});

/** What the disclosure control did: hidden values counted by rule (never the values themselves). */
export const Disclosure = z.object({
  /** Hidden values per rule, over item totals and groups, sex × age cells and paradox rows. */
  suppressed: z.record(SuppressionRule, z.number().int().nonnegative()),
  /** Statistics (families) and published groups the auditor checked. */
  auditedFamilies: z.number().int().nonnegative(),
  auditedGroups: z.number().int().nonnegative(),
  /** Hidden values the auditor could still derive after suppression; always 0 in a published report. */
  findings: z.number().int().nonnegative(),
});

export const Survey = z.object({
  respondents: z.number().int(),
  invited: z.number().int().nullable(),
  responseRate: share.nullable(),
  sample: SampleComposition,
  weighting: Weighting,
  items: z.record(z.string(), ItemResult),
  /** Sicherheitsgefühl by place × day/night (sg_* items). */
  placeTime: z.array(ShareFigure.extend({ place: z.string(), time: z.enum(['tag', 'nacht']) })),
  /** Item codes per dimension of Kriminalitätsfurcht, and the sex × age breakdown. */
  fear: z.object({
    items: z.object({
      affektiv: z.array(z.string()),
      kognitiv: z.array(z.string()),
      konativ: z.array(z.string()),
    }),
    bySexAge: z.array(FearCell),
  }),
  incivilityRanking: z.array(ShareFigure),
  victimisation: z.array(VictimisationRow),
  institutions: z.array(ShareFigure),
  neighbourhood: z.array(ShareFigure),
  perceivedTrend: z
    .object({
      item: ShareFigure,
      /** Recorded PKS change of Straftaten insgesamt over the same years (fraction, e.g. -0.08). */
      recordedChange: z.number().nullable(),
      fromYear: z.number().int().nullable(),
      toYear: z.number().int().nullable(),
      /** Trend test of Straftaten insgesamt over the same years; a change is claimed only when significant. */
      recordedTest: TrendTest.nullable(),
    })
    .nullable(),
  /** Places named at least 3 times, normalised; personal data removed. */
  angstraeume: z.array(z.object({ place: z.string(), mentions: z.number().int() })),
  angstraeumeRemoved: z.number().int(),
  /** Local extra questions (befragung-zuordnung.json): distribution only. */
  extra: z.array(z.object({ code: z.string(), question: z.string(), total: TotalStat })),
  disclosure: Disclosure,
});
export type SurveyResult = z.infer<typeof Survey>;

export const CrimeFigure = z.object({
  cases: z.number().nonnegative(),
  /** Häufigkeitszahl; null without population. */
  rate: z.number().nonnegative().nullable(),
  clearanceRate: share.nullable(),
  label: z.string().optional(),
});

export const CrimeFlag = z.object({
  kind: z.enum(['sprung', 'kleine-fallzahl', 'sondereffekt', 'gesamt-abweichung']),
  key: z.string(),
  areaId: z.string().nullable(),
  year: z.number().int(),
  /** Relative change (fraction) or the figure that triggered the flag. */
  value: z.number(),
  message: z.string(),
});

export const Crime = z.object({
  years: z.array(z.number().int()),
  keys: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      controlOffence: z.boolean(),
      locationOftenUnknown: z.boolean(),
    }),
  ),
  byYear: z.record(
    z.string(),
    z.object({
      population: z.number().nullable(),
      total: CrimeFigure,
      byKey: z.record(z.string(), CrimeFigure),
    }),
  ),
  byArea: z.record(
    z.string(),
    z.object({
      population: z.number().nullable(),
      byYear: z.record(z.string(), CrimeFigure),
      /** Multi-year average of Straftaten insgesamt (used where yearly counts are small). */
      average: CrimeFigure.extend({ years: z.array(z.number().int()) }),
      byKeyLatest: z.record(z.string(), CrimeFigure),
    }),
  ),
  /** Index lines per key, first year = 100. */
  trends: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      points: z.array(z.object({ year: z.number().int(), cases: z.number(), index: z.number().nullable() })),
      /** Trend test over the whole series; a trend is claimed only where it is significant. */
      test: TrendTest,
    }),
  ),
  /** Offence structure in the latest year: shares of Straftaten insgesamt. */
  structure: z.array(CountShare),
  flags: z.array(CrimeFlag),
  /** Municipality vs Kreis vs Land from pks-kreise files; null without them. */
  regional: z
    .object({
      year: z.number().int(),
      kreis: z.object({ key: z.string(), name: z.string() }),
      land: z.object({ key: z.string(), name: z.string() }),
      rows: z.array(
        z.object({
          key: z.string(),
          label: z.string(),
          municipalityRate: z.number().nullable(),
          /** Cases behind the municipal rate and its exact Poisson 95 % interval. */
          municipalityCases: z.number().nullable(),
          municipalityRateCi95: z.tuple([z.number(), z.number()]).nullable(),
          /** Municipal rate against the Kreis and Land rate (interval excludes it, ≥ 10 cases). */
          kreisLevel: Level.nullable(),
          landLevel: Level.nullable(),
          kreisRate: z.number().nullable(),
          landRate: z.number().nullable(),
          municipalityClearance: share.nullable(),
          kreisClearance: share.nullable(),
          landClearance: share.nullable(),
        }),
      ),
    })
    .nullable(),
});
export type CrimeResult = z.infer<typeof Crime>;

export const Pmk = z
  .object({
    years: z.array(z.number().int()),
    rows: z.array(
      z.object({
        year: z.number().int(),
        bereich: z.string(),
        label: z.string(),
        cases: z.number(),
        violent: z.number().nullable(),
      }),
    ),
    stand: z.string().nullable(),
  })
  .nullable();

export const Owi = z
  .object({
    years: z.array(z.number().int()),
    rows: z.array(z.object({ year: z.number().int(), category: z.string(), count: z.number() })),
  })
  .nullable();

export const Profile = z.object({
  population: z.object({
    total: z.number(),
    year: z.number().int().nullable(),
    /** Population pyramid: age group × sex. */
    pyramid: z.array(z.object({ ageGroup: z.string(), sex: z.enum(['w', 'm', 'd']), count: z.number() })),
    byArea: z.array(z.object({ areaId: z.string(), name: z.string(), population: z.number(), share })),
  }),
  indicators: z.array(
    z.object({
      indicator: z.string(),
      label: z.string(),
      unit: z.string().nullable(),
      year: z.number().nullable(),
      source: z.string().nullable(),
      municipality: z.number().nullable(),
      byArea: z.record(z.string(), z.number()),
    }),
  ),
});

export const Quadrant = z.enum([
  'begruendete-furcht',
  'furcht-ohne-hellfeld',
  'unterschaetztes-risiko',
  'unauffaellig',
]);
export type Quadrant = z.infer<typeof Quadrant>;

export const ComparisonPair = z.object({
  surveyItem: z.string(),
  surveyLabel: z.string(),
  crimeKey: z.string(),
  crimeLabel: z.string(),
  /** Municipal averages the areas are compared against. */
  reference: z.object({
    negativeShare: share.nullable(),
    rate: z.number().nullable(),
    year: z.number().int().nullable(),
  }),
  areas: z.array(
    z.object({
      areaId: z.string(),
      name: z.string(),
      negativeShare: share.nullable(),
      /** Valid answers behind the share (null when suppressed). */
      n: z.number().int().nullable(),
      /** Wilson 95 % interval of the area's share (effective n); null when suppressed. */
      ci95: interval.nullable(),
      /** n < 30: the share is printed in parentheses. */
      limited: z.boolean(),
      rate: z.number().nullable(),
      /** Exact Poisson 95 % interval of the area's rate. */
      rateCi95: z.tuple([z.number(), z.number()]).nullable(),
      /** Cases behind the rate (summed over `rateYears`). */
      cases: z.number().nullable(),
      /** `latest`: the latest year; `average`: pooled over `rateYears` (fewer than 10 cases in the latest year). */
      rateBasis: z.enum(['latest', 'average']).nullable(),
      rateYears: z.array(z.number().int()),
      /** The municipal rate on the same basis (same years). */
      referenceRate: z.number().nullable(),
      /** Survey side: the area's interval excludes the municipal share ('ueber'/'unter'). */
      fearLevel: Level.nullable(),
      /** Crime side: the area's rate interval excludes the municipal rate and it has ≥ 10 cases. */
      crimeLevel: Level.nullable(),
      /** Only where the levels support it; null when not classifiable. */
      quadrant: Quadrant.nullable(),
      suppressed: z.boolean(),
    }),
  ),
  /** Municipality vs Kreis/Land for this key, where available. */
  municipality: z
    .object({
      negativeShare: share.nullable(),
      rate: z.number().nullable(),
      kreisRate: z.number().nullable(),
      landRate: z.number().nullable(),
      quadrant: Quadrant.nullable(),
    })
    .nullable(),
});

export const Comparison = z.object({
  pairs: z.array(ComparisonPair),
  /** Kriminalitätsfurcht-Paradox: fear vs victimisation by sex × age group. */
  paradox: z.object({
    rows: z.array(
      z.object({
        sex: z.enum(['w', 'm']),
        ageGroup: z.string(),
        n: z.number().int(),
        fear: share.nullable(),
        victimisation: share.nullable(),
        suppressed: z.boolean(),
      }),
    ),
    /**
     * True when fear and victimisation correlate significantly negatively over the groups with at
     * least 30 respondents (Spearman, p < 0.05) and the group(s) with the most fear are not those
     * with the most victimisation; false when tested and not present; null when it cannot be tested.
     */
    present: z.boolean().nullable(),
    summary: z.string(),
    /** Spearman ρ, its two-sided p-value (t approximation) and the number of groups it is computed on. */
    rho: z.number().nullable(),
    p: z.number().nullable(),
    cells: z.number().int(),
    /** Groups need at least this many respondents to enter the test. */
    minCellN: z.number().int(),
    /** Groups whose affective fear is significantly above the overall value (their interval excludes it). */
    highFear: z.array(z.object({ sex: z.enum(['w', 'm']), ageGroup: z.string(), share })),
  }),
});

export const Finding = z.object({
  /** Stable id, e.g. `incivility:problem_graffiti`, `quadrant:beunruhigt_einbruch:01`. */
  id: z.string(),
  text: z.string(),
  value: z.number().nullable(),
  /** German formatted value as printed, e.g. "42,3 %". */
  display: z.string(),
});

export const Recommendation = z.object({
  id: z.string(),
  type: z.enum(['specific', 'general']),
  field: z.string(),
  title: z.string(),
  description: z.string(),
  triggers: z.array(Finding),
  areas: z.array(z.string()),
  targetGroups: z.array(z.string()),
  priority: z.enum(['hoch', 'mittel', 'niedrig']),
  actors: z.array(z.string()),
  /** Beccaria: how to evaluate (indicator and step). */
  evaluation: z.string(),
  support: z.array(z.string()),
});
export type Recommendation = z.infer<typeof Recommendation>;

export const KeyFinding = z.object({
  id: z.string(),
  text: z.string(),
  severity: z.enum(['hinweis', 'auffaellig', 'kritisch']),
});

export const ValidationWarning = z.object({
  code: z.string(),
  file: z.string(),
  row: z.number().optional(),
  column: z.string().optional(),
  message: z.string(),
});

export const Analysis = z.object({
  schemaVersion: z.string(),
  meta: z.object({
    kommune: z.object({ name: z.string(), ags: z.string() }),
    titel: z.string(),
    berichtsjahr: z.number().int(),
    gebiete: z.array(z.object({ id: z.string(), name: z.string() })),
    mindestfallzahl: z.number().int(),
    limitedBelow: z.number().int(),
    engineVersion: z.string(),
  }),
  survey: Survey,
  crime: Crime,
  pmk: Pmk,
  owi: Owi,
  profile: Profile,
  comparison: Comparison,
  keyFindings: z.array(KeyFinding),
  recommendations: z.array(Recommendation),
  warnings: z.array(ValidationWarning),
  /** The survey wave (issue 16): survey period and predecessor named in analyse.json. */
  wave: Wave.optional(),
  /** Comparison with the predecessor wave ("Entwicklung seit der Befragung <Jahr>"), where one was found. */
  development: Development.optional(),
});
export type Analysis = z.infer<typeof Analysis>;

/** The published JSON Schema of analysis.json. */
export function analysisJsonSchema(): unknown {
  return z.toJSONSchema(Analysis, { target: 'draft-2020-12' });
}
