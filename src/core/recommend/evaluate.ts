/**
 * Evaluates trigger conditions (rules.ts) on an analysis and collects the findings that made them fire.
 *
 * Result of a condition: `fired`; `findings` (deduplicated by id, in evaluation order); `areas` (area
 * ids named by per-area leaves that fired, manifest order); `scope` 'areas' when the result is
 * restricted to those areas (only per-area leaves fired, or an `allOf` contains a per-area child),
 * else 'global'.
 * - anyOf: fired when any child fires; findings and areas are the union over the fired children;
 *   scope 'global' if any fired child is global.
 * - allOf: fired when every child fires and, if some children are per-area, they share at least one
 *   area (areas = that intersection); findings are the union, per-area findings only for those areas.
 * - always: fired, no findings.
 */
import { DELIKTE } from '../model/codebook.js';
import type { Analysis, Quadrant } from '../analysis/schema.js';
import { QUADRANT_LABELS } from '../analysis/comparison/quadrant.js';
import { formatChange, formatNumber, formatPercent, formatRate } from '../format/number.js';
import { groupLabel, pText } from '../analysis/comparison/paradox.js';
import { rateInterval, rateLevel } from '../analysis/stats/poisson.js';
import type { ShareStat, TrendTest } from '../analysis/schema.js';
import { itemPhrase, itemText, pctText, shareSentence, withLimitedMark } from './findings.js';
import type { Condition, Leaf, Op } from './rules.js';

export type AnalysisBase = Omit<Analysis, 'recommendations' | 'keyFindings'>;

export interface InternalFinding {
  readonly id: string;
  readonly text: string;
  readonly value: number | null;
  readonly display: string;
  /** A share whose height made the leaf fire (`>`/`>=` on a share): counts for the priority rule. */
  readonly highShare: boolean;
  /** The area a per-area finding is about. */
  readonly areaId?: string;
  /** Concrete target groups the finding names (e.g. the groups with high fear), added to the measure's. */
  readonly targetGroups?: readonly string[];
}

export interface Evaluation {
  readonly fired: boolean;
  readonly findings: readonly InternalFinding[];
  readonly areas: readonly string[];
  readonly scope: 'global' | 'areas';
}

/** "26,8–36,4 %" */
function formatInterval(ci: readonly [number, number] | null): string {
  if (!ci) return '–';
  return `${formatNumber(ci[0] * 100, 1)}–${formatNumber(ci[1] * 100, 1)}\u00A0%`;
}

/** "1.093–1.312" */
function formatRateInterval(ci: readonly [number, number] | null): string {
  return ci ? `${formatRate(ci[0])}–${formatRate(ci[1])}` : '–';
}

/** "signifikanter Anstieg, im Mittel +6,3 % pro Jahr (Poisson-Trendtest über 5 Jahre, p = 0,003)" */
/** The same as the object of "zeigen": "einen signifikanten Anstieg von im Mittel +6,3 % pro Jahr (…)", "keinen statistisch gesicherten Trend (…)". */
export function trendObject(t: TrendTest): string {
  if (!t.tested || t.annualChange === null || t.p === null)
    return `keinen prüfbaren Trend (${t.reason ?? 'zu wenige Daten'})`;
  const test = `Poisson-Trendtest über ${formatNumber(t.years)} Jahre, ${pText(t.p)}`;
  if (!t.significant) return `keinen statistisch gesicherten Trend (${test})`;
  return `einen signifikanten ${t.annualChange > 0 ? 'Anstieg' : 'Rückgang'} von im Mittel ${formatChange(t.annualChange)} pro Jahr (${test})`;
}

export function trendPhrase(t: TrendTest): string {
  if (!t.tested || t.annualChange === null || t.p === null)
    return `kein Trendtest möglich (${t.reason ?? 'zu wenige Daten'})`;
  const test = `Poisson-Trendtest über ${formatNumber(t.years)} Jahre, ${pText(t.p)}`;
  if (!t.significant) return `kein statistisch gesicherter Trend (${test})`;
  return `signifikanter ${t.annualChange > 0 ? 'Anstieg' : 'Rückgang'}, im Mittel ${formatChange(t.annualChange)} pro Jahr (${test})`;
}

