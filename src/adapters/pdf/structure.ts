/**
 * Reading the logical structure of a Chromium PDF on top of PdfFile: structure elements, their marked
 * content (page + MCID), the parent tree, named destinations and the outline.
 */
import type { PdfOutline } from '../../core/ports.js';
import type { PdfFile } from './pdf-file.js';
import {
  decodeName,
  decodePdfString,
  entry,
  parseArray,
  parseDictionary,
  parseRef,
  type ParsedDictionary,
} from './syntax.js';

/** A piece of marked content: the page object and the MCID on it. */
export interface MarkedRef {
  readonly page: number;
  readonly mcid: number;
}

/** Number of the structure element objects whose /S is `type` (found by their text, checked by parsing). */
export function elementsOfType(file: PdfFile, type: string): number[] {
  const out: number[] = [];
  const re = new RegExp(`/S\\s*/${type}(?![A-Za-z0-9])`, 'g');
  let m: RegExpExecArray | null;
  const seen = new Set<number>();
  while ((m = re.exec(file.text)) !== null) {
    const at = file.text.lastIndexOf('obj', m.index);
    const head = at < 0 ? null : /(\d+)\s+(\d+)\s+$/.exec(file.text.slice(Math.max(0, at - 24), at));
    if (!head) continue;
    const num = Number(head[1]);
    if (seen.has(num) || !file.has(num)) continue;
    seen.add(num);
    try {
      const dict = file.dict(num);
      if (entry(dict, 'S') === `/${type}`) out.push(num);
    } catch {
      // Not a dictionary we can read: not an element of that type.
    }
  }
  return out;
}

/** The kids of a /K value: raw items. */
function kidsOf(k: string | undefined): string[] {
  if (k === undefined) return [];
  return k.trim().startsWith('[') ? parseArray(k) : [k];
}

/** Marked content of a structure element and its descendants, in order. */
export function markedContent(file: PdfFile, elem: number | ParsedDictionary, depth = 0): MarkedRef[] {
  if (depth > 64) return [];
  const dict = typeof elem === 'number' ? file.dict(elem) : elem;
  const pg = parseRef(entry(dict, 'Pg'))?.num;
  const out: MarkedRef[] = [];
  for (const kid of kidsOf(entry(dict, 'K'))) {
    if (/^\d+$/.test(kid)) {
      if (pg !== undefined) out.push({ page: pg, mcid: Number(kid) });
      continue;
    }
    const ref = parseRef(kid);
    const kidDict = ref
      ? file.has(ref.num)
        ? file.resolveDict(kid)
        : undefined
      : kid.startsWith('<<')
        ? parseDictionary(kid)
        : undefined;
    if (!kidDict) continue;
    const type = entry(kidDict, 'Type');
    if (type === '/MCR') {
      const page = parseRef(entry(kidDict, 'Pg'))?.num ?? pg;
      const mcid = Number(entry(kidDict, 'MCID'));
      if (page !== undefined && Number.isInteger(mcid)) out.push({ page, mcid });
    } else if (type !== '/OBJR' && entry(kidDict, 'S') !== undefined) {
      out.push(...markedContent(file, kidDict, depth + 1));
    }
  }
  return out;
}

/** Raw kid items of an element's /K. */
export function elementKids(file: PdfFile, elem: number): string[] {
  return kidsOf(entry(file.dict(elem), 'K'));
}

