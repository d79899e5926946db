/**
 * The predecessor wave of an analysis in the pipeline (issue 16): the analysis named in analyse.json
 * (`vorgaenger.analyse`), else the one chosen in the portal, of the same municipality. Read from the
 * reports bucket: the predecessor's current report version's analysis.json, with the measures recorded
 * as implemented from it. Storage errors are thrown (the worker treats them as transient); everything
 * else is a German reason in `missing`.
 */
import type { AnalysisRef, JobStore, MeasureRecord, ObjectStore, WaveStore } from '../core/ports.js';
import type { ImplementedMeasure, PredecessorLookup } from '../core/waves/index.js';

export interface PredecessorDeps {
  readonly jobs: JobStore;
  readonly reports: ObjectStore;
  readonly waves?: WaveStore;
}

export const toImplemented = (m: MeasureRecord): ImplementedMeasure => ({
  recommendationId: m.recommendationId,
  implementedOn: m.implementedOn,
  areas: [...m.areas],
  note: m.note,
});

/**
 * The analysis.json of an analysis's current report version: `none` without a finished report,
 * `invalid` when the file is missing or no JSON.
 */
export async function readCurrentAnalysis(
  deps: Pick<PredecessorDeps, 'jobs' | 'reports'>,
  ref: AnalysisRef,
): Promise<{ status: 'found'; json: unknown } | { status: 'none' } | { status: 'invalid'; reason: string }> {
  const record = await deps.jobs.getAnalysis(ref);
  if (record?.currentVersion === undefined) return { status: 'none' };
  const version = (await deps.jobs.listVersions(ref)).find((v) => v.version === record.currentVersion);
  const bytes = version && (await deps.reports.get(`${version.prefix}analysis.json`));
  if (!bytes) return { status: 'invalid', reason: 'fehlt' };
  try {
    return { status: 'found', json: JSON.parse(new TextDecoder().decode(bytes)) };
  } catch {
    return { status: 'invalid', reason: 'ist kein gültiges JSON' };
  }
}

export function predecessorLoader(
  deps: PredecessorDeps,
  ref: AnalysisRef,
): (named: string | null) => Promise<PredecessorLookup | undefined> {
  return async (named) => {
    const chosen = named ?? (await deps.waves?.getPredecessor(ref)) ?? null;
    if (chosen === null) return undefined;
    const missing = (reason: string): PredecessorLookup => ({ status: 'missing', reason });
    if (chosen === ref.analysisId) return missing('Eine Analyse kann nicht ihr eigener Vorgänger sein.');
    const pref: AnalysisRef = { ags: ref.ags, analysisId: chosen };
    const current = await readCurrentAnalysis(deps, pref);
    if (current.status === 'none')
      return missing(
        `Die frühere Analyse „${chosen}“ dieser Kommune hat keinen fertigen Bericht (oder es gibt sie nicht).`,
      );
    if (current.status === 'invalid')
      return missing(`Die analysis.json der früheren Analyse „${chosen}“ ${current.reason}.`);
    const analysis = current.json;
    const measures = ((await deps.waves?.listMeasures(pref)) ?? []).map(toImplemented);
    return { status: 'found', analysisId: chosen, analysis, measures };
  };
}
