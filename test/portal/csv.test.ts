/** portal/js/csv.js: the validation report as CSV, cells escaped against formula injection. */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { ValidationIssue } from '../../src/core/validate/issues.js';

// Plain browser modules with JSDoc types (no build step): imported by URL, typed here.
const portalModule = (path: string): Promise<unknown> =>
  import(pathToFileURL(resolve('portal/js', path)).href);
const { csvCell, toCsv, validationCsv } = (await portalModule('csv.js')) as {
  csvCell(value: unknown): string;
  toCsv(rows: readonly (readonly unknown[])[]): string;
  validationCsv(report: { issues: readonly ValidationIssue[] }): string;
};

describe('csvCell', () => {
  it.each([
    ['=SUMME(A1:A9)', "'=SUMME(A1:A9)"],
    ['+49 351 1234', "'+49 351 1234"],
    ['-5', "'-5"],
    ['@cmd', "'@cmd"],
    ['\tTab', "'\tTab"],
    ['\rCR', `"'\rCR"`],
    ['=HYPERLINK("http://x";"y")', `"'=HYPERLINK(""http://x"";""y"")"`],
  ])('escapes %j as a formula start', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('leaves ordinary values alone and quotes separators, quotes and line breaks', () => {
    expect(csvCell('befragung.csv')).toBe('befragung.csv');
    expect(csvCell(17)).toBe('17');
    expect(csvCell('1–4, 8, 9 oder leer')).toBe('1–4, 8, 9 oder leer');
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('Wert „5“ "x"')).toBe('"Wert „5“ ""x"""');
    expect(csvCell('Zeile\nzwei')).toBe('"Zeile\nzwei"');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(null)).toBe('');
    // Only the first character counts: a minus inside is no formula.
    expect(csvCell('16-29')).toBe('16-29');
  });
});

describe('validationCsv', () => {
  it('writes a BOM, a German header and one row per problem', () => {
    const csv = validationCsv({
      issues: [
        {
          severity: 'error',
          code: 'value-out-of-range',
          file: 'befragung.csv',
          row: 17,
          column: 'sg_wohngegend_nacht',
          value: '=1+1',
          expected: '1–4, 8, 9 oder leer',
          message:
            'befragung.csv, Zeile 17, Spalte „sg_wohngegend_nacht“: Wert „=1+1“ ist nicht erlaubt (erlaubt: 1–4, 8, 9 oder leer).',
        },
        {
          severity: 'warning',
          code: 'missing-optional',
          file: 'pmk.csv',
          message: 'pmk.csv fehlt; das Kapitel entfällt.',
        },
      ],
    });
    expect(csv.split('\r\n')).toEqual([
      '\uFEFFSchwere;Datei;Zeile;Spalte;Wert;Erwartet;Meldung;Code',
      "Fehler;befragung.csv;17;sg_wohngegend_nacht;'=1+1;1–4, 8, 9 oder leer;befragung.csv, Zeile 17, Spalte „sg_wohngegend_nacht“: Wert „=1+1“ ist nicht erlaubt (erlaubt: 1–4, 8, 9 oder leer).;value-out-of-range",
      'Warnung;pmk.csv;;;;;"pmk.csv fehlt; das Kapitel entfällt.";missing-optional',
      '',
    ]);
  });

  it('toCsv joins rows with CRLF', () => {
    expect(
      toCsv([
        ['a', 'b'],
        ['-1', '2'],
      ]),
    ).toBe("\uFEFFa;b\r\n'-1;2\r\n");
  });
});
