/**
 * Survey waves (issue 16): an analysis may name its predecessor (analyse.json `vorgaenger`, or chosen in
 * the portal); the pipeline then compares the two published analysis.json (`compareWaves`) and the report
 * gets the chapter "Entwicklung seit der Befragung <Jahr>".
 */
import type { Manifest } from '../model/dataset.js';
import { err, ok, type Result } from '../result.js';
import { compareWaves } from './compare.js';
import { readPublished } from './published.js';
import type { Development, ImplementedMeasure, Wave } from './schema.js';

export { compareWaves, waveLabel } from './compare.js';
export { auditDevelopment } from './disclosure.js';
export { readPublished, type PublishedAnalysis } from './published.js';
export type { Development, ImplementedMeasure, Wave } from './schema.js';

/** The survey's year from `befragung.zeitraum` ("2026-03-02/2026-04-10" → 2026: the end of the period). */
export function surveyYearOf(period: string | undefined): number | null {
  if (!period) return null;
  const years = [...period.matchAll(/(?:^|\D)((?:19|20|21)\d\d)(?!\d)/g)].map((m) => Number(m[1]));
  return years.length ? (years[years.length - 1] ?? null) : null;
}

export function waveOf(manifest: Manifest): Wave {
  return {
    surveyPeriod: manifest.befragung.zeitraum ?? null,
    surveyYear: surveyYearOf(manifest.befragung.zeitraum),
    predecessor: manifest.vorgaenger?.analyse ?? null,
  };
}

/** The measures of analyse.json's `vorgaenger.massnahmen` in the comparison's form. */
export function measuresOf(manifest: Manifest): ImplementedMeasure[] {
  return (manifest.vorgaenger?.massnahmen ?? []).map((m) => ({
    recommendationId: m.empfehlung,
    implementedOn: m.umgesetzt,
    areas: [...m.gebiete],
    note: m.beschreibung ?? null,
  }));
}

/** A predecessor found by the caller: its analysis.json (parsed JSON) and the measures recorded for it. */
export interface PredecessorFound {
  readonly status: 'found';
  readonly analysisId: string | null;
  readonly analysis: unknown;
  readonly measures?: readonly ImplementedMeasure[];
}

/** Why there is no comparison although a predecessor was named (German, for the report and the CLI). */
export interface PredecessorMissing {
  readonly status: 'missing';
  readonly reason: string;
}

export type PredecessorLookup = PredecessorFound | PredecessorMissing;

/** Later measures replace earlier ones for the same recommendation (the portal's record wins over analyse.json). */
export function mergeMeasures(...lists: readonly (readonly ImplementedMeasure[])[]): ImplementedMeasure[] {
  const byId = new Map<string, ImplementedMeasure>();
  for (const list of lists) for (const m of list) byId.set(m.recommendationId, m);
  return [...byId.values()];
}

/**
 * The development block of `current` against a found predecessor, or a German reason why the two cannot
 * be compared (another municipality, not an earlier wave, unreadable analysis.json).
 */
export function developmentFor(
  current: unknown,
  currentId: string | null,
  predecessor: PredecessorFound,
  manifestMeasures: readonly ImplementedMeasure[] = [],
): Result<Development, string> {
  const before = readPublished(predecessor.analysis);
  if (!before.ok) return err(`Die frühere Analyse lässt sich nicht lesen. ${before.error}`);
  const after = readPublished(current);
  if (!after.ok) return err(after.error);
  const b = before.value.meta;
  const a = after.value.meta;
  if (b.kommune.ags !== a.kommune.ags)
    return err(
      `Die frühere Analyse gehört zu ${b.kommune.name} (${b.kommune.ags}), nicht zu ${a.kommune.name} (${a.kommune.ags}).`,
    );
  if (b.berichtsjahr >= a.berichtsjahr)
    return err(
      `Die frühere Analyse hat das Berichtsjahr ${b.berichtsjahr}; als Vorgänger kommt nur ein früheres Berichtsjahr als ${a.berichtsjahr} in Frage.`,
    );
  return ok(
    compareWaves(
      { analysis: before.value, analysisId: predecessor.analysisId },
      { analysis: after.value, analysisId: currentId },
      { measures: mergeMeasures(manifestMeasures, predecessor.measures ?? []) },
    ),
  );
}
