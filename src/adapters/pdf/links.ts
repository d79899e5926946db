/**
 * The link annotations of a Chromium PDF with what the finishing needs of each: its Link element's marked
 * content (its visible text, for /Contents), its target page, and for a table of contents entry the page
 * slot after the link in the same list item.
 */
import type { PdfFile } from './pdf-file.js';
import { Destinations, elementKids, markedContent, numberTreeLookup, type MarkedRef } from './structure.js';
import { entry, parseRef, type ParsedDictionary } from './syntax.js';

export interface LinkInfo {
  readonly annot: number;
  readonly dict: ParsedDictionary;
  readonly marks: readonly MarkedRef[];
  /** The TOC page slot next to the link (marked content), if any. */
  readonly slot: readonly MarkedRef[];
  readonly destName: string | undefined;
  /** 1-based page of the target, 0 if unknown. */
  readonly destPage: number;
}

/** Every link annotation with its structure element's marked content and, for TOC entries, the page slot. */
export function findLinks(
  file: PdfFile,
  catalog: ParsedDictionary,
  pages: readonly number[],
  dests: Destinations,
  pageIndex: ReadonlyMap<number, number>,
  withSlots: boolean,
): LinkInfo[] {
  const structRoot = file.resolveDict(entry(catalog, 'StructTreeRoot'));
  const parentTree = structRoot ? file.resolveDict(entry(structRoot, 'ParentTree')) : undefined;
  const out: LinkInfo[] = [];
  for (const page of pages) {
    for (const raw of file.resolveArray(entry(file.dict(page), 'Annots')) ?? []) {
      const ref = parseRef(raw);
      if (!ref || !file.has(ref.num)) continue;
      const dict = file.dict(ref.num);
      if (entry(dict, 'Subtype') !== '/Link') continue;
      const sp = Number(entry(dict, 'StructParent'));
      const elem =
        parentTree && Number.isInteger(sp)
          ? parseRef(numberTreeLookup(file, parentTree, sp))?.num
          : undefined;
      const destRaw = Destinations.of(file, dict);
      const target = dests.page(destRaw);
      out.push({
        annot: ref.num,
        dict,
        marks: elem === undefined ? [] : markedContent(file, elem),
        slot: elem !== undefined && withSlots ? slotOf(file, elem) : [],
        destName: Destinations.nameOf(destRaw),
        destPage: target === undefined ? 0 : (pageIndex.get(target) ?? -1) + 1,
      });
    }
  }
  return out;
}

/** The marked content of the elements after the link in its parent (the TOC entry's page number). */
function slotOf(file: PdfFile, linkElem: number): MarkedRef[] {
  const parent = parseRef(entry(file.dict(linkElem), 'P'))?.num;
  if (parent === undefined) return [];
  const kids = elementKids(file, parent);
  const at = kids.findIndex((k) => parseRef(k)?.num === linkElem);
  if (at < 0) return [];
  const out: MarkedRef[] = [];
  for (const kid of kids.slice(at + 1)) {
    const num = parseRef(kid)?.num;
    if (num === undefined || !file.has(num)) continue;
    const dict = file.dict(num);
    if (entry(dict, 'S') === '/Link') break;
    out.push(...markedContent(file, dict));
  }
  return out;
}
