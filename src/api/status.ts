/** How the API shows job statuses, versions and analyses (German labels for people, codes for programs). */
import type { AnalysisRecord, JobRecord, JobStatus, VersionRecord } from '../core/ports.js';

import { STATUS_TEXT } from '../core/job-status.js';

export { STATUS_TEXT };

export interface JobView {
  readonly jobId: string;
  readonly status: JobStatus;
  readonly statusText: string;
  readonly reason?: string;
  readonly version?: number;
  readonly attempts: number;
  readonly history: readonly { readonly status: JobStatus; readonly at: string }[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

export function jobView(job: JobRecord): JobView {
  return {
    jobId: job.jobId,
    status: job.status,
    statusText: STATUS_TEXT[job.status],
    ...(job.reason !== undefined && { reason: job.reason }),
    ...(job.version !== undefined && { version: job.version }),
    attempts: job.attempts,
    history: job.history,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
  };
}

export function versionView(v: VersionRecord, current: number | undefined) {
  return {
    version: v.version,
    current: v.version === current,
    jobId: v.jobId,
    createdAt: v.createdAt,
    pages: v.pages,
    engineVersion: v.engineVersion,
    templateVersion: v.templateVersion,
    inputHashes: v.inputHashes,
  };
}

export function analysisView(a: AnalysisRecord) {
  return {
    ags: a.ags,
    analysisId: a.analysisId,
    ...(a.currentVersion !== undefined && { currentVersion: a.currentVersion }),
    updatedAt: a.updatedAt,
  };
}
