/**
 * Title, author and language by incremental update: the tagged structure Chromium wrote is untouched,
 * the xref stays consistent, and PDFs that are not a classic xref table fall back to pdf-lib.
 */
import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { createChromiumPrinter } from '../../../src/adapters/chromium-printer.js';
import { applyMetadata } from '../../../src/adapters/pdf/metadata.js';
import { firstRevision, pdfInfo, pdfStructureSnapshot, xrefProblems } from '../../support/pdf.js';
import { FIXTURE_TITLE, fixtureFooter, fixtureHtml } from './fixture.js';

const META = {
  title: 'Sicherheitsanalyse Größenbach 2025',
  author: 'Stadt Größenbach – Ordnungsamt',
  lang: 'de',
};

describe('applyMetadata on Chromium output', () => {
  let chromiumPdf: Uint8Array;
  let printed: Uint8Array;

  beforeAll(async () => {
    const printer = createChromiumPrinter();
    try {
      printed = (
        await printer.print(fixtureHtml({ rows: 80 }), {
          title: META.title,
          author: META.author,
          timeoutMs: 30_000,
          footerTemplate: fixtureFooter(),
        })
      ).bytes;
    } finally {
      await printer.close();
    }
    chromiumPdf = firstRevision(printed);
  });

  it('finds what Chromium writes itself: Title from <title>, Creator, Producer, /Lang from <html lang>, DisplayDocTitle, no Author', async () => {
    const info = await pdfInfo(chromiumPdf);
    expect(info).toMatchObject({
      title: FIXTURE_TITLE,
      creator: 'Chromium',
      lang: 'de',
      tagged: true,
      author: undefined,
      displayDocTitle: true,
      revisions: 1,
    });
    expect(info.producer).toMatch(/^Skia\/PDF/);
  });

  it('appends one revision that sets title, author, language and DisplayDocTitle', async () => {
    const result = await applyMetadata(chromiumPdf, META);
    expect(result.method).toBe('incremental');
    // The original bytes are a prefix of the result: nothing Chromium wrote was rewritten.
    expect(Buffer.from(result.bytes.subarray(0, chromiumPdf.length)).equals(Buffer.from(chromiumPdf))).toBe(
      true,
    );
    expect(result.bytes.length - chromiumPdf.length).toBeLessThan(2_000);
    expect(xrefProblems(result.bytes)).toEqual([]);
    const info = await pdfInfo(result.bytes);
    expect(info).toMatchObject({
      title: META.title,
      author: META.author,
      lang: 'de',
      tagged: true,
      displayDocTitle: true,
      creator: 'Chromium',
      revisions: 2,
    });
  });

  it('leaves the structure tree, mark info, outline and text exactly as Chromium wrote them', async () => {
    const result = await applyMetadata(chromiumPdf, META);
    const before = await pdfStructureSnapshot(chromiumPdf);
    const after = await pdfStructureSnapshot(result.bytes);
    expect(after).toEqual(before);
    expect(JSON.stringify(before)).toContain('"role":"H1"');
    expect(JSON.stringify(before)).toContain('"role":"Table"');
  });

  it('is what the printer delivers, and a second application changes nothing', async () => {
    expect(Buffer.from(printed).equals(Buffer.from((await applyMetadata(chromiumPdf, META)).bytes))).toBe(
      true,
    );
    const again = await applyMetadata(printed, META);
    expect(again.method).toBe('unchanged');
    expect(again.bytes).toBe(printed);
  });

  it('keeps a pdf-lib load+save intact too, the fallback (structure equal, but it rewrites every object)', async () => {
    const resaved = await PDFDocument.load(chromiumPdf, { updateMetadata: false }).then((d) => d.save()); // object streams + xref stream
    const result = await applyMetadata(resaved, META);
    expect(result.method).toBe('pdf-lib');
    const info = await pdfInfo(result.bytes);
    expect(info).toMatchObject({
      title: META.title,
      author: META.author,
      lang: 'de',
      tagged: true,
      displayDocTitle: true,
    });
    expect(info.fonts.length).toBeGreaterThan(0);
    expect(info.fonts.every((f) => f.startsWith('SourceSans3'))).toBe(true);
    expect(await pdfStructureSnapshot(result.bytes)).toEqual(await pdfStructureSnapshot(chromiumPdf));
  });
});

describe('applyMetadata on small synthetic PDFs', () => {
  async function plainPdf(): Promise<Uint8Array> {
    const doc = await PDFDocument.create({ updateMetadata: false });
    doc.addPage([200, 200]);
    return doc.save({ useObjectStreams: false });
  }

  it('creates a document information dictionary where there was none', async () => {
    const bytes = await plainPdf();
    expect(new TextDecoder('latin1').decode(bytes)).not.toContain('/Info');
    const result = await applyMetadata(bytes, {
      title: 'Bericht (Entwurf) \\ 2025',
      author: 'Amt für Ordnung',
      lang: 'de-DE',
    });
    expect(result.method).toBe('incremental');
    expect(xrefProblems(result.bytes)).toEqual([]);
    const info = await pdfInfo(result.bytes);
    expect(info).toMatchObject({
      title: 'Bericht (Entwurf) \\ 2025',
      author: 'Amt für Ordnung',
      lang: 'de-DE',
      pages: 1,
    });
  });

  it('falls back to "de" for an invalid language tag and leaves /Author out when empty', async () => {
    const result = await applyMetadata(await plainPdf(), {
      title: 'ẞ-Test 🙂',
      author: '',
      lang: 'de) /Evil (x',
    });
    const info = await pdfInfo(result.bytes);
    expect(info.lang).toBe('de');
    expect(info.title).toBe('ẞ-Test 🙂');
    expect(info.author).toBeUndefined();
  });
});
