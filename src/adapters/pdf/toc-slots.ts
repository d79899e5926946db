/**
 * The table of contents' page numbers: each TOC entry's slot holds placeholder digits (src/core/report/toc.ts);
 * these edits replace its glyphs with the page of the link's target, right-aligned in the slot.
 */
import type { ContentEdit, GlyphRun, PageAnalysis } from './page-content.js';
import type { LinkInfo } from './links.js';
import type { MarkedRef } from './structure.js';
import { codesOf, hexCode, type ToUnicode } from './to-unicode.js';

export class PdfFinishError extends Error {
  override readonly name = 'PdfFinishError';
}

/** The content edits that print each TOC entry's target page into its slot. */
export function slotEdits(
  links: readonly LinkInfo[],
  runsOf: (marks: readonly MarkedRef[]) => { page: number; run: GlyphRun }[],
  toUnicodeOf: (page: number, font: string) => ToUnicode | undefined,
  analyses: ReadonlyMap<number, { stream: number; analysis: PageAnalysis }[]>,
): { stream: number; edit: ContentEdit }[] {
  const slots = links
    .filter((l) => l.slot.length > 0)
    .map((l) => ({ link: l, runs: runsOf(l.slot) }))
    .filter((s) => s.runs.length > 0);
  // Digit → code per font, from the placeholders themselves (tabular digits: the same advance for each).
  const digits = new Map<string, Map<string, number>>();
  const decoded = slots.map((s) =>
    s.runs.map(({ page, run }) => {
      const tu = toUnicodeOf(page, run.font);
      if (!tu) throw new PdfFinishError(`TOC slot: font ${run.font} has no ToUnicode map`);
      const codes = codesOf(run.bytes, tu.codeLength);
      const key = `${page}/${run.font}`;
      let byDigit = digits.get(key);
      if (!byDigit) digits.set(key, (byDigit = new Map()));
      const chars = codes.map((c) => tu.map.get(c) ?? '');
      chars.forEach((ch, i) => {
        if (/^\d$/.test(ch) && !byDigit.has(ch)) byDigit.set(ch, codes[i] as number);
      });
      return { page, run, tu, codes, chars, key };
    }),
  );
  const streamOf = (page: number, run: GlyphRun): number | undefined =>
    (analyses.get(page) ?? []).find((a) => a.analysis.glyphs.includes(run))?.stream;

  const out: { stream: number; edit: ContentEdit }[] = [];
  slots.forEach((s, i) => {
    const runs = decoded[i] ?? [];
    const text = runs.map((r) => r.chars.join('')).join('');
    if (!/^\d+$/.test(text))
      throw new PdfFinishError(
        `TOC slot of ${s.link.destName ?? '?'} does not hold placeholder digits: "${text}"`,
      );
    if (s.link.destPage <= 0) throw new PdfFinishError(`TOC link target ${s.link.destName ?? '?'} not found`);
    const page = String(s.link.destPage);
    if (page.length > text.length)
      throw new PdfFinishError(`TOC slot has ${text.length} digits, page ${page} needs more`);
    const blank = text.length - page.length;
    let k = 0;
    for (const r of runs) {
      const kept: number[] = [];
      let dropped = 0;
      for (let g = 0; g < r.codes.length; g += 1, k += 1) {
        if (k < blank) {
          dropped += 1;
          continue;
        }
        const ch = page[k - blank] as string;
        const code = digits.get(r.key)?.get(ch) ?? [...r.tu.map].find(([, t]) => t === ch)?.[0];
        if (code === undefined)
          throw new PdfFinishError(`TOC slot: font ${r.run.font} has no glyph for ${ch}`);
        kept.push(code);
      }
      // Glyphs are positioned one by one (Td); a string that drops leading glyphs but keeps others would shift them.
      if (dropped > 0 && kept.length > 0)
        throw new PdfFinishError('TOC slot: a shown string mixes dropped and kept digits');
      const hex = kept.map((c) => hexCode(c, r.tu.codeLength).slice(1, -1)).join('');
      const stream = streamOf(r.page, r.run);
      if (stream === undefined) continue;
      out.push({
        stream,
        edit: { start: r.run.start, end: r.run.end, text: r.run.op === 'TJ' ? `[<${hex}>]` : `<${hex}>` },
      });
    }
  });
  return out;
}
