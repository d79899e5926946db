/**
 * Survey waves (issue 16): the measures implemented from an analysis's report, with their date, and the
 * predecessor of an analysis chosen in the portal. The municipality (its own AGS) and LPR staff may
 * record both; every route runs the tenant check first.
 *
 * - `GET    /analyses/{ags}/{id}/measures`                        the recorded measures, the predecessor and the report's recommendations
 * - `PUT    /analyses/{ags}/{id}/measures/{recommendationId}`     record (or correct) a measure as implemented
 * - `DELETE /analyses/{ags}/{id}/measures/{recommendationId}`     remove the record
 * - `PUT    /analyses/{ags}/{id}/predecessor`                     choose the predecessor (null removes the choice)
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { readCurrentAnalysis } from '../../app/predecessor.js';
import type { AnalysisRef, MeasureRecord, WaveStore } from '../../core/ports.js';
import { readPublished } from '../../core/waves/index.js';
import { readBody, refuseTenant, type ApiApp, type ApiEnv, type RouteContext } from '../app.js';
import { fail, MESSAGES } from '../errors.js';
import { agsSchema, analysisIdSchema } from '../schemas.js';

export const recommendationIdSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{0,63}$/,
    'Die Empfehlungs-ID besteht aus Kleinbuchstaben, Ziffern und Bindestrichen.',
  );

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Datum im Format JJJJ-MM-TT angeben, z. B. 2027-06-30.')
  .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'Dieses Datum gibt es nicht.');

export const measureBody = z
  .object({
    implementedOn: isoDate,
    areas: z.array(z.string().min(1).max(64)).max(60).optional(),
    note: z.string().trim().max(500, 'Die Beschreibung ist zu lang (höchstens 500 Zeichen).').optional(),
  })
  .strict();

export const predecessorBody = z.object({ predecessor: analysisIdSchema.nullable() }).strict();

const NOT_CONFIGURED = 'Maßnahmen und Vorgänger sind in dieser Installation nicht eingerichtet.';

function refOf(c: Context<ApiEnv>): AnalysisRef | Response {
  const ags = c.req.param('ags') ?? '';
  const refused = refuseTenant(c, ags);
  if (refused) return refused;
  const id = analysisIdSchema.safeParse(c.req.param('id'));
  if (!id.success || !agsSchema.safeParse(ags).success)
    return fail(c, 404, 'not-found', MESSAGES.analysisNotFound(ags, c.req.param('id') ?? ''));
  return { ags, analysisId: id.data };
}

async function exists(ctx: RouteContext, ref: AnalysisRef): Promise<boolean> {
  return (
    (await ctx.deps.jobs.getAnalysis(ref)) !== undefined || (await ctx.deps.jobs.listJobs(ref)).length > 0
  );
}

/** The recommendations and areas of the analysis's current report, or undefined without one. */
async function reportContent(
  ctx: RouteContext,
  ref: AnalysisRef,
): Promise<
  | {
      recommendations: { id: string; title: string; areas: string[] }[];
      areas: { id: string; name: string }[];
    }
  | undefined
> {
  const current = await readCurrentAnalysis(ctx.deps, ref);
  if (current.status !== 'found') return undefined;
  const read = readPublished(current.json);
  if (!read.ok) return undefined;
  return {
    recommendations: read.value.recommendations.map((r) => ({
      id: r.id,
      title: r.title,
      areas: [...r.areas],
    })),
    areas: read.value.meta.gebiete,
  };
}

const view = (m: MeasureRecord) => ({ ...m, areas: [...m.areas] });

