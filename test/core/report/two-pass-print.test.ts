/**
 * The two-pass table of contents against real Chromium (the project's printer adapter): the bookmarks
 * carry exactly the heading titles, the second print has the same page breaks as the first, and the TOC of
 * the second print shows the pages the bookmarks point to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChromiumPrinter, type ChromiumPrinter } from '../../../src/adapters/chromium-printer.js';
import {
  assembleReport,
  tocPagesFromOutline,
  type AssembledReport,
} from '../../../src/core/report/assemble.js';
import type { PdfOutline, PrintedPdf } from '../../../src/core/ports.js';
import { baseInput } from './helpers.js';

let printer: ChromiumPrinter;
let first: AssembledReport;
let second: AssembledReport;
let p1: PrintedPdf;
let p2: PrintedPdf;
const blocked: string[] = [];

const print = (r: AssembledReport) =>
  printer.print(r.html, {
    title: r.title,
    author: r.author,
    headerTemplate: r.headerTemplate,
    footerTemplate: r.footerTemplate,
    timeoutMs: 90_000,
  });

function flatten(outline: readonly PdfOutline[]): PdfOutline[] {
  return outline.flatMap((o) => [o, ...flatten(o.children)]);
}

beforeAll(async () => {
  printer = createChromiumPrinter({ onBlockedRequest: (url) => blocked.push(url) });
  const input = await baseInput();
  first = assembleReport(input);
  p1 = await print(first);
  second = assembleReport({ ...input, tocPages: tocPagesFromOutline(p1.outline) });
  p2 = await print(second);
}, 180_000);

afterAll(async () => {
  await printer?.close();
});

describe('two-pass print', () => {
  it('writes one bookmark per heading, titled exactly like the heading (no doubled text)', () => {
    expect(flatten(p1.outline).map((o) => o.title)).toEqual(first.headings.map((h) => h.title));
  });

  it('keeps every page break between the two passes', () => {
    expect(p2.pageCount).toBe(p1.pageCount);
    expect(flatten(p2.outline).map((o) => [o.title, o.page])).toEqual(
      flatten(p1.outline).map((o) => [o.title, o.page]),
    );
  });

  it('prints the bookmark pages in the table of contents of the second pass', () => {
    const pages = new Map(flatten(p2.outline).map((o) => [o.title, o.page]));
    const entries = [
      ...second.html.matchAll(
        /<a class="toc-title" href="#[^"]+">([^<]+)<\/a><span class="toc-dots" aria-hidden="true"><\/span><span class="toc-page">([^<]*)<\/span>/g,
      ),
    ];
    expect(entries.length).toBeGreaterThan(40);
    for (const [, title, page] of entries)
      expect(page, title).toBe(String(pages.get((title ?? '').replace(/&amp;/g, '&'))));
  });

  it('needs no network: the printer blocked nothing', () => {
    expect(blocked).toEqual([]);
  });

  it('stays within the page budget for the sample', () => {
    expect(p2.pageCount).toBeGreaterThanOrEqual(30);
    expect(p2.pageCount).toBeLessThanOrEqual(60);
  });
});
