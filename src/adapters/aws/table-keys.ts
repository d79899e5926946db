/**
 * Keys and attribute conventions of the single job table (docs/pipeline-design.md, "DynamoDB").
 * Every item of one analysis shares its partition: the analysis `META`, its jobs and its versions.
 */
import type { AnalysisRef } from '../../core/ports.js';
import { padSequencer, SEQUENCER_WIDTH } from '../../app/upload-event.js';

/** Width of version numbers in sort keys (`VERSION#00001`), so versions sort numerically. */
export const VERSION_WIDTH = 5;
/** Jobs expire (DynamoDB TTL on `expiresAt`) one year after they were created. */
export const JOB_TTL_SECONDS = 365 * 24 * 60 * 60;
/** Name of the GSI over (`status`, `updatedAt`). Only job items carry `status`. */
export const STATUS_INDEX = 'byStatus';

export const analysisPk = (ref: AnalysisRef): string => `ANALYSIS#${ref.ags}#${ref.analysisId}`;
export const META_SK = 'META';
export const JOB_PREFIX = 'JOB#';
export const VERSION_PREFIX = 'VERSION#';
export const jobSk = (jobId: string): string => `${JOB_PREFIX}${jobId}`;
export const versionSk = (version: number): string =>
  `${VERSION_PREFIX}${String(version).padStart(VERSION_WIDTH, '0')}`;

export { padSequencer, SEQUENCER_WIDTH };

/**
 * What `promote` stores as `currentSequencer`: the upload order (src/app/upload-event.ts,
 * `<eventTime>#<padded sequencer>`) as it is, or a bare hex sequencer padded to SEQUENCER_WIDTH.
 */
export function orderKey(order: string): string {
  if (/^\d{4}-\d\d-\d\dT[\d:.]+Z#[0-9A-F]+$/.test(order)) return order;
  return padSequencer(order);
}

/**
 * The notification outbox lives on the job item (src/adapters/dynamo-outbox-store.ts): a pending
 * notification carries `webhookDue = "OUTBOX"` and `nextAttemptAt`, so the sparse GSI `webhooksDue`
 * (src/adapters/webhooks/table-keys.ts) lists it next to the webhook deliveries, under its own key.
 */
export const OUTBOX_PARTITION = 'OUTBOX';

/** `ANALYSIS#<ags>#<id>` + `JOB#<jobId>` → the job's reference; undefined for other keys. */
export function jobKeyOf(pk: unknown, sk: unknown): (AnalysisRef & { jobId: string }) | undefined {
  const p = typeof pk === 'string' ? /^ANALYSIS#(\d{8})#(.+)$/.exec(pk) : null;
  const s = typeof sk === 'string' && sk.startsWith(JOB_PREFIX) ? sk.slice(JOB_PREFIX.length) : undefined;
  return p?.[1] && p[2] && s ? { ags: p[1], analysisId: p[2], jobId: s } : undefined;
}