const NOT_FIRED: Evaluation = { fired: false, findings: [], areas: [], scope: 'global' };

export function compareOp(a: number, op: Op, b: number): boolean {
  switch (op) {
    case '>=':
      return a >= b;
    case '>':
      return a > b;
    case '<=':
      return a <= b;
    case '<':
      return a < b;
    case '==':
      return a === b;
  }
}

const isHigh = (op: Op) => op === '>' || op === '>=';

function global(findings: InternalFinding[]): Evaluation {
  return findings.length > 0 ? { fired: true, findings, areas: [], scope: 'global' } : NOT_FIRED;
}

function perArea(findings: { areaId: string; finding: InternalFinding }[]): Evaluation {
  if (findings.length === 0) return NOT_FIRED;
  return {
    fired: true,
    findings: findings.map((f) => ({ ...f.finding, areaId: f.areaId })),
    areas: [...new Set(findings.map((f) => f.areaId))],
    scope: 'areas',
  };
}

function latestYear(a: AnalysisBase): number | null {
  return a.crime.years.length > 0 ? Math.max(...a.crime.years) : null;
}

function keyLabel(a: AnalysisBase, key: string): string {
  return a.crime.keys.find((k) => k.key === key)?.label ?? key;
}

/** An item's total when it is published and has answers. */
function shownTotal(a: AnalysisBase, item: string): ShareStat | null {
  const t = a.survey.items[item]?.total;
  return t && !('suppressed' in t) && t.n > 0 ? t : null;
}

function shareFigure(
  list: AnalysisBase['survey']['institutions'],
  a: AnalysisBase,
  item: string,
): { v: number; n: number } | null {
  const f = list.find((x) => x.item === item);
  if (f)
    return f.suppressed || f.negativeShareWeighted === null ? null : { v: f.negativeShareWeighted, n: f.n };
  const t = shownTotal(a, item);
  return t ? { v: t.negativeShareWeighted, n: t.n } : null;
}

function incivilityRank(a: AnalysisBase, item: string): { rank: number; share: number } | null {
  const valid = a.survey.incivilityRanking.filter(
    (f): f is typeof f & { negativeShareWeighted: number } =>
      !f.suppressed && f.negativeShareWeighted !== null,
  );
  const own = valid.find((f) => f.item === item);
  if (!own) return null;
  return {
    rank: 1 + valid.filter((f) => f.negativeShareWeighted > own.negativeShareWeighted).length,
    share: own.negativeShareWeighted,
  };
}

