/**
 * Building blocks for bar charts of shares with 95 % intervals: horizontal (rankings, place × time,
 * victimisation) and vertical grouped (sex × age). Suppressed cells are never drawn as bars: they
 * get a text mark ("zu geringe Fallzahl") in their slot instead.
 */
import { INK, MUTED } from './palette.js';
import { FONT_SIZE, LABEL_COLUMN, ROW_STEP } from './theme.js';
import { SPLIT_LINES, SUPPRESSED_TEXT, WRAPPED_OFFSET, pct, round4 } from './common.js';

export interface BarRow {
  /** Category on the band axis (already unique and wrapped). */
  readonly row: string;
  /** Series within the row (grouped bars), e.g. "nachts". */
  readonly series?: string;
  readonly value: number | null;
  readonly ci95?: readonly [number, number] | null;
  readonly limited?: boolean;
  readonly suppressed?: boolean;
}

export interface SeriesDef {
  readonly field: string;
  readonly domain: readonly string[];
  readonly colours: readonly string[];
  readonly legend: boolean;
}

export interface BarOptions {
  readonly width: number;
  readonly colour: string;
  readonly series?: SeriesDef;
  /** Upper end of the value axis (shares: ≤ 1). */
  readonly max: number;
  readonly axisFormat?: string;
  /** Value label next to a bar; default "42,3 %" (parenthesised when limited). */
  readonly text?: (r: BarRow) => string;
  /** Hide the band axis labels (second panel of a pair). */
  readonly hideLabels?: boolean;
  readonly rowStep?: number;
  readonly title?: string;
}

interface Datum {
  row: string;
  series: string;
  value: number;
  lo: number | null;
  hi: number | null;
  labelAt: number;
  text: string;
}

function data(
  rows: readonly BarRow[],
  text: (r: BarRow) => string,
  max: number,
): { bars: Datum[]; suppressed: { row: string; series: string; x: number; text: string }[] } {
  const bars: Datum[] = [];
  const suppressed: { row: string; series: string; x: number; text: string }[] = [];
  for (const r of rows) {
    const series = r.series ?? '';
    if (r.suppressed || r.value === null) {
      suppressed.push({ row: r.row, series, x: round4(max * 0.01), text: SUPPRESSED_TEXT });
      continue;
    }
    const lo = r.ci95 ? round4(r.ci95[0]) : null;
    const hi = r.ci95 ? round4(r.ci95[1]) : null;
    bars.push({
      row: r.row,
      series,
      value: round4(r.value),
      lo,
      hi,
      labelAt: round4(Math.max(r.value, hi ?? 0)),
      text: text(r),
    });
  }
  return { bars, suppressed };
}

const defaultText = (r: BarRow) => pct(r.value, r.limited ?? false);

/** Horizontal bars (one band per row, optional series offset) with interval whiskers and value labels. */
export function horizontalBars(rows: readonly BarRow[], o: BarOptions): Record<string, unknown> {
  const names = [...new Set(rows.map((r) => r.row))];
  const { bars, suppressed } = data(rows, o.text ?? defaultText, o.max);
  const y = {
    field: 'row',
    type: 'nominal',
    sort: names,
    scale: { domain: names, paddingInner: o.series ? 0.25 : 0.2 },
    axis: o.hideLabels
      ? { title: null, labels: false, ticks: false, domain: false }
      : {
          title: null,
          minExtent: LABEL_COLUMN,
          maxExtent: LABEL_COLUMN,
          labelLimit: LABEL_COLUMN - 10,
          labelExpr: SPLIT_LINES,
          labelLineHeight: 12,
          labelOffset: { expr: WRAPPED_OFFSET },
        },
  };
  const yOffset = o.series
    ? {
        yOffset: {
          field: 'series',
          type: 'nominal',
          sort: [...o.series.domain],
          scale: { domain: [...o.series.domain], paddingInner: 0.05 },
        },
      }
    : {};
  const colour = o.series
    ? {
        color: {
          field: 'series',
          type: 'nominal',
          sort: [...o.series.domain],
          scale: { domain: [...o.series.domain], range: [...o.series.colours] },
          legend: o.series.legend ? { title: null, orient: 'bottom' } : null,
        },
      }
    : {};
  const x = {
    field: 'value',
    type: 'quantitative',
    scale: { domain: [0, o.max], nice: false },
    axis: {
      title: null,
      format: o.axisFormat ?? '.0%',
      grid: true,
      tickCount: Math.max(2, Math.min(6, Math.floor(o.width / 70))),
    },
  };
  // With a series offset the step is per series slot, not per row.
  const step = o.rowStep ?? (o.series ? 18 : ROW_STEP);
  return {
    ...(o.title
      ? { title: { text: o.title, fontSize: FONT_SIZE.title, fontWeight: 'bold', offset: 6 } }
      : {}),
    width: o.width,
    height: { step: Math.round(step) },
    layer: [
      {
        data: { values: bars },
        mark: { type: 'bar', ...(o.series ? {} : { color: o.colour }) },
        encoding: { y, ...yOffset, x, ...colour },
      },
      {
        data: { values: bars.filter((b) => b.lo !== null && b.hi !== null) },
        mark: { type: 'rule', color: INK, strokeWidth: 1 },
        encoding: { y, ...yOffset, x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } },
      },
      {
        data: {
          values: bars
            .filter((b) => b.lo !== null && b.hi !== null)
            .flatMap((b) => [
              { ...b, end: b.lo },
              { ...b, end: b.hi },
            ]),
        },
        mark: { type: 'tick', orient: 'vertical', color: INK, thickness: 1, size: o.series ? 6 : 8 },
        encoding: { y, ...yOffset, x: { field: 'end', type: 'quantitative' } },
      },
      {
        data: { values: bars },
        mark: {
          type: 'text',
          align: 'left',
          baseline: 'middle',
          dx: 4,
          fontSize: FONT_SIZE.data,
          color: INK,
        },
        encoding: { y, ...yOffset, x: { field: 'labelAt', type: 'quantitative' }, text: { field: 'text' } },
      },
      {
        data: { values: suppressed },
        mark: {
          type: 'text',
          align: 'left',
          baseline: 'middle',
          fontSize: FONT_SIZE.data,
          fontStyle: 'italic',
          color: MUTED,
        },
        encoding: { y, ...yOffset, x: { field: 'x', type: 'quantitative' }, text: { field: 'text' } },
      },
    ],
  };
}

