import { describe, expect, it } from 'vitest';
import { contrast, emailBrand, normaliseColour } from '../../../src/core/email/brand.js';

describe('emailBrand', () => {
  it('uses the municipality colour with white text when that reads better', () => {
    expect(emailBrand('#005ca9')).toEqual({ primary: '#005CA9', onPrimary: '#FFFFFF', link: '#005CA9' });
  });

  it('puts dark text on a light colour and keeps links readable on white', () => {
    expect(emailBrand('#FFE600')).toEqual({ primary: '#FFE600', onPrimary: '#1A1A1A', link: '#005CA9' });
  });

  it('falls back to the LPR blue for anything that is not #RGB or #RRGGBB', () => {
    for (const bad of [undefined, '', 'red', '#12345', '#1234567', 'url(x)', '#00FF00;x'])
      expect(emailBrand(bad).primary).toBe('#005CA9');
    expect(normaliseColour('#0a8')).toBe('#00AA88');
  });

  it('computes WCAG contrast ratios', () => {
    expect(contrast('#000000', '#FFFFFF')).toBeCloseTo(21, 5);
    expect(contrast('#FFFFFF', '#FFFFFF')).toBeCloseTo(1, 5);
    expect(contrast('#005CA9', '#FFFFFF')).toBeGreaterThan(4.5);
  });
});
