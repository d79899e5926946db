import { describe, expect, it } from 'vitest';
import { keyPath, locateJsonError } from '../../../src/core/validate/json.js';

describe('locateJsonError', () => {
  it('returns null for valid JSON', () => {
    for (const t of ['{}', '[]', ' {"a": [1, -2.5e3, true, false, null, "x\\u00e4\\n"]} ', '"ä"', '0'])
      expect(locateJsonError(t)).toBeNull();
  });

  it('finds a trailing comma with line and column', () => {
    expect(locateJsonError('{\n  "a": 1,\n}')).toEqual({ line: 3, column: 1, found: '}', afterComma: true });
  });

  it('finds a missing comma, single quotes, a bad literal and the end of the text', () => {
    expect(locateJsonError('{"a": 1 "b": 2}')).toMatchObject({ line: 1, column: 9, found: '"' });
    expect(locateJsonError("{'a': 1}")).toMatchObject({ line: 1, column: 2, found: "'" });
    expect(locateJsonError('[tru]')).toMatchObject({ line: 1, column: 5, found: ']' });
    expect(locateJsonError('{"a": [1, 2')).toMatchObject({ line: 1, column: 12, found: null });
    expect(locateJsonError('{"ä": 1}}')).toMatchObject({ line: 1, column: 9, found: '}' });
    expect(locateJsonError('{"a": 01}')).toMatchObject({ column: 8, found: '1' });
    expect(locateJsonError('{"a": "\\x"}')).toMatchObject({ column: 9, found: 'x' });
  });

  it('agrees with JSON.parse on what is valid', () => {
    const samples = [
      '{"a":1}',
      '{"a":1,}',
      '[1,,2]',
      '{"a" 1}',
      '[1e]',
      '[.5]',
      '[-]',
      '["\t"]',
      '{"a":{"b":[]}}',
      '  ',
    ];
    for (const s of samples) {
      let ok = true;
      try {
        JSON.parse(s);
      } catch {
        ok = false;
      }
      expect(locateJsonError(s) === null, s).toBe(ok);
    }
  });
});

describe('keyPath', () => {
  it('counts list entries from 1', () => {
    expect(keyPath(['gebiete', 0, 'id'])).toBe('gebiete[1].id');
    expect(keyPath(['kommune', 'ags'])).toBe('kommune.ags');
    expect(keyPath([])).toBe('');
  });
});
