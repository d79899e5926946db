/**
 * The first mile in the portal: the municipality list, checking an analyse.json draft as the user
 * types (the manifest's own schema), the mapping assistant on the uploaded survey file, saving
 * befragung-zuordnung.json (also as the municipality's starting point for its next analysis), and
 * the questionnaire as a LimeSurvey structure. Every route with an AGS runs the tenant check first.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import type { Gemeinde } from '../../core/model/gemeinden.js';
import { GEMEINDEN_ATTRIBUTION } from '../../core/model/gemeinden.js';
import { checkManifestDraft } from '../../core/init/manifest-draft.js';
import { parseSavedZuordnung, proposeForUpload, ZUORDNUNG_FILE } from '../../core/mapping/from-upload.js';
import { ACCEPT_THRESHOLD } from '../../core/mapping/propose.js';
import { targets } from '../../core/mapping/targets.js';
import type { AnalysisRef } from '../../core/ports.js';
import type { ApiDeps } from '../ports.js';
import { buildLss } from '../../core/questionnaire/lss.js';
import { IssueCollector } from '../../core/validate/collector.js';
import { validateZuordnung } from '../../core/validate/zuordnung.js';
import { readBody, refuseTenant, type ApiApp, type ApiEnv, type RouteContext } from '../app.js';
import { fail, MESSAGES } from '../errors.js';
import { analysisIdSchema } from '../schemas.js';
import { currentSet, setForUpload } from '../upload-sets.js';
import { setPrefix } from '../../app/upload-event.js';

/** Where the municipality's last saved mapping is kept (not an analysis id: those cannot start with `_`). */
export function savedMappingKey(ags: string): string {
  return `uploads/${ags}/_zuordnung/${ZUORDNUNG_FILE}`;
}

const manifestBody = z.strictObject({ manifest: z.unknown() });
const lssBody = z.strictObject({
  titel: z.string().max(200).optional(),
  gebiete: z
    .array(z.strictObject({ id: z.string().min(1).max(40), name: z.string().min(1).max(200) }))
    .max(60)
    .optional(),
});

const areasSchema = z
  .array(z.strictObject({ id: z.string().min(1).max(40), name: z.string().min(1).max(200) }))
  .max(60);
/** The areas of the analyse.json draft, while it is not uploaded yet (the portal uploads it last). */
const proposalBody = z.strictObject({ gebiete: areasSchema.optional() });

