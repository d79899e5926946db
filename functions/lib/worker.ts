/**
 * The worker's logic behind the thin handler: SQS message → S3 notification → processUpload.
 * A message is reported back as a batch item failure (SQS redelivers it after the visibility
 * timeout; after 3 receives it goes to the dead-letter queue) only for transient errors. Every
 * other outcome is recorded in the job table and the message is acknowledged.
 */
import type { Context, SQSBatchItemFailure, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import {
  isRetryable,
  jobIdOf,
  parseUploadKey,
  processUpload,
  type ProcessOutcome,
  type UploadEvent,
} from '../../src/app/process-upload.js';
import type { PdfPrinter } from '../../src/core/ports.js';
import { IN_PROGRESS } from '../../src/adapters/aws/effective-status.js';
import { useReporting } from './reporting.js';
import { useStores } from './stores.js';
import { useOutbox } from './outbox.js';
import { describeError } from './errors.js';
import { logger, metrics, MetricUnit } from './observability.js';
import { INTERNAL_ERROR_REASON } from './reasons.js';
import { MalformedMessageError, parseS3Notification } from './s3-events.js';

export type LambdaContextLike = Pick<Context, 'getRemainingTimeInMillis'> &
  Partial<Pick<Context, 'awsRequestId' | 'functionName'>>;

export async function handleWorkerEvent(
  event: SQSEvent,
  context: LambdaContextLike,
): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchItemFailure[] = [];
  for (const record of event.Records) {
    const ok = await handleRecord(record, context);
    if (!ok) batchItemFailures.push({ itemIdentifier: record.messageId });
  }
  return { batchItemFailures };
}

/** Returns false when the message should be delivered again. */
async function handleRecord(record: SQSRecord, context: LambdaContextLike): Promise<boolean> {
  const receiveCount = Number(record.attributes?.ApproximateReceiveCount ?? 1);
  let uploads: readonly UploadEvent[];
  try {
    const parsed = parseS3Notification(record.body);
    uploads = parsed.uploads;
    if (parsed.skipped.length > 0)
      logger.info('skipped S3 records', { messageId: record.messageId, skipped: parsed.skipped });
  } catch (error) {
    if (error instanceof MalformedMessageError) {
      logger.error('malformed message acknowledged', { messageId: record.messageId, reason: error.message });
      metrics.addMetric('MalformedMessages', MetricUnit.Count, 1);
      return true;
    }
    throw error;
  }

  let ok = true;
  for (const upload of uploads) {
    const started = performance.now();
    const log = {
      messageId: record.messageId,
      receiveCount,
      bucket: upload.bucket,
      key: upload.key,
      versionId: upload.versionId,
      sequencer: upload.sequencer,
    };
    try {
      const outcome = await processOne(upload, context);
      recordOutcome(outcome.outcome, outcome.renderMs);
      const level = outcome.outcome.kind === 'ignored' ? 'warn' : 'info';
      logger[level]('upload processed', {
        ...log,
        outcome: outcome.outcome.kind,
        ...('jobId' in outcome.outcome && { jobId: outcome.outcome.jobId }),
        ...('version' in outcome.outcome && { version: outcome.outcome.version }),
        ...(outcome.outcome.kind === 'ignored' && { reason: outcome.outcome.reason }),
        ...('comparison' in outcome.outcome &&
          outcome.outcome.comparison && { comparison: outcome.outcome.comparison }),
        durationMs: Math.round(performance.now() - started),
        renderMs: Math.round(outcome.renderMs),
      });
    } catch (error) {
      if (isRetryable(error)) {
        logger.warn('transient failure, message will be redelivered', {
          ...log,
          error: describeError(error),
          durationMs: Math.round(performance.now() - started),
        });
        metrics.addMetric('TransientFailures', MetricUnit.Count, 1);
        ok = false;
        continue;
      }
      // A permanent error outside processUpload's own handling: record it, so the upload does not vanish.
      logger.error('permanent failure outside the job logic', { ...log, error: describeError(error) });
      const recorded = await recordFailure(upload, context).then(
        () => true,
        (recordError: unknown) => {
          logger.error('could not record the failure; message will be redelivered', {
            ...log,
            error: describeError(recordError),
          });
          return false;
        },
      );
      metrics.addMetric('JobsFailed', MetricUnit.Count, 1);
      if (!recorded) ok = false;
    }
  }
  return ok;
}

