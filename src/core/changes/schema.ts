/**
 * The shape of `changes.json`: what moved between two report versions of the same analysis.
 * Defined once with zod, like analysis.json; the TypeScript types are derived from it.
 *
 * Every value in it is one already published in one of the two analysis.json files (figures, labels,
 * ids, warning messages), or a difference of two such values. Nothing refers to a respondent.
 *
 * Conventions as in analysis.json: shares are fractions (0.023 = 2,3 Prozentpunkte when it is a
 * difference of shares), rates are Häufigkeitszahlen, `relative` is a fraction (0.05 = +5 %).
 * Every list keeps all changes above the thresholds, sorted by magnitude (largest first, ties by id);
 * `shown` marks the entries the report chapter prints (the first `top[kind]` of each list).
 */
import { z } from 'zod';
import { Development } from '../waves/schema.js';

export const CHANGES_SCHEMA_VERSION = '1.0.0';

/** One figure in both versions. `null` where the version has no value (e.g. HZ without population). */
export const Delta = z.object({
  from: z.number().nullable(),
  to: z.number().nullable(),
  /** to − from; null when either side is null. */
  delta: z.number().nullable(),
  /** (to − from) / |from|; null when either side is null or from is 0. */
  relative: z.number().nullable(),
});
export type Delta = z.infer<typeof Delta>;

const FromTo = z.object({ from: z.string().nullable(), to: z.string().nullable() });

export const CrimeMeasure = z.enum(['cases', 'rate', 'clearanceRate']);
export type CrimeMeasure = z.infer<typeof CrimeMeasure>;

/** One PKS figure (key × area × year) whose case count, HZ or AQ moved. */
export const CrimeChange = z.object({
  /** `crime:<key>:<areaId|gesamt>:<year>` */
  id: z.string(),
  key: z.string(),
  label: z.string(),
  /** null: the whole municipality. */
  areaId: z.string().nullable(),
  areaName: z.string().nullable(),
  year: z.number().int(),
  cases: Delta,
  rate: Delta,
  clearanceRate: Delta,
  /** Measures above their threshold (cases: any change; HZ: ≥ 1 %; AQ: ≥ 1 percentage point). */
  changed: z.array(CrimeMeasure).min(1),
  /** Sort key: the largest of |relative change| of cases and HZ and |change| of AQ (a share). */
  magnitude: z.number().nonnegative(),
  shown: z.boolean(),
});
export type CrimeChange = z.infer<typeof CrimeChange>;

export const GroupKind = z.enum(['total', 'area', 'sex', 'ageGroup']);
export type GroupKind = z.infer<typeof GroupKind>;

export const GroupRef = z.object({
  kind: GroupKind,
  /** Area id, sex code or age group; null for the total. */
  key: z.string().nullable(),
  /** As published in analysis.json (area name, sample label); "insgesamt" for the total. */
  label: z.string(),
});
export type GroupRef = z.infer<typeof GroupRef>;

export const SurveyMeasure = z.enum(['share', 'n']);
export type SurveyMeasure = z.infer<typeof SurveyMeasure>;

/** One item × group whose weighted unfavourable share (≥ 1 percentage point) or number of valid answers moved. */
export const SurveyChange = z.object({
  /** `survey:<item>:<kind>:<key|gesamt>` */
  id: z.string(),
  item: z.string(),
  label: z.string(),
  negativeLabel: z.string(),
  group: GroupRef,
  /** Weighted unfavourable share (negativeShareWeighted). */
  share: Delta,
  /** Valid answers. */
  n: Delta,
  changed: z.array(SurveyMeasure).min(1),
  /** |change of the weighted share| (a fraction of 1). */
  magnitude: z.number().nonnegative(),
  shown: z.boolean(),
});
export type SurveyChange = z.infer<typeof SurveyChange>;

export const Visibility = z.enum(['visible', 'primary', 'secondary', 'total']);
export type Visibility = z.infer<typeof Visibility>;

/** An item × group hidden now and shown before (or the reverse): `primary` below mindestfallzahl, `secondary` against recomputation, `total` because the item's total is below mindestfallzahl. */
export const SuppressionChange = z.object({
  /** `suppression:<item>:<kind>:<key>` */
  id: z.string(),
  item: z.string(),
  label: z.string(),
  group: GroupRef,
  from: Visibility,
  to: Visibility,
  /** `hidden`: now suppressed; `visible`: now shown; `reason`: suppressed in both, for another reason. */
  direction: z.enum(['hidden', 'visible', 'reason']),
  shown: z.boolean(),
});
export type SuppressionChange = z.infer<typeof SuppressionChange>;

