/**
 * PDF reading helpers for tests (printer tests and full-report tests).
 *
 * - `pdfText(bytes)`: the text of each page (pdfjs), header and footer included.
 * - `pdfInfo(bytes)`: pages, title, author, language, tagged, outline, embedded fonts.
 * - `pdfObjects(bytes)`: the latest version of every object's dictionary text, including objects inside
 *   object streams, for assertions pdfjs does not expose (structure tree root, font descriptors).
 * - `xrefProblems(bytes)`: checks every classic xref entry (over the /Prev chain) points at its object.
 *
 * Chromium's Skia writer produces uncompressed dictionaries and a classic xref table; the object-stream
 * path exists so that PDFs re-saved by other tools (pdf-lib's default) can be read too.
 */
import { inflateSync } from 'node:zlib';
import type { PdfOutline } from '../../src/core/ports.js';
import { readOutline } from '../../src/adapters/pdf/outline.js';
import { withPdf } from '../../src/adapters/pdf/pdfjs.js';
import { decodePdfString, entry, parseDictionary, valueEnd } from '../../src/adapters/pdf/syntax.js';

export interface PdfInfo {
  readonly pages: number;
  readonly title: string | undefined;
  readonly author: string | undefined;
  readonly creator: string | undefined;
  readonly producer: string | undefined;
  /** The catalog's /Lang. */
  readonly lang: string | undefined;
  /** The catalog has /StructTreeRoot and /MarkInfo with /Marked true. */
  readonly tagged: boolean;
  /** The catalog has /ViewerPreferences with /DisplayDocTitle true. */
  readonly displayDocTitle: boolean;
  readonly hasOutline: boolean;
  readonly outline: readonly PdfOutline[];
  /** /FontName of every embedded font program (FontFile, FontFile2, FontFile3), subset tag removed, sorted, unique. */
  readonly fonts: readonly string[];
  /** Number of PDF revisions (1 + incremental updates). */
  readonly revisions: number;
}

/** Text of each page, in reading order as pdfjs returns it; line ends as '\n'. */
export async function pdfText(bytes: Uint8Array): Promise<string[]> {
  return withPdf(bytes, async (doc) => {
    const pages: string[] = [];
    for (let i = 1; i <= doc.numPages; i += 1) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        text += item.str;
        if (item.hasEOL) text += '\n';
      }
      pages.push(text);
      page.cleanup();
    }
    return pages;
  });
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** Object number → dictionary (or other value) text of its latest definition in file order. */
export function pdfObjects(bytes: Uint8Array): Map<number, string> {
  const text = latin1(bytes);
  const objects = new Map<number, string>();
  const head = /(\d+)\s+(\d+)\s+obj\b/g;
  let m: RegExpExecArray | null;
  while ((m = head.exec(text)) !== null) {
    const num = Number(m[1]);
    const valueStart = m.index + m[0].length;
    let valueStop: number;
    try {
      valueStop = valueEnd(text, valueStart);
    } catch {
      continue;
    }
    const value = text.slice(valueStart, valueStop).trim();
    objects.set(num, value);
    const after = /^\s*stream(\r\n|\n|\r)/.exec(text.slice(valueStop, valueStop + 16));
    if (after) {
      const dataStart = valueStop + after[0].length;
      const endStream = text.indexOf('endstream', dataStart);
      if (endStream < 0) break;
      if (value.startsWith('<<')) readObjectStream(value, bytes.subarray(dataStart, endStream), objects);
      head.lastIndex = endStream;
    } else {
      head.lastIndex = valueStop;
    }
  }
  return objects;
}

/** Adds the objects of an object stream (/Type /ObjStm, FlateDecode) to `objects`. */
function readObjectStream(dictText: string, data: Uint8Array, objects: Map<number, string>): void {
  const dict = parseDictionary(dictText);
  if (entry(dict, 'Type') !== '/ObjStm') return;
  const filter = entry(dict, 'Filter');
  let body: Uint8Array = data;
  if (filter !== undefined) {
    if (!/FlateDecode/.test(filter)) return;
    try {
      body = inflateSync(data, { finishFlush: 2 /* Z_SYNC_FLUSH: tolerate trailing EOL bytes */ });
    } catch {
      return;
    }
  }
  const text = latin1(body);
  const n = Number(entry(dict, 'N'));
  const first = Number(entry(dict, 'First'));
  const header = text.slice(0, first).trim().split(/\s+/).map(Number);
  for (let i = 0; i < n; i += 1) {
    const num = header[2 * i];
    const offset = header[2 * i + 1];
    if (num === undefined || offset === undefined) break;
    const start = first + offset;
    try {
      objects.set(num, text.slice(start, valueEnd(text, start)).trim());
    } catch {
      // Skip an object we cannot delimit.
    }
  }
}

