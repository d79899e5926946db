import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readSav } from '../../../src/core/import/sav.js';
import { validateUpload } from '../../../src/core/validate/upload.js';
import { file, upload } from '../validate/fixtures.js';

// Written by PSPP from test/fixtures/import/institut.sps (the syntax is committed beside them).
const fixture = (name: string) => ({
  name,
  bytes: new Uint8Array(readFileSync(new URL(`../../fixtures/import/${name}`, import.meta.url))),
});

describe('readSav', () => {
  const expectedRows = [
    [1, 1, 1, 34, 1, 1, 5, 2, 'Bahnhof'],
    [2, 1, 2, 51, 3, 2, 2, 1, 'Stadtpark, abends'],
    [3, 2, 1, 67, 4, 3, 1, 2, null],
    [4, 2, 3, 29, 2, 1, 4, 2, 'Unterführung Nordstraße'],
    [5, 1, 2, 45, 9, 1, 3, 2, null],
    [6, 2, 1, 73, 3, 2, null, 1, 'Parkplatz am Rathaus – nachts'],
    [7, 1, null, 38, 2, 1, 5, 2, null],
    [8, 2, 2, 19, 1, 1, 4, 9, 'Schulhof Größenweg'],
  ];
  for (const name of ['institut.sav', 'institut-unkomprimiert.sav', 'institut.zsav'])
    it(`reads ${name} (cases, long names, UTF-8 strings, system-missing)`, () => {
      const r = readSav(fixture(name));
      expect(r.issues).toEqual([]);
      expect(r.table!.format).toBe('sav');
      expect(r.table!.columns).toEqual([
        'lfdnr',
        'ortsteil',
        'geschl',
        'alterj',
        'f01',
        'f02',
        'f03',
        'f10',
        'bem',
      ]);
      expect(r.table!.rows.map((row) => row.cells)).toEqual(expectedRows);
      expect(r.table!.rows.map((row) => row.rowNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    });

  it('hands back variable labels, value labels and user-missing values', () => {
    const { variables } = readSav(fixture('institut.sav'));
    const f01 = variables.find((v) => v.name === 'f01')!;
    expect(f01.label).toBe('Wie sicher fühlen Sie sich nachts ohne Begleitung in Ihrer Wohngegend?');
    expect([...f01.valueLabels]).toEqual([
      [1, 'sehr sicher'],
      [2, 'eher sicher'],
      [3, 'eher unsicher'],
      [4, 'sehr unsicher'],
      [9, 'weiß nicht'],
    ]);
    expect(f01.missing).toEqual([9]);
    expect(variables.find((v) => v.name === 'geschl')!.valueLabels.get(2)).toBe('männlich');
    expect(variables.find((v) => v.name === 'bem')!.type).toBe('string');
  });

  it('refuses what is no SPSS file, and a cut-off file, with a German message', () => {
    const notSav = readSav({ name: 'befragung.sav', bytes: new TextEncoder().encode('id;gebiet\n1;01\n') });
    expect(notSav.table).toBeNull();
    expect(notSav.issues[0]!.message).toMatch(/^befragung\.sav: Die Datei ist keine SPSS-Datei/);
    const whole = fixture('institut-unkomprimiert.sav').bytes;
    const cut = readSav({ name: 'befragung.sav', bytes: whole.subarray(0, whole.length - 20) });
    expect(cut.table).toBeNull();
    expect(cut.issues[0]!.message).toContain('unvollständig');
    const header = readSav({ name: 'befragung.sav', bytes: whole.subarray(0, 300) });
    expect(header.issues[0]!.message).toContain('unvollständig oder beschädigt');
  });
});

describe('befragung.sav in an upload', () => {
  it('is classified as the survey and read with its mapping', async () => {
    const mapping = {
      spalten: {
        lfdnr: 'id',
        ortsteil: 'gebiet',
        geschl: 'geschlecht',
        alterj: 'alter',
        f01: 'sg_wohngegend_nacht',
        f02: 'sg_wohngegend_tag',
        f03: 'furcht_nacht',
        f10: 'opfer_einbruch',
        bem: 'angstort_1',
      },
      werte: {
        gebiet: { '1': '01', '2': '02' },
        geschlecht: { '1': 'w', '2': 'm', '3': 'd' },
        furcht_nacht: { '1': 5, '2': 4, '4': 2, '5': 1 },
        opfer_einbruch: { '9': null },
      },
    };
    const { report, dataset } = await validateUpload(
      upload({
        omit: ['befragung.csv'],
        extra: [
          { ...fixture('institut.sav'), name: 'befragung.sav' },
          file('befragung-zuordnung.json', JSON.stringify(mapping)),
        ],
      }),
    );
    expect(report.issues).toEqual([]);
    const s = dataset!.survey;
    expect(s.size).toBe(8);
    expect([...s.items['furcht_nacht']!]).toEqual([1, 4, 5, 2, 3, 0, 1, 2]);
    expect([...s.items['sg_wohngegend_nacht']!]).toEqual([1, 3, 4, 2, 9, 3, 2, 1]);
    expect([...s.items['opfer_einbruch']!]).toEqual([2, 1, 2, 2, 2, 1, 2, 0]);
    expect([...s.sex]).toEqual([1, 2, 1, 3, 2, 1, 0, 2]);
    expect(report.files.find((f) => f.name === 'befragung.sav')).toMatchObject({
      kind: 'befragung',
      rows: 8,
    });
  });
});
