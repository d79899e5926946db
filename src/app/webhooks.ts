/**
 * The webhook service (Standard Webhooks, issue 6): endpoints per municipality, durable deliveries
 * with the spec's retry schedule, SSRF protection at registration and before every attempt.
 *
 * - `register` / `list` / `rotate` / `remove` / `deliveries`: administration, scoped by AGS (an
 *   endpoint of another municipality reads as absent). Secrets are returned only by `register` and
 *   `rotate`; during a rotation overlap both secrets sign.
 * - `enqueue(event, now)`: one pending delivery per active, subscribed endpoint of `event.ags`;
 *   exactly once per (jobId, type, endpoint) (conditional writes; the message id derives from the event).
 * - `dispatchDue(now)`: sends what is due (bounded concurrency, per-request timeout), reschedules
 *   failures (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h, with jitter), disables an endpoint on 410 Gone
 *   or when a delivery's whole schedule failed without any success since, and reports that once
 *   through `onEndpointDisabled`.
 *
 * Time is always an argument (`now`), so tests drive the schedule without waiting.
 */
import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import type { LifecycleEvent, LifecycleEventType } from '../core/ports.js';
import { err, ok, type Result } from '../core/result.js';
import { buildPayload, messageIdOf } from '../core/webhooks/payload.js';
import type { Resolver, WebhookResponse, WebhookSender, WebhookStore } from '../core/webhooks/ports.js';
import { MAX_ATTEMPTS, nextAttemptAt } from '../core/webhooks/retry.js';
import {
  formatSecret,
  rotateSecrets,
  SECRET_BYTES,
  signedHeaders,
  signingSecrets,
} from '../core/webhooks/signing.js';
import {
  isWebhookEventType,
  WEBHOOK_EVENT_TYPES,
  type DeliveryAttempt,
  type DeliveryKey,
  type EndpointDisabledNotice,
  type WebhookDelivery,
  type WebhookDeliveryView,
  type WebhookEndpoint,
  type WebhookEndpointView,
} from '../core/webhooks/types.js';
import {
  checkResolvedAddresses,
  checkWebhookUrl,
  type UrlPolicyOptions,
} from '../core/webhooks/url-policy.js';
import { deliveryView, endpointView } from '../core/webhooks/views.js';
import { mapPool } from './webhooks/pool.js';

export type {
  EndpointDisabledNotice,
  WebhookDeliveryView,
  WebhookEndpointView,
} from '../core/webhooks/types.js';

export interface WebhookServiceOptions {
  readonly store: WebhookStore;
  readonly resolve: Resolver;
  readonly send: WebhookSender;
  /** Base URL of the HTTP API the payload links point to, e.g. `https://api.sia.example/v1`. */
  readonly apiBaseUrl: string;
  /** The portal's address (PORTAL_URL): payloads then also link the portal page for people. */
  readonly portalUrl?: string;
  /** `allowInsecureLoopback` for tests and the local stack only. */
  readonly urlPolicy?: UrlPolicyOptions;
  /** How long the previous secret keeps signing after a rotation; default 24 h. */
  readonly rotationOverlapMs?: number;
  /** Per-request timeout; default 10 s. */
  readonly requestTimeoutMs?: number;
  /** Parallel requests in one dispatch; default 8. */
  readonly concurrency?: number;
  /** Deliveries handled by one `dispatchDue` call at most; default 100 (the rest waits for the next call). */
  readonly maxPerDispatch?: number;
  /** Endpoints per municipality at most; default 10. */
  readonly maxEndpointsPerAgs?: number;
  /** Lifetime of delivery records and their attempt log (TTL); default 30 days. */
  readonly deliveryTtlSeconds?: number;
  /** Jitter source in [0, 1); default Math.random. */
  readonly jitter?: () => number;
  /** Random bytes for secrets and ids; default crypto.randomBytes. */
  readonly randomBytes?: (size: number) => Uint8Array;
  /** Clock for the administration calls when no `now` is passed; default the system clock. */
  readonly clock?: () => Date;
  /** Told once when an endpoint is disabled (wired to the coordinator e-mail). Errors go to onError. */
  readonly onEndpointDisabled?: (
    endpoint: WebhookEndpointView,
    notice: EndpointDisabledNotice,
  ) => void | Promise<void>;
  /** Told about unexpected errors of single deliveries (store failures, a throwing callback). */
  readonly onError?: (
    error: unknown,
    context: { readonly ags: string; readonly endpointId?: string; readonly messageId?: string },
  ) => void;
}