function refNumber(raw: string | undefined): number | undefined {
  const m = raw === undefined ? null : /^(\d+)\s+\d+\s+R$/.exec(raw);
  return m ? Number(m[1]) : undefined;
}

function decodeName(raw: string): string {
  return raw
    .replace(/^\//, '')
    .replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
}

function dictOf(
  objects: Map<number, string>,
  raw: string | undefined,
): ReturnType<typeof parseDictionary> | undefined {
  if (raw === undefined) return undefined;
  const ref = refNumber(raw);
  const text = ref === undefined ? raw : objects.get(ref);
  if (!text?.startsWith('<<')) return undefined;
  try {
    return parseDictionary(text);
  } catch {
    return undefined;
  }
}

/** The catalog: the /Root of the last trailer (or xref stream), else the last object with /Type /Catalog. */
function findCatalog(
  text: string,
  objects: Map<number, string>,
): ReturnType<typeof parseDictionary> | undefined {
  const roots = [...text.matchAll(/\/Root\s+(\d+\s+\d+\s+R)/g)];
  const last = roots.at(-1)?.[1];
  const fromTrailer = dictOf(objects, last);
  if (fromTrailer) return fromTrailer;
  let found: ReturnType<typeof parseDictionary> | undefined;
  for (const value of objects.values()) {
    if (/\/Type\s*\/Catalog\b/.test(value)) found = dictOf(objects, value) ?? found;
  }
  return found;
}

/** Embedded font names from the font descriptors (dictionaries with /FontFile, /FontFile2 or /FontFile3). */
export function embeddedFonts(objects: Map<number, string>): string[] {
  const names = new Set<string>();
  for (const value of objects.values()) {
    if (!/\/FontFile[23]?\b/.test(value) || !value.startsWith('<<')) continue;
    try {
      const dict = parseDictionary(value);
      const hasProgram = ['FontFile', 'FontFile2', 'FontFile3'].some((k) => entry(dict, k) !== undefined);
      const name = entry(dict, 'FontName');
      if (hasProgram && name !== undefined) names.add(decodeName(name).replace(/^[A-Z]{6}\+/, ''));
    } catch {
      // Not a dictionary we can read.
    }
  }
  return [...names].sort();
}

export async function pdfInfo(bytes: Uint8Array): Promise<PdfInfo> {
  const text = latin1(bytes);
  const objects = pdfObjects(bytes);
  const catalog = findCatalog(text, objects);
  const markInfo = catalog ? dictOf(objects, entry(catalog, 'MarkInfo')) : undefined;
  const prefs = catalog ? dictOf(objects, entry(catalog, 'ViewerPreferences')) : undefined;
  const langRaw = catalog ? entry(catalog, 'Lang') : undefined;
  const { pages, meta, outline } = await withPdf(bytes, async (doc) => ({
    pages: doc.numPages,
    meta: (await doc.getMetadata()).info as Record<string, unknown>,
    outline: await readOutline(doc),
  }));
  const str = (key: string): string | undefined =>
    typeof meta[key] === 'string' ? (meta[key] as string) : undefined;
  return {
    pages,
    title: str('Title'),
    author: str('Author'),
    creator: str('Creator'),
    producer: str('Producer'),
    lang: langRaw === undefined ? undefined : decodePdfString(langRaw),
    tagged:
      !!catalog &&
      entry(catalog, 'StructTreeRoot') !== undefined &&
      markInfo !== undefined &&
      entry(markInfo, 'Marked') === 'true',
    displayDocTitle: prefs !== undefined && entry(prefs, 'DisplayDocTitle') === 'true',
    hasOutline: outline.length > 0,
    outline,
    fonts: embeddedFonts(objects),
    revisions: (text.match(/%%EOF/g) ?? []).length,
  };
}

/** Flattens an outline into "title@page" strings, depth-first, indented by two spaces per level. */
export function outlineLines(outline: readonly PdfOutline[], depth = 0): string[] {
  return outline.flatMap((node) => [
    `${'  '.repeat(depth)}${node.title}@${node.page}`,
    ...outlineLines(node.children, depth + 1),
  ]);
}

/**
 * Checks the classic xref tables of all revisions: every in-use entry must point at "N G obj", and
 * startxref at "xref". Returns the problems found (empty = consistent). Xref streams are reported as such.
 */
export function xrefProblems(bytes: Uint8Array): string[] {
  const text = latin1(bytes);
  const problems: string[] = [];
  const sx = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text.slice(-1024));
  if (!sx) return ['no startxref at the end'];
  let next: number | undefined = Number(sx[1]);
  const seen = new Set<number>();
  while (next !== undefined) {
    if (seen.has(next)) return [...problems, `xref loop at ${next}`];
    seen.add(next);
    if (!text.startsWith('xref', next)) return [...problems, `offset ${next} is not a classic xref table`];
    const t = text.indexOf('trailer', next);
    const tokens = text
      .slice(next + 4, t)
      .trim()
      .split(/\s+/);
    let i = 0;
    while (i < tokens.length) {
      const first = Number(tokens[i]);
      const count = Number(tokens[i + 1]);
      i += 2;
      for (let k = 0; k < count; k += 1, i += 3) {
        if (tokens[i + 2] !== 'n') continue;
        const offset = Number(tokens[i]);
        const gen = Number(tokens[i + 1]);
        const want = new RegExp(`^${first + k}\\s+${gen}\\s+obj\\b`);
        if (!want.test(text.slice(offset, offset + 32)))
          problems.push(`object ${first + k} not at ${offset}`);
      }
    }
    const trailer = parseDictionary(text, t + 'trailer'.length);
    const prev = entry(trailer, 'Prev');
    next = prev === undefined ? undefined : Number(prev);
  }
  return problems;
}

