/**
 * A PKS Straftatenschlüssel as a cell holds it. Keys are 6 characters; Excel turns a key typed as
 * `010000` into the number 10000 and shows `10000`. Only leading zeros get lost that way, so a
 * 5-digit key is restored unambiguously (`010000`), a shorter one only where the restored key is in
 * the key catalogue. The caller warns about every restored key (contract §5, §6).
 */
import { keyLabel, normaliseKey } from '../model/pks-keys.js';
import type { Cell } from './table.js';

export interface KeyCell {
  /** The 6-character key (or `------`); undefined when the cell holds no key. */
  readonly key: string | undefined;
  /** The cell as written, for messages. */
  readonly text: string;
  /** Leading zeros were added back. */
  readonly restored: boolean;
}

export function readKeyCell(cell: Cell | undefined): KeyCell {
  const text =
    cell === null || cell === undefined ? '' : typeof cell === 'string' ? cell.trim() : String(cell);
  if (/^\d{1,5}$/.test(text)) {
    const padded = text.padStart(6, '0');
    if (text.length === 5 || keyLabel(padded) !== undefined) return { key: padded, text, restored: true };
    return { key: undefined, text, restored: false };
  }
  return { key: normaliseKey(text), text, restored: false };
}

/** The sentence of the warning for a restored key. */
export function restoredKeyText(text: string, key: string): string {
  return `Schlüssel „${text}“ hat nur ${text.length} ${text.length === 1 ? 'Stelle' : 'Stellen'} – vermutlich hat Excel die führende Null entfernt; gelesen als „${key}“.`;
}
