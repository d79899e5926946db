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
import { itemPhrase, itemText, shareSentence } from './findings.js';
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
}

export interface Evaluation {
  readonly fired: boolean;
  readonly findings: readonly InternalFinding[];
  readonly areas: readonly string[];
  readonly scope: 'global' | 'areas';
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

function shareFigure(
  list: AnalysisBase['survey']['institutions'],
  a: AnalysisBase,
  item: string,
): number | null {
  const f = list.find((x) => x.item === item);
  if (f) return f.suppressed ? null : f.negativeShareWeighted;
  const r = a.survey.items[item];
  return r && r.total.n > 0 ? r.total.negativeShareWeighted : null;
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
      const r = a.survey.items[leaf.item];
      if (!r || r.total.n === 0) return NOT_FIRED;
      const v = r.total.negativeShareWeighted;
      if (!compareOp(v, leaf.op, leaf.value)) return NOT_FIRED;
      return global([
        {
          id: `item:${leaf.item}`,
          text: shareSentence(a.survey, leaf.item, v),
          value: v,
          display: formatPercent(v),
          highShare: isHigh(leaf.op),
        },
      ]);
    }
    case 'item.areaNegativeShareWeighted': {
      const r = a.survey.items[leaf.item];
      if (!r) return NOT_FIRED;
      const hits = areaOrder.flatMap((id) => {
        const s = r.byArea[id];
        if (!s || 'suppressed' in s || s.n === 0 || !compareOp(s.negativeShareWeighted, leaf.op, leaf.value))
          return [];
        const v = s.negativeShareWeighted;
        return [
          {
            areaId: id,
            finding: {
              id: `item:${leaf.item}:${id}`,
              text: shareSentence(a.survey, leaf.item, v, areaName(id)),
              value: v,
              display: formatPercent(v),
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
      const v = shareFigure(list, a, leaf.item);
      if (v === null || !compareOp(v, leaf.op, leaf.value)) return NOT_FIRED;
      const prefix = leaf.metric === 'institution.negativeShareWeighted' ? 'institution' : 'neighbourhood';
      return global([
        {
          id: `${prefix}:${leaf.item}`,
          text: shareSentence(a.survey, leaf.item, v),
          value: v,
          display: formatPercent(v),
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
          findings.push({
            id: `victim:${r.delikt}`,
            text: `${formatPercent(v)} der Befragten wurden in den letzten 12 Monaten Opfer von ${label}.`,
            value: v,
            display: formatPercent(v),
            highShare: isHigh(leaf.op),
          });
        } else {
          const f = r.reportingRate;
          const v = f && !f.suppressed ? f.negativeShareWeighted : null;
          if (v === null) continue;
          // reportingRate carries the share reported to the police (see schema), compared as such.
          if (!compareOp(v, leaf.op, leaf.value)) continue;
          findings.push({
            id: `reporting:${r.delikt}`,
            text: `${formatPercent(v)} der Opfer von ${label} haben die Tat der Polizei gemeldet.`,
            value: v,
            display: formatPercent(v),
            highShare: false,
          });
        }
      }
      return global(findings);
    }
    case 'perceivedTrend.negativeShareWeighted': {
      const p = a.survey.perceivedTrend;
      const v = p && !p.item.suppressed ? p.item.negativeShareWeighted : null;
      if (v === null || !compareOp(v, leaf.op, leaf.value)) return NOT_FIRED;
      return global([
        {
          id: 'perceived-trend',
          text: `${formatPercent(v)} der Befragten meinen, die Kriminalität sei in den letzten 5 Jahren gestiegen.`,
          value: v,
          display: formatPercent(v),
          highShare: isHigh(leaf.op),
        },
      ]);
    }
    case 'perceivedTrend.recordedChange': {
      const p = a.survey.perceivedTrend;
      const v = p?.recordedChange ?? null;
      if (p === null || v === null || !compareOp(v, leaf.op, leaf.value)) return NOT_FIRED;
      return global([
        {
          id: 'recorded-trend',
          text: `Registrierte Straftaten insgesamt ${p.fromYear ?? ''}–${p.toYear ?? ''}: ${formatChange(v)} (Polizeiliche Kriminalstatistik).`,
          value: v,
          display: formatChange(v),
          highShare: false,
        },
      ]);
    }
    case 'crime.trendChange': {
      const t = a.crime.trends.find((x) => x.key === leaf.key);
      const first = t?.points[0];
      const last = t?.points[t.points.length - 1];
      if (!t || !first || !last || first === last || first.cases <= 0) return NOT_FIRED;
      const v = last.cases / first.cases - 1;
      if (!compareOp(v, leaf.op, leaf.value)) return NOT_FIRED;
      return global([
        {
          id: `trend:${leaf.key}`,
          text: `${t.label}: ${formatChange(v)} registrierte Fälle von ${first.year} bis ${last.year} (von ${formatNumber(first.cases)} auf ${formatNumber(last.cases)}).`,
          value: v,
          display: formatChange(v),
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
      const reg = a.crime.regional;
      const row = reg?.rows.find((r) => r.key === leaf.key);
      if (!reg || !row || row.municipalityRate === null || row.kreisRate === null || row.kreisRate <= 0)
        return NOT_FIRED;
      const v = row.municipalityRate / row.kreisRate;
      if (!compareOp(v, leaf.op, leaf.value)) return NOT_FIRED;
      return global([
        {
          id: `kreis:${leaf.key}`,
          text: `${row.label} ${reg.year}: Häufigkeitszahl ${formatRate(row.municipalityRate)} gegenüber ${formatRate(row.kreisRate)} im Kreis ${reg.kreis.name} (${formatNumber(v, 2)}-fach).`,
          value: v,
          display: `${formatNumber(v, 2)}-fach`,
          highShare: false,
        },
      ]);
    }
    case 'crime.areaRateRatio': {
      const y = latestYear(a);
      const ref = y === null ? null : (a.crime.byYear[String(y)]?.byKey[leaf.key]?.rate ?? null);
      if (ref === null || ref <= 0) return NOT_FIRED;
      const hits = areaOrder.flatMap((id) => {
        const rate = a.crime.byArea[id]?.byKeyLatest[leaf.key]?.rate ?? null;
        if (rate === null) return [];
        const v = rate / ref;
        if (!compareOp(v, leaf.op, leaf.value)) return [];
        return [
          {
            areaId: id,
            finding: {
              id: `arearate:${leaf.key}:${id}`,
              text: `${areaName(id)}: Häufigkeitszahl ${keyLabel(a, leaf.key)} ${y} ${formatRate(rate)} gegenüber ${formatRate(ref)} in der Gesamtkommune (${formatNumber(v, 2)}-fach).`,
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
      return global([{ id: 'paradox', text: p.summary, value: null, display: 'ja', highShare: false }]);
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
  const fearHigh = q === 'begruendete-furcht' || q === 'furcht-ohne-hellfeld';
  const rateHigh = q === 'begruendete-furcht' || q === 'unterschaetztes-risiko';
  return {
    id: `quadrant:${p.surveyItem}:${p.crimeKey}:${ar.areaId}`,
    text:
      `${ar.name}: ${itemPhrase(a.survey, p.surveyItem)} ${fearHigh ? 'über' : 'unter'} dem Durchschnitt der Kommune ` +
      `(${formatPercent(share)} gegenüber ${formatPercent(p.reference.negativeShare)}), registrierte Fälle (${p.crimeLabel}) ${rateHigh ? 'über' : 'unter'} dem Durchschnitt ` +
      `(Häufigkeitszahl ${formatRate(ar.rate)} gegenüber ${formatRate(p.reference.rate)}) – ${QUADRANT_LABELS[q]}.`,
    value: share,
    display: formatPercent(share),
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
