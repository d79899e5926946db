/**
 * Keys and attribute conventions of the single job table (docs/pipeline-design.md, "DynamoDB").
 * Every item of one analysis shares its partition: the analysis `META`, its jobs and its versions.
 */
import type { AnalysisRef } from '../../core/ports.js';

/** Width of stored sequencers: S3 sequencers are hex of varying length; fixed width makes string order numeric order. */
export const SEQUENCER_WIDTH = 32;
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

/** `1A2B` → `0000…01A2B` (upper case, SEQUENCER_WIDTH chars). Rejects what is not a hex sequencer. */
export function padSequencer(sequencer: string): string {
  const hex = sequencer.trim().toUpperCase();
  if (!/^[0-9A-F]+$/.test(hex)) throw new Error(`not a hex sequencer: ${JSON.stringify(sequencer)}`);
  const digits = hex.replace(/^0+(?=.)/, '');
  if (digits.length > SEQUENCER_WIDTH)
    throw new Error(`sequencer longer than ${SEQUENCER_WIDTH} hex digits: ${sequencer}`);
  return digits.padStart(SEQUENCER_WIDTH, '0');
}
