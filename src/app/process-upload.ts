/**
 * One upload event → at most one report version (docs/pipeline-design.md). Called by the worker
 * Lambda and by the local stack with the same ports: the uploads and reports object stores, the
 * job store and the PDF printer. Transient failures are thrown (the queue redelivers); everything
 * else ends in a recorded status: `invalid`, `ready` or `failed` with a German reason.
 */
import { randomUUID } from 'node:crypto';
import type {
  AnalysisRef,
  InputFile,
  JobStatus,
  JobStore,
  LifecycleEvent,
  OutboxEntry,
  ObjectStore,
  PdfPrinter,
  ReportAssets,
  WaveStore,
} from '../core/ports.js';
import type { ValidationReport } from '../core/validate/issues.js';
import { makeIssue } from '../core/validate/message.js';
import { validateUpload } from '../core/validate/upload.js';
import { produceReport, validationFiles } from './produce-report.js';
import { loadPreviousVersion } from './previous-version.js';
import { predecessorLoader } from './predecessor.js';
import { ENGINE_VERSION } from '../core/version.js';
import {
  deleteUncommitted,
  jobIdOf,
  MANIFEST,
  parseUploadKey,
  reportPrefix,
  setPrefix,
  uploadOrder,
  type UploadEvent,
  type UploadRef,
} from './upload-event.js';
import type { DevelopmentOutcome } from '../core/pipeline.js';

export {
  compareSequencers,
  deleteUncommitted,
  jobIdOf,
  parseUploadKey,
  reportPrefix,
  type UploadEvent,
} from './upload-event.js';

export interface ProcessDeps {
  readonly uploads: ObjectStore;
  readonly reports: ObjectStore;
  readonly jobs: JobStore;
  readonly printer: PdfPrinter;
  readonly assets: ReportAssets;
  readonly templateVersion: string;
  readonly now: () => Date;
  /** How long one attempt owns a job (the function timeout). */
  readonly leaseMs: number;
  readonly printTimeoutMs?: number;
  /**
   * The notification outbox (src/app/outbox.ts): each final status (ready, invalid, failed) is
   * written together with its notification, which is then delivered at once (and retried by the
   * dispatcher if that fails). Without it, jobs run without notifications.
   */
  readonly notifications?: NotificationSink;
  /** Told about the error behind a `failed` outcome (the worker logs it; the outcome carries no detail). */
  readonly onError?: (error: unknown) => void;
  /** Measures and portal-chosen predecessors (issue 16); without it only analyse.json's `vorgaenger` counts. */
  readonly waves?: WaveStore;
}

/** What processUpload needs of the outbox (NotificationOutbox implements it). */
export interface NotificationSink {
  leaseFrom(now: Date): Date;
  deliverWritten(ref: AnalysisRef & { readonly jobId: string }, token: string): Promise<unknown>;
}

export type ProcessOutcome =
  | { readonly kind: 'ignored'; readonly reason: string }
  | { readonly kind: 'duplicate'; readonly jobId: string }
  | {
      readonly kind: 'invalid' | 'ready' | 'failed' | 'superseded';
      readonly jobId: string;
      readonly version?: number;
      /** For `ready` after an earlier version: compared with it (changes.json), or why the comparison was skipped. */
      readonly comparison?: { readonly fromVersion: number; readonly skipped?: string };
      /** For `ready` with a predecessor wave: compared with it, or why not (issue 16). */
      readonly development?: DevelopmentOutcome;
    };

/** Thrown for failures worth another delivery (storage or browser trouble). */
export class TransientError extends Error {
  readonly retryable = true;
}

export function isRetryable(error: unknown): boolean {
  if (error instanceof TransientError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const e = error as {
    retryable?: unknown;
    $retryable?: unknown;
    $metadata?: { httpStatusCode?: number };
    name?: string;
    code?: string;
  };
  if (e.retryable === true || e.$retryable !== undefined) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && (status >= 500 || status === 429)) return true;
  return (
    [
      'TimeoutError',
      'ThrottlingException',
      'ProvisionedThroughputExceededException',
      'RequestTimeout',
      'SlowDown',
      'InternalError',
      'ServiceUnavailable',
    ].includes(e.name ?? '') || ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE'].includes(e.code ?? '')
  );
}

