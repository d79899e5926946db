/**
 * The survey side of a wave comparison: for every compared item (the core indicators and the indicators of
 * the earlier recommendations, where both waves asked them), the total and every matched area,
 * the two published weighted shares and the test of their change. Only cells that both waves publish
 * are compared; a cell hidden in either wave gets no figure at all.
 */
import { isHidden, type PublishedCell, type PublishedItem, type ShownCell } from './published.js';
import type { CellChange, Direction, ItemChange, NotComparedReason, WaveCell } from './schema.js';
import { ALPHA, twoSampleZ } from './stats.js';

/** The indicators every wave comparison reports first (the report's own headline items). */
export const CORE_ITEMS: readonly string[] = [
  'sg_wohngegend_nacht',
  'sg_wohngegend_tag',
  'sg_innenstadt_nacht',
  'sg_oepnv_nacht',
  'furcht_nacht',
  'lq_wohnen_gern',
  'problem_muell',
  'problem_hundekot',
  'problem_graffiti',
  'problem_vandalismus',
  'problem_alkohol_oeffentlich',
  'problem_drogen',
  'problem_jugendgruppen',
  'problem_laerm',
  'problem_raser',
  'problem_falschparker',
  'problem_leerstand',
  'problem_beleuchtung',
  'zufrieden_polizei',
  'zufrieden_ordnungsamt',
  'nachbarschaft_vertrauen',
];

const cell = (c: ShownCell): WaveCell => ({
  negativeShareWeighted: c.negativeShareWeighted,
  ci95: [c.ci95[0], c.ci95[1]],
  n: Math.round(c.n),
  effectiveN: c.effectiveN,
  limited: c.limited ?? false,
});

function notCompared(before: PublishedCell | undefined, after: PublishedCell | undefined): NotComparedReason {
  const hb = isHidden(before);
  const ha = isHidden(after);
  if (hb && ha) return 'hidden-both';
  if (hb) return 'hidden-before';
  if (ha) return 'hidden-after';
  return before === undefined ? 'missing-before' : 'missing-after';
}

const direction = (d: number): Direction => (d < 0 ? 'gesunken' : d > 0 ? 'gestiegen' : 'unveraendert');

/** The test of one cell, before the multiple-testing correction (pAdjusted = p; see compare.ts). */
export function compareCell(before: PublishedCell | undefined, after: PublishedCell | undefined): CellChange {
  if (before === undefined || after === undefined || isHidden(before) || isHidden(after))
    return { status: 'not-compared', reason: notCompared(before, after) };
  const t = twoSampleZ(
    { share: before.negativeShareWeighted, n: before.effectiveN },
    { share: after.negativeShareWeighted, n: after.effectiveN },
  );
  return {
    status: 'compared',
    before: cell(before),
    after: cell(after),
    difference: t.difference,
    z: t.z,
    p: t.p,
    pAdjusted: t.p,
    significant: t.p < ALPHA,
    direction: direction(t.difference),
  };
}

export function compareItem(
  before: PublishedItem,
  after: PublishedItem,
  areaIds: readonly string[],
): ItemChange {
  const byArea: Record<string, CellChange> = {};
  for (const id of areaIds) byArea[id] = compareCell(before.byArea[id], after.byArea[id]);
  return {
    code: after.code,
    label: after.label,
    negativeLabel: after.negativeLabel || before.negativeLabel,
    core: CORE_ITEMS.includes(after.code),
    total: compareCell(before.total, after.total),
    byArea,
  };
}
