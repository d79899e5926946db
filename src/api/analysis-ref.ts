/** The analysis a route's path names, after the tenant check (src/api/auth.ts). */
import type { Context } from 'hono';
import type { AnalysisRef } from '../core/ports.js';
import { refuseTenant, type ApiEnv, type RouteContext } from './app.js';
import { fail, MESSAGES } from './errors.js';
import { agsSchema, analysisIdSchema } from './schemas.js';

/** The path's analysis after the tenant check, or the response refusing it. */
export function refOrRefusal(c: Context<ApiEnv>): AnalysisRef | Response {
  const ags = c.req.param('ags') ?? '';
  const refused = refuseTenant(c, ags);
  if (refused) return refused;
  const id = analysisIdSchema.safeParse(c.req.param('id'));
  if (!id.success || !agsSchema.safeParse(ags).success)
    return fail(c, 404, 'not-found', MESSAGES.analysisNotFound(ags, c.req.param('id') ?? ''));
  return { ags, analysisId: id.data };
}

/** Like refOrRefusal, and the analysis must exist (created, or with a job). */
export async function existingAnalysis(
  c: Context<ApiEnv>,
  ctx: RouteContext,
): Promise<AnalysisRef | Response> {
  const ref = refOrRefusal(c);
  if (ref instanceof Response) return ref;
  if ((await ctx.deps.jobs.getAnalysis(ref)) || (await ctx.deps.jobs.listJobs(ref)).length > 0) return ref;
  return fail(c, 404, 'not-found', MESSAGES.analysisNotFound(ref.ags, ref.analysisId));
}
