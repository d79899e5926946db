import { describe, expect, it } from 'vitest';
import { excelDateToIso, newCellNotes, normaliseExcelValue } from '../../../src/core/input/xlsx-cell.js';

/** The Date ExcelJS builds for a serial (utils.excelToDate). */
const excelToDate = (serial: number, date1904 = false) =>
  new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));

describe('normaliseExcelValue: every ExcelJS value shape', () => {
  const norm = (v: unknown, date1904 = false) => {
    const notes = newCellNotes();
    return { cell: normaliseExcelValue(v, date1904, notes), notes };
  };

  it('plain values', () => {
    expect(norm('  Altstadt ').cell).toBe('Altstadt');
    expect(norm('   ').cell).toBeNull();
    expect(norm(42.5).cell).toBe(42.5);
    expect(norm(Number.NaN).cell).toBeNull();
    expect(norm(true).cell).toBe(true);
    expect(norm(null).cell).toBeNull();
    expect(norm(undefined).cell).toBeNull();
  });

  it('formulas read the cached result and are flagged', () => {
    const r = norm({ formula: 'B2*2', result: 8 });
    expect(r.cell).toBe(8);
    expect(r.notes).toEqual({
      formula: true,
      formulaWithoutResult: false,
      nonexistentDate: false,
      unsupported: false,
    });
    expect(norm({ sharedFormula: 'A1', result: 'x ' }).cell).toBe('x');
    expect(norm({ formula: 'A1/0', result: { error: '#DIV/0!' } }).cell).toBe('#DIV/0!');
    expect(norm({ formula: 'TODAY()', result: excelToDate(46083) }).cell).toBe('2026-03-02');
  });

  it('a formula without a cached result is null plus a note', () => {
    const r = norm({ formula: 'A1' });
    expect(r.cell).toBeNull();
    expect(r.notes.formulaWithoutResult).toBe(true);
  });

  it('rich text, hyperlinks (also with rich text) and errors', () => {
    expect(norm({ richText: [{ text: 'Alt' }, { text: 'stadt', font: { bold: true } }] }).cell).toBe(
      'Altstadt',
    );
    expect(norm({ text: 'Link', hyperlink: 'https://example.org' }).cell).toBe('Link');
    expect(
      norm({ text: { richText: [{ text: 'Nord' }, { text: 'viertel' }] }, hyperlink: 'https://example.org' })
        .cell,
    ).toBe('Nordviertel');
    expect(norm({ error: '#N/A' }).cell).toBe('#N/A');
  });

  it('unknown shapes are null plus a note', () => {
    const r = norm({ checkbox: true });
    expect(r.cell).toBeNull();
    expect(r.notes.unsupported).toBe(true);
  });
});

describe('excelDateToIso: both date systems, the 1900 leap-year bug', () => {
  const iso = (serial: number, date1904 = false) => {
    const notes = newCellNotes();
    return {
      value: excelDateToIso(excelToDate(serial, date1904), date1904, notes),
      nonexistent: notes.nonexistentDate,
    };
  };

  it('1900 system', () => {
    expect(iso(46083).value).toBe('2026-03-02');
    expect(iso(46083.99).value).toBe('2026-03-02');
    expect(iso(61).value).toBe('1900-03-01');
    expect(iso(59).value).toBe('1900-02-28');
    expect(iso(1).value).toBe('1900-01-01');
    expect(iso(0.5).value).toBe('12:00:00');
  });

  it('serial 60 (29 Feb 1900) does not exist', () => {
    expect(iso(60)).toEqual({ value: null, nonexistent: true });
  });

  it('1904 system', () => {
    expect(iso(0, true).value).toBe('1904-01-01');
    expect(iso(44621, true).value).toBe('2026-03-02');
    expect(iso(60, true)).toEqual({ value: '1904-03-01', nonexistent: false });
  });
});
