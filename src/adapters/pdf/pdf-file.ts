/**
 * Object-level access to a PDF with classic cross-reference tables (what Chromium's Skia writer produces:
 * uncompressed dictionaries, one xref table, FlateDecode streams), and a writer that produces a new
 * single-revision file in which changed objects are replaced and unchanged objects are copied byte for byte.
 *
 * Why not pdf-lib: loading and saving a 60-page tagged report with pdf-lib parses and re-serialises its
 * ~16,000 structure-tree objects (measured ~2 s, more than Chromium's print itself). Here an object is only
 * parsed when it is asked for, and the rest is copied as bytes.
 */
import { inflateSync } from 'node:zlib';
import {
  entry,
  parseArray,
  parseDictionary,
  parseRef,
  PdfSyntaxError,
  valueEnd,
  writeDictionary,
  type ParsedDictionary,
  type PdfRef,
} from './syntax.js';

interface XrefEntry {
  readonly offset: number;
  readonly gen: number;
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

export class PdfFile {
  readonly text: string;
  readonly trailer: ParsedDictionary;
  /** Next free object number (the trailer's /Size). */
  readonly size: number;
  private readonly xref = new Map<number, XrefEntry>();
  /** Start offsets of the xref sections (they end the last object before them). */
  private readonly xrefStarts: number[] = [];
  private readonly values = new Map<number, { text: string; end: number }>();
  private pageList: number[] | undefined;

  private constructor(readonly bytes: Uint8Array) {
    this.text = latin1(bytes);
    const tail = this.text.slice(Math.max(0, this.text.length - 1024));
    const sx = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
    if (!sx) throw new PdfSyntaxError('no startxref at the end of the file');
    let trailer: ParsedDictionary | undefined;
    let next: number | undefined = Number(sx[1]);
    const seen = new Set<number>();
    while (next !== undefined) {
      if (seen.has(next) || next >= bytes.length) throw new PdfSyntaxError('bad /Prev chain');
      seen.add(next);
      this.xrefStarts.push(next);
      const section = this.readXrefSection(next);
      trailer ??= section;
      const prev = entry(section, 'Prev');
      next = prev === undefined ? undefined : Number(prev);
    }
    if (!trailer) throw new PdfSyntaxError('no trailer');
    if (entry(trailer, 'Encrypt') !== undefined) throw new PdfSyntaxError('encrypted PDF');
    this.trailer = trailer;
    this.size = Number(entry(trailer, 'Size'));
    if (!Number.isInteger(this.size) || this.size <= 0) throw new PdfSyntaxError('trailer without /Size');
  }

  static parse(bytes: Uint8Array): PdfFile {
    return new PdfFile(bytes);
  }

  private readXrefSection(offset: number): ParsedDictionary {
    const text = this.text;
    if (!text.startsWith('xref', offset)) throw new PdfSyntaxError('not a classic xref table');
    const t = text.indexOf('trailer', offset);
    if (t < 0) throw new PdfSyntaxError('no trailer after xref');
    const header = /\s*(\d+)\s+(\d+)[ \t]*(\r\n|\r|\n)/y;
    let p = offset + 4;
    while (p < t) {
      header.lastIndex = p;
      const h = header.exec(text);
      if (!h) {
        if (text.slice(p, t).trim() === '') break;
        throw new PdfSyntaxError('bad xref subsection');
      }
      const first = Number(h[1]);
      const count = Number(h[2]);
      p = header.lastIndex;
      // Entries are 20 bytes each: "nnnnnnnnnn ggggg n" and a two-character end of line.
      for (let k = 0; k < count; k += 1, p += 20) {
        const type = text.charCodeAt(p + 17);
        if (type === 0x6e /* n */) {
          // Later sections are read first (the chain runs backwards): the first entry seen wins.
          if (!this.xref.has(first + k))
            this.xref.set(first + k, {
              offset: Number(text.slice(p, p + 10)),
              gen: Number(text.slice(p + 11, p + 16)),
            });
        } else if (type !== 0x66 /* f */) {
          throw new PdfSyntaxError('bad xref entry');
        }
      }
    }
    return parseDictionary(text, t + 'trailer'.length);
  }

  has(num: number): boolean {
    return this.xref.has(num);
  }

  genOf(num: number): number {
    return this.xref.get(num)?.gen ?? 0;
  }

  private load(num: number): { text: string; end: number } {
    let cached = this.values.get(num);
    if (cached) return cached;
    const at = this.xref.get(num);
    if (!at) throw new PdfSyntaxError(`object ${num} is not in the xref table`);
    const head = /^\s*(\d+)\s+(\d+)\s+obj\b/.exec(this.text.slice(at.offset, at.offset + 40));
    if (!head || Number(head[1]) !== num) throw new PdfSyntaxError(`object ${num} is not at its xref offset`);
    const start = at.offset + head[0].length;
    const end = valueEnd(this.text, start);
    cached = { text: this.text.slice(start, end).trim(), end };
    this.values.set(num, cached);
    return cached;
  }