export function registerMeasureRoutes(app: ApiApp, ctx: RouteContext): void {
  const store = (c: Context<ApiEnv>): WaveStore | Response =>
    ctx.deps.waves ?? fail(c, 501, 'internal', NOT_CONFIGURED);

  app.get('/analyses/:ags/:id/measures', async (c) => {
    const ref = refOf(c);
    if (ref instanceof Response) return ref;
    const waves = store(c);
    if (waves instanceof Response) return waves;
    if (!(await exists(ctx, ref)))
      return fail(c, 404, 'not-found', MESSAGES.analysisNotFound(ref.ags, ref.analysisId));
    const [measures, predecessor, report] = await Promise.all([
      waves.listMeasures(ref),
      waves.getPredecessor(ref),
      reportContent(ctx, ref),
    ]);
    return c.json({
      ags: ref.ags,
      analysisId: ref.analysisId,
      predecessor: predecessor ?? null,
      measures: measures.map(view),
      recommendations: report?.recommendations ?? null,
      areas: report?.areas ?? null,
    });
  });

  app.put('/analyses/:ags/:id/measures/:recommendationId', async (c) => {
    const ref = refOf(c);
    if (ref instanceof Response) return ref;
    const waves = store(c);
    if (waves instanceof Response) return waves;
    const rec = recommendationIdSchema.safeParse(c.req.param('recommendationId'));
    if (!rec.success)
      return fail(c, 400, 'invalid-request', rec.error.issues[0]?.message ?? MESSAGES.invalidRequest);
    const body = await readBody(c, measureBody);
    if ('response' in body) return body.response;
    if (!(await exists(ctx, ref)))
      return fail(c, 404, 'not-found', MESSAGES.analysisNotFound(ref.ags, ref.analysisId));
    const now = ctx.now();
    if (body.data.implementedOn > now.toISOString().slice(0, 10))
      return fail(c, 400, 'invalid-request', 'Das Datum der Umsetzung liegt in der Zukunft.');
    const report = await reportContent(ctx, ref);
    if (!report)
      return fail(
        c,
        409,
        'conflict',
        'Maßnahmen lassen sich erst erfassen, wenn ein Bericht dieser Analyse vorliegt.',
      );
    const recommendation = report.recommendations.find((r) => r.id === rec.data);
    if (!recommendation)
      return fail(
        c,
        422,
        'unprocessable',
        `Die Empfehlung „${rec.data}“ steht nicht im aktuellen Bericht dieser Analyse.`,
      );
    const unknown = (body.data.areas ?? []).filter((a) => !report.areas.some((g) => g.id === a));
    if (unknown.length)
      return fail(
        c,
        422,
        'unprocessable',
        `Unbekanntes Gebiet: ${unknown.join(', ')} (erlaubt: die Kennungen der Gebiete des Berichts).`,
      );
    const principal = c.get('principal');
    const measure: MeasureRecord = {
      recommendationId: rec.data,
      implementedOn: body.data.implementedOn,
      areas: body.data.areas ?? [],
      note: body.data.note || null,
      recordedBy: principal.kind === 'lpr' ? 'lpr' : 'municipality',
      recordedAt: now.toISOString(),
    };
    await waves.putMeasure(ref, measure);
    return c.json(view(measure));
  });

  app.delete('/analyses/:ags/:id/measures/:recommendationId', async (c) => {
    const ref = refOf(c);
    if (ref instanceof Response) return ref;
    const waves = store(c);
    if (waves instanceof Response) return waves;
    const rec = recommendationIdSchema.safeParse(c.req.param('recommendationId'));
    if (!rec.success || !(await waves.deleteMeasure(ref, rec.data)))
      return fail(
        c,
        404,
        'not-found',
        `Für „${c.req.param('recommendationId') ?? ''}“ ist keine Maßnahme erfasst.`,
      );
    return c.body(null, 204);
  });

  app.put('/analyses/:ags/:id/predecessor', async (c) => {
    const ref = refOf(c);
    if (ref instanceof Response) return ref;
    const waves = store(c);
    if (waves instanceof Response) return waves;
    const body = await readBody(c, predecessorBody);
    if ('response' in body) return body.response;
    if (!(await exists(ctx, ref)))
      return fail(c, 404, 'not-found', MESSAGES.analysisNotFound(ref.ags, ref.analysisId));
    const predecessor = body.data.predecessor;
    if (predecessor === ref.analysisId)
      return fail(c, 400, 'invalid-request', 'Eine Analyse kann nicht ihr eigener Vorgänger sein.');
    if (predecessor !== null && !(await exists(ctx, { ags: ref.ags, analysisId: predecessor })))
      return fail(c, 404, 'not-found', MESSAGES.analysisNotFound(ref.ags, predecessor));
    await waves.setPredecessor(ref, predecessor, ctx.now());
    return c.json({
      ags: ref.ags,
      analysisId: ref.analysisId,
      predecessor,
      hinweis:
        'Der Vorgänger gilt für den nächsten Bericht dieser Analyse (neuer Upload oder Neuerstellung), wenn analyse.json keinen anderen nennt.',
    });
  });
}
