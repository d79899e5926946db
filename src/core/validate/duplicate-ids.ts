/**
 * Duplicate respondent ids without a map of a million strings: each id is hashed (FNV-1a, 32 bit)
 * into a typed array, hash and row index are packed into one float64 and sorted numerically;
 * equal hashes are then compared by their text. Linear memory (8 bytes per row), n log n time.
 */

/** FNV-1a over the UTF-16 code units of a string. */
export function hashText(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const INDEX_BITS = 2 ** 21;

/**
 * Returns pairs [first, duplicate] of row indices (0-based, first < duplicate) whose ids are equal.
 * `hashes[i]` is the hash of row i's id; `present[i]` is 0 where the id is empty.
 */
export function findDuplicateIds(
  hashes: Uint32Array,
  present: Uint8Array,
  n: number,
  idOf: (index: number) => string,
): [number, number][] {
  const pairs: [number, number][] = [];
  if (n >= INDEX_BITS) {
    // Beyond the packing range (never reached below the 1,000,000-row limit): a plain map.
    const first = new Map<string, number>();
    for (let i = 0; i < n; i++) {
      if (!present[i]) continue;
      const id = idOf(i);
      const f = first.get(id);
      if (f === undefined) first.set(id, i);
      else pairs.push([f, i]);
    }
    return pairs;
  }
  let m = 0;
  for (let i = 0; i < n; i++) if (present[i]) m++;
  const packed = new Float64Array(m);
  let k = 0;
  for (let i = 0; i < n; i++) if (present[i]) packed[k++] = hashes[i]! * INDEX_BITS + i;
  packed.sort();
  let start = 0;
  while (start < m) {
    const h = Math.floor(packed[start]! / INDEX_BITS);
    let end = start + 1;
    while (end < m && Math.floor(packed[end]! / INDEX_BITS) === h) end++;
    if (end - start > 1) {
      // Same hash: group by text, in row order (the packing keeps row order within a hash).
      const seen = new Map<string, number>();
      for (let j = start; j < end; j++) {
        const idx = packed[j]! % INDEX_BITS;
        const id = idOf(idx);
        const f = seen.get(id);
        if (f === undefined) seen.set(id, idx);
        else pairs.push([f, idx]);
      }
    }
    start = end;
  }
  return pairs.sort((a, b) => a[1] - b[1]);
}
