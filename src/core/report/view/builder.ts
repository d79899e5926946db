/**
 * Builds sections in document order: a section's heading is numbered before anything inside it,
 * and tables and figures are numbered as they are added, so the numbers printed in headings,
 * captions and the lists of figures and tables always follow the reading order.
 */
import type { Chart } from '../../charts/index.js';
import type { DocNumbering, HeadingLevel } from '../numbering.js';
import { prepareChartSvg } from '../svg.js';
import { slotOf, type Slot } from './chart-slots.js';
import type { Block, Cell, Figure, Row, RowGroup, Section, StaticText, Table } from './types.js';

export type ChartSection = Chart['section'];

export interface TableSpec {
  readonly caption: string;
  readonly head: readonly Row[];
  readonly body: readonly RowGroup[];
  readonly notes?: readonly string[];
  readonly cls?: string;
}

/** Shared state of one assembly: numbering and the charts not yet placed. */
export class BuildContext {
  private readonly placed = new Set<string>();

  constructor(
    readonly numbering: DocNumbering,
    private readonly charts: readonly Chart[],
  ) {}

  /** Charts of a slot not yet placed, in input order; marks them placed. */
  takeSlot(slot: Slot): Chart[] {
    return this.take((c) => slotOf(c) === slot);
  }

  /** The chart with this id, if present and not yet placed. */
  takeById(id: string): Chart[] {
    return this.take((c) => c.id === id);
  }

  /** Charts of a section not yet placed (those without a slot, or whose slot's section was not printed). */
  takeRemaining(section: ChartSection): Chart[] {
    return this.take((c) => c.section === section);
  }

  private take(match: (c: Chart) => boolean): Chart[] {
    const out = this.charts.filter((c) => !this.placed.has(c.id) && match(c));
    for (const c of out) this.placed.add(c.id);
    return out;
  }

  /** Whether charts of a section are still waiting to be placed. */
  hasUnplaced(section: ChartSection): boolean {
    return this.charts.some((c) => c.section === section && !this.placed.has(c.id));
  }

  table(spec: TableSpec): Table {
    const n = this.numbering.table(spec.caption);
    return {
      id: n.id,
      label: `Tabelle ${n.number}`,
      caption: spec.caption,
      head: spec.head,
      body: spec.body,
      notes: spec.notes ?? [],
      ...(spec.cls && { cls: spec.cls }),
    };
  }

  figure(chart: Chart, cls?: string): Figure {
    const n = this.numbering.figure(chart.title, chart.id);
    const checked = prepareChartSvg(chart.svg, n.id, chart.alt);
    return {
      id: n.id,
      label: `Abbildung ${n.number}`,
      caption: chart.title,
      alt: chart.alt,
      svg: checked.ok ? checked.svg : null,
      ...(cls && { cls }),
    };
  }
}

/** Collects the blocks of one section. */
export class SectionBuilder {
  readonly blocks: Block[] = [];

  constructor(readonly ctx: BuildContext) {}

  p(text: string, cls?: string): this {
    if (text) this.blocks.push(cls ? { kind: 'p', text, cls } : { kind: 'p', text });
    return this;
  }

  text(name: StaticText, vars: Readonly<Record<string, string>> = {}): this {
    this.blocks.push({ kind: 'text', name, vars });
    return this;
  }

  list(items: readonly string[], ordered = false, cls?: string): this {
    if (items.length) this.blocks.push({ kind: 'list', items, ordered, ...(cls && { cls }) });
    return this;
  }

  defs(items: readonly { term: string; desc: string }[], cls?: string): this {
    if (items.length) this.blocks.push({ kind: 'defs', items, ...(cls && { cls }) });
    return this;
  }

  note(title: string, paragraphs: readonly string[], items?: readonly string[]): this {
    this.blocks.push({ kind: 'note', title, paragraphs, ...(items && { items }) });
    return this;
  }

  table(spec: TableSpec): this {
    this.blocks.push({ kind: 'table', table: this.ctx.table(spec) });
    return this;
  }

  /** Places the given charts as numbered figures. */
  figures(charts: readonly Chart[], cls?: string): this {
    for (const c of charts) this.blocks.push({ kind: 'figure', figure: this.ctx.figure(c, cls) });
    return this;
  }

  /** Places the charts of a slot. */
  charts(slot: Slot): this {
    return this.figures(this.ctx.takeSlot(slot));
  }

  /** Places the chart with this id, if there is one. */
  chart(id: string, cls?: string): this {
    return this.figures(this.ctx.takeById(id), cls);
  }

  /** A closing "Weitere Abbildungen" section with the section's charts that found no place. */
  remainingCharts(section: ChartSection): this {
    if (!this.ctx.hasUnplaced(section)) return this;
    return this.section(2, 'Weitere Abbildungen', (s) => s.figures(this.ctx.takeRemaining(section)));
  }

  push(block: Block): this {
    this.blocks.push(block);
    return this;
  }

  /** A numbered sub-section; its heading is numbered before its content is built. */
  section(level: HeadingLevel, title: string, fill: (b: SectionBuilder) => void, inToc?: boolean): this {
    this.blocks.push({ kind: 'section', section: buildSection(this.ctx, level, title, fill, inToc) });
    return this;
  }
}

export function buildSection(
  ctx: BuildContext,
  level: HeadingLevel,
  title: string,
  fill: (b: SectionBuilder) => void,
  inToc?: boolean,
): Section {
  const heading = ctx.numbering.heading(level, title, inToc);
  const b = new SectionBuilder(ctx);
  fill(b);
  return { heading, blocks: b.blocks };
}

// ---------- cell helpers ----------

export const th = (text: string, extra: Partial<Cell> = {}): Cell => ({ text, scope: 'col', ...extra });
export const rh = (text: string, extra: Partial<Cell> = {}): Cell => ({ text, scope: 'row', ...extra });
export const td = (text: string, extra: Partial<Cell> = {}): Cell => ({ text, ...extra });
export const nd = (text: string, extra: Partial<Cell> = {}): Cell => ({ text, num: true, ...extra });
export const row = (cells: readonly Cell[], cls?: string): Row => (cls ? { cells, cls } : { cells });
export const group = (rows: readonly Row[], keep = false): RowGroup => (keep ? { rows, keep } : { rows });
