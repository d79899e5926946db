/**
 * Analyses: create, upload URLs (into the open upload set), status, validation report, versions,
 * downloads and the listing. Every route with an AGS runs the tenant check first (refuseTenant).
 * Upload sets, regenerations and erasure have routes of their own (upload-sets.ts, regenerations.ts, erasure.ts).
 */
import { setPrefix } from '../../app/upload-event.js';
import type { AnalysisRef } from '../../core/ports.js';
import { fail, MESSAGES } from '../errors.js';
import { readBody, refuseTenant, type ApiApp, type RouteContext } from '../app.js';
import { existingAnalysis, refOrRefusal } from '../analysis-ref.js';
import { createAnalysisBody, downloadFileSchema, uploadUrlsBody, versionParamSchema } from '../schemas.js';
import { analysisView, jobView, versionView } from '../status.js';
import { checkUploadFile, DOWNLOAD_URL_SECONDS, MANIFEST_NAME, UPLOAD_URL_SECONDS } from '../uploads.js';
import { setForUpload } from '../upload-sets.js';
import { attachmentDisposition, downloadName } from '../download-name.js';
import { gemeindeName } from '../workspace-view.js';

export const UPLOAD_HINT =
  'Zuerst alle Datendateien hochladen, analyse.json zuletzt: erst das Hochladen von analyse.json startet die Auswertung.';

