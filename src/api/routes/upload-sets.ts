/**
 * Upload sets (src/api/upload-sets.ts): the files of the current set, and removing one of them
 * before the set is submitted (before its analyse.json is uploaded).
 */
import { existingAnalysis } from '../analysis-ref.js';
import type { ApiApp, RouteContext } from '../app.js';
import { fail } from '../errors.js';
import { currentSet, removeFile } from '../upload-sets.js';
import { isUploadName } from '../uploads.js';

export const UPLOAD_SET_MESSAGES = {
  submitted:
    'Der Upload-Satz ist bereits eingereicht (analyse.json wurde hochgeladen); seine Dateien können nicht mehr entfernt werden. Für eine Korrektur die Dateien neu hochladen.',
  fileNotFound: (name: string) =>
    `Die Datei „${name.slice(0, 100)}“ ist im offenen Upload-Satz nicht vorhanden.`,
} as const;

export function registerUploadSetRoutes(app: ApiApp, ctx: RouteContext): void {
  const { deps } = ctx;

  app.get('/analyses/:ags/:id/upload-set', async (c) => {
    const ref = await existingAnalysis(c, ctx);
    if (ref instanceof Response) return ref;
    c.header('Cache-Control', 'no-store');
    return c.json(await currentSet(deps, ref, ctx.now()));
  });

  app.delete('/analyses/:ags/:id/upload-set/files/:name', async (c) => {
    const ref = await existingAnalysis(c, ctx);
    if (ref instanceof Response) return ref;
    const name = c.req.param('name');
    if (!isUploadName(name)) return fail(c, 404, 'not-found', UPLOAD_SET_MESSAGES.fileNotFound(name));
    const result = await removeFile(deps, ref, name, ctx.now());
    if (result === 'submitted') return fail(c, 409, 'conflict', UPLOAD_SET_MESSAGES.submitted);
    if (result === 'not-found') return fail(c, 404, 'not-found', UPLOAD_SET_MESSAGES.fileNotFound(name));
    return c.body(null, 204);
  });
}