export interface WebhookRegistrationInput {
  readonly url: string;
  readonly events: readonly string[];
  readonly coordinatorEmail?: string;
}

export type WebhookRefusalCode =
  | 'invalid-ags'
  | 'invalid-events'
  | 'invalid-email'
  | 'invalid-url'
  | 'forbidden-address'
  | 'unresolvable'
  | 'too-many-endpoints';

/** Why a registration was refused; German `message` for the municipality. */
export interface WebhookRefusal {
  readonly code: WebhookRefusalCode;
  readonly message: string;
}

export interface EnqueueSummary {
  readonly messageId: string;
  /** Deliveries created now. */
  readonly created: number;
  /** Deliveries that existed already (the event was told before). */
  readonly duplicates: number;
}

export interface DispatchSummary {
  /** Due deliveries found. */
  readonly due: number;
  readonly delivered: number;
  readonly rescheduled: number;
  /** Deliveries that failed for good (410 or schedule exhausted). */
  readonly failed: number;
  /** Deliveries dropped because their endpoint was removed or disabled. */
  readonly cancelled: number;
  /** Taken by another dispatcher in the meantime. */
  readonly skipped: number;
  /** Unexpected errors (reported through onError). */
  readonly errors: number;
  /** Endpoints disabled by this call (`<ags>/<id>`). */
  readonly disabled: readonly string[];
}

type Outcome = 'delivered' | 'rescheduled' | 'failed' | 'cancelled' | 'skipped' | 'error';

const AGS = /^\d{8}$/;
const EMAIL = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/;
const DAY_MS = 24 * 3_600_000;

export class WebhookService {
  private readonly store: WebhookStore;
  private readonly resolveHost: Resolver;
  private readonly sendRequest: WebhookSender;
  private readonly apiBaseUrl: string;
  private readonly policy: UrlPolicyOptions;
  private readonly overlapMs: number;
  private readonly timeoutMs: number;
  private readonly concurrency: number;
  private readonly maxPerDispatch: number;
  private readonly maxEndpoints: number;
  private readonly ttlSeconds: number;
  private readonly jitter: () => number;
  private readonly randomBytes: (size: number) => Uint8Array;
  private readonly clock: () => Date;
  private readonly options: WebhookServiceOptions;

  constructor(options: WebhookServiceOptions) {
    this.options = options;
    this.store = options.store;
    this.resolveHost = options.resolve;
    this.sendRequest = options.send;
    this.apiBaseUrl = options.apiBaseUrl;
    this.policy = options.urlPolicy ?? {};
    this.overlapMs = options.rotationOverlapMs ?? DAY_MS;
    this.timeoutMs = options.requestTimeoutMs ?? 10_000;
    this.concurrency = options.concurrency ?? 8;
    this.maxPerDispatch = options.maxPerDispatch ?? 100;
    this.maxEndpoints = options.maxEndpointsPerAgs ?? 10;
    this.ttlSeconds = options.deliveryTtlSeconds ?? 30 * 24 * 3600;
    this.jitter = options.jitter ?? Math.random;
    this.randomBytes = options.randomBytes ?? ((size) => cryptoRandomBytes(size));
    this.clock = options.clock ?? (() => new Date());
  }

  // ---- administration -------------------------------------------------------------------------

