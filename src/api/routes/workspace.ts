/**
 * What the portal's workspace needs beyond the analysis routes (issue 14):
 *
 * - `GET /workspace/analyses[?ags=…][&archived=only]`: every analysis the caller may see with the
 *   municipality's name and Kreis, title, status, versions, last upload and open problems (archived
 *   ones only with `archived=only`);
 * - `GET /workspace/analyses/{ags}/{id}`: one of them, plus the version pairs a comparison can show;
 * - `PATCH /analyses/{ags}/{id}` `{ title?, archived? }`: rename (null or "" clears) and archive;
 *
 * Same tenant rule as everywhere (refuseTenant): a municipality names only its own AGS.
 */
import { z } from 'zod';
import { mapPool } from '../../app/webhooks/pool.js';
import type { AnalysisOverview, AnalysisRef } from '../../core/ports.js';
import { readBody, refuseTenant, type ApiApp, type RouteContext } from '../app.js';
import { fail, MESSAGES } from '../errors.js';
import { refOrRefusal } from '../analysis-ref.js';
import {
  checkedJob,
  entryOf,
  problemCounts,
  type AnalysisEntry,
  type ProblemCounts,
} from '../workspace-view.js';

/** Validation reports read at once when listing. */
const READ_CONCURRENCY = 8;
/** Counts of validation reports kept in memory (a job's report never changes once written). */
const COUNTS_CACHED = 5000;

export const TITLE_MAX = 100;

const titleSchema = z
  .string()
  .trim()
  .max(TITLE_MAX, `Der Titel ist zu lang (höchstens ${TITLE_MAX} Zeichen).`)
  .regex(/^[^\u0000-\u001F\u007F-\u009F]*$/, 'Der Titel darf keine Steuerzeichen enthalten.');

export const patchAnalysisBody = z
  .object({
    title: titleSchema.nullable().optional(),
    archived: z.boolean({ error: 'archived ist true oder false.' }).optional(),
  })
  .strict()
  .refine((b) => b.title !== undefined || b.archived !== undefined, {
    message: 'Bitte title oder archived angeben.',
  });

export const archivedQuery = z.enum(['only', 'include', 'exclude'], {
  error: 'archived: only, include oder exclude.',
});

export function registerWorkspaceRoutes(app: ApiApp, ctx: RouteContext): void {
  const { deps } = ctx;

  const counts = new Map<string, ProblemCounts>();
  /** The counts of a job's validation report (read once, then from memory). */
  const countsOf = async (prefix: string): Promise<ProblemCounts | null> => {
    const known = counts.get(prefix);
    if (known) return known;
    const found = problemCounts(await deps.reports.get(`${prefix}validation.json`));
    if (found) {
      if (counts.size >= COUNTS_CACHED) counts.delete(counts.keys().next().value ?? '');
      counts.set(prefix, found);
    }
    return found;
  };

  /** Entries with the counts of each analysis's latest check. */
  const entries = (list: readonly AnalysisOverview[]): Promise<AnalysisEntry[]> =>
    mapPool(list, READ_CONCURRENCY, async (o) => {
      const job = checkedJob(o.jobs);
      return entryOf(deps, o, job?.outputPrefix ? await countsOf(job.outputPrefix) : null);
    });

  /** One analysis as an overview (three queries instead of a scan), or undefined if unknown. */
  const overviewOf = async (ref: AnalysisRef): Promise<AnalysisOverview | undefined> => {
    const [analysis, jobs, versions] = await Promise.all([
      deps.jobs.getAnalysis(ref),
      deps.jobs.listJobs(ref),
      deps.jobs.listVersions(ref),
    ]);
    if (!analysis && jobs.length === 0) return undefined;
    return {
      analysis: analysis ?? {
        ...ref,
        versionCounter: 0,
        updatedAt: jobs.reduce((max, j) => (j.updatedAt > max ? j.updatedAt : max), ''),
      },
      jobs,
      versions,
    };
  };

  /** The entry with the comparisons: each version that has a change summary, with the version before it. */
  const detail = async (o: AnalysisOverview) => {
    const [entry] = await entries([o]);
    const withChanges = await Promise.all(
      o.versions.map(async (v) => (await deps.reports.list(`${v.prefix}changes.json`)).length > 0),
    );
    const comparisons = o.versions.flatMap((v, i) => {
      const before = o.versions[i - 1];
      return before && withChanges[i] ? [{ from: before.version, to: v.version }] : [];
    });
    return { ...entry, comparisons };
  };

  app.get('/workspace/analyses', async (c) => {
    const principal = c.get('principal');
    const requested = c.req.query('ags');
    if (requested !== undefined) {
      const refused = refuseTenant(c, requested);
      if (refused) return refused;
    }
    const archived = archivedQuery.safeParse(c.req.query('archived') ?? 'exclude');
    if (!archived.success)
      return fail(c, 400, 'invalid-request', archived.error.issues[0]?.message ?? MESSAGES.invalidRequest);
    const ags = requested ?? (principal.kind === 'municipality' ? principal.ags : undefined);
    const all = await deps.jobs.listOverview(ags !== undefined ? { ags } : {});
    const wanted = all.filter((o) =>
      archived.data === 'include' ? true : (o.analysis.archived === true) === (archived.data === 'only'),
    );
    return c.json({ analyses: await entries(wanted) });
  });

  app.get('/workspace/analyses/:ags/:id', async (c) => {
    const ref = refOrRefusal(c);
    if (ref instanceof Response) return ref;
    const o = await overviewOf(ref);
    if (!o) return fail(c, 404, 'not-found', MESSAGES.analysisNotFound(ref.ags, ref.analysisId));
    return c.json(await detail(o));
  });

  app.patch('/analyses/:ags/:id', async (c) => {
    const ref = refOrRefusal(c);
    if (ref instanceof Response) return ref;
    const body = await readBody(c, patchAnalysisBody);
    if ('response' in body) return body.response;
    if (!(await overviewOf(ref)))
      return fail(c, 404, 'not-found', MESSAGES.analysisNotFound(ref.ags, ref.analysisId));
    const { title, archived } = body.data;
    await deps.jobs.updateAnalysis(
      ref,
      {
        ...(title !== undefined && { title: title === null || title === '' ? null : title }),
        ...(archived !== undefined && { archived }),
      },
      ctx.now(),
    );
    const o = await overviewOf(ref);
    if (!o) return fail(c, 404, 'not-found', MESSAGES.analysisNotFound(ref.ags, ref.analysisId));
    return c.json(await detail(o));
  });
}
