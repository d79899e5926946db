import { describe, expect, it } from 'vitest';
import { readTable } from '../../../src/core/input/read-table.js';
import type { RawTable } from '../../../src/core/input/table.js';
import { validateReadTables } from '../../../src/core/validate/tables.js';
import { VALID_MANIFEST } from './fixtures.js';

const MANIFEST = VALID_MANIFEST;

const CSV = [
  'gebiet;geschlecht;alter;id;modus;angstort_1;sg_wohngegend_nacht;angstort_2;opfer_kfz;anzeige_kfz',
  '01;w;34;a1;papier;Bahnhof;2;Park;1;2',
  '1;x;200;a2;online;;7;;2;1',
  '',
  ';;;;;;;;;',
  'Nordviertel;m; 51 ;a1;fax;Markt;4;;2;8',
  '99;d;;;;;1;Brücke;;',
].join('\n');

describe('validateBefragung on the columns of a CSV', () => {
  it('maps each distinct value once and names row, column and value of each bad cell', async () => {
    const read = await readTable(
      { name: 'befragung.csv', bytes: new TextEncoder().encode(CSV) },
      { kind: 'befragung' },
    );
    const columnar = read.table as RawTable;
    expect(columnar.data?.rowCount).toBe(4);
    const { issues, results } = validateReadTables(MANIFEST, { befragung: columnar });
    // Excel rows: the blank line 4 and the line of empty fields 5 are no respondents.
    expect(issues.map((i) => [i.severity, i.code, i.row ?? 0, i.column ?? '', i.value ?? ''])).toEqual([
      ['warning', 'area-leading-zero', 0, 'gebiet', '1'],
      ['error', 'value-not-allowed', 3, 'geschlecht', 'x'],
      ['error', 'value-not-allowed', 3, 'alter', '200'],
      ['error', 'value-not-allowed', 3, 'sg_wohngegend_nacht', '7'],
      ['error', 'filter-inconsistent', 3, 'anzeige_kfz', '1'],
      ['error', 'duplicate-id', 6, 'id', 'a1'],
      ['error', 'value-not-allowed', 6, 'modus', 'fax'],
      ['error', 'unknown-area', 7, 'gebiet', '99'],
    ]);
    expect(issues.find((i) => i.code === 'duplicate-id')?.message).toContain('auch in Zeile 2');
    const s = results.survey!;
    expect(s.size).toBe(4);
    expect(Array.from(s.area)).toEqual([0, 0, 1, -1]);
    expect(Array.from(s.sex)).toEqual([1, 0, 2, 3]);
    expect(Array.from(s.age)).toEqual([34, 0, 51, 0]);
    expect(Array.from(s.mode)).toEqual([1, 2, 0, 0]);
    expect(Array.from(s.items['sg_wohngegend_nacht']!)).toEqual([2, 255, 4, 1]);
    expect(Array.from(s.items['anzeige_kfz']!)).toEqual([2, 1, 8, 0]);
    // Angstort mentions in row order, each with its row's area.
    expect(s.freeText).toEqual([
      { area: 0, text: 'Bahnhof' },
      { area: 0, text: 'Park' },
      { area: 1, text: 'Markt' },
      { area: -1, text: 'Brücke' },
    ]);

    // The same table handed over row by row (the XLSX/SPSS seam) gives the very same result.
    const rowTable: RawTable = {
      file: columnar.file,
      format: 'xlsx',
      headerRow: columnar.headerRow,
      columns: columnar.columns,
      rows: columnar.rows,
    };
    const fresh = await readTable(
      { name: 'befragung.csv', bytes: new TextEncoder().encode(CSV) },
      { kind: 'befragung' },
    );
    expect(validateReadTables(MANIFEST, { befragung: rowTable })).toEqual(
      validateReadTables(MANIFEST, { befragung: fresh.table! }),
    );
  });
});
