/**
 * PDF/UA-1 checks of a finished PDF, written against the Matterhorn Protocol 1.1 failure conditions
 * (docs/pdf-accessibility.md lists which ones are covered and which need a human). There is no veraPDF
 * here; these checks read the file with pdf-lib (catalog, metadata, structure tree, annotations, fonts,
 * decoded page content) and share no code with the producer (src/adapters/pdf). The page content is lexed
 * here for marked content; `markedContentByPdfjs` gives pdf.js's view of the same, to cross-check.
 *
 * `pdfUaProblems(bytes)` returns every failure found as `{ checkpoint, message }`; an empty list passes.
 */
import {
  PDFArray,
  PDFBool,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFString,
  decodePDFRawStream,
  type PDFObject,
} from 'pdf-lib';
import { loadPdfjs, withPdf } from '../../src/adapters/pdf/pdfjs.js';

export interface UaProblem {
  /** Matterhorn failure condition (e.g. "01-005"), or the clause of the standard for checks outside Matterhorn. */
  readonly checkpoint: string;
  readonly message: string;
}

/** The checks this module makes, by Matterhorn failure condition (or clause), for the documentation and tests. */
export const CHECKED = {
  '01-003': 'Content marked as Artifact is present inside tagged content.',
  '01-004': 'Tagged content is present inside content marked as Artifact.',
  '01-005': 'Content is neither marked as Artifact nor tagged as real content.',
  '01-007': 'Suspect entry has a value of true.',
  '02-001': 'A non-standard structure type is not mapped to a standard type.',
  '02-003': 'A circular role mapping exists.',
  '02-004': 'A standard structure type is remapped.',
  '06-001': 'Document does not contain an XMP metadata stream.',
  '06-002': 'The XMP metadata does not contain the PDF/UA identifier (pdfuaid:part 1).',
  '06-003': 'The XMP metadata does not contain dc:title.',
  '07-001': 'ViewerPreferences has no DisplayDocTitle entry.',
  '07-002': 'ViewerPreferences has DisplayDocTitle false.',
  '09-004': 'A table-related structure element does not conform to ISO 32000-1 Table 337 syntax.',
  '09-005': 'A list-related structure element does not conform to ISO 32000-1 Table 336 syntax.',
  '09-006': 'A TOC-related structure element does not conform to the syntax.',
  '10-001': 'A font has no ToUnicode map (character codes cannot be mapped to Unicode).',
  '11-001': 'The natural language (catalog /Lang) cannot be determined.',
  '13-004': 'A Figure has no alternative text (/Alt or /ActualText).',
  '14-002': 'Numbered headings are used, but the first heading is not H1.',
  '14-003': 'Numbered heading levels are skipped (e.g. H3 after H1).',
  '14-007': 'Both H and H1–H6 are used.',
  '15-003': 'A TH cell has no Scope attribute (and the table does not use Headers/IDs).',
  '28-002': 'An annotation other than Widget, Link or PrinterMark is not in an Annot element.',
  '28-004': 'An annotation other than Widget has no Contents and no Alt on its element.',
  '28-008': 'A page does not have /Tabs /S.',
  '28-011': 'A link annotation is not nested within a Link element.',
  '28-012': 'A link annotation has no alternate description in /Contents.',
  '31-009': 'A font program is not embedded.',
  'UA1:7.1-MarkInfo': 'The catalog has no /MarkInfo with /Marked true, or no /StructTreeRoot.',
  'ISO32000:14.8.5.4.3': 'A Figure has no layout attribute /BBox (its area on the page).',
} as const;

type Checkpoint = keyof typeof CHECKED;

const STANDARD = new Set(
  'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private H H1 H2 H3 H4 H5 H6 P L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form'.split(
    ' ',
  ),
);

interface Element {
  readonly ref: PDFRef | undefined;
  readonly dict: PDFDict;
  readonly type: string;
  readonly parent: Element | undefined;
  readonly kids: Kid[];
}

type Kid =
  | { readonly kind: 'element'; readonly element: Element }
  | { readonly kind: 'mcid'; readonly mcid: number }
  | { readonly kind: 'objr'; readonly obj: PDFRef | undefined };