  /** The raw value text of an object (a dictionary's `<<…>>`, an array, a number, …). */
  value(num: number): string {
    return this.load(num).text;
  }

  dict(num: number): ParsedDictionary {
    return parseDictionary(this.value(num));
  }

  /** The value a raw entry stands for: the referenced object's value for "n g R", else the text itself. */
  resolve(raw: string | undefined): string | undefined {
    if (raw === undefined) return undefined;
    const ref = parseRef(raw);
    if (!ref) return raw;
    return this.has(ref.num) ? this.value(ref.num) : undefined;
  }

  resolveDict(raw: string | undefined): ParsedDictionary | undefined {
    const value = this.resolve(raw);
    return value?.startsWith('<<') ? parseDictionary(value) : undefined;
  }

  resolveArray(raw: string | undefined): string[] | undefined {
    const value = this.resolve(raw);
    return value?.startsWith('[') ? parseArray(value) : undefined;
  }

  /** The undecoded data of a stream object. */
  streamData(num: number): Uint8Array {
    const { text, end } = this.load(num);
    const m = /^\s*stream(\r\n|\n|\r)/.exec(this.text.slice(end, end + 16));
    if (!m) throw new PdfSyntaxError(`object ${num} is not a stream`);
    const length = Number(this.resolve(entry(parseDictionary(text), 'Length')));
    if (!Number.isInteger(length) || length < 0) throw new PdfSyntaxError(`stream ${num} without /Length`);
    const start = end + m[0].length;
    return this.bytes.subarray(start, start + length);
  }

  /** The decoded data of a stream (no filter or FlateDecode). */
  streamBytes(num: number): Uint8Array {
    const data = this.streamData(num);
    const filter = entry(this.dict(num), 'Filter');
    if (filter === undefined) return data;
    if (filter.replace(/[[\]\s]/g, '') !== '/FlateDecode')
      throw new PdfSyntaxError(`stream ${num}: unsupported filter ${filter}`);
    return inflateSync(data);
  }

  catalogRef(): PdfRef {
    const root = parseRef(entry(this.trailer, 'Root'));
    if (!root) throw new PdfSyntaxError('trailer without /Root');
    return root;
  }

  /** Object numbers of the pages, in order. */
  pages(): readonly number[] {
    if (this.pageList) return this.pageList;
    const out: number[] = [];
    const seen = new Set<number>();
    const visit = (num: number): void => {
      if (seen.has(num)) throw new PdfSyntaxError('cycle in the page tree');
      seen.add(num);
      const dict = this.dict(num);
      const kids = entry(dict, 'Kids');
      if (entry(dict, 'Type') === '/Pages' || kids !== undefined) {
        for (const kid of this.resolveArray(kids) ?? []) {
          const ref = parseRef(kid);
          if (ref) visit(ref.num);
        }
      } else {
        out.push(num);
      }
    };
    const pagesRef = parseRef(entry(this.dict(this.catalogRef().num), 'Pages'));
    if (!pagesRef) throw new PdfSyntaxError('catalog without /Pages');
    visit(pagesRef.num);
    this.pageList = out;
    return out;
  }

  /** Byte ranges `N G obj … endobj` of all live objects, in file order. */
  extents(): { num: number; start: number; end: number }[] {
    const live = [...this.xref]
      .map(([num, e]) => ({ num, start: e.offset }))
      .sort((a, b) => a.start - b.start);
    const bounds = [...live.map((o) => o.start), ...this.xrefStarts].sort((a, b) => a - b);
    let b = 0;
    return live.map((o) => {
      while (b < bounds.length && (bounds[b] as number) <= o.start) b += 1;
      const upper = bounds[b] ?? this.bytes.length;
      const endobj = this.text.lastIndexOf('endobj', upper - 6);
      if (endobj < o.start) throw new PdfSyntaxError(`object ${o.num} has no endobj`);
      return { num: o.num, start: o.start, end: endobj + 'endobj'.length };
    });
  }
}

function onlyWhitespace(bytes: Uint8Array, from: number, to: number): boolean {
  for (let p = from; p < to; p += 1) {
    const c = bytes[p];
    if (c !== 0x0a && c !== 0x0d && c !== 0x20 && c !== 0x09 && c !== 0x0c && c !== 0x00) return false;
  }
  return true;
}

/** A replaced or new object: its value text (for a stream: the dictionary, /Length is set here) and stream data. */
export interface PdfObject {
  readonly body: string;
  readonly stream?: Uint8Array;
}

/** Collects changes to a PdfFile and writes them as a new, single-revision file. */
export class PdfEditor {
  private readonly changed = new Map<number, PdfObject>();
  private readonly added: { num: number; object: PdfObject }[] = [];
  private nextNum: number;

