/**
 * The analysis's current report version, read back for the change summary of the next one:
 * its version record (prefix, input hashes, template version) and its analysis.json, parsed with the
 * schema. A version that cannot be compared (no record, no file, or an analysis.json of an older engine
 * that no longer matches the schema) is skipped with a reason; the new version is produced without the
 * changes chapter. Storage errors are thrown (the caller treats them as transient).
 */
import { Analysis, SCHEMA_VERSION } from '../core/analysis/schema.js';
import type { PreviousVersion } from '../core/changes/diff.js';
import type { AnalysisRef, JobStore, ObjectStore } from '../core/ports.js';

export type PreviousLookup =
  | { readonly status: 'none' }
  | { readonly status: 'found'; readonly previous: PreviousVersion }
  | { readonly status: 'skipped'; readonly version: number; readonly reason: string };

export async function loadPreviousVersion(
  deps: { readonly jobs: JobStore; readonly reports: ObjectStore },
  ref: AnalysisRef,
  currentVersion: number | undefined,
): Promise<PreviousLookup> {
  if (currentVersion === undefined) return { status: 'none' };
  const skipped = (reason: string): PreviousLookup => ({
    status: 'skipped',
    version: currentVersion,
    reason,
  });
  const record = (await deps.jobs.listVersions(ref)).find((v) => v.version === currentVersion);
  if (!record) return skipped('no version record');
  const bytes = await deps.reports.get(`${record.prefix}analysis.json`);
  if (!bytes) return skipped('analysis.json missing');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return skipped('analysis.json is not valid JSON');
  }
  const parsed = Analysis.safeParse(json);
  if (!parsed.success)
    return skipped(
      `analysis.json does not match schema ${SCHEMA_VERSION} (written by engine ${engineOf(json)})`,
    );
  return {
    status: 'found',
    previous: {
      version: record.version,
      analysis: parsed.data,
      inputHashes: record.inputHashes,
      templateVersion: record.templateVersion,
    },
  };
}

function engineOf(json: unknown): string {
  const meta =
    typeof json === 'object' && json !== null
      ? (json as { meta?: { engineVersion?: unknown } }).meta
      : undefined;
  return typeof meta?.engineVersion === 'string' ? meta.engineVersion.slice(0, 40) : 'unknown';
}
