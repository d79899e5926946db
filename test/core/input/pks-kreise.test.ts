import { Buffer } from 'node:buffer';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { pksYearFromFileName, readPksKreise } from '../../../src/core/input/pks-kreise.js';
import { workbookBytes } from '../../fixtures/input/workbooks.js';

/** The BKA CSV header, exactly as published (transliterated, with the BKA's typo "Auffklaerung"). */
const HEADER = [
  'Schluessel',
  'Straftat',
  'Gemeindeschluessel',
  'Stadt-/Landkreis',
  'Kreisart',
  'Anzahl erfasste Faelle',
  'Haeufigkeitszahl',
  'erfasste Faelle, davon Versuche - Anzahl',
  'erfasste Faelle, davon Versuche - Anteil in %',
  'mit Schusswaffe gedroht',
  'mit Schusswaffe geschossen',
  'Auffklaerung - Anzahl Faelle',
  'Aufklaerungsquote',
  'Tatverdaechtige insgesamt',
  'Tatverdaechtige - maennlich',
  'Tatverdaechtige - weiblich',
  'Nichtdeutsche Tatverdaechtige - Anzahl',
  'Nichtdeutsche Tatverdaechtige - Anteil in % an der Gesamtzahl',
];

/** Synthetic Kreise in the BKA's format: Latin-1, thousands commas, decimal points, #DIV/0!. */
const ROWS = [
  '------;Straftaten insgesamt;1001;Hafenstadt Nord;KfS;9,677;10,621;764;7.9;12;6;5,824;60.2;3,772;2,876;896;1,311;34.8',
  '------;Straftaten insgesamt;9162;Großstadt Süd;KfS;1,847,253;11,049;3,438;7.3;22;35;1,026,330;55.6;16,675;12,495;4,180;6,125;36.7',
  '------;Straftaten insgesamt;14626;Landkreis Görlitz-Übungsheim;LK;22,093;8,899;1,551;7;8;7;14,873;67.3;11,334;8,889;2,445;6,864;60.6',
  '216000;Handtaschenraub;1001;Hafenstadt Nord;KfS;2;2;0;0;0;0;0;0;0;0;0;0;#DIV/0!',
  '216000;Handtaschenraub;14626;Landkreis Görlitz-Übungsheim;LK;0;0;0;#DIV/0!;0;0;0;#DIV/0!;0;0;0;0;#DIV/0!',
  '435*00;Wohnungseinbruchdiebstahl;14626;Landkreis Görlitz-Übungsheim;LK;142;57;60;42.3;0;0;24;16.9;31;27;4;12;38.7',
];

const numbersLine = Array.from({ length: 18 }, (_, i) => i + 1).join(';');
const bkaCsv = (lines: readonly string[]) => iconv.encode(`${lines.join('\n')}\n`, 'latin1');

const EXPECTED_ROWS = [
  {
    year: 2022,
    kreis: '01001',
    kreisName: 'Hafenstadt Nord',
    kreisart: 'KfS',
    key: '------',
    label: 'Straftaten insgesamt',
    cases: 9677,
    rate: 10621,
    attempts: 764,
    cleared: 5824,
    clearanceRatePercent: 60.2,
    suspects: 3772,
  },
  {
    year: 2022,
    kreis: '09162',
    kreisName: 'Großstadt Süd',
    kreisart: 'KfS',
    key: '------',
    label: 'Straftaten insgesamt',
    cases: 1847253,
    rate: 11049,
    attempts: 3438,
    cleared: 1026330,
    clearanceRatePercent: 55.6,
    suspects: 16675,
  },
  {
    year: 2022,
    kreis: '14626',
    kreisName: 'Landkreis Görlitz-Übungsheim',
    kreisart: 'LK',
    key: '------',
    label: 'Straftaten insgesamt',
    cases: 22093,
    rate: 8899,
    attempts: 1551,
    cleared: 14873,
    clearanceRatePercent: 67.3,
    suspects: 11334,
  },
  {
    year: 2022,
    kreis: '01001',
    kreisName: 'Hafenstadt Nord',
    kreisart: 'KfS',
    key: '216000',
    label: 'Handtaschenraub',
    cases: 2,
    rate: 2,
    attempts: 0,
    cleared: 0,
    clearanceRatePercent: 0,
    suspects: 0,
  },
  {
    year: 2022,
    kreis: '14626',
    kreisName: 'Landkreis Görlitz-Übungsheim',
    kreisart: 'LK',
    key: '216000',
    label: 'Handtaschenraub',
    cases: 0,
    rate: 0,
    attempts: 0,
    cleared: 0,
    clearanceRatePercent: null,
    suspects: 0,
  },
  {
    year: 2022,
    kreis: '14626',
    kreisName: 'Landkreis Görlitz-Übungsheim',
    kreisart: 'LK',
    key: '435*00',
    label: 'Wohnungseinbruchdiebstahl',
    cases: 142,
    rate: 57,
    attempts: 60,
    cleared: 24,
    clearanceRatePercent: 16.9,
    suspects: 31,
  },
];

