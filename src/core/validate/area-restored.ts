/**
 * One warning per file where area ids were found only by their number: Excel turns `01` into `1`
 * (and an AGS `01001000` into `1001000`); the areas are restored where unambiguous, and the user
 * learns why and how to keep the zeros.
 */
import { normaliseColumnName } from '../input/columns.js';
import type { RawTable } from '../input/table.js';
import type { AreaResolver } from './areas.js';
import type { IssueCollector } from './collector.js';
import { q } from './message.js';

const SHOWN = 5;

/** `rename` maps a normalised export column name to a standard code (befragung-zuordnung.json). */
export function warnRestoredAreas(
  areas: AreaResolver,
  table: RawTable,
  issues: IssueCollector,
  rename?: ReadonlyMap<string, string>,
): void {
  const restored = areas.takeRestored();
  if (restored.length === 0) return;
  const colIndex = table.columns.findIndex((c) => {
    const n = normaliseColumnName(c);
    return (rename?.get(n) ?? n) === 'gebiet';
  });
  const list = restored.slice(0, SHOWN).map((r) => `${r.written} → ${q(r.id)}`);
  if (restored.length > SHOWN) list.push('…');
  const first = restored[0] as { written: string; id: string };
  issues.warning({
    code: 'area-leading-zero',
    file: table.file,
    ...(colIndex >= 0 ? { column: table.columns[colIndex] as string, colIndex } : {}),
    value: first.written,
    expected: q(first.id),
    text: `Gebietskennungen ohne führende Null gelesen: ${list.join(', ')} – vermutlich hat Excel die führenden Nullen entfernt. Damit sie erhalten bleiben, die Spalte in Excel als Text formatieren.`,
  });
}
