/**
 * The parts of an XLSX package around the sheets (ECMA-376 Part 1, §18.2–18.8): where the
 * workbook is, its sheets (name, visibility, path), the date system, which cell styles are dates,
 * and the shared strings. Everything is read with the streaming scanner; the shared strings are
 * the only part kept in memory as a whole (one string per distinct text).
 */
import type { Entry } from 'yauzl';
import { attribute, parseAttributes, XmlScanner, type XmlHandler } from './xml-scan.js';
import type { ZipArchive } from './zip-read.js';

export interface SheetRef {
  readonly name: string;
  readonly visible: boolean;
  /** Path of the sheet part inside the package, e.g. `xl/worksheets/sheet1.xml`. */
  readonly path: string;
}

export interface WorkbookInfo {
  readonly sheets: readonly SheetRef[];
  readonly date1904: boolean;
  /** Per cell style index (`s` attribute): whether its number format shows a date or time. */
  readonly dateStyles: readonly boolean[];
  readonly sharedStrings: readonly string[];
}

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;

/** Joins a relationship target to the folder of its source part; `/x` is absolute. */
export function resolvePartPath(sourcePart: string, target: string): string {
  const base = target.startsWith('/') ? [] : sourcePart.split('/').slice(0, -1);
  for (const seg of target.replace(/^\/+/, '').split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') base.pop();
    else base.push(seg);
  }
  return base.join('/');
}

function relsPathOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

/** Finds an entry by path, tolerating the case differences some writers produce. */
export function findEntry(zip: ZipArchive, path: string): Entry | undefined {
  const exact = zip.entries.get(path);
  if (exact) return exact;
  const lower = path.toLowerCase();
  for (const [name, entry] of zip.entries) if (name.toLowerCase() === lower) return entry;
  return undefined;
}

/** Streams one part through a handler; a missing part is simply skipped. */
export async function scanPart(zip: ZipArchive, path: string, handler: XmlHandler): Promise<boolean> {
  const entry = findEntry(zip, path);
  if (!entry) return false;
  const scanner = new XmlScanner(handler);
  await zip.readText(entry, (text) => scanner.write(text));
  scanner.end();
  return true;
}

interface Relationship {
  readonly type: string;
  readonly target: string;
}

async function readRels(zip: ZipArchive, part: string): Promise<Map<string, Relationship>> {
  const rels = new Map<string, Relationship>();
  await scanPart(zip, relsPathOf(part), {
    capture: false,
    open(name, attrs) {
      if (name !== 'Relationship') return;
      const a = parseAttributes(attrs);
      const id = a.get('Id');
      const target = a.get('Target');
      if (id !== undefined && target !== undefined && a.get('TargetMode') !== 'External')
        rels.set(id, { type: a.get('Type') ?? '', target: resolvePartPath(part, target) });
    },
    close() {},
    text() {},
  });
  return rels;
}

/** Built-in number formats that show dates or times (ECMA-376 Part 1, §18.8.30, and the East Asian ones). */
const BUILTIN_DATE_FORMATS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** Whether a format code shows a date or time: d, m, y, h, s or b outside quotes and brackets (as ExcelJS decides). */
export function isDateFormat(code: string): boolean {
  const bare = code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]/.test(bare.replace(/\\./g, ''));
}

async function readStyles(zip: ZipArchive, path: string | undefined): Promise<boolean[]> {
  if (path === undefined) return [];
  const custom = new Map<number, boolean>();
  const xfFormats: number[] = [];
  let inCellXfs = false;
  await scanPart(zip, path, {
    capture: false,
    open(name, attrs) {
      if (name === 'numFmt') {
        const a = parseAttributes(attrs);
        const id = Number(a.get('numFmtId'));
        if (Number.isInteger(id)) custom.set(id, isDateFormat(a.get('formatCode') ?? ''));
      } else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) xfFormats.push(Number(attribute(attrs, 'numFmtId') ?? 0));
    },
    close(name) {
      if (name === 'cellXfs') inCellXfs = false;
    },
    text() {},
  });
  return xfFormats.map((id) => custom.get(id) ?? BUILTIN_DATE_FORMATS.has(id));
}

/** OOXML escapes characters XML cannot hold as `_xHHHH_` (ECMA-376 Part 1, §22.9.2.19). */
export function decodeOoxmlEscapes(text: string): string {
  if (text.indexOf('_x') < 0) return text;
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

async function readSharedStrings(zip: ZipArchive, path: string | undefined): Promise<string[]> {
  if (path === undefined) return [];
  const strings: string[] = [];
  let current = '';
  let inSi = false;
  let phonetic = 0;
  const handler: XmlHandler = {
    capture: false,
    open(name) {
      if (name === 'si') {
        inSi = true;
        current = '';
      } else if (name === 'rPh') phonetic++;
      else if (name === 't' && inSi && phonetic === 0) handler.capture = true;
    },
    close(name) {
      if (name === 't') handler.capture = false;
      else if (name === 'rPh') phonetic--;
      else if (name === 'si') {
        strings.push(decodeOoxmlEscapes(current));
        inSi = false;
      }
    },
    text(t) {
      current += t;
    },
  };
  await scanPart(zip, path, handler);
  return strings;
}

/** Reads the workbook structure; null when the package has no workbook part. */
export async function readWorkbook(zip: ZipArchive): Promise<WorkbookInfo | null> {
  const rootRels = await readRels(zip, '');
  let workbookPath = [...rootRels.values()].find((r) => REL_OFFICE_DOCUMENT.test(r.type))?.target;
  if (workbookPath === undefined || !findEntry(zip, workbookPath)) workbookPath = 'xl/workbook.xml';
  if (!findEntry(zip, workbookPath)) return null;

  const declared: { name: string; visible: boolean; rid: string | undefined }[] = [];
  let date1904 = false;
  await scanPart(zip, workbookPath, {
    capture: false,
    open(name, attrs) {
      if (name === 'sheet') {
        const a = parseAttributes(attrs);
        let rid: string | undefined;
        for (const [k, v] of a) if (k !== 'id' && k.endsWith(':id')) rid = v;
        const state = a.get('state');
        declared.push({
          name: a.get('name') ?? '',
          visible: state !== 'hidden' && state !== 'veryHidden',
          rid,
        });
      } else if (name === 'workbookPr') {
        const v = attribute(attrs, 'date1904');
        date1904 = v === '1' || v === 'true';
      }
    },
    close() {},
    text() {},
  });
  const rels = await readRels(zip, workbookPath);
  const sheets: SheetRef[] = [];
  declared.forEach((d, i) => {
    const rel = d.rid !== undefined ? rels.get(d.rid) : undefined;
    const path = rel?.target ?? resolvePartPath(workbookPath, `worksheets/sheet${i + 1}.xml`);
    if (findEntry(zip, path)) sheets.push({ name: d.name, visible: d.visible, path });
  });
  const relOf = (suffix: string): string | undefined =>
    [...rels.values()].find((r) => r.type.endsWith(suffix))?.target;
  const stylesPath = relOf('/styles') ?? resolvePartPath(workbookPath, 'styles.xml');
  const stringsPath = relOf('/sharedStrings') ?? resolvePartPath(workbookPath, 'sharedStrings.xml');
  const [dateStyles, sharedStrings] = [
    await readStyles(zip, findEntry(zip, stylesPath) ? stylesPath : undefined),
    await readSharedStrings(zip, findEntry(zip, stringsPath) ? stringsPath : undefined),
  ];
  return { sheets, date1904, dateStyles, sharedStrings };
}
