/**
 * Erasure of raw uploads (DSGVO Art. 17; docs/deploy.md, "Retention and erasure"): LPR staff or
 * the municipality itself delete every upload set of an analysis — every file, on AWS every object
 * version — while the published report versions stay. Each erasure leaves an audit record: who (a
 * role, and the AGS of a municipality; never a person), what (the analysis, the number of files)
 * and when.
 */
import { analysisPrefix } from '../../app/upload-event.js';
import { existingAnalysis } from '../analysis-ref.js';
import type { ApiApp, RouteContext } from '../app.js';
import { fail } from '../errors.js';
import type { AuditEntry } from '../ports.js';

export const ERASURE_MESSAGES = {
  running:
    'Für diese Analyse läuft gerade eine Auswertung. Die hochgeladenen Dateien können erst danach gelöscht werden.',
  done: 'Die hochgeladenen Dateien wurden endgültig gelöscht. Die veröffentlichten Berichtsversionen bleiben erhalten; neu erstellt werden können sie erst nach einem neuen Upload.',
} as const;

const IN_PROGRESS = new Set(['received', 'validating', 'analysing', 'rendering']);

export function registerErasureRoutes(app: ApiApp, ctx: RouteContext): void {
  const { deps } = ctx;

  app.delete('/analyses/:ags/:id/uploads', async (c) => {
    const ref = await existingAnalysis(c, ctx);
    if (ref instanceof Response) return ref;
    if ((await deps.jobs.listJobs(ref)).some((j) => IN_PROGRESS.has(j.status)))
      return fail(c, 409, 'conflict', ERASURE_MESSAGES.running);
    const principal = c.get('principal');
    const prefix = analysisPrefix(ref);
    const files = (await deps.uploads.listDetailed(prefix)).length;
    const now = ctx.now();
    const entry: AuditEntry = {
      auditId: ctx.newId(),
      action: 'uploads.erased',
      ags: ref.ags,
      analysisId: ref.analysisId,
      actor: principal.kind,
      ...(principal.kind === 'municipality' && { actorAgs: principal.ags }),
      at: now.toISOString(),
      files,
    };
    // recorded first: an erasure is never without its record (a repeated request records again)
    await deps.audit.record(entry);
    await deps.uploads.eraseAll(prefix);
    await deps.jobs.clearOpenSet(ref, now);
    return c.json({ erased: files, auditId: entry.auditId, hinweis: ERASURE_MESSAGES.done });
  });
}
