/**
 * The state overview ("Landesüberblick", issue 16): every municipality's latest analysis side by side on
 * the core indicators, with Saxon reference values (median and quartiles over municipalities, only where
 * at least five contribute), the recommendations by frequency and the survey waves. Built from published
 * analysis.json files only; every municipal figure in it is one its own analysis.json publishes.
 */
import { z } from 'zod';

export const OVERVIEW_SCHEMA_VERSION = '1.0.0';

/** At least this many municipalities must contribute before a reference value is shown. */
export const MIN_CONTRIBUTORS = 5;

export const IndicatorKind = z.enum(['share', 'rate', 'ratio']);

/** An indicator of the overview, e.g. `survey:sg_wohngegend_nacht`, `victim:einbruch`, `crime:hz`. */
export const IndicatorDef = z.object({
  id: z.string(),
  label: z.string(),
  kind: IndicatorKind,
  /** Group in the overview: Sicherheitsgefühl, Incivilities, Opfererfahrung, Kriminalstatistik. */
  group: z.enum(['sicherheit', 'incivility', 'opfer', 'pks']),
});
export type IndicatorDef = z.infer<typeof IndicatorDef>;

export const Reference = z.object({
  indicator: z.string(),
  /** Municipalities whose value enters (published, not of limited reliability). */
  contributors: z.number().int().nonnegative(),
  /** Quartiles as Excel QUARTILE.INC / R type 7; null below MIN_CONTRIBUTORS. */
  q1: z.number().nullable(),
  median: z.number().nullable(),
  q3: z.number().nullable(),
});
export type Reference = z.infer<typeof Reference>;

/** Where a value lies against the reference values (higher = more unfavourable for every indicator). */
export const Position = z.enum(['unteres-viertel', 'unter-median', 'ueber-median', 'oberes-viertel']);
export type Position = z.infer<typeof Position>;

export const Value = z.object({
  indicator: z.string(),
  value: z.number(),
  ci95: z.tuple([z.number(), z.number()]).nullable(),
  /** Of limited reliability (n < 30): printed in parentheses, not part of the reference values. */
  limited: z.boolean(),
  /** null where no reference value is shown (fewer than five contributors). */
  position: Position.nullable(),
});
export type Value = z.infer<typeof Value>;

export const WaveEntry = z.object({
  analysisId: z.string().nullable(),
  berichtsjahr: z.number().int(),
  surveyYear: z.number().int().nullable(),
});

export const MunicipalityRow = z.object({
  ags: z.string(),
  name: z.string(),
  kreis: z.object({ key: z.string(), name: z.string().nullable() }),
  analysisId: z.string().nullable(),
  titel: z.string(),
  berichtsjahr: z.number().int(),
  surveyYear: z.number().int().nullable(),
  respondents: z.number().int().nonnegative(),
  values: z.array(Value),
  /** The three incivilities with the highest published share. */
  topIncivilities: z.array(
    z.object({ item: z.string(), label: z.string(), share: z.number(), limited: z.boolean() }),
  ),
  /** Häufigkeitszahl (Straftaten insgesamt) of the latest year and its Kreis and Land values. */
  crime: z.object({
    year: z.number().int().nullable(),
    rate: z.number().nullable(),
    kreisRate: z.number().nullable(),
    landRate: z.number().nullable(),
  }),
  recommendations: z.array(z.object({ id: z.string(), title: z.string() })),
  /** All analyses of the municipality, oldest first. */
  waves: z.array(WaveEntry),
  /** The latest analysis's comparison with its predecessor, where it has one. */
  development: z
    .object({
      beforeYear: z.number().int().nullable(),
      beforeBerichtsjahr: z.number().int(),
      compared: z.number().int(),
      improved: z.number().int(),
      worsened: z.number().int(),
      /** Change of the standard indicator (all respondents), where compared. */
      safetyNight: z.object({ difference: z.number(), significant: z.boolean() }).nullable(),
    })
    .nullable(),
});
export type MunicipalityRow = z.infer<typeof MunicipalityRow>;

export const RecommendationCount = z.object({
  id: z.string(),
  title: z.string(),
  count: z.number().int().positive(),
  /** Share of the municipalities in the overview. */
  share: z.number().min(0).max(1),
});

export const Overview = z.object({
  schemaVersion: z.string(),
  generatedAt: z.string(),
  municipalities: z.number().int().nonnegative(),
  indicators: z.array(IndicatorDef),
  references: z.array(Reference),
  rows: z.array(MunicipalityRow),
  recommendations: z.array(RecommendationCount),
  /** Analyses that could not be read (German), by source. */
  skipped: z.array(z.object({ source: z.string(), reason: z.string() })),
});
export type Overview = z.infer<typeof Overview>;

/** What a municipality's token sees: its own values and positions and the reference values, nothing else. */
export const OwnPosition = z.object({
  schemaVersion: z.string(),
  generatedAt: z.string(),
  municipalities: z.number().int().nonnegative(),
  indicators: z.array(IndicatorDef),
  references: z.array(Reference),
  own: MunicipalityRow.nullable(),
});
export type OwnPosition = z.infer<typeof OwnPosition>;