const Priority = z.enum(['hoch', 'mittel', 'niedrig']);

export const RecommendationChange = z.object({
  id: z.string(),
  title: z.string(),
  field: z.string(),
  change: z.enum(['added', 'dropped', 'priority']),
  priorityFrom: Priority.nullable(),
  priorityTo: Priority.nullable(),
  shown: z.boolean(),
});
export type RecommendationChange = z.infer<typeof RecommendationChange>;

const Severity = z.enum(['hinweis', 'auffaellig', 'kritisch']);

export const KeyFindingChange = z.object({
  id: z.string(),
  change: z.enum(['added', 'dropped', 'changed']),
  textFrom: z.string().nullable(),
  textTo: z.string().nullable(),
  severityFrom: Severity.nullable(),
  severityTo: Severity.nullable(),
  shown: z.boolean(),
});
export type KeyFindingChange = z.infer<typeof KeyFindingChange>;

export const WarningChange = z.object({
  change: z.enum(['added', 'resolved']),
  code: z.string(),
  file: z.string(),
  row: z.number().optional(),
  column: z.string().optional(),
  message: z.string(),
  shown: z.boolean(),
});
export type WarningChange = z.infer<typeof WarningChange>;

/** A headline figure or setting of the analysis (Befragte, Rücklaufquote, Mindestfallzahl …). */
export const OverviewChange = z.object({
  field: z.enum([
    'respondents',
    'responseRate',
    'mindestfallzahl',
    'limitedBelow',
    'berichtsjahr',
    'population',
  ]),
  label: z.string(),
  value: Delta,
});
export type OverviewChange = z.infer<typeof OverviewChange>;

const AddedRemoved = z.object({ added: z.array(z.string()), removed: z.array(z.string()) });

export const ChangeKind = z.enum([
  'crime',
  'survey',
  'suppression',
  'recommendations',
  'keyFindings',
  'warnings',
]);
export type ChangeKind = z.infer<typeof ChangeKind>;

export const ChangeSummary = z.object({
  schemaVersion: z.string(),
  fromVersion: z.number().int().positive(),
  toVersion: z.number().int().positive(),
  /** Uploaded files by name; null when the previous version's input hashes are unknown. */
  inputs: z
    .object({
      /** Same name, different content: the corrected files. */
      changed: z.array(z.string()),
      added: z.array(z.string()),
      removed: z.array(z.string()),
      unchanged: z.array(z.string()),
    })
    .nullable(),
  /** Versions of engine, templates and analysis.json schema (template null where unknown). */
  versions: z.object({
    engine: FromTo.extend({ changed: z.boolean() }),
    template: FromTo.extend({ changed: z.boolean() }),
    schema: FromTo.extend({ changed: z.boolean() }),
  }),
  /** Structure: PKS years, PKS keys, areas and survey items present in only one version. */
  structure: z.object({
    crimeYears: AddedRemoved,
    crimeKeys: AddedRemoved,
    areas: AddedRemoved,
    items: AddedRemoved,
  }),
  overview: z.array(OverviewChange),
  crime: z.array(CrimeChange),
  survey: z.array(SurveyChange),
  suppression: z.array(SuppressionChange),
  recommendations: z.array(RecommendationChange),
  keyFindings: z.array(KeyFindingChange),
  warnings: z.array(WarningChange),
  /** The rules applied: share changes ≥ sharePoints (fraction), HZ ≥ rateRelative, counts on any change; top N per kind shown in the report. */
  thresholds: z.object({
    sharePoints: z.number(),
    rateRelative: z.number(),
    top: z.record(ChangeKind, z.number().int().nonnegative()),
  }),
  /** For a later survey wave: the comparison with the predecessor wave, as in analysis.json (issue 16). */
  development: Development.optional(),
});
export type ChangeSummary = z.infer<typeof ChangeSummary>;

/**
 * changes.json of the first version of a later survey wave: there is no earlier version to compare
 * with, only the predecessor wave (issue 16). From version 2 on, changes.json is a ChangeSummary that
 * carries the same `development`.
 */
export const WaveChanges = z.object({
  schemaVersion: z.string(),
  toVersion: z.number().int().positive(),
  development: Development,
});
export type WaveChanges = z.infer<typeof WaveChanges>;

/** The JSON Schema of changes.json. */
export function changesJsonSchema(): unknown {
  return z.toJSONSchema(ChangeSummary, { target: 'draft-2020-12' });
}
