import { describe, expect, it } from 'vitest';
import {
  formatChange,
  formatNumber,
  formatPercent,
  formatRate,
  formatSigned,
  NBSP,
} from '../../../src/core/format/number.js';

describe('German number format', () => {
  it('formats percentages with a decimal comma and U+00A0 before %', () => {
    expect(formatPercent(0.423)).toBe('42,3\u00A0%');
    expect(NBSP).toBe('\u00A0');
    expect(formatPercent(0.5, 0)).toBe('50\u00A0%');
    expect(formatPercent(1)).toBe('100,0\u00A0%');
  });

  it('formats numbers with thousands dots and fixed digits', () => {
    expect(formatNumber(1234.5, 1)).toBe('1.234,5');
    expect(formatNumber(1234)).toBe('1.234');
    expect(formatNumber(1234567.25, 2)).toBe('1.234.567,25');
    expect(formatNumber(0.125, 2)).toBe('0,13');
  });

  it('formats Häufigkeitszahlen with one decimal', () => {
    // 57 × 100,000 / 24,873 = 229.1642…
    expect(formatRate((57 * 100_000) / 24_873)).toBe('229,2');
    expect(formatRate(4961.17)).toBe('4.961,2');
  });

  it('signs changes and never prints -0', () => {
    expect(formatChange(0.42)).toBe('+42,0\u00A0%');
    expect(formatChange(-0.08)).toBe('-8,0\u00A0%');
    expect(formatChange(-0.00001)).toBe('0,0\u00A0%');
    expect(formatNumber(-0.04, 1)).toBe('0,0');
    expect(formatSigned(34)).toBe('+34');
    expect(formatSigned(-3)).toBe('-3');
  });

  it('prints a dash for missing values', () => {
    expect(formatPercent(null)).toBe('–');
    expect(formatNumber(undefined)).toBe('–');
    expect(formatRate(Number.NaN)).toBe('–');
  });
});
