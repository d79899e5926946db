/**
 * Streams one worksheet part (ECMA-376 Part 1, §18.3) into rows of normalised cells. The row limit
 * is enforced while reading: as soon as the sheet holds more non-empty rows than allowed, reading
 * stops and nothing more is inflated. Cell values follow the same rules as ever (engineering notes
 * §6.5): cached formula results, never evaluation; dates in either date system as `YYYY-MM-DD`;
 * error values as their text (`#DIV/0!`).
 */
import { columnLetter } from './messages.js';
import type { Cell } from './table.js';
import { decodeOoxmlEscapes, scanPart, type WorkbookInfo } from './xlsx-package.js';
import { excelSerialToIso } from './xlsx-cell.js';
import type { XmlHandler } from './xml-scan.js';
import type { ZipArchive } from './zip-read.js';

export type NoteKind = 'formula-no-result' | 'date-nonexistent' | 'unsupported-cell';

export interface CellNote {
  readonly kind: NoteKind;
  readonly row: number;
  readonly col: number;
  readonly value: string;
}

/** One worksheet row as cells indexed by column - 1. */
export interface GridRow {
  readonly rowNumber: number;
  readonly cells: Cell[];
}

/** A merged range, 1-based and inclusive. */
export interface MergeRange {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export interface SheetRows {
  readonly rows: GridRow[];
  readonly merges: MergeRange[];
  readonly notes: CellNote[];
  /** Address of the first formula cell, e.g. `D5`. */
  readonly firstFormula: string | null;
  /** More non-empty rows than `maxRows`: reading stopped early and `rows` is incomplete. */
  readonly tooManyRows: boolean;
}

/** Excel's last column (XFD). */
const MAX_COLUMN = 16_384;

/** `AB12` → column 28 (1-based), 0 when there are no letters. */
export function columnOf(ref: string): number {
  let col = 0;
  for (let i = 0; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return col;
}

function rowOf(ref: string): number {
  const m = /\d+$/.exec(ref);
  return m ? Number(m[0]) : 0;
}

function parseRange(ref: string): MergeRange | null {
  const [a = '', b = a] = ref.split(':');
  const top = rowOf(a);
  const left = columnOf(a);
  const bottom = rowOf(b);
  const right = columnOf(b);
  if (top < 1 || left < 1 || bottom < top || right < left) return null;
  return { top, left, bottom, right };
}

/** Reads `r`, `s` and `t` of a `<c>` tag without building a map (the hot path). */
function cellAttributes(attrs: string, out: { r: string; s: number; t: string }): void {
  out.r = '';
  out.s = 0;
  out.t = '';
  let i = 0;
  const n = attrs.length;
  while (i < n) {
    const eq = attrs.indexOf('=', i);
    if (eq < 0) break;
    const name = attrs.slice(i, eq).trim();
    let q = eq + 1;
    while (q < n && attrs.charCodeAt(q) !== 34 && attrs.charCodeAt(q) !== 39) q++;
    if (q >= n) break;
    const end = attrs.indexOf(attrs[q] as string, q + 1);
    if (end < 0) break;
    const value = attrs.slice(q + 1, end);
    if (name === 'r') out.r = value;
    else if (name === 's') out.s = Number(value) || 0;
    else if (name === 't') out.t = value;
    i = end + 1;
  }
}

/** The `r` attribute of a `<row>` tag (its 1-based number), 0 when absent. */
function rowAttribute(attrs: string): number {
  let i = attrs.indexOf('r=');
  while (i > 0 && !/\s/.test(attrs[i - 1] as string)) i = attrs.indexOf('r=', i + 2);
  if (i < 0) return 0;
  let n = 0;
  for (let j = i + 3; j < attrs.length; j++) {
    const c = attrs.charCodeAt(j);
    if (c < 48 || c > 57) break;
    n = n * 10 + (c - 48);
  }
  return n;
}

function trimmed(text: string): string | null {
  const t = text.trim();
  return t.length === 0 ? null : t;
}

export interface SheetReadOptions {
  /** Stop after this many non-empty rows (the caller adds its header allowance). */
  readonly maxRows: number;
}

/** Streams the sheet at `path`; throws XmlSyntaxError or a ZIP error on a damaged part. */
export async function readSheetRows(
  zip: ZipArchive,
  path: string,
  book: WorkbookInfo,
  options: SheetReadOptions,
): Promise<SheetRows> {
  const rows: GridRow[] = [];
  const merges: MergeRange[] = [];
  const notes: CellNote[] = [];
  let firstFormula: string | null = null;
  let tooManyRows = false;

  const { dateStyles, sharedStrings, date1904 } = book;
  const attrs = { r: '', s: 0, t: '' };

  let rowNumber = 0;
  let cells: Cell[] = [];
  let nonEmpty = false;
  let col = 0;
  let type = '';
  let style = 0;
  let value = '';
  let hasValue = false;
  let hasFormula = false;
  let inline = '';
  let inInline = false;
  let phonetic = 0;
  let target: 'v' | 't' | null = null;

  const addNote = (kind: NoteKind, noteValue = ''): void => {
    notes.push({ kind, row: rowNumber, col, value: noteValue });
  };

  const numberCell = (raw: string): Cell => {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n)) {
      addNote('unsupported-cell');
      return null;
    }
    if (dateStyles[style] !== true) return n;
    const date = excelSerialToIso(n, date1904);
    if (date.nonexistent) addNote('date-nonexistent', String(Math.floor(n)));
    else if (date.iso === null) addNote('unsupported-cell');
    return date.iso;
  };

