/**
 * Kernbefunde for the summary: 5–8 German sentences, each with a severity.
 *
 * Candidates, in topic order (the order they are printed in):
 *  1 Lebensqualität (lq_wohnen_gern), 2 Sicherheitsgefühl nachts in der Wohngegend (standard item),
 *  3 Incivilities (top 3), 4 registered crime (latest year, change since the first year),
 *  5 HZ vs Kreis/Land, 6 caveat flags (Sondereffekt/Sprung in the latest years),
 *  7 Furcht ohne Hellfeld-Korrelat (areas), 8 unterschätztes Risiko (areas), 9 paradox,
 *  10 perceived vs recorded trend, 11 institutions (largest unfavourable share), 12 reporting rates.
 * Severity thresholds (documented with each candidate) follow the benchmarks of the domain brief
 * (e.g. SKiD 2020: about a quarter feel unsafe at night in their neighbourhood).
 * Selection: the anchors (Sicherheitsgefühl, registered crime) when available, then the most severe
 * (kritisch > auffällig > Hinweis; ties by topic order) up to 8; printed in topic order.
 */
import { KEY_TOTAL } from '../model/pks-keys.js';
import type { KeyFinding } from '../analysis/schema.js';
import type { z } from 'zod';
import { formatNumber, formatPercent, formatRate } from '../format/number.js';
import { QUADRANT_LABELS } from '../analysis/comparison/quadrant.js';
import { itemPhrase, pctText, shareSentence, withLimitedMark } from './findings.js';
import { trendObject, trendPhrase, type AnalysisBase } from './evaluate.js';
import type { Level, ShareStat, TotalStat } from '../analysis/schema.js';

const shown = (t: TotalStat | undefined): ShareStat | null =>
  t && !('suppressed' in t) && t.n > 0 ? t : null;

export type KeyFindingResult = z.infer<typeof KeyFinding>;
type Severity = KeyFindingResult['severity'];

export const MAX_KEY_FINDINGS = 8;
const SEVERITY_RANK: Readonly<Record<Severity, number>> = { kritisch: 0, auffaellig: 1, hinweis: 2 };

const bySeverity = (v: number, auffaellig: number, kritisch: number): Severity =>
  v >= kritisch ? 'kritisch' : v >= auffaellig ? 'auffaellig' : 'hinweis';

