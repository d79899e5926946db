import { describe, expect, it } from 'vitest';
import { describeNumberProblem, isExcelError, parseNumberColumn } from '../../../src/core/input/numbers.js';

describe('parseNumberColumn: styles decided per column', () => {
  it('plain integers, with empty cells as null', () => {
    expect(parseNumberColumn(['1', '2', null, '', '  4 ', '-3', '+7'])).toEqual({
      values: [1, 2, null, null, 4, -3, 7],
      style: 'plain',
      problems: [],
    });
  });

  it('German style: 1.234 / 1234,5 / 1.234,5', () => {
    expect(parseNumberColumn(['1.234', '1234,5', '1.234,5', '0,25', '-2,5', '12'])).toEqual({
      values: [1234, 1234.5, 1234.5, 0.25, -2.5, 12],
      style: 'de',
      problems: [],
    });
  });

  it('English style: 1234.5', () => {
    expect(parseNumberColumn(['1234.5', '0.25', '7', '1.234'])).toEqual({
      values: [1234.5, 0.25, 7, 1.234],
      style: 'en',
      problems: [],
    });
  });

  it('BKA style: 9,677 and 1,847,253 with decimal points', () => {
    expect(
      parseNumberColumn(['9,677', '1,847,253', '60.2', '7', '#DIV/0!'], { allowErrorValues: true }),
    ).toEqual({
      values: [9677, 1847253, 60.2, 7, null],
      style: 'bka',
      problems: [],
    });
  });

  it('each column decides on its own evidence', () => {
    expect(parseNumberColumn(['1.234', '7,5']).style).toBe('de');
    expect(parseNumberColumn(['1.234', '7.5']).style).toBe('en');
    expect(parseNumberColumn(['1,234', '1,000,000']).values).toEqual([1234, 1000000]);
    expect(parseNumberColumn(['1,234', '0,5']).values).toEqual([1.234, 0.5]);
  });

  it('numbers from XLSX pass through', () => {
    expect(parseNumberColumn([1234.5, 3, null, '2'])).toEqual({
      values: [1234.5, 3, null, 2],
      style: 'plain',
      problems: [],
    });
  });
});

describe('parseNumberColumn: ambiguity and problems', () => {
  it('reports 1.234 in a decimal column without other evidence, never guessing', () => {
    const r = parseNumberColumn(['1.234', '5', '2,345']);
    expect(r.values).toEqual([null, 5, null]);
    expect(r.problems).toEqual([
      {
        index: 0,
        value: '1.234',
        expected: 'eine eindeutige Zahl, z. B. 1234 oder 1,234',
        reason: 'ambiguous',
      },
      {
        index: 2,
        value: '2,345',
        expected: 'eine eindeutige Zahl, z. B. 2345 oder 2,345',
        reason: 'ambiguous',
      },
    ]);
    expect(describeNumberProblem(r.problems[0] as (typeof r.problems)[number])).toBe(
      'Wert „1.234“ ist mehrdeutig (Tausendertrennzeichen oder Dezimalzeichen?); erwartet: eine eindeutige Zahl, z. B. 1234 oder 1,234.',
    );
  });

  it('in an integer column 1.234 and 1,234 can only be thousands', () => {
    expect(parseNumberColumn(['1.234', '12.345', '7'], { integer: true })).toEqual({
      values: [1234, 12345, 7],
      style: 'de',
      problems: [],
    });
    expect(parseNumberColumn(['1,234', '7'], { integer: true })).toEqual({
      values: [1234, 7],
      style: 'bka',
      problems: [],
    });
  });

  it('rejects decimals in an integer column', () => {
    const r = parseNumberColumn(['12,5', '3', 4.5], { integer: true });
    expect(r.values).toEqual([null, 3, null]);
    expect(r.problems).toEqual([
      { index: 0, value: '12,5', expected: 'eine ganze Zahl', reason: 'not-integer' },
      { index: 2, value: '4.5', expected: 'eine ganze Zahl', reason: 'not-integer' },
    ]);
  });

  it('reports cells that contradict the column majority', () => {
    const r = parseNumberColumn(['1,5', '2,5', '3.5']);
    expect(r.style).toBe('de');
    expect(r.values).toEqual([1.5, 2.5, null]);
    expect(r.problems).toEqual([
      {
        index: 2,
        value: '3.5',
        expected: 'eine Zahl im selben Format wie die übrigen Werte der Spalte (z. B. 1.234,5)',
        reason: 'mixed-style',
      },
    ]);
  });

  it('reports all conflicting cells on a tie', () => {
    const r = parseNumberColumn(['1,5', '3.5']);
    expect(r.values).toEqual([null, null]);
    expect(r.problems.map((p) => p.reason)).toEqual(['mixed-style', 'mixed-style']);
  });

  it('reports text, booleans and Excel errors', () => {
    const r = parseNumberColumn(['abc', true, '#DIV/0!', '#NV', '1 234', '1e5', '12,', '.5']);
    expect(r.values).toEqual([null, null, null, null, null, null, null, 0.5]);
    expect(r.problems).toEqual([
      { index: 0, value: 'abc', expected: 'eine Zahl', reason: 'not-a-number' },
      { index: 1, value: 'true', expected: 'eine Zahl', reason: 'not-a-number' },
      {
        index: 2,
        value: '#DIV/0!',
        expected: 'eine Zahl statt eines Excel-Fehlerwerts',
        reason: 'error-value',
      },
      { index: 3, value: '#NV', expected: 'eine Zahl statt eines Excel-Fehlerwerts', reason: 'error-value' },
      { index: 4, value: '1 234', expected: 'eine Zahl', reason: 'not-a-number' },
      { index: 5, value: '1e5', expected: 'eine Zahl', reason: 'not-a-number' },
      { index: 6, value: '12,', expected: 'eine Zahl', reason: 'not-a-number' },
    ]);
  });

  it('a forced style parses without guessing (BKA table)', () => {
    expect(parseNumberColumn(['10,621', '169', '1.5'], { style: 'bka' })).toEqual({
      values: [10621, 169, 1.5],
      style: 'bka',
      problems: [],
    });
    const r = parseNumberColumn(['12,5'], { style: 'bka' });
    expect(r.problems.map((p) => p.reason)).toEqual(['mixed-style']);
  });

  it('recognises Excel error texts in English and German', () => {
    expect(['#DIV/0!', '#N/A', '#NV', '#WERT!', '#value!'].every(isExcelError)).toBe(true);
    expect(isExcelError('#1')).toBe(false);
  });

  it('parses a million survey codes quickly', () => {
    const cells = Array.from({ length: 1_000_000 }, (_, i) => (i % 7 === 0 ? null : String((i % 4) + 1)));
    const t0 = performance.now();
    const r = parseNumberColumn(cells, { integer: true });
    const ms = performance.now() - t0;
    expect(r.problems).toEqual([]);
    expect(r.values[1]).toBe(2);
    expect(ms).toBeLessThan(1000);
  });
});
