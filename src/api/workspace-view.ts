/**
 * How the portal's workspace sees an analysis (GET /workspace/analyses): the municipality's name and
 * Kreis, the title, the status in one word, versions, last upload, open problems, and whether the LPR
 * may regenerate it. Built from the store's overview (one read for a whole list) and, per analysis,
 * the counts of its latest validation report.
 */
import { STATUS_TEXT } from '../core/job-status.js';
import type { Gemeinde } from '../core/model/gemeinden.js';
import type { AnalysisOverview, AnalysisRef, JobStatus, JobSummary } from '../core/ports.js';
import type { ApiDeps } from './ports.js';

const ACTIVE: readonly JobStatus[] = ['received', 'validating', 'analysing', 'rendering'];

export interface ProblemCounts {
  readonly errors: number;
  readonly warnings: number;
}

export interface AnalysisEntry {
  readonly ags: string;
  readonly analysisId: string;
  readonly title?: string;
  readonly archived: boolean;
  readonly gemeinde: { readonly name: string; readonly kreis: string; readonly kreisKey: string } | null;
  readonly status: JobStatus | 'waiting';
  readonly statusText: string;
  readonly reason?: string;
  readonly currentVersion?: number;
  readonly versions: readonly {
    readonly version: number;
    readonly createdAt: string;
    readonly pages: number;
    readonly current: boolean;
  }[];
  readonly jobCount: number;
  /** When the files of the latest upload arrived (a regeneration repeats an upload and is not one). */
  readonly lastUploadAt?: string;
  readonly updatedAt: string;
  /** Errors and warnings of the latest finished check; null before the first check. */
  readonly problems: ProblemCounts | null;
  /** A report can be made again: there is a current (valid) version and nothing is running. */
  readonly regenerable: boolean;
}

const gemeindeIndexCache = new WeakMap<readonly Gemeinde[], ReadonlyMap<string, Gemeinde>>();

export function gemeindeOf(deps: Pick<ApiDeps, 'gemeinden'>, ags: string): Gemeinde | undefined {
  const list = deps.gemeinden;
  if (!list) return undefined;
  let index = gemeindeIndexCache.get(list);
  if (!index) {
    index = new Map(list.map((g) => [g.ags, g]));
    gemeindeIndexCache.set(list, index);
  }
  return index.get(ags);
}

export const gemeindeName = (deps: Pick<ApiDeps, 'gemeinden'>, ags: string): string | undefined =>
  gemeindeOf(deps, ags)?.name;

/** S3 sequencers are hex of varying length: compare by length, then by digits. */
function compareSequencers(a: string, b: string): number {
  const x = a.replace(/^0+/, '').toUpperCase();
  const y = b.replace(/^0+/, '').toUpperCase();
  return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
}

/** The upload time of the newest upload: the first job of the greatest sequencer. */
export function lastUploadAt(jobs: readonly JobSummary[]): string | undefined {
  let best: JobSummary | undefined;
  for (const j of jobs) {
    const order = best === undefined ? 1 : compareSequencers(j.sequencer, best.sequencer);
    if (order > 0 || (order === 0 && best !== undefined && j.createdAt < best.createdAt)) best = j;
  }
  return best?.createdAt;
}

/** The latest job that has a validation report (a finished check). */
export function checkedJob(jobs: readonly JobSummary[]): JobSummary | undefined {
  const latest = jobs.at(-1);
  return latest && latest.outputPrefix !== undefined && !ACTIVE.includes(latest.status) ? latest : undefined;
}

export function entryOf(
  deps: Pick<ApiDeps, 'gemeinden'>,
  o: AnalysisOverview,
  problems: ProblemCounts | null,
): AnalysisEntry {
  const a = o.analysis;
  const latest = o.jobs.at(-1);
  const g = gemeindeOf(deps, a.ags);
  const upload = lastUploadAt(o.jobs);
  const status = latest?.status ?? 'waiting';
  return {
    ags: a.ags,
    analysisId: a.analysisId,
    ...(a.title !== undefined && { title: a.title }),
    archived: a.archived === true,
    gemeinde: g ? { name: g.name, kreis: g.kreis, kreisKey: g.kreisKey } : null,
    status,
    statusText: latest ? STATUS_TEXT[latest.status] : 'wartet auf Dateien',
    ...(latest?.reason !== undefined && { reason: latest.reason }),
    ...(a.currentVersion !== undefined && { currentVersion: a.currentVersion }),
    versions: o.versions.map((v) => ({
      version: v.version,
      createdAt: v.createdAt,
      pages: v.pages,
      current: v.version === a.currentVersion,
    })),
    jobCount: o.jobs.length,
    ...(upload !== undefined && { lastUploadAt: upload }),
    updatedAt: a.updatedAt,
    problems,
    regenerable: a.currentVersion !== undefined && !ACTIVE.includes(status as JobStatus),
  };
}

/** Errors and warnings of a stored validation.json; null when it is missing or unreadable. */
export function problemCounts(bytes: Uint8Array | undefined): ProblemCounts | null {
  if (!bytes) return null;
  try {
    const r = JSON.parse(new TextDecoder().decode(bytes)) as { errorCount?: unknown; warningCount?: unknown };
    if (typeof r.errorCount !== 'number') return null;
    return { errors: r.errorCount, warnings: typeof r.warningCount === 'number' ? r.warningCount : 0 };
  } catch {
    return null;
  }
}

export const refKey = (ref: AnalysisRef) => `${ref.ags}/${ref.analysisId}`;
