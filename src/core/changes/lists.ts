/** Changes of the analysis' lists: recommendations, key findings and validation warnings. */
import type { Analysis } from '../analysis/schema.js';
import type { KeyFindingChange, RecommendationChange, WarningChange } from './schema.js';
import { compareText } from './delta.js';

type Unmarked<T> = Omit<T, 'shown'>;

const PRIORITY_RANK = { hoch: 0, mittel: 1, niedrig: 2 } as const;
const SEVERITY_RANK = { kritisch: 0, auffaellig: 1, hinweis: 2 } as const;
const CHANGE_RANK = { added: 0, dropped: 1, priority: 2, changed: 2 } as const;

/** Recommendations added, dropped or with another priority; by kind of change, then priority (hoch first), then id. */
export function recommendationChanges(prev: Analysis, next: Analysis): Unmarked<RecommendationChange>[] {
  const before = new Map(prev.recommendations.map((r) => [r.id, r]));
  const after = new Map(next.recommendations.map((r) => [r.id, r]));
  const out: Unmarked<RecommendationChange>[] = [];
  for (const r of next.recommendations) {
    const p = before.get(r.id);
    if (!p)
      out.push({
        id: r.id,
        title: r.title,
        field: r.field,
        change: 'added',
        priorityFrom: null,
        priorityTo: r.priority,
      });
    else if (p.priority !== r.priority)
      out.push({
        id: r.id,
        title: r.title,
        field: r.field,
        change: 'priority',
        priorityFrom: p.priority,
        priorityTo: r.priority,
      });
  }
  for (const p of prev.recommendations) {
    if (!after.has(p.id))
      out.push({
        id: p.id,
        title: p.title,
        field: p.field,
        change: 'dropped',
        priorityFrom: p.priority,
        priorityTo: null,
      });
  }
  const rank = (c: Unmarked<RecommendationChange>): number =>
    PRIORITY_RANK[c.priorityTo ?? c.priorityFrom ?? 'niedrig'];
  return out.sort(
    (x, y) => CHANGE_RANK[x.change] - CHANGE_RANK[y.change] || rank(x) - rank(y) || compareText(x.id, y.id),
  );
}

/** Key findings added, dropped or reworded / re-rated; by severity (kritisch first), kind of change, id. */
export function keyFindingChanges(prev: Analysis, next: Analysis): Unmarked<KeyFindingChange>[] {
  const before = new Map(prev.keyFindings.map((f) => [f.id, f]));
  const after = new Map(next.keyFindings.map((f) => [f.id, f]));
  const out: Unmarked<KeyFindingChange>[] = [];
  for (const f of next.keyFindings) {
    const p = before.get(f.id);
    if (!p)
      out.push({
        id: f.id,
        change: 'added',
        textFrom: null,
        textTo: f.text,
        severityFrom: null,
        severityTo: f.severity,
      });
    else if (p.text !== f.text || p.severity !== f.severity)
      out.push({
        id: f.id,
        change: 'changed',
        textFrom: p.text,
        textTo: f.text,
        severityFrom: p.severity,
        severityTo: f.severity,
      });
  }
  for (const p of prev.keyFindings) {
    if (!after.has(p.id))
      out.push({
        id: p.id,
        change: 'dropped',
        textFrom: p.text,
        textTo: null,
        severityFrom: p.severity,
        severityTo: null,
      });
  }
  const rank = (c: Unmarked<KeyFindingChange>): number =>
    SEVERITY_RANK[c.severityTo ?? c.severityFrom ?? 'hinweis'];
  return out.sort(
    (x, y) => rank(x) - rank(y) || CHANGE_RANK[x.change] - CHANGE_RANK[y.change] || compareText(x.id, y.id),
  );
}

type Warning = Analysis['warnings'][number];

const warningKey = (w: Warning): string =>
  JSON.stringify([w.file, w.row ?? -1, w.column ?? '', w.code, w.message]);

/** Warnings that appear in only one version (as a multiset: identical warnings are counted); added first, then by file and row. */
export function warningChanges(prev: Analysis, next: Analysis): Unmarked<WarningChange>[] {
  const count = (ws: readonly Warning[]): Map<string, number> => {
    const m = new Map<string, number>();
    for (const w of ws) m.set(warningKey(w), (m.get(warningKey(w)) ?? 0) + 1);
    return m;
  };
  const out: Unmarked<WarningChange>[] = [];
  const surplus = (
    ws: readonly Warning[],
    other: Map<string, number>,
    change: WarningChange['change'],
  ): void => {
    const left = new Map(other);
    for (const w of ws) {
      const k = warningKey(w);
      const n = left.get(k) ?? 0;
      if (n > 0) left.set(k, n - 1);
      else
        out.push({
          change,
          code: w.code,
          file: w.file,
          ...(w.row !== undefined && { row: w.row }),
          ...(w.column !== undefined && { column: w.column }),
          message: w.message,
        });
    }
  };
  surplus(next.warnings, count(prev.warnings), 'added');
  surplus(prev.warnings, count(next.warnings), 'resolved');
  return out.sort(
    (x, y) =>
      (x.change === y.change ? 0 : x.change === 'added' ? -1 : 1) ||
      compareText(x.file, y.file) ||
      (x.row ?? -1) - (y.row ?? -1) ||
      compareText(x.column ?? '', y.column ?? '') ||
      compareText(x.code, y.code) ||
      compareText(x.message, y.message),
  );
}
