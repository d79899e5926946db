/**
 * The pieces of the finishing step on small hand-written inputs: the content pass (artifacts, boxes,
 * glyphs), ToUnicode maps, XMP dates and the object-level rewrite.
 */
import { PDFDocument, PDFName, PDFString } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import {
  analysePage,
  artifactEdits,
  ContentStructureError,
  editContent,
} from '../../../src/adapters/pdf/page-content.js';
import { PdfEditor, PdfFile } from '../../../src/adapters/pdf/pdf-file.js';
import { decodeText, hexCode, parseToUnicode } from '../../../src/adapters/pdf/to-unicode.js';
import { isoDate, xmpPacket } from '../../../src/adapters/pdf/xmp.js';
import { entry } from '../../../src/adapters/pdf/syntax.js';
import { xrefProblems } from '../../support/pdf.js';
import { markedContentProblems } from '../../support/pdf-ua.js';

const bytes = (s: string): Uint8Array => Buffer.from(s, 'latin1');
const text = (b: Uint8Array): string => Buffer.from(b).toString('latin1');
const none = { boxMcids: new Set<number>(), textMcids: new Set<number>() };

/** Like Chromium's: tagged body text, an untagged border, and a footer line drawn after everything else. */
const PAGE = [
  '.24 0 0 -.24 0 842 cm q',
  '/P <</MCID 0 >>BDC BT /F1 12 Tf 1 0 0 -1 100 100 Tm <0011> Tj 6 0 Td <0012> Tj ET EMC',
  '0 0 10 10 re f',
  '/Figure <</MCID 1 >>BDC q 2 0 0 2 50 60 cm 0 0 100 40 re f Q EMC',
  'BT /F1 8 Tf 1 0 0 -1 500 3300 Tm <0013> Tj ET',
  'Q',
].join('\n');

describe('content pass', () => {
  it('finds the untagged painting and wraps it as artifacts without crossing a text object', () => {
    const a = analysePage(bytes(PAGE), none);
    expect(a.untagged.map(([s, e]) => text(bytes(PAGE).subarray(s, e)).trim())).toEqual([
      '0 0 10 10 re f',
      '/F1 8 Tf 1 0 0 -1 500 3300 Tm <0013> Tj',
    ]);
    const edited = editContent(bytes(PAGE), artifactEdits(a.untagged));
    expect(text(edited)).toContain('BT\n/Artifact BMC\n /F1 8 Tf 1 0 0 -1 500 3300 Tm <0013> Tj \nEMC\nET');
    expect(analysePage(edited, none).untagged).toEqual([]);
    expect(markedContentProblems(bytes(PAGE)).untagged).toBe(2);
    expect(markedContentProblems(edited)).toEqual({ untagged: 0, artifactInTagged: 0, taggedInArtifact: 0 });
  });

  it('measures the painted area of an MCID in default user space', () => {
    const a = analysePage(bytes(PAGE), { ...none, boxMcids: new Set([1]) });
    // (0,0)–(100,40) scaled by 2, moved by (50,60), then by the page matrix (.24, flipped, 842 high).
    const [x0, y0, x1, y1] = a.boxes.get(1) ?? [];
    expect(x0).toBeCloseTo(12);
    expect(x1).toBeCloseTo(60);
    expect(y0).toBeCloseTo(842 - 0.24 * 140);
    expect(y1).toBeCloseTo(842 - 0.24 * 60);
  });

  it('collects the strings shown in an MCID with their byte ranges, and the BDC to turn into an artifact', () => {
    const a = analysePage(bytes(PAGE), { ...none, textMcids: new Set([0]), markMcids: new Set([1]) });
    expect(
      a.glyphs.map((g) => [g.font, g.op, [...g.bytes], text(bytes(PAGE).subarray(g.start, g.end))]),
    ).toEqual([
      ['F1', 'Tj', [0x00, 0x11], '<0011>'],
      ['F1', 'Tj', [0x00, 0x12], '<0012>'],
    ]);
    const [s, e] = a.marks.get(1) ?? [0, 0];
    expect(text(bytes(PAGE).subarray(s, e))).toBe('/Figure <</MCID 1 >>BDC');
  });

  it('reads literal strings with escapes and TJ arrays', () => {
    const content = '/Span <</MCID 4>> BDC BT /F2 9 Tf [(a\\)b) -120 <0063>] TJ (\\101\\n) Tj ET EMC';
    const a = analysePage(bytes(content), { ...none, textMcids: new Set([4]) });
    expect(a.glyphs.map((g) => text(g.bytes))).toEqual(['a)b\u0000c', 'A\n']);
  });

  it('refuses unbalanced marked content', () => {
    expect(() => analysePage(bytes('EMC'), none)).toThrow(ContentStructureError);
    expect(() => analysePage(bytes('/P <</MCID 0>> BDC'), none)).toThrow(ContentStructureError);
  });
});

describe('ToUnicode maps', () => {
  it('reads bfchar and bfrange (with arrays) and writes codes back', () => {
    const tu = parseToUnicode(
      '1 begincodespacerange <0000> <FFFF> endcodespacerange 2 beginbfchar <0003> <0020> <0084> <0030> endbfchar 2 beginbfrange <0010> <0012> <0041> <0020> <0021> [<00E4> <00DF>] endbfrange',
    );
    expect(tu.codeLength).toBe(2);
    expect(decodeText(bytes('\x00\x10\x00\x11\x00\x12\x00\x03\x00\x20\x00\x21\x00\x84'), tu)).toBe('ABC äß0');
    expect(hexCode(0x84, 2)).toBe('<0084>');
  });
});

describe('XMP', () => {
  it('converts PDF dates and escapes the fields', () => {
    expect(isoDate("D:20261206083528+01'00'")).toBe('2026-12-06T08:35:28+01:00');
    expect(isoDate('D:20261206083528Z')).toBe('2026-12-06T08:35:28Z');
    expect(isoDate('gestern')).toBeUndefined();
    const xmp = xmpPacket({ title: 'Analyse <Größenbach> & Co', author: 'LPR', lang: 'de' });
    expect(xmp).toContain('<rdf:li xml:lang="x-default">Analyse &#60;Größenbach&#62; &#38; Co</rdf:li>');
    expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
  });
});

describe('object-level rewrite', () => {
  it('replaces and adds objects, copies the rest, and writes one consistent xref table', async () => {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.addPage([200, 200]);
    doc.addPage([200, 200]);
    doc.setTitle('Alt');
    const original = await doc.save({ useObjectStreams: false });
    const file = PdfFile.parse(original);
    expect(file.pages()).toHaveLength(2);
    const editor = new PdfEditor(file);
    const added = editor.add({ body: '<</Type /Metadata /Subtype /XML>>', stream: bytes('<x/>') });
    const root = file.catalogRef();
    editor.set(root.num, { body: file.value(root.num).replace('>>', `/Metadata ${added} 0 R /Lang (de)>>`) });
    const out = editor.write({ version: '1.7' });
    expect(text(out.subarray(0, 8))).toBe('%PDF-1.7');
    expect(xrefProblems(out)).toEqual([]);
    const reread = PdfFile.parse(out);
    expect(entry(reread.dict(root.num), 'Lang')).toBe('(de)');
    expect(text(reread.streamBytes(added))).toBe('<x/>');
    const loaded = await PDFDocument.load(out, { updateMetadata: false });
    expect(loaded.getPageCount()).toBe(2);
    expect(loaded.getTitle()).toBe('Alt');
    expect((loaded.catalog.get(PDFName.of('Lang')) as PDFString).decodeText()).toBe('de');
  });
});
