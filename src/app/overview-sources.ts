/**
 * The analyses behind the state overview in the pipeline's stores: every analysis with a current report
 * version, read as the overview's slice of its analysis.json (src/core/overview/slice.ts). Report versions
 * never change once written, so slices are kept per version prefix (bounded), and a warm API function
 * reads only versions it has not seen.
 */
import type { AnalysisDirectory, JobStore, ObjectStore } from '../core/ports.js';
import { overviewSlice, type OverviewSource } from '../core/overview/index.js';

const MAX_CACHED = 2000;
const CONCURRENCY = 8;
const slices = new Map<string, unknown>();

export interface OverviewDeps {
  readonly jobs: JobStore & AnalysisDirectory;
  readonly reports: ObjectStore;
}

async function mapLimited<T, R>(xs: readonly T[], f: (x: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(xs.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < xs.length) {
      const i = next++;
      out[i] = await f(xs[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, xs.length) }, lane));
  return out;
}

export async function loadOverviewSources(deps: OverviewDeps): Promise<OverviewSource[]> {
  const analyses = (await deps.jobs.listAnalyses()).filter((a) => a.currentVersion !== undefined);
  return mapLimited(analyses, async (a): Promise<OverviewSource> => {
    const source = `${a.ags}/${a.analysisId}`;
    const version = (await deps.jobs.listVersions(a)).find((v) => v.version === a.currentVersion);
    if (!version) return { source, analysisId: a.analysisId, json: null, problem: 'Versionseintrag fehlt.' };
    const key = `${version.prefix}analysis.json`;
    let slice = slices.get(key);
    if (slice === undefined) {
      const bytes = await deps.reports.get(key);
      if (!bytes) return { source, analysisId: a.analysisId, json: null, problem: 'analysis.json fehlt.' };
      try {
        slice = overviewSlice(JSON.parse(new TextDecoder().decode(bytes)));
      } catch {
        return {
          source,
          analysisId: a.analysisId,
          json: null,
          problem: 'analysis.json ist kein gültiges JSON.',
        };
      }
      if (slices.size >= MAX_CACHED) slices.delete(slices.keys().next().value as string);
      slices.set(key, slice);
    }
    return { source, analysisId: a.analysisId, json: slice };
  });
}
