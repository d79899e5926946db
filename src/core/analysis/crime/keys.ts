/** Ordering and labelling of PKS keys in the crime section. */
import { DEFAULT_KEYS, keyDef, keyLabel } from '../../model/pks-keys.js';

const DEFAULT_ORDER: ReadonlyMap<string, number> = new Map(DEFAULT_KEYS.map((k, i) => [k.key, i]));

/** Keys of the default set in their report order first, then all others sorted by key. */
export function orderKeys(keys: Iterable<string>): string[] {
  return [...new Set(keys)].sort((a, b) => {
    const ia = DEFAULT_ORDER.get(a);
    const ib = DEFAULT_ORDER.get(b);
    if (ia !== undefined && ib !== undefined) return ia - ib;
    if (ia !== undefined) return -1;
    if (ib !== undefined) return 1;
    return a < b ? -1 : a > b ? 1 : 0;
  });
}

/** Label of a key: the key catalogue first (consistent wording), else the label given in the data, else the key. */
export function labelOf(key: string, fromData?: string): string {
  return keyLabel(key) ?? (fromData && fromData.trim() !== '' ? fromData.trim() : key);
}

export interface KeyInfo {
  readonly key: string;
  readonly label: string;
  readonly controlOffence: boolean;
  readonly locationOftenUnknown: boolean;
}

export function keyInfo(key: string, fromData?: string): KeyInfo {
  const def = keyDef(key);
  return {
    key,
    label: labelOf(key, fromData),
    controlOffence: def?.controlOffence ?? false,
    locationOftenUnknown: def?.locationOftenUnknown ?? false,
  };
}