function evaluateLeaf(leaf: Leaf, a: AnalysisBase): Evaluation {
  const areaName = (id: string) => a.meta.gebiete.find((g) => g.id === id)?.name ?? id;
  const areaOrder = a.meta.gebiete.map((g) => g.id);
  switch (leaf.metric) {
    case 'item.negativeShareWeighted': {
      const t = shownTotal(a, leaf.item);
      if (!t) return NOT_FIRED;
      const v = t.negativeShareWeighted;
      if (!compareOp(v, leaf.op, leaf.value)) return NOT_FIRED;
      return global([
        {
          id: `item:${leaf.item}`,
          text: shareSentence(a.survey, leaf.item, v, undefined, t.n),
          value: v,
          display: pctText(v, t.n),
          highShare: isHigh(leaf.op),
        },
      ]);
    }
    case 'item.areaNegativeShareWeighted': {
      // An area is named only where its share reaches the threshold and its interval lies wholly
      // above (for > / >=) or below (for < / <=) the municipal share: a claim about the area.
      const r = a.survey.items[leaf.item];
      const t = shownTotal(a, leaf.item);
      if (!r || !t) return NOT_FIRED;
      const ref = t.negativeShareWeighted;
      const hits = areaOrder.flatMap((id) => {
        const s = r.byArea[id];
        if (!s || 'suppressed' in s || s.n === 0 || !compareOp(s.negativeShareWeighted, leaf.op, leaf.value))
          return [];
        const distinct = isHigh(leaf.op) ? s.ci95[0] > ref : s.ci95[1] < ref;
        if (!distinct) return [];
        const v = s.negativeShareWeighted;
        const sentence = shareSentence(a.survey, leaf.item, v, areaName(id), s.n).replace(
          /\.$/,
          ` – ${isHigh(leaf.op) ? 'mehr' : 'weniger'} als in der Kommune insgesamt (${formatPercent(ref)}; 95-%-Intervall des Gebiets ${formatInterval(s.ci95)}).`,
        );
        return [
          {
            areaId: id,
            finding: {
              id: `item:${leaf.item}:${id}`,
              text: sentence,
              value: v,
              display: pctText(v, s.n),
              highShare: isHigh(leaf.op),
            },
          },
        ];
      });
      return perArea(hits);
    }
    case 'incivility.rank': {
      const r = incivilityRank(a, leaf.item);
      if (!r || !compareOp(r.rank, leaf.op, leaf.value)) return NOT_FIRED;
      const t = itemText(a.survey, leaf.item);
      return global([
        {
          id: `incivility:${leaf.item}`,
          text: `„${t.label}“ steht auf Rang ${r.rank} der Probleme im Wohnumfeld (${formatPercent(r.share)} ziemliches oder großes Problem).`,
          value: r.rank,
          display: `Rang ${r.rank}`,
          highShare: false,
        },
      ]);
    }
    case 'institution.negativeShareWeighted':
    case 'neighbourhood.negativeShareWeighted': {
      const list =
        leaf.metric === 'institution.negativeShareWeighted' ? a.survey.institutions : a.survey.neighbourhood;
      const f = shareFigure(list, a, leaf.item);
      if (f === null || !compareOp(f.v, leaf.op, leaf.value)) return NOT_FIRED;
      const v = f.v;
      const prefix = leaf.metric === 'institution.negativeShareWeighted' ? 'institution' : 'neighbourhood';
      return global([
        {
          id: `${prefix}:${leaf.item}`,
          text: shareSentence(a.survey, leaf.item, v, undefined, f.n),
          value: v,
          display: pctText(v, f.n),
          highShare: isHigh(leaf.op),
        },
      ]);
    }
    case 'victimisation.prevalence':
    case 'victimisation.reportingRate': {
      const rows = a.survey.victimisation.filter(
        (r) => leaf.delikt === undefined || r.delikt === leaf.delikt,
      );
      const findings: InternalFinding[] = [];
      for (const r of rows) {
        const label = DELIKTE[r.delikt as keyof typeof DELIKTE] ?? r.label;
        if (leaf.metric === 'victimisation.prevalence') {
          const v = r.prevalence.suppressed ? null : r.prevalence.negativeShareWeighted;
          if (v === null || !compareOp(v, leaf.op, leaf.value)) continue;
          const n = r.prevalence.n;
          findings.push({
            id: `victim:${r.delikt}`,
            text: withLimitedMark(
              `${pctText(v, n)} der Befragten wurden in den letzten 12 Monaten Opfer von ${label}.`,
              n,
            ),
            value: v,
            display: pctText(v, n),
            highShare: isHigh(leaf.op),
          });
        } else {
          const f = r.reportingRate;
          const v = f && !f.suppressed ? f.negativeShareWeighted : null;
          if (v === null) continue;
          // reportingRate carries the share reported to the police (see schema), compared as such.
          if (!compareOp(v, leaf.op, leaf.value)) continue;
          const n = f?.n ?? null;
          findings.push({
            id: `reporting:${r.delikt}`,
            text: withLimitedMark(
              `${pctText(v, n)} der Opfer von ${label} haben die Tat der Polizei gemeldet.`,
              n,
            ),
            value: v,
            display: pctText(v, n),
            highShare: false,
          });
        }
      }
      return global(findings);
    }
    case 'perceivedTrend.negativeShareWeighted': {
      const p = a.survey.perceivedTrend;
      const v = p && !p.item.suppressed ? p.item.negativeShareWeighted : null;
      if (p === null || v === null || !compareOp(v, leaf.op, leaf.value)) return NOT_FIRED;
      const n = p.item.n;
      return global([
        {
          id: 'perceived-trend',
          text: withLimitedMark(
            `${pctText(v, n)} der Befragten meinen, die Kriminalität sei in den letzten 5 Jahren gestiegen.`,
            n,
          ),
          value: v,
          display: pctText(v, n),
          highShare: isHigh(leaf.op),
        },
      ]);
    }
    case 'perceivedTrend.recordedChange': {
      // The recorded change counts only as far as the trend test over the years supports it: a
      // non-significant trend is "no change" (0), an untested series fires nothing.
      const p = a.survey.perceivedTrend;
      const t = p?.recordedTest;
      if (!p || !t || !t.tested || t.change === null) return NOT_FIRED;
      const v = t.significant ? t.change : 0;
      if (!compareOp(v, leaf.op, leaf.value)) return NOT_FIRED;
      return global([
        {
          id: 'recorded-trend',
          text: `Registrierte Straftaten insgesamt ${t.fromYear ?? ''}–${t.toYear ?? ''}: ${trendPhrase(t)} (Polizeiliche Kriminalstatistik).`,
          value: v,
          display: t.significant ? formatChange(v) : 'kein gesicherter Trend',
          highShare: false,
        },
      ]);
    }
    case 'crime.trendChange': {
      // A trend is the Poisson trend test over the whole series (crime.trends[].test), never the
      // first against the last year; only a significant trend counts (else the change is 0).
      const tr = a.crime.trends.find((x) => x.key === leaf.key);
      const t = tr?.test;
      if (!tr || !t || !t.tested || t.change === null) return NOT_FIRED;
      const v = t.significant ? t.change : 0;
      if (!compareOp(v, leaf.op, leaf.value)) return NOT_FIRED;
      return global([
        {
          id: `trend:${leaf.key}`,
          text: `${tr.label} ${t.fromYear ?? ''}–${t.toYear ?? ''}: ${trendPhrase(t)}.`,
          value: v,
          display: t.significant ? formatChange(v) : 'kein gesicherter Trend',
          highShare: false,
        },
      ]);
    }
    case 'crime.cases': {
      const y = latestYear(a);
      const f = y === null ? undefined : a.crime.byYear[String(y)]?.byKey[leaf.key];
      if (!f || !compareOp(f.cases, leaf.op, leaf.value)) return NOT_FIRED;
      return global([
        {
          id: `cases:${leaf.key}`,
          text: `${keyLabel(a, leaf.key)}: ${formatNumber(f.cases)} registrierte Fälle im Jahr ${y}.`,
          value: f.cases,
          display: formatNumber(f.cases),
          highShare: false,
        },
      ]);
    }
    case 'crime.rateVsKreis': {
      // Only where the municipal rate's exact Poisson interval excludes the Kreis rate (≥ 10 cases).
      const reg = a.crime.regional;
      const row = reg?.rows.find((r) => r.key === leaf.key);
      if (!reg || !row || row.municipalityRate === null || row.kreisRate === null || row.kreisRate <= 0)
        return NOT_FIRED;
      const v = row.municipalityRate / row.kreisRate;
      if (!compareOp(v, leaf.op, leaf.value)) return NOT_FIRED;
      if (row.kreisLevel !== (isHigh(leaf.op) ? 'ueber' : 'unter')) return NOT_FIRED;
      return global([
        {
          id: `kreis:${leaf.key}`,
          text: `${row.label} ${reg.year}: Häufigkeitszahl ${formatRate(row.municipalityRate)} (95-%-Intervall ${formatRateInterval(row.municipalityRateCi95)}, ${formatNumber(row.municipalityCases)} Fälle) gegenüber ${formatRate(row.kreisRate)} im Kreis ${reg.kreis.name} (${formatNumber(v, 2)}-fach).`,
          value: v,
          display: `${formatNumber(v, 2)}-fach`,
          highShare: false,
        },
      ]);
    }
    case 'crime.areaRateRatio': {
      // Same year on both sides; the area needs ≥ 10 cases and an exact Poisson interval that
      // excludes the municipal rate.
      const y = latestYear(a);
      const ref = y === null ? null : (a.crime.byYear[String(y)]?.byKey[leaf.key]?.rate ?? null);
      if (ref === null || ref <= 0) return NOT_FIRED;
      const hits = areaOrder.flatMap((id) => {
        const area = a.crime.byArea[id];
        const f = area?.byKeyLatest[leaf.key];
        if (!area || !f || f.rate === null || area.population === null) return [];
        const v = f.rate / ref;
        if (!compareOp(v, leaf.op, leaf.value)) return [];
        if (rateLevel(f.cases, area.population, ref) !== (isHigh(leaf.op) ? 'ueber' : 'unter')) return [];
        const ci = rateInterval(f.cases, area.population);
        return [
          {
            areaId: id,
            finding: {
              id: `arearate:${leaf.key}:${id}`,
              text: `${areaName(id)}: Häufigkeitszahl ${keyLabel(a, leaf.key)} ${y} ${formatRate(f.rate)} (95-%-Intervall ${formatRateInterval(ci)}, ${formatNumber(f.cases)} Fälle) gegenüber ${formatRate(ref)} in der Gesamtkommune (${formatNumber(v, 2)}-fach).`,
              value: v,
              display: `${formatNumber(v, 2)}-fach`,
              highShare: false,
            },
          },
        ];
      });
      return perArea(hits);
    }
    case 'comparison.quadrant': {
      const hits: { areaId: string; finding: InternalFinding }[] = [];
      for (const p of a.comparison.pairs) {
        if (
          (leaf.item !== undefined && p.surveyItem !== leaf.item) ||
          (leaf.key !== undefined && p.crimeKey !== leaf.key)
        )
          continue;
        for (const ar of p.areas) {
          if (ar.quadrant !== leaf.quadrant || ar.negativeShare === null) continue;
          hits.push({ areaId: ar.areaId, finding: quadrantFinding(a, p, ar, leaf.quadrant) });
        }
      }
      hits.sort((x, y) => areaOrder.indexOf(x.areaId) - areaOrder.indexOf(y.areaId));
      return perArea(hits);
    }
    case 'paradox.present': {
      const p = a.comparison.paradox;
      if (p.present !== true) return NOT_FIRED;
      return global([
        {
          id: 'paradox',
          text: p.summary,
          value: p.rho,
          display: p.rho === null ? 'ja' : `ρ = ${formatNumber(p.rho, 2)}`,
          highShare: false,
          targetGroups: p.highFear.map((g) => groupLabel(g.sex, g.ageGroup)),
        },
      ]);
    }
    case 'angstraeume.count': {
      const list = a.survey.angstraeume;
      if (!compareOp(list.length, leaf.op, leaf.value)) return NOT_FIRED;
      const named = list
        .slice(0, 3)
        .map((p) => `${p.place} (${formatNumber(p.mentions)})`)
        .join(', ');
      return global([
        {
          id: 'angstraeume',
          text: `${formatNumber(list.length)} Orte werden von mindestens drei Befragten als Angsträume genannt${named ? `, z. B. ${named}` : ''}.`,
          value: list.length,
          display: formatNumber(list.length),
          highShare: false,
        },
      ]);
    }
  }
}

