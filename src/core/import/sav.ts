/**
 * Reads an SPSS system file (`.sav`, also `.zsav`) into a RawTable plus the variables' labels, as
 * documented by GNU PSPP ("System File Format"). Pure: bytes in, values out; never throws for bad
 * input (a German issue instead).
 *
 * Supported: little- and big-endian files, uncompressed, bytecode-compressed and ZLIB-compressed
 * data, long variable names (record 7/13), the character encoding (7/20, else 7/3's code page,
 * else Windows-1252), variable labels, numeric and short-string value labels, missing values.
 * Strings longer than 255 bytes (7/14) arrive as their 255-byte segments (not needed for surveys).
 *
 * Cells: numbers as numbers, system-missing as null, strings trimmed (empty → null). Declared
 * user-missing values (e.g. 9 = "weiß nicht") stay numbers: their meaning comes from the labels.
 * Row numbers are case numbers (1 = first case), as SPSS's data view shows them.
 */
import { inflateSync } from 'node:zlib';
import type { InputFile } from '../ports.js';
import type { ValidationIssue } from '../validate/issues.js';
import { formatInt, readerIssue } from '../input/messages.js';
import type { Cell, RawRow, RawTable } from '../input/table.js';

export interface SavVariable {
  readonly name: string;
  readonly type: 'numeric' | 'string';
  /** Variable label, e.g. the question text. */
  readonly label: string | null;
  /** Value → label, e.g. 1 → "sehr sicher". */
  readonly valueLabels: ReadonlyMap<number | string, string>;
  /** Declared user-missing values (discrete ones; ranges as their ends). */
  readonly missing: readonly (number | string)[];
}

export interface SavResult {
  readonly table: RawTable | null;
  readonly variables: readonly SavVariable[];
  readonly issues: readonly ValidationIssue[];
}

const SYSMIS_BITS = 0xffefffffffffffffn;

interface RawVar {
  shortName: string;
  name: string;
  width: number; // 0 numeric, else string bytes
  slot: number; // first 8-byte slot of the case
  slots: number;
  rawLabel: Uint8Array | null;
  rawMissing: Uint8Array[];
  label: string | null;
  missing: (number | string)[];
  valueLabels: Map<number | string, string>;
}

class Bytes {
  pos = 0;
  constructor(
    readonly buf: Uint8Array,
    readonly view: DataView,
    public little: boolean,
  ) {}
  need(n: number): void {
    if (this.pos + n > this.buf.length) throw new Truncated();
  }
  int(): number {
    this.need(4);
    const v = this.view.getInt32(this.pos, this.little);
    this.pos += 4;
    return v;
  }
  double(): number {
    this.need(8);
    const v = this.view.getFloat64(this.pos, this.little);
    this.pos += 8;
    return v;
  }
  isSysmis(at: number): boolean {
    return this.view.getBigUint64(at, this.little) === SYSMIS_BITS;
  }
  take(n: number): Uint8Array {
    this.need(n);
    const v = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }
}

class Truncated extends Error {}

function decoderFor(name: string | null): TextDecoder {
  const label = (name ?? 'windows-1252').trim().toLowerCase();
  try {
    return new TextDecoder(label === 'cp1252' ? 'windows-1252' : label);
  } catch {
    return new TextDecoder('windows-1252');
  }
}

function codePageName(code: number): string | null {
  if (code === 65001) return 'utf-8';
  if (code === 1252 || code === 2) return 'windows-1252';
  if (code >= 1250 && code <= 1258) return `windows-${code}`;
  if (code === 28591) return 'iso-8859-1';
  if (code === 28605) return 'iso-8859-15';
  return null;
}

function issue(file: string, text: string, extra: Partial<Parameters<typeof readerIssue>[0]> = {}) {
  return readerIssue({ code: 'sav-unreadable', file, text, ...extra });
}

/** Reads a `.sav`/`.zsav` file. `maxRows` bounds the cases read (more is an error). */
export function readSav(file: InputFile, options: { readonly maxRows?: number } = {}): SavResult {
  try {
    return readSavUnsafe(file, options.maxRows ?? 1_000_000);
  } catch (error) {
    if (error instanceof Truncated)
      return {
        table: null,
        variables: [],
        issues: [
          issue(
            file.name,
            'Die SPSS-Datei ist unvollständig oder beschädigt (endet mitten in einem Eintrag).',
          ),
        ],
      };
    return {
      table: null,
      variables: [],
      issues: [issue(file.name, 'Die SPSS-Datei konnte nicht gelesen werden.')],
    };
  }
}

