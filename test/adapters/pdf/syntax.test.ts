import { describe, expect, it } from 'vitest';
import {
  decodePdfString,
  entry,
  parseDictionary,
  pdfTextString,
  valueEnd,
  writeDictionary,
} from '../../../src/adapters/pdf/syntax.js';

describe('PDF dictionary syntax', () => {
  it('splits a catalog like Chromium writes it into raw entries', () => {
    const text =
      '<</Type /Catalog\n/Pages 7 0 R\n/MarkInfo <</Type /MarkInfo\n/Marked true>>\n/StructTreeRoot 8 0 R\n/Outlines 20 0 R\n/Lang (de)>>';
    const dict = parseDictionary(text);
    expect(dict.entries).toEqual([
      ['Type', '/Catalog'],
      ['Pages', '7 0 R'],
      ['MarkInfo', '<</Type /MarkInfo\n/Marked true>>'],
      ['StructTreeRoot', '8 0 R'],
      ['Outlines', '20 0 R'],
      ['Lang', '(de)'],
    ]);
    expect(dict.end).toBe(text.length);
  });

  it('handles strings with parentheses, escapes and delimiters, hex strings, arrays, numbers and comments', () => {
    const text =
      '<< /A (x (y) \\) >> z) /B <FEFF00E4> /C [1 0 R /N (s) [2]] /D -1.5 /E 12 /F true % note\n /G null>>';
    const dict = parseDictionary(text);
    expect(entry(dict, 'A')).toBe('(x (y) \\) >> z)');
    expect(entry(dict, 'B')).toBe('<FEFF00E4>');
    expect(entry(dict, 'C')).toBe('[1 0 R /N (s) [2]]');
    expect(entry(dict, 'D')).toBe('-1.5');
    expect(entry(dict, 'E')).toBe('12');
    expect(entry(dict, 'F')).toBe('true');
    expect(entry(dict, 'G')).toBe('null');
  });

  it('rejects what is not a dictionary', () => {
    expect(() => parseDictionary('[1 2]')).toThrow(/dictionary expected/);
    expect(() => parseDictionary('<< /A (open')).toThrow();
    expect(() => valueEnd('', 0)).toThrow();
  });

  it('encodes text strings as ASCII and decodes them back', () => {
    expect(pdfTextString('Bericht (2025) \\ x')).toBe('(Bericht \\(2025\\) \\\\ x)');
    expect(pdfTextString('Größe €')).toBe(
      '<FEFF004700720066006E00DF0065002020AC>'.replace('0066006E', '00F6'),
    );
    for (const s of ['', 'Plain', 'a(b)c\\', 'Größenbach – ẞ €', 'Emoji 🙂']) {
      const encoded = pdfTextString(s);
      expect(encoded).toMatch(/^[\x20-\x7e]*$/);
      expect(decodePdfString(encoded)).toBe(s);
    }
    expect(decodePdfString('(a\\nb\\050\\\\)')).toBe('a\nb(\\');
    expect(
      writeDictionary([
        ['Title', '(x)'],
        ['Lang', '(de)'],
      ]),
    ).toBe('<</Title (x)\n/Lang (de)>>');
  });
});
