/**
 * ToUnicode CMaps (ISO 32000-1 9.10.3): character code → Unicode text, as Skia writes them for its
 * Identity-H fonts (2-byte codes = glyph ids, bfchar and bfrange sections).
 */

export interface ToUnicode {
  /** Bytes per character code (from the codespace range; 2 for Identity-H). */
  readonly codeLength: number;
  readonly map: ReadonlyMap<number, string>;
}

function hexToNumber(hex: string): number {
  return Number.parseInt(hex, 16);
}

function hexToText(hex: string): string {
  let s = '';
  for (let i = 0; i + 4 <= hex.length; i += 4)
    s += String.fromCharCode(Number.parseInt(hex.slice(i, i + 4), 16));
  return s;
}

export function parseToUnicode(cmap: string): ToUnicode {
  const space = /begincodespacerange\s*<([0-9A-Fa-f]+)>/.exec(cmap);
  const codeLength = space ? Math.max(1, Math.ceil((space[1] as string).length / 2)) : 2;
  const map = new Map<number, string>();
  for (const section of cmap.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const m of (section[1] as string).matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>/g))
      map.set(hexToNumber(m[1] as string), hexToText(m[2] as string));
  }
  for (const section of cmap.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    const body = section[1] as string;
    for (const m of body.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])/g)) {
      const lo = hexToNumber(m[1] as string);
      const hi = hexToNumber(m[2] as string);
      const target = m[3] as string;
      if (target.startsWith('[')) {
        const items = [...target.matchAll(/<([0-9A-Fa-f]*)>/g)].map((x) => hexToText(x[1] as string));
        for (let code = lo; code <= hi && code - lo < items.length; code += 1)
          map.set(code, items[code - lo] as string);
      } else {
        const base = target.slice(1, -1);
        const text = hexToText(base);
        // Ranges increment the last UTF-16 unit.
        const head = text.slice(0, -1);
        const last = text.charCodeAt(text.length - 1);
        for (let code = lo; code <= hi && hi - lo < 0x10000; code += 1)
          map.set(code, head + String.fromCharCode(last + (code - lo)));
      }
    }
  }
  return { codeLength, map };
}

/** The character codes in a shown string. */
export function codesOf(bytes: Uint8Array, codeLength: number): number[] {
  const codes: number[] = [];
  for (let i = 0; i + codeLength <= bytes.length; i += codeLength) {
    let code = 0;
    for (let k = 0; k < codeLength; k += 1) code = code * 256 + (bytes[i + k] as number);
    codes.push(code);
  }
  return codes;
}

/** The text of a shown string; unmapped codes become U+FFFD. */
export function decodeText(bytes: Uint8Array, toUnicode: ToUnicode): string {
  return codesOf(bytes, toUnicode.codeLength)
    .map((c) => toUnicode.map.get(c) ?? '\uFFFD')
    .join('');
}

/** A code as a hex string operand (`<0084>`). */
export function hexCode(code: number, codeLength: number): string {
  return `<${code
    .toString(16)
    .toUpperCase()
    .padStart(codeLength * 2, '0')}>`;
}
