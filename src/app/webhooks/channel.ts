/** The webhook service as the notifier's `WebhookChannel` (src/app/notify.ts). */
import type { WebhookChannel } from '../notify.js';
import type { WebhookService } from '../webhooks.js';

export function asWebhookChannel(service: WebhookService): WebhookChannel {
  return {
    async enqueue(event, now) {
      await service.enqueue(event, now);
    },
    dispatchDue: (now) => service.dispatchDue(now),
  };
}
