/**
 * Just enough PDF syntax to read and write the document information and catalog dictionaries of an
 * uncompressed PDF (which is what Chromium's Skia writer produces): a dictionary splitter that keeps each
 * value's raw text, and the encoding of text strings.
 */

const WHITESPACE = new Set(['\0', '\t', '\n', '\f', '\r', ' ']);
const DELIMITERS = new Set(['(', ')', '<', '>', '[', ']', '{', '}', '/', '%']);

export class PdfSyntaxError extends Error {
  override readonly name = 'PdfSyntaxError';
}

function skipSpace(text: string, i: number): number {
  let p = i;
  while (p < text.length) {
    const c = text[p] as string;
    if (WHITESPACE.has(c)) {
      p += 1;
    } else if (c === '%') {
      while (p < text.length && text[p] !== '\n' && text[p] !== '\r') p += 1;
    } else {
      break;
    }
  }
  return p;
}

function regularEnd(text: string, i: number): number {
  let p = i;
  while (p < text.length && !WHITESPACE.has(text[p] as string) && !DELIMITERS.has(text[p] as string)) p += 1;
  return p;
}

function literalStringEnd(text: string, i: number): number {
  // text[i] === '('
  let depth = 0;
  let p = i;
  while (p < text.length) {
    const c = text[p];
    if (c === '\\') {
      p += 2;
      continue;
    }
    if (c === '(') depth += 1;
    else if (c === ')') {
      depth -= 1;
      if (depth === 0) return p + 1;
    }
    p += 1;
  }
  throw new PdfSyntaxError('unterminated literal string');
}

/** End index (exclusive) of the value starting at or after `i`. */
export function valueEnd(text: string, i: number): number {
  const p = skipSpace(text, i);
  const c = text[p];
  if (c === undefined) throw new PdfSyntaxError('value expected at end of text');
  if (c === '<' && text[p + 1] === '<') return dictionaryEnd(text, p);
  if (c === '<') {
    const close = text.indexOf('>', p);
    if (close < 0) throw new PdfSyntaxError('unterminated hex string');
    return close + 1;
  }
  if (c === '(') return literalStringEnd(text, p);
  if (c === '[') {
    let q = skipSpace(text, p + 1);
    while (text[q] !== ']') {
      if (q >= text.length) throw new PdfSyntaxError('unterminated array');
      q = skipSpace(text, valueEnd(text, q));
    }
    return q + 1;
  }
  if (c === '/') return regularEnd(text, p + 1);
  if (DELIMITERS.has(c)) throw new PdfSyntaxError(`unexpected '${c}'`);
  const end = regularEnd(text, p);
  // An indirect reference "12 0 R" is three tokens.
  if (/^\d+$/.test(text.slice(p, end))) {
    const m = /^\s+(\d+)\s+R(?![^\s()<>[\]{}/%])/.exec(text.slice(end, end + 32));
    if (m) return end + m[0].length;
  }
  return end;
}

function dictionaryEnd(text: string, i: number): number {
  return parseDictionary(text, i).end;
}

export interface ParsedDictionary {
  /** Top-level entries in file order: key without the slash, raw value text (trimmed). */
  readonly entries: readonly (readonly [string, string])[];
  /** Index just after the closing `>>`. */
  readonly end: number;
}

/** Parses the dictionary that starts at `<<` at or after `start`. */
export function parseDictionary(text: string, start = 0): ParsedDictionary {
  let p = skipSpace(text, start);
  if (text.slice(p, p + 2) !== '<<') throw new PdfSyntaxError('dictionary expected');
  p += 2;
  const entries: [string, string][] = [];
  for (;;) {
    p = skipSpace(text, p);
    if (text.slice(p, p + 2) === '>>') return { entries, end: p + 2 };
    if (text[p] !== '/') throw new PdfSyntaxError(`name expected at ${p}`);
    const keyEnd = regularEnd(text, p + 1);
    const key = text.slice(p + 1, keyEnd);
    const vStart = skipSpace(text, keyEnd);
    const vEnd = valueEnd(text, vStart);
    entries.push([key, text.slice(vStart, vEnd)]);
    p = vEnd;
  }
}

export function entry(dict: ParsedDictionary, key: string): string | undefined {
  return dict.entries.find(([k]) => k === key)?.[1];
}