export async function processUpload(event: UploadEvent, deps: ProcessDeps): Promise<ProcessOutcome> {
  const ref = parseUploadKey(event.key);
  if (!ref) return { kind: 'ignored', reason: `not an analysis manifest: ${event.key}` };
  const jobId = jobIdOf(event);
  const jobRef = { ...ref, jobId };
  const now = deps.now;

  const { claimed, job } = await deps.jobs.claim(
    {
      ...ref,
      jobId,
      sourceBucket: event.bucket,
      sourceKey: event.key,
      ...(event.versionId && { sourceVersionId: event.versionId }),
      sequencer: event.sequencer,
      ...(event.eventTime && { eventTime: event.eventTime }),
      ...(event.regeneration && { regenerationRequestId: event.regeneration.requestId }),
    },
    now(),
    deps.leaseMs,
  );
  if (!claimed) return { kind: 'duplicate', jobId };

  const analysis = await deps.jobs.getAnalysis(ref);
  const order = uploadOrder(event);
  // A regeneration was asked for explicitly: it runs even for an older set (its version then does not become current).
  if (!event.regeneration && analysis?.currentSequencer !== undefined && analysis.currentSequencer > order) {
    await deps.jobs.advance(jobRef, ['received'], 'failed', now(), {
      reason:
        'Nicht verarbeitet: Für diese Analyse wurde bereits eine neuere Fassung hochgeladen und ausgewertet.',
    });
    return { kind: 'superseded', jobId };
  }

  let version = job.version;
  try {
    await deps.jobs.advance(
      jobRef,
      ['received', 'validating', 'analysing', 'rendering'],
      'validating',
      now(),
    );
    const inputs = await readUploadSet(event, ref, deps.uploads);
    const foreign = await foreignManifest(inputs, ref);
    if (foreign) return await recordInvalid(deps, jobRef, foreign);
    const lookup = await loadPreviousVersion(deps, ref, analysis?.currentVersion);
    let advanced: Promise<boolean> = Promise.resolve(true);
    const outcome = await produceReport(inputs, {
      printer: deps.printer,
      assets: deps.assets,
      templateVersion: deps.templateVersion,
      now,
      ...(deps.printTimeoutMs !== undefined && { printTimeoutMs: deps.printTimeoutMs }),
      ...(lookup.status === 'found' && { previous: lookup.previous }),
      analysisId: ref.analysisId,
      predecessor: predecessorLoader(deps, ref),
      // version is assigned once validation passed; produceReport asks for it lazily through onPhase
      onPhase: (phase) => {
        if (phase === 'analyse')
          advanced = advanced.then(() =>
            deps.jobs.advance(jobRef, ['validating', 'analysing'], 'analysing', now()),
          );
        if (phase === 'html')
          advanced = advanced.then(() =>
            deps.jobs.advance(jobRef, ['analysing', 'rendering'], 'rendering', now()),
          );
        // awaited below; this branch only keeps a rejection from going unhandled when produceReport throws first
        advanced.catch(() => undefined);
      },
      versionFor: async () => {
        version ??= await deps.jobs.assignVersion(jobRef, now());
        return version;
      },
    });
    await advanced;

    if (outcome.status === 'invalid') return await recordInvalid(deps, jobRef, outcome.validation);

    const assigned = outcome.provenance.version;
    const prefix = reportPrefix(ref, assigned);
    await putAll(deps.reports, prefix, outcome.files);
    await deps.jobs.putVersion({
      ...ref,
      version: assigned,
      jobId,
      prefix,
      pages: outcome.provenance.pages,
      createdAt: outcome.provenance.generatedAt,
      engineVersion: ENGINE_VERSION,
      templateVersion: deps.templateVersion,
      inputHashes: Object.fromEntries(outcome.provenance.inputs.map((i) => [i.name, i.sha256])),
    });
    await deps.jobs.promote(ref, assigned, order, now());
    await finish(deps, jobRef, ['rendering'], 'ready', { outputPrefix: prefix }, { version: assigned });
    const comparison =
      lookup.status === 'skipped'
        ? { fromVersion: lookup.version, skipped: lookup.reason }
        : outcome.changes
          ? { fromVersion: outcome.changes.fromVersion }
          : undefined;
    return {
      kind: 'ready',
      jobId,
      version: assigned,
      ...(comparison && { comparison }),
      ...(outcome.development.status !== 'none' && { development: outcome.development }),
    };
  } catch (error) {
    if (isRetryable(error)) {
      await deps.jobs.releaseLease(jobRef, now()).catch(() => undefined);
      throw error;
    }
    deps.onError?.(error);
    if (version !== undefined) await deleteUncommitted(deps, ref, version).catch(() => undefined);
    const reason =
      'Der Bericht konnte wegen eines internen Fehlers nicht erstellt werden. Das LPR-Team wurde informiert.';
    await finish(deps, jobRef, ['received', 'validating', 'analysing', 'rendering'], 'failed', { reason });
    return { kind: 'failed', jobId, ...(version !== undefined && { version }) };
  }
}

const EVENT_OF = { ready: 'report.ready', invalid: 'analysis.invalid', failed: 'report.failed' } as const;

/**
 * Records a final status together with its notification (one conditional write), then delivers the
 * notification. Notifications never decide a job's outcome: a delivery that fails is reported and
 * left to the outbox's retries.
 */
