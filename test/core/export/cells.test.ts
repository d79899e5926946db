import { describe, expect, it } from 'vitest';
import { escapeFormula, parseGermanNumber } from '../../../src/core/export/cells.js';
import { csvPaths, sheetNames, SHEET_NAME_MAX } from '../../../src/core/export/names.js';

describe('parseGermanNumber', () => {
  it.each([
    ['1.234,5', 1234.5, '#,##0.0', '1.234,5'],
    ['31,5\u00a0%', 0.315, '#,##0.0 %', '31,5 %'],
    ['6,30\u00a0%', 0.063, '#,##0.00 %', '6,30 %'],
    ['100,0\u00a0%', 1, '#,##0.0 %', '100,0 %'],
    ['25.310', 25310, '#,##0', '25.310'],
    ['372', 372, '#,##0', '372'],
    ['2025', 2025, '0', '2025'],
    ['+0,7', 0.7, '+#,##0.0;-#,##0.0;#,##0.0', '+0,7'],
    ['\u22123,8', -3.8, '#,##0.0', '-3,8'],
    ['48,6 Jahre', 48.6, '#,##0.0 "Jahre"', '48,6 Jahre'],
    ['38,2 km²', 38.2, '#,##0.0 "km²"', '38,2 km²'],
    ['(11,0\u00a0%)', 0.11, '(#,##0.0 %)', '(11,0\u00a0%)'],
  ])('%s → %d', (text, value, numFmt, csvText) => {
    const n = parseGermanNumber(text);
    expect(n).not.toBeNull();
    expect(n?.value).toBeCloseTo(value, 12);
    expect(n?.value).toBe(value);
    expect(n?.numFmt).toBe(numFmt);
    expect(n?.csvText).toBe(csvText);
  });

  it.each([
    '27,8–38,7\u00a0%',
    '(1,6–48,3\u00a0%)',
    'zu geringe Fallzahl',
    '–',
    '',
    '1.',
    '8 (1)',
    '(3',
    '2.5',
    '=1+2',
    '1,5 %)',
    '12 Fälle mehr',
  ])('keeps %j as text', (text) => {
    expect(parseGermanNumber(text)).toBeNull();
  });
});

describe('escapeFormula', () => {
  it('prefixes an apostrophe to text that starts with = + - @ TAB or CR, and nothing else', () => {
    expect(['=HYPERLINK("http://x")', '+1', '-1+2', '@SUM(A1)', '\tx', '\rx'].map(escapeFormula)).toEqual([
      '\'=HYPERLINK("http://x")',
      "'+1",
      "'-1+2",
      "'@SUM(A1)",
      "'\tx",
      "'\rx",
    ]);
    expect(['Altstadt', '–', ' =x', "'=x", 'PMK -rechts-'].map(escapeFormula)).toEqual([
      'Altstadt',
      '–',
      ' =x',
      "'=x",
      'PMK -rechts-',
    ]);
  });
});

describe('sheet names and CSV paths', () => {
  const captions = [
    'Tabellenband: Probleme im Wohnumfeld [Incivilities] (1/3)',
    'Tabellenband: Probleme im Wohnumfeld [Incivilities] (2/3)',
    'Was? *Alles* \\ oder / nichts:',
    "Kurz'",
    'Übersicht',
    '',
  ];
  const tables = captions.map((caption, i) => ({ number: i + 1, table: { caption } }));

  it('are at most 31 characters, free of [ ] : * ? / \\, unique and start with the table number', () => {
    const names = sheetNames(tables);
    expect(names).toEqual(
      [
        'T01 Tabellenband Probleme im Woh',
        'T02 Tabellenband Probleme im Woh',
        'T03 Was Alles - oder - nichts',
        'T04 Kurz',
        'T05 Übersicht',
        'T06',
      ].map((n) => n.slice(0, SHEET_NAME_MAX)),
    );
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(SHEET_NAME_MAX);
      expect(n).not.toMatch(/[[\]:*?/\\]|'$/);
    }
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it('pads the number to the count of tables', () => {
    const many = Array.from({ length: 120 }, (_, i) => ({
      number: i + 1,
      table: { caption: 'Gleicher Titel' },
    }));
    const names = sheetNames(many);
    expect(names[0]).toBe('T001 Gleicher Titel');
    expect(names[119]).toBe('T120 Gleicher Titel');
    expect(new Set(names).size).toBe(120);
  });

  it('names CSV files with an ASCII slug', () => {
    expect(csvPaths(tables)).toEqual([
      'tabellen/T01-tabellenband-probleme-im-wohnumfeld-incivilities-1-3.csv',
      'tabellen/T02-tabellenband-probleme-im-wohnumfeld-incivilities-2-3.csv',
      'tabellen/T03-was-alles-oder-nichts.csv',
      'tabellen/T04-kurz.csv',
      'tabellen/T05-uebersicht.csv',
      'tabellen/T06-tabelle.csv',
    ]);
  });
});
