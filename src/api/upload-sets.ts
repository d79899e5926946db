/**
 * Upload sets as the API sees them (contract §11; docs/pipeline-design.md, "Upload sets").
 *
 * - The open set of an analysis is recorded on its `META` item (`openSetId`). Upload URLs always
 *   point into it; a set counts as submitted once its `analyse.json` exists, and the next request
 *   for upload URLs opens a new set. So a report is computed from exactly the files sent since the
 *   last submission, and files of earlier sets are never read again.
 * - "The current set" (`GET …/upload-set`): the open set when files were uploaded into it since the
 *   last submission; otherwise the set of the latest submission; for an analysis without any upload
 *   an empty open set (reserved on the spot, so the next upload URLs point into it).
 */
import { randomBytes } from 'node:crypto';
import { MANIFEST, newSetId, parseUploadKey, setManifestKey, setPrefix } from '../app/upload-event.js';
import type { AnalysisRef } from '../core/ports.js';
import type { ApiDeps, UploadObject } from './ports.js';

export interface UploadSetFile {
  readonly name: string;
  readonly size: number;
  readonly uploadedAt: string;
}

export interface UploadSetView {
  readonly setId: string;
  readonly state: 'open' | 'submitted';
  readonly files: readonly UploadSetFile[];
}

type Deps = Pick<ApiDeps, 'jobs' | 'uploads'>;

/** The files directly in a set (no subfolders), as the API shows them. */
async function filesOf(deps: Deps, ref: AnalysisRef, setId: string): Promise<UploadObject[]> {
  const prefix = setPrefix({ ...ref, setId });
  return (await deps.uploads.listDetailed(prefix)).filter((o) => !o.key.slice(prefix.length).includes('/'));
}

const view = (ref: AnalysisRef, setId: string, state: UploadSetView['state'], files: UploadObject[]) => {
  const prefix = setPrefix({ ...ref, setId });
  return {
    setId,
    state,
    files: files.map((f) => ({ name: f.key.slice(prefix.length), size: f.size, uploadedAt: f.lastModified })),
  } satisfies UploadSetView;
};

const submitted = (ref: AnalysisRef, setId: string, files: readonly UploadObject[]): boolean =>
  files.some((f) => f.key === setManifestKey({ ...ref, setId }));

/** The newest submitted set known from the jobs (uploads, not regenerations). */
async function latestSubmittedSet(deps: Deps, ref: AnalysisRef): Promise<string | undefined> {
  const sets = (await deps.jobs.listJobs(ref))
    .filter((j) => j.regenerationRequestId === undefined)
    .map((j) => parseUploadKey(j.sourceKey)?.setId)
    .filter((id): id is string => id !== undefined);
  return sets.sort().at(-1);
}

/** Reserves a new open set (or returns the one a concurrent request reserved). */
function reserve(deps: Deps, ref: AnalysisRef, replacing: string | undefined, now: Date): Promise<string> {
  return deps.jobs.openSet(ref, newSetId(now, randomBytes(6).toString('hex')), replacing, now);
}

/** The set upload URLs point into: the open set while it is not submitted, else a new one. */
export async function setForUpload(deps: Deps, ref: AnalysisRef, now: Date): Promise<string> {
  const { open } = await deps.jobs.openSetOf(ref);
  if (open !== undefined && !submitted(ref, open, await filesOf(deps, ref, open))) return open;
  return reserve(deps, ref, open, now);
}

/** The current set of the analysis (see the module comment). */
export async function currentSet(deps: Deps, ref: AnalysisRef, now: Date): Promise<UploadSetView> {
  const { open, previous } = await deps.jobs.openSetOf(ref);
  const openFiles = open !== undefined ? await filesOf(deps, ref, open) : [];
  const openSubmitted = open !== undefined && submitted(ref, open, openFiles);
  if (open !== undefined && !openSubmitted && openFiles.length > 0) return view(ref, open, 'open', openFiles);
  // set ids sort by creation time: the newest of the submitted open set, the set it replaced and the latest job's set
  const latest = [openSubmitted ? open : undefined, previous, await latestSubmittedSet(deps, ref)]
    .filter((id): id is string => id !== undefined)
    .sort()
    .at(-1);
  if (latest !== undefined)
    return view(ref, latest, 'submitted', latest === open ? openFiles : await filesOf(deps, ref, latest));
  return view(ref, open ?? (await reserve(deps, ref, undefined, now)), 'open', []);
}

export type RemoveResult = 'removed' | 'not-found' | 'submitted';

/** Removes one file from the current set, as long as that set is open. */
export async function removeFile(
  deps: Deps,
  ref: AnalysisRef,
  name: string,
  now: Date,
): Promise<RemoveResult> {
  const current = await currentSet(deps, ref, now);
  if (current.state === 'submitted') return 'submitted';
  if (name === MANIFEST || !current.files.some((f) => f.name === name)) return 'not-found';
  await deps.uploads.delete([`${setPrefix({ ...ref, setId: current.setId })}${name}`]);
  return 'removed';
}
