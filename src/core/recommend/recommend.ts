/**
 * Recommendations: every catalogue measure whose trigger fires becomes a recommendation with the
 * findings (and their values) that triggered it, the target areas named by per-area triggers, and
 * its priority. General measures (`{ "always": true }`) always apply.
 * Order: priority (hoch, mittel, niedrig), then specific before general, then id.
 */
import type { Recommendation } from '../analysis/schema.js';
import type { Catalogue, Measure, Priority } from './rules.js';
import { defaultCatalogue } from './catalogue.js';
import { evaluate, firedAlternatives, type AnalysisBase, type Evaluation } from './evaluate.js';
import { buildKeyFindings, type KeyFindingResult } from './key-findings.js';

const PRIORITY_RANK: Readonly<Record<Priority, number>> = { hoch: 0, mittel: 1, niedrig: 2 };

export function priorityOf(m: Measure, e: Evaluation, alternatives: number): Priority {
  const h = m.priority.hoch;
  if (h) {
    const min = h.shareAtLeast;
    if (min !== undefined && e.findings.some((f) => f.highShare && f.value !== null && f.value >= min))
      return 'hoch';
    if (h.triggersAtLeast !== undefined && alternatives >= h.triggersAtLeast) return 'hoch';
  }
  return m.priority.default;
}

/**
 * The measure's target groups, preceded by the concrete groups its findings name (e.g. the groups
 * whose fear is significantly high, from the paradox test).
 */
function targetGroupsOf(m: Measure, e: Evaluation): string[] {
  const concrete = e.findings.flatMap((f) =>
    (f.targetGroups ?? []).map((g) => `${g} (hohe Kriminalitätsfurcht)`),
  );
  return [...new Set([...concrete, ...m.targetGroups])];
}

export function compareRecommendations(a: Recommendation, b: Recommendation): number {
  return (
    PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority] ||
    (a.type === b.type ? 0 : a.type === 'specific' ? -1 : 1) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

export function buildRecommendations(analysis: AnalysisBase, catalogue: Catalogue): Recommendation[] {
  const out: Recommendation[] = [];
  for (const m of catalogue.measures) {
    const e = evaluate(m.trigger, analysis);
    if (!e.fired) continue;
    out.push({
      id: m.id,
      type: m.type,
      field: m.field,
      title: m.title,
      description: m.description,
      triggers: e.findings.map((f) => ({ id: f.id, text: f.text, value: f.value, display: f.display })),
      areas: [...e.areas],
      targetGroups: targetGroupsOf(m, e),
      priority: priorityOf(m, e, firedAlternatives(m.trigger, analysis)),
      actors: [...m.actors],
      evaluation: m.evaluation,
      support: m.support.map((id) => catalogue.support[id] ?? id),
    });
  }
  return out.sort(compareRecommendations);
}

export function recommend(
  analysis: AnalysisBase,
  catalogue: Catalogue = defaultCatalogue(),
): { recommendations: Recommendation[]; keyFindings: KeyFindingResult[] } {
  return {
    recommendations: buildRecommendations(analysis, catalogue),
    keyFindings: buildKeyFindings(analysis),
  };
}