export function registerFirstMileRoutes(
  app: ApiApp,
  ctx: RouteContext,
  gemeinden: () => readonly Gemeinde[],
): void {
  const { deps } = ctx;

  app.get('/gemeinden', (c) => {
    c.header('Cache-Control', 'private, max-age=3600');
    return c.json({
      quelle: GEMEINDEN_ATTRIBUTION,
      gemeinden: gemeinden().map((g) => ({
        ags: g.ags,
        name: g.name,
        kreisSchluessel: g.kreisKey,
        kreis: g.kreis,
        einwohner: g.einwohner,
      })),
    });
  });

  app.post('/manifest/pruefen', async (c) => {
    const body = await readBody(c, manifestBody);
    if ('response' in body) return body.response;
    const check = checkManifestDraft(body.data.manifest, gemeinden());
    const principal = c.get('principal');
    const ags = (body.data.manifest as { kommune?: { ags?: unknown } } | null)?.kommune?.ags;
    const issues = check.issues.map((i) => ({
      severity: i.severity,
      field: i.column ?? null,
      message: i.message,
    }));
    if (principal.kind === 'municipality' && typeof ags === 'string' && ags !== principal.ags)
      issues.unshift({
        severity: 'error',
        field: 'kommune.ags',
        message: `analyse.json, Feld „kommune.ags“: Sie können nur Analysen Ihrer eigenen Kommune (AGS ${principal.ags}) anlegen.`,
      });
    return c.json({
      valid: !issues.some((i) => i.severity === 'error'),
      issues,
      gemeinde: check.gemeinde
        ? {
            ags: check.gemeinde.ags,
            name: check.gemeinde.name,
            kreisSchluessel: check.gemeinde.kreisKey,
            kreis: check.gemeinde.kreis,
          }
        : null,
    });
  });

  app.post('/fragebogen/lss', async (c) => {
    const body = await readBody(c, lssBody);
    if ('response' in body) return body.response;
    const xml = buildLss({
      ...(body.data.titel !== undefined && { title: body.data.titel }),
      ...(body.data.gebiete !== undefined && { areas: body.data.gebiete }),
    });
    return c.body(xml, 200, {
      'Content-Type': 'application/xml; charset=utf-8',
      'Content-Disposition': 'attachment; filename="fragebogen.lss"',
    });
  });

  app.post('/analyses/:ags/:id/zuordnung/vorschlag', async (c) => {
    const ref = pathRef(c);
    if (ref instanceof Response) return ref;
    const body = await readBody(c, proposalBody);
    if ('response' in body) return body.response;
    const uploads = deps.uploads;
    const files = await readUploads(deps, ref, now(deps));
    const saved = parseSavedZuordnung(await uploads.get(savedMappingKey(ref.ags)));
    const result = await proposeForUpload(files, { saved, areas: body.data.gebiete ?? null });
    if (!result.ok)
      return fail(
        c,
        422,
        'unprocessable',
        result.issues[0]?.message ?? 'Die Befragungsdatei konnte nicht gelesen werden.',
        result.issues.map((i) => ({ path: i.file, message: i.message })),
      );
    const { file, rows, start, proposal } = result.value;
    c.header('Cache-Control', 'no-store');
    return c.json({
      datei: file,
      zeilen: rows,
      ausgangspunkt: start,
      schwelle: ACCEPT_THRESHOLD,
      spalten: proposal.columns,
      nichtZugeordnet: proposal.unmapped,
      zusatzfragen: proposal.zusatzfragen,
      ziele: [
        ...targets().map((t) => ({ code: t.code, titel: t.title })),
        ...proposal.zusatzfragen.map((x) => ({ code: x.code, titel: `Zusatzfrage: ${x.frage}` })),
      ],
    });
  });

  app.put('/analyses/:ags/:id/zuordnung', async (c) => {
    const ref = pathRef(c);
    if (ref instanceof Response) return ref;
    const uploads = deps.uploads;
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      return fail(c, 400, 'invalid-request', MESSAGES.invalidJson);
    }
    const bytes = new TextEncoder().encode(`${JSON.stringify(raw, null, 2)}\n`);
    const issues = new IssueCollector();
    const mapping = validateZuordnung({ name: ZUORDNUNG_FILE, bytes }, issues);
    const list = issues.finish(() => 0).issues;
    if (!mapping) {
      const details = list
        .filter((i) => i.severity === 'error')
        .map((i) => ({ path: i.column ?? '', message: i.message }));
      return fail(c, 400, 'invalid-request', details[0]?.message ?? 'Die Zuordnung ist ungültig.', details);
    }
    const key = `${setPrefix({ ...ref, setId: await setForUpload(deps, ref, now(deps)) })}${ZUORDNUNG_FILE}`;
    await uploads.put(key, bytes, 'application/json');
    await uploads.put(savedMappingKey(ref.ags), bytes, 'application/json');
    return c.json({
      gespeichert: key,
      warnungen: list.filter((i) => i.severity === 'warning').map((i) => i.message),
    });
  });
}

function pathRef(c: Context<ApiEnv>): { ags: string; analysisId: string } | Response {
  const ags = c.req.param('ags') ?? '';
  const refused = refuseTenant(c, ags);
  if (refused) return refused;
  const id = analysisIdSchema.safeParse(c.req.param('id'));
  if (!id.success) return fail(c, 404, 'not-found', MESSAGES.analysisNotFound(ags, c.req.param('id') ?? ''));
  return { ags, analysisId: id.data };
}

const now = (deps: ApiDeps): Date => deps.now?.() ?? new Date();

/** The files of the analysis's current upload set (src/api/upload-sets.ts), as the worker will see them. */
async function readUploads(deps: ApiDeps, ref: AnalysisRef, at: Date) {
  const set = await currentSet(deps, ref, at);
  const prefix = setPrefix({ ...ref, setId: set.setId });
  return Promise.all(
    set.files.map(async (f) => ({
      name: f.name,
      bytes: (await deps.uploads.get(`${prefix}${f.name}`)) ?? new Uint8Array(),
    })),
  );
}
