/**
 * Disclosure across waves. Each wave's analysis.json is protected on its own (primary and secondary
 * suppression). The wave comparison must not weaken that: a difference of two published waves may not
 * reveal a cell that either wave hides. It holds when every survey figure of the comparison for a wave
 * is one that wave itself publishes, unchanged, and a hidden cell gets no figure: then any
 * "total minus shown cells" calculation on the comparison uses only figures that wave already publishes,
 * and finds nothing that wave's own suppression does not already protect.
 *
 * `auditDevelopment` checks exactly that and returns the violations (none in a correct comparison).
 */
import { isHidden, type PublishedAnalysis, type PublishedCell } from './published.js';
import type { CellChange, Development, WaveCell } from './schema.js';

const same = (c: WaveCell, p: PublishedCell | undefined): boolean =>
  p !== undefined &&
  !isHidden(p) &&
  c.negativeShareWeighted === p.negativeShareWeighted &&
  c.ci95[0] === p.ci95[0] &&
  c.ci95[1] === p.ci95[1] &&
  c.n === Math.round(p.n) &&
  c.effectiveN === p.effectiveN;

export function auditDevelopment(
  dev: Development,
  before: PublishedAnalysis,
  after: PublishedAnalysis,
): string[] {
  const problems: string[] = [];
  const check = (
    where: string,
    c: CellChange,
    pb: PublishedCell | undefined,
    pa: PublishedCell | undefined,
  ) => {
    const hidden = pb === undefined || pa === undefined || isHidden(pb) || isHidden(pa);
    if (c.status === 'compared') {
      if (hidden) problems.push(`${where}: verglichen, obwohl eine Welle den Wert nicht ausweist`);
      if (!same(c.before, pb))
        problems.push(`${where}: Wert der früheren Welle weicht vom veröffentlichten ab`);
      if (!same(c.after, pa))
        problems.push(`${where}: Wert der aktuellen Welle weicht vom veröffentlichten ab`);
    } else if (Object.keys(c).some((k) => k !== 'status' && k !== 'reason')) {
      problems.push(`${where}: nicht verglichene Zelle trägt Werte`);
    }
  };
  for (const item of dev.items) {
    const ib = before.survey.items[item.code];
    const ia = after.survey.items[item.code];
    check(`${item.code}/gesamt`, item.total, ib?.total, ia?.total);
    for (const [id, c] of Object.entries(item.byArea))
      check(`${item.code}/${id}`, c, ib?.byArea[id], ia?.byArea[id]);
  }
  return problems;
}