export function registerAnalysisRoutes(app: ApiApp, ctx: RouteContext): void {
  const { deps } = ctx;

  app.get('/analyses', async (c) => {
    const principal = c.get('principal');
    const requested = c.req.query('ags');
    if (requested !== undefined) {
      const refused = refuseTenant(c, requested);
      if (refused) return refused;
    }
    const ags = requested ?? (principal.kind === 'municipality' ? principal.ags : undefined);
    const analyses = await deps.jobs.listAnalyses(ags !== undefined ? { ags } : {});
    return c.json({ analyses: analyses.map(analysisView) });
  });

  app.post('/analyses', async (c) => {
    const body = await readBody(c, createAnalysisBody);
    if ('response' in body) return body.response;
    const refused = refuseTenant(c, body.data.ags);
    if (refused) return refused;
    const now = ctx.now();
    const ref: AnalysisRef = {
      ags: body.data.ags,
      analysisId:
        body.data.analysisId ??
        `${now.toISOString().slice(0, 10)}-${ctx.newId().replace(/-/g, '').slice(0, 8)}`,
    };
    if ((await deps.jobs.listJobs(ref)).length > 0 || !(await deps.jobs.createAnalysis(ref, now))) {
      return fail(c, 409, 'conflict', MESSAGES.analysisExists(ref.ags, ref.analysisId));
    }
    return c.json(
      {
        ags: ref.ags,
        analysisId: ref.analysisId,
        uploadPrefix: `uploads/${ref.ags}/${ref.analysisId}/`,
        hinweis: UPLOAD_HINT,
      },
      201,
      { Location: `/analyses/${ref.ags}/${ref.analysisId}` },
    );
  });

  app.post('/analyses/:ags/:id/upload-urls', async (c) => {
    const ref = await existingAnalysis(c, ctx);
    if (ref instanceof Response) return ref;
    const body = await readBody(c, uploadUrlsBody);
    if ('response' in body) return body.response;
    const files = body.data.files;
    const problems: { path: string; message: string }[] = [];
    const seen = new Set<string>();
    files.forEach((f, i) => {
      const problem = seen.has(f.name) ? `${f.name} ist mehrfach angegeben.` : checkUploadFile(f);
      seen.add(f.name);
      if (problem) problems.push({ path: `files.${i}`, message: problem });
    });
    if (problems[0])
      return fail(
        c,
        400,
        'invalid-request',
        problems.length === 1
          ? problems[0].message
          : `${problems.length} Dateien können so nicht hochgeladen werden. ${problems[0].message}`,
        problems,
      );

    // The manifest last: clients upload in the order given.
    const ordered = [...files].sort(
      (a, b) => Number(a.name === MANIFEST_NAME) - Number(b.name === MANIFEST_NAME),
    );
    const now = ctx.now();
    const expiresAt = new Date(now.getTime() + UPLOAD_URL_SECONDS * 1000).toISOString();
    // every URL points into the analysis's open upload set (src/api/upload-sets.ts)
    const setId = await setForUpload(deps, ref, now);
    const signed = await Promise.all(
      ordered.map(async (f) => {
        const key = `${setPrefix({ ...ref, setId })}${f.name}`;
        const url = await deps.signer.signPut(
          deps.uploadsBucket,
          key,
          f.size,
          f.contentType,
          UPLOAD_URL_SECONDS,
        );
        return {
          name: f.name,
          key,
          method: 'PUT' as const,
          url,
          headers: { 'Content-Type': f.contentType, 'Content-Length': String(f.size) },
        };
      }),
    );
    return c.json({ setId, expiresIn: UPLOAD_URL_SECONDS, expiresAt, files: signed, hinweis: UPLOAD_HINT });
  });

  app.get('/analyses/:ags/:id', async (c) => {
    const ref = refOrRefusal(c);
    if (ref instanceof Response) return ref;
    const [analysis, jobs] = await Promise.all([deps.jobs.getAnalysis(ref), deps.jobs.listJobs(ref)]);
    if (!analysis && jobs.length === 0)
      return fail(c, 404, 'not-found', MESSAGES.analysisNotFound(ref.ags, ref.analysisId));
    const latest = jobs.at(-1);
    return c.json({
      ags: ref.ags,
      analysisId: ref.analysisId,
      ...(analysis?.currentVersion !== undefined && { currentVersion: analysis.currentVersion }),
      status: latest?.status ?? 'waiting',
      statusText: latest ? jobView(latest).statusText : 'wartet auf analyse.json',
      ...(latest?.reason !== undefined && { reason: latest.reason }),
      latestJob: latest ? jobView(latest) : null,
      jobCount: jobs.length,
      ...(analysis?.updatedAt && { updatedAt: analysis.updatedAt }),
    });
  });

  app.get('/analyses/:ags/:id/validation', async (c) => {
    const ref = refOrRefusal(c);
    if (ref instanceof Response) return ref;
    const jobs = await deps.jobs.listJobs(ref);
    const job = jobs.filter((j) => j.outputPrefix !== undefined).at(-1);
    const bytes = job?.outputPrefix
      ? await deps.reports.get(`${job.outputPrefix}validation.json`)
      : undefined;
    if (!job || !bytes) {
      const known = jobs.length > 0 || (await deps.jobs.getAnalysis(ref)) !== undefined;
      return fail(
        c,
        404,
        'not-found',
        known ? MESSAGES.noValidation : MESSAGES.analysisNotFound(ref.ags, ref.analysisId),
      );
    }
    return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/json; charset=utf-8',
      'X-Sia-Job-Id': job.jobId,
    });
  });

  app.get('/analyses/:ags/:id/versions', async (c) => {
    const ref = refOrRefusal(c);
    if (ref instanceof Response) return ref;
    const [analysis, versions] = await Promise.all([deps.jobs.getAnalysis(ref), deps.jobs.listVersions(ref)]);
    if (!analysis && versions.length === 0 && (await deps.jobs.listJobs(ref)).length === 0)
      return fail(c, 404, 'not-found', MESSAGES.analysisNotFound(ref.ags, ref.analysisId));
    return c.json({
      ags: ref.ags,
      analysisId: ref.analysisId,
      ...(analysis?.currentVersion !== undefined && { currentVersion: analysis.currentVersion }),
      versions: versions.map((v) => versionView(v, analysis?.currentVersion)),
    });
  });

  app.get('/analyses/:ags/:id/versions/:n/download', async (c) => {
    const ref = refOrRefusal(c);
    if (ref instanceof Response) return ref;
    const n = versionParamSchema.safeParse(c.req.param('n'));
    if (!n.success) return fail(c, 400, 'invalid-request', 'Die Versionsnummer ist eine ganze Zahl ab 1.');
    const file = downloadFileSchema.safeParse(c.req.query('file') ?? 'report.pdf');
    if (!file.success)
      return fail(c, 400, 'invalid-request', file.error.issues[0]?.message ?? MESSAGES.invalidRequest);
    const version = (await deps.jobs.listVersions(ref)).find((v) => v.version === n.data);
    if (!version) return fail(c, 404, 'not-found', MESSAGES.versionNotFound(n.data));
    const key = `${version.prefix}${file.data}`;
    if (!(await deps.reports.list(key)).includes(key))
      return fail(c, 404, 'not-found', MESSAGES.fileNotFound(file.data, n.data));
    const url = await deps.signer.signGet(deps.reportsBucket, key, DOWNLOAD_URL_SECONDS, {
      contentDisposition: attachmentDisposition(
        downloadName({ ...ref, ...version, file: file.data, gemeinde: gemeindeName(deps, ref.ags) }),
      ),
    });
    c.header('Cache-Control', 'no-store');
    if ((c.req.header('accept') ?? '').includes('application/json')) {
      return c.json({
        version: n.data,
        file: file.data,
        url,
        expiresIn: DOWNLOAD_URL_SECONDS,
        expiresAt: new Date(ctx.now().getTime() + DOWNLOAD_URL_SECONDS * 1000).toISOString(),
      });
    }
    return c.redirect(url, 302);
  });
}
