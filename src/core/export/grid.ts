/**
 * One report table laid out as a grid of cells, the common ground of the XLSX sheet and the CSV
 * file: a title line, a source line, the header rows (colspans and rowspans become merges), the
 * body rows and the notes, each in reading order. Cells keep the text as printed; numeric cells
 * also carry the parsed figure.
 */
import type { ReportTable } from '../report/assemble.js';
import type { Cell, Row } from '../report/view/types.js';
import { parseGermanNumber, type ParsedNumber } from './cells.js';

export type GridRole = 'title' | 'source' | 'head' | 'group' | 'body' | 'total' | 'note' | 'blank';

export interface GridCell {
  readonly text: string;
  /** The figure of a numeric body cell, when the printed text is one plain figure. */
  readonly number?: ParsedNumber;
  /** Right-aligned in the report. */
  readonly num?: boolean;
}

export interface GridRow {
  readonly role: GridRole;
  /** Cells by column (0-based); columns covered by a merge or left empty are missing. */
  readonly cells: ReadonlyMap<number, GridCell>;
}

export interface Merge {
  /** 0-based row and column of the top-left cell. */
  readonly row: number;
  readonly col: number;
  readonly rows: number;
  readonly cols: number;
}

export interface TableGrid {
  readonly rows: readonly GridRow[];
  readonly merges: readonly Merge[];
  /** Number of columns of the table itself (without title and notes). */
  readonly width: number;
  /** 0-based index of the first and one past the last header row. */
  readonly headStart: number;
  readonly headEnd: number;
}

export interface GridMeta {
  /** Report title, e.g. "Sicherheitsanalyse Musterstadt 2026". */
  readonly title: string;
  readonly version: number;
}

/** "Tabelle 4: Registrierte Straftaten insgesamt 2021–2025" */
export function tableTitle(t: ReportTable): string {
  return `${t.table.label}: ${t.table.caption}`;
}

/** Lays out rows with colspans and rowspans; `occupied` holds cells still covered by a rowspan from above. */
function layout(
  rows: readonly Row[],
  firstRow: number,
  roleOf: (r: Row) => GridRole,
  numeric: boolean,
  merges: Merge[],
): { rows: GridRow[]; width: number } {
  const occupied = new Map<number, Set<number>>();
  const out: GridRow[] = [];
  let width = 0;
  rows.forEach((r, i) => {
    const rowIndex = firstRow + i;
    const taken = occupied.get(i) ?? new Set<number>();
    const cells = new Map<number, GridCell>();
    let col = 0;
    for (const c of r.cells) {
      while (taken.has(col)) col++;
      const cols = Math.max(1, c.colspan ?? 1);
      const span = Math.max(1, Math.min(c.rowspan ?? 1, rows.length - i));
      cells.set(col, gridCell(c, numeric));
      if (cols > 1 || span > 1) merges.push({ row: rowIndex, col, rows: span, cols });
      for (let dr = 1; dr < span; dr++) {
        const below = occupied.get(i + dr) ?? new Set<number>();
        for (let dc = 0; dc < cols; dc++) below.add(col + dc);
        occupied.set(i + dr, below);
      }
      col += cols;
    }
    width = Math.max(width, col, ...[...taken].map((t) => t + 1));
    out.push({ role: roleOf(r), cells });
  });
  return { rows: out, width };
}

function gridCell(c: Cell, numeric: boolean): GridCell {
  const number = numeric && c.num && !c.scope ? parseGermanNumber(c.text) : null;
  return { text: c.text, ...(number && { number }), ...(c.num && { num: true }) };
}

function line(role: GridRole, text?: string): GridRow {
  return { role, cells: text === undefined ? new Map() : new Map([[0, { text }]]) };
}

export function tableGrid(t: ReportTable, meta: GridMeta): TableGrid {
  const merges: Merge[] = [];
  const rows: GridRow[] = [
    line('title', tableTitle(t)),
    line('source', `${meta.title}, Version ${meta.version}, Abschnitt ${t.section}`),
    line('blank'),
  ];
  const headStart = rows.length;
  const head = layout(t.table.head, headStart, () => 'head', false, merges);
  rows.push(...head.rows);
  const headEnd = rows.length;
  const bodyRows = t.table.body.flatMap((g) => g.rows);
  const roleOf = (r: Row): GridRole =>
    r.cells.some((c) => c.scope === 'rowgroup') ? 'group' : r.cls === 'total' ? 'total' : 'body';
  const body = layout(bodyRows, headEnd, roleOf, true, merges);
  rows.push(...body.rows);
  if (t.table.notes.length > 0) {
    rows.push(line('blank'));
    for (const n of t.table.notes) rows.push(line('note', n));
  }
  return { rows, merges, width: Math.max(1, head.width, body.width), headStart, headEnd };
}