/** The decoded bytes of a page's content (one stream or an array of streams, concatenated). */
function contentOf(ctx: PDFDocument['context'], contents: PDFObject | undefined): Uint8Array {
  const parts: Uint8Array[] = [];
  const add = (obj: PDFObject | undefined): void => {
    const v = obj instanceof PDFRef ? ctx.lookup(obj) : obj;
    if (v instanceof PDFRawStream) parts.push(decodePDFRawStream(v).decode(), new Uint8Array([0x0a]));
    else if (v instanceof PDFArray) for (const item of v.asArray()) add(item);
  };
  add(contents);
  return Buffer.concat(parts);
}

const PAINT_OPERATORS = new Set([
  'S',
  's',
  'f',
  'F',
  'f*',
  'B',
  'B*',
  'b',
  'b*',
  'sh',
  'Tj',
  'TJ',
  "'",
  '"',
  'Do',
  'EI',
]);

/**
 * Counts painting operators outside marked content with an MCID or /Artifact (01-005), artifacts inside
 * tagged content (01-003) and tagged content inside artifacts (01-004). A small lexer of its own: it
 * shares no code with the producer's content scanner.
 */
export function markedContentProblems(content: Uint8Array): {
  untagged: number;
  artifactInTagged: number;
  taggedInArtifact: number;
} {
  const text = Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('latin1');
  const stack: { artifact: boolean; tagged: boolean }[] = [];
  const operands: string[] = [];
  const counts = { untagged: 0, artifactInTagged: 0, taggedInArtifact: 0 };
  const token =
    /\s+|%[^\r\n]*|\((?:\\[\s\S]|[^\\()]|\((?:\\[\s\S]|[^\\()])*\))*\)|<<|>>|<[0-9A-Fa-f\s]*>|\[|\]|\/[^\s()<>[\]{}/%]*|[^\s()<>[\]{}/%]+/gy;
  let depth = 0;
  let dict = '';
  let m: RegExpExecArray | null;
  while ((m = token.exec(text)) !== null && m[0] !== '') {
    const t = m[0];
    if (/^\s/.test(t) || t.startsWith('%')) continue;
    if (t === '<<' || t === '[') depth += 1;
    if (depth > 0) {
      dict += `${t} `;
      if (t === '>>' || t === ']') depth -= 1;
      if (depth === 0) {
        operands.push(dict);
        dict = '';
      }
      continue;
    }
    if (/^[A-Za-z'"*]+$/.test(t) && !['true', 'false', 'null'].includes(t)) {
      if (t === 'BMC' || t === 'BDC') {
        const artifact = operands[0] === '/Artifact';
        const tagged = t === 'BDC' && /\/MCID\s+\d+/.test(operands[1] ?? '');
        if (artifact && stack.some((e) => e.tagged)) counts.artifactInTagged += 1;
        if (tagged && stack.some((e) => e.artifact)) counts.taggedInArtifact += 1;
        stack.push({ artifact, tagged });
      } else if (t === 'EMC') {
        stack.pop();
      } else if (t === 'ID') {
        // Inline image data runs up to EI.
        const end = text.indexOf('EI', token.lastIndex);
        token.lastIndex = end < 0 ? text.length : end;
      } else if (PAINT_OPERATORS.has(t) && !stack.some((e) => e.artifact || e.tagged)) {
        counts.untagged += 1;
      }
      operands.length = 0;
      continue;
    }
    operands.push(t);
  }
  return counts;
}

export async function pdfUaProblems(bytes: Uint8Array): Promise<UaProblem[]> {
  const problems: UaProblem[] = [];
  const fail = (checkpoint: Checkpoint, message: string): void => {
    problems.push({ checkpoint, message });
  };
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const ctx = doc.context;
  const get = (obj: PDFObject | undefined): PDFObject | undefined =>
    obj instanceof PDFRef ? ctx.lookup(obj) : obj;
  const dictOf = (obj: PDFObject | undefined): PDFDict | undefined => {
    const v = get(obj);
    return v instanceof PDFDict ? v : undefined;
  };
  const arrayOf = (obj: PDFObject | undefined): PDFObject[] => {
    const v = get(obj);
    return v instanceof PDFArray ? v.asArray() : v === undefined ? [] : [v];
  };
  const nameOf = (obj: PDFObject | undefined): string | undefined => {
    const v = get(obj);
    return v instanceof PDFName ? v.decodeText() : undefined;
  };
  const textOf = (obj: PDFObject | undefined): string | undefined => {
    const v = get(obj);
    return v instanceof PDFString || v instanceof PDFHexString ? v.decodeText() : undefined;
  };
  const numberOf = (obj: PDFObject | undefined): number | undefined => {
    const v = get(obj);
    return v instanceof PDFNumber ? v.asNumber() : undefined;
  };
  const key = (dict: PDFDict | undefined, name: string): PDFObject | undefined => dict?.get(PDFName.of(name));

  const catalog = doc.catalog;

  // Tagging (7.1), suspects (01-007).
  const markInfo = dictOf(key(catalog, 'MarkInfo'));
  const structRoot = dictOf(key(catalog, 'StructTreeRoot'));
  if (!structRoot || get(key(markInfo, 'Marked')) !== PDFBool.True)
    fail('UA1:7.1-MarkInfo', 'not a tagged PDF (MarkInfo /Marked true and StructTreeRoot)');
  if (get(key(markInfo, 'Suspects')) === PDFBool.True) fail('01-007', 'MarkInfo /Suspects is true');

  // Metadata (06-001…06-003).
  const metadata = get(key(catalog, 'Metadata'));
  if (!(metadata instanceof PDFRawStream)) {
    fail('06-001', 'the catalog has no XMP metadata stream');
  } else {
    const xmp = new TextDecoder('utf-8').decode(decodePDFRawStream(metadata).decode());
    if (!/<pdfuaid:part>\s*1\s*<\/pdfuaid:part>|pdfuaid:part=["']1["']/.test(xmp))
      fail('06-002', 'the XMP metadata has no pdfuaid:part 1');
    const title = /<dc:title>[\s\S]*?<rdf:li[^>]*>([^<]*)<\/rdf:li>[\s\S]*?<\/dc:title>/.exec(xmp)?.[1] ?? '';
    if (title.trim() === '') fail('06-003', 'the XMP metadata has no dc:title');
  }

  // Viewer preferences (07-001, 07-002), language (11-001).
  const display = get(key(dictOf(key(catalog, 'ViewerPreferences')), 'DisplayDocTitle'));
  if (display === undefined) fail('07-001', 'ViewerPreferences has no DisplayDocTitle');
  else if (display !== PDFBool.True) fail('07-002', 'DisplayDocTitle is not true');
  const lang = textOf(key(catalog, 'Lang'));
  if (!lang || !/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(lang))
    fail('11-001', `catalog /Lang is "${lang ?? ''}"`);

  // Role map (02-001, 02-003, 02-004).
  const roleMap = new Map<string, string>();
  const rm = dictOf(key(structRoot, 'RoleMap'));
  for (const [k, v] of rm?.entries() ?? []) {
    const from = k.decodeText();
    const to = nameOf(v);
    if (STANDARD.has(from)) fail('02-004', `standard type ${from} is remapped`);
    if (to) roleMap.set(from, to);
  }
  const standardOf = (type: string): string | undefined => {
    const seen = new Set<string>();
    let t = type;
    while (!STANDARD.has(t)) {
      if (seen.has(t)) return undefined;
      seen.add(t);
      const next = roleMap.get(t);
      if (next === undefined) return undefined;
      t = next;
    }
    return t;
  };
  for (const from of roleMap.keys()) {
    const seen = new Set<string>();
    for (let t: string | undefined = from; t !== undefined && !STANDARD.has(t); t = roleMap.get(t)) {
      if (seen.has(t)) {
        fail('02-003', `circular role mapping from ${from}`);
        break;
      }
      seen.add(t);
    }
  }

  // The structure tree, in document order.
  const elements: Element[] = [];
  const visited = new Set<PDFObject>();
  const build = (obj: PDFObject, parent: Element | undefined, depth: number): Element | undefined => {
    const dict = dictOf(obj);
    if (!dict || visited.has(dict) || depth > 200) return undefined;
    visited.add(dict);
    const raw = nameOf(key(dict, 'S')) ?? '';
    const type = standardOf(raw);
    if (type === undefined) fail('02-001', `structure type ${raw} is neither standard nor role-mapped`);
    const el: Element = {
      ref: obj instanceof PDFRef ? obj : undefined,
      dict,
      type: type ?? raw,
      parent,
      kids: [],
    };
    elements.push(el);
    for (const kid of arrayOf(key(dict, 'K'))) {
      const v = get(kid);
      if (v instanceof PDFNumber) el.kids.push({ kind: 'mcid', mcid: v.asNumber() });
      else if (v instanceof PDFDict) {
        const t = nameOf(key(v, 'Type'));
        if (t === 'MCR') el.kids.push({ kind: 'mcid', mcid: numberOf(key(v, 'MCID')) ?? -1 });
        else if (t === 'OBJR') {
          const target = key(v, 'Obj');
          el.kids.push({ kind: 'objr', obj: target instanceof PDFRef ? target : undefined });
        } else {
          const child = build(kid, el, depth + 1);
          if (child) el.kids.push({ kind: 'element', element: child });
        }
      }
    }
    return el;
  };
  for (const top of arrayOf(key(structRoot, 'K'))) build(top, undefined, 0);

  const kidTypes = (el: Element): string[] =>
    el.kids.map((k) => (k.kind === 'element' ? k.element.type : k.kind === 'mcid' ? 'MCID' : 'OBJR'));
  const attrs = (el: Element): PDFDict[] => arrayOf(key(el.dict, 'A')).flatMap((a) => dictOf(a) ?? []);
  const headings: string[] = [];
  for (const el of elements) {
    const kids = kidTypes(el);
    switch (el.type) {
      case 'Figure': {
        const alt = textOf(key(el.dict, 'Alt')) ?? textOf(key(el.dict, 'ActualText'));
        if (!alt?.trim()) fail('13-004', `Figure ${String(el.ref)} has no alternative text`);
        const bbox = attrs(el)
          .filter((a) => nameOf(key(a, 'O')) === 'Layout')
          .map((a) => arrayOf(key(a, 'BBox')).map((n) => numberOf(n) ?? Number.NaN))
          .find((b) => b.length === 4);
        if (!bbox || !(bbox[2]! > bbox[0]! && bbox[3]! > bbox[1]!))
          fail('ISO32000:14.8.5.4.3', `Figure ${String(el.ref)} has no layout /BBox`);
        break;
      }
      case 'TH': {
        const scope = attrs(el).some((a) => nameOf(key(a, 'O')) === 'Table' && nameOf(key(a, 'Scope')));
        if (!scope) fail('15-003', `TH ${String(el.ref)} has no Scope`);
        break;
      }
      case 'Table':
        for (const t of kids)
          if (!['TR', 'THead', 'TBody', 'TFoot', 'Caption'].includes(t))
            fail('09-004', `Table ${String(el.ref)} contains ${t}`);
        break;
      case 'THead':
      case 'TBody':
      case 'TFoot':
        for (const t of kids) if (t !== 'TR') fail('09-004', `${el.type} ${String(el.ref)} contains ${t}`);
        if (el.parent?.type !== 'Table') fail('09-004', `${el.type} outside a Table`);
        break;
      case 'TR':
        for (const t of kids)
          if (t !== 'TH' && t !== 'TD') fail('09-004', `TR ${String(el.ref)} contains ${t}`);
        if (!['Table', 'THead', 'TBody', 'TFoot'].includes(el.parent?.type ?? ''))
          fail('09-004', `TR ${String(el.ref)} outside a table`);
        break;
      case 'TD':
        if (el.parent?.type !== 'TR') fail('09-004', `TD ${String(el.ref)} outside a TR`);
        break;
      case 'L':
        for (const t of kids)
          if (!['LI', 'L', 'Caption'].includes(t)) fail('09-005', `L ${String(el.ref)} contains ${t}`);
        break;
      case 'LI':
        for (const t of kids)
          if (t !== 'Lbl' && t !== 'LBody') fail('09-005', `LI ${String(el.ref)} contains ${t}`);
        if (el.parent?.type !== 'L') fail('09-005', `LI ${String(el.ref)} outside an L`);
        break;
      case 'Lbl':
      case 'LBody':
        if (el.parent?.type !== 'LI') fail('09-005', `${el.type} ${String(el.ref)} outside an LI`);
        break;
      case 'TOC':
        for (const t of kids)
          if (!['TOCI', 'TOC', 'Caption'].includes(t)) fail('09-006', `TOC contains ${t}`);
        break;
      case 'TOCI':
        if (el.parent?.type !== 'TOC') fail('09-006', 'TOCI outside a TOC');
        break;
      default:
        if (/^H[1-6]?$/.test(el.type)) headings.push(el.type);
    }
  }
  // Headings (14-002, 14-003, 14-007).
  const numbered = headings.filter((h) => h !== 'H');
  if (numbered.length > 0 && headings.includes('H')) fail('14-007', 'both H and H1–H6 are used');
  if (numbered.length > 0 && numbered[0] !== 'H1') fail('14-002', `the first heading is ${numbered[0]}`);
  let previous = 0;
  for (const h of numbered) {
    const level = Number(h.slice(1));
    if (level > previous + 1) fail('14-003', `H${level} follows H${previous}`);
    previous = level;
  }

  // Annotations (28-002, 28-004, 28-008, 28-011, 28-012), fonts (10-001, 31-009).
  const parentTree = dictOf(key(structRoot, 'ParentTree'));
  const parentOf = (n: number): PDFDict | undefined => {
    const search = (node: PDFDict | undefined, depth: number): PDFObject | undefined => {
      if (!node || depth > 32) return undefined;
      const nums = arrayOf(key(node, 'Nums'));
      for (let i = 0; i + 1 < nums.length; i += 2) if (numberOf(nums[i]) === n) return nums[i + 1];
      for (const kid of arrayOf(key(node, 'Kids'))) {
        const found = search(dictOf(kid), depth + 1);
        if (found) return found;
      }
      return undefined;
    };
    return dictOf(search(parentTree, 0));
  };
  const objrParents = new Map<string, Element>();
  for (const el of elements)
    for (const k of el.kids) if (k.kind === 'objr' && k.obj) objrParents.set(k.obj.toString(), el);

  const fontsSeen = new Set<PDFDict>();
  const checkFont = (font: PDFDict, name: string): void => {
    if (fontsSeen.has(font)) return;
    fontsSeen.add(font);
    const subtype = nameOf(key(font, 'Subtype'));
    if (subtype === 'Type3') return;
    const descendant = subtype === 'Type0' ? dictOf(arrayOf(key(font, 'DescendantFonts'))[0]) : font;
    const descriptor = dictOf(key(descendant, 'FontDescriptor'));
    const embedded = ['FontFile', 'FontFile2', 'FontFile3'].some((k) => key(descriptor, k) !== undefined);
    const fontName = nameOf(key(font, 'BaseFont')) ?? name;
    if (!embedded) fail('31-009', `font ${fontName} is not embedded`);
    if (key(font, 'ToUnicode') === undefined) fail('10-001', `font ${fontName} has no ToUnicode map`);
  };
  const checkResources = (resources: PDFDict | undefined, depth: number): void => {
    if (!resources || depth > 8) return;
    for (const [name, f] of dictOf(key(resources, 'Font'))?.entries() ?? []) {
      const font = dictOf(f);
      if (font) checkFont(font, name.decodeText());
    }
    for (const [, x] of dictOf(key(resources, 'XObject'))?.entries() ?? []) {
      const stream = get(x);
      if (stream instanceof PDFRawStream && nameOf(stream.dict.get(PDFName.of('Subtype'))) === 'Form')
        checkResources(dictOf(stream.dict.get(PDFName.of('Resources'))), depth + 1);
    }
  };

  doc.getPages().forEach((page, i) => {
    const node = page.node;
    if (nameOf(key(node, 'Tabs')) !== 'S') fail('28-008', `page ${i + 1} has no /Tabs /S`);
    checkResources(node.Resources(), 0);
    for (const a of arrayOf(key(node, 'Annots'))) {
      const annot = dictOf(a);
      if (!annot) continue;
      const subtype = nameOf(key(annot, 'Subtype'));
      const where = `page ${i + 1}, ${subtype ?? '?'} annotation ${String(a)}`;
      const contents = textOf(key(annot, 'Contents'));
      const sp = numberOf(key(annot, 'StructParent'));
      const elem = sp === undefined ? undefined : parentOf(sp);
      const elemType = elem ? standardOf(nameOf(key(elem, 'S')) ?? '') : undefined;
      const inTree = a instanceof PDFRef && objrParents.has(a.toString());
      if (subtype === 'Link') {
        if (elemType !== 'Link' || !inTree || objrParents.get(a.toString())?.type !== 'Link')
          fail('28-011', `${where} is not nested within a Link element`);
        if (!contents?.trim()) fail('28-012', `${where} has no /Contents`);
      } else if (subtype !== 'Widget' && subtype !== 'PrinterMark' && subtype !== 'Popup') {
        if (elemType !== 'Annot' || !inTree) fail('28-002', `${where} is not in an Annot element`);
        if (!contents?.trim() && !textOf(key(elem, 'Alt'))?.trim())
          fail('28-004', `${where} has no Contents`);
      }
    }
  });

  // Page content (01-003, 01-004, 01-005).
  doc.getPages().forEach((page, i) => {
    const counts = markedContentProblems(contentOf(ctx, page.node.get(PDFName.of('Contents'))));
    if (counts.untagged > 0)
      fail('01-005', `page ${i + 1}: ${counts.untagged} painting operators are neither tagged nor artifacts`);
    if (counts.artifactInTagged > 0)
      fail('01-003', `page ${i + 1}: ${counts.artifactInTagged} artifacts inside tagged content`);
    if (counts.taggedInArtifact > 0)
      fail('01-004', `page ${i + 1}: ${counts.taggedInArtifact} tagged sequences inside artifacts`);
  });
  return problems;
}

/** The same counts as `markedContentProblems`, per page, from pdf.js's operator lists (slower; for cross-checks). */
export async function markedContentByPdfjs(
  bytes: Uint8Array,
): Promise<{ untagged: number; artifactInTagged: number; taggedInArtifact: number }[]> {
  const { OPS } = await loadPdfjs();
  const paint = new Set<number>([
    OPS.stroke,
    OPS.closeStroke,
    OPS.fill,
    OPS.eoFill,
    OPS.fillStroke,
    OPS.eoFillStroke,
    OPS.closeFillStroke,
    OPS.closeEOFillStroke,
    OPS.showText,
    OPS.showSpacedText,
    OPS.nextLineShowText,
    OPS.nextLineSetSpacingShowText,
    OPS.shadingFill,
    OPS.paintImageMaskXObject,
    OPS.paintImageXObject,
    OPS.paintInlineImageXObject,
    OPS.paintSolidColorImageMask,
    OPS.paintFormXObjectBegin,
  ]);
  return withPdf(bytes, async (pdf) => {
    const pages: { untagged: number; artifactInTagged: number; taggedInArtifact: number }[] = [];
    for (let p = 1; p <= pdf.numPages; p += 1) {
      const page = await pdf.getPage(p);
      const list = await page.getOperatorList({ annotationMode: 0 });
      const stack: { artifact: boolean; tagged: boolean }[] = [];
      const counts = { untagged: 0, artifactInTagged: 0, taggedInArtifact: 0 };
      list.fnArray.forEach((fn, i) => {
        if (fn === OPS.beginMarkedContent || fn === OPS.beginMarkedContentProps) {
          const args = list.argsArray[i] as unknown[];
          // BDC arrives with its tag as a string and the MCID as a number; BMC with the tag as a Name object.
          const tag =
            typeof args[0] === 'string' ? args[0] : (args[0] as { name?: string } | undefined)?.name;
          const artifact = tag === 'Artifact';
          const tagged = fn === OPS.beginMarkedContentProps && typeof args[1] === 'number';
          if (artifact && stack.some((e) => e.tagged)) counts.artifactInTagged += 1;
          if (tagged && stack.some((e) => e.artifact)) counts.taggedInArtifact += 1;
          stack.push({ artifact, tagged });
        } else if (fn === OPS.endMarkedContent) {
          stack.pop();
        } else if (paint.has(fn) && !stack.some((e) => e.artifact || e.tagged)) {
          counts.untagged += 1;
        }
      });
      pages.push(counts);
      page.cleanup();
    }
    return pages;
  });
}
