/**
 * The dead-letter handler's logic: a message that failed its third delivery ends here. Its job is
 * marked `failed` with a German reason (unless it already finished), created as failed if no
 * attempt ever got to claim it, its uncommitted report prefix is deleted, and subscribers are told
 * (`report.failed` by webhook and e-mail, through the outbox: written with the status). Any error keeps the
 * message in the dead-letter queue (its alarm fires; it can be redriven).
 */
import type { SQSBatchItemFailure, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { deleteUncommitted, jobIdOf, parseUploadKey, type UploadEvent } from '../../src/app/upload-event.js';
import { IN_PROGRESS } from '../../src/adapters/aws/effective-status.js';
import { useStores } from './stores.js';
import { randomUUID } from 'node:crypto';
import { useOutbox } from './outbox.js';
import { describeError } from './errors.js';
import { logger, metrics, MetricUnit } from './observability.js';
import { DEAD_LETTER_REASON } from './reasons.js';
import { MalformedMessageError, parseS3Notification } from './s3-events.js';

export async function handleDeadLetterEvent(event: SQSEvent): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchItemFailure[] = [];
  for (const record of event.Records) {
    try {
      const { uploads } = parseS3Notification(record.body);
      for (const upload of uploads) await markFailed(upload, record.messageId);
    } catch (error) {
      if (error instanceof MalformedMessageError) {
        logger.error('malformed dead letter acknowledged', {
          messageId: record.messageId,
          reason: error.message,
        });
        continue;
      }
      logger.error('could not record a dead letter; it stays in the queue', {
        messageId: record.messageId,
        error: describeError(error),
      });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

async function markFailed(upload: UploadEvent, messageId: string): Promise<void> {
  const ref = parseUploadKey(upload.key);
  if (!ref) return;
  const stores = useStores();
  const { jobs, reports } = stores;
  const jobId = jobIdOf(upload);
  const jobRef = { ags: ref.ags, analysisId: ref.analysisId, jobId };
  const outbox = await useOutbox(stores);
  const markFailedNow = async (): Promise<{ marked: boolean; token?: string }> => {
    const now = new Date();
    // the failure and its notification in one write (the outbox retries the notification if it is lost)
    const notify = outbox && {
      event: { type: 'report.failed' as const, ...jobRef, reason: DEAD_LETTER_REASON, at: now.toISOString() },
      token: randomUUID(),
      leaseUntil: outbox.leaseFrom(now).toISOString(),
    };
    const marked = await jobs.advance(jobRef, IN_PROGRESS, 'failed', now, {
      reason: DEAD_LETTER_REASON,
      ...(notify && { notify }),
    });
    return { marked, ...(notify && { token: notify.token }) };
  };
  let result = await markFailedNow();
  let job = await jobs.getJob(jobRef);
  if (!job) {
    // No attempt got as far as claiming the job: create it, so the upload has a visible outcome.
    await jobs.claim(
      {
        ...jobRef,
        sourceBucket: upload.bucket,
        sourceKey: upload.key,
        ...(upload.versionId && { sourceVersionId: upload.versionId }),
        sequencer: upload.sequencer,
        ...(upload.eventTime && { eventTime: upload.eventTime }),
        ...(upload.regeneration && { regenerationRequestId: upload.regeneration.requestId }),
      },
      new Date(),
      0,
    );
    result = await markFailedNow();
    job = await jobs.getJob(jobRef);
  }
  if (job?.version !== undefined) await deleteUncommitted({ jobs, reports }, ref, job.version);
  if (result.marked) {
    metrics.addMetric('JobsFailed', MetricUnit.Count, 1);
    // told once: only the call that moved the job to failed wrote (and now delivers) the notification
    if (outbox && result.token)
      await outbox.deliverWritten(jobRef, result.token).catch((error: unknown) =>
        // written with the status: the dispatcher delivers it once the lease has run out
        logger.warn('notification left to the outbox', { jobId, error: describeError(error) }),
      );
  }
  logger.warn('dead letter recorded', {
    messageId,
    key: upload.key,
    versionId: upload.versionId,
    jobId,
    marked: result.marked,
    status: job?.status,
    version: job?.version,
  });
}