function readSavUnsafe(file: InputFile, maxRows: number): SavResult {
  const buf = file.bytes;
  const name = file.name;
  const magic = String.fromCharCode(...buf.subarray(0, 4));
  if (magic !== '$FL2' && magic !== '$FL3')
    return {
      table: null,
      variables: [],
      issues: [
        issue(
          name,
          'Die Datei ist keine SPSS-Datei (erwartet: .sav aus SPSS oder PSPP, „Speichern unter … SPSS Statistics (*.sav)“).',
        ),
      ],
    };
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const r = new Bytes(buf, view, true);
  r.pos = 64;
  r.need(4);
  const layout = view.getInt32(64, true);
  r.little = layout === 2 || layout === 3;
  r.int(); // layout code
  r.int(); // nominal case size (may be -1)
  const compression = r.int();
  r.int(); // weight index
  const declaredCases = r.int();
  const bias = r.double();
  r.pos = 176;

  const vars: RawVar[] = [];
  let slot = 0;
  const bySlotIndex = new Map<number, RawVar>(); // 1-based dictionary index → variable
  let encodingName: string | null = null;
  let longNames: Uint8Array | null = null;
  const pendingLabels: { value: Uint8Array; label: Uint8Array }[][] = [];
  const labelTargets: number[][] = [];
  let lastVar: RawVar | null = null;

  for (;;) {
    const type = r.int();
    if (type === 2) {
      const width = r.int();
      const hasLabel = r.int();
      const nMissing = r.int();
      r.int(); // print format
      r.int(); // write format
      const short = r.take(8);
      let label: Uint8Array | null = null;
      if (hasLabel === 1) {
        const len = r.int();
        label = r.take(len);
        r.pos += (4 - (len % 4)) % 4;
      }
      const missing: Uint8Array[] = [];
      for (let i = 0; i < Math.abs(nMissing); i++) missing.push(r.take(8));
      slot += 1;
      if (width === -1) {
        if (lastVar) lastVar.slots += 1;
        continue;
      }
      const v: RawVar = {
        shortName: latin(short).trimEnd(),
        name: '',
        width,
        slot: slot - 1,
        slots: 1,
        // decoded below, once the encoding is known
        rawLabel: label,
        rawMissing: missing,
        label: null,
        missing: [],
        valueLabels: new Map(),
      };
      vars.push(v);
      bySlotIndex.set(slot, v);
      lastVar = v;
    } else if (type === 3) {
      const count = r.int();
      const set: { value: Uint8Array; label: Uint8Array }[] = [];
      for (let i = 0; i < count; i++) {
        const value = r.take(8);
        r.need(1);
        const len = buf[r.pos]!;
        r.pos += 1;
        const label = r.take(len);
        r.pos += (8 - ((len + 1) % 8)) % 8;
        set.push({ value, label });
      }
      const recType = r.int();
      if (recType !== 4) throw new Error('value labels without variables');
      const n = r.int();
      const targets: number[] = [];
      for (let i = 0; i < n; i++) targets.push(r.int());
      pendingLabels.push(set);
      labelTargets.push(targets);
    } else if (type === 6) {
      const lines = r.int();
      r.take(lines * 80);
    } else if (type === 7) {
      const subtype = r.int();
      const size = r.int();
      const count = r.int();
      const data = r.take(size * count);
      if (subtype === 20) encodingName = latin(data);
      else if (subtype === 13) longNames = data;
      else if (subtype === 3 && size === 4 && count >= 8 && encodingName === null) {
        const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
        encodingName = codePageName(dv.getInt32(28, r.little));
      }
    } else if (type === 999) {
      r.int();
      break;
    } else {
      throw new Error(`unknown record ${type}`);
    }
  }

  const dec = decoderFor(encodingName);
  const text = (b: Uint8Array): string => dec.decode(b);
  const longByShort = new Map<string, string>();
  if (longNames) {
    for (const pair of text(longNames).split('\t')) {
      const eq = pair.indexOf('=');
      if (eq > 0) longByShort.set(pair.slice(0, eq).toUpperCase(), pair.slice(eq + 1).replace(/\0+$/, ''));
    }
  }
  const numAt = (b: Uint8Array): number => new DataView(b.buffer, b.byteOffset, 8).getFloat64(0, r.little);
  for (const v of vars) {
    v.name = longByShort.get(v.shortName.toUpperCase()) ?? v.shortName;
    v.label = v.rawLabel ? text(v.rawLabel).trim() || null : null;
    v.missing = v.rawMissing.map((m) => (v.width === 0 ? numAt(m) : text(m).trimEnd()));
  }
  pendingLabels.forEach((set, i) => {
    for (const index of labelTargets[i]!) {
      const v = bySlotIndex.get(index);
      if (!v) continue;
      for (const { value, label } of set)
        v.valueLabels.set(v.width === 0 ? numAt(value) : text(value).trimEnd(), text(label).trim());
    }
  });

  // The data: one stream of 8-byte slots (decompressed for ZSAV).
  let data: Uint8Array;
  if (compression === 2) {
    r.double(); // zheader offset
    const trailerOfs = Number(view.getBigInt64(r.pos, r.little));
    r.pos += 8;
    r.pos += 8; // trailer length
    const tv = new DataView(buf.buffer, buf.byteOffset + trailerOfs, buf.byteLength - trailerOfs);
    const nBlocks = tv.getInt32(20, r.little);
    const parts: Uint8Array[] = [];
    for (let i = 0; i < nBlocks; i++) {
      const at = 24 + i * 24;
      const cofs = Number(tv.getBigInt64(at + 8, r.little));
      const csize = tv.getInt32(at + 20, r.little);
      parts.push(inflateSync(buf.subarray(cofs, cofs + csize)));
    }
    data = concat(parts);
  } else data = buf.subarray(r.pos);

  const slotsPerCase = slot;
  const dv = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const stream = new Bytes(data, dv, r.little);
  const compressed = compression === 1 || compression === 2;
  const commands: number[] = [];
  /** Next slot: the 8 raw bytes' offset in `data`, or a marker. */
  const SPACES = -1;
  const SYSMIS = -2;
  const EOF = -3;
  const LITERAL = -4;
  let literal = 0;
  const nextSlot = (): number => {
    if (!compressed) {
      if (stream.pos + 8 > data.length) return EOF;
      const at = stream.pos;
      stream.pos += 8;
      return at;
    }
    for (;;) {
      if (commands.length === 0) {
        if (stream.pos + 8 > data.length) return EOF;
        for (let i = 0; i < 8; i++) commands.push(data[stream.pos + i]!);
        stream.pos += 8;
      }
      const c = commands.shift()!;
      if (c === 0) continue;
      if (c === 252) return EOF;
      if (c === 253) {
        if (stream.pos + 8 > data.length) return EOF;
        const at = stream.pos;
        stream.pos += 8;
        return at;
      }
      if (c === 254) return SPACES;
      if (c === 255) return SYSMIS;
      literal = c - bias;
      return LITERAL;
    }
  };

  const rows: RawRow[] = [];
  const issues: ValidationIssue[] = [];
  const SPACE_SLOT = new Uint8Array(8).fill(32);
  const EMPTY_SLOT = new Uint8Array(8);
  let chunks: Uint8Array[] = [];
  for (let caseNo = 1; ; caseNo++) {
    const cells: Cell[] = new Array<Cell>(vars.length).fill(null);
    let vi = 0;
    let ended = false;
    for (let s = 0; s < slotsPerCase; s++) {
      const at = nextSlot();
      if (at === EOF) {
        if (s > 0) throw new Truncated();
        ended = true;
        break;
      }
      const v = vars[vi];
      if (!v) continue;
      if (v.width === 0) {
        cells[vi] =
          at === SYSMIS || at === SPACES
            ? null
            : at === LITERAL
              ? literal
              : stream.isSysmis(at)
                ? null
                : dv.getFloat64(at, r.little);
      } else {
        // strings are decoded once per value: a UTF-8 character may span two slots
        chunks.push(at >= 0 ? data.subarray(at, at + 8) : at === SPACES ? SPACE_SLOT : EMPTY_SLOT);
      }
      if (s - v.slot + 1 >= v.slots) {
        if (v.width > 0) {
          const t = text(concat(chunks).subarray(0, v.width)).replace(/\0+$/, '').trim();
          cells[vi] = t === '' ? null : t;
          chunks = [];
        }
        vi += 1;
      }
    }
    if (ended) break;
    if (rows.length >= maxRows) {
      issues.push(
        readerIssue({
          code: 'too-many-rows',
          file: name,
          text: `Die Datei hat mehr als ${formatInt(maxRows)} Fälle; es werden höchstens ${formatInt(maxRows)} gelesen.`,
        }),
      );
      return { table: null, variables: [], issues };
    }
    rows.push({ rowNumber: caseNo, cells });
  }
  if (declaredCases >= 0 && declaredCases !== rows.length)
    issues.push(
      issue(
        name,
        `Die SPSS-Datei kündigt ${formatInt(declaredCases)} Fälle an, enthält aber ${formatInt(rows.length)}; die Datei ist vermutlich unvollständig.`,
      ),
    );
  const variables: SavVariable[] = vars.map((v) => ({
    name: v.name,
    type: v.width === 0 ? 'numeric' : 'string',
    label: v.label,
    valueLabels: v.valueLabels,
    missing: v.missing,
  }));
  const table: RawTable = {
    file: name,
    format: 'sav',
    headerRow: 0,
    columns: vars.map((v) => v.name),
    rows,
  };
  return { table: issues.length > 0 ? null : table, variables, issues };
}

function latin(b: Uint8Array): string {
  let s = '';
  for (const c of b) s += String.fromCharCode(c);
  return s;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