  const finishCell = (): Cell => {
    if (hasFormula && firstFormula === null) firstFormula = `${columnLetter(col)}${rowNumber}`;
    if (type === 'inlineStr') return trimmed(decodeOoxmlEscapes(inline));
    if (!hasValue) {
      if (hasFormula) addNote('formula-no-result');
      return null;
    }
    switch (type) {
      case 's': {
        const idx = Number(value);
        const s = Number.isInteger(idx) ? sharedStrings[idx] : undefined;
        if (s === undefined) {
          addNote('unsupported-cell');
          return null;
        }
        return trimmed(s);
      }
      case 'str':
        return trimmed(decodeOoxmlEscapes(value));
      case 'b':
        return value.trim() === '1' || value.trim() === 'true';
      case 'e':
        return trimmed(value);
      case 'd': {
        const m = /^(\d{4}-\d{2}-\d{2})/.exec(value.trim());
        if (!m) addNote('unsupported-cell');
        return m ? (m[1] as string) : null;
      }
      case '':
      case 'n':
        return numberCell(value);
      default:
        addNote('unsupported-cell');
        return null;
    }
  };

  const handler: XmlHandler = {
    capture: false,
    open(name, raw, selfClosing) {
      switch (name) {
        case 'row': {
          const r = rowAttribute(raw);
          rowNumber = r > 0 ? r : rowNumber + 1;
          cells = [];
          nonEmpty = false;
          col = 0;
          return;
        }
        case 'c': {
          cellAttributes(raw, attrs);
          const c = attrs.r !== '' ? columnOf(attrs.r) : 0;
          col = c > 0 ? c : col + 1;
          if (col > MAX_COLUMN) throw new RangeError('column beyond XFD');
          type = attrs.t;
          style = attrs.s;
          value = '';
          hasValue = false;
          hasFormula = false;
          inline = '';
          inInline = false;
          phonetic = 0;
          return;
        }
        case 'v':
          if (!selfClosing) {
            target = 'v';
            handler.capture = true;
          }
          hasValue = true;
          return;
        case 'f':
          hasFormula = true;
          return;
        case 'is':
          inInline = true;
          return;
        case 'rPh':
          phonetic++;
          return;
        case 't':
          if (inInline && phonetic === 0 && !selfClosing) {
            target = 't';
            handler.capture = true;
          }
          return;
        case 'mergeCell': {
          const m = /(?:^|\s)ref\s*=\s*["']([^"']+)["']/.exec(raw);
          const range = m ? parseRange(m[1] as string) : null;
          if (range) merges.push(range);
          return;
        }
        default:
          return;
      }
    },
    close(name) {
      switch (name) {
        case 'v':
        case 't':
          target = null;
          handler.capture = false;
          return;
        case 'is':
          inInline = false;
          return;
        case 'rPh':
          phonetic--;
          return;
        case 'c': {
          const v = finishCell();
          if (v === null) return;
          while (cells.length < col - 1) cells.push(null);
          cells[col - 1] = v;
          nonEmpty = true;
          return;
        }
        case 'row':
          if (!nonEmpty) return;
          rows.push({ rowNumber, cells });
          if (rows.length > options.maxRows) {
            tooManyRows = true;
            throw new TooManyRows();
          }
          return;
        default:
          return;
      }
    },
    text(t) {
      if (target === 'v') value += t;
      else if (target === 't') inline += t;
    },
  };

  try {
    await scanPart(zip, path, handler);
  } catch (error) {
    if (!(error instanceof TooManyRows)) throw error;
  }
  return { rows, merges, notes, firstFormula, tooManyRows };
}

class TooManyRows extends Error {}
