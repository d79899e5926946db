/** The area check shared by the tables whose `gebiet` is required (empty is an error). */
import type { Cell } from '../input/table.js';
import { AREA_EMPTY, AREA_TOTAL, type AreaResolver } from './areas.js';
import { cellText, type ColumnRef } from './cells.js';
import type { IssueCollector } from './collector.js';

/** Returns the area id, null for `gesamt`, or undefined after reporting a problem. */
export function areaIdAt(
  areas: AreaResolver,
  cell: Cell | undefined,
  at: { file: string; row: number; column: ColumnRef },
  issues: IssueCollector,
): string | null | undefined {
  const a = areas.resolve(cell);
  if (a >= 0) return areas.idOf(a);
  if (a === AREA_TOTAL) return null;
  if (a === AREA_EMPTY) {
    issues.error({
      code: 'value-missing',
      file: at.file,
      row: at.row,
      column: at.column.name,
      colIndex: at.column.index,
      expected: areas.expected(),
      text: `Gebiet fehlt (erwartet: ${areas.expected()}).`,
    });
    return undefined;
  }
  if (areas.known) {
    const v = cellText(cell);
    issues.error({
      code: 'unknown-area',
      file: at.file,
      row: at.row,
      column: at.column.name,
      colIndex: at.column.index,
      value: v,
      expected: areas.expected(),
      text: areas.unknownText(v),
    });
  }
  return undefined;
}