/** The bytes of the first revision (what the producer wrote before any incremental update). */
export function firstRevision(bytes: Uint8Array): Uint8Array {
  const text = latin1(bytes);
  const m = /%%EOF(\r\n|\r|\n)?/.exec(text);
  return m ? bytes.subarray(0, m.index + m[0].length) : bytes;
}

/** What pdfjs sees of a PDF's logical structure: mark info, outline, and per page structure tree and text. */
export async function pdfStructureSnapshot(bytes: Uint8Array): Promise<unknown> {
  return withPdf(bytes, async (doc) => {
    const pages: unknown[] = [];
    for (let i = 1; i <= doc.numPages; i += 1) {
      const page = await doc.getPage(i);
      const text = (await page.getTextContent()).items
        .map((item) => ('str' in item ? item.str : ''))
        .join('|');
      pages.push({ structure: await page.getStructTree(), text });
      page.cleanup();
    }
    return { markInfo: await doc.getMarkInfo(), outline: await readOutline(doc), pages };
  });
}

/**
 * The characters drawn with each font (subset tag removed), over all pages: shows which text fell back to
 * a system font, e.g. `{ 'DejaVuSans': '→↔' }` for glyphs the report font lacks. Slower than pdfInfo
 * (builds each page's operator list).
 */
export async function textByFont(bytes: Uint8Array): Promise<Record<string, string>> {
  return withPdf(bytes, async (doc) => {
    const chars = new Map<string, Set<string>>();
    for (let i = 1; i <= doc.numPages; i += 1) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      await page.getOperatorList(); // loads the page's fonts into commonObjs, with their PDF names
      for (const item of content.items) {
        if (!('str' in item)) continue;
        const loaded: unknown = page.commonObjs.has(item.fontName)
          ? page.commonObjs.get(item.fontName)
          : undefined;
        const raw =
          loaded && typeof loaded === 'object' && 'name' in loaded && typeof loaded.name === 'string'
            ? loaded.name
            : item.fontName;
        const name = raw.replace(/^[A-Z]{6}\+/, '');
        let set = chars.get(name);
        if (!set) chars.set(name, (set = new Set()));
        for (const ch of item.str) if (ch.trim() !== '') set.add(ch);
      }
      page.cleanup();
    }
    return Object.fromEntries(
      [...chars]
        .map(([k, v]) => [k, [...v].sort().join('')])
        .filter(([, v]) => v !== '')
        .sort(),
    );
  });
}

/** The text of each marked-content sequence with an MCID on a page (1-based), in content order, trimmed. */
export async function markedContentTexts(bytes: Uint8Array, page: number): Promise<string[]> {
  return withPdf(bytes, async (doc) => {
    const items = (await (await doc.getPage(page)).getTextContent({ includeMarkedContent: true })).items;
    const out: string[] = [];
    let open: string | undefined;
    for (const item of items) {
      if ('type' in item && item.type === 'beginMarkedContentProps' && item.id) open = '';
      else if ('type' in item && item.type === 'endMarkedContent') {
        if (open !== undefined) out.push(open.trim());
        open = undefined;
      } else if ('str' in item && open !== undefined) open += item.str;
    }
    return out;
  });
}
