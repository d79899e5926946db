/** PMK by Phänomenbereich (stacked bars per year) and Ordnungswidrigkeiten by category. */
import { formatNumber } from '../format/number.js';
import {
  extremes,
  joinDe,
  topLevel,
  uniqueLabels,
  wrapLabel,
  SPLIT_LINES,
  WRAPPED_OFFSET,
} from './common.js';
import { INK, WHITE, categoricalColours } from './palette.js';
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

export function pmkChart(ctx: ChartContext): ChartSpec[] {
  const pmk = ctx.analysis.pmk;
  if (!pmk || pmk.rows.length === 0 || pmk.rows.every((r) => r.cases === 0)) return [];
  const years = [...new Set([...pmk.years, ...pmk.rows.map((r) => r.year)])]
    .sort((x, y) => x - y)
    .map(String);
  const bereiche: string[] = [];
  for (const r of pmk.rows) if (!bereiche.includes(r.label)) bereiche.push(r.label);
  const values = pmk.rows
    .filter((r) => r.cases > 0)
    .map((r) => ({
      year: String(r.year),
      bereich: r.label,
      order: bereiche.indexOf(r.label),
      cases: r.cases,
    }));
  const totals = years.map((y) => ({
    year: y,
    total: values.filter((v) => v.year === y).reduce((s, v) => s + v.cases, 0),
  }));
  const colours = categoricalColours(ctx.palette, bereiche.length);
  const x = {
    field: 'year',
    type: 'ordinal',
    sort: years,
    scale: { domain: years },
    axis: { title: null, labelAngle: 0 },
  };
  const maxTotal = Math.max(1, ...totals.map((t) => t.total));
  const body = {
    width: FIGURE_WIDTH - 2 * PADDING - 50,
    height: 220,
    layer: [
      {
        data: { values },
        mark: { type: 'bar', stroke: WHITE, strokeWidth: 0.75, width: { band: 0.6 } },
        encoding: {
          x,
          y: {
            field: 'cases',
            type: 'quantitative',
            stack: 'zero',
            scale: { domain: [0, Math.ceil(maxTotal * 1.12)] },
            axis: { title: 'Fälle', format: 'd', grid: true, tickMinStep: 1 },
          },
          color: {
            field: 'bereich',
            type: 'nominal',
            sort: bereiche,
            scale: { domain: bereiche, range: colours },
            legend: { title: null, orient: 'bottom', columns: legendColumns(bereiche, FIGURE_WIDTH - 60) },
          },
          order: { field: 'order', type: 'quantitative' },
        },
      },
      {
        data: { values: totals },
        mark: { type: 'text', baseline: 'bottom', dy: -3, fontSize: FONT_SIZE.data, color: INK },
        encoding: {
          x,
          y: { field: 'total', type: 'quantitative' },
          text: { field: 'total', type: 'quantitative', format: ',d' },
        },
      },
    ],
  };
  const ex = extremes(totals, (t) => t.total);
  const byBereich = bereiche.map((b) => ({
    b,
    sum: values.filter((v) => v.bereich === b).reduce((s, v) => s + v.cases, 0),
  }));
  const top = extremes(byBereich, (x) => x.sum);
  let alt = `Gestapelte Säulen: politisch motivierte Straftaten ${years[0]}–${years[years.length - 1]} nach Phänomenbereich.`;
  if (ex)
    alt += ` Die meisten Fälle ${ex.max.year} (${formatNumber(ex.max.total)}), die wenigsten ${ex.min.year} (${formatNumber(ex.min.total)}).`;
  if (top)
    alt += ` Größter Phänomenbereich über alle Jahre: ${top.max.b} (${formatNumber(top.max.sum)} Fälle).`;
  const notes = [
    `PMK-Eingangsstatistik, getrennt von der Polizeilichen Kriminalstatistik${pmk.stand ? `; Stand ${pmk.stand.split('-').reverse().join('.')}` : ''}.`,
  ];
  return [
    {
      id: 'pmk-phaenomenbereiche',
      title: 'Politisch motivierte Kriminalität nach Phänomenbereich',
      alt,
      section: 'crime',
      spec: topLevel(body, notes),
    },
  ];
}

export function owiChart(ctx: ChartContext): ChartSpec[] {
  const owi = ctx.analysis.owi;
  if (!owi || owi.rows.length === 0) return [];
  const latest = Math.max(...owi.rows.map((r) => r.year));
  const first = Math.min(...owi.rows.map((r) => r.year));
  const sum = (year: number, cat: string) =>
    owi.rows.filter((r) => r.year === year && r.category === cat).reduce((s, r) => s + r.count, 0);
  const cats = [...new Set(owi.rows.map((r) => r.category))]
    .map((c) => ({ c, latest: sum(latest, c), first: sum(first, c) }))
    .sort((x, y) => y.latest - x.latest || x.c.localeCompare(y.c));
  if (cats.every((c) => c.latest === 0)) return [];
  const labels = uniqueLabels(cats.map((c) => wrapLabel(c.c, LABEL_COLUMN - 12)));
  const values = cats.map((c, i) => ({
    row: labels[i] ?? c.c,
    count: c.latest,
    text: formatNumber(c.latest),
  }));
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
  const max = Math.max(1, ...values.map((v) => v.count));
  const x = {
    field: 'count',
    type: 'quantitative',
    scale: { domain: [0, Math.ceil(max * 1.15)], nice: false },
    axis: { title: `Fälle ${latest}`, format: ',d', grid: true, tickCount: 5 },
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
  const parts = cats.map(
    (c) =>
      `${c.c} ${formatNumber(c.latest)}${first !== latest ? ` (${first}: ${formatNumber(c.first)})` : ''}`,
  );
  const alt = `Balkendiagramm: registrierte Ordnungswidrigkeiten ${latest} nach Kategorie, absteigend sortiert: ${joinDe(parts)}.`;
  return [
    {
      id: 'owi-kategorien',
      title: `Ordnungswidrigkeiten ${latest} nach Kategorie`,
      alt,
      section: 'crime',
      spec: topLevel(body),
    },
  ];
}
