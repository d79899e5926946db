/**
 * The ports of the HTTP API (src/api): who is calling (Principal), signing S3 URLs, enqueueing a
 * regeneration, and administering webhooks. The API's handlers see only these and the core's
 * JobStore / AnalysisDirectory / ObjectStore; adapters live in src/api/aws (AWS) and the local stack.
 */
import type { Context } from 'hono';
import type { UploadEvent } from '../app/process-upload.js';
import type {
  AnalysisDirectory,
  JobStore,
  LifecycleEventType,
  ObjectStore,
  WaveStore,
} from '../core/ports.js';

/** Who calls: a municipality (only its own AGS) or LPR staff (every municipality). */
export type Principal = { readonly kind: 'municipality'; readonly ags: string } | { readonly kind: 'lpr' };

/** Finds the caller of a request; undefined = not authenticated (401). */
export type Authenticator = (c: Context) => Principal | undefined | Promise<Principal | undefined>;

/** Presigned S3 URLs (S3 presigner on AWS and against s3rver). */
export interface UrlSigner {
  signGet(bucket: string, key: string, expiresSec: number): Promise<string>;
  /** A PUT URL that only accepts exactly `contentLength` bytes of `contentType` (both are signed headers). */
  signPut(
    bucket: string,
    key: string,
    contentLength: number,
    contentType: string,
    expiresSec: number,
  ): Promise<string>;
}

/** The worker's queue: SQS on AWS, the local stack's in-process queue locally. */
export interface JobQueue {
  enqueue(event: UploadEvent): Promise<void>;
}

/** A registered webhook endpoint as the API shows it (never with its secret). */
export interface WebhookEndpointView {
  readonly id: string;
  readonly ags: string;
  readonly url: string;
  readonly events: readonly LifecycleEventType[];
  readonly coordinatorEmail?: string;
  readonly createdAt?: string;
  /** False once the service disabled the endpoint (e.g. after failing for days). */
  readonly active?: boolean;
}

/** One delivery attempt record of a webhook endpoint. */
export interface WebhookDeliveryView {
  readonly id: string;
  readonly type: LifecycleEventType | string;
  readonly status: string;
  readonly attempts: number;
  readonly createdAt?: string;
  readonly lastAttemptAt?: string;
  readonly responseStatus?: number;
  [field: string]: unknown;
}

export interface WebhookRegistration {
  readonly url: string;
  readonly events: readonly LifecycleEventType[];
  readonly coordinatorEmail: string;
}

/**
 * Webhook administration, scoped by AGS: every call names the municipality, and an endpoint of
 * another municipality must read as absent (undefined / false). German `message` in `WebhookAdminError`
 * for refusals the API should pass on (e.g. a URL the service does not accept).
 */
export interface WebhookAdmin {
  register(
    ags: string,
    registration: WebhookRegistration,
  ): Promise<{ readonly endpoint: WebhookEndpointView; readonly secret: string }>;
  list(ags: string): Promise<readonly WebhookEndpointView[]>;
  /** undefined = no such endpoint under this AGS. */
  rotate(ags: string, endpointId: string): Promise<{ readonly secret: string } | undefined>;
  /** false = no such endpoint under this AGS. */
  remove(ags: string, endpointId: string): Promise<boolean>;
  /** undefined = no such endpoint under this AGS. */
  deliveries(ags: string, endpointId: string): Promise<readonly WebhookDeliveryView[] | undefined>;
}

/** A refusal by the webhook service with a German message for the caller (→ 422). */
export class WebhookAdminError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ApiDeps {
  readonly jobs: JobStore & AnalysisDirectory;
  /** Survey waves (issue 16): measures recorded as implemented and the predecessor chosen in the portal. */
  readonly waves?: WaveStore;
  /** The reports bucket (validation reports; existence checks for downloads). */
  readonly reports: ObjectStore;
  readonly uploadsBucket: string;
  readonly reportsBucket: string;
  readonly signer: UrlSigner;
  readonly queue: JobQueue;
  readonly webhooks: WebhookAdmin;
  readonly authenticate: Authenticator;
  readonly now?: () => Date;
  /** New ids (analysis ids, regeneration request ids); default crypto.randomUUID. */
  readonly newId?: () => string;
  /** Told about unexpected errors (500); the response carries no detail. */
  readonly onError?: (error: unknown, c: Context) => void;
}