/** Looks `key` up in a number tree (ISO 32000-1 7.9.7), e.g. the structure parent tree. */
export function numberTreeLookup(
  file: PdfFile,
  node: ParsedDictionary,
  key: number,
  depth = 0,
): string | undefined {
  if (depth > 32) return undefined;
  const nums = file.resolveArray(entry(node, 'Nums'));
  if (nums) {
    for (let i = 0; i + 1 < nums.length; i += 2) if (Number(nums[i]) === key) return nums[i + 1];
    return undefined;
  }
  for (const kid of file.resolveArray(entry(node, 'Kids')) ?? []) {
    const kidDict = file.resolveDict(kid);
    if (!kidDict) continue;
    const limits = file.resolveArray(entry(kidDict, 'Limits'));
    if (limits && (key < Number(limits[0]) || key > Number(limits[1]))) continue;
    const found = numberTreeLookup(file, kidDict, key, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

function nameTreeLookup(file: PdfFile, node: ParsedDictionary, key: string, depth = 0): string | undefined {
  if (depth > 32) return undefined;
  const names = file.resolveArray(entry(node, 'Names'));
  if (names) {
    for (let i = 0; i + 1 < names.length; i += 2)
      if (decodePdfString(names[i] as string) === key) return names[i + 1];
    return undefined;
  }
  for (const kid of file.resolveArray(entry(node, 'Kids')) ?? []) {
    const kidDict = file.resolveDict(kid);
    const found = kidDict ? nameTreeLookup(file, kidDict, key, depth + 1) : undefined;
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Resolves destinations (explicit arrays, names, strings) to page objects. */
export class Destinations {
  private readonly dests = new Map<string, string>();
  private readonly nameTree: ParsedDictionary | undefined;

  constructor(
    private readonly file: PdfFile,
    catalog: ParsedDictionary,
  ) {
    for (const [k, v] of file.resolveDict(entry(catalog, 'Dests'))?.entries ?? [])
      this.dests.set(decodeName(`/${k}`), v);
    const names = file.resolveDict(entry(catalog, 'Names'));
    this.nameTree = names ? file.resolveDict(entry(names, 'Dests')) : undefined;
  }

  /** The name of a named destination (`/Dest /k1-x`, `/Dest (k1-x)`), or undefined for explicit ones. */
  static nameOf(raw: string | undefined): string | undefined {
    if (raw === undefined) return undefined;
    const t = raw.trim();
    if (t.startsWith('/')) return decodeName(t);
    if (t.startsWith('(') || (t.startsWith('<') && !t.startsWith('<<'))) return decodePdfString(t);
    return undefined;
  }

  /** The destination of a link annotation or outline item (/Dest, or /A with /S /GoTo). */
  static of(file: PdfFile, dict: ParsedDictionary): string | undefined {
    const dest = entry(dict, 'Dest');
    if (dest !== undefined) return dest;
    const action = file.resolveDict(entry(dict, 'A'));
    return action && entry(action, 'S') === '/GoTo' ? entry(action, 'D') : undefined;
  }

  /** The page object a destination points to. */
  page(raw: string | undefined): number | undefined {
    if (raw === undefined) return undefined;
    const name = Destinations.nameOf(raw);
    let target: string | undefined = raw;
    if (name !== undefined) {
      target = this.dests.get(name);
      if (target === undefined && this.nameTree) target = nameTreeLookup(this.file, this.nameTree, name);
    }
    const resolved = this.file.resolve(target);
    if (resolved === undefined) return undefined;
    const arrayText = resolved.startsWith('<<')
      ? this.file.resolve(entry(parseDictionary(resolved), 'D'))
      : resolved;
    const first = arrayText?.startsWith('[') ? parseArray(arrayText)[0] : undefined;
    return parseRef(first)?.num;
  }
}

/** The document outline with 1-based pages. */
export function readOutline(
  file: PdfFile,
  catalog: ParsedDictionary,
  pageIndex: ReadonlyMap<number, number>,
): PdfOutline[] {
  const root = file.resolveDict(entry(catalog, 'Outlines'));
  if (!root) return [];
  const dests = new Destinations(file, catalog);
  const seen = new Set<number>();
  const siblings = (firstRaw: string | undefined, depth: number): PdfOutline[] => {
    const out: PdfOutline[] = [];
    let ref = parseRef(firstRaw);
    while (ref && !seen.has(ref.num) && depth < 32) {
      seen.add(ref.num);
      const item = file.dict(ref.num);
      const title = entry(item, 'Title');
      const pageObj = dests.page(Destinations.of(file, item));
      out.push({
        title: title === undefined ? '' : decodePdfString(file.resolve(title) ?? title),
        page: pageObj === undefined ? 0 : (pageIndex.get(pageObj) ?? -1) + 1,
        children: siblings(entry(item, 'First'), depth + 1),
      });
      ref = parseRef(entry(item, 'Next'));
    }
    return out;
  };
  return siblings(entry(root, 'First'), 0);
}