  /** Registers an endpoint; the returned secret is shown once and never again. */
  async register(
    ags: string,
    input: WebhookRegistrationInput,
    now: Date = this.clock(),
  ): Promise<Result<{ readonly endpoint: WebhookEndpointView; readonly secret: string }, WebhookRefusal>> {
    if (!AGS.test(ags))
      return err({
        code: 'invalid-ags',
        message: 'Der Gemeindeschlüssel (AGS) besteht aus genau 8 Ziffern.',
      });
    const events = checkEvents(input.events);
    if (!events.ok) return events;
    const email = input.coordinatorEmail?.trim();
    if (email !== undefined && email !== '' && (email.length > 254 || !EMAIL.test(email)))
      return err({
        code: 'invalid-email',
        message: 'Bitte eine gültige E-Mail-Adresse der Koordination angeben.',
      });
    const target = await this.checkTarget(input.url);
    if (!target.ok) return target;
    const existing = await this.store.listEndpoints(ags);
    if (existing.length >= this.maxEndpoints)
      return err({
        code: 'too-many-endpoints',
        message: `Je Gemeinde sind höchstens ${this.maxEndpoints} Webhook-Endpunkte möglich. Bitte zuerst einen nicht mehr benötigten entfernen.`,
      });

    const secret = formatSecret(this.randomBytes(SECRET_BYTES));
    const at = now.toISOString();
    for (;;) {
      const endpoint: WebhookEndpoint = {
        id: `ep_${Buffer.from(this.randomBytes(12)).toString('base64url')}`,
        ags,
        url: target.value.href,
        events: events.value,
        ...(email && { coordinatorEmail: email }),
        status: 'active',
        createdAt: at,
        updatedAt: at,
        secrets: [{ secret, createdAt: at }],
      };
      // A clash of 96 random bits does not happen; the loop only keeps the id unique if it did.
      if (await this.store.createEndpoint(endpoint))
        return ok({ endpoint: endpointView(endpoint, now), secret });
    }
  }

  async list(ags: string, now: Date = this.clock()): Promise<readonly WebhookEndpointView[]> {
    if (!AGS.test(ags)) return [];
    return (await this.store.listEndpoints(ags)).map((e) => endpointView(e, now));
  }

  /** A new secret (shown once); the previous one keeps signing for the overlap period. undefined = no such endpoint. */
  async rotate(
    ags: string,
    endpointId: string,
    now: Date = this.clock(),
  ): Promise<{ readonly secret: string; readonly previousSecretValidUntil?: string } | undefined> {
    const endpoint = AGS.test(ags) ? await this.store.getEndpoint(ags, endpointId) : undefined;
    if (!endpoint) return undefined;
    const secret = formatSecret(this.randomBytes(SECRET_BYTES));
    const secrets = rotateSecrets(endpoint.secrets, secret, now, this.overlapMs);
    if (!(await this.store.setSecrets(ags, endpointId, secrets, now))) return undefined;
    const previous = secrets[1]?.expiresAt;
    return { secret, ...(previous !== undefined && { previousSecretValidUntil: previous }) };
  }

  /** false = no such endpoint. Its pending deliveries are cancelled when they come due. */
  async remove(ags: string, endpointId: string): Promise<boolean> {
    return AGS.test(ags) ? this.store.deleteEndpoint(ags, endpointId) : false;
  }

  /** The endpoint's deliveries with their attempt logs, newest first (at most `limit`). undefined = no such endpoint. */
  async deliveries(
    ags: string,
    endpointId: string,
    now: Date = this.clock(),
    limit = 100,
  ): Promise<readonly WebhookDeliveryView[] | undefined> {
    const endpoint = AGS.test(ags) ? await this.store.getEndpoint(ags, endpointId) : undefined;
    if (!endpoint) return undefined;
    const epoch = Math.floor(now.getTime() / 1000);
    // DynamoDB deletes expired items with some delay: hide them already.
    return (await this.store.listDeliveries(ags, endpointId, limit))
      .filter((d) => d.expiresAt > epoch)
      .map(deliveryView);
  }

  // ---- events ---------------------------------------------------------------------------------

  /** One pending delivery per active endpoint of `event.ags` subscribed to `event.type` (idempotent). */
  async enqueue(event: LifecycleEvent, now: Date): Promise<EnqueueSummary> {
    const messageId = messageIdOf(event);
    if (!isWebhookEventType(event.type) || !AGS.test(event.ags))
      return { messageId, created: 0, duplicates: 0 };
    const endpoints = (await this.store.listEndpoints(event.ags)).filter(
      (e) => e.status === 'active' && e.events.includes(event.type),
    );
    const body = JSON.stringify(buildPayload(event, this.apiBaseUrl, this.options.portalUrl));
    const at = now.toISOString();
    let created = 0;
    for (const endpoint of endpoints) {
      const delivery: WebhookDelivery = {
        ags: event.ags,
        endpointId: endpoint.id,
        messageId,
        type: event.type,
        analysisId: event.analysisId,
        jobId: event.jobId,
        body,
        status: 'pending',
        attempts: 0,
        nextAttemptAt: at,
        createdAt: at,
        log: [],
        expiresAt: Math.floor(now.getTime() / 1000) + this.ttlSeconds,
      };
      if (await this.store.createDelivery(delivery)) created += 1;
    }
    return { messageId, created, duplicates: endpoints.length - created };
  }

