/**
 * Page numbers for the table of contents, in one print. Chromium cannot resolve `target-counter()`, so
 * the TOC is printed with placeholder digits in slots of fixed width (tabular digits, right-aligned) and
 * the printer replaces each slot's glyphs with the page its link points to (src/adapters/pdf/finish.ts).
 * Since only glyphs inside a slot of unchanged width change, nothing reflows.
 *
 * The placeholders cycle through 0–9 within each TOC level (chapters are bold, sections regular: two
 * fonts), so that the embedded font subsets hold every digit the printer may need.
 */

/** Digits per slot: enough for 999 pages. */
export const PAGE_SLOT_DIGITS = 3;

/** The placeholder of each entry, in order: `012`, `345`, `678`, `901`, … restarted per level. */
export function tocPlaceholders(levels: readonly number[]): string[] {
  const next = new Map<number, number>();
  return levels.map((level) => {
    const start = next.get(level) ?? 0;
    next.set(level, start + PAGE_SLOT_DIGITS);
    let digits = '';
    for (let i = 0; i < PAGE_SLOT_DIGITS; i += 1) digits += String((start + i) % 10);
    return digits;
  });
}

const SLOT =
  /(<a class="toc-title" href="#([^"]+)">[^<]*<\/a><span class="toc-dots" aria-hidden="true"><\/span><span class="toc-page">)(\d+)(<\/span>)/g;

/**
 * The HTML with the page of each TOC entry's target in its slot (what the printer put into the PDF);
 * "–" for a target without a page.
 */
export function fillTocPages(html: string, pages: ReadonlyMap<string, number>): string {
  return html.replace(SLOT, (_m, head: string, id: string, _digits: string, tail: string) => {
    const page = pages.get(id);
    return `${head}${page === undefined ? '–' : String(page)}${tail}`;
  });
}
