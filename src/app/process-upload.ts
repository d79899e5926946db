/**
 * One upload event → at most one report version (docs/pipeline-design.md). Called by the worker
 * Lambda and by the local stack with the same ports: the uploads and reports object stores, the
 * job store and the PDF printer. Transient failures are thrown (the queue redelivers); everything
 * else ends in a recorded status: `invalid`, `ready` or `failed` with a German reason.
 */
import { createHash } from 'node:crypto';
import type {
  AnalysisRef,
  InputFile,
  JobStore,
  LifecycleEvent,
  Notifier,
  ObjectStore,
  PdfPrinter,
  ReportAssets,
  WaveStore,
} from '../core/ports.js';
import { produceReport, validationFiles } from './produce-report.js';
import { loadPreviousVersion } from './previous-version.js';
import { predecessorLoader } from './predecessor.js';
import { ENGINE_VERSION } from '../core/version.js';
import type { DevelopmentOutcome } from '../core/pipeline.js';

export interface UploadEvent {
  readonly bucket: string;
  /** Object key, already URL-decoded: `uploads/<ags>/<analyse-id>/analyse.json`. */
  readonly key: string;
  readonly versionId?: string;
  readonly eTag?: string;
  /** S3 sequencer of the object event (hex); orders events of the same key. */
  readonly sequencer: string;
  /** Set when LPR staff regenerate an existing upload: makes a new job (and version) of the same object version. */
  readonly regeneration?: { readonly requestId: string };
}

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
  /** Told once a job's final status (ready, invalid, failed) is recorded. */
  readonly notifier?: Notifier;
  /** Told about the error behind a `failed` outcome (the worker logs it; the outcome carries no detail). */
  readonly onError?: (error: unknown) => void;
  /** Measures and portal-chosen predecessors (issue 16); without it only analyse.json's `vorgaenger` counts. */
  readonly waves?: WaveStore;
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

const KEY_PATTERN = /^uploads\/(\d{8})\/([A-Za-z0-9][A-Za-z0-9._-]{0,63})\/analyse\.json$/;

export function parseUploadKey(key: string): AnalysisRef | undefined {
  const m = KEY_PATTERN.exec(key);
  return m?.[1] && m[2] ? { ags: m[1], analysisId: m[2] } : undefined;
}

/** The job's identity: the uploaded object version (or, without versioning, its ETag and sequencer). */
export function jobIdOf(event: UploadEvent): string {
  const upload = event.versionId ?? `${event.eTag ?? ''}:${event.sequencer}`;
  const identity = event.regeneration ? `${upload}#regenerate:${event.regeneration.requestId}` : upload;
  return createHash('sha256').update(`${event.bucket}/${event.key}#${identity}`).digest('hex').slice(0, 32);
}

/** Sequencers are hex strings of varying length: compare them as zero-padded numbers. */
export function compareSequencers(a: string, b: string): number {
  const width = Math.max(a.length, b.length);
  const pa = a.toUpperCase().padStart(width, '0');
  const pb = b.toUpperCase().padStart(width, '0');
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

export function reportPrefix(ref: AnalysisRef, version: number): string {
  return `reports/${ref.ags}/${ref.analysisId}/v${version}/`;
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
    },
    now(),
    deps.leaseMs,
  );
  if (!claimed) return { kind: 'duplicate', jobId };

  const analysis = await deps.jobs.getAnalysis(ref);
  if (
    analysis?.currentSequencer !== undefined &&
    compareSequencers(analysis.currentSequencer, event.sequencer) > 0
  ) {
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
    const inputs = await readUpload(event, ref, deps.uploads);
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

    if (outcome.status === 'invalid') {
      const prefix = `reports/${ref.ags}/${ref.analysisId}/validierung/${jobId}/`;
      await putAll(deps.reports, prefix, validationFiles(outcome.validation));
      const reason = `Die Daten enthalten ${outcome.validation.errorCount} Fehler; siehe Prüfbericht.`;
      await deps.jobs.advance(jobRef, ['validating'], 'invalid', now(), { reason, outputPrefix: prefix });
      await tell(deps, { type: 'analysis.invalid', ...jobRef, reason, at: now().toISOString() });
      return { kind: 'invalid', jobId };
    }

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
    await deps.jobs.promote(ref, assigned, event.sequencer, now());
    await deps.jobs.advance(jobRef, ['rendering'], 'ready', now(), { outputPrefix: prefix });
    await tell(deps, { type: 'report.ready', ...jobRef, version: assigned, at: now().toISOString() });
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
    await deps.jobs.advance(jobRef, ['received', 'validating', 'analysing', 'rendering'], 'failed', now(), {
      reason,
    });
    await tell(deps, { type: 'report.failed', ...jobRef, reason, at: now().toISOString() });
    return { kind: 'failed', jobId, ...(version !== undefined && { version }) };
  }
}

/** Notifications never decide a job's outcome: a notifier that fails is reported and the job stays as recorded. */
async function tell(deps: ProcessDeps, event: LifecycleEvent): Promise<void> {
  if (!deps.notifier) return;
  try {
    await deps.notifier.notify(event);
  } catch (error) {
    deps.onError?.(error);
  }
}

/** Deletes a version prefix that has no committed version record (after a final failure). */
export async function deleteUncommitted(
  deps: Pick<ProcessDeps, 'reports' | 'jobs'>,
  ref: AnalysisRef,
  version: number,
): Promise<void> {
  const committed = (await deps.jobs.listVersions(ref)).some((v) => v.version === version);
  if (committed) return;
  const keys = await deps.reports.list(reportPrefix(ref, version));
  if (keys.length > 0) await deps.reports.delete(keys);
}

async function readUpload(event: UploadEvent, ref: AnalysisRef, uploads: ObjectStore): Promise<InputFile[]> {
  const prefix = `uploads/${ref.ags}/${ref.analysisId}/`;
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
