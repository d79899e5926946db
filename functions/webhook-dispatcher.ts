/**
 * Webhook dispatcher Lambda, scheduled every minute (EventBridge): sends the webhook deliveries
 * that are due and reschedules failed ones. Settings: functions/lib/webhooks.ts.
 */
import type { Context, ScheduledEvent } from 'aws-lambda';
import type { DispatchSummary } from '../src/app/webhooks.js';
import { useWebhookService } from './lib/webhooks.js';
import { instrumented, logger, metrics, MetricUnit } from './lib/observability.js';

export const handler = async (_event: ScheduledEvent, context: Context): Promise<DispatchSummary> => {
  logger.addContext(context);
  return instrumented('webhook-dispatcher', async () => {
    const service = useWebhookService(process.env, {
      onError: (error, where) => logger.error('webhook delivery error', { ...where, error: error as Error }),
    });
    const summary = await service.dispatchDue(new Date());
    metrics.addMetric('WebhooksDelivered', MetricUnit.Count, summary.delivered);
    metrics.addMetric('WebhooksFailed', MetricUnit.Count, summary.failed);
    metrics.addMetric('WebhookEndpointsDisabled', MetricUnit.Count, summary.disabled.length);
    // Ids and counts only: payloads carry no personal data, but they are not logged either.
    if (summary.due > 0) logger.info('webhooks dispatched', { ...summary });
    return summary;
  });
};
