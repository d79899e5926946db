/** Views of endpoints and deliveries for the API: never the secrets, never the body. */
import {
  DELIVERY_STATUS_TEXT,
  type WebhookDelivery,
  type WebhookDeliveryView,
  type WebhookEndpoint,
  type WebhookEndpointView,
} from './types.js';

export function endpointView(endpoint: WebhookEndpoint, now: Date): WebhookEndpointView {
  const at = now.toISOString();
  const previous = endpoint.secrets.find((s) => s.expiresAt !== undefined && at < s.expiresAt);
  return {
    id: endpoint.id,
    ags: endpoint.ags,
    url: endpoint.url,
    events: endpoint.events,
    ...(endpoint.coordinatorEmail !== undefined && { coordinatorEmail: endpoint.coordinatorEmail }),
    status: endpoint.status,
    active: endpoint.status === 'active',
    ...(endpoint.disabledReason !== undefined && { disabledReason: endpoint.disabledReason }),
    ...(endpoint.disabledAt !== undefined && { disabledAt: endpoint.disabledAt }),
    createdAt: endpoint.createdAt,
    updatedAt: endpoint.updatedAt,
    ...(endpoint.lastSuccessAt !== undefined && { lastSuccessAt: endpoint.lastSuccessAt }),
    ...(previous?.expiresAt !== undefined && { previousSecretValidUntil: previous.expiresAt }),
  };
}

export function deliveryView(d: WebhookDelivery): WebhookDeliveryView {
  return {
    id: d.messageId,
    type: d.type,
    status: d.status,
    statusText: DELIVERY_STATUS_TEXT[d.status],
    attempts: d.attempts,
    analysisId: d.analysisId,
    jobId: d.jobId,
    createdAt: d.createdAt,
    ...(d.lastAttemptAt !== undefined && { lastAttemptAt: d.lastAttemptAt }),
    ...(d.status === 'pending' && d.nextAttemptAt !== undefined && { nextAttemptAt: d.nextAttemptAt }),
    ...(d.deliveredAt !== undefined && { deliveredAt: d.deliveredAt }),
    ...(d.lastStatusCode !== undefined && { responseStatus: d.lastStatusCode }),
    ...(d.lastError !== undefined && { lastError: d.lastError }),
    log: d.log,
  };
}
