/** Seeds the job table and the reports bucket with analyses in known states (real DynamoJobStore and S3). */
import { jobIdOf, reportPrefix, type UploadEvent } from '../../src/app/process-upload.js';
import type { AnalysisRef, JobStore, ObjectStore } from '../../src/core/ports.js';

export const UPLOADS = 'sia-uploads';
export const REPORTS = 'sia-reports';
const T0 = Date.parse('2026-05-01T10:00:00.000Z');
const at = (s: number): Date => new Date(T0 + s * 1000);
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

export function uploadEvent(ref: AnalysisRef, sequencer: string): UploadEvent {
  return {
    bucket: UPLOADS,
    key: `uploads/${ref.ags}/${ref.analysisId}/analyse.json`,
    versionId: `v-${sequencer}`,
    sequencer,
  };
}

/** A finished job with a committed, current report version; returns the job id and version. */
export async function seedReady(
  jobs: JobStore,
  reports: ObjectStore,
  ref: AnalysisRef,
  sequencer: string,
  t = 0,
): Promise<{ jobId: string; version: number }> {
  const event = uploadEvent(ref, sequencer);
  const jobId = jobIdOf(event);
  const jobRef = { ...ref, jobId };
  await jobs.claim(
    {
      ...ref,
      jobId,
      sourceBucket: event.bucket,
      sourceKey: event.key,
      sourceVersionId: event.versionId ?? '',
      sequencer,
    },
    at(t),
    60_000,
  );
  await jobs.advance(jobRef, ['received'], 'validating', at(t + 1));
  await jobs.advance(jobRef, ['validating'], 'analysing', at(t + 2));
  const version = await jobs.assignVersion(jobRef, at(t + 3));
  await jobs.advance(jobRef, ['analysing'], 'rendering', at(t + 3));
  const prefix = reportPrefix(ref, version);
  await reports.put(`${prefix}report.pdf`, bytes(`%PDF-1.7 ${ref.ags} v${version}`), 'application/pdf');
  await reports.put(
    `${prefix}analysis.json`,
    bytes(JSON.stringify({ ags: ref.ags, version })),
    'application/json',
  );
  await reports.put(
    `${prefix}validation.json`,
    bytes(JSON.stringify({ errorCount: 0, warningCount: 1, ags: ref.ags })),
    'application/json',
  );
  await jobs.putVersion({
    ...ref,
    version,
    jobId,
    prefix,
    pages: 12,
    createdAt: at(t + 4).toISOString(),
    engineVersion: '0.1.0',
    templateVersion: 'tpl-1',
    inputHashes: { 'analyse.json': 'ab'.repeat(32) },
  });
  await jobs.promote(ref, version, sequencer, at(t + 4));
  await jobs.advance(jobRef, ['rendering'], 'ready', at(t + 5), { outputPrefix: prefix });
  return { jobId, version };
}

/** A job that ended invalid, with its validation report. */
export async function seedInvalid(
  jobs: JobStore,
  reports: ObjectStore,
  ref: AnalysisRef,
  sequencer: string,
  t = 100,
): Promise<string> {
  const event = uploadEvent(ref, sequencer);
  const jobId = jobIdOf(event);
  const jobRef = { ...ref, jobId };
  await jobs.claim(
    {
      ...ref,
      jobId,
      sourceBucket: event.bucket,
      sourceKey: event.key,
      sourceVersionId: event.versionId ?? '',
      sequencer,
    },
    at(t),
    60_000,
  );
  await jobs.advance(jobRef, ['received'], 'validating', at(t + 1));
  const prefix = `reports/${ref.ags}/${ref.analysisId}/validierung/${jobId}/`;
  await reports.put(
    `${prefix}validation.json`,
    bytes(JSON.stringify({ errorCount: 2, ags: ref.ags, invalid: true })),
    'application/json',
  );
  await jobs.advance(jobRef, ['validating'], 'invalid', at(t + 2), {
    reason: 'Die Daten enthalten 2 Fehler; siehe Prüfbericht.',
    outputPrefix: prefix,
  });
  return jobId;
}