export interface Cell {
  /** Category on the x axis, e.g. the age group. */
  readonly x: string;
  readonly series: string;
  readonly value: number | null;
  readonly ci95?: readonly [number, number] | null;
  readonly limited?: boolean;
  readonly suppressed?: boolean;
}

export interface VerticalOptions {
  readonly width: number;
  readonly height: number;
  readonly xDomain: readonly string[];
  readonly xTitle?: string | null;
  readonly series: SeriesDef;
  readonly max: number;
  readonly title?: string;
  readonly hideYAxis?: boolean;
  readonly valueLabels?: boolean;
}

/** Vertical grouped bars (x = category, xOffset = series) with whiskers; suppressed cells marked. */
export function verticalGroupedBars(cells: readonly Cell[], o: VerticalOptions): Record<string, unknown> {
  const bars = cells
    .filter((c) => !c.suppressed && c.value !== null)
    .map((c) => ({
      x: c.x,
      series: c.series,
      value: round4(c.value ?? 0),
      lo: c.ci95 ? round4(c.ci95[0]) : null,
      hi: c.ci95 ? round4(c.ci95[1]) : null,
      top: round4(c.ci95 ? c.ci95[1] : (c.value ?? 0)),
      text: pct(c.value, c.limited ?? false, 0),
    }));
  const suppressed = cells
    .filter((c) => c.suppressed || c.value === null)
    .map((c) => ({ x: c.x, series: c.series, y: 0, text: SUPPRESSED_TEXT }));
  const x = {
    field: 'x',
    type: 'nominal',
    sort: [...o.xDomain],
    scale: { domain: [...o.xDomain], paddingInner: 0.2 },
    axis: { title: o.xTitle ?? null, labelAngle: 0 },
  };
  const xOffset = {
    xOffset: {
      field: 'series',
      type: 'nominal',
      sort: [...o.series.domain],
      scale: { domain: [...o.series.domain] },
    },
  };
  const y = {
    field: 'value',
    type: 'quantitative',
    scale: { domain: [0, o.max], nice: false },
    axis: o.hideYAxis
      ? { title: null, labels: false, ticks: false, domain: false, grid: true, tickCount: 5 }
      : { title: null, format: '.0%', grid: true, tickCount: 5 },
  };
  const colour = {
    color: {
      field: 'series',
      type: 'nominal',
      sort: [...o.series.domain],
      scale: { domain: [...o.series.domain], range: [...o.series.colours] },
      legend: o.series.legend ? { title: null, orient: 'bottom' } : null,
    },
  };
  return {
    ...(o.title
      ? { title: { text: o.title, fontSize: FONT_SIZE.title, fontWeight: 'bold', offset: 6 } }
      : {}),
    width: o.width,
    height: o.height,
    layer: [
      { data: { values: bars }, mark: { type: 'bar' }, encoding: { x, ...xOffset, y, ...colour } },
      {
        data: { values: bars.filter((b) => b.lo !== null && b.hi !== null) },
        mark: { type: 'rule', color: INK, strokeWidth: 1 },
        encoding: { x, ...xOffset, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } },
      },
      ...(o.valueLabels
        ? [
            {
              data: { values: bars },
              mark: { type: 'text', baseline: 'bottom', dy: -2, fontSize: FONT_SIZE.note, color: INK },
              encoding: { x, ...xOffset, y: { field: 'top', type: 'quantitative' }, text: { field: 'text' } },
            },
          ]
        : []),
      {
        data: { values: suppressed },
        mark: {
          type: 'text',
          angle: 270,
          align: 'left',
          baseline: 'middle',
          dx: 3,
          fontSize: FONT_SIZE.note,
          fontStyle: 'italic',
          color: MUTED,
        },
        encoding: { x, ...xOffset, y: { field: 'y', type: 'quantitative' }, text: { field: 'text' } },
      },
    ],
  };
}

/** A round upper bound for a share axis: the next 10 % above `x` (at most 100 %). */
export function shareMax(x: number): number {
  return Math.min(1, Math.max(0.1, Math.ceil((x + 0.04) * 10) / 10));
}