type Pair = AnalysisBase['comparison']['pairs'][number];

function quadrantFinding(a: AnalysisBase, p: Pair, ar: Pair['areas'][number], q: Quadrant): InternalFinding {
  const share = ar.negativeShare ?? 0;
  const n = ar.n;
  const fearHigh = ar.fearLevel === 'ueber';
  const rateHigh = ar.crimeLevel === 'ueber';
  const period =
    ar.rateBasis === 'average' && ar.rateYears.length > 1
      ? `Durchschnitt ${ar.rateYears[0]}–${ar.rateYears[ar.rateYears.length - 1]}`
      : String(ar.rateYears[0] ?? p.reference.year ?? '');
  const fearText = fearHigh
    ? `über dem Durchschnitt der Kommune (${pctText(share, n)} gegenüber ${formatPercent(p.reference.negativeShare)}; 95-%-Intervall ${formatInterval(ar.ci95)})`
    : `nicht über dem Durchschnitt der Kommune (${pctText(share, n)} gegenüber ${formatPercent(p.reference.negativeShare)})`;
  const rateText = rateHigh
    ? `über dem Durchschnitt (Häufigkeitszahl ${period} ${formatRate(ar.rate)}, 95-%-Intervall ${formatRateInterval(ar.rateCi95)}, gegenüber ${formatRate(ar.referenceRate)})`
    : `nicht über dem Durchschnitt (Häufigkeitszahl ${period} ${formatRate(ar.rate)} gegenüber ${formatRate(ar.referenceRate)})`;
  return {
    id: `quadrant:${p.surveyItem}:${p.crimeKey}:${ar.areaId}`,
    text: withLimitedMark(
      `${ar.name}: ${itemPhrase(a.survey, p.surveyItem)} ${fearText}, registrierte Fälle (${p.crimeLabel}) ${rateText} – ${QUADRANT_LABELS[q]}.`,
      n,
    ),
    value: share,
    display: pctText(share, n),
    highShare: false,
  };
}
function dedupe(findings: readonly InternalFinding[]): InternalFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => (seen.has(f.id) ? false : (seen.add(f.id), true)));
}

