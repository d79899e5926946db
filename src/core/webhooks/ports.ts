/**
 * What the webhook service needs from the outside: the store (DynamoDB), name resolution and an
 * HTTP sender that connects to exactly the checked address. Expected failures are values.
 */
import type { Result } from '../result.js';
import type {
  DeliveryAttempt,
  DeliveryKey,
  DeliveryStatus,
  WebhookDelivery,
  WebhookEndpoint,
} from './types.js';

/** Resolves a host name to all its addresses (A and AAAA). German message on failure. */
export type Resolver = (hostname: string) => Promise<Result<readonly string[], string>>;

export interface WebhookRequest {
  /** The checked URL (host name kept for SNI and the Host header). */
  readonly url: string;
  /** The checked IP address to connect to (pinning: no second DNS lookup). */
  readonly address: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly timeoutMs: number;
}

/** The outcome of one POST: a status code, or a German error (timeout, refused connection, TLS, …). */
export interface WebhookResponse {
  readonly statusCode?: number;
  readonly error?: string;
  readonly durationMs: number;
}

/** Sends one request; never throws, never follows redirects. */
export type WebhookSender = (request: WebhookRequest) => Promise<WebhookResponse>;

/** How a claimed delivery ends this attempt. */
export interface AttemptOutcome {
  readonly status: DeliveryStatus;
  /** The attempt to append to the log (absent when the delivery is cancelled without a request). */
  readonly attempt?: DeliveryAttempt;
  /** Next due time when status stays `pending`. */
  readonly nextAttemptAt?: string;
}

export interface WebhookStore {
  /** Creates an endpoint; false if its id is taken. */
  createEndpoint(endpoint: WebhookEndpoint): Promise<boolean>;
  getEndpoint(ags: string, id: string): Promise<WebhookEndpoint | undefined>;
  listEndpoints(ags: string): Promise<readonly WebhookEndpoint[]>;
  /** false = no such endpoint. */
  deleteEndpoint(ags: string, id: string): Promise<boolean>;
  /** Replaces the secrets of an existing endpoint; false = no such endpoint. */
  setSecrets(ags: string, id: string, secrets: WebhookEndpoint['secrets'], now: Date): Promise<boolean>;
  /** Disables an active endpoint; true only for the call that disabled it (so it is reported once). */
  disableEndpoint(ags: string, id: string, reason: string, now: Date): Promise<boolean>;
  recordSuccess(ags: string, id: string, at: Date): Promise<void>;

  /** Creates a pending delivery due at `nextAttemptAt`; false if this (message, endpoint) exists already. */
  createDelivery(delivery: WebhookDelivery): Promise<boolean>;
  /** Keys of pending deliveries due at `now` (oldest first, at most `limit`). */
  dueDeliveries(now: Date, limit: number): Promise<readonly DeliveryKey[]>;
  /**
   * Takes a due delivery for one attempt: moves its due time to `leaseUntil` (so a crashed attempt
   * comes back) and marks it with `token`. undefined if it is no longer pending and due (another
   * dispatcher took it, or it finished).
   */
  claimDelivery(
    key: DeliveryKey,
    now: Date,
    leaseUntil: Date,
    token: string,
  ): Promise<WebhookDelivery | undefined>;
  /** Records the attempt of the claim `token`; false if the claim was lost (lease ran out and someone else took it). */
  finishAttempt(key: DeliveryKey, token: string, outcome: AttemptOutcome): Promise<boolean>;
  /** Deliveries of one endpoint, newest first, at most `limit`. */
  listDeliveries(ags: string, endpointId: string, limit: number): Promise<readonly WebhookDelivery[]>;
}