  /** Sends every delivery due at `now` (at most maxPerDispatch), `concurrency` at a time. Never throws for single deliveries. */
  async dispatchDue(now: Date): Promise<DispatchSummary> {
    const keys = await this.store.dueDeliveries(now, this.maxPerDispatch);
    const endpoints = new Map<string, Promise<WebhookEndpoint | undefined>>();
    const disabled: string[] = [];
    const outcomes = await mapPool(keys, this.concurrency, async (key) => {
      try {
        return await this.attempt(key, now, endpoints, disabled);
      } catch (error) {
        this.reportError(error, key);
        return 'error' as const;
      }
    });
    const count = (o: Outcome) => outcomes.filter((x) => x === o).length;
    return {
      due: keys.length,
      delivered: count('delivered'),
      rescheduled: count('rescheduled'),
      failed: count('failed'),
      cancelled: count('cancelled'),
      skipped: count('skipped'),
      errors: count('error'),
      disabled,
    };
  }

  // ---- internals ------------------------------------------------------------------------------

  /** URL form and addresses: at registration and before every attempt (DNS may have changed). */
  private async checkTarget(
    raw: string,
  ): Promise<Result<{ readonly href: string; readonly address: string }, WebhookRefusal>> {
    const checked = checkWebhookUrl(raw, this.policy);
    if (!checked.ok) return err({ code: 'invalid-url', message: checked.error });
    const target = checked.value;
    let addresses: readonly string[];
    if (target.ipLiteral) addresses = [target.hostname];
    else {
      const resolved = await this.resolveHost(target.hostname);
      if (!resolved.ok) return err({ code: 'unresolvable', message: resolved.error });
      addresses = resolved.value;
    }
    const address = checkResolvedAddresses(target, addresses);
    if (!address.ok) return err({ code: 'forbidden-address', message: address.error });
    return ok({ href: target.href, address: address.value });
  }

