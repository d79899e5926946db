/**
 * A tokenizer for PDF content streams that reports each operator with the byte ranges of its operands,
 * without allocating per operand: the visitor reads operands through the scanner (`num(i)`, `bytes(i)`).
 * Strings, hex strings, arrays and dictionaries are skipped as whole operands (nesting and escapes
 * honoured); inline images (BI … ID … EI) are skipped as one `BI` operator.
 */

/** Kinds of operand. */
export const Operand = {
  Number: 1,
  Name: 2,
  String: 3,
  HexString: 4,
  Array: 5,
  Dictionary: 6,
  Other: 7,
} as const;
export type OperandKind = (typeof Operand)[keyof typeof Operand];

const MAX_OPERANDS = 64;
const TRUE = 0x65757274; // "true"
const NULL = 0x6c6c756e; // "null"
const BI = 0x4942; // "BI"

function isWhite(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0x0c || c === 0x00;
}

function isDelimiter(c: number): boolean {
  // ( ) < > [ ] { } / %
  return (
    c === 0x28 ||
    c === 0x29 ||
    c === 0x3c ||
    c === 0x3e ||
    c === 0x5b ||
    c === 0x5d ||
    c === 0x7b ||
    c === 0x7d ||
    c === 0x2f ||
    c === 0x25
  );
}

/** A number for an operator of up to four characters (its bytes, little-endian), for fast comparisons. */
export function opCode(op: string): number {
  let code = 0;
  for (let i = op.length - 1; i >= 0; i -= 1) code = code * 256 + op.charCodeAt(i);
  return code;
}

/** The operator a code stands for. */
export function opName(code: number): string {
  let s = '';
  for (let c = code; c > 0; c = Math.floor(c / 256)) s += String.fromCharCode(c % 256);
  return s;
}

export class ContentSyntaxError extends Error {
  override readonly name = 'ContentSyntaxError';
}

export class ContentScanner {
  private readonly starts = new Int32Array(MAX_OPERANDS);
  private readonly ends = new Int32Array(MAX_OPERANDS);
  private readonly kinds = new Uint8Array(MAX_OPERANDS);
  /** Number of operands of the current operator. */
  count = 0;

  constructor(readonly data: Uint8Array) {}

  kind(i: number): OperandKind {
    return this.kinds[i] as OperandKind;
  }

  start(i: number): number {
    return this.starts[i] as number;
  }

  end(i: number): number {
    return this.ends[i] as number;
  }

  num(i: number): number {
    const d = this.data;
    let p = this.starts[i] as number;
    const end = this.ends[i] as number;
    let sign = 1;
    if (d[p] === 0x2d) {
      sign = -1;
      p += 1;
    } else if (d[p] === 0x2b) {
      p += 1;
    }
    let v = 0;
    for (; p < end && d[p] !== 0x2e; p += 1) v = v * 10 + ((d[p] as number) - 0x30);
    let scale = 0.1;
    for (p += 1; p < end; p += 1, scale /= 10) v += ((d[p] as number) - 0x30) * scale;
    return sign * v;
  }

  name(i: number): string {
    let s = '';
    for (let p = (this.starts[i] as number) + 1; p < (this.ends[i] as number); p += 1)
      s += String.fromCharCode(this.data[p] as number);
    return s;
  }

  /** The bytes a string operand (literal or hex) stands for. */
  stringBytes(i: number): Uint8Array {
    return decodeStringToken(this.data, this.starts[i] as number, this.ends[i] as number);
  }

  /** The raw text of an operand (for dictionaries such as `<</MCID 3>>`). */
  text(i: number): string {
    return Buffer.from(this.data.buffer, this.data.byteOffset, this.data.byteLength).toString(
      'latin1',
      this.starts[i],
      this.ends[i],
    );
  }

  /**
   * Calls `visit(op, opStart, opEnd)` for every operator, in order (`op` as `opCode` gives it; operators
   * longer than four characters get -1); `opStart` is where its first operand (or the operator itself)
   * begins. Operands are available through this scanner during the call.
   */
  scan(visit: (op: number, opStart: number, opEnd: number) => void): void {
    const d = this.data;
    const n = d.length;
    let p = 0;
    this.count = 0;
    let firstStart = -1;
    while (p < n) {
      const c = d[p] as number;
      if (isWhite(c)) {
        p += 1;
        continue;
      }
      if (c === 0x25) {
        while (p < n && d[p] !== 0x0a && d[p] !== 0x0d) p += 1;
        continue;
      }
      const start = p;
      let kind: OperandKind;
      if (c === 0x28) {
        p = literalEnd(d, p);
        kind = Operand.String;
      } else if (c === 0x3c && d[p + 1] === 0x3c) {
        p = dictEnd(d, p);
        kind = Operand.Dictionary;
      } else if (c === 0x3c) {
        while (p < n && d[p] !== 0x3e) p += 1;
        p += 1;
        kind = Operand.HexString;
      } else if (c === 0x5b) {
        p = arrayEnd(d, p);
        kind = Operand.Array;
      } else if (c === 0x2f) {
        p += 1;
        while (p < n && !isWhite(d[p] as number) && !isDelimiter(d[p] as number)) p += 1;
        kind = Operand.Name;
      } else if ((c >= 0x30 && c <= 0x39) || c === 0x2b || c === 0x2d || c === 0x2e) {
        p += 1;
        while (p < n && (((d[p] as number) >= 0x30 && (d[p] as number) <= 0x39) || d[p] === 0x2e)) p += 1;
        kind = Operand.Number;
      } else if (isDelimiter(c)) {
        throw new ContentSyntaxError(`unexpected '${String.fromCharCode(c)}' at ${p}`);
      } else {
        while (p < n && !isWhite(d[p] as number) && !isDelimiter(d[p] as number)) p += 1;
        let op = 0;
        if (p - start <= 4) for (let q = p - 1; q >= start; q -= 1) op = op * 256 + (d[q] as number);
        else op = -1;
        if (op === TRUE || op === NULL || (op === -1 && p - start === 5 && d[start] === 0x66)) {
          kind = Operand.Other;
        } else {
          if (op === BI) p = inlineImageEnd(d, p);
          visit(op, firstStart < 0 ? start : firstStart, p);
          this.count = 0;
          firstStart = -1;
          continue;
        }
      }
      if (firstStart < 0) firstStart = start;
      if (this.count < MAX_OPERANDS) {
        this.starts[this.count] = start;
        this.ends[this.count] = p;
        this.kinds[this.count] = kind;
        this.count += 1;
      }
    }
  }
}

