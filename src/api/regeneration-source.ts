/**
 * Which upload a regeneration repeats (contract §11: a version is computed from exactly one upload
 * set): by default the set of the analysis's current version, or the set of a named version, or a
 * named upload set — never whatever was uploaded last (a later invalid upload never becomes a
 * version, so it is never regenerated). The set's files must still be there.
 */
import { parseUploadKey, setPrefix, type UploadEvent } from '../app/upload-event.js';
import type { AnalysisRef, JobRecord } from '../core/ports.js';
import type { ApiDeps } from './ports.js';

export const REGENERATION_MESSAGES = {
  noValidVersion:
    'Für diese Analyse gibt es keine gültige Berichtsversion, die neu erstellt werden könnte. Bitte zuerst gültige Daten hochladen.',
  versionNotFound: (n: number) => `Die Berichtsversion ${n} wurde nicht gefunden.`,
  setNotFound: (id: string) => `Den Upload-Satz „${id}“ gibt es für diese Analyse nicht.`,
  setNotSubmitted: (id: string) =>
    `Der Upload-Satz „${id}“ wurde noch nicht eingereicht (analyse.json fehlt) und kann nicht neu erstellt werden.`,
  filesGone:
    'Die hochgeladenen Dateien dieses Upload-Satzes sind nicht mehr vorhanden (gelöscht oder nach Ablauf der Aufbewahrungsfrist entfernt). Für einen neuen Bericht müssen die Daten neu hochgeladen werden.',
} as const;

export interface RegenerationSource {
  /** The upload to repeat (without the regeneration's request id). */
  readonly event: UploadEvent;
  readonly sourceJobId: string;
  /** The version whose set is repeated (absent for a named set that never became a version). */
  readonly sourceVersion?: number;
  readonly uploadSetId?: string;
}

export type SourceResult =
  | { readonly ok: true; readonly source: RegenerationSource }
  | { readonly ok: false; readonly status: 404 | 409; readonly message: string };

const refuse = (status: 404 | 409, message: string): SourceResult => ({ ok: false, status, message });

export async function regenerationSource(
  deps: Pick<ApiDeps, 'jobs' | 'uploads'>,
  ref: AnalysisRef,
  pick: { readonly version?: number; readonly uploadSetId?: string } = {},
): Promise<SourceResult> {
  const [analysis, versions] = await Promise.all([deps.jobs.getAnalysis(ref), deps.jobs.listVersions(ref)]);
  if (versions.length === 0) return refuse(409, REGENERATION_MESSAGES.noValidVersion);

  let job: JobRecord | undefined;
  let sourceVersion: number | undefined;
  if (pick.uploadSetId !== undefined) {
    const setId = pick.uploadSetId;
    const ofSet = (await deps.jobs.listJobs(ref)).filter((j) => parseUploadKey(j.sourceKey)?.setId === setId);
    job = ofSet.filter((j) => j.regenerationRequestId === undefined).at(-1) ?? ofSet.at(-1);
    if (!job) {
      const files = await deps.uploads.listDetailed(setPrefix({ ...ref, setId }));
      return files.length > 0
        ? refuse(409, REGENERATION_MESSAGES.setNotSubmitted(setId))
        : refuse(404, REGENERATION_MESSAGES.setNotFound(setId));
    }
    sourceVersion = versions.filter((v) => v.jobId === job?.jobId).at(-1)?.version;
  } else {
    const wanted = pick.version ?? analysis?.currentVersion ?? versions.at(-1)?.version;
    const version = versions.find((v) => v.version === wanted);
    if (!version) return refuse(404, REGENERATION_MESSAGES.versionNotFound(wanted ?? 0));
    sourceVersion = version.version;
    job = await deps.jobs.getJob({ ...ref, jobId: version.jobId });
    // job records expire after the job retention; by then the raw upload has long expired too
    if (!job) return refuse(409, REGENERATION_MESSAGES.filesGone);
  }
  const manifest = await deps.uploads.listDetailed(job.sourceKey);
  if (!manifest.some((o) => o.key === job.sourceKey)) return refuse(409, REGENERATION_MESSAGES.filesGone);
  const setId = parseUploadKey(job.sourceKey)?.setId;
  return {
    ok: true,
    source: {
      event: {
        bucket: job.sourceBucket,
        key: job.sourceKey,
        ...(job.sourceVersionId !== undefined && { versionId: job.sourceVersionId }),
        sequencer: job.sequencer,
        ...(job.eventTime !== undefined && { eventTime: job.eventTime }),
      },
      sourceJobId: job.jobId,
      ...(sourceVersion !== undefined && { sourceVersion }),
      ...(setId !== undefined && { uploadSetId: setId }),
    },
  };
}
