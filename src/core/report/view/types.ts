/**
 * View-model types the templates render. Every printed value is already a German-formatted
 * string here; templates only lay out and escape. Nothing in a view model is raw HTML except
 * `Figure.svg` (the chart renderer's SVG, checked and id-scoped in svg.ts).
 */
import type { Heading } from '../numbering.js';

export interface Cell {
  readonly text: string;
  /** Header cell (`<th>`) with its scope. */
  readonly scope?: 'col' | 'row' | 'colgroup' | 'rowgroup';
  readonly colspan?: number;
  readonly rowspan?: number;
  /** Right-aligned figure. */
  readonly num?: boolean;
  /** Extra CSS class: `suppressed`, `limited`, `total`, `sev-kritisch` … */
  readonly cls?: string;
}

export interface Row {
  readonly cells: readonly Cell[];
  /** `total` for a sum row. */
  readonly cls?: string;
}

export interface RowGroup {
  readonly rows: readonly Row[];
  /** Keep the group on one page where it fits (an item of the table volume). */
  readonly keep?: boolean;
}

export interface Table {
  readonly id: string;
  /** "Tabelle 4" */
  readonly label: string;
  readonly caption: string;
  /** Header rows (thead), repeated on every page. */
  readonly head: readonly Row[];
  /** Body row groups (one tbody each; a group is kept together where possible). */
  readonly body: readonly RowGroup[];
  /** Notes printed under the table (Quelle, Lesehilfe, Fußnoten). */
  readonly notes: readonly string[];
  /** Extra CSS class for the table, e.g. `compact`, `wide`. */
  readonly cls?: string;
}

export interface Figure {
  readonly id: string;
  /** "Abbildung 3" */
  readonly label: string;
  readonly caption: string;
  /** Text alternative for the chart (aria-label). */
  readonly alt: string;
  /** Inline SVG from our chart renderer, checked and id-scoped; null when the check failed (the text alternative is printed instead). */
  readonly svg: string | null;
  /** `figure-compact`: printed smaller (quadrant charts, one per pair). */
  readonly cls?: string;
}

/** A block of a section, in reading order. */
/** Static prose snippets under templates/report/text/ (`@text/<name>`), filled with pre-formatted strings. */
export type StaticText =
  | 'auftrag'
  | 'gewichtung'
  | 'intervalle'
  | 'datenschutz'
  | 'weiss-nicht'
  | 'pks-grenzen'
  | 'pmk-hinweis'
  | 'furcht-dimensionen'
  | 'incivilities'
  | 'dunkelfeld'
  | 'quadranten'
  | 'paradox'
  | 'beccaria'
  | 'glossar';

export type Block =
  | { readonly kind: 'text'; readonly name: StaticText; readonly vars: Readonly<Record<string, string>> }
  | { readonly kind: 'p'; readonly text: string; readonly cls?: string }
  | {
      readonly kind: 'list';
      readonly items: readonly string[];
      readonly ordered?: boolean;
      readonly cls?: string;
    }
  | {
      readonly kind: 'defs';
      readonly items: readonly { readonly term: string; readonly desc: string }[];
      readonly cls?: string;
    }
  | {
      readonly kind: 'note';
      readonly title: string;
      readonly paragraphs: readonly string[];
      readonly items?: readonly string[];
    }
  | { readonly kind: 'table'; readonly table: Table }
  | { readonly kind: 'figure'; readonly figure: Figure }
  | {
      readonly kind: 'findings';
      readonly items: readonly {
        readonly text: string;
        readonly severity: string;
        readonly severityLabel: string;
      }[];
    }
  | { readonly kind: 'facts'; readonly items: readonly { readonly value: string; readonly label: string }[] }
  | {
      readonly kind: 'recommendation';
      readonly priority: string;
      /** "Priorität hoch · spezifische Empfehlung" */
      readonly priorityLabel: string;
      readonly description: string;
      readonly facts: readonly { readonly term: string; readonly desc: string }[];
      readonly triggers: readonly string[];
      readonly evaluation: string;
      readonly support: readonly string[];
    }
  | { readonly kind: 'section'; readonly section: Section };

/** A heading followed by its content in reading order (sub-sections are blocks too, so order is never lost). */
export interface Section {
  readonly heading: Heading;
  readonly blocks: readonly Block[];
}