/** Serialises entries back into a dictionary, one entry per line like Skia does. */
export function writeDictionary(entries: readonly (readonly [string, string])[]): string {
  return `<<${entries.map(([k, v]) => `/${k} ${v}`).join('\n')}>>`;
}

/**
 * A PDF text string: a literal string for printable ASCII, otherwise UTF-16BE with BOM as a hex string.
 * Either way the result is pure ASCII.
 */
export function pdfTextString(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return `(${value.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  let hex = 'FEFF';
  for (let i = 0; i < value.length; i += 1)
    hex += value.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `<${hex}>`;
}

/** Decodes a raw PDF string value (literal or hex; PDFDocEncoding approximated as Latin-1, or UTF-16BE with BOM). */
export function decodePdfString(raw: string): string {
  let bytes: number[] = [];
  if (raw.startsWith('<')) {
    const hex = raw.slice(1, -1).replace(/\s+/g, '');
    const padded = hex.length % 2 === 1 ? `${hex}0` : hex;
    for (let i = 0; i < padded.length; i += 2) bytes.push(Number.parseInt(padded.slice(i, i + 2), 16));
  } else if (raw.startsWith('(')) {
    bytes = literalBytes(raw.slice(1, -1));
  } else {
    throw new PdfSyntaxError('string expected');
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    let s = '';
    for (let i = 2; i + 1 < bytes.length; i += 2)
      s += String.fromCharCode(((bytes[i] as number) << 8) | (bytes[i + 1] as number));
    return s;
  }
  return String.fromCharCode(...bytes);
}

const ESCAPES: Readonly<Record<string, number>> = {
  n: 10,
  r: 13,
  t: 9,
  b: 8,
  f: 12,
  '(': 40,
  ')': 41,
  '\\': 92,
};

function literalBytes(body: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < body.length; i += 1) {
    const c = body[i] as string;
    if (c !== '\\') {
      out.push(c.charCodeAt(0) & 0xff);
      continue;
    }
    const n = body[i + 1];
    if (n === undefined) break;
    if (n in ESCAPES) {
      out.push(ESCAPES[n] as number);
      i += 1;
    } else if (/[0-7]/.test(n)) {
      const oct = /^[0-7]{1,3}/.exec(body.slice(i + 1))?.[0] ?? '0';
      out.push(Number.parseInt(oct, 8) & 0xff);
      i += oct.length;
    } else if (n === '\r' || n === '\n') {
      i += n === '\r' && body[i + 2] === '\n' ? 2 : 1;
    } else {
      out.push(n.charCodeAt(0) & 0xff);
      i += 1;
    }
  }
  return out;
}

/** The raw values of the array that starts at `[` at or after `start`. */
export function parseArray(text: string, start = 0): string[] {
  let p = skipSpace(text, start);
  if (text[p] !== '[') throw new PdfSyntaxError('array expected');
  p = skipSpace(text, p + 1);
  const items: string[] = [];
  while (text[p] !== ']') {
    if (p >= text.length) throw new PdfSyntaxError('unterminated array');
    const end = valueEnd(text, p);
    items.push(text.slice(p, end).trim());
    p = skipSpace(text, end);
  }
  return items;
}

export interface PdfRef {
  readonly num: number;
  readonly gen: number;
}

/** An indirect reference "12 0 R", or undefined for any other value. */
export function parseRef(raw: string | undefined): PdfRef | undefined {
  const m = raw === undefined ? null : /^(\d+)\s+(\d+)\s+R$/.exec(raw.trim());
  return m ? { num: Number(m[1]), gen: Number(m[2]) } : undefined;
}

export function refText(ref: PdfRef): string {
  return `${ref.num} ${ref.gen} R`;
}

/** A name value without its slash, with #xx escapes decoded ("/k1-zusammenfassung" → "k1-zusammenfassung"). */
export function decodeName(raw: string): string {
  return raw
    .trim()
    .replace(/^\//, '')
    .replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}

/** Entries with `key` set to `value` (replaced in place, or appended). */
export function withEntry(
  entries: readonly (readonly [string, string])[],
  key: string,
  value: string,
): [string, string][] {
  const out: [string, string][] = entries.map(([k, v]) => [k, v]);
  const i = out.findIndex(([k]) => k === key);
  if (i >= 0) out[i] = [key, value];
  else out.push([key, value]);
  return out;
}
