/**
 * Repairs two places where Chromium's structure tree breaks the element syntax of ISO 32000-1 Table 336
 * (Matterhorn 09-004 tables, 09-005 lists):
 *
 * - A list item (LI) holds its content directly (`LI > NonStruct`, `LI > Link`, even bare MCIDs); the
 *   syntax allows only Lbl and LBody. Everything after the label moves into a new LBody.
 * - A Table holds marked content of its own: the borders and backgrounds Chromium paints for the table
 *   element. A Table may hold only TR, THead, TBody, TFoot and Caption; that content is decoration, so it
 *   becomes an artifact (the content pass rewrites its BDC, the parent tree forgets it).
 */
import type { PdfEditor, PdfFile } from './pdf-file.js';
import { elementsOfType, type MarkedRef } from './structure.js';
import {
  entry,
  parseArray,
  parseDictionary,
  parseRef,
  refText,
  withEntry,
  writeDictionary,
  type ParsedDictionary,
} from './syntax.js';

/** Pending changes to the parent tree's arrays: array object → MCID index → new value. */
export class ParentTreeEdits {
  private readonly arrays = new Map<number, Map<number, string>>();
  private readonly pageKeys = new Map<number, number>();
  private readonly nums: string[];

  constructor(
    private readonly file: PdfFile,
    private readonly parentTree: ParsedDictionary | undefined,
  ) {
    // Skia writes a flat number tree; a tree with /Kids is left alone (no edits possible, none made).
    this.nums = parentTree ? (file.resolveArray(entry(parentTree, 'Nums')) ?? []) : [];
    for (let i = 0; i + 1 < this.nums.length; i += 2) {
      const ref = parseRef(this.nums[i + 1]);
      if (ref) this.pageKeys.set(Number(this.nums[i]), ref.num);
    }
  }

  private arrayOf(page: number): number | undefined {
    return this.pageKeys.get(Number(entry(this.file.dict(page), 'StructParents')));
  }

  /** Whether the marked content of `page` can be re-parented here. */
  covers(page: number): boolean {
    return this.arrayOf(page) !== undefined;
  }

  /** Sets the parent of marked content `mcid` on `page` (an element reference, or `null`). */
  set(page: number, mcid: number, value: string): boolean {
    const array = this.arrayOf(page);
    if (array === undefined) return false;
    let edits = this.arrays.get(array);
    if (!edits) this.arrays.set(array, (edits = new Map()));
    edits.set(mcid, value);
    return true;
  }

  apply(editor: PdfEditor): void {
    for (const [array, edits] of this.arrays) {
      const items = parseArray(editor.value(array));
      for (const [i, v] of edits) if (i < items.length) items[i] = v;
      editor.set(array, { body: `[${items.join(' ')}]` });
    }
  }
}

function dictOf(editor: PdfEditor, num: number): ParsedDictionary {
  return parseDictionary(editor.value(num));
}

function kidsOf(dict: ParsedDictionary): string[] {
  const k = entry(dict, 'K');
  if (k === undefined) return [];
  return k.trim().startsWith('[') ? parseArray(k) : [k];
}

/**
 * Applies both repairs through `editor` and `parentTree`. Returns the marked content that must become an
 * artifact in the page content.
 */
export function repairStructureSyntax(
  file: PdfFile,
  editor: PdfEditor,
  parentTree: ParentTreeEdits,
): MarkedRef[] {
  const artifacts: MarkedRef[] = [];

  for (const li of elementsOfType(file, 'LI')) {
    const dict = dictOf(editor, li);
    const kids = kidsOf(dict);
    const type = (kid: string): string | undefined => {
      const ref = parseRef(kid);
      return ref && file.has(ref.num) ? entry(dictOf(editor, ref.num), 'S') : undefined;
    };
    const labels = kids.filter((k) => type(k) === '/Lbl');
    const body = kids.filter((k) => type(k) !== '/Lbl');
    if (body.length === 0 || (body.length === 1 && type(body[0] as string) === '/LBody')) continue;
    const pg = entry(dict, 'Pg');
    const lbody = editor.add({ body: '<<>>' });
    const lbodyRef = refText({ num: lbody, gen: 0 });
    const entries: [string, string][] = [
      ['Type', '/StructElem'],
      ['S', '/LBody'],
      ['P', refText({ num: li, gen: file.genOf(li) })],
      ['K', `[${body.join(' ')}]`],
    ];
    if (pg !== undefined) entries.push(['Pg', pg]);
    editor.set(lbody, { body: writeDictionary(entries) });
    for (const kid of body) {
      const ref = parseRef(kid);
      if (/^\d+$/.test(kid.trim())) {
        const page = parseRef(pg)?.num;
        if (page !== undefined) parentTree.set(page, Number(kid), lbodyRef);
      } else if (ref && file.has(ref.num)) {
        const kd = dictOf(editor, ref.num);
        const kt = entry(kd, 'Type');
        if (kt === '/MCR') {
          const page = parseRef(entry(kd, 'Pg') ?? pg)?.num;
          if (page !== undefined) parentTree.set(page, Number(entry(kd, 'MCID')), lbodyRef);
        } else if (kt !== '/OBJR') {
          editor.set(ref.num, { body: writeDictionary(withEntry(kd.entries, 'P', lbodyRef)) });
        }
      } else if (kid.trim().startsWith('<<')) {
        const kd = parseDictionary(kid);
        if (entry(kd, 'Type') === '/MCR') {
          const page = parseRef(entry(kd, 'Pg') ?? pg)?.num;
          if (page !== undefined) parentTree.set(page, Number(entry(kd, 'MCID')), lbodyRef);
        }
      }
    }
    editor.set(li, {
      body: writeDictionary(withEntry(dict.entries, 'K', `[${[...labels, lbodyRef].join(' ')}]`)),
    });
  }

  for (const table of elementsOfType(file, 'Table')) {
    const dict = dictOf(editor, table);
    const kids = kidsOf(dict);
    const pg = parseRef(entry(dict, 'Pg'))?.num;
    const keep: string[] = [];
    const own: MarkedRef[] = [];
    for (const kid of kids) {
      const t = kid.trim();
      if (/^\d+$/.test(t)) {
        if (pg !== undefined) own.push({ page: pg, mcid: Number(t) });
        continue;
      }
      const kd = t.startsWith('<<')
        ? parseDictionary(t)
        : file.has(parseRef(t)?.num ?? -1)
          ? dictOf(editor, parseRef(t)?.num as number)
          : undefined;
      if (kd && entry(kd, 'Type') === '/MCR') {
        const page = parseRef(entry(kd, 'Pg'))?.num ?? pg;
        if (page !== undefined) own.push({ page, mcid: Number(entry(kd, 'MCID')) });
        continue;
      }
      keep.push(kid);
    }
    // Only what the parent tree can forget becomes an artifact; otherwise the table stays as it is.
    if (own.length === 0 || !own.every((m) => parentTree.covers(m.page))) continue;
    for (const m of own) parentTree.set(m.page, m.mcid, 'null');
    artifacts.push(...own);
    editor.set(table, { body: writeDictionary(withEntry(dict.entries, 'K', `[${keep.join(' ')}]`)) });
  }
  return artifacts;
}
