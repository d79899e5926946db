/**
 * The web portal (portal/) on the local API server, same origin as the API (no CORS towards the API):
 *
 * - `/` redirects to `/portal/`; `/portal/*` serves the static files of `portal/` (serveStatic);
 * - the old path form of portal links (`/portal/analysen/<ags>/<id>/versionen/<n>` …) redirects to the
 *   portal page's fragment route (src/core/portal-links.ts);
 * - `/portal/vorlagen/<name>.xlsx` serves the blank data-entry templates of `sia vorlage`
 *   (src/core/vorlage), built once at server start into memory; `/portal/vorlagen/index.json` lists them;
 * - `/portal/beispiel/musterstadt.zip` the example data (examples/musterstadt) as one ZIP, built on first
 *   request; `/portal/beispiel/index.json` lists it;
 * - every portal response carries the Content-Security-Policy below (no external requests: the
 *   portal loads nothing from elsewhere; connect-src allows the presigned s3rver URLs on 127.0.0.1).
 *
 * The browser uploads straight to s3rver (another port, so another origin): `allowPortalOrigin` sets
 * a CORS configuration on both buckets for the portal's origin, as the CDK stack has to on AWS.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PutBucketCorsCommand, type S3Client } from '@aws-sdk/client-s3';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { legacyPortalFragment } from '../core/portal-links.js';
import { buildTemplates, type TemplateFile } from '../core/vorlage/index.js';
import { zipFiles } from './zip.js';

/** The example data offered for download (`/portal/beispiel/musterstadt.zip`). */
export const EXAMPLE_DIR = fileURLToPath(new URL('../../examples/musterstadt/', import.meta.url));
export const EXAMPLE_ZIP = 'musterstadt.zip';

/** The example folder as one ZIP (entries under `musterstadt/`). */
export async function exampleZip(dir = EXAMPLE_DIR): Promise<Uint8Array> {
  const names = (await readdir(dir)).sort();
  const files = await Promise.all(
    names.map(async (name) => ({ name: `musterstadt/${name}`, bytes: await readFile(join(dir, name)) })),
  );
  return zipFiles(files);
}

/** The repository's portal folder (the local stack's default). */
export const DEFAULT_PORTAL_DIR = fileURLToPath(new URL('../../portal/', import.meta.url));

export const PORTAL_CSP =
  "default-src 'self'; img-src 'self' data:; connect-src 'self' http://127.0.0.1:*; frame-ancestors 'none'";

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** True for the paths the portal answers (everything else goes to the API). */
export function isPortalPath(pathname: string): boolean {
  return pathname === '/' || pathname === '/portal' || pathname.startsWith('/portal/');
}

export function createPortalApp(portalDir: string): Hono {
  const root = resolve(portalDir);
  // Built once, in the background: the first template request waits for it if it is not done yet.
  const templates: Promise<ReadonlyMap<string, TemplateFile>> = buildTemplates().then(
    (list) => new Map(list.map((t) => [t.name, t])),
  );
  templates.catch(() => undefined);
  let example: Promise<Uint8Array | undefined> | undefined;

  const app = new Hono();
  app.use('*', async (c, next) => {
    await next();
    c.header('Content-Security-Policy', PORTAL_CSP);
    c.header('X-Content-Type-Options', 'nosniff');
    c.header('Referrer-Policy', 'no-referrer');
    c.header('X-Frame-Options', 'DENY');
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-cache');
  });
  app.get('/', (c) => c.redirect('/portal/', 302));
  app.get('/portal', (c) => c.redirect('/portal/', 301));
  // Links of the old path form (e-mails sent before the fragment routes) → the same page's fragment.
  app.get('/portal/*', async (c, next) => {
    const fragment = legacyPortalFragment(c.req.path);
    if (fragment === undefined) return next();
    return c.redirect(`/portal/${fragment}`, 301);
  });
  app.get('/portal/vorlagen/:name', async (c) => {
    const all = await templates.catch(() => undefined);
    if (c.req.param('name') === 'index.json')
      return c.json({
        vorlagen: [...(all?.values() ?? [])].map((t) => ({ name: t.name, bytes: t.bytes.length })),
      });
    const file = all?.get(c.req.param('name'));
    if (!file) return c.text('Diese Vorlage gibt es nicht.', 404);
    return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': XLSX_TYPE,
      'Content-Disposition': `attachment; filename="${file.name}"`,
    });
  });
  app.get('/portal/beispiel/:name', async (c) => {
    example ??= exampleZip().catch(() => undefined);
    const zip = await example;
    if (c.req.param('name') === 'index.json')
      return c.json({
        beispiele: zip
          ? [
              {
                name: EXAMPLE_ZIP,
                bytes: zip.length,
                titel: 'Beispieldaten „Musterstadt“ (ZIP, erfundene Daten)',
              },
            ]
          : [],
      });
    if (c.req.param('name') !== EXAMPLE_ZIP || !zip) return c.text('Diese Datei gibt es nicht.', 404);
    return c.body(zip as Uint8Array<ArrayBuffer>, 200, {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${EXAMPLE_ZIP}"`,
    });
  });
  app.use('/portal/*', serveStatic({ root, rewriteRequestPath: (path) => path.replace(/^\/portal/, '') }));
  app.notFound((c) => c.text('Diese Seite gibt es im Portal nicht.', 404));
  return app;
}

/** One fetch handler for the server: the portal's paths to the portal, the rest to the API. */
export function withPortal<A extends unknown[]>(
  portal: Hono,
  apiFetch: (request: Request, ...rest: A) => Response | Promise<Response>,
) {
  return (request: Request, ...rest: A): Response | Promise<Response> =>
    isPortalPath(new URL(request.url).pathname) ? portal.fetch(request) : apiFetch(request, ...rest);
}

/**
 * Lets the portal at `origin` PUT (uploads) and GET (reports: analysis.json, changes.json) through
 * presigned URLs: a bucket CORS configuration, as the uploads and reports buckets need on AWS too.
 */
export async function allowPortalOrigin(
  s3: S3Client,
  buckets: readonly string[],
  origins: readonly string[],
): Promise<void> {
  for (const bucket of buckets) {
    await s3.send(
      new PutBucketCorsCommand({
        Bucket: bucket,
        CORSConfiguration: {
          CORSRules: [
            {
              AllowedOrigins: [...origins],
              AllowedMethods: ['GET', 'PUT', 'HEAD'],
              AllowedHeaders: ['content-type'],
              ExposeHeaders: ['ETag'],
              MaxAgeSeconds: 600,
            },
          ],
        },
      }),
    );
  }
}
