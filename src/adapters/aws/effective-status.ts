/**
 * What a job's status means when it is read: an in-progress job whose lease has run out counts as
 * failed (docs/pipeline-design.md, "Status"). The record itself is not rewritten: the next delivery
 * of its message may still take it over, and the dead-letter handler records the final failure.
 */
import type { JobRecord, JobStatus } from '../../core/ports.js';

export const IN_PROGRESS: readonly JobStatus[] = ['received', 'validating', 'analysing', 'rendering'];
export const TERMINAL: readonly JobStatus[] = ['invalid', 'ready', 'failed'];

export const TIMEOUT_REASON = 'Zeitüberschreitung: Die Verarbeitung wurde nicht rechtzeitig abgeschlossen.';

export function isInProgress(status: JobStatus): boolean {
  return IN_PROGRESS.includes(status);
}

/** The status (and reason) a reader should see at `now`. Pure. */
export function effectiveStatus(
  job: Pick<JobRecord, 'status' | 'reason' | 'leaseUntil'>,
  now: Date,
): { readonly status: JobStatus; readonly reason?: string } {
  if (
    isInProgress(job.status) &&
    job.leaseUntil !== undefined &&
    Date.parse(job.leaseUntil) < now.getTime()
  ) {
    return { status: 'failed', reason: TIMEOUT_REASON };
  }
  return { status: job.status, ...(job.reason !== undefined && { reason: job.reason }) };
}

/** The job as a reader sees it at `now` (status and reason replaced when the lease ran out). */
export function withEffectiveStatus(job: JobRecord, now: Date): JobRecord {
  const effective = effectiveStatus(job, now);
  if (effective.status === job.status) return job;
  const { reason: _old, ...rest } = job;
  return { ...rest, ...effective };
}
