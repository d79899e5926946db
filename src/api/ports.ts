/**
 * The ports of the HTTP API (src/api): who is calling (Principal), signing S3 URLs, enqueueing a
 * regeneration, and administering webhooks. The API's handlers see only these and the core's
 * JobStore / AnalysisDirectory / ObjectStore; adapters live in src/api/aws (AWS) and the local stack.
 */
import type { Context } from 'hono';
import type { UploadEvent } from '../app/upload-event.js';
import type {
  AnalysisDirectory,
  AnalysisRef,
  AnalysisWorkspace,
  JobRecord,
  JobStore,
  LifecycleEventType,
  ObjectStore,
  WaveStore,
} from '../core/ports.js';
import type { Gemeinde } from '../core/model/gemeinden.js';

/** Who calls: a municipality (only its own AGS) or LPR staff (every municipality). */
export type Principal = { readonly kind: 'municipality'; readonly ags: string } | { readonly kind: 'lpr' };

/** Finds the caller of a request; undefined = not authenticated (401). */
export type Authenticator = (c: Context) => Principal | undefined | Promise<Principal | undefined>;

/** Presigned S3 URLs (S3 presigner on AWS and against s3rver). */
export interface UrlSigner {
  /** `contentDisposition`: the Content-Disposition S3 answers with (a download name, `attachment`). */
  signGet(
    bucket: string,
    key: string,
    expiresSec: number,
    options?: { readonly contentDisposition?: string },
  ): Promise<string>;
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

/** An object of the uploads bucket as a listing shows it. */
export interface UploadObject {
  readonly key: string;
  readonly size: number;
  /** ISO time of the last write. */
  readonly lastModified: string;
}

/** The uploads bucket as the API uses it: upload sets are listed, single files removed, everything erased. */
export interface UploadStore {
  listDetailed(prefix: string): Promise<readonly UploadObject[]>;
  delete(keys: readonly string[]): Promise<void>;
  /** Deletes every object (and, on versioned buckets, every version) under `prefix`; returns the number of keys. */
  eraseAll(prefix: string): Promise<number>;
}

/** Which upload set of an analysis is open for files (src/api/upload-sets.ts). Implemented by DynamoJobStore. */
export interface UploadSetDirectory {
  /** The open set, and the set it replaced (submitted before it was replaced). */
  openSetOf(ref: AnalysisRef): Promise<{ readonly open?: string; readonly previous?: string }>;
  /** Records `setId` unless another set than `replacing` was recorded meanwhile; returns the open set. */
  openSet(ref: AnalysisRef, setId: string, replacing: string | undefined, now: Date): Promise<string>;
  clearOpenSet(ref: AnalysisRef, now: Date): Promise<void>;
}

/** Several jobs at once (the progress of a regeneration batch). */
export interface JobLookup {
  getJobs(
    refs: readonly (AnalysisRef & { readonly jobId: string })[],
  ): Promise<readonly (JobRecord | undefined)[]>;
}

/** An audit record: who (a role, never a person), what and when; no personal data. */
export interface AuditEntry extends AnalysisRef {
  readonly auditId: string;
  readonly action: 'uploads.erased';
  readonly actor: 'lpr' | 'municipality';
  /** The municipality that asked (actor `municipality`). */
  readonly actorAgs?: string;
  readonly at: string;
  /** Files erased. */
  readonly files: number;
}

export interface AuditLog {
  record(entry: AuditEntry): Promise<void>;
  list(ref: AnalysisRef): Promise<readonly AuditEntry[]>;
}

/** One analysis of a batch: the upload it repeats and the job that makes (its id derives from both). */
export interface RegenerationItem extends AnalysisRef {
  readonly jobId: string;
  readonly sourceVersion: number;
  readonly requestId: string;
  readonly upload: {
    readonly bucket: string;
    readonly key: string;
    readonly versionId?: string;
    readonly sequencer: string;
    readonly eventTime?: string;
  };
}

/** "Alle neu erstellen": the analyses a batch queued, each with the job its regeneration makes. */
export interface RegenerationBatch {
  readonly batchId: string;
  readonly createdAt: string;
  readonly items: readonly RegenerationItem[];
  readonly skipped: readonly (AnalysisRef & { readonly reason: string })[];
}

export interface BatchStore {
  /** false when a batch with this id exists already. */
  create(batch: RegenerationBatch): Promise<boolean>;
  get(batchId: string): Promise<RegenerationBatch | undefined>;
  /**
   * Reserves the batch regeneration of one report version for `jobId`, so no other batch
   * regenerates the same version again: false when another job holds it (and `replacing` does not
   * name that job).
   */
  reserve(ref: AnalysisRef, version: number, jobId: string, now: Date, replacing?: string): Promise<boolean>;
  /** Who holds the reservation of a version, since when. */
  reservation(
    ref: AnalysisRef,
    version: number,
  ): Promise<{ readonly jobId: string; readonly at: string } | undefined>;
}

export interface ApiDeps {
  readonly jobs: JobStore & AnalysisDirectory & AnalysisWorkspace & UploadSetDirectory & JobLookup;
  /** The uploads bucket: upload sets, erasure, and the mapping assistant (reads the survey file, saves befragung-zuordnung.json). */
  readonly uploads: UploadStore & ObjectStore;
  readonly audit: AuditLog;
  readonly batches: BatchStore;
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
  /** The municipality list (GET /gemeinden, names and Kreise in the portal, download names, checks of analyse.json drafts); default: empty. */
  readonly gemeinden?: readonly Gemeinde[];
  readonly now?: () => Date;
  /** New ids (analysis ids, regeneration request ids); default crypto.randomUUID. */
  readonly newId?: () => string;
  /** Told about unexpected errors (500); the response carries no detail. */
  readonly onError?: (error: unknown, c: Context) => void;
}
