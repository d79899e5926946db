/**
 * Turns Chromium's tagged PDF into the delivered one, in one rewrite (see pdf-file.ts for why not pdf-lib):
 *
 * - **Artifacts** (PDF/UA-1 7.1, Matterhorn 01-005): every painting operator outside tagged marked content
 *   — the header and footer templates, borders, the TOC's dotted leaders — is wrapped in `/Artifact BMC`.
 * - **Figures**: each Figure element gets a layout attribute with its /BBox (the painted area of its content).
 * - **Links**: each link annotation gets /Contents, the link's visible text (Matterhorn 28-012).
 * - **Structure syntax** (structure-syntax.ts): list items get an LBody, a table's own decoration becomes an
 *   artifact (09-004, 09-005); PDF 2.0 types Chromium uses (Strong, …) are role-mapped (02-001).
 * - **Table of contents** (with `tocPageNumbers`): the fixed-width page slots of the TOC (src/core/report/toc.ts)
 *   are printed with placeholder digits; here each slot's glyphs are replaced by the page its link points to,
 *   right-aligned in the slot. The digits stay real text inside the slot's marked content; the placeholders
 *   provide every digit's glyph in the embedded subset.
 * - **Metadata**: Title and Author in the document information, an XMP packet with dc:title and pdfuaid:part 1
 *   (Matterhorn 06-001…06-003), /Lang, /ViewerPreferences /DisplayDocTitle true (07-001), /Tabs /S on every
 *   page (28-008), PDF version 1.7 (PDF/UA-1 is based on ISO 32000-1).
 *
 * The page count, the outline and the pages of the link targets are read back at the same time.
 */
import { deflate, inflate } from 'node:zlib';
import { promisify } from 'node:util';
import type { PdfOutline } from '../../core/ports.js';
import {
  artifactEdits,
  analysePage,
  editContent,
  type Box,
  type ContentEdit,
  type GlyphRun,
  type PageAnalysis,
} from './page-content.js';
import { PdfEditor, PdfFile } from './pdf-file.js';
import { ParentTreeEdits, repairStructureSyntax } from './structure-syntax.js';
import { findLinks } from './links.js';
import { slotEdits } from './toc-slots.js';
import { Destinations, elementsOfType, markedContent, readOutline, type MarkedRef } from './structure.js';
import {
  decodePdfString,
  entry,
  parseDictionary,
  parseRef,
  pdfTextString,
  refText,
  withEntry,
  writeDictionary,
  type ParsedDictionary,
} from './syntax.js';
import { decodeText, parseToUnicode, type ToUnicode } from './to-unicode.js';
import { isoDate, xmpPacket } from './xmp.js';

const deflateAsync = promisify(deflate);
/** zlib's default: measured 5.8 MB of page content → 0.65 MB in ~100 ms of thread-pool time (level 1: +6 % size, half the time). */
const DEFLATE_LEVEL = 6;
const inflateAsync = promisify(inflate);

/** The decoded data of a content stream (no filter or FlateDecode), inflated off the main thread. */
async function inflateStream(file: PdfFile, num: number): Promise<Uint8Array> {
  const filter = entry(file.dict(num), 'Filter');
  if (filter === undefined) return file.streamData(num);
  return filter.replace(/[[\]\s]/g, '') === '/FlateDecode'
    ? inflateAsync(file.streamData(num))
    : file.streamBytes(num);
}

export interface FinishOptions {
  readonly title: string;
  readonly author: string;
  /** BCP 47 language tag for /Lang and the XMP. */
  readonly lang: string;
  /** Fill the table of contents' page number slots with the pages of their links' targets. */
  readonly tocPageNumbers?: boolean;
}

export interface FinishedPdf {
  readonly bytes: Uint8Array;
  readonly pageCount: number;
  readonly outline: readonly PdfOutline[];
  /** Named destination of every link → 1-based page of its target. */
  readonly linkTargets: ReadonlyMap<string, number>;
}

export { PdfFinishError } from './toc-slots.js';

const LANG_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

/**
 * Structure types of PDF 2.0 that Chromium writes (`<strong>` → Strong, `<aside>` → Aside, …), mapped to the
 * ISO 32000-1 types PDF/UA-1 knows (Matterhorn 02-001).
 */
