/**
 * A lenient reader of a published analysis.json: only the fields the wave comparison and the state
 * overview need, so that an analysis.json of an older or newer engine still reads as long as these
 * fields keep their meaning. Unknown fields are ignored; a cell that says `suppressed: true` is hidden,
 * whatever else it carries.
 */
import { z } from 'zod';
import { err, ok, type Result } from '../result.js';
import { Wave } from './schema.js';

const num = z.number().refine(Number.isFinite);
const interval = z.tuple([num, num]);

/** A published cell: the unfavourable share with interval, n and n_eff. */
const ShownCell = z.object({
  n: num,
  negativeShareWeighted: num,
  ci95: interval,
  effectiveN: num,
  limited: z.boolean().optional(),
});
export type ShownCell = z.infer<typeof ShownCell>;

/** A hidden cell carries no value we may use (not even its n). */
export interface HiddenCell {
  readonly hidden: true;
}
export type PublishedCell = (ShownCell & { readonly hidden?: false }) | HiddenCell;

const Cell = z.unknown().transform((raw, ctx): PublishedCell => {
  if (typeof raw === 'object' && raw !== null && (raw as { suppressed?: unknown }).suppressed === true)
    return { hidden: true };
  const shown = ShownCell.safeParse(raw);
  if (!shown.success) {
    ctx.addIssue({ code: 'custom', message: 'weder ausgewiesener noch verdeckter Wert' });
    return z.NEVER;
  }
  return shown.data;
});

const Item = z.object({
  code: z.string(),
  label: z.string(),
  question: z.string().optional(),
  scale: z.string().optional(),
  negativeLabel: z.string().default(''),
  total: Cell,
  byArea: z.record(z.string(), Cell).default({}),
});
export type PublishedItem = z.infer<typeof Item>;

const Figure = z.object({ cases: num, rate: num.nullable().optional() });

const ShareFigure = z.object({
  item: z.string(),
  label: z.string(),
  negativeShareWeighted: num.nullable(),
  suppressed: z.boolean(),
  limited: z.boolean().optional(),
});
export type PublishedShareFigure = z.infer<typeof ShareFigure>;

const Recommendation = z.object({
  id: z.string(),
  title: z.string(),
  field: z.string().default(''),
  type: z.string().default('specific'),
  areas: z.array(z.string()).default([]),
  triggers: z.array(z.object({ id: z.string() })).default([]),
  evaluation: z.string().default(''),
  priority: z.string().optional(),
});
export type PublishedRecommendation = z.infer<typeof Recommendation>;

export const PublishedAnalysis = z.object({
  schemaVersion: z.string().optional(),
  meta: z.object({
    kommune: z.object({ name: z.string(), ags: z.string() }),
    titel: z.string(),
    berichtsjahr: z.number().int(),
    gebiete: z.array(z.object({ id: z.string(), name: z.string() })),
    mindestfallzahl: z.number().optional(),
    engineVersion: z.string().optional(),
  }),
  survey: z.object({
    respondents: z.number().int(),
    items: z.record(z.string(), Item),
    incivilityRanking: z.array(ShareFigure).default([]),
    victimisation: z
      .array(z.object({ delikt: z.string(), label: z.string(), prevalence: ShareFigure }))
      .default([]),
  }),
  crime: z.object({
    years: z.array(z.number().int()),
    keys: z.array(z.object({ key: z.string(), label: z.string() })).default([]),
    byYear: z.record(
      z.string(),
      z.object({
        population: num.nullable().optional(),
        total: Figure,
        byKey: z.record(z.string(), Figure).default({}),
      }),
    ),
    byArea: z
      .record(
        z.string(),
        z.object({
          population: num.nullable().optional(),
          byYear: z.record(z.string(), Figure).default({}),
        }),
      )
      .default({}),
    regional: z
      .object({
        year: z.number().int(),
        kreis: z.object({ key: z.string(), name: z.string() }),
        land: z.object({ key: z.string(), name: z.string() }),
        rows: z.array(
          z.object({
            key: z.string(),
            municipalityRate: num.nullable(),
            kreisRate: num.nullable(),
            landRate: num.nullable(),
          }),
        ),
      })
      .nullable()
      .optional(),
  }),
  profile: z
    .object({
      population: z.object({
        total: num,
        byArea: z.array(z.object({ areaId: z.string(), population: num })).default([]),
      }),
    })
    .optional(),
  recommendations: z.array(Recommendation).default([]),
  wave: Wave.optional(),
  /** The wave comparison, where the analysis has one (only its headline is read). */
  development: z
    .object({
      before: z.object({
        analysisId: z.string().nullable(),
        berichtsjahr: z.number().int(),
        surveyYear: z.number().int().nullable(),
      }),
      items: z.array(
        z.object({
          code: z.string(),
          total: z.object({
            status: z.string(),
            difference: z.number().optional(),
            significant: z.boolean().optional(),
          }),
        }),
      ),
      summary: z.object({
        compared: z.number(),
        significant: z.number(),
        improved: z.number(),
        worsened: z.number(),
      }),
    })
    .optional(),
});
export type PublishedAnalysis = z.infer<typeof PublishedAnalysis>;

/** Reads an analysis.json (parsed JSON); a German reason when the fields needed are missing. */
export function readPublished(json: unknown): Result<PublishedAnalysis, string> {
  const parsed = PublishedAnalysis.safeParse(json);
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.map(String).join('.') : '(Wurzel)';
  return err(
    `Die analysis.json hat nicht den erwarteten Aufbau (Feld „${where}“: ${issue?.message ?? 'ungültig'}).`,
  );
}

export const isHidden = (c: PublishedCell | undefined): c is HiddenCell =>
  c !== undefined && 'hidden' in c && c.hidden === true;
