/**
 * Regenerations (LPR staff only): one analysis (`POST /analyses/{ags}/{id}/regenerate`) or every
 * current analysis at once ("Alle neu erstellen": `POST /regenerations`, progress under
 * `GET /regenerations/{batchId}`). Each queues a regeneration message for the upload set of the
 * chosen version (src/api/regeneration-source.ts); the worker makes the next report version with
 * a change summary. How many reports are printed at once is bounded by the worker's concurrency
 * (SQS `maxConcurrency`; locally the queue's), not here.
 *
 * Exactly once: a regeneration's job id derives from its source upload and request id
 * (jobIdOf), so a repeated request (same `Idempotency-Key`) or a redelivered message makes no
 * second version. A batch reserves each version it regenerates (BatchStore.reserve), so no batch
 * regenerates the same version twice — not a second click, not a second batch while the first runs.
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { jobIdOf, type UploadEvent } from '../../app/upload-event.js';
import { mapPool } from '../../app/webhooks/pool.js';
import type { AnalysisRef, JobRecord, JobStatus } from '../../core/ports.js';
import { existingAnalysis } from '../analysis-ref.js';
import { readBody, type ApiApp, type ApiEnv, type RouteContext } from '../app.js';
import { fail, MESSAGES } from '../errors.js';
import type { RegenerationBatch, RegenerationItem } from '../ports.js';
import { regenerationSource, REGENERATION_MESSAGES } from '../regeneration-source.js';
import { regenerateBody, regenerationsBody, requestIdSchema } from '../schemas.js';

/** Parallel lookups and queue sends while a batch is set up. */
const BATCH_CONCURRENCY = 10;
/** A reservation whose job never appeared (its message was lost) is given up after this long. */
const STALE_RESERVATION_MS = 24 * 3_600_000;

export const BATCH_MESSAGES = {
  notFound: (id: string) => `Den Auftrag „${id.slice(0, 64)}“ zum Neuerstellen gibt es nicht.`,
  duplicate: 'Die Analyse ist im Auftrag mehrfach angegeben.',
  running: 'Diese Berichtsversion wird bereits neu erstellt.',
  unknown: 'Die Analyse wurde nicht gefunden.',
} as const;

/** The batch view's status words (German, as the portal and the CLI show them). */
export type BatchItemStatus = 'fertig' | 'ungueltig' | 'fehlgeschlagen' | 'laufend' | 'wartend';

export function batchStatusOf(job: JobRecord | undefined): BatchItemStatus {
  if (!job) return 'wartend';
  const map: Readonly<Record<JobStatus, BatchItemStatus>> = {
    ready: 'fertig',
    invalid: 'ungueltig',
    failed: 'fehlgeschlagen',
    received: 'laufend',
    validating: 'laufend',
    analysing: 'laufend',
    rendering: 'laufend',
  };
  return map[job.status];
}

/** The request id of a regeneration: the Idempotency-Key header, else a new id. */
function requestIdOf(c: Context<ApiEnv>, ctx: RouteContext): { id: string } | { response: Response } {
  const key = c.req.header('idempotency-key');
  if (key === undefined) return { id: ctx.newId() };
  const parsed = requestIdSchema.safeParse(key);
  if (!parsed.success)
    return {
      response: fail(c, 400, 'invalid-request', parsed.error.issues[0]?.message ?? MESSAGES.invalidRequest),
    };
  return { id: parsed.data };
}

/** A JSON body that may also be absent (no body = `{}`). */
async function optionalBody<S extends z.ZodType>(
  c: Context<ApiEnv>,
  schema: S,
): Promise<{ data: z.infer<S> } | { response: Response }> {
  if ((await c.req.text()).trim() === '') {
    const empty = schema.safeParse({});
    if (empty.success) return { data: empty.data };
  }
  return readBody(c, schema);
}