  constructor(readonly file: PdfFile) {
    this.nextNum = file.size;
  }

  set(num: number, object: PdfObject): void {
    this.changed.set(num, object);
  }

  /** Adds a new object and returns its number. */
  add(object: PdfObject): number {
    const num = this.nextNum;
    this.nextNum += 1;
    this.added.push({ num, object });
    return num;
  }

  /** The latest value text of an object: changed or added here, else from the file. */
  value(num: number): string {
    return (
      this.changed.get(num)?.body ??
      this.added.find((a) => a.num === num)?.object.body ??
      this.file.value(num)
    );
  }

  /**
   * The new file: header (with `version`), every object (changed ones replaced), one xref table, a trailer
   * with /Size, /Root, /Info and /ID of the original.
   */
  write(options: { readonly version?: string; readonly info?: PdfRef } = {}): Uint8Array {
    const { file } = this;
    const chunks: Uint8Array[] = [];
    let length = 0;
    const push = (chunk: Uint8Array): void => {
      chunks.push(chunk);
      length += chunk.length;
    };
    const pushText = (s: string): void => push(Buffer.from(s, 'latin1'));
    const offsets = new Map<number, { offset: number; gen: number }>();

    const extents = file.extents();
    const headerEnd = extents[0]?.start ?? 0;
    let header = file.text.slice(0, headerEnd);
    if (options.version) header = header.replace(/^%PDF-\d\.\d/, `%PDF-${options.version}`);
    pushText(header);

    const writeObject = (num: number, gen: number, object: PdfObject): void => {
      offsets.set(num, { offset: length, gen });
      if (object.stream) {
        const dict = parseDictionary(object.body);
        const entries = dict.entries.filter(([k]) => k !== 'Length');
        entries.push(['Length', String(object.stream.length)]);
        pushText(`${num} ${gen} obj\n${writeDictionary(entries)}\nstream\n`);
        push(object.stream);
        pushText('\nendstream\nendobj\n');
      } else {
        pushText(`${num} ${gen} obj\n${object.body}\nendobj\n`);
      }
    };

    // Unchanged objects are copied with the bytes between them, in contiguous runs.
    let runStart = -1;
    let runEnd = -1;
    let runBase = 0;
    const flushRun = (): void => {
      if (runStart >= 0) push(file.bytes.subarray(runStart, runEnd));
      runStart = -1;
    };
    for (let i = 0; i < extents.length; i += 1) {
      const e = extents[i] as (typeof extents)[number];
      const change = this.changed.get(e.num);
      if (change) {
        flushRun();
        writeObject(e.num, file.genOf(e.num), change);
        continue;
      }
      if (runStart < 0) {
        runStart = e.start;
        runBase = length;
      }
      offsets.set(e.num, { offset: runBase + (e.start - runStart), gen: file.genOf(e.num) });
      const next = extents[i + 1];
      // Up to the next object when it follows directly (only whitespace between), else up to endobj.
      runEnd = next && onlyWhitespace(file.bytes, e.end, next.start) ? next.start : e.end;
      if (runEnd === e.end) {
        flushRun();
        pushText('\n');
      }
    }
    flushRun();
    for (const { num, object } of this.added) writeObject(num, 0, this.changed.get(num) ?? object);

    const size = this.nextNum;
    const xrefOffset = length;
    const lines: string[] = [`xref\n0 ${size}\n`];
    for (let num = 0; num < size; num += 1) {
      const at = offsets.get(num);
      lines.push(
        at
          ? `${String(at.offset).padStart(10, '0')} ${String(at.gen).padStart(5, '0')} n\r\n`
          : `0000000000 ${num === 0 ? '65535' : '00000'} f\r\n`,
      );
    }
    const trailer: [string, string][] = [
      ['Size', String(size)],
      ['Root', entry(file.trailer, 'Root') as string],
    ];
    const info = options.info ? `${options.info.num} ${options.info.gen} R` : entry(file.trailer, 'Info');
    if (info !== undefined) trailer.push(['Info', info]);
    const id = entry(file.trailer, 'ID');
    if (id !== undefined) trailer.push(['ID', id]);
    lines.push(`trailer\n${writeDictionary(trailer)}\nstartxref\n${xrefOffset}\n%%EOF\n`);
    pushText(lines.join(''));
    return Buffer.concat(chunks, length);
  }
}
