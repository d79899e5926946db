/**
 * Webhook endpoints and deliveries (Standard Webhooks, issue 6). Plain records: the store keeps them,
 * the service changes them, the API shows views of them (never the secrets).
 */
import type { LifecycleEventType } from '../ports.js';

export const WEBHOOK_EVENT_TYPES: readonly LifecycleEventType[] = [
  'report.ready',
  'report.failed',
  'analysis.invalid',
];

export const isWebhookEventType = (value: unknown): value is LifecycleEventType =>
  typeof value === 'string' && (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value);

export type EndpointStatus = 'active' | 'disabled';

/** A signing secret `whsec_<base64>`; after a rotation the previous one keeps signing until `expiresAt`. */
export interface EndpointSecret {
  readonly secret: string;
  readonly createdAt: string;
  /** ISO time after which this secret no longer signs; absent for the current secret. */
  readonly expiresAt?: string;
}

/** An endpoint as stored (with its secrets). */
export interface WebhookEndpoint {
  readonly id: string;
  readonly ags: string;
  readonly url: string;
  readonly events: readonly LifecycleEventType[];
  readonly coordinatorEmail?: string;
  readonly status: EndpointStatus;
  /** German reason, set when the endpoint was disabled. */
  readonly disabledReason?: string;
  readonly disabledAt?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Last 2xx answer (a delivery whose schedule ran out disables the endpoint only without a success since). */
  readonly lastSuccessAt?: string;
  /** Newest first; the first one is the current secret. */
  readonly secrets: readonly EndpointSecret[];
}

/** An endpoint as the API shows it: no secrets. (A type alias, so it is assignable to index-signature types.) */
export type WebhookEndpointView = {
  readonly id: string;
  readonly ags: string;
  readonly url: string;
  readonly events: readonly LifecycleEventType[];
  readonly coordinatorEmail?: string;
  readonly status: EndpointStatus;
  readonly active: boolean;
  readonly disabledReason?: string;
  readonly disabledAt?: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly lastSuccessAt?: string;
  /** While a rotation overlaps: until when the previous secret still signs. */
  readonly previousSecretValidUntil?: string;
};

export type DeliveryStatus = 'pending' | 'delivered' | 'failed' | 'cancelled';

export const DELIVERY_STATUS_TEXT: Readonly<Record<DeliveryStatus, string>> = {
  pending: 'wird zugestellt',
  delivered: 'zugestellt',
  failed: 'fehlgeschlagen',
  cancelled: 'abgebrochen',
};

/** One HTTP attempt (or a refusal before any request) of a delivery. */
export interface DeliveryAttempt {
  /** 1-based attempt number. */
  readonly attempt: number;
  readonly at: string;
  readonly durationMs: number;
  readonly statusCode?: number;
  /** German description of what went wrong (network error, timeout, refused address, redirect, …). */
  readonly error?: string;
}

/** One (message, endpoint) pair: its fixed body, status, schedule and attempt log. */
export interface WebhookDelivery {
  readonly ags: string;
  readonly endpointId: string;
  /** The `webhook-id`: the same on every attempt and for every endpoint of the same event. */
  readonly messageId: string;
  readonly type: LifecycleEventType;
  readonly analysisId: string;
  readonly jobId: string;
  /** The exact JSON body sent (and signed) on every attempt. */
  readonly body: string;
  readonly status: DeliveryStatus;
  /** Attempts made so far. */
  readonly attempts: number;
  /** When the next attempt is due (pending deliveries only). */
  readonly nextAttemptAt?: string;
  readonly createdAt: string;
  readonly lastAttemptAt?: string;
  readonly lastStatusCode?: number;
  readonly lastError?: string;
  readonly deliveredAt?: string;
  readonly log: readonly DeliveryAttempt[];
  /** DynamoDB TTL (epoch seconds). */
  readonly expiresAt: number;
}

export interface DeliveryKey {
  readonly ags: string;
  readonly endpointId: string;
  readonly messageId: string;
}

/** A delivery as the API shows it (no body: it is in the receiver's hands, and the log says what happened). */
export type WebhookDeliveryView = {
  readonly id: string;
  readonly type: LifecycleEventType;
  readonly status: DeliveryStatus;
  readonly statusText: string;
  readonly attempts: number;
  readonly analysisId: string;
  readonly jobId: string;
  readonly createdAt: string;
  readonly lastAttemptAt?: string;
  readonly nextAttemptAt?: string;
  readonly deliveredAt?: string;
  readonly responseStatus?: number;
  readonly lastError?: string;
  readonly log: readonly DeliveryAttempt[];
};

/** Why an endpoint was disabled, shaped for the e-mail (`EndpointDisabledReason` of src/app/notify.ts). */
export interface EndpointDisabledNotice {
  readonly cause: 'gone' | 'retries-exhausted';
  /** German detail, e.g. `zuletzt HTTP 503 nach 8 Versuchen`. */
  readonly detail: string;
}
