/**
 * Recorded crime (PKS): index lines (first year = 100), Häufigkeitszahlen of the municipality vs
 * Kreis vs Land, and the offence structure of the latest year.
 */
import { KEY_TOTAL } from '../model/pks-keys.js';
import { formatNumber, formatRate } from '../format/number.js';
import {
  extremes,
  joinDe,
  pct,
  round4,
  topLevel,
  uniqueLabels,
  wrapLabel,
  SPLIT_LINES,
  WRAPPED_OFFSET,
} from './common.js';
import { INK, MUTED, RULE, categoricalColours } from './palette.js';
import {
  BAR_PLOT_WIDTH,
  FIGURE_WIDTH,
  FONT_SIZE,
  LABEL_COLUMN,
  PADDING,
  ROW_STEP,
  legendColumns,
} from './theme.js';
import type { ChartContext, ChartSpec } from './types.js';

/** More lines than this go into small multiples. */
const MAX_LINES = 6;

const keyLabel = (label: string, key: string) => (label && label !== key ? label : key);

export function trendChart(ctx: ChartContext): ChartSpec[] {
  const a = ctx.analysis;
  const trends = a.crime.trends
    .map((t) => ({ ...t, points: t.points.filter((p) => p.index !== null && Number.isFinite(p.index)) }))
    .filter((t) => t.points.length >= 2);
  if (trends.length === 0) return [];
  const years = [...new Set(trends.flatMap((t) => t.points.map((p) => p.year)))].sort((x, y) => x - y);
  const first = years[0];
  const labels = uniqueLabels(trends.map((t) => keyLabel(t.label, t.key)));
  const values = trends.flatMap((t, i) =>
    t.points.map((p) => ({
      series: labels[i] ?? t.key,
      year: String(p.year),
      index: round4(p.index ?? 0),
      cases: p.cases,
      text: formatNumber(p.index, 0),
    })),
  );
  const maxIdx = Math.max(100, ...values.map((v) => v.index));
  const yDomain = [0, Math.ceil((maxIdx + 10) / 20) * 20];
  const colours = categoricalColours(ctx.palette, labels.length);
  const x = {
    field: 'year',
    type: 'ordinal',
    sort: years.map(String),
    scale: { domain: years.map(String) },
    axis: { title: null, labelAngle: 0 },
  };
  const y = {
    field: 'index',
    type: 'quantitative',
    scale: { domain: yDomain, nice: false },
    axis: { title: `Index (${first} = 100)`, format: 'd', grid: true },
  };
  const rule = {
    data: { values: [{ base: 100 }] },
    mark: { type: 'rule', color: RULE, strokeDash: [4, 3] },
    encoding: { y: { field: 'base', type: 'quantitative' } },
  };
  let body: Record<string, unknown>;
  const legend = {
    title: null,
    orient: 'bottom',
    columns: legendColumns(labels, FIGURE_WIDTH - 80),
    labelLimit: 300,
    symbolType: 'stroke',
    symbolStrokeWidth: 2,
    symbolSize: 300,
  };
  if (trends.length <= MAX_LINES) {
    body = {
      width: FIGURE_WIDTH - 2 * PADDING - 60,
      height: 260,
      layer: [
        rule,
        {
          data: { values },
          mark: { type: 'line', point: { filled: true, size: 36 }, strokeWidth: 2 },
          encoding: {
            x,
            y,
            color: {
              field: 'series',
              type: 'nominal',
              sort: labels,
              scale: { domain: labels, range: colours },
              legend,
            },
            strokeDash: {
              field: 'series',
              type: 'nominal',
              sort: labels,
              scale: { domain: labels, range: labels.map((_, i) => (i % 2 === 0 ? [1, 0] : [5, 3])) },
              legend,
            },
          },
        },
      ],
    };
  } else {
    const cols = 3;
    body = {
      data: { values },
      facet: {
        field: 'series',
        type: 'nominal',
        sort: labels,
        header: { title: null, labelFontSize: FONT_SIZE.label, labelLimit: 200 },
      },
      columns: cols,
      spec: {
        width: Math.floor((FIGURE_WIDTH - 2 * PADDING - 70 - (cols - 1) * 14) / cols),
        height: 110,
        layer: [
          {
            mark: { type: 'rule', color: RULE, strokeDash: [4, 3] },
            encoding: { y: { datum: 100, type: 'quantitative' } },
          },
          {
            mark: { type: 'line', point: { filled: true, size: 20 }, color: ctx.palette.primary },
            encoding: { x, y },
          },
        ],
      },
    };
  }
  const last = years[years.length - 1];
  const changes = trends.map((t) => ({
    label: keyLabel(t.label, t.key),
    first: t.points[0],
    last: t.points[t.points.length - 1],
  }));
  const ex = extremes(changes, (c) => c.last?.index ?? 100);
  const total = changes.find((_, i) => trends[i]?.key === KEY_TOTAL);
  let alt = `Liniendiagramm: Entwicklung der polizeilich registrierten Fälle ${first}–${last} als Index (${first} = 100) für ${trends.length} Deliktsbereiche.`;
  if (total?.last)
    alt += ` Straftaten insgesamt: Index ${formatNumber(total.last.index, 0)} im Jahr ${total.last.year} (von ${formatNumber(total.first?.cases)} auf ${formatNumber(total.last.cases)} Fälle).`;
  if (ex)
    alt += ` Höchster Index im letzten Jahr: ${ex.max.label} (${formatNumber(ex.max.last?.index, 0)}); niedrigster: ${ex.min.label} (${formatNumber(ex.min.last?.index, 0)}).`;
  const significant = trends.filter((t) => t.test.significant).map((t) => keyLabel(t.label, t.key));
  alt += significant.length
    ? ` Einen statistisch gesicherten Trend über alle Jahre (Poisson-Trendtest) zeigen: ${joinDe(significant)}.`
    : ' Keiner der Deliktsbereiche zeigt einen statistisch gesicherten Trend über alle Jahre (Poisson-Trendtest).';
  return [
    {
      id: 'pks-entwicklung-index',
      title: `Entwicklung der registrierten Straftaten (Index ${first} = 100)`,
      alt,
      section: 'crime',
      spec: topLevel(body, [
        'Polizeiliche Kriminalstatistik (Hellfeld); Index = Fälle im Jahr / Fälle im ersten Jahr × 100.',
      ]),
    },
  ];
}

