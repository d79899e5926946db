/**
 * Survey figures that moved: the weighted unfavourable share and the number of valid answers of every
 * item, for the total and every published group (area, sex, age group), and groups whose suppression
 * changed. Only items and groups present in both versions are compared; only published aggregates
 * (never anything about a respondent) enter the comparison.
 */
import type {
  Analysis,
  GroupShareStat,
  GroupStat,
  ItemResult,
  Suppressed,
  TotalStat,
} from '../analysis/schema.js';
import type {
  GroupKind,
  GroupRef,
  SurveyChange,
  SurveyMeasure,
  SuppressionChange,
  Visibility,
} from './schema.js';
import { absoluteSize, compareText, countMoved, delta, shareMoved } from './delta.js';

type UnmarkedSurvey = Omit<SurveyChange, 'shown'>;
type UnmarkedSuppression = Omit<SuppressionChange, 'shown'>;

const isSuppressed = (g: GroupStat | TotalStat): g is Suppressed => 'suppressed' in g && g.suppressed;
const visibility = (g: GroupStat | TotalStat): Visibility => (isSuppressed(g) ? g.reason : 'visible');

interface GroupPair {
  readonly group: GroupRef;
  readonly prev: GroupStat | TotalStat;
  readonly next: GroupStat | TotalStat;
}

function groupLabel(a: Analysis, kind: GroupKind, key: string): string {
  if (kind === 'area') return a.meta.gebiete.find((g) => g.id === key)?.name ?? key;
  if (kind === 'sex') return a.survey.sample.bySex.find((g) => g.key === key)?.label ?? key;
  return a.survey.sample.byAgeGroup.find((g) => g.key === key)?.label ?? key;
}

/** Groups of an item present in both versions: total, areas, sex, age groups (in the next version's order). */
function groupPairs(next: Analysis, prev: ItemResult, cur: ItemResult): GroupPair[] {
  const out: GroupPair[] = [
    { group: { kind: 'total', key: null, label: 'insgesamt' }, prev: prev.total, next: cur.total },
  ];
  const add = (kind: GroupKind, p: Record<string, GroupStat>, n: Record<string, GroupStat>): void => {
    for (const [key, stat] of Object.entries(n)) {
      const before = p[key];
      if (before)
        out.push({ group: { kind, key, label: groupLabel(next, kind, key) }, prev: before, next: stat });
    }
  };
  add('area', prev.byArea, cur.byArea);
  add('sex', prev.bySex, cur.bySex);
  add('ageGroup', prev.byAgeGroup, cur.byAgeGroup);
  return out;
}

const groupId = (item: string, g: GroupRef): string => `${item}:${g.kind}:${g.key ?? 'gesamt'}`;

function compareShares(
  item: ItemResult,
  group: GroupRef,
  p: GroupShareStat,
  n: GroupShareStat,
): UnmarkedSurvey | undefined {
  const share = delta(p.negativeShareWeighted, n.negativeShareWeighted);
  const count = delta(p.n, n.n);
  const changed: SurveyMeasure[] = [];
  if (shareMoved(share)) changed.push('share');
  if (countMoved(count)) changed.push('n');
  const [first, ...rest] = changed;
  if (first === undefined) return undefined;
  return {
    id: `survey:${groupId(item.code, group)}`,
    item: item.code,
    label: item.label,
    negativeLabel: item.negativeLabel,
    group,
    share,
    n: count,
    changed: [first, ...rest],
    magnitude: absoluteSize(share),
  };
}

const DIRECTION_ORDER = { hidden: 0, visible: 1, reason: 2 } as const;

/** Share and n changes (largest share change first) and suppression changes (newly hidden first). */
export function surveyChanges(
  prev: Analysis,
  next: Analysis,
): { survey: UnmarkedSurvey[]; suppression: UnmarkedSuppression[] } {
  const survey: UnmarkedSurvey[] = [];
  const suppression: UnmarkedSuppression[] = [];
  for (const [code, cur] of Object.entries(next.survey.items)) {
    const before = prev.survey.items[code];
    if (!before) continue;
    for (const { group, prev: p, next: n } of groupPairs(next, before, cur)) {
      const from = visibility(p);
      const to = visibility(n);
      if (from !== to) {
        suppression.push({
          id: `suppression:${groupId(code, group)}`,
          item: code,
          label: cur.label,
          group,
          from,
          to,
          direction: from === 'visible' ? 'hidden' : to === 'visible' ? 'visible' : 'reason',
        });
        continue;
      }
      if (isSuppressed(p) || isSuppressed(n)) continue;
      const change = compareShares(cur, group, p, n);
      if (change) survey.push(change);
    }
  }
  survey.sort(
    (x, y) =>
      y.magnitude - x.magnitude ||
      Math.abs(y.n.delta ?? 0) - Math.abs(x.n.delta ?? 0) ||
      compareText(x.id, y.id),
  );
  suppression.sort(
    (x, y) => DIRECTION_ORDER[x.direction] - DIRECTION_ORDER[y.direction] || compareText(x.id, y.id),
  );
  return { survey, suppression };
}