async function finish(
  deps: ProcessDeps,
  jobRef: AnalysisRef & { readonly jobId: string },
  from: readonly JobStatus[],
  to: keyof typeof EVENT_OF,
  extra: { readonly reason?: string; readonly outputPrefix?: string },
  event: { readonly version?: number } = {},
): Promise<void> {
  const at = deps.now();
  const notify: OutboxEntry | undefined = deps.notifications && {
    event: {
      type: EVENT_OF[to],
      ...jobRef,
      ...(extra.reason !== undefined && { reason: extra.reason }),
      ...event,
      at: at.toISOString(),
    } satisfies LifecycleEvent,
    token: randomUUID(),
    leaseUntil: deps.notifications.leaseFrom(at).toISOString(),
  };
  const written = await deps.jobs.advance(jobRef, from, to, at, { ...extra, ...(notify && { notify }) });
  if (!written || !notify || !deps.notifications) return;
  try {
    await deps.notifications.deliverWritten(jobRef, notify.token);
  } catch (error) {
    deps.onError?.(error);
  }
}

/** Records an invalid upload: its validation report under `validierung/<jobId>/`, then the status. */
async function recordInvalid(
  deps: ProcessDeps,
  jobRef: AnalysisRef & { readonly jobId: string },
  validation: ValidationReport,
): Promise<ProcessOutcome> {
  const prefix = `reports/${jobRef.ags}/${jobRef.analysisId}/validierung/${jobRef.jobId}/`;
  await putAll(deps.reports, prefix, validationFiles(validation));
  const reason = `Die Daten enthalten ${validation.errorCount} Fehler; siehe Prüfbericht.`;
  await finish(deps, jobRef, ['validating'], 'invalid', { reason, outputPrefix: prefix });
  return { kind: 'invalid', jobId: jobRef.jobId };
}

/**
 * Contract §11: the manifest's `kommune.ags` must be the municipality the upload belongs to. A
 * manifest naming another one is refused with the whole validation report plus this error (a
 * manifest that cannot be read at all is left to the validation itself).
 */
async function foreignManifest(
  inputs: readonly InputFile[],
  ref: AnalysisRef,
): Promise<ValidationReport | undefined> {
  const manifest = inputs.find((f) => f.name === MANIFEST);
  if (!manifest) return undefined;
  let ags: unknown;
  try {
    const json = JSON.parse(new TextDecoder().decode(manifest.bytes).replace(/^\uFEFF/, '')) as {
      kommune?: { ags?: unknown };
    };
    ags = json.kommune?.ags;
  } catch {
    return undefined;
  }
  if (ags === undefined || ags === null || String(ags) === ref.ags) return undefined;
  const { report } = await validateUpload(inputs);
  const issue = makeIssue({
    severity: 'error',
    code: 'ags-foreign',
    file: MANIFEST,
    column: 'kommune.ags',
    field: true,
    value: String(ags),
    expected: ref.ags,
    text: `Wert „${String(ags).slice(0, 20)}“ passt nicht zu diesem Upload: Er gehört zur Gemeinde mit dem Schlüssel ${ref.ags}. Eine Analyse kann nur für die eigene Gemeinde eingereicht werden; bitte den Gemeindeschlüssel in analyse.json prüfen.`,
  });
  return {
    ...report,
    valid: false,
    errorCount: report.errorCount + 1,
    issues: [issue, ...report.issues],
  };
}

/**
 * The files of the event's upload set (contract §11): exactly the objects directly under the set's
 * prefix, the manifest in the version the event names. Files of other sets are never read.
 */
async function readUploadSet(event: UploadEvent, ref: UploadRef, uploads: ObjectStore): Promise<InputFile[]> {
  const prefix = setPrefix(ref);
  const keys = (await uploads.list(prefix)).filter((k) => !k.slice(prefix.length).includes('/'));
  const files = await Promise.all(
    keys.map(async (key): Promise<InputFile | undefined> => {
      const bytes =
        key === event.key && event.versionId && uploads.getVersion
          ? await uploads.getVersion(key, event.versionId)
          : await uploads.get(key);
      return bytes && { name: key.slice(prefix.length), bytes };
    }),
  );
  return files.filter((f): f is InputFile => f !== undefined);
}

/** Parallel puts per report version (about 100 files with the table CSVs); S3 takes far more per prefix. */
const PUT_CONCURRENCY = 8;

/** Writes all files, PUT_CONCURRENCY at a time; the first failure is thrown once every started put has ended. */
async function putAll(
  store: ObjectStore,
  prefix: string,
  files: readonly { path: string; contentType: string; bytes: Uint8Array }[],
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const lane = async (): Promise<void> => {
    while (failure === undefined && next < files.length) {
      const f = files[next++]!;
      try {
        await store.put(prefix + f.path, f.bytes, f.contentType);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PUT_CONCURRENCY, files.length) }, lane));
  if (failure) throw failure.error;
}
