/**
 * S3 event notifications as they arrive in an SQS message body (docs/pipeline-design.md, "Flow").
 * Keys arrive URL-encoded with `+` for spaces (`Umfrage+K%C3%B6ln+2024.xlsx`); S3 sends one
 * `s3:TestEvent` when the notification is configured, which is ignored. The API's regeneration
 * messages (`"type": "sia.regeneration"`, src/api/job-message.ts) share the queue and parse to an
 * UploadEvent with `regeneration` set.
 */
import type { S3EventRecord } from 'aws-lambda';
import type { UploadEvent } from '../../src/app/upload-event.js';
import { decodeRegeneration, isRegenerationMessage } from '../../src/api/job-message.js';

export interface ParsedBody {
  readonly uploads: readonly UploadEvent[];
  /** Why records were skipped (test event, other event types), for the log. */
  readonly skipped: readonly string[];
}

/** Thrown for a body that is not an S3 notification at all: retrying cannot help. */
export class MalformedMessageError extends Error {
  readonly retryable = false;
}

export function decodeS3Key(key: string): string {
  return decodeURIComponent(key.replace(/\+/g, ' '));
}

export function parseS3Notification(body: string): ParsedBody {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    throw new MalformedMessageError('message body is not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null)
    throw new MalformedMessageError('message body is not an object');
  if (isRegenerationMessage(parsed)) {
    // A regeneration requested through the API (src/api/job-message.ts): the same upload, a new job.
    const upload = decodeRegeneration(parsed);
    if (!upload) throw new MalformedMessageError('malformed regeneration message');
    return { uploads: [upload], skipped: [] };
  }
  const message = parsed as { Event?: unknown; Records?: unknown };
  if (message.Event === 's3:TestEvent') return { uploads: [], skipped: ['s3:TestEvent'] };
  if (!Array.isArray(message.Records)) throw new MalformedMessageError('message body has no Records');

  const uploads: UploadEvent[] = [];
  const skipped: string[] = [];
  for (const record of message.Records as Partial<S3EventRecord>[]) {
    const name = record.eventName ?? '';
    if (record.eventSource !== 'aws:s3' || !name.startsWith('ObjectCreated:')) {
      skipped.push(`${record.eventSource ?? '?'} ${name || '?'}`);
      continue;
    }
    const bucket = record.s3?.bucket?.name;
    const object = record.s3?.object;
    if (!bucket || !object?.key) throw new MalformedMessageError('S3 record without bucket or key');
    let key: string;
    try {
      key = decodeS3Key(object.key);
    } catch {
      throw new MalformedMessageError('S3 record with a key that is not URL-encoded');
    }
    uploads.push({
      bucket,
      key,
      sequencer: object.sequencer ?? '0',
      ...(typeof record.eventTime === 'string' && { eventTime: record.eventTime }),
      ...(object.versionId && { versionId: object.versionId }),
      ...(object.eTag && { eTag: object.eTag }),
    });
  }
  return { uploads, skipped };
}
