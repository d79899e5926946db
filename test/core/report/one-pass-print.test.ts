/**
 * The report printed once, against real Chromium (the project's printer adapter), for a second dataset
 * besides the example: the sample analysis with the real chart catalogue and a PNG logo. The printer fills
 * the table of contents' page slots with the pages the bookmarks point to, nothing reflows, the HTML gets
 * the same pages, and the PDF passes the PDF/UA-1 checks.
 */
import { crc32, deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChromiumPrinter, type ChromiumPrinter } from '../../../src/adapters/chromium-printer.js';
import { buildCharts } from '../../../src/core/charts/index.js';
import type { PrintedPdf } from '../../../src/core/ports.js';
import { assembleReport, fillTocPages, type AssembledReport } from '../../../src/core/report/assemble.js';
import { sampleAnalysis } from '../../fixtures/analysis/sample-analysis.js';
import { markedContentTexts, outlineLines, pdfInfo } from '../../support/pdf.js';
import { pdfUaProblems } from '../../support/pdf-ua.js';
import { baseInput } from './helpers.js';

/** A 24 × 24 px PNG (RGB, a blue square with an orange band). */
function pngLogo(): Uint8Array {
  const chunk = (type: string, data: Buffer): Buffer => {
    const head = Buffer.alloc(8);
    head.writeUInt32BE(data.length, 0);
    head.write(type, 4, 'latin1');
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
    return Buffer.concat([head, data, crc]);
  };
  const size = 24;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows: number[] = [];
  for (let y = 0; y < size; y += 1) {
    rows.push(0);
    for (let x = 0; x < size; x += 1) rows.push(...(y < 6 ? [0xe8, 0xa3, 0x3d] : [0x00, 0x5c, 0xa9]));
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

let printer: ChromiumPrinter;
let report: AssembledReport;
let printed: PrintedPdf;
const blocked: string[] = [];

beforeAll(async () => {
  printer = createChromiumPrinter({ onBlockedRequest: (url) => blocked.push(url) });
  printer.warmUp?.();
  const charts = await buildCharts(sampleAnalysis, { primary: '#2E7D32', accent: '#F9A825' });
  report = assembleReport(
    await baseInput(sampleAnalysis, {
      charts,
      logo: { file: 'logo.png', mime: 'image/png', bytes: pngLogo() },
      branding: { primary: '#2E7D32', accent: '#F9A825' },
    }),
  );
  printed = await printer.print(report.html, {
    title: report.title,
    author: report.author,
    headerTemplate: report.headerTemplate,
    footerTemplate: report.footerTemplate,
    timeoutMs: 120_000,
    tocPageNumbers: true,
  });
}, 240_000);

afterAll(async () => {
  await printer?.close();
});

describe('one print pass', () => {
  it('writes one bookmark per heading, titled exactly like the heading', () => {
    expect(outlineLines(printed.outline).map((l) => l.trim().replace(/@\d+$/, ''))).toEqual(
      report.headings.map((h) => h.title),
    );
  });

  it("reports each TOC entry's target page as printed, the page its bookmark points to", () => {
    const bookmarks = new Map(
      outlineLines(printed.outline).map((l) => {
        const at = l.lastIndexOf('@');
        return [l.slice(0, at).trim(), Number(l.slice(at + 1))];
      }),
    );
    const listed = report.headings.filter((h) => h.level <= 2 && h.title !== 'Inhalt');
    expect(listed.length).toBeGreaterThan(40);
    for (const h of listed) expect(printed.linkTargets?.get(h.id), h.title).toBe(bookmarks.get(h.title));
  });

  it('prints those pages in the table of contents (as text in the slots), and the HTML carries the same', async () => {
    const html = fillTocPages(report.html, printed.linkTargets ?? new Map());
    const entries = [
      ...html.matchAll(
        /<a class="toc-title" href="#([^"]+)">[^<]+<\/a><span class="toc-dots" aria-hidden="true"><\/span><span class="toc-page">([^<]*)<\/span>/g,
      ),
    ];
    expect(entries.length).toBeGreaterThan(40);
    for (const [, id, page] of entries) expect(page).toBe(String(printed.linkTargets?.get(id ?? '')));
    const slots = (await markedContentTexts(printed.bytes, 2)).filter((t) => /^\d+$/.test(t));
    expect(slots).toEqual(entries.map((e) => e[2]));
  });

  it('passes the PDF/UA-1 checks', async () => {
    expect(await pdfUaProblems(printed.bytes)).toEqual([]);
  });

  it('embeds only the project font, header and footer included', async () => {
    const info = await pdfInfo(printed.bytes);
    expect(info.fonts.length).toBeGreaterThan(0);
    expect(info.fonts.every((f) => f.startsWith('SourceSans3'))).toBe(true);
  });

  it('needs no network: the printer blocked nothing', () => {
    expect(blocked).toEqual([]);
  });

  it('stays within the page budget for the sample', () => {
    expect(printed.pageCount).toBeGreaterThanOrEqual(30);
    expect(printed.pageCount).toBeLessThanOrEqual(70);
  });
});