export function regionalChart(ctx: ChartContext): ChartSpec[] {
  const a = ctx.analysis;
  const reg = a.crime.regional;
  if (!reg) return [];
  const rows = reg.rows.filter(
    (r) => r.municipalityRate !== null || r.kreisRate !== null || r.landRate !== null,
  );
  if (rows.length === 0) return [];
  const levels = [a.meta.kommune.name, `Landkreis ${reg.kreis.name}`, reg.land.name];
  const uniqueLevels = uniqueLabels(levels);
  const colours = [
    ctx.palette.primary,
    ctx.palette.categorical[1] ?? ctx.palette.unfavourable,
    ctx.palette.categorical[2] ?? MUTED,
  ];
  const labels = uniqueLabels(rows.map((r) => wrapLabel(keyLabel(r.label, r.key), LABEL_COLUMN - 12)));
  const datum = (r: (typeof rows)[number], i: number) =>
    [r.municipalityRate, r.kreisRate, r.landRate].flatMap((v, j) =>
      v === null
        ? []
        : [{ row: labels[i] ?? r.key, level: uniqueLevels[j] ?? '', rate: round4(v), text: formatRate(v) }],
    );
  const panel = (subset: number[], title?: string) => {
    const values = subset.flatMap((i) => {
      const r = rows[i];
      return r ? datum(r, i) : [];
    });
    const max = Math.max(1, ...values.map((v) => v.rate));
    const names = subset.map((i) => labels[i] ?? '');
    const y = {
      field: 'row',
      type: 'nominal',
      sort: names,
      scale: { domain: names, paddingInner: 0.25 },
      axis: {
        title: null,
        minExtent: LABEL_COLUMN,
        maxExtent: LABEL_COLUMN,
        labelLimit: LABEL_COLUMN - 10,
        labelExpr: SPLIT_LINES,
        labelLineHeight: 12,
        labelOffset: { expr: WRAPPED_OFFSET },
      },
    };
    const yOffset = { field: 'level', type: 'nominal', sort: uniqueLevels, scale: { domain: uniqueLevels } };
    const x = {
      field: 'rate',
      type: 'quantitative',
      scale: { domain: [0, max * 1.18], nice: false },
      axis: { title: title ?? null, format: ',d', grid: true, tickCount: 5 },
    };
    return {
      width: BAR_PLOT_WIDTH,
      height: { step: 13 },
      layer: [
        {
          data: { values },
          mark: { type: 'bar' },
          encoding: {
            y,
            yOffset,
            x,
            color: {
              field: 'level',
              type: 'nominal',
              sort: uniqueLevels,
              scale: { domain: uniqueLevels, range: colours },
              legend: { title: null, orient: 'bottom' },
            },
          },
        },
        {
          data: { values },
          mark: {
            type: 'text',
            align: 'left',
            baseline: 'middle',
            dx: 3,
            fontSize: FONT_SIZE.note,
            color: INK,
          },
          encoding: { y, yOffset, x, text: { field: 'text' } },
        },
      ],
    };
  };
  const totalIdx = rows.findIndex((r) => r.key === KEY_TOTAL);
  const others = rows.map((_, i) => i).filter((i) => i !== totalIdx);
  const blocks = [
    ...(totalIdx >= 0 ? [panel([totalIdx])] : []),
    ...(others.length ? [panel(others, 'Häufigkeitszahl (Fälle je 100.000 Einwohner)')] : []),
  ];
  const body =
    blocks.length === 1
      ? (blocks[0] ?? {})
      : { vconcat: blocks, spacing: 10, resolve: { scale: { x: 'independent' } } };
  const total = totalIdx >= 0 ? rows[totalIdx] : undefined;
  let alt = `Gruppierte Balken: Häufigkeitszahlen ${reg.year} (Fälle je 100.000 Einwohner) von ${a.meta.kommune.name}, dem Landkreis ${reg.kreis.name} und ${reg.land.name} für ${rows.length} Deliktsbereiche.`;
  if (total)
    alt += ` Straftaten insgesamt: ${a.meta.kommune.name} ${formatRate(total.municipalityRate)}, Landkreis ${formatRate(total.kreisRate)}, ${reg.land.name} ${formatRate(total.landRate)}.`;
  // Only differences the exact Poisson interval of the municipal rate supports (≥ 10 cases).
  const above = rows.filter((r) => r.kreisLevel === 'ueber' && r.key !== KEY_TOTAL);
  if (above.length)
    alt += ` Gesichert über dem Kreiswert liegen: ${joinDe(above.map((r) => `${keyLabel(r.label, r.key)} (${formatRate(r.municipalityRate)} gegenüber ${formatRate(r.kreisRate)})`))}.`;
  const notes = [
    `Polizeiliche Kriminalstatistik ${reg.year}; Kreis- und Landeswerte nach der BKA-Tabelle „Fälle – Kreise“. Tatortprinzip: Vergleiche zwischen Gebieten sind nur eingeschränkt aussagekräftig.`,
  ];
  return [
    {
      id: 'pks-hz-vergleich',
      title: `Häufigkeitszahlen ${reg.year}: ${a.meta.kommune.name}, Landkreis ${reg.kreis.name} und ${reg.land.name}`,
      alt,
      section: 'crime',
      spec: topLevel(body, notes),
    },
  ];
}

