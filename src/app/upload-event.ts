/**
 * What identifies an upload and its job, without the report stack: the event shape, the key layout
 * of upload sets (docs/pipeline-design.md, "Upload sets"), job ids and the order of uploads.
 * The API, the dead-letter function and the CLI import this module; only the worker needs
 * process-upload.ts (and with it the whole pipeline).
 *
 * Keys:
 * - `uploads/<ags>/<analyse-id>/sets/<set-id>/<datei>`: one upload set; its `analyse.json`, uploaded
 *   last, submits the set and starts a job that reads exactly the files of this set.
 * - `uploads/<ags>/<analyse-id>/analyse.json` (legacy, before upload sets): the files directly under
 *   the analysis prefix form the set. `sia upload` and the API no longer write there.
 */
import { createHash } from 'node:crypto';
import type { AnalysisRef, JobStore, ObjectStore } from '../core/ports.js';

export interface UploadEvent {
  readonly bucket: string;
  /** Object key of the manifest, already URL-decoded. */
  readonly key: string;
  readonly versionId?: string;
  readonly eTag?: string;
  /** S3 sequencer of the object event (hex); orders events of the same key. */
  readonly sequencer: string;
  /** S3 `eventTime` (ISO): orders uploads of different sets (sequencers order only events of one key). */
  readonly eventTime?: string;
  /** Set when LPR staff regenerate an existing upload: makes a new job (and version) of the same object version. */
  readonly regeneration?: { readonly requestId: string };
}

export interface UploadRef extends AnalysisRef {
  /** The upload set; undefined for the legacy layout (files directly under the analysis). */
  readonly setId?: string;
}

export const MANIFEST = 'analyse.json';
const ID = '[A-Za-z0-9][A-Za-z0-9._-]{0,63}';
export const SET_ID_PATTERN = new RegExp(`^${ID}$`);
const SET_KEY = new RegExp(`^uploads/(\\d{8})/(${ID})/sets/(${ID})/analyse\\.json$`);
const LEGACY_KEY = new RegExp(`^uploads/(\\d{8})/(${ID})/analyse\\.json$`);

/** The analysis (and upload set) of a manifest key; undefined for any other key. */
export function parseUploadKey(key: string): UploadRef | undefined {
  const set = SET_KEY.exec(key);
  if (set?.[1] && set[2] && set[3]) return { ags: set[1], analysisId: set[2], setId: set[3] };
  const legacy = LEGACY_KEY.exec(key);
  return legacy?.[1] && legacy[2] ? { ags: legacy[1], analysisId: legacy[2] } : undefined;
}

export const analysisPrefix = (ref: AnalysisRef): string => `uploads/${ref.ags}/${ref.analysisId}/`;

/** Where the files of an upload set live (ends with `/`). */
export function setPrefix(ref: UploadRef): string {
  return ref.setId === undefined ? analysisPrefix(ref) : `${analysisPrefix(ref)}sets/${ref.setId}/`;
}

export const setManifestKey = (ref: UploadRef): string => `${setPrefix(ref)}${MANIFEST}`;

/** A new upload set id: sortable by creation time, unguessable (`20260512T083000123Z-3f9a1c2b`). */
export function newSetId(now: Date, random: string): string {
  return `${now.toISOString().replace(/[-:.]/g, '')}-${random.replace(/[^A-Za-z0-9]/g, '').slice(0, 12)}`;
}

/** The job's identity: the uploaded object version (or, without versioning, its ETag and sequencer). */
export function jobIdOf(event: UploadEvent): string {
  const upload = event.versionId ?? `${event.eTag ?? ''}:${event.sequencer}`;
  const identity = event.regeneration ? `${upload}#regenerate:${event.regeneration.requestId}` : upload;
  return createHash('sha256').update(`${event.bucket}/${event.key}#${identity}`).digest('hex').slice(0, 32);
}

/** Width of stored sequencers: S3 sequencers are hex of varying length; fixed width makes string order numeric order. */
export const SEQUENCER_WIDTH = 32;

/** `1A2B` → `0000…01A2B` (upper case, SEQUENCER_WIDTH chars). Rejects what is not a hex sequencer. */
export function padSequencer(sequencer: string): string {
  const hex = sequencer.trim().toUpperCase();
  if (!/^[0-9A-F]+$/.test(hex)) throw new Error(`not a hex sequencer: ${JSON.stringify(sequencer)}`);
  const digits = hex.replace(/^0+(?=.)/, '');
  if (digits.length > SEQUENCER_WIDTH)
    throw new Error(`sequencer longer than ${SEQUENCER_WIDTH} hex digits: ${sequencer}`);
  return digits.padStart(SEQUENCER_WIDTH, '0');
}

/**
 * The order of an upload among all uploads of its analysis, as a string whose order is the upload
 * order: `<eventTime>#<padded sequencer>`. S3 orders events of one key by sequencer only; uploads of
 * different sets have different keys, so the event time comes first. Events without a time (tests,
 * hand-made messages) sort before every timed one.
 */
export function uploadOrder(event: Pick<UploadEvent, 'sequencer' | 'eventTime'>): string {
  const seq = padSequencer(event.sequencer || '0');
  const time = event.eventTime && !Number.isNaN(Date.parse(event.eventTime)) ? event.eventTime : undefined;
  return time ? `${new Date(time).toISOString()}#${seq}` : seq;
}

/** Sequencers are hex strings of varying length: compare them as zero-padded numbers. */
export function compareSequencers(a: string, b: string): number {
  const width = Math.max(a.length, b.length);
  const pa = a.toUpperCase().padStart(width, '0');
  const pb = b.toUpperCase().padStart(width, '0');
  return pa < pb ? -1 : pa > pb ? 1 : 0;
}

export function reportPrefix(ref: AnalysisRef, version: number): string {
  return `reports/${ref.ags}/${ref.analysisId}/v${version}/`;
}

/** Deletes a version prefix that has no committed version record (after a final failure). */
export async function deleteUncommitted(
  deps: { readonly reports: ObjectStore; readonly jobs: JobStore },
  ref: AnalysisRef,
  version: number,
): Promise<void> {
  const committed = (await deps.jobs.listVersions(ref)).some((v) => v.version === version);
  if (committed) return;
  const keys = await deps.reports.list(reportPrefix(ref, version));
  if (keys.length > 0) await deps.reports.delete(keys);
}
