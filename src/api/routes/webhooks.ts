/**
 * Webhook administration per municipality, passed to the WebhookAdmin port (the webhooks service).
 * Municipalities manage their own AGS, LPR staff every AGS. An endpoint id that does not exist under
 * the path's AGS — also one of another municipality — is 404.
 */
import type { Context } from 'hono';
import { fail, MESSAGES } from '../errors.js';
import { readBody, refuseTenant, type ApiApp, type ApiEnv, type RouteContext } from '../app.js';
import { WebhookAdminError } from '../ports.js';
import { endpointIdSchema, registerWebhookBody } from '../schemas.js';

export function registerWebhookRoutes(app: ApiApp, ctx: RouteContext): void {
  const admin = ctx.deps.webhooks;

  app.post('/webhooks/:ags', async (c) => {
    const ags = c.req.param('ags');
    const refused = refuseTenant(c, ags);
    if (refused) return refused;
    const body = await readBody(c, registerWebhookBody);
    if ('response' in body) return body.response;
    return refusals(c, async () => {
      const { endpoint, secret } = await admin.register(ags, body.data);
      return c.json(
        {
          endpoint,
          secret,
          hinweis: 'Das Signaturgeheimnis wird nur jetzt angezeigt. Bitte sicher aufbewahren.',
        },
        201,
      );
    });
  });

  app.get('/webhooks/:ags', async (c) => {
    const ags = c.req.param('ags');
    const refused = refuseTenant(c, ags);
    if (refused) return refused;
    return refusals(c, async () => c.json({ endpoints: await admin.list(ags) }));
  });

  app.post('/webhooks/:ags/:endpointId/rotate', async (c) => {
    const target = endpointOf(c);
    if (target instanceof Response) return target;
    return refusals(c, async () => {
      const rotated = await admin.rotate(target.ags, target.id);
      if (!rotated) return fail(c, 404, 'not-found', MESSAGES.webhookNotFound(target.id));
      return c.json({
        endpointId: target.id,
        secret: rotated.secret,
        hinweis: 'Das neue Signaturgeheimnis wird nur jetzt angezeigt.',
      });
    });
  });

  app.delete('/webhooks/:ags/:endpointId', async (c) => {
    const target = endpointOf(c);
    if (target instanceof Response) return target;
    return refusals(c, async () => {
      if (!(await admin.remove(target.ags, target.id)))
        return fail(c, 404, 'not-found', MESSAGES.webhookNotFound(target.id));
      return c.body(null, 204);
    });
  });

  app.get('/webhooks/:ags/:endpointId/deliveries', async (c) => {
    const target = endpointOf(c);
    if (target instanceof Response) return target;
    return refusals(c, async () => {
      const deliveries = await admin.deliveries(target.ags, target.id);
      if (!deliveries) return fail(c, 404, 'not-found', MESSAGES.webhookNotFound(target.id));
      return c.json({ endpointId: target.id, deliveries });
    });
  });
}

function endpointOf(c: Context<ApiEnv>): { ags: string; id: string } | Response {
  const ags = c.req.param('ags') ?? '';
  const refused = refuseTenant(c, ags);
  if (refused) return refused;
  const id = c.req.param('endpointId') ?? '';
  if (!endpointIdSchema.safeParse(id).success)
    return fail(c, 404, 'not-found', MESSAGES.webhookNotFound(id.slice(0, 64)));
  return { ags, id };
}

/** The service's refusals (WebhookAdminError, German message) → 422; anything else is a 500. */
async function refusals(c: Context<ApiEnv>, work: () => Promise<Response>): Promise<Response> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof WebhookAdminError) return fail(c, 422, 'unprocessable', error.message);
    throw error;
  }
}
