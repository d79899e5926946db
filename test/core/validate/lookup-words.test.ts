/** Words looked up in small tables (answer codes, sex, mode): names of Object.prototype are no words of ours. */
import { describe, expect, it } from 'vitest';
import { CODE_INVALID, parseAnswer } from '../../../src/core/validate/answer-codes.js';
import { parseSex, SEX_INVALID } from '../../../src/core/validate/sex.js';

describe('lookup words', () => {
  it('refuses "constructor", "toString" and "__proto__" instead of reading them as empty', () => {
    for (const word of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      expect(parseAnswer(word, 5), word).toBe(CODE_INVALID);
      expect(parseSex(word), word).toBe(SEX_INVALID);
    }
  });

  it('still reads the words that are ours', () => {
    expect(parseSex('Weiblich')).toBe(1);
    expect(parseSex('divers')).toBe(3);
  });
});
