/**
 * The jobs queue's second message type, next to S3 notifications: a regeneration requested by LPR
 * staff. It names the same object version as the original upload plus a request id, so the worker
 * computes a new job id (jobIdOf) and produces a new report version of the same data.
 *
 * ```json
 * { "type": "sia.regeneration", "requestId": "…", "upload": { "bucket": "…", "key": "uploads/<ags>/<id>/analyse.json",
 *   "versionId": "…", "sequencer": "…", "eventTime": "…" } }
 * ```
 * Unlike S3 notifications, `key` is not URL-encoded.
 */
import { z } from 'zod';
import type { UploadEvent } from '../app/upload-event.js';

export const REGENERATION_MESSAGE_TYPE = 'sia.regeneration';

const messageSchema = z.object({
  type: z.literal(REGENERATION_MESSAGE_TYPE),
  requestId: z.string().min(1).max(128),
  upload: z.object({
    bucket: z.string().min(1),
    key: z.string().min(1),
    versionId: z.string().min(1).optional(),
    eTag: z.string().min(1).optional(),
    sequencer: z.string().regex(/^[0-9A-Fa-f]+$/),
    eventTime: z.string().min(1).max(40).optional(),
  }),
});

/** The message body for a regeneration event (`event.regeneration` must be set). */
export function encodeRegeneration(event: UploadEvent): string {
  if (!event.regeneration) throw new Error('not a regeneration event');
  return JSON.stringify({
    type: REGENERATION_MESSAGE_TYPE,
    requestId: event.regeneration.requestId,
    upload: {
      bucket: event.bucket,
      key: event.key,
      ...(event.versionId && { versionId: event.versionId }),
      ...(event.eTag && { eTag: event.eTag }),
      sequencer: event.sequencer,
      ...(event.eventTime && { eventTime: event.eventTime }),
    },
  });
}

export function isRegenerationMessage(parsed: unknown): boolean {
  return (
    typeof parsed === 'object' &&
    parsed !== null &&
    (parsed as { type?: unknown }).type === REGENERATION_MESSAGE_TYPE
  );
}

/** The upload event of a parsed regeneration message, or undefined when it is malformed. */
export function decodeRegeneration(parsed: unknown): UploadEvent | undefined {
  const r = messageSchema.safeParse(parsed);
  if (!r.success) return undefined;
  const { upload, requestId } = r.data;
  return {
    bucket: upload.bucket,
    key: upload.key,
    sequencer: upload.sequencer,
    ...(upload.versionId !== undefined && { versionId: upload.versionId }),
    ...(upload.eTag !== undefined && { eTag: upload.eTag }),
    ...(upload.eventTime !== undefined && { eventTime: upload.eventTime }),
    regeneration: { requestId },
  };
}
