/**
 * Zusammenführung subjektiv ↔ objektiv: the four-quadrant chart per item–key pair (areas as
 * labelled points, x = HZ, y = unfavourable share, reference lines at the municipal values,
 * quadrant names in the corners) and the Kriminalitätsfurcht-Paradox (fear vs victimisation by
 * sex × age group).
 *
 * Decision: one chart per comparison pair, in the order of the analysis. Small multiples would
 * shrink the area labels below print size once there are more than a handful of areas.
 */
import type { Analysis, Quadrant } from '../analysis/schema.js';
import { QUADRANT_LABELS } from '../analysis/comparison/quadrant.js';
import { pairCaveat } from '../analysis/comparison/pairs.js';
import { SEX_LABELS } from '../model/dataset.js';
import { formatRate } from '../format/number.js';
import { verticalGroupedBars, shareMax, type Cell } from './bars.js';
import {
  SUPPRESSED_TEXT,
  altPct,
  extremes,
  isShownGroup,
  joinDe,
  round4,
  sexAgeGroup,
  topLevel,
} from './common.js';
import { ageLabel, ageOrder } from './fear.js';
import { INK, MUTED, RULE, WHITE } from './palette.js';
import { FIGURE_WIDTH, FONT_SIZE, PADDING } from './theme.js';
import type { ChartContext, ChartSpec } from './types.js';

type Pair = Analysis['comparison']['pairs'][number];

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Corner of each quadrant: high fear is up, high HZ is right. */
const CORNERS: readonly { q: Quadrant; x: 'left' | 'right'; y: 'top' | 'bottom' }[] = [
  { q: 'furcht-ohne-hellfeld', x: 'left', y: 'top' },
  { q: 'begruendete-furcht', x: 'right', y: 'top' },
  { q: 'unauffaellig', x: 'left', y: 'bottom' },
  { q: 'unterschaetztes-risiko', x: 'right', y: 'bottom' },
];

const Y_AXIS = 56;

