/**
 * Webhook dispatcher Lambda, scheduled every minute (EventBridge): sends the notifications of the
 * outbox that are still due (after a crash between a status change and its notification), then the
 * webhook deliveries that are due, and reschedules failed ones. Settings: functions/lib/webhooks.ts.
 */
import type { Context, ScheduledEvent } from 'aws-lambda';
import type { DispatchSummary, WebhookService } from '../src/app/webhooks.js';
import { endpointDisabledMailer } from './lib/endpoint-mail.js';
import { buildWebhookService, readWebhookConfig } from './lib/webhooks.js';
import { useOutbox } from './lib/outbox.js';
import { useStores } from './lib/stores.js';
import { instrumented, logger, metrics, MetricUnit } from './lib/observability.js';

let cached: { key: string; service: WebhookService } | undefined;

/** The dispatcher's own service: with the e-mail for disabled endpoints (the API's has none). */
function dispatcherService(): WebhookService {
  const key = JSON.stringify(readWebhookConfig(process.env));
  if (cached?.key !== key) {
    const onEndpointDisabled = endpointDisabledMailer(process.env);
    cached = {
      key,
      service: buildWebhookService(process.env, {
        ...(onEndpointDisabled && { onEndpointDisabled }),
        onError: (error, where) =>
          logger.error('webhook delivery error', { ...where, error: error as Error }),
      }),
    };
  }
  return cached.service;
}

export interface DispatcherSummary extends DispatchSummary {
  /** Notifications of the outbox that were due: delivered, to be retried, given up. */
  readonly outbox: {
    readonly due: number;
    readonly done: number;
    readonly retried: number;
    readonly failed: number;
  };
}

export const handler = async (_event: ScheduledEvent, context: Context): Promise<DispatcherSummary> => {
  logger.addContext(context);
  return instrumented('webhook-dispatcher', async () => {
    const outbox = await useOutbox(useStores());
    const pending = outbox
      ? await outbox.dispatchDue(new Date())
      : { due: 0, done: 0, retried: 0, failed: 0 };
    if (pending.due > 0) logger.info('outbox dispatched', { ...pending });
    metrics.addMetric('NotificationsRetried', MetricUnit.Count, pending.retried);
    metrics.addMetric('NotificationsFailed', MetricUnit.Count, pending.failed);
    const webhooks = await dispatcherService().dispatchDue(new Date());
    const summary = { ...webhooks, outbox: pending };
    metrics.addMetric('WebhooksDelivered', MetricUnit.Count, summary.delivered);
    metrics.addMetric('WebhooksFailed', MetricUnit.Count, summary.failed);
    metrics.addMetric('WebhookEndpointsDisabled', MetricUnit.Count, summary.disabled.length);
    // Ids and counts only: payloads carry no personal data, but they are not logged either.
    if (summary.due > 0) logger.info('webhooks dispatched', { ...summary });
    return summary;
  });
};
