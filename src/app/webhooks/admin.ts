/**
 * The webhook service as the HTTP API's `WebhookAdmin` port (src/api/ports.ts): refusals become
 * `WebhookAdminError` (German message, → 422), everything else passes through.
 */
import { WebhookAdminError, type WebhookAdmin } from '../../api/ports.js';
import type { WebhookService } from '../webhooks.js';

export function asWebhookAdmin(service: WebhookService): WebhookAdmin {
  return {
    async register(ags, registration) {
      const result = await service.register(ags, registration);
      if (!result.ok) throw new WebhookAdminError(result.error.code, result.error.message);
      return result.value;
    },
    list: (ags) => service.list(ags),
    rotate: (ags, endpointId) => service.rotate(ags, endpointId),
    remove: (ags, endpointId) => service.remove(ags, endpointId),
    deliveries: (ags, endpointId) => service.deliveries(ags, endpointId),
  };
}