const PDF2_TYPES: Readonly<Record<string, string>> = {
  Strong: 'Span',
  Em: 'Span',
  Sub: 'Span',
  Aside: 'Div',
  Title: 'P',
  FENote: 'Note',
  DocumentFragment: 'Part',
};

function round(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function union(a: Box | undefined, b: Box): Box {
  return a
    ? [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])]
    : [...b];
}

/** The page's resources, inherited through the page tree when the page has none. */
function resourcesOf(file: PdfFile, pageNum: number): ParsedDictionary | undefined {
  let dict: ParsedDictionary | undefined = file.dict(pageNum);
  for (let depth = 0; dict && depth < 32; depth += 1) {
    const res = file.resolveDict(entry(dict, 'Resources'));
    if (res) return res;
    dict = file.resolveDict(entry(dict, 'Parent'));
  }
  return undefined;
}

export async function finishPdf(raw: Uint8Array, options: FinishOptions): Promise<FinishedPdf> {
  const file = PdfFile.parse(raw);
  const editor = new PdfEditor(file);
  const catalogRef = file.catalogRef();
  const catalog = file.dict(catalogRef.num);
  const pages = file.pages();
  const pageIndex = new Map(pages.map((p, i) => [p, i]));
  const dests = new Destinations(file, catalog);
  const lang = LANG_TAG.test(options.lang) ? options.lang : 'de';

  // The page contents are inflated off the main thread (zlib's thread pool) while the structure is read.
  const pageStreams = pages.map((page) => {
    const contents = entry(file.dict(page), 'Contents');
    const refs = contents === undefined ? [] : (file.resolveArray(contents) ?? [contents]);
    return { page, streams: refs.map((r) => parseRef(r)?.num).filter((n): n is number => n !== undefined) };
  });
  const inflating = Promise.all(
    pageStreams
      .flatMap((p) => p.streams)
      .map(async (stream) => [stream, await inflateStream(file, stream)] as const),
  );

  // What each page's content pass must collect.
  const boxMcids = new Map<number, Set<number>>();
  const textMcids = new Map<number, Set<number>>();
  const want = (map: Map<number, Set<number>>, marks: readonly MarkedRef[]): void => {
    for (const m of marks) {
      let set = map.get(m.page);
      if (!set) map.set(m.page, (set = new Set()));
      set.add(m.mcid);
    }
  };

  const figures = elementsOfType(file, 'Figure').map((num) => ({ num, marks: markedContent(file, num) }));
  for (const f of figures) want(boxMcids, f.marks);

  const links = findLinks(file, catalog, pages, dests, pageIndex, options.tocPageNumbers === true);
  for (const l of links) {
    want(textMcids, l.marks);
    want(textMcids, l.slot);
  }

  const catalogStructRoot = parseRef(entry(catalog, 'StructTreeRoot'));
  const structRoot = file.resolveDict(entry(catalog, 'StructTreeRoot'));
  const parentTree = new ParentTreeEdits(
    file,
    structRoot ? file.resolveDict(entry(structRoot, 'ParentTree')) : undefined,
  );
  const markMcids = new Map<number, Set<number>>();
  want(markMcids, repairStructureSyntax(file, editor, parentTree));
  const current = (num: number): ParsedDictionary => parseDictionary(editor.value(num));

  // One content pass per page. A page without TOC slots is edited and compressed (in zlib's thread pool)
  // right away, while the main thread goes on with the next page.
  const slotPages = new Set(links.flatMap((l) => l.slot.map((m) => m.page)));
  const inflated = new Map(await inflating);
  const analyses = new Map<number, { stream: number; data: Uint8Array; analysis: PageAnalysis }[]>();
  const compressing = new Map<number, Promise<Uint8Array>>();
  const baseEdits = (analysis: PageAnalysis): ContentEdit[] => [
    ...artifactEdits(analysis.untagged),
    ...[...analysis.marks.values()].map(([start, end]) => ({ start, end, text: '/Artifact BMC' })),
  ];
  const compress = (data: Uint8Array, edits: readonly ContentEdit[]): Promise<Uint8Array> =>
    deflateAsync(editContent(data, edits), { level: DEFLATE_LEVEL });
  const fonts = new Map<number, Map<string, ToUnicode>>();
  for (const { page, streams } of pageStreams) {
    const plan = {
      boxMcids: boxMcids.get(page) ?? new Set<number>(),
      textMcids: textMcids.get(page) ?? new Set<number>(),
      markMcids: markMcids.get(page) ?? new Set<number>(),
    };
    const list = streams.map((stream) => {
      const data = inflated.get(stream) as Uint8Array;
      const analysis = analysePage(data, plan);
      if (!slotPages.has(page)) compressing.set(stream, compress(data, baseEdits(analysis)));
      return { stream, data, analysis };
    });
    analyses.set(page, list);
  }
  const toUnicodeOf = (page: number, font: string): ToUnicode | undefined => {
    let byName = fonts.get(page);
    if (!byName) {
      byName = new Map();
      fonts.set(page, byName);
      const fontDict = file.resolveDict(entry(resourcesOf(file, page) ?? { entries: [], end: 0 }, 'Font'));
      for (const [name, ref] of fontDict?.entries ?? []) {
        const fd = file.resolveDict(ref);
        const tu = fd ? parseRef(entry(fd, 'ToUnicode')) : undefined;
        if (tu) byName.set(name, parseToUnicode(Buffer.from(file.streamBytes(tu.num)).toString('latin1')));
      }
    }
    return byName.get(font);
  };
  const runsOf = (marks: readonly MarkedRef[]): { page: number; run: GlyphRun }[] => {
    const out: { page: number; run: GlyphRun }[] = [];
    for (const [page, list] of groupByPage(marks)) {
      const ids = new Set(list);
      for (const a of analyses.get(page) ?? [])
        for (const run of a.analysis.glyphs) if (ids.has(run.mcid)) out.push({ page, run });
    }
    return out;
  };
  const textOf = (marks: readonly MarkedRef[]): string =>
    runsOf(marks)
      .map(({ page, run }) => {
        const tu = toUnicodeOf(page, run.font);
        return tu ? decodeText(run.bytes, tu) : '';
      })
      .join('')
      .replace(/\s+/g, ' ')
      .trim();

  // The pages with TOC slots: artifacts and the slots' page numbers.
  const slotEditsByStream = new Map<number, ContentEdit[]>();
  if (options.tocPageNumbers) {
    for (const { stream, edit } of slotEdits(links, runsOf, toUnicodeOf, analyses)) {
      const list = slotEditsByStream.get(stream) ?? [];
      list.push(edit);
      slotEditsByStream.set(stream, list);
    }
  }
  for (const page of slotPages)
    for (const a of analyses.get(page) ?? [])
      compressing.set(
        a.stream,
        compress(a.data, [...baseEdits(a.analysis), ...(slotEditsByStream.get(a.stream) ?? [])]),
      );
  const compressed = await Promise.all(
    [...compressing].map(async ([stream, bytes]) => ({ stream, bytes: await bytes })),
  );

  // Structure and annotations.
  for (const f of figures) {
    const first = f.marks[0];
    if (!first) continue;
    let box: Box | undefined;
    for (const a of analyses.get(first.page) ?? [])
      for (const m of f.marks) {
        const b = m.page === first.page ? a.analysis.boxes.get(m.mcid) : undefined;
        if (b) box = union(box, b);
      }
    if (!box) continue;
    const dict = current(f.num);
    const layout = `<</O /Layout /BBox [${box.map(round).join(' ')}]>>`;
    const a = entry(dict, 'A');
    const attrs =
      a === undefined
        ? layout
        : a.trim().startsWith('[')
          ? `${a.trim().slice(0, -1)} ${layout}]`
          : `[${a} ${layout}]`;
    editor.set(f.num, { body: writeDictionary(withEntry(dict.entries, 'A', attrs)) });
  }
  const linkTargets = new Map<string, number>();
  for (const l of links) {
    if (l.destName !== undefined && l.destPage > 0) linkTargets.set(l.destName, l.destPage);
    if (entry(l.dict, 'Contents') !== undefined) continue;
    const uri = file.resolveDict(entry(l.dict, 'A'));
    const text =
      textOf(l.marks) ||
      (uri && entry(uri, 'URI') ? decodeUri(entry(uri, 'URI') as string) : '') ||
      (l.destName ?? '');
    if (text)
      editor.set(l.annot, {
        body: writeDictionary(withEntry(l.dict.entries, 'Contents', pdfTextString(text))),
      });
  }
  for (const c of compressed) {
    const dict = file
      .dict(c.stream)
      .entries.filter(([k]) => k !== 'Filter' && k !== 'DecodeParms' && k !== 'Length');
    editor.set(c.stream, { body: writeDictionary([...dict, ['Filter', '/FlateDecode']]), stream: c.bytes });
  }
  parentTree.apply(editor);
  if (structRoot && catalogStructRoot) {
    const used = new Set([...file.text.matchAll(/\/S\s*\/([A-Za-z]+)\b/g)].map((m) => m[1] as string));
    const roleMap = file.resolveDict(entry(structRoot, 'RoleMap'))?.entries ?? [];
    const missing = Object.entries(PDF2_TYPES).filter(
      ([t]) => used.has(t) && !roleMap.some(([k]) => k === t),
    );
    if (missing.length > 0) {
      const map = writeDictionary([
        ...roleMap,
        ...missing.map(([t, std]): [string, string] => [t, `/${std}`]),
      ]);
      const rootDict = current(catalogStructRoot.num);
      editor.set(catalogStructRoot.num, {
        body: writeDictionary(withEntry(rootDict.entries, 'RoleMap', map)),
      });
    }
  }
  for (const page of pages) {
    const dict = current(page);
    if (entry(dict, 'Tabs') !== '/S')
      editor.set(page, { body: writeDictionary(withEntry(dict.entries, 'Tabs', '/S')) });
  }

  // Document metadata.
  const infoRef = parseRef(entry(file.trailer, 'Info'));
  const info = infoRef ? file.dict(infoRef.num) : { entries: [], end: 0 };
  const infoString = (key: string): string | undefined => {
    const v = file.resolve(entry(info, key));
    return v === undefined ? undefined : decodePdfStringSafe(v);
  };
  let infoEntries = info.entries.map(([k, v]) => [k, v] as [string, string]);
  if (options.title.trim())
    infoEntries = withEntry(infoEntries, 'Title', pdfTextString(options.title.trim()));
  if (options.author.trim())
    infoEntries = withEntry(infoEntries, 'Author', pdfTextString(options.author.trim()));
  const title = options.title.trim() || infoString('Title') || '';
  let infoTarget = infoRef;
  if (infoRef) editor.set(infoRef.num, { body: writeDictionary(infoEntries) });
  else infoTarget = { num: editor.add({ body: writeDictionary(infoEntries) }), gen: 0 };

  const created = isoDate(infoString('CreationDate'));
  const modified = isoDate(infoString('ModDate'));
  const producer = infoString('Producer');
  const creatorTool = infoString('Creator');
  const metadata = editor.add({
    body: '<</Type /Metadata /Subtype /XML>>',
    stream: Buffer.from(
      xmpPacket({
        title,
        author: options.author.trim(),
        lang,
        ...(producer && { producer }),
        ...(creatorTool && { creatorTool }),
        ...(created && { created }),
        ...(modified && { modified }),
      }),
      'utf8',
    ),
  });
  let cat = withEntry(catalog.entries, 'Lang', pdfTextString(lang));
  cat = withEntry(cat, 'Metadata', refText({ num: metadata, gen: 0 }));
  const prefs = file.resolveDict(entry(catalog, 'ViewerPreferences'));
  cat = withEntry(
    cat,
    'ViewerPreferences',
    writeDictionary(withEntry(prefs?.entries ?? [], 'DisplayDocTitle', 'true')),
  );
  const markInfo = file.resolveDict(entry(catalog, 'MarkInfo'));
  cat = withEntry(
    cat,
    'MarkInfo',
    writeDictionary(withEntry(markInfo?.entries.filter(([k]) => k !== 'Suspects') ?? [], 'Marked', 'true')),
  );
  editor.set(catalogRef.num, { body: writeDictionary(cat) });

  const bytes = editor.write({ version: '1.7', ...(infoTarget && { info: infoTarget }) });
  return { bytes, pageCount: pages.length, outline: readOutline(file, catalog, pageIndex), linkTargets };
}

function decodePdfStringSafe(raw: string): string | undefined {
  try {
    return raw.startsWith('(') || raw.startsWith('<') ? decodePdfString(raw) : undefined;
  } catch {
    return undefined;
  }
}

function decodeUri(raw: string): string {
  return decodePdfStringSafe(raw) ?? '';
}

function groupByPage(marks: readonly MarkedRef[]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const m of marks) {
    let list = out.get(m.page);
    if (!list) out.set(m.page, (list = []));
    list.push(m.mcid);
  }
  return out;
}