export function structureChart(ctx: ChartContext): ChartSpec[] {
  const a = ctx.analysis;
  const list = [...a.crime.structure]
    .filter((s) => s.count > 0)
    .sort((x, y) => y.share - x.share || x.key.localeCompare(y.key));
  if (list.length === 0) return [];
  const latest = a.crime.years.length ? Math.max(...a.crime.years) : null;
  const labels = uniqueLabels(list.map((s) => wrapLabel(keyLabel(s.label, s.key), LABEL_COLUMN - 12)));
  const values = list.map((s, i) => ({
    row: labels[i] ?? s.key,
    share: round4(s.share),
    text: `${pct(s.share)} (${formatNumber(s.count)})`,
  }));
  const max = Math.min(1, Math.max(0.1, Math.ceil((Math.max(...list.map((s) => s.share)) + 0.08) * 10) / 10));
  const y = {
    field: 'row',
    type: 'nominal',
    sort: labels,
    scale: { domain: labels },
    axis: {
      title: null,
      minExtent: LABEL_COLUMN,
      maxExtent: LABEL_COLUMN,
      labelLimit: LABEL_COLUMN - 10,
      labelExpr: SPLIT_LINES,
      labelLineHeight: 12,
      labelOffset: { expr: WRAPPED_OFFSET },
    },
  };
  const x = {
    field: 'share',
    type: 'quantitative',
    scale: { domain: [0, max], nice: false },
    axis: {
      title: `Anteil an allen Straftaten${latest ? ` ${latest}` : ''}`,
      format: '.0%',
      grid: true,
      tickCount: 5,
    },
  };
  const body = {
    width: BAR_PLOT_WIDTH,
    height: { step: ROW_STEP },
    layer: [
      { data: { values }, mark: { type: 'bar', color: ctx.palette.primary }, encoding: { y, x } },
      {
        data: { values },
        mark: {
          type: 'text',
          align: 'left',
          baseline: 'middle',
          dx: 4,
          fontSize: FONT_SIZE.data,
          color: INK,
        },
        encoding: { y, x, text: { field: 'text' } },
      },
    ],
  };
  const ex = extremes(list, (s) => s.share);
  let alt = `Balkendiagramm: Anteile ausgewählter Deliktsbereiche an allen registrierten Straftaten${latest ? ` ${latest}` : ''}.`;
  if (ex)
    alt += ` Größter Anteil: ${keyLabel(ex.max.label, ex.max.key)} (${pct(ex.max.share)}, ${formatNumber(ex.max.count)} Fälle); kleinster: ${keyLabel(ex.min.label, ex.min.key)} (${pct(ex.min.share)}, ${formatNumber(ex.min.count)} Fälle).`;
  return [
    {
      id: 'pks-deliktsstruktur',
      title: `Deliktsstruktur${latest ? ` ${latest}` : ''}: Anteile an allen Straftaten`,
      alt,
      section: 'crime',
      spec: topLevel(body, [
        'Die Deliktsbereiche überschneiden sich (z. B. Graffiti ist Teil der Sachbeschädigung); die Anteile ergeben daher nicht 100 %.',
      ]),
    },
  ];
}