function quadrantChart(a: Analysis, pair: Pair, ctx: ChartContext): ChartSpec | undefined {
  const item = a.survey.items[pair.surveyItem];
  const limited = (areaId: string) => {
    const s = item?.byArea[areaId];
    return isShownGroup(s) && s.limited;
  };
  // x: the area's HZ relative to the municipal HZ of the same years (one basis per comparison:
  // an area on its multi-year average is compared with the municipality's average of those years).
  const points = pair.areas
    .filter(
      (p) =>
        !p.suppressed &&
        p.negativeShare !== null &&
        p.rate !== null &&
        p.referenceRate !== null &&
        p.referenceRate > 0,
    )
    .map((p) => ({
      name: limited(p.areaId) ? `(${p.name})` : p.name,
      rawName: p.name,
      rate: round4((p.rate ?? 0) / (p.referenceRate ?? 1)),
      hz: p.rate ?? 0,
      share: round4(p.negativeShare ?? 0),
      quadrant: p.quadrant,
      limited: limited(p.areaId),
    }));
  if (points.length < 2) return undefined;
  const refRate = pair.reference.rate === null ? null : 1;
  const refShare = pair.reference.negativeShare;
  const xMax = Math.max(1, ...points.map((p) => p.rate)) * 1.3;
  const yMax = shareMax(Math.max(refShare ?? 0, ...points.map((p) => p.share)) + 0.05);
  const width = FIGURE_WIDTH - 2 * PADDING - Y_AXIS - 10;
  const x = {
    field: 'rate',
    type: 'quantitative',
    scale: { domain: [0, Math.ceil(xMax * 2) / 2], nice: false },
    axis: {
      title: `${pair.crimeLabel}: Häufigkeitszahl im Verhältnis zur Gesamtkommune (gleiche Jahre)`,
      format: '.1f',
      grid: true,
      tickCount: 6,
    },
  };
  const y = {
    field: 'share',
    type: 'quantitative',
    scale: { domain: [0, yMax], nice: false },
    axis: { title: pair.surveyLabel, format: '.0%', grid: true, tickCount: 5, titleLimit: 300 },
  };
  const corner = (c: (typeof CORNERS)[number]) => ({
    data: { values: [{ text: QUADRANT_LABELS[c.q] }] },
    mark: {
      type: 'text',
      align: c.x,
      baseline: c.y,
      dx: c.x === 'left' ? 6 : -6,
      dy: c.y === 'top' ? 6 : -6,
      fontSize: FONT_SIZE.note,
      fontStyle: 'italic',
      color: MUTED,
    },
    encoding: {
      x: { value: c.x === 'left' ? 0 : 'width' },
      y: { value: c.y === 'top' ? 0 : 'height' },
      text: { field: 'text' },
    },
  });
  const refs = [
    ...(refRate !== null
      ? [
          {
            data: { values: [{ v: round4(refRate) }] },
            mark: { type: 'rule', color: RULE, strokeDash: [5, 4] },
            encoding: { x: { field: 'v', type: 'quantitative' } },
          },
        ]
      : []),
    ...(refShare !== null
      ? [
          {
            data: { values: [{ v: round4(refShare) }] },
            mark: { type: 'rule', color: RULE, strokeDash: [5, 4] },
            encoding: { y: { field: 'v', type: 'quantitative' } },
          },
        ]
      : []),
  ];
  const body = {
    width,
    height: 320,
    layer: [
      ...refs,
      ...CORNERS.map(corner),
      {
        data: { values: points },
        mark: {
          type: 'point',
          filled: true,
          size: 70,
          color: ctx.palette.primary,
          stroke: WHITE,
          strokeWidth: 1,
          opacity: 1,
        },
        encoding: { x, y },
      },
      {
        data: { values: points },
        mark: {
          type: 'text',
          align: 'left',
          baseline: 'middle',
          dx: 7,
          fontSize: FONT_SIZE.data,
          color: INK,
        },
        encoding: { x, y, text: { field: 'name' } },
      },
    ],
  };
  const suppressed = pair.areas.filter((p) => p.suppressed).map((p) => p.name);
  const missing = pair.areas
    .filter((p) => !p.suppressed && (p.negativeShare === null || p.rate === null))
    .map((p) => p.name);
  const notes = [
    `Gestrichelte Linien: Werte der Gesamtstadt (${altPct(refShare)}; Häufigkeitszahl = 1). Namen in Klammern: Befragungswert eingeschränkt aussagekräftig.`,
    'Die Lage der Punkte zeigt Schätzwerte. Einem Feld zugeordnet ist ein Gebiet nur, wo die 95-%-Intervalle den Unterschied stützen (siehe Tabelle); die übrigen sind unauffällig oder nicht einzuordnen.',
  ];
  if (suppressed.length)
    notes.push(`Nicht dargestellt (${SUPPRESSED_TEXT} in der Befragung): ${joinDe(suppressed)}.`);
  if (missing.length) notes.push(`Ohne Daten: ${joinDe(missing)}.`);
  const caveat = pairCaveat(pair.surveyItem, pair.crimeKey);
  if (caveat) notes.push(caveat);

  const byQuadrant = CORNERS.map((c) => {
    const members = points.filter((p) => p.quadrant === c.q);
    const label = QUADRANT_LABELS[c.q];
    return `${label.charAt(0).toUpperCase()}${label.slice(1)}: ${members.length ? joinDe(members.map((p) => `${p.rawName} (${altPct(p.share, p.limited)}, Häufigkeitszahl ${formatRate(p.hz)})`)) : 'kein Gebiet'}`;
  });
  const unclassified = points.filter((p) => p.quadrant === null).map((p) => p.rawName);
  if (unclassified.length)
    byQuadrant.push(`Nicht einzuordnen (weniger als 10 Fälle): ${joinDe(unclassified)}`);
  let alt = `Vier-Felder-Diagramm je Gebiet: waagerecht die Häufigkeitszahl für ${pair.crimeLabel} im Verhältnis zur Gesamtstadt, senkrecht der Anteil „${pair.surveyLabel}“; Bezugslinien bei den Werten der Gesamtstadt (${altPct(refShare)}; Häufigkeitszahl ${formatRate(pair.reference.rate)}). Einem Feld zugeordnet ist ein Gebiet nur, wo die 95-%-Intervalle den Unterschied stützen. ${byQuadrant.join('. ')}.`;
  if (suppressed.length) alt += ` ${joinDe(suppressed)}: ${SUPPRESSED_TEXT}, nicht dargestellt.`;
  return {
    id: `vergleich-quadranten-${slug(pair.surveyItem)}-${slug(pair.crimeKey)}`,
    title: `Befragung und Kriminalstatistik nach Gebiet: ${pair.surveyLabel} und ${pair.crimeLabel}`,
    alt,
    section: 'comparison',
    spec: topLevel(body, notes),
  };
}