function literalEnd(d: Uint8Array, start: number): number {
  let depth = 0;
  let p = start;
  while (p < d.length) {
    const c = d[p];
    if (c === 0x5c) {
      p += 2;
      continue;
    }
    if (c === 0x28) depth += 1;
    else if (c === 0x29) {
      depth -= 1;
      if (depth === 0) return p + 1;
    }
    p += 1;
  }
  throw new ContentSyntaxError('unterminated string');
}

function dictEnd(d: Uint8Array, start: number): number {
  let depth = 0;
  let p = start;
  while (p < d.length) {
    const c = d[p];
    if (c === 0x28) {
      p = literalEnd(d, p);
      continue;
    }
    if (c === 0x3c && d[p + 1] === 0x3c) {
      depth += 1;
      p += 2;
      continue;
    }
    if (c === 0x3e && d[p + 1] === 0x3e) {
      depth -= 1;
      p += 2;
      if (depth === 0) return p;
      continue;
    }
    p += 1;
  }
  throw new ContentSyntaxError('unterminated dictionary');
}

function arrayEnd(d: Uint8Array, start: number): number {
  let depth = 0;
  let p = start;
  while (p < d.length) {
    const c = d[p];
    if (c === 0x28) {
      p = literalEnd(d, p);
      continue;
    }
    if (c === 0x5b) depth += 1;
    else if (c === 0x5d) {
      depth -= 1;
      if (depth === 0) return p + 1;
    }
    p += 1;
  }
  throw new ContentSyntaxError('unterminated array');
}

/** After `BI`: skips to just after the `EI` that ends the image data. */
function inlineImageEnd(d: Uint8Array, from: number): number {
  let p = from;
  for (; p + 1 < d.length; p += 1) {
    if (d[p] === 0x49 && d[p + 1] === 0x44 && isWhite(d[p - 1] ?? 0x20) && isWhite(d[p + 2] ?? 0x20)) break;
  }
  for (p += 3; p + 1 < d.length; p += 1) {
    if (
      d[p] === 0x45 &&
      d[p + 1] === 0x49 &&
      isWhite(d[p - 1] as number) &&
      (p + 2 >= d.length || isWhite(d[p + 2] as number))
    )
      return p + 2;
  }
  throw new ContentSyntaxError('unterminated inline image');
}

const ESCAPES: Readonly<Record<number, number>> = {
  0x6e: 0x0a,
  0x72: 0x0d,
  0x74: 0x09,
  0x62: 0x08,
  0x66: 0x0c,
  0x28: 0x28,
  0x29: 0x29,
  0x5c: 0x5c,
};

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  return -1;
}

/** The bytes of a literal `(…)` or hex `<…>` string token. */
export function decodeStringToken(d: Uint8Array, start: number, end: number): Uint8Array {
  const out: number[] = [];
  if (d[start] === 0x3c) {
    let hi = -1;
    for (let p = start + 1; p < end - 1; p += 1) {
      const v = hexValue(d[p] as number);
      if (v < 0) continue;
      if (hi < 0) hi = v;
      else {
        out.push((hi << 4) | v);
        hi = -1;
      }
    }
    if (hi >= 0) out.push(hi << 4);
    return Uint8Array.from(out);
  }
  for (let p = start + 1; p < end - 1; p += 1) {
    const c = d[p] as number;
    if (c !== 0x5c) {
      out.push(c);
      continue;
    }
    const e = d[p + 1] as number;
    const mapped = ESCAPES[e];
    if (mapped !== undefined) {
      out.push(mapped);
      p += 1;
    } else if (e >= 0x30 && e <= 0x37) {
      let v = 0;
      let k = 0;
      while (k < 3 && (d[p + 1 + k] as number) >= 0x30 && (d[p + 1 + k] as number) <= 0x37) {
        v = v * 8 + ((d[p + 1 + k] as number) - 0x30);
        k += 1;
      }
      out.push(v & 0xff);
      p += k;
    } else if (e === 0x0d || e === 0x0a) {
      p += e === 0x0d && d[p + 2] === 0x0a ? 2 : 1;
    } else {
      out.push(e);
      p += 1;
    }
  }
  return Uint8Array.from(out);
}