  private async attempt(
    key: DeliveryKey,
    now: Date,
    endpoints: Map<string, Promise<WebhookEndpoint | undefined>>,
    disabled: string[],
  ): Promise<Outcome> {
    const token = Buffer.from(this.randomBytes(12)).toString('base64url');
    // The lease covers DNS, the request and the bookkeeping; a crashed attempt is due again afterwards.
    const leaseUntil = new Date(now.getTime() + 2 * this.timeoutMs + 60_000);
    const delivery = await this.store.claimDelivery(key, now, leaseUntil, token);
    if (!delivery) return 'skipped';

    const cacheKey = `${key.ags}/${key.endpointId}`;
    if (!endpoints.has(cacheKey)) endpoints.set(cacheKey, this.store.getEndpoint(key.ags, key.endpointId));
    const endpoint = await endpoints.get(cacheKey);
    if (!endpoint || endpoint.status !== 'active') {
      await this.store.finishAttempt(key, token, { status: 'cancelled' });
      return 'cancelled';
    }

    const number = delivery.attempts + 1;
    const target = await this.checkTarget(endpoint.url);
    let response: WebhookResponse;
    if (!target.ok) response = { error: target.error.message, durationMs: 0 };
    else {
      const headers = signedHeaders(
        signingSecrets(endpoint.secrets, now),
        delivery.messageId,
        now,
        delivery.body,
      );
      response = await this.sendRequest({
        url: target.value.href,
        address: target.value.address,
        headers: { ...headers },
        body: delivery.body,
        timeoutMs: this.timeoutMs,
      });
    }
    const code = response.statusCode;
    const error =
      response.error ??
      (code !== undefined && code >= 300 && code < 400
        ? `Weiterleitung (HTTP ${code}) wird nicht verfolgt.`
        : undefined);
    const attempt: DeliveryAttempt = {
      attempt: number,
      at: now.toISOString(),
      durationMs: response.durationMs,
      ...(code !== undefined && { statusCode: code }),
      ...(error !== undefined && { error }),
    };

    if (code !== undefined && code >= 200 && code < 300) {
      await this.store.finishAttempt(key, token, { status: 'delivered', attempt });
      await this.store.recordSuccess(key.ags, key.endpointId, now);
      return 'delivered';
    }
    if (code === 410) {
      await this.store.finishAttempt(key, token, { status: 'failed', attempt });
      await this.disable(
        endpoint,
        now,
        endpoints,
        disabled,
        'Der Empfänger hat mit HTTP 410 (Gone) geantwortet: Er möchte keine Webhooks mehr erhalten.',
        { cause: 'gone', detail: 'HTTP 410 (Gone)' },
      );
      return 'failed';
    }
    const next = nextAttemptAt(number, now, this.jitter());
    if (next) {
      await this.store.finishAttempt(key, token, {
        status: 'pending',
        attempt,
        nextAttemptAt: next.toISOString(),
      });
      return 'rescheduled';
    }
    await this.store.finishAttempt(key, token, { status: 'failed', attempt });
    // Disable only if nothing reached the endpoint since this delivery began (another one may have).
    const fresh = await this.store.getEndpoint(key.ags, key.endpointId);
    if (
      fresh &&
      fresh.status === 'active' &&
      !(fresh.lastSuccessAt !== undefined && fresh.lastSuccessAt >= delivery.createdAt)
    ) {
      const last = code !== undefined ? `HTTP ${code}` : `„${error ?? 'unbekannter Fehler'}“`;
      const detail = `zuletzt ${last} nach ${MAX_ATTEMPTS} Versuchen`;
      await this.disable(
        fresh,
        now,
        endpoints,
        disabled,
        `Alle ${MAX_ATTEMPTS} Zustellversuche sind fehlgeschlagen (${detail}).`,
        { cause: 'retries-exhausted', detail },
      );
    }
    return 'failed';
  }

  private async disable(
    endpoint: WebhookEndpoint,
    now: Date,
    endpoints: Map<string, Promise<WebhookEndpoint | undefined>>,
    disabled: string[],
    reason: string,
    notice: EndpointDisabledNotice,
  ): Promise<void> {
    const done = await this.store.disableEndpoint(endpoint.ags, endpoint.id, reason, now);
    const at = now.toISOString();
    const updated: WebhookEndpoint = {
      ...endpoint,
      status: 'disabled',
      disabledReason: reason,
      disabledAt: at,
      updatedAt: at,
    };
    endpoints.set(`${endpoint.ags}/${endpoint.id}`, Promise.resolve(updated));
    if (!done) return;
    disabled.push(`${endpoint.ags}/${endpoint.id}`);
    try {
      await this.options.onEndpointDisabled?.(endpointView(updated, now), notice);
    } catch (error) {
      this.reportError(error, { ags: endpoint.ags, endpointId: endpoint.id });
    }
  }

  private reportError(
    error: unknown,
    context: { readonly ags: string; readonly endpointId?: string; readonly messageId?: string },
  ): void {
    try {
      this.options.onError?.(error, context);
    } catch {
      // a broken logger must not break the dispatch
    }
  }
}

function checkEvents(raw: readonly string[]): Result<readonly LifecycleEventType[], WebhookRefusal> {
  const allowed = WEBHOOK_EVENT_TYPES.join(', ');
  if (!Array.isArray(raw) || raw.length === 0)
    return err({ code: 'invalid-events', message: `Bitte mindestens ein Ereignis angeben (${allowed}).` });
  const unknown = raw.find((e) => !isWebhookEventType(e));
  if (unknown !== undefined)
    return err({
      code: 'invalid-events',
      message: `Unbekanntes Ereignis „${String(unknown).slice(0, 40)}“. Erlaubt: ${allowed}.`,
    });
  return ok(WEBHOOK_EVENT_TYPES.filter((t) => raw.includes(t)));
}
