/**
 * The HTTP API of the Sicherheitsanalyse (Hono): the same app runs in the API Lambda (functions/api.ts)
 * and in the local stack (src/local/api-server.ts). JSON in and out; errors as
 * `{ error: { code, message } }` with German messages; every request body validated with zod.
 * Routes and the tenant rule: docs/openapi.yaml and src/api/auth.ts.
 */
import { randomUUID } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { AGS_PATTERN, canAccess } from './auth.js';
import { fail, MESSAGES, zodDetails } from './errors.js';
import { buildOpenApi } from './openapi.js';
import type { ApiDeps, Principal } from './ports.js';
import { registerAnalysisRoutes } from './routes/analyses.js';
import { registerErasureRoutes } from './routes/erasure.js';
import { registerRegenerationRoutes } from './routes/regenerations.js';
import { registerUploadSetRoutes } from './routes/upload-sets.js';
import { registerWebhookRoutes } from './routes/webhooks.js';
import { registerFirstMileRoutes } from './routes/first-mile.js';
import { registerWorkspaceRoutes } from './routes/workspace.js';
import { registerMeasureRoutes } from './routes/measures.js';
import { registerOverviewRoutes } from './routes/overview.js';

export type ApiEnv = { Variables: { principal: Principal } };
export type ApiApp = Hono<ApiEnv>;

/** Largest JSON request body (the biggest, an upload-URL request for 20 files, is about 3 KB). */
export const MAX_BODY_BYTES = 64 * 1024;

/** zod's German messages for what the schemas do not word themselves (types, unknown keys). */
const GERMAN_ERRORS = z.locales.de().localeError;

export interface RouteContext {
  readonly deps: ApiDeps;
  readonly now: () => Date;
  readonly newId: () => string;
}

export function createApiApp(deps: ApiDeps): ApiApp {
  const app = new Hono<ApiEnv>();
  const ctx: RouteContext = { deps, now: deps.now ?? (() => new Date()), newId: deps.newId ?? randomUUID };

  app.onError((error, c) => {
    deps.onError?.(error, c);
    return fail(c, 500, 'internal', MESSAGES.internal);
  });
  app.notFound((c) => fail(c, 404, 'not-found', MESSAGES.routeNotFound));

  // The description itself is public (no data in it).
  app.get('/openapi.json', (c) => c.json(buildOpenApi()));

  app.use(
    '*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        fail(c, 413, 'payload-too-large', `Die Anfrage ist zu groß (höchstens ${MAX_BODY_BYTES / 1024} KB).`),
    }),
  );
  app.use('*', async (c, next) => {
    const principal = await deps.authenticate(c);
    if (!principal) {
      c.header('WWW-Authenticate', 'Bearer');
      return fail(c, 401, 'unauthenticated', MESSAGES.unauthenticated);
    }
    c.set('principal', principal);
    await next();
    return undefined;
  });

  // Who the token belongs to (the portal shows it and picks the municipality or LPR view).
  app.get('/me', (c) => c.json(c.get('principal')));
  registerAnalysisRoutes(app, ctx);
  registerUploadSetRoutes(app, ctx);
  registerRegenerationRoutes(app, ctx);
  registerErasureRoutes(app, ctx);
  registerWebhookRoutes(app, ctx);
  registerFirstMileRoutes(app, ctx, () => deps.gemeinden ?? []);
  registerWorkspaceRoutes(app, ctx);
  registerMeasureRoutes(app, ctx);
  registerOverviewRoutes(app, ctx);
  return app;
}

/**
 * The tenant check every route with an AGS runs first (src/api/auth.ts): a malformed AGS is 400,
 * another municipality's AGS is 403 — decided before any lookup. Returns a response to send, or undefined.
 */
export function refuseTenant(c: Context<ApiEnv>, ags: string): Response | undefined {
  if (!AGS_PATTERN.test(ags))
    return fail(c, 400, 'invalid-request', 'Der Gemeindeschlüssel (AGS) besteht aus genau 8 Ziffern.');
  if (!canAccess(c.get('principal'), ags)) return fail(c, 403, 'forbidden', MESSAGES.forbiddenAgs(ags));
  return undefined;
}

/** Reads and validates a JSON body; returns the data or a 400 response. */
export async function readBody<S extends z.ZodType>(
  c: Context<ApiEnv>,
  schema: S,
): Promise<{ data: z.infer<S> } | { response: Response }> {
  let raw: unknown;
  try {
    raw = await c.req.json();
  } catch {
    return { response: fail(c, 400, 'invalid-request', MESSAGES.invalidJson) };
  }
  const parsed = schema.safeParse(raw, { error: GERMAN_ERRORS });
  if (!parsed.success) {
    const details = zodDetails(parsed.error);
    return {
      response: fail(
        c,
        400,
        'invalid-request',
        details[0] ? `${MESSAGES.invalidRequest} ${details[0].message}` : MESSAGES.invalidRequest,
        details,
      ),
    };
  }
  return { data: parsed.data };
}
