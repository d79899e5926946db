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

export const SCHEMA_VERSION = '1.0.0';

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

/** Statistics of one item for one group (total, an area, a sex, an age group). */
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

/** A group below mindestfallzahl (primary) or hidden so that another cannot be recomputed (secondary). */
export const Suppressed = z.object({
  n: z.number().int().nonnegative(),
  suppressed: z.literal(true),
  reason: z.enum(['primary', 'secondary']),
});
export type Suppressed = z.infer<typeof Suppressed>;

export const GroupStat = z.union([ShareStat, Suppressed]);
export type GroupStat = z.infer<typeof GroupStat>;

export const ItemResult = z.object({
  code: z.string(),
  label: z.string(),
  question: z.string(),
  dimension: z.string(),
  scale: z.string(),
  /** German phrase for the unfavourable share, e.g. "eher/sehr unsicher". */
  negativeLabel: z.string(),
  total: ShareStat,
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

export const Weighting = z.object({
  method: z.literal('raking'),
  variables: z.array(z.string()),
  iterations: z.number().int(),
  converged: z.boolean(),
  /** Largest absolute difference between weighted sample margin and population margin (share). */
  maxMarginError: z.number(),
  trimBounds: z.tuple([z.number(), z.number()]),
  trimmedCount: z.number().int(),
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
    })
    .nullable(),
  /** Places named at least 3 times, normalised; personal data removed. */
  angstraeume: z.array(z.object({ place: z.string(), mentions: z.number().int() })),
  angstraeumeRemoved: z.number().int(),
  /** Local extra questions (befragung-zuordnung.json): distribution only. */
  extra: z.array(z.object({ code: z.string(), question: z.string(), total: ShareStat })),
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
      rate: z.number().nullable(),
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
    /** True when the groups with the most fear are not those with the most victimisation. */
    present: z.boolean().nullable(),
    summary: z.string(),
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
