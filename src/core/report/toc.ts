/**
 * Page numbers for the table of contents. Chromium cannot resolve `target-counter()`, so the report
 * is printed twice: the first print carries placeholders of fixed width, the caller reads the PDF
 * outline (one bookmark per heading, titled exactly like the heading) and assembles again with the
 * page numbers.
 */
import type { PdfOutline } from '../ports.js';

/** Normalises a heading title for matching against bookmark titles. */
export function normaliseTitle(title: string): string {
  return title.normalize('NFC').replace(/\s+/g, ' ').trim();
}

/**
 * Chromium doubles every text node of a heading in its bookmark when the heading's glyphs overflow the
 * line box at the top of a page ("2.32.3 Gewichtung Gewichtung" for `<span>2.3</span> Gewichtung`).
 * report.css prevents that (line heights ≥ the font's ascent + descent); this undoes it should it recur.
 */
export function undoubledTitle(title: string): string | undefined {
  const numbered = /^(\d+(?:\.\d+)*)\1 (.+) \2$/.exec(title);
  if (numbered) return `${numbered[1]} ${numbered[2]}`;
  const whole = /^(.+)\1$/.exec(title);
  return whole ? whole[1] : undefined;
}

/** Heading title → 1-based page, from the PDF outline of a first print. The first bookmark of a title wins. */
export function tocPagesFromOutline(outline: readonly PdfOutline[]): Map<string, number> {
  const pages = new Map<string, number>();
  const visit = (nodes: readonly PdfOutline[]): void => {
    for (const node of nodes) {
      const title = normaliseTitle(node.title);
      if (title && Number.isInteger(node.page) && node.page > 0) {
        if (!pages.has(title)) pages.set(title, node.page);
        const single = undoubledTitle(title);
        if (single && !pages.has(single)) pages.set(single, node.page);
      }
      visit(node.children);
    }
  };
  visit(outline);
  return pages;
}

/** Placeholder printed on the first pass; the page number cell has a fixed width, so layout does not move. */
export const PAGE_PLACEHOLDER = '00';

/** The page label of a heading: its page on the second pass, the placeholder on the first, "–" if unknown. */
export function pageLabel(title: string, tocPages: ReadonlyMap<string, number> | undefined): string {
  if (!tocPages) return PAGE_PLACEHOLDER;
  const page = tocPages.get(normaliseTitle(title)) ?? tocPages.get(title);
  return page === undefined ? '–' : String(page);
}
