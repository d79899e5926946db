/**
 * The finishing step on real Chromium output: a small report-like document (table of contents with page
 * slots, chart figure, list, bordered table, header and footer) printed by bare Chromium with the printer's
 * options, then finished. Chromium's own PDF fails the PDF/UA-1 checks in the ways the finishing repairs;
 * the finished PDF passes them, and the TOC shows the pages of its links' targets as real text.
 */
import chromium from '@sparticuz/chromium';
import { PDFDocument, PDFName, PDFDict, PDFString, PDFHexString } from 'pdf-lib';
import puppeteer from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPdfOptions } from '../../../src/adapters/chromium-printer.js';
import { finishPdf, type FinishedPdf } from '../../../src/adapters/pdf/finish.js';
import { withPdf } from '../../../src/adapters/pdf/pdfjs.js';
import { tocPlaceholders } from '../../../src/core/report/toc.js';
import { markedContentTexts, outlineLines, pdfInfo, pdfText, xrefProblems } from '../../support/pdf.js';
import { markedContentByPdfjs, pdfUaProblems } from '../../support/pdf-ua.js';
import { fixtureFooter, fixtureHeader, sourceSansFaces } from './fixture.js';

const TITLE = 'Sicherheitsanalyse Größenbach 2026';
const AUTHOR = 'Landespräventionsrat Sachsen / Größenbach';

const HEADINGS = [
  { id: 'k1', level: 1, title: '1 Sicherheitsgefühl' },
  { id: 'k1-1', level: 2, title: '1.1 Wohngegend' },
  { id: 'k1-2', level: 2, title: '1.2 Innenstadt' },
  { id: 'k2', level: 1, title: '2 Kriminalität' },
  { id: 'k2-1', level: 2, title: '2.1 Straßenkriminalität' },
] as const;

const PARAGRAPH =
  '<p>Die Befragung erreichte 1.203 Bürgerinnen und Bürger. Nachts fühlen sich in der Innenstadt mehr Menschen unsicher als am Tag; in der eigenen Wohngegend sind es deutlich weniger. Die Werte sind gewichtet.</p>';

