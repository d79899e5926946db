import { describe, expect, it } from 'vitest';
import { tidyText } from '../../../src/core/email/text.js';
import { clean } from '../../../src/core/email/view.js';

describe('tidyText', () => {
  it('wraps long lines at 76 characters on spaces', () => {
    const words = Array.from({ length: 40 }, (_, i) => `Wort${i}`).join(' ');
    const out = tidyText(words);
    const lines = out.trimEnd().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(76);
    expect(lines.join(' ')).toBe(words);
  });

  it('keeps list and indented lines aligned and never breaks a URL', () => {
    const url = `https://portal.example/${'x'.repeat(90)}`;
    const out = tidyText(` 1. ${'eins '.repeat(20).trim()}\n    ${'zwei '.repeat(20).trim()}\n${url}\n`);
    const lines = out.split('\n');
    expect(lines[0]?.startsWith(' 1. eins')).toBe(true);
    expect(lines[1]?.startsWith('    eins')).toBe(true);
    expect(lines.filter((l) => l.startsWith('    zwei')).length).toBe(2);
    expect(lines).toContain(url);
  });

  it('drops trailing spaces except in the signature separator, collapses blank lines, ends with one newline', () => {
    expect(tidyText('\n\nA  \n\n\n\nB\n-- \nC\n\n\n')).toBe('A\n\nB\n-- \nC\n');
  });
});

describe('clean', () => {
  it('makes one line without control, zero-width or bidi characters, capped', () => {
    expect(clean('  Groß\r\n\tenhain\u200B\u202E\u2066 ')).toBe('Groß enhain');
    expect(clean('x'.repeat(300), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});
