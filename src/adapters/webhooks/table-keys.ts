/**
 * Keys of the webhook items in the single job table (docs/pipeline-design.md, "DynamoDB"):
 *
 * | item | pk | sk |
 * |---|---|---|
 * | endpoint | `WEBHOOKS#<ags>` | `ENDPOINT#<endpointId>` |
 * | delivery | `WEBHOOKS#<ags>` | `DELIVERY#<endpointId>#<messageId>` |
 *
 * Pending deliveries also carry `webhookDue = "DUE"` and `nextAttemptAt` (ISO): the sparse GSI
 * `webhooksDue` (hash `webhookDue`, range `nextAttemptAt`, keys only) lists what is due. Finished
 * deliveries drop `webhookDue`, so the index holds only pending ones. Status attributes are named
 * `endpointStatus` / `deliveryStatus` (not `status`) so these items stay out of the jobs' `byStatus` index.
 */
export const WEBHOOKS_DUE_INDEX = 'webhooksDue';
export const DUE_PARTITION = 'DUE';
/** Delivery records (with their attempt log) expire 30 days after they were created (TTL `expiresAt`). */
export const DELIVERY_TTL_SECONDS = 30 * 24 * 60 * 60;

export const webhooksPk = (ags: string): string => `WEBHOOKS#${ags}`;
export const ENDPOINT_PREFIX = 'ENDPOINT#';
export const DELIVERY_PREFIX = 'DELIVERY#';
export const endpointSk = (id: string): string => `${ENDPOINT_PREFIX}${id}`;
export const deliveryPrefix = (endpointId: string): string => `${DELIVERY_PREFIX}${endpointId}#`;
export const deliverySk = (endpointId: string, messageId: string): string =>
  `${deliveryPrefix(endpointId)}${messageId}`;
