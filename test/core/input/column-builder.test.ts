import { describe, expect, it } from 'vitest';
import { ColumnDataBuilder, DictionaryColumn } from '../../../src/core/input/column-builder.js';

const decode = (c: DictionaryColumn) => {
  const { values, codes } = c.finish();
  return Array.from(codes, (code) => values[code]);
};

describe('DictionaryColumn', () => {
  it('keeps each distinct trimmed text once; empty and blank fields are the empty cell (code 0)', () => {
    const c = new DictionaryColumn();
    for (const f of ['1', ' 1', '1 ', '', ' ', '\u00a0', 'weiß nicht', ' weiß nicht\t', 'ä', '2'])
      c.pushText(f);
    const { values, codes } = c.finish();
    expect(values).toEqual([null, '1', 'weiß nicht', 'ä', '2']);
    expect(Array.from(codes)).toEqual([1, 1, 1, 0, 0, 0, 2, 2, 3, 4]);
    expect(codes).toBeInstanceOf(Uint8Array);
  });

  it('keeps typed cells apart by type: the number 1, the text "1" and true are three values', () => {
    const c = new DictionaryColumn();
    for (const cell of [1, '1', true, false, 1, undefined, null, true, 2.5]) c.pushCell(cell);
    expect(c.finish().values).toEqual([null, 1, '1', true, false, 2.5]);
    expect(decode(c)).toEqual([1, '1', true, false, 1, null, null, true, 2.5]);
  });

  it('widens its codes from one to two to four bytes as the dictionary grows, keeping every row', () => {
    const c = new DictionaryColumn();
    const texts = Array.from({ length: 70_000 }, (_, i) => `v${i}`);
    texts.forEach((t) => c.pushText(t));
    c.pushText('v0');
    const { values, codes } = c.finish();
    expect(codes).toBeInstanceOf(Uint32Array);
    expect(codes).toHaveLength(70_001);
    expect(values).toHaveLength(70_001);
    expect(decode(c)).toEqual([...texts, 'v0']);

    const mid = new DictionaryColumn();
    for (let i = 0; i < 300; i++) mid.pushText(String(i % 260));
    expect(mid.finish().codes).toBeInstanceOf(Uint16Array);
    expect(decode(mid)).toEqual(Array.from({ length: 300 }, (_, i) => String(i % 260)));
  });
});

describe('ColumnDataBuilder', () => {
  it('builds exact-size columns and row numbers from CSV records and from cells', () => {
    const b = new ColumnDataBuilder(3);
    b.pushText(2, ['01', 'w', ' 34 ']);
    b.pushCells(4, ['02', null]);
    for (let r = 0; r < 1000; r++) b.pushText(5 + r, ['01', '', '']);
    const data = b.finish();
    expect(data.rowCount).toBe(1002);
    expect(data.rowNumbers).toHaveLength(1002);
    expect(Array.from(data.rowNumbers.subarray(0, 3))).toEqual([2, 4, 5]);
    expect(data.columns.map((c) => c.values)).toEqual([
      [null, '01', '02'],
      [null, 'w'],
      [null, '34'],
    ]);
    expect(data.columns.map((c) => c.codes.length)).toEqual([1002, 1002, 1002]);
    expect(Array.from(data.columns[0]!.codes.subarray(0, 3))).toEqual([1, 2, 1]);
  });

  it('keeps only the first columns when asked (trailing unnamed columns dropped)', () => {
    const b = new ColumnDataBuilder(3);
    b.pushText(2, ['a', 'b', '']);
    expect(b.finish(2).columns).toHaveLength(2);
  });

  it('a million cells of a few codes cost one byte each', () => {
    const b = new ColumnDataBuilder(1);
    const codes = ['1', '2', '3', '4', '8', '9', ''];
    for (let r = 0; r < 1_000_000; r++) b.pushText(r + 2, [codes[r % codes.length]!]);
    const column = b.finish().columns[0]!;
    expect(column.codes.byteLength).toBe(1_000_000);
    expect(column.values).toEqual([null, '1', '2', '3', '4', '8', '9']);
  });
});
