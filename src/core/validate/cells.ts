/**
 * Small helpers for reading raw cells and locating columns by their normalised names.
 */
import { normaliseColumnName } from '../input/columns.js';
import type { Cell, RawTable } from '../input/table.js';
import type { IssueCollector } from './collector.js';
import { q } from './message.js';

/** A cell as trimmed text: '' for empty, numbers as JavaScript writes them, booleans as Excel shows them. */
export function cellText(cell: Cell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'number') return String(cell);
  return cell ? 'WAHR' : 'FALSCH';
}

export function isEmptyCell(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

export interface ColumnRef {
  /** Position in the row's cells. */
  readonly index: number;
  /** As written in the header row. */
  readonly name: string;
  /** Normalised (`Sg-Wohngegend Nacht` → `sg_wohngegend_nacht`). */
  readonly key: string;
}

/** The columns of one table by normalised name; duplicate names (after normalising) are errors. */
export class Columns {
  readonly all: readonly ColumnRef[];
  private readonly byKey: ReadonlyMap<string, ColumnRef>;

  private constructor(all: ColumnRef[], byKey: Map<string, ColumnRef>) {
    this.all = all;
    this.byKey = byKey;
  }

  /**
   * Indexes the table's header (the first of equal names wins). `rename` maps a normalised export name to a standard code
   * (befragung-zuordnung.json); the column keeps its written name for messages.
   */
  static of(table: RawTable, issues: IssueCollector, rename?: ReadonlyMap<string, string>): Columns {
    const all: ColumnRef[] = [];
    const byKey = new Map<string, ColumnRef>();
    table.columns.forEach((name, index) => {
      const written = name.trim();
      if (written === '') return;
      const normal = normaliseColumnName(written);
      const key = rename?.get(normal) ?? normal;
      const ref: ColumnRef = { index, name: written, key };
      const first = byKey.get(key);
      if (first) {
        // Equal names after normalising are the readers' finding; a clash made by the mapping is ours.
        if (normaliseColumnName(first.name) !== normal) {
          issues.error({
            code: 'column-duplicate',
            file: table.file,
            column: written,
            colIndex: index,
            text: `Spalte wird laut befragung-zuordnung.json zu ${q(key)}, diese Spalte gibt es aber schon (${q(first.name)}); nur die erste wird gelesen.`,
          });
        }
        return;
      }
      byKey.set(key, ref);
      all.push(ref);
    });
    return new Columns(all, byKey);
  }

  get(key: string): ColumnRef | undefined {
    return this.byKey.get(key);
  }

  has(key: string): boolean {
    return this.byKey.has(key);
  }

  /** Looks a required column up, reporting it as missing. */
  require(key: string, table: RawTable, issues: IssueCollector): ColumnRef | undefined {
    const ref = this.byKey.get(key);
    if (!ref) {
      issues.error({
        code: 'column-missing',
        file: table.file,
        column: key,
        text: 'Pflichtspalte fehlt.',
        expected: key,
      });
    }
    return ref;
  }

  /** Reports every column whose key is not in `known` as "unbekannte Spalte" (a warning). */
  warnUnknown(known: ReadonlySet<string>, table: RawTable, issues: IssueCollector): void {
    for (const ref of this.all) {
      if (known.has(ref.key)) continue;
      issues.warning({
        code: 'column-unknown',
        file: table.file,
        column: ref.name,
        colIndex: ref.index,
        text: 'unbekannte Spalte – wird nicht ausgewertet.',
      });
    }
  }
}

/** The cells of one column, for the number parser. */
export function columnCells(table: RawTable, ref: ColumnRef): Cell[] {
  const out: Cell[] = new Array<Cell>(table.rows.length);
  for (let i = 0; i < table.rows.length; i++) out[i] = table.rows[i]?.cells[ref.index] ?? null;
  return out;
}

/** Whether every cell of a row is empty (such rows are skipped). */
export function isEmptyRow(cells: readonly Cell[]): boolean {
  for (let i = 0; i < cells.length; i++) if (!isEmptyCell(cells[i])) return false;
  return true;
}