describe('readPksKreise: BKA CSV', () => {
  it('reads the table exactly as published (Latin-1, line of column numbers, 18 columns)', async () => {
    const bytes = bkaCsv([numbersLine, HEADER.join(';'), ...ROWS]);
    expect(bytes.includes(0xfc)).toBe(true); // ü in Latin-1
    const r = await readPksKreise({ name: 'pks-kreise-2022.csv', bytes });
    expect(r.issues).toEqual([]);
    expect(r.rows).toEqual(EXPECTED_ROWS);
  });

  it('accepts a header with 17 names above 18-field rows (one notice), and CRLF line ends', async () => {
    const bytes = iconv.encode(
      `${[numbersLine, HEADER.slice(0, 17).join(';'), ...ROWS].join('\r\n')}\r\n`,
      'latin1',
    );
    const r = await readPksKreise({ name: 'pks-kreise-2022.csv', bytes });
    expect(r.issues.map((i) => i.message)).toEqual([
      'pks-kreise-2022.csv, Zeile 2: Nicht gelesen werden die Spalte R ohne Überschrift (mit Werten, z. B. in Zeile 3): Sie gehören nicht zur BKA-Tabelle „Fälle – Kreise“ und werden für den Kreisvergleich nicht gebraucht.',
    ]);
    expect(r.rows).toEqual(EXPECTED_ROWS);
  });

  it('accepts the file without the line of column numbers and in UTF-8', async () => {
    const r = await readPksKreise({
      name: 'pks-kreise-2021.csv',
      bytes: Buffer.from(`${[HEADER.join(';'), ROWS[0]].join('\n')}\n`),
    });
    expect(r.issues).toEqual([]);
    expect(r.rows).toEqual([{ ...EXPECTED_ROWS[0], year: 2021 }]);
  });

  it('reports bad keys, Kreis keys, counts and duplicates with row and column', async () => {
    const bytes = bkaCsv([
      numbersLine,
      HEADER.join(';'),
      ROWS[0] as string,
      '12-345;Unsinn;1001;Hafenstadt Nord;KfS;1;1;0;0;0;0;0;0;0;0;0;0;0',
      '216000;Handtaschenraub;D-1001;Hafenstadt Nord;KfS;1;1;0;0;0;0;0;0;0;0;0;0;0',
      '224000;Körperverletzung;1001;Hafenstadt Nord;KfS;12.5;1;0;0;0;0;0;0;0;0;0;0;0',
      '674000;Sachbeschädigung;1001;Hafenstadt Nord;KfS;;1;0;0;0;0;0;0;0;0;0;0;0',
      ROWS[0] as string,
    ]);
    const r = await readPksKreise({ name: 'pks-kreise-2022.csv', bytes });
    expect(r.rows).toEqual([EXPECTED_ROWS[0]]);
    expect(r.issues.map((i) => i.message)).toEqual([
      'pks-kreise-2022.csv, Zeile 4, Spalte „Schluessel“: Wert „12-345“ ist kein Straftatenschlüssel (erwartet: 6 Zeichen aus Ziffern oder *, oder „------“).',
      'pks-kreise-2022.csv, Zeile 5, Spalte „Gemeindeschluessel“: Wert „D-1001“ ist kein Kreisschlüssel (erwartet: 4 oder 5 Ziffern, z. B. 1001 oder 14612).',
      'pks-kreise-2022.csv, Zeile 6, Spalte „Anzahl erfasste Faelle“: Wert „12.5“ ist keine ganze Zahl; erwartet: eine ganze Zahl.',
      'pks-kreise-2022.csv, Zeile 7, Spalte „Anzahl erfasste Faelle“: Die Anzahl der erfassten Fälle fehlt.',
      'pks-kreise-2022.csv, Zeile 8: Kreis 01001 mit Schlüssel „------“ steht schon in Zeile 3; die Zeile wird nicht verwendet.',
    ]);
    expect(r.issues[2]).toEqual({
      severity: 'error',
      code: 'pks-invalid-number',
      file: 'pks-kreise-2022.csv',
      row: 6,
      column: 'Anzahl erfasste Faelle',
      value: '12.5',
      expected: 'eine ganze Zahl',
      message:
        'pks-kreise-2022.csv, Zeile 6, Spalte „Anzahl erfasste Faelle“: Wert „12.5“ ist keine ganze Zahl; erwartet: eine ganze Zahl.',
    });
  });

  it('names a cut-off row by what it lacks', async () => {
    const r = await readPksKreise({
      name: 'pks-kreise-2022.csv',
      bytes: bkaCsv([numbersLine, HEADER.join(';'), ROWS[0] as string, '------;x;1001']),
    });
    expect(r.issues.map((i) => i.message)).toEqual([
      'pks-kreise-2022.csv, Zeile 4, Spalte „Anzahl erfasste Faelle“: Die Anzahl der erfassten Fälle fehlt.',
    ]);
    expect(r.rows).toHaveLength(1);
  });

  it('restores a key that Excel shortened by its leading zero, with a warning', async () => {
    const r = await readPksKreise({
      name: 'pks-kreise-2022.csv',
      bytes: bkaCsv([
        numbersLine,
        HEADER.join(';'),
        '10000;Straftaten gegen das Leben;1001;Hafenstadt Nord;KfS;3;3;1;33.3;0;0;3;100;3;2;1;0;0',
      ]),
    });
    expect(r.issues.map((i) => i.message)).toEqual([
      'pks-kreise-2022.csv, Zeile 3, Spalte „Schluessel“: Schlüssel „10000“ hat nur 5 Stellen – vermutlich hat Excel die führende Null entfernt; gelesen als „010000“.',
    ]);
    expect(r.rows.map((x) => [x.key, x.cases])).toEqual([['010000', 3]]);
  });

  it('reads a copy re-saved by a German Excel (9.677 and 60,2)', async () => {
    const german = (line: string) =>
      line
        .replace(/(?<=\d),(?=\d{3}(?!\d))/g, '§')
        .replace(/(\d)\.(\d)/g, '$1,$2')
        .replace(/§/g, '.');
    const r = await readPksKreise({
      name: 'pks-kreise-2022.csv',
      bytes: bkaCsv([numbersLine, HEADER.join(';'), ...ROWS.map(german)]),
    });
    expect(r.issues).toEqual([]);
    expect(r.rows).toEqual(EXPECTED_ROWS);
  });

  it('finds the columns by meaning when Kreisart stands before the name', async () => {
    const swap = (line: string) => {
      const f = line.split(';');
      [f[3], f[4]] = [f[4] as string, f[3] as string];
      return f.join(';');
    };
    const r = await readPksKreise({
      name: 'pks-kreise-2022.csv',
      bytes: bkaCsv([numbersLine, swap(HEADER.join(';')), ...ROWS.map(swap)]),
    });
    expect(r.issues).toEqual([]);
    expect(r.rows).toEqual(EXPECTED_ROWS);
  });

  it('needs the year in the file name', async () => {
    expect(pksYearFromFileName('pks-kreise-2022.csv')).toBe(2022);
    expect(pksYearFromFileName('PKS-Kreise-2023-korrigiert.xlsx')).toBe(2023);
    expect(pksYearFromFileName('pks-kreise-22.csv')).toBeNull();
    expect(pksYearFromFileName('pks-kreise-20221.csv')).toBeNull();
    const r = await readPksKreise({
      name: 'pks-kreise.csv',
      bytes: bkaCsv([HEADER.join(';'), ROWS[0] as string]),
    });
    expect(r).toEqual({
      rows: [],
      issues: [
        {
          severity: 'error',
          code: 'pks-year-missing',
          file: 'pks-kreise.csv',
          value: 'pks-kreise.csv',
          expected: 'pks-kreise-<Jahr>.csv oder .xlsx, z. B. pks-kreise-2022.csv',
          message:
            'pks-kreise.csv: Der Dateiname muss das Berichtsjahr der BKA-Tabelle enthalten, z. B. „pks-kreise-2022.csv“.',
        },
      ],
    });
  });

  it('says so when the file is not the BKA table', async () => {
    const r = await readPksKreise({
      name: 'pks-kreise-2022.csv',
      bytes: Buffer.from('gebiet;alter\n01;34\n'),
    });
    expect(r.rows).toEqual([]);
    expect(r.issues.map((i) => i.message)).toEqual([
      'pks-kreise-2022.csv: Keine Kopfzeile gefunden: In den ersten 30 Zeilen steht keine Zeile mit den Spalten „Schlüssel“ und „Gemeindeschlüssel“. Ist dies die BKA-Tabelle „Fälle – Kreise“ (KR-F-01-T01)?',
    ]);
    const partial = await readPksKreise({
      name: 'pks-kreise-2022.csv',
      bytes: Buffer.from('Schluessel;Gemeindeschluessel\n------;1001\n'),
    });
    expect(partial.issues.map((i) => i.message)).toEqual([
      'pks-kreise-2022.csv, Zeile 1: Es fehlen die Spalten „Stadt-/Landkreis“, „Anzahl erfasste Fälle“, „Häufigkeitszahl“. Ist dies die BKA-Tabelle „Fälle – Kreise“ (KR-F-01-T01)?',
    ]);
  });
});