export function quadrantCharts(ctx: ChartContext): ChartSpec[] {
  const a = ctx.analysis;
  const out: ChartSpec[] = [];
  const ids = new Set<string>();
  for (const pair of a.comparison.pairs) {
    const c = quadrantChart(a, pair, ctx);
    if (!c || ids.has(c.id)) continue;
    ids.add(c.id);
    out.push(c);
  }
  return out;
}

export function paradoxChart(ctx: ChartContext): ChartSpec[] {
  const a = ctx.analysis;
  const rows = a.comparison.paradox.rows;
  if (!rows.some((r) => r.fear !== null) || !rows.some((r) => r.victimisation !== null)) return [];
  const ages = ageOrder(a, [...new Set(rows.map((r) => r.ageGroup))]);
  const series = (['w', 'm'] as const).map((s) => SEX_LABELS[s]);
  const colours = [
    ctx.palette.categorical[0] ?? ctx.palette.primary,
    ctx.palette.categorical[1] ?? ctx.palette.unfavourable,
  ];
  const cells = (pick: (r: (typeof rows)[number]) => number | null): Cell[] =>
    rows.map((r) => ({
      x: ageLabel(r.ageGroup),
      series: SEX_LABELS[r.sex],
      value: pick(r),
      limited: r.n < a.meta.limitedBelow,
      suppressed: pick(r) === null,
    }));
  const max = shareMax(Math.max(0, ...rows.flatMap((r) => [r.fear ?? 0, r.victimisation ?? 0])) + 0.05);
  const panel = Math.floor((FIGURE_WIDTH - 2 * PADDING - 42 - 12 - 6) / 2);
  const opts = (title: string, hide: boolean) => ({
    width: panel,
    height: 190,
    xDomain: ages.map(ageLabel),
    xTitle: 'Alter',
    series: { field: 'series', domain: series, colours, legend: true },
    max,
    title,
    hideYAxis: hide,
    valueLabels: true,
  });
  const body = {
    hconcat: [
      verticalGroupedBars(
        cells((r) => r.fear),
        opts('Kriminalitätsfurcht (affektiv)', false),
      ),
      verticalGroupedBars(
        cells((r) => r.victimisation),
        opts('Opfer in den letzten 12 Monaten', true),
      ),
    ],
    spacing: 12,
    resolve: { scale: { y: 'shared', color: 'shared' } },
  };
  const group = (r: (typeof rows)[number]) => sexAgeGroup(r.sex, r.ageGroup);
  const lim = (r: (typeof rows)[number]) => r.n < a.meta.limitedBelow;
  const f = extremes(
    rows.filter((r) => r.fear !== null),
    (r) => r.fear ?? 0,
  );
  const v = extremes(
    rows.filter((r) => r.victimisation !== null),
    (r) => r.victimisation ?? 0,
  );
  let alt =
    'Zwei Säulendiagramme nach Geschlecht und Altersgruppe: links der Anteil mit ausgeprägter Kriminalitätsfurcht, rechts der Anteil, der in den letzten 12 Monaten Opfer einer Straftat wurde.';
  if (f)
    alt += ` Die größte Furcht äußern ${group(f.max)} (${altPct(f.max.fear, lim(f.max))}), die geringste ${group(f.min)} (${altPct(f.min.fear, lim(f.min))}).`;
  if (v)
    alt += ` Am häufigsten Opfer wurden ${group(v.max)} (${altPct(v.max.victimisation, lim(v.max))}), am seltensten ${group(v.min)} (${altPct(v.min.victimisation, lim(v.min))}).`;
  const suppressed = rows
    .filter((r) => r.suppressed || r.fear === null || r.victimisation === null)
    .map(group);
  if (suppressed.length)
    alt += ` ${SUPPRESSED_TEXT[0]?.toUpperCase()}${SUPPRESSED_TEXT.slice(1)}: ${joinDe(suppressed)}.`;
  const notes = [
    a.comparison.paradox.summary,
    ...(rows.some((r) => !r.suppressed && r.n < a.meta.limitedBelow)
      ? [`Werte in Klammern: eingeschränkt aussagekräftig (weniger als ${a.meta.limitedBelow} Befragte).`]
      : []),
  ];
  return [
    {
      id: 'vergleich-furcht-paradox',
      title: 'Kriminalitätsfurcht und Opfererfahrung nach Geschlecht und Alter',
      alt,
      section: 'comparison',
      spec: topLevel(body, notes),
    },
  ];
}
