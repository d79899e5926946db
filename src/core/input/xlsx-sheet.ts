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

const CELL_TYPES: Readonly<Record<string, string>> = {
  s: 's',
  b: 'b',
  e: 'e',
  n: 'n',
  d: 'd',
  str: 'str',
  inlineStr: 'inlineStr',
};

/**
 * Reads `r` (as its column), `s` and `t` of a `<c>` tag and `r` of a `<row>` tag straight from the
 * scanner's text (the hot path: a million rows hold millions of cells): no attribute string is
 * allocated except an unusual cell type.
 */
function tagAttributes(
  src: string,
  from: number,
  to: number,
  out: { col: number; s: number; t: string },
): void {
  out.col = 0;
  out.s = 0;
  out.t = '';
  let i = from;
  while (i < to) {
    let c = src.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < to && (c = src.charCodeAt(i)) !== 61 && c !== 32 && c !== 9 && c !== 10 && c !== 13) i++;
    const nameEnd = i;
    while (i < to && (c = src.charCodeAt(i)) !== 34 && c !== 39) i++;
    if (i >= to) return;
    const valueStart = i + 1;
    const valueEnd = src.indexOf(c === 34 ? '"' : "'", valueStart);
    if (valueEnd < 0 || valueEnd > to) return;
    i = valueEnd + 1;
    if (nameEnd - nameStart !== 1) continue;
    const name = src.charCodeAt(nameStart);
    if (name === 114) {
      // r: letters then digits; the letters are the column (a row's r has only digits).
      let col = 0;
      let num = 0;
      for (let j = valueStart; j < valueEnd; j++) {
        const d = src.charCodeAt(j);
        if (d >= 65 && d <= 90) col = col * 26 + (d - 64);
        else if (d >= 97 && d <= 122) col = col * 26 + (d - 96);
        else if (d >= 48 && d <= 57) num = num * 10 + (d - 48);
      }
      out.col = col > 0 ? col : num;
    } else if (name === 115) {
      let num = 0;
      for (let j = valueStart; j < valueEnd; j++) {
        const d = src.charCodeAt(j);
        if (d >= 48 && d <= 57) num = num * 10 + (d - 48);
      }
      out.s = num;
    } else if (name === 116) {
      const len = valueEnd - valueStart;
      const first = src.charCodeAt(valueStart);
      out.t =
        len === 1 && first === 115
          ? 's'
          : len === 1 && first === 110
            ? 'n'
            : (CELL_TYPES[src.slice(valueStart, valueEnd)] ?? src.slice(valueStart, valueEnd));
    }
  }
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
  const attrs = { col: 0, s: 0, t: '' };

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
    open() {},
    openAt(name, src, from, to, selfClosing) {
      switch (name) {
        case 'row': {
          tagAttributes(src, from, to, attrs);
          rowNumber = attrs.col > 0 ? attrs.col : rowNumber + 1;
          cells = [];
          nonEmpty = false;
          col = 0;
          return;
        }
        case 'c': {
          tagAttributes(src, from, to, attrs);
          col = attrs.col > 0 ? attrs.col : col + 1;
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
          const m = /(?:^|\s)ref\s*=\s*["']([^"']+)["']/.exec(src.slice(from, to));
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
