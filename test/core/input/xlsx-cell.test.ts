import { describe, expect, it } from 'vitest';
import { excelSerialToIso } from '../../../src/core/input/xlsx-cell.js';

describe('excelSerialToIso: both date systems, the 1900 leap-year bug', () => {
  const iso = (serial: number, date1904 = false) => excelSerialToIso(serial, date1904);

  it('1900 system', () => {
    expect(iso(46083).iso).toBe('2026-03-02');
    expect(iso(46083.99).iso).toBe('2026-03-02');
    expect(iso(61).iso).toBe('1900-03-01');
    expect(iso(59).iso).toBe('1900-02-28');
    expect(iso(1).iso).toBe('1900-01-01');
    expect(iso(0.5).iso).toBe('12:00:00');
  });

  it('serial 60 (29 Feb 1900) does not exist', () => {
    expect(iso(60)).toEqual({ iso: null, nonexistent: true });
  });

  it('1904 system', () => {
    expect(iso(0, true).iso).toBe('1904-01-01');
    expect(iso(44621, true).iso).toBe('2026-03-02');
    expect(iso(60, true)).toEqual({ iso: '1904-03-01', nonexistent: false });
  });

  it('a serial beyond the calendar is no date', () => {
    expect(iso(1e20)).toEqual({ iso: null, nonexistent: false });
  });
});
