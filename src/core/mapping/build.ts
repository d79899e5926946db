/**
 * Turns the user's decisions (per column: a standard code, ignore, or nothing) into the content
 * of `befragung-zuordnung.json` (contract §3.4). Only what differs from the defaults is written:
 * a column already named by its code needs no `spalten` entry, a value that needs no recoding no
 * `werte` entry. Deterministic key order, so the saved file diffs well.
 */
import { normaliseColumnName } from '../input/columns.js';
import type { MappedValue } from './values.js';
import type { SavedZuordnung } from './propose.js';

export interface Decision {
  readonly column: string;
  /** Standard code (or a code of `zusatzfragen`), or null. */
  readonly target: string | null;
  readonly ignore?: boolean;
  /** Value as written → replacement. */
  readonly recode?: Readonly<Record<string, MappedValue>>;
}

export interface BuiltZuordnung {
  readonly zuordnung: SavedZuordnung;
  /** Columns neither mapped nor ignored: they will be reported as unknown columns. */
  readonly unmapped: readonly string[];
}

export function buildZuordnung(
  decisions: readonly Decision[],
  keep: {
    readonly zusatzfragen?: SavedZuordnung['zusatzfragen'];
    readonly werteAlle?: Record<string, MappedValue>;
  } = {},
): BuiltZuordnung {
  const spalten: Record<string, string> = {};
  const werte: Record<string, Record<string, MappedValue>> = {};
  const ignorieren: string[] = [];
  const unmapped: string[] = [];
  for (const d of decisions) {
    if (d.ignore) {
      ignorieren.push(d.column);
      continue;
    }
    if (d.target === null) {
      unmapped.push(d.column);
      continue;
    }
    if (normaliseColumnName(d.column) !== d.target) spalten[d.column] = d.target;
    const entries = Object.entries(d.recode ?? {}).filter(([from, to]) => String(to) !== from);
    if (entries.length > 0) werte[d.target] = Object.fromEntries(entries);
  }
  const zuordnung: SavedZuordnung = {
    ...(Object.keys(spalten).length > 0 && { spalten }),
    ...(Object.keys(werte).length > 0 && { werte }),
    ...(ignorieren.length > 0 && { ignorieren }),
    ...(keep.zusatzfragen && keep.zusatzfragen.length > 0 && { zusatzfragen: keep.zusatzfragen }),
  };
  return { zuordnung, unmapped };
}
