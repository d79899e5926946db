import { describe, expect, it } from 'vitest';
import { SCALES, type ScaleId } from '../../../src/core/model/codebook.js';
import { contrast, deltaE, hexToLab, simulate } from '../../../src/core/charts/colour.js';
import {
  DEFAULT_BRANDING,
  MIN_BAR_CONTRAST,
  makePalette,
  scaleColours,
  textOn,
  type Branding,
} from '../../../src/core/charts/palette.js';

const BRANDS: readonly (Branding & { name: string })[] = [
  { name: 'LPR default', ...DEFAULT_BRANDING },
  { name: 'very light primary, pale yellow accent', primary: '#A0D8F0', accent: '#FFE066' },
  { name: 'green / red (red-green collision)', primary: '#2E8B57', accent: '#D62728' },
  { name: 'identical orange', primary: '#E8A33D', accent: '#E8A33D' },
  { name: 'black / white', primary: '#000000', accent: '#FFFFFF' },
  { name: 'red / green', primary: '#C00000', accent: '#00A000' },
  { name: 'invalid input', primary: 'blau', accent: '#12' },
];

const SCALE_IDS = Object.keys(SCALES) as ScaleId[];
const VIEWS = {
  normal: (c: string) => c,
  deuteranopia: (c: string) => simulate(c, 'deuteranopia'),
  protanopia: (c: string) => simulate(c, 'protanopia'),
};

describe('colour arithmetic', () => {
  it('computes WCAG contrast', () => {
    expect(contrast('#000000', '#FFFFFF')).toBeCloseTo(21, 5);
    expect(contrast('#777777', '#FFFFFF')).toBeCloseTo(4.48, 2);
  });

  it('simulates deuteranopia (Machado 2009): greys stay, red and green converge', () => {
    expect(simulate('#808080', 'deuteranopia')).toBe('#808080');
    const normal = deltaE('#D62728', '#2CA02C');
    const deutan = deltaE(simulate('#D62728', 'deuteranopia'), simulate('#2CA02C', 'deuteranopia'));
    expect(normal).toBeGreaterThan(80);
    expect(deutan).toBeLessThan(normal / 2);
    // Blue vs orange survives.
    expect(deltaE(simulate('#005CA9', 'deuteranopia'), simulate('#E8A33D', 'deuteranopia'))).toBeGreaterThan(
      40,
    );
  });
});

describe.each(BRANDS)('palette for $name', (brand) => {
  const p = makePalette(brand);

  it('gives bars and lines at least 3:1 against white', () => {
    for (const c of [p.primary, p.secondary, p.unfavourable, ...p.categorical])
      expect(contrast(c, '#FFFFFF')).toBeGreaterThanOrEqual(MIN_BAR_CONTRAST - 1e-9);
  });

  it('has at least 5 categorical colours, the brand primary first, all distinguishable with deuteranopia', () => {
    expect(p.categorical.length).toBeGreaterThanOrEqual(5);
    expect(p.categorical[0]).toBe(p.primary);
    const five = p.categorical.slice(0, 5).map(VIEWS.deuteranopia);
    for (let i = 0; i < five.length; i++)
      for (let j = i + 1; j < five.length; j++)
        expect(deltaE(five[i] ?? '', five[j] ?? '')).toBeGreaterThanOrEqual(10);
  });

  it.each(SCALE_IDS)(
    'scale %s: every pair of categories is distinct for normal, deuteranopic and protanopic vision',
    (scale) => {
      const colours = scaleColours(scale, p);
      expect(colours).toHaveLength(SCALES[scale].labels.length);
      for (const [, view] of Object.entries(VIEWS)) {
        const v = colours.map(view);
        for (let i = 0; i < v.length; i++)
          for (let j = i + 1; j < v.length; j++)
            expect(deltaE(v[i] ?? '', v[j] ?? ''), `${scale} ${i}/${j}`).toBeGreaterThanOrEqual(10);
      }
    },
  );

  it('orders 4-point scales dark favourable → light → light → dark unfavourable', () => {
    const [f2, f1, n1, n2] = scaleColours('sicher4', p).map((c) => hexToLab(c)[0]);
    expect(f2).toBeLessThan((f1 ?? 0) - 10);
    expect(n2).toBeLessThan((n1 ?? 0) - 10);
  });

  it('separates adjacent categories in lightness or hue (ΔE ≥ 10 with deuteranopia)', () => {
    for (const scale of ['sicher4', 'furcht5', 'trend5', 'problem4'] as const) {
      const v = scaleColours(scale, p).map(VIEWS.deuteranopia);
      for (let i = 1; i < v.length; i++)
        expect(deltaE(v[i - 1] ?? '', v[i] ?? '')).toBeGreaterThanOrEqual(10);
    }
  });

  it('picks a readable data-label colour on every scale colour (≥ 4.5:1)', () => {
    for (const scale of SCALE_IDS)
      for (const c of scaleColours(scale, p)) expect(contrast(c, textOn(c))).toBeGreaterThanOrEqual(4.5);
  });
});

describe('brand guards', () => {
  it('darkens a very light primary (hue kept) instead of using it as is', () => {
    const p = makePalette({ primary: '#A0D8F0', accent: '#E8A33D' });
    expect(p.primary).not.toBe('#A0D8F0');
    expect(contrast(p.primary, '#FFFFFF')).toBeGreaterThanOrEqual(3);
    const [, a0, b0] = hexToLab('#A0D8F0');
    const [, a1, b1] = hexToLab(p.primary);
    expect(Math.abs(Math.atan2(b1, a1) - Math.atan2(b0, a0))).toBeLessThan(0.15);
  });

  it('keeps a dark enough brand primary unchanged and uses the LPR defaults for invalid input', () => {
    expect(makePalette(DEFAULT_BRANDING).primary).toBe('#005CA9');
    expect(makePalette({ primary: 'blau', accent: 'x' }).primary).toBe('#005CA9');
  });

  it('makes the unfavourable end warm (orange-red) for the default brand', () => {
    const [, a, b] = hexToLab(makePalette().unfavourable);
    const hue = (Math.atan2(b, a) * 180) / Math.PI;
    expect(hue).toBeGreaterThan(30);
    expect(hue).toBeLessThan(80);
  });
});