async function processOne(
  upload: UploadEvent,
  context: LambdaContextLike,
): Promise<{ outcome: ProcessOutcome; renderMs: number }> {
  const stores = useStores();
  if (!parseUploadKey(upload.key)) {
    // Not a manifest (or not our key scheme): processUpload ignores it; no need to start Chromium.
    return {
      outcome: await processUpload(upload, {
        ...stores,
        printer: unusedPrinter,
        assets: { templates: {}, fonts: {} },
        templateVersion: '',
        now: () => new Date(),
        leaseMs: 0,
      }),
      renderMs: 0,
    };
  }
  const [reporting, outbox] = await Promise.all([useReporting(stores.config), useOutbox(stores)]);
  const timing = timedPrinter(reporting.printer);
  const outcome = await processUpload(upload, {
    uploads: stores.uploads,
    reports: stores.reports,
    jobs: stores.jobs,
    waves: stores.waves,
    printer: timing.printer,
    assets: reporting.assets,
    templateVersion: reporting.templateVersion,
    now: () => new Date(),
    leaseMs: context.getRemainingTimeInMillis(),
    printTimeoutMs: stores.config.printTimeoutMs,
    ...(outbox && { notifications: outbox }),
    onError: (error) =>
      logger.error('job failed permanently', {
        key: upload.key,
        versionId: upload.versionId,
        error: describeError(error),
      }),
  });
  return { outcome, renderMs: timing.elapsedMs() };
}

function recordOutcome(outcome: ProcessOutcome, renderMs: number): void {
  switch (outcome.kind) {
    case 'ready':
      metrics.addMetric('ReportsReady', MetricUnit.Count, 1);
      metrics.addMetric('RenderMs', MetricUnit.Milliseconds, renderMs);
      break;
    case 'invalid':
      metrics.addMetric('UploadsInvalid', MetricUnit.Count, 1);
      break;
    case 'failed':
      metrics.addMetric('JobsFailed', MetricUnit.Count, 1);
      break;
    case 'superseded':
      metrics.addMetric('UploadsSuperseded', MetricUnit.Count, 1);
      break;
    case 'duplicate':
      metrics.addMetric('Duplicates', MetricUnit.Count, 1);
      break;
    case 'ignored':
      break;
  }
}

/** Marks the upload's job failed (creating it if the error came before the claim). */
async function recordFailure(upload: UploadEvent, context: LambdaContextLike): Promise<void> {
  const ref = parseUploadKey(upload.key);
  if (!ref) return;
  const { jobs } = useStores();
  const jobId = jobIdOf(upload);
  const now = new Date();
  await jobs.claim(
    {
      ...ref,
      jobId,
      sourceBucket: upload.bucket,
      sourceKey: upload.key,
      ...(upload.versionId && { sourceVersionId: upload.versionId }),
      sequencer: upload.sequencer,
    },
    now,
    context.getRemainingTimeInMillis(),
  );
  await jobs.advance({ ...ref, jobId }, IN_PROGRESS, 'failed', now, { reason: INTERNAL_ERROR_REASON });
}

/** Measures the time spent printing for the RenderMs metric. */
function timedPrinter(printer: PdfPrinter): { printer: PdfPrinter; elapsedMs: () => number } {
  let total = 0;
  return {
    printer: {
      warmUp: () => printer.warmUp?.(),
      async print(html, options) {
        const start = performance.now();
        try {
          return await printer.print(html, options);
        } finally {
          total += performance.now() - start;
        }
      },
      close: () => printer.close(),
    },
    elapsedMs: () => total,
  };
}

const unusedPrinter: PdfPrinter = {
  print: () => Promise.reject(new Error('no printer for ignored events')),
  close: () => Promise.resolve(),
};
