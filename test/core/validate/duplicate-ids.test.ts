import { describe, expect, it } from 'vitest';
import { findDuplicateIds, hashText } from '../../../src/core/validate/duplicate-ids.js';

function run(ids: readonly string[], hash: (s: string) => number = hashText): [number, number][] {
  const n = ids.length;
  const hashes = new Uint32Array(n);
  const present = new Uint8Array(n);
  ids.forEach((id, i) => {
    if (id === '') return;
    hashes[i] = hash(id);
    present[i] = 1;
  });
  return findDuplicateIds(hashes, present, n, (i) => ids[i]!);
}

describe('findDuplicateIds', () => {
  it('finds repeated ids in row order, pointing at the first occurrence', () => {
    expect(run(['a', 'b', 'a', '', 'c', 'a', 'b', ''])).toEqual([
      [0, 2],
      [0, 5],
      [1, 6],
    ]);
  });

  it('tells equal hashes of different ids apart', () => {
    expect(run(['x', 'y', 'z', 'y'], () => 42)).toEqual([[1, 3]]);
  });

  it('handles 200,000 unique ids plus one duplicate', () => {
    const ids = Array.from({ length: 200_000 }, (_, i) => `R${i}`);
    ids.push('R123456');
    expect(run(ids)).toEqual([[123_456, 200_000]]);
  });

  it('hashes deterministically (FNV-1a)', () => {
    expect(hashText('')).toBe(0x811c9dc5);
    expect(hashText('a')).toBe(0xe40c292c);
  });
});