function reportHtml(): string {
  const placeholders = tocPlaceholders(HEADINGS.map((h) => h.level));
  const toc = HEADINGS.map(
    (h, i) =>
      `<li class="toc-${h.level}"><a class="toc-title" href="#${h.id}">${h.title}</a><span class="toc-dots" aria-hidden="true"></span><span class="toc-page">${placeholders[i]}</span></li>`,
  ).join('\n');
  const heading = (i: number) => {
    const h = HEADINGS[i] as (typeof HEADINGS)[number];
    return `<h${h.level} id="${h.id}">${h.title}</h${h.level}>`;
  };
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>${TITLE}</title><style>
${sourceSansFaces()}
html { font-family: 'Source Sans 3'; font-size: 10pt; line-height: 1.45; }
h1 { break-before: page; font-size: 16pt; } h1#inhalt { break-before: auto; }
.toc { list-style: none; padding: 0; } .toc li { display: flex; align-items: baseline; }
.toc li.toc-1 { font-weight: 700; } .toc li.toc-2 { padding-left: 8mm; }
.toc .toc-dots { flex: 1 1 auto; border-bottom: 1pt dotted #888; margin: 0 1.5mm; position: relative; top: -0.25em; }
.toc .toc-page { flex: 0 0 auto; width: 3ch; text-align: right; font-variant-numeric: tabular-nums; }
table { border-collapse: collapse; border: 1pt solid #005CA9; } th, td { border: 0.5pt solid #999; padding: 2pt; }
</style></head><body>
<nav aria-labelledby="inhalt"><h1 id="inhalt">Inhalt</h1><ol class="toc">${toc}</ol></nav>
${heading(0)}${PARAGRAPH}
<ul><li>Beleuchtung <strong>verbessern</strong></li><li>Präsenz zeigen</li></ul>
<figure id="abb-1" role="group" aria-labelledby="abb-1-caption"><div class="chart"><svg role="img" aria-label="Balkendiagramm: 40 % fühlen sich nachts unsicher." focusable="false" width="300" height="120" viewBox="0 0 300 120"><rect width="300" height="120" fill="white"/><rect x="10" y="20" width="120" height="30" fill="#005CA9"/><rect x="10" y="70" width="200" height="30" fill="#E8A33D"/><text x="140" y="40" font-size="12">40 %</text></svg></div><figcaption id="abb-1-caption">Abbildung 1: Unsicher nachts</figcaption></figure>
${heading(1)}${PARAGRAPH.repeat(2)}
<table><caption>Tabelle 1: Anteile</caption><thead><tr><th>Ort</th><th>tags</th><th>nachts</th></tr></thead>
<tbody><tr><th scope="row">Wohngegend</th><td>3 %</td><td>12 %</td></tr><tr><th scope="row">Innenstadt</th><td>9 %</td><td>35 %</td></tr></tbody></table>
${heading(2)}${PARAGRAPH.repeat(14)}
${heading(3)}${PARAGRAPH}
${heading(4)}${PARAGRAPH.repeat(3)}
</body></html>`;
}

let raw: Uint8Array;
let finished: FinishedPdf;
let finishMs: number;

beforeAll(async () => {
  const browser = await puppeteer.launch({
    executablePath: await chromium.executablePath(),
    args: [...chromium.args, '--host-resolver-rules=MAP * ~NOTFOUND'],
    headless: 'shell',
    pipe: true,
  });
  try {
    const page = await browser.newPage();
    await page.setJavaScriptEnabled(false);
    await page.setContent(reportHtml(), { waitUntil: 'load' });
    raw = await page.pdf(
      chromiumPdfOptions({ headerTemplate: fixtureHeader(), footerTemplate: fixtureFooter() }),
    );
  } finally {
    await browser.close();
  }
  const t0 = performance.now();
  finished = await finishPdf(raw, { title: TITLE, author: AUTHOR, lang: 'de', tocPageNumbers: true });
  finishMs = performance.now() - t0;
}, 120_000);

afterAll(() => {
  console.info(
    `finishing: ${finishMs.toFixed(0)} ms for ${finished.pageCount} pages, ${raw.length} → ${finished.bytes.length} bytes`,
  );
});

const checkpoints = (problems: { checkpoint: string }[]) =>
  [...new Set(problems.map((p) => p.checkpoint))].sort();

describe('finishing Chromium output for PDF/UA-1', () => {
  it("finds in Chromium's own PDF exactly what the finishing repairs", async () => {
    expect(checkpoints(await pdfUaProblems(raw))).toEqual([
      '01-005', // header, footer, dotted leaders: neither tagged nor artifacts
      '02-001', // <strong> → Strong, a PDF 2.0 type
      '06-001', // no XMP metadata
      '09-004', // the table's own border drawn as Table content
      '09-005', // LI holds its content directly
      '28-012', // links without /Contents
      'ISO32000:14.8.5.4.3', // Figure without /BBox
    ]);
  });

  it('passes every check after finishing', async () => {
    expect(await pdfUaProblems(finished.bytes)).toEqual([]);
  });

  it('leaves no untagged painting on any page, by pdf.js as well (header and footer were)', async () => {
    const before = await markedContentByPdfjs(raw);
    expect(before.every((p) => p.untagged > 0)).toBe(true);
    const after = await markedContentByPdfjs(finished.bytes);
    expect(after).toEqual(after.map(() => ({ untagged: 0, artifactInTagged: 0, taggedInArtifact: 0 })));
  });

  it("prints each TOC entry's target page into its slot, as text inside the slot's marked content", async () => {
    const pages = new Map(
      outlineLines(finished.outline).map((l) => {
        const [title, page] = l.trim().split('@');
        return [title, Number(page)];
      }),
    );
    const expected = HEADINGS.map((h) => pages.get(h.title));
    expect(expected.every((p) => p !== undefined && p > 1)).toBe(true);
    expect([...finished.linkTargets]).toEqual(HEADINGS.map((h, i) => [h.id, expected[i]]));
    // The slot digits are marked content: text between their own begin/end markers.
    const slots = (await markedContentTexts(finished.bytes, 1)).filter((t) => /^\d+$/.test(t));
    expect(slots).toEqual(expected.map(String));
    expect((await pdfText(finished.bytes))[0]).not.toMatch(/012|345/);
  });

  it('keeps the layout: same pages, same outline, same text outside the slots', async () => {
    const [before, after] = await Promise.all([pdfText(raw), pdfText(finished.bytes)]);
    expect(after.length).toBe(before.length);
    expect(after.slice(1)).toEqual(before.slice(1));
    expect((await pdfInfo(raw)).outline).toEqual(finished.outline);
  });

  it('gives the chart Figure its text alternative and the bounding box of the 300 × 120 px chart', async () => {
    const figure = await withPdf(finished.bytes, async (doc) => {
      for (let p = 1; p <= doc.numPages; p += 1) {
        const tree = await (await doc.getPage(p)).getStructTree();
        const find = (node: { role?: string; children?: unknown[] }): Record<string, unknown> | undefined => {
          if (node.role === 'Figure') return node as Record<string, unknown>;
          for (const c of node.children ?? []) {
            const hit = find(c as { role?: string; children?: unknown[] });
            if (hit) return hit;
          }
          return undefined;
        };
        const hit = tree ? find(tree as { children?: unknown[] }) : undefined;
        if (hit) return hit;
      }
      return undefined;
    });
    expect(figure?.alt).toBe('Balkendiagramm: 40 % fühlen sich nachts unsicher.');
    const [x0, y0, x1, y1] = figure?.bbox as number[];
    expect((x1 as number) - (x0 as number)).toBeCloseTo(225, -1); // 300 CSS px = 225 pt
    expect((y1 as number) - (y0 as number)).toBeCloseTo(90, -1);
  });

  it('describes every link by its text, declares PDF/UA-1 in the XMP, and writes one consistent revision', async () => {
    const doc = await PDFDocument.load(finished.bytes, { updateMetadata: false });
    const contents = doc
      .getPages()
      .flatMap((p) => (p.node.Annots()?.asArray() ?? []).map((a) => doc.context.lookup(a, PDFDict)))
      .map((a) => a.get(PDFName.of('Contents')))
      .map((c) => (c instanceof PDFString || c instanceof PDFHexString ? c.decodeText() : undefined));
    expect(contents).toEqual(HEADINGS.map((h) => h.title));
    const xmp = new TextDecoder().decode(
      (doc.catalog.lookup(PDFName.of('Metadata')) as unknown as { getContents(): Uint8Array }).getContents(),
    );
    expect(xmp).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(xmp).toContain(
      `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${TITLE}</rdf:li></rdf:Alt></dc:title>`,
    );
    expect(xmp).toContain(`<rdf:li>${AUTHOR}</rdf:li>`);
    const info = await pdfInfo(finished.bytes);
    expect(info).toMatchObject({
      title: TITLE,
      author: AUTHOR,
      lang: 'de',
      displayDocTitle: true,
      revisions: 1,
    });
    expect(xrefProblems(finished.bytes)).toEqual([]);
  });
});