export function registerRegenerationRoutes(app: ApiApp, ctx: RouteContext): void {
  const { deps } = ctx;

  app.post('/analyses/:ags/:id/regenerate', async (c) => {
    const ref = await existingAnalysis(c, ctx);
    if (ref instanceof Response) return ref;
    if (c.get('principal').kind !== 'lpr') return fail(c, 403, 'forbidden', MESSAGES.lprOnly);
    const request = requestIdOf(c, ctx);
    if ('response' in request) return request.response;
    const body = await optionalBody(c, regenerateBody);
    if ('response' in body) return body.response;
    const found = await regenerationSource(deps, ref, body.data);
    if (!found.ok)
      return fail(c, found.status, found.status === 404 ? 'not-found' : 'conflict', found.message);
    const { source } = found;
    const event: UploadEvent = { ...source.event, regeneration: { requestId: request.id } };
    await deps.queue.enqueue(event);
    return c.json(
      {
        ags: ref.ags,
        analysisId: ref.analysisId,
        requestId: request.id,
        jobId: jobIdOf(event),
        sourceJobId: source.sourceJobId,
        ...(source.sourceVersion !== undefined && { sourceVersion: source.sourceVersion }),
        ...(source.uploadSetId !== undefined && { uploadSetId: source.uploadSetId }),
        hinweis: 'Die Neuerstellung wurde eingereiht; der Fortschritt steht unter GET /analyses/{ags}/{id}.',
      },
      202,
      { Location: `/analyses/${ref.ags}/${ref.analysisId}` },
    );
  });

  app.post('/regenerations', async (c) => {
    if (c.get('principal').kind !== 'lpr') return fail(c, 403, 'forbidden', MESSAGES.lprOnly);
    const request = requestIdOf(c, ctx);
    if ('response' in request) return request.response;
    const body = await optionalBody(c, regenerationsBody);
    if ('response' in body) return body.response;

    const batchId = request.id;
    const existing = await deps.batches.get(batchId);
    const batch = existing ?? (await planBatch(ctx, batchId, body.data.analyses));
    if (!existing && !(await deps.batches.create(batch))) {
      // a concurrent request with the same key created it first: answer with that one
      const winner = await deps.batches.get(batchId);
      if (winner) return c.json(batchAccepted(winner), 202);
    }
    // (re-)send every item: a repeated request completes what a crashed one started; job ids make duplicates harmless
    await mapPool(batch.items, BATCH_CONCURRENCY, (item) => deps.queue.enqueue(eventOf(item)));
    return c.json(batchAccepted(batch), 202, { Location: `/regenerations/${batchId}` });
  });

  app.get('/regenerations/:batchId', async (c) => {
    if (c.get('principal').kind !== 'lpr') return fail(c, 403, 'forbidden', MESSAGES.lprOnly);
    const batchId = requestIdSchema.safeParse(c.req.param('batchId'));
    const batch = batchId.success ? await deps.batches.get(batchId.data) : undefined;
    if (!batch) return fail(c, 404, 'not-found', BATCH_MESSAGES.notFound(c.req.param('batchId')));
    const jobs = await deps.jobs.getJobs(batch.items);
    const items = batch.items.map((item, i) => {
      const job = jobs[i];
      return {
        ags: item.ags,
        analysisId: item.analysisId,
        status: batchStatusOf(job),
        sourceVersion: item.sourceVersion,
        ...(job?.version !== undefined && { version: job.version }),
        ...(job?.reason !== undefined && job.status !== 'ready' && { reason: job.reason }),
      };
    });
    const counts = { fertig: 0, ungueltig: 0, fehlgeschlagen: 0, laufend: 0, wartend: 0 };
    for (const item of items) counts[item.status] += 1;
    c.header('Cache-Control', 'no-store');
    return c.json({
      batchId: batch.batchId,
      createdAt: batch.createdAt,
      total: batch.items.length,
      done: counts.fertig + counts.ungueltig + counts.fehlgeschlagen === batch.items.length,
      counts,
      items,
      skipped: batch.skipped,
    });
  });
}

function batchAccepted(batch: RegenerationBatch) {
  return {
    batchId: batch.batchId,
    total: batch.items.length,
    skipped: batch.skipped,
    hinweis: `Die Neuerstellung von ${batch.items.length} Berichten wurde eingereiht; der Fortschritt steht unter GET /regenerations/${batch.batchId}.`,
  };
}

/** The item's regeneration event: deterministic, so a repeated send makes the same job. */
function eventOf(item: RegenerationItem): UploadEvent {
  return { ...item.upload, regeneration: { requestId: item.requestId } };
}

/** Resolves each analysis's current version and reserves it; what cannot be regenerated is listed with its reason. */
async function planBatch(
  ctx: RouteContext,
  batchId: string,
  requested: readonly AnalysisRef[] | undefined,
): Promise<RegenerationBatch> {
  const { deps } = ctx;
  const now = ctx.now();
  const targets: readonly AnalysisRef[] =
    requested ?? (await deps.jobs.listAnalyses()).filter((a) => a.currentVersion !== undefined);
  const seen = new Set<string>();
  const numbered = targets.map((target, index) => ({
    ref: { ags: target.ags, analysisId: target.analysisId },
    index,
  }));
  const planned = await mapPool(
    numbered,
    BATCH_CONCURRENCY,
    async ({
      ref,
      index,
    }): Promise<{ item?: RegenerationItem; skip?: RegenerationBatch['skipped'][number] }> => {
      const key = `${ref.ags}/${ref.analysisId}`;
      if (seen.has(key)) return { skip: { ...ref, reason: BATCH_MESSAGES.duplicate } };
      seen.add(key);
      if (requested && !(await deps.jobs.getAnalysis(ref)) && (await deps.jobs.listJobs(ref)).length === 0)
        return { skip: { ...ref, reason: BATCH_MESSAGES.unknown } };
      const found = await regenerationSource(deps, ref);
      if (!found.ok) return { skip: { ...ref, reason: found.message } };
      const item = {
        ...ref,
        requestId: `${batchId}.${index}`,
        sourceVersion: found.source.sourceVersion ?? 0,
        upload: found.source.event,
      };
      const jobId = jobIdOf(eventOf({ ...item, jobId: '' }));
      if (!(await reserveVersion(ctx, ref, item.sourceVersion, jobId, now)))
        return { skip: { ...ref, reason: BATCH_MESSAGES.running } };
      return { item: { ...item, jobId } };
    },
  );
  return {
    batchId,
    createdAt: now.toISOString(),
    items: planned.flatMap((p) => (p.item ? [p.item] : [])),
    skipped: planned.flatMap((p) => (p.skip ? [p.skip] : [])),
  };
}

/** Takes the version for this batch unless another regeneration of it is queued or running. */
async function reserveVersion(
  ctx: RouteContext,
  ref: AnalysisRef,
  version: number,
  jobId: string,
  now: Date,
): Promise<boolean> {
  const { batches, jobs } = ctx.deps;
  if (await batches.reserve(ref, version, jobId, now)) return true;
  const holder = await batches.reservation(ref, version);
  if (!holder) return batches.reserve(ref, version, jobId, now);
  const job = await jobs.getJob({ ...ref, jobId: holder.jobId });
  // the holder is done without a new version (invalid, failed), or its message never arrived: free again
  const free =
    job !== undefined
      ? job.status === 'invalid' || job.status === 'failed'
      : now.getTime() - Date.parse(holder.at) > STALE_RESERVATION_MS;
  return free && batches.reserve(ref, version, jobId, now, holder.jobId);
}

export { REGENERATION_MESSAGES };
