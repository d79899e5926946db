/**
 * The declarative trigger language of the recommendation catalogue, and the catalogue's schema.
 *
 * A condition is a leaf (one `metric`) or a combination (`anyOf`, `allOf`) or `{ "always": true }`.
 * Leaves and what they read from the analysis (all shares are fractions):
 *
 * | metric | fields | reads | per area |
 * |---|---|---|---|
 * | `item.negativeShareWeighted` | item, op, value | survey.items[item].total | no |
 * | `item.areaNegativeShareWeighted` | item, op, value | survey.items[item].byArea (suppressed areas skipped) | yes |
 * | `incivility.rank` | item, op, value | rank in survey.incivilityRanking (1 = largest share; ties share a rank) | no |
 * | `institution.negativeShareWeighted` | item, op, value | survey.institutions (else survey.items) | no |
 * | `neighbourhood.negativeShareWeighted` | item, op, value | survey.neighbourhood (else survey.items) | no |
 * | `victimisation.prevalence` | delikt?, op, value | survey.victimisation[].prevalence; without delikt: any | no |
 * | `victimisation.reportingRate` | delikt?, op, value | survey.victimisation[].reportingRate; without delikt: any | no |
 * | `perceivedTrend.negativeShareWeighted` | op, value | survey.perceivedTrend.item | no |
 * | `perceivedTrend.recordedChange` | op, value | survey.perceivedTrend.recordedChange | no |
 * | `crime.trendChange` | key, op, value | municipal cases, latest vs first year of the series (fraction) | no |
 * | `crime.cases` | key, op, value | municipal cases in the latest year | no |
 * | `crime.rateVsKreis` | key, op, value | municipal HZ / Kreis HZ (crime.regional) | no |
 * | `crime.areaRateRatio` | key, op, value | area HZ (latest year) / municipal HZ (latest year) | yes |
 * | `comparison.quadrant` | item?, key?, quadrant | comparison.pairs[].areas[].quadrant | yes |
 * | `paradox.present` | – | comparison.paradox.present === true | no |
 * | `angstraeume.count` | op, value | survey.angstraeume.length | no |
 *
 * A leaf with missing data does not fire. `anyOf` fires when any child fires, `allOf` when all do;
 * per-area children of an `allOf` must share at least one area (see evaluate.ts).
 */
import { z } from 'zod';
import { Quadrant } from '../analysis/schema.js';

export const Op = z.enum(['>=', '>', '<=', '<', '==']);
export type Op = z.infer<typeof Op>;

const cmp = { op: Op, value: z.number() };

export const Leaf = z.discriminatedUnion('metric', [
  z.strictObject({ metric: z.literal('item.negativeShareWeighted'), item: z.string(), ...cmp }),
  z.strictObject({ metric: z.literal('item.areaNegativeShareWeighted'), item: z.string(), ...cmp }),
  z.strictObject({ metric: z.literal('incivility.rank'), item: z.string(), ...cmp }),
  z.strictObject({ metric: z.literal('institution.negativeShareWeighted'), item: z.string(), ...cmp }),
  z.strictObject({ metric: z.literal('neighbourhood.negativeShareWeighted'), item: z.string(), ...cmp }),
  z.strictObject({ metric: z.literal('victimisation.prevalence'), delikt: z.string().optional(), ...cmp }),
  z.strictObject({ metric: z.literal('victimisation.reportingRate'), delikt: z.string().optional(), ...cmp }),
  z.strictObject({ metric: z.literal('perceivedTrend.negativeShareWeighted'), ...cmp }),
  z.strictObject({ metric: z.literal('perceivedTrend.recordedChange'), ...cmp }),
  z.strictObject({ metric: z.literal('crime.trendChange'), key: z.string(), ...cmp }),
  z.strictObject({ metric: z.literal('crime.cases'), key: z.string(), ...cmp }),
  z.strictObject({ metric: z.literal('crime.rateVsKreis'), key: z.string(), ...cmp }),
  z.strictObject({ metric: z.literal('crime.areaRateRatio'), key: z.string(), ...cmp }),
  z.strictObject({
    metric: z.literal('comparison.quadrant'),
    item: z.string().optional(),
    key: z.string().optional(),
    quadrant: Quadrant,
  }),
  z.strictObject({ metric: z.literal('paradox.present') }),
  z.strictObject({ metric: z.literal('angstraeume.count'), ...cmp }),
]);
export type Leaf = z.infer<typeof Leaf>;

export type Condition =
  | Leaf
  | { readonly anyOf: readonly Condition[] }
  | { readonly allOf: readonly Condition[] }
  | { readonly always: true };

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    Leaf,
    z.strictObject({ anyOf: z.array(Condition).min(1) }),
    z.strictObject({ allOf: z.array(Condition).min(1) }),
    z.strictObject({ always: z.literal(true) }),
  ]),
);

/** The actors a measure may name (fixed list, so the report can group and style them). */
export const ACTORS = [
  'KPR',
  'Ordnungsamt/GVD',
  'Polizeirevier',
  'Bauamt/Stadtplanung',
  'Jugendamt',
  'Vereine',
  'Schulen',
  'Seniorenbeirat',
  'Wohnungsunternehmen',
  'Stadtverwaltung/Öffentlichkeitsarbeit',
] as const;
export const Actor = z.enum(ACTORS);

export const Priority = z.enum(['hoch', 'mittel', 'niedrig']);
export type Priority = z.infer<typeof Priority>;

/**
 * Priority: `default`, raised to `hoch` when a triggering share (from a leaf on a share that fires
 * with `>`/`>=`) reaches `hoch.shareAtLeast`, or when at least `hoch.triggersAtLeast` of the
 * top-level alternatives of the trigger fire (the children of a root `anyOf`; otherwise the root counts as one).
 */
export const PriorityRule = z.strictObject({
  default: Priority,
  hoch: z
    .strictObject({
      shareAtLeast: z.number().min(0).max(1).optional(),
      triggersAtLeast: z.number().int().min(2).optional(),
    })
    .optional(),
});

const germanText = z.string().min(3);

export const Measure = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]+$/),
  type: z.enum(['specific', 'general']),
  field: germanText,
  title: germanText,
  description: germanText,
  trigger: Condition,
  targetGroups: z.array(germanText).min(1),
  actors: z.array(Actor).min(1),
  priority: PriorityRule,
  /** Beccaria: indicator, target and the steps it serves. */
  evaluation: germanText.regex(/Beccaria/, 'evaluation must name the Beccaria step(s)'),
  /** Ids into the catalogue's `support` dictionary. */
  support: z.array(z.string()).min(1),
});
export type Measure = z.infer<typeof Measure>;

export const Catalogue = z.strictObject({
  version: z.string(),
  /** Support offers by id, German text as printed. */
  support: z.record(z.string(), germanText),
  measures: z.array(Measure).min(1),
});
export type Catalogue = z.infer<typeof Catalogue>;
