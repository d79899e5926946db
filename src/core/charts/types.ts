/** Shared types of the chart families. */
import type { Analysis } from '../analysis/schema.js';
import type { Palette } from './palette.js';

export type ChartSection = 'profile' | 'crime' | 'survey' | 'comparison';

/** A chart before rendering: everything but the SVG. */
export interface ChartSpec {
  readonly id: string;
  /** German caption without the number. */
  readonly title: string;
  /** German text alternative generated from the data. */
  readonly alt: string;
  readonly section: ChartSection;
  /** The Vega-Lite spec (inline data only). */
  readonly spec: Record<string, unknown>;
}

export interface ChartContext {
  readonly analysis: Analysis;
  readonly palette: Palette;
}

/** A chart family: analysis → zero or more specs (pure). */
export type ChartFamily = (ctx: ChartContext) => readonly ChartSpec[];
