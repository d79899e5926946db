import { describe, expect, it } from 'vitest';
import type { RawTable } from '../../../src/core/input/table.js';
import { validateReadTables } from '../../../src/core/validate/tables.js';
import { VALID_MANIFEST } from './fixtures.js';

const MANIFEST = VALID_MANIFEST;

function table(file: string, columns: string[], rows: (string | number | null)[][]): RawTable {
  return {
    file,
    format: 'xlsx',
    headerRow: 1,
    columns,
    rows: rows.map((cells, i) => ({ rowNumber: i + 2, cells })),
  };
}

const population = table(
  'bevoelkerung.xlsx',
  ['gebiet', 'geschlecht', 'altersgruppe', 'anzahl'],
  ['01', '02'].flatMap((a) =>
    ['w', 'm'].flatMap((s) => ['0-15', '16-29', '30-44', '45-59', '60-74', '75+'].map((g) => [a, s, g, 100])),
  ),
);

describe('validateReadTables (the bench entry point)', () => {
  it('validates typed XLSX cells (numbers, Excel-number keys) without I/O, warning where zeros were restored', () => {
    const survey = table(
      'befragung.xlsx',
      ['gebiet', 'geschlecht', 'alter', 'sg_wohngegend_nacht', 'opfer_kfz', 'anzeige_kfz'],
      [
        [1, 1, 34, 2, 1, 2],
        [2, 'd', 80, 9, 2, null],
        [null, null, null, null, null, null],
        ['Altstadt', 2, null, 8, 2, 8],
      ],
    );
    const crime = table(
      'kriminalitaet.xlsx',
      ['jahr', 'gebiet', 'schluessel', 'faelle'],
      [
        [2025, 'gesamt', 10000, 3],
        [2025, 'gesamt', 224000, 12],
        [2025, 'gesamt', '------', 100],
      ],
    );
    const { issues, errorCount, results } = validateReadTables(MANIFEST, {
      befragung: survey,
      bevoelkerung: population,
      kriminalitaet: crime,
    });
    expect(issues.map((i) => i.message)).toEqual([
      'befragung.xlsx, Spalte „gebiet“: Gebietskennungen ohne führende Null gelesen: 1 → „01“, 2 → „02“ – vermutlich hat Excel die führenden Nullen entfernt. Damit sie erhalten bleiben, die Spalte in Excel als Text formatieren.',
      'kriminalitaet.xlsx, Zeile 2, Spalte „schluessel“: Schlüssel „10000“ hat nur 5 Stellen – vermutlich hat Excel die führende Null entfernt; gelesen als „010000“.',
    ]);
    expect(errorCount).toBe(0);
    const s = results.survey!;
    expect(s.size).toBe(3);
    expect(Array.from(s.area)).toEqual([0, 1, 0]);
    expect(Array.from(s.sex)).toEqual([1, 3, 2]);
    expect(Array.from(s.ageGroup)).toEqual([2, 5, -1]); // 0 is 0-15
    expect(Array.from(s.items['anzeige_kfz']!)).toEqual([2, 0, 8]);
    expect(results.crime.map((r) => [r.key, r.label])).toEqual([
      ['010000', 'Straftaten gegen das Leben'],
      ['224000', 'Vorsätzliche einfache Körperverletzung'],
      ['------', 'Straftaten insgesamt'],
    ]);
  });

  it('stays linear on 200,000 survey rows and keeps only typed arrays', () => {
    const n = 200_000;
    const rows: (string | number | null)[][] = new Array(n);
    for (let i = 0; i < n; i++)
      rows[i] = [
        i % 2 === 0 ? '01' : '02',
        i % 3 === 0 ? 'w' : 'm',
        16 + (i % 90),
        String((i % 4) + 1),
        String(i),
      ];
    const survey = table(
      'befragung.csv',
      ['gebiet', 'geschlecht', 'alter', 'sg_wohngegend_nacht', 'id'],
      rows,
    );
    const { errorCount, results } = validateReadTables(MANIFEST, {
      befragung: survey,
      bevoelkerung: population,
    });
    expect(errorCount).toBe(0);
    const s = results.survey!;
    expect(s.size).toBe(n);
    expect(s.items['sg_wohngegend_nacht']!.length).toBe(n);
    expect(s.items['sg_wohngegend_nacht']![n - 1]).toBe(((n - 1) % 4) + 1);
    expect(s.freeText).toEqual([]);
  });
});