/** The XLSX variant: German header with umlauts, title lines above, data from row 10, numbers as numbers. */
const XLSX_HEADER = [
  'Schlüssel',
  'Straftat',
  'Gemeindeschlüssel',
  'Stadt-/Landkreis',
  'Kreisart',
  'Anzahl erfasste Fälle',
  'Häufigkeitszahl',
  'erfasste Fälle, davon Versuche - Anzahl',
  'erfasste Fälle, davon Versuche - Anteil in %',
  'mit Schusswaffe gedroht',
  'mit Schusswaffe geschossen',
  'Aufklärung - Anzahl Fälle',
  'Aufklärungsquote',
  'Tatverdächtige insgesamt',
  'Tatverdächtige - männlich',
  'Tatverdächtige - weiblich',
  'Nichtdeutsche Tatverdächtige - Anzahl',
  'Nichtdeutsche Tatverdächtige - Anteil in % an der Gesamtzahl',
];

describe('readPksKreise: BKA XLSX', () => {
  it('takes the Kreis sheet, finds the header by content and reads the data below it', async () => {
    const bytes = await workbookBytes((wb) => {
      wb.addWorksheet('Hinweise').getCell('A1').value = 'Erläuterungen zur Tabelle';
      const ws = wb.addWorksheet('T01_Kreise');
      ws.getCell('A1').value = 'Polizeiliche Kriminalstatistik 2022';
      ws.getCell('A2').value = 'Fälle – Kreise (KR-F-01-T01)';
      ws.getRow(8).values = [...XLSX_HEADER];
      ws.getRow(9).values = Array.from({ length: 18 }, (_, i) => i + 1);
      ws.getRow(10).values = [
        '------',
        'Straftaten insgesamt',
        1001,
        'Hafenstadt Nord',
        'KfS',
        9677,
        10621,
        764,
        7.9,
        12,
        6,
        5824,
        60.2,
        3772,
        2876,
        896,
        1311,
        34.8,
      ];
      ws.getRow(11).values = [
        '216000',
        'Handtaschenraub',
        14626,
        'Landkreis Görlitz-Übungsheim',
        'LK',
        0,
        0,
        0,
        { error: '#DIV/0!' },
        0,
        0,
        0,
        { error: '#DIV/0!' },
        0,
        0,
        0,
        0,
        { error: '#DIV/0!' },
      ];
      ws.getRow(12).values = [
        224000,
        'Vorsätzliche einfache Körperverletzung',
        '9162',
        'Großstadt Süd',
        'KfS',
        { formula: 'SUM(1,2)', result: 3 },
        1.5,
        0,
        0,
        0,
        0,
        1,
        33.3,
        1,
        1,
        0,
        0,
        0,
      ];
      ws.getRow(14).values = ['Quelle: Bundeskriminalamt (synthetische Testdaten)'];
    });
    const r = await readPksKreise({ name: 'pks-kreise-2022.xlsx', bytes });
    expect(r.rows).toEqual([
      EXPECTED_ROWS[0],
      { ...EXPECTED_ROWS[4], kreisName: 'Landkreis Görlitz-Übungsheim' },
      {
        year: 2022,
        kreis: '09162',
        kreisName: 'Großstadt Süd',
        kreisart: 'KfS',
        key: '224000',
        label: 'Vorsätzliche einfache Körperverletzung',
        cases: 3,
        rate: 1.5,
        attempts: 0,
        cleared: 1,
        clearanceRatePercent: 33.3,
        suspects: 1,
      },
    ]);
    expect(r.issues.map((i) => i.message)).toEqual([
      'pks-kreise-2022.xlsx: Die Datei enthält Formeln (z. B. Blatt „T01_Kreise“, Zelle F12). Gelesen wurden die Ergebnisse, die Excel zuletzt gespeichert hat; Formeln werden nicht neu berechnet.',
      'pks-kreise-2022.xlsx, Zeile 14: Zeile 14 steht unter der Tabelle und enthält keine Kreisdaten (Fußnoten oder Quellenangaben, z. B. „Quelle: Bundeskriminalamt (synthetische Testdaten)“); sie wird nicht gelesen.',
    ]);
  });

  it('reads a header spread over two rows with merged cells', async () => {
    const bytes = await workbookBytes((wb) => {
      const ws = wb.addWorksheet('Kreise');
      ws.getRow(5).values = [
        'Schlüssel',
        'Straftat',
        'Gemeindeschlüssel',
        'Stadt-/Landkreis',
        'Kreisart',
        'erfasste Fälle',
        null,
        null,
        null,
        null,
        null,
        'Aufklärung',
        null,
        'Tatverdächtige',
      ];
      ws.mergeCells('F5:K5');
      ws.mergeCells('L5:M5');
      ws.getRow(6).values = [
        null,
        null,
        null,
        null,
        null,
        'Anzahl',
        'Häufigkeitszahl',
        'davon Versuche Anzahl',
        'Versuche Anteil in %',
        'Schusswaffe gedroht',
        'Schusswaffe geschossen',
        'Anzahl Fälle',
        'Aufklärungsquote',
        'insgesamt',
      ];
      ws.getRow(7).values = [
        '------',
        'Straftaten insgesamt',
        1001,
        'Hafenstadt Nord',
        'KfS',
        9677,
        10621,
        764,
        7.9,
        12,
        6,
        5824,
        60.2,
        3772,
      ];
    });
    const r = await readPksKreise({ name: 'pks-kreise-2022.xlsx', bytes });
    expect(r.issues).toEqual([]);
    expect(r.rows).toEqual([EXPECTED_ROWS[0]]);
  });

  it('rejects a workbook without the BKA header', async () => {
    const bytes = await workbookBytes((wb) => wb.addWorksheet('X').addRow(['gebiet', 'alter']));
    const r = await readPksKreise({ name: 'pks-kreise-2022.xlsx', bytes });
    expect(r.issues.map((i) => i.message)).toEqual([
      'pks-kreise-2022.xlsx, Blatt „X“: Keine Kopfzeile gefunden: In den ersten 30 Zeilen steht keine Zeile mit den Spalten „Schlüssel“ und „Gemeindeschlüssel“. Ist dies die BKA-Tabelle „Fälle – Kreise“ (KR-F-01-T01)?',
    ]);
  });

  it('rejects other formats and a broken container', async () => {
    expect(
      (await readPksKreise({ name: 'pks-kreise-2022.ods', bytes: Buffer.from('x') })).issues.map(
        (i) => i.code,
      ),
    ).toEqual(['unsupported-format']);
    expect(
      (await readPksKreise({ name: 'pks-kreise-2022.xlsx', bytes: Buffer.from('a;b') })).issues.map(
        (i) => i.code,
      ),
    ).toEqual(['xlsx-not-zip']);
  });
});
