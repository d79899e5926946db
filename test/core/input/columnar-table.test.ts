import { describe, expect, it } from 'vitest';
import { ColumnDataBuilder } from '../../../src/core/input/column-builder.js';
import { cellAt, columnarTable, tableData, tableRowCount } from '../../../src/core/input/columnar-table.js';
import type { RawTable } from '../../../src/core/input/table.js';

function built() {
  const b = new ColumnDataBuilder(2);
  b.pushText(2, ['01', '3']);
  b.pushText(4, ['02', '']);
  return b.finish();
}

const META = { file: 'befragung.csv', format: 'csv', headerRow: 1, columns: ['gebiet', 'x'] } as const;

describe('columnarTable', () => {
  it('builds its rows on first use, once, with the Excel row numbers', () => {
    const t = columnarTable(META, built());
    const rows = t.rows;
    expect(rows).toEqual([
      { rowNumber: 2, cells: ['01', '3'] },
      { rowNumber: 4, cells: ['02', null] },
    ]);
    expect(t.rows).toBe(rows);
  });

  it('counts and reads cells without building rows', () => {
    const data = built();
    const t: RawTable = {
      ...META,
      data,
      get rows(): never {
        throw new Error('rows built');
      },
    };
    expect(tableRowCount(t)).toBe(2);
    expect(tableData(t)).toBe(data);
    expect(cellAt(data.columns[0]!, 1)).toBe('02');
    expect(cellAt(data.columns[1]!, 1)).toBeNull();
  });
});

describe('tableData', () => {
  it('encodes a table read row by row (XLSX, SPSS), typed cells kept, short rows padded', () => {
    const t: RawTable = {
      file: 'befragung.xlsx',
      format: 'xlsx',
      headerRow: 3,
      columns: ['gebiet', 'alter'],
      rows: [
        { rowNumber: 4, cells: [1, 34] },
        { rowNumber: 6, cells: ['01'] },
        { rowNumber: 7, cells: [1, 34, 'rest'] },
      ],
    };
    const data = tableData(t);
    expect(data.rowCount).toBe(3);
    expect(Array.from(data.rowNumbers)).toEqual([4, 6, 7]);
    expect(data.columns).toHaveLength(3);
    expect(data.columns.map((c) => Array.from(c.codes, (_, r) => cellAt(c, r)))).toEqual([
      [1, '01', 1],
      [34, null, 34],
      [null, null, 'rest'],
    ]);
    expect(tableRowCount(t)).toBe(3);
  });
});
