/**
 * Shared layout and typography of all charts. Figures are laid out for the report's text column,
 * about 680 px wide, so nothing is scaled down in print: axis and data labels stay ≥ 10 px.
 */
import { specLocale } from './locale.js';
import { GRID, INK, MUTED, RULE } from './palette.js';
import { textWidth } from './text-metrics.js';

/**
 * The report embeds Source Sans 3; the SVG names it and falls back to a generic sans-serif. The
 * family name is quoted: unquoted, "3" is not a CSS identifier and the whole declaration is dropped.
 */
export const FONT = "'Source Sans 3', sans-serif";
/** Width of the whole figure in px (the report's text column). */
export const FIGURE_WIDTH = 680;
/** Fixed width of the category-label column of horizontal bar charts, so stacked blocks align. */
export const LABEL_COLUMN = 230;
export const PADDING = 4;
/** Plot width of a horizontal bar chart with a label column. */
export const BAR_PLOT_WIDTH = FIGURE_WIDTH - LABEL_COLUMN - 2 * PADDING - 6;

export const FONT_SIZE = { label: 11, title: 11, data: 10.5, note: 10, header: 11.5 } as const;

const LEGEND_COLUMN_PADDING = 14;

/** Pixel height per bar row in horizontal bar charts. */
export const ROW_STEP = 24;

/** The Vega-Lite `config` every spec carries. */
export function baseConfig(): Record<string, unknown> {
  return {
    font: FONT,
    background: 'white',
    aria: false,
    locale: specLocale(),
    padding: PADDING,
    view: { stroke: null, continuousWidth: BAR_PLOT_WIDTH, continuousHeight: 240 },
    axis: {
      labelFont: FONT,
      titleFont: FONT,
      labelFontSize: FONT_SIZE.label,
      titleFontSize: FONT_SIZE.title,
      titleFontWeight: 'normal',
      labelColor: INK,
      titleColor: MUTED,
      gridColor: GRID,
      domainColor: RULE,
      tickColor: RULE,
      labelLimit: LABEL_COLUMN - 12,
    },
    axisBand: { domain: false, ticks: false, labelPadding: 6 },
    legend: {
      labelFont: FONT,
      titleFont: FONT,
      labelFontSize: FONT_SIZE.label,
      titleFontSize: FONT_SIZE.title,
      titleFontWeight: 'normal',
      labelColor: INK,
      titleColor: MUTED,
      orient: 'bottom',
      direction: 'horizontal',
      symbolType: 'square',
      symbolSize: 110,
      labelLimit: 260,
      columnPadding: LEGEND_COLUMN_PADDING,
    },
    header: {
      labelFont: FONT,
      titleFont: FONT,
      labelFontSize: FONT_SIZE.header,
      titleFontSize: FONT_SIZE.header,
      labelFontWeight: 'bold',
      labelColor: INK,
    },
    title: {
      font: FONT,
      fontSize: FONT_SIZE.header,
      fontWeight: 'bold',
      color: INK,
      anchor: 'start',
      subtitleFont: FONT,
      subtitleFontSize: FONT_SIZE.note,
      subtitleColor: MUTED,
    },
    text: { font: FONT, fontSize: FONT_SIZE.data, color: INK },
    bar: { continuousBandSize: 14 },
    concat: { spacing: 14 },
  };
}

/**
 * Legend columns so that the rows of `labels` fit into `width`. Vega lays a columned legend out as a
 * grid (entry i in column i mod n, each column as wide as its widest entry: symbol, offset, label),
 * with `columnPadding` between columns.
 */
export function legendColumns(labels: readonly string[], width: number): number {
  const entry = (l: string) => 11 + 5 + textWidth(l, FONT_SIZE.label);
  for (let cols = labels.length; cols > 1; cols--) {
    let total = (cols - 1) * LEGEND_COLUMN_PADDING;
    for (let c = 0; c < cols; c++)
      total += Math.max(0, ...labels.filter((_, i) => i % cols === c).map(entry));
    if (total <= width) return cols;
  }
  return 1;
}

/** Breaks `text` into lines of at most `width` px (at word boundaries). */
export function wrapText(text: string, width: number, fontSize: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, fontSize) > width) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  return lines;
}

/** A note printed under a chart (e.g. the meaning of parentheses), as a bottom title, wrapped to the figure. */
export function bottomNote(notes: readonly string[]): Record<string, unknown> | undefined {
  const lines = notes.flatMap((n) => wrapText(n, FIGURE_WIDTH - 2 * PADDING - 4, FONT_SIZE.note));
  if (lines.length === 0) return undefined;
  return {
    text: lines.length === 1 ? (lines[0] ?? '') : lines,
    orient: 'bottom',
    anchor: 'start',
    fontSize: FONT_SIZE.note,
    fontWeight: 'normal',
    color: MUTED,
    offset: 10,
    lineHeight: 13,
  };
}
