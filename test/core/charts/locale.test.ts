import { describe, expect, it } from 'vitest';
import * as vega from 'vega';
import '../../../src/core/charts/locale.js';
import { textWidth } from '../../../src/core/charts/text-metrics.js';
import '../../../src/core/charts/text-metrics.js';

const NBSP = '\u00A0';

describe('German locale (set at module load)', () => {
  const fmt = (spec: string) =>
    (
      vega as unknown as {
        expressionFunction: unknown;
        formatLocale: () => { format: (s: string) => (x: number) => string };
      }
    )
      .formatLocale()
      .format(spec);

  it('formats numbers with decimal comma and thousands dot', () => {
    expect(fmt(',')(1234)).toBe('1.234');
    expect(fmt(',.1f')(6158.3)).toBe('6.158,3');
    expect(fmt(',d')(1234567)).toBe('1.234.567');
  });

  it('formats percentages as "42 %" with a no-break space, like the report text', () => {
    expect(fmt('.0%')(0.42)).toBe(`42${NBSP}%`);
    expect(fmt('.1%')(0.423)).toBe(`42,3${NBSP}%`);
    expect(fmt('.1%')(-0.052)).toBe(`-5,2${NBSP}%`);
  });

  it('formats dates with German month names', () => {
    const tf = (
      vega as unknown as { timeFormatLocale: () => { timeFormat: (s: string) => (d: Date) => string } }
    )
      .timeFormatLocale()
      .timeFormat('%e. %B %Y');
    expect(tf(new Date(2025, 2, 3))).toBe(' 3. März 2025');
  });
});

describe('Source Sans 3 text metrics', () => {
  it('measures with the font advance widths (units per em 1000)', () => {
    // "Wohngegend" = W 786 + o 542 + h 544 + n 547 + g 504 + e 496 + g 504 + e 496 + n 547 + d 555 = 5521 units
    expect(textWidth('Wohngegend', 10)).toBeCloseTo(55.21, 2);
    expect(textWidth('ä', 11)).toBeCloseTo(5.544, 3);
    // far narrower than Vega's fallback estimate of 0.8 em per character
    expect(textWidth('Sicherheitsgefühl', 11)).toBeLessThan(0.8 * 11 * 'Sicherheitsgefühl'.length * 0.7);
  });

  it("is installed as Vega's width hook and clamps to the label limit", () => {
    const tm = (vega as unknown as { textMetrics: { width: (item: object, text?: string) => number } })
      .textMetrics;
    expect(tm.width({ fontSize: 10 }, 'Wohngegend')).toBeCloseTo(55.21, 2);
    expect(tm.width({ fontSize: 10, limit: 30 }, 'Wohngegend')).toBe(30);
    expect(tm.width({ fontSize: 10, fontWeight: 'bold' }, 'Wohngegend')).toBeGreaterThan(55.21);
  });
});