export function evaluate(c: Condition, a: AnalysisBase): Evaluation {
  const order = a.meta.gebiete.map((g) => g.id);
  const sortAreas = (ids: Iterable<string>) =>
    [...new Set(ids)].sort((x, y) => order.indexOf(x) - order.indexOf(y));
  if ('always' in c) return { fired: true, findings: [], areas: [], scope: 'global' };
  if ('anyOf' in c) {
    const fired = c.anyOf.map((x) => evaluate(x, a)).filter((e) => e.fired);
    if (fired.length === 0) return NOT_FIRED;
    return {
      fired: true,
      findings: dedupe(fired.flatMap((e) => e.findings)),
      areas: sortAreas(fired.flatMap((e) => e.areas)),
      scope: fired.some((e) => e.scope === 'global') ? 'global' : 'areas',
    };
  }
  if ('allOf' in c) {
    const all = c.allOf.map((x) => evaluate(x, a));
    if (!all.every((e) => e.fired)) return NOT_FIRED;
    const scoped = all.filter((e) => e.scope === 'areas');
    if (scoped.length === 0)
      return {
        fired: true,
        findings: dedupe(all.flatMap((e) => e.findings)),
        areas: sortAreas(all.flatMap((e) => e.areas)),
        scope: 'global',
      };
    const common = (scoped[0] as Evaluation).areas.filter((id) => scoped.every((e) => e.areas.includes(id)));
    if (common.length === 0) return NOT_FIRED;
    // Keep the municipality-wide findings and, of the per-area ones, those for the common areas.
    const findings = all.flatMap((e) =>
      e.findings.filter((f) => f.areaId === undefined || common.includes(f.areaId)),
    );
    return { fired: true, findings: dedupe(findings), areas: sortAreas(common), scope: 'areas' };
  }
  return evaluateLeaf(c, a);
}

/** Number of top-level alternatives that fired: the children of a root anyOf, else 1 when fired. */
export function firedAlternatives(c: Condition, a: AnalysisBase): number {
  if ('anyOf' in c) return c.anyOf.filter((x) => evaluate(x, a).fired).length;
  return evaluate(c, a).fired ? 1 : 0;
}