const joinList = (parts: string[]) =>
  parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} und ${parts[parts.length - 1]}`;

function candidates(a: AnalysisBase): KeyFindingResult[] {
  const out: KeyFindingResult[] = [];
  const s = a.survey;
  const areaName = (id: string) => a.meta.gebiete.find((g) => g.id === id)?.name ?? id;

  // 1 Lebensqualität
  const lq = shown(s.items['lq_wohnen_gern']?.total);
  if (lq) {
    const neg = lq.negativeShareWeighted;
    out.push({
      id: 'kf:lebensqualitaet',
      text: withLimitedMark(
        `${pctText(1 - neg, lq.n)} der Befragten wohnen gern oder sehr gern in ${a.meta.kommune.name}.`,
        lq.n,
      ),
      severity: bySeverity(neg, 0.2, 0.35),
    });
  }

  // 2 Sicherheitsgefühl (standard item): auffällig from 30 %, kritisch from 50 %. Areas are named
  // only where their interval lies wholly above the municipal value.
  const sg = s.items['sg_wohngegend_nacht'];
  const sgTotal = shown(sg?.total);
  if (sg && sgTotal) {
    const v = sgTotal.negativeShareWeighted;
    const above = a.meta.gebiete.flatMap((g) => {
      const st = sg.byArea[g.id];
      return st && !('suppressed' in st) && st.n > 0 && st.ci95[0] > v
        ? [`${g.name} (${pctText(st.negativeShareWeighted, st.n)})`]
        : [];
    });
    let text = `${pctText(v, sgTotal.n)} der Befragten fühlen sich nachts ohne Begleitung in ihrer Wohngegend eher oder sehr unsicher`;
    if (above.length > 0) text += ` – signifikant häufiger als im Durchschnitt in ${joinList(above)}`;
    out.push({
      id: 'kf:sicherheitsgefuehl',
      text: withLimitedMark(`${text}.`, sgTotal.n),
      severity: bySeverity(v, 0.3, 0.5),
    });
  }

  // 3 Incivilities: auffällig from 40 %, kritisch from 60 %.
  const inc = s.incivilityRanking
    .filter(
      (f): f is typeof f & { negativeShareWeighted: number } =>
        !f.suppressed && f.negativeShareWeighted !== null,
    )
    .sort((x, y) => y.negativeShareWeighted - x.negativeShareWeighted || (x.item < y.item ? -1 : 1))
    .slice(0, 3);
  const top = inc[0];
  if (top) {
    out.push({
      id: 'kf:incivilities',
      text: `Die größten Probleme im Wohnumfeld sind ${joinList(inc.map((f) => `${f.label} (${pctText(f.negativeShareWeighted, f.n)})`))} – Anteil „ziemliches oder großes Problem“.`,
      severity: bySeverity(top.negativeShareWeighted, 0.4, 0.6),
    });
  }

  // 4 Registered crime: the latest year and the trend test over the whole series; auffällig when
  // the trend is a significant rise of 20 % or more over the series.
  const years = [...a.crime.years].sort((x, y) => x - y);
  const last = years[years.length - 1];
  const totalTrend = a.crime.trends.find((t) => t.key === KEY_TOTAL);
  const lastFig = last === undefined ? undefined : a.crime.byYear[String(last)]?.byKey[KEY_TOTAL];
  if (last !== undefined && lastFig) {
    const t = totalTrend?.test;
    const rate = lastFig.rate === null ? '' : ` (Häufigkeitszahl ${formatRate(lastFig.rate)})`;
    const trend = t && t.tested ? `; Entwicklung ${t.fromYear}–${t.toYear}: ${trendPhrase(t)}` : '';
    out.push({
      id: 'kf:kriminalitaet',
      text: `${last} registrierte die Polizei ${formatNumber(lastFig.cases)} Straftaten${rate}${trend}.`,
      severity: t && t.significant && t.change !== null && t.change >= 0.2 ? 'auffaellig' : 'hinweis',
    });
  }

  // 5 Regional comparison: "über"/"unter" only where the exact Poisson interval of the municipal
  // rate excludes the Kreis (Land) rate; auffällig from 1,2 × Kreis HZ, kritisch from 2 ×, and only
  // when the rate is significantly above the Kreis rate.
  const reg = a.crime.regional;
  const regTotal = reg?.rows.find((r) => r.key === KEY_TOTAL);
  if (
    reg &&
    regTotal &&
    regTotal.municipalityRate !== null &&
    (regTotal.kreisRate !== null || regTotal.landRate !== null)
  ) {
    const m = regTotal.municipalityRate;
    const rel = (level: Level | null) =>
      level === 'ueber'
        ? 'über'
        : level === 'unter'
          ? 'unter'
          : 'im Rahmen der Zufallsschwankung gleichauf mit';
    const parts: string[] = [];
    if (regTotal.kreisRate !== null)
      parts.push(
        `${rel(regTotal.kreisLevel)} der des Kreises ${reg.kreis.name} (${formatRate(regTotal.kreisRate)})`,
      );
    if (regTotal.landRate !== null)
      parts.push(
        `${rel(regTotal.landLevel)} der des Landes ${reg.land.name} (${formatRate(regTotal.landRate)})`,
      );
    const ratio =
      regTotal.kreisLevel === 'ueber' && regTotal.kreisRate !== null && regTotal.kreisRate > 0
        ? m / regTotal.kreisRate
        : 0;
    out.push({
      id: 'kf:regional',
      text: `Die Häufigkeitszahl ${reg.year} (${formatRate(m)}) liegt ${joinList(parts)}.`,
      severity: bySeverity(ratio, 1.2, 2),
    });
  }

  // 6 Flags: Sondereffekt or Sprung of the municipality in the latest year.
  const flags = a.crime.flags.filter(
    (f) => f.areaId === null && (f.kind === 'sondereffekt' || (f.kind === 'sprung' && f.year === last)),
  );
  if (flags.length > 0) {
    const shown = flags.slice(0, 2).map((f) => f.message.replace(/\.$/, ''));
    const rest = flags.length - 2;
    const more =
      rest > 0
        ? ` (${rest === 1 ? 'ein weiterer Hinweis' : `${rest} weitere Hinweise`} im Kapitel Kriminalität)`
        : '';
    out.push({
      id: 'kf:sondereffekte',
      text: `Auffällige Werte in der Kriminalstatistik: ${shown.join('; ')}${more}.`,
      severity: 'auffaellig',
    });
  }

  // 7/8 Discrepancies by area.
  for (const q of ['furcht-ohne-hellfeld', 'unterschaetztes-risiko'] as const) {
    const hits = a.comparison.pairs.flatMap((p) =>
      p.areas.filter((ar) => ar.quadrant === q).map((ar) => ({ p, ar })),
    );
    if (hits.length === 0) continue;
    const areaIds = [...new Set(hits.map((h) => h.ar.areaId))];
    const examples = hits
      .slice(0, 2)
      .map((h) => `${areaName(h.ar.areaId)}: ${itemPhrase(s, h.p.surveyItem)}`);
    const what =
      q === 'furcht-ohne-hellfeld'
        ? 'ist die Beunruhigung nachweislich überdurchschnittlich, die registrierte Kriminalität aber nicht'
        : 'liegt die registrierte Kriminalität nachweislich über dem Durchschnitt, die Beunruhigung aber nicht';
    out.push({
      id: `kf:${q}`,
      text: `In ${areaIds.length === 1 ? 'einem Gebiet' : `${areaIds.length} Gebieten`} ${what} (${QUADRANT_LABELS[q]}), z. B. ${examples.join('; ')}.`,
      severity: 'auffaellig',
    });
  }

  // 9 Paradox.
  if (a.comparison.paradox.present === true)
    out.push({ id: 'kf:paradox', text: a.comparison.paradox.summary, severity: 'hinweis' });

  // 10 Perceived vs recorded trend: auffällig when ≥ 40 % perceive a rise while the trend test
  // shows no significant rise of recorded crime.
  const pt = s.perceivedTrend;
  const ptShare = pt && !pt.item.suppressed ? pt.item.negativeShareWeighted : null;
  const rt = pt?.recordedTest;
  if (pt && ptShare !== null && rt && rt.tested) {
    const rising = rt.significant && (rt.annualChange ?? 0) > 0;
    out.push({
      id: 'kf:wahrgenommene-entwicklung',
      text: withLimitedMark(
        `${pctText(ptShare, pt.item.n)} der Befragten meinen, die Kriminalität sei gestiegen; die registrierten Straftaten ${rt.fromYear ?? ''}–${rt.toYear ?? ''} zeigen ${trendObject(rt)}.`,
        pt.item.n,
      ),
      severity: ptShare >= 0.4 && !rising ? 'auffaellig' : 'hinweis',
    });
  }

  // 11 Institutions: the largest unfavourable share, auffällig from 40 %, kritisch from 60 %.
  const inst = s.institutions
    .filter(
      (f): f is typeof f & { negativeShareWeighted: number } =>
        !f.suppressed && f.negativeShareWeighted !== null,
    )
    .sort((x, y) => y.negativeShareWeighted - x.negativeShareWeighted || (x.item < y.item ? -1 : 1))[0];
  if (inst && inst.negativeShareWeighted >= 0.25) {
    out.push({
      id: `kf:institution:${inst.item}`,
      text: shareSentence(s, inst.item, inst.negativeShareWeighted, undefined, inst.n),
      severity: bySeverity(inst.negativeShareWeighted, 0.4, 0.6),
    });
  }

  // 12 Reporting: the lowest reporting rate below 50 %, among rates on at least 30 victims.
  const rep = s.victimisation
    .flatMap((r) =>
      r.reportingRate &&
      !r.reportingRate.suppressed &&
      !r.reportingRate.limited &&
      r.reportingRate.negativeShareWeighted !== null
        ? [{ r, v: r.reportingRate.negativeShareWeighted }]
        : [],
    )
    .sort((x, y) => x.v - y.v || (x.r.delikt < y.r.delikt ? -1 : 1))[0];
  if (rep && rep.v < 0.5) {
    out.push({
      id: 'kf:anzeigeverhalten',
      text: `Nur ${formatPercent(rep.v)} der Opfer von ${rep.r.label} haben die Tat der Polizei gemeldet – vieles bleibt im Dunkelfeld.`,
      severity: 'hinweis',
    });
  }
  return out;
}

/** Always in the summary when available: the standard indicator and the level of registered crime. */
const ANCHORS: ReadonlySet<string> = new Set(['kf:sicherheitsgefuehl', 'kf:kriminalitaet']);

export function buildKeyFindings(a: AnalysisBase): KeyFindingResult[] {
  const all = candidates(a);
  const order = new Map(all.map((k, i) => [k.id, i]));
  const rank = (k: KeyFindingResult) => (ANCHORS.has(k.id) ? -1 : SEVERITY_RANK[k.severity]);
  const chosen = [...all]
    .sort((x, y) => rank(x) - rank(y) || (order.get(x.id) ?? 0) - (order.get(y.id) ?? 0))
    .slice(0, MAX_KEY_FINDINGS);
  return chosen.sort((x, y) => (order.get(x.id) ?? 0) - (order.get(y.id) ?? 0));
}
