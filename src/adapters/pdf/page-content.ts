/**
 * One pass over a page's content stream that finds what the accessibility post-processing needs:
 *
 * - **untagged runs**: stretches of painting operators that are neither inside a marked-content sequence
 *   with an MCID nor inside an /Artifact sequence. Chromium draws the header and footer templates (and some
 *   decorations: borders, the TOC's dotted leaders) that way; PDF/UA-1 7.1 requires them to be artifacts.
 *   A run never contains BT or ET, so wrapping it in `/Artifact BMC … EMC` keeps marked content and text
 *   objects properly nested.
 * - **boxes**: the area painted inside given MCIDs, in default user space (a Figure's /BBox).
 * - **glyphs**: the strings shown inside given MCIDs, with their byte ranges (link texts, TOC page slots).
 */
import {
  ContentScanner,
  decodeStringToken as decodeString,
  Operand,
  opCode,
  opName,
} from './content-scanner.js';

/** [x0, y0, x1, y1] in the page's default user space. */
export type Box = [number, number, number, number];

type Matrix = [number, number, number, number, number, number];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** a × b (PDF row-vector convention: a point is transformed by a, then by b). */
function multiply(a: Matrix, b: Matrix): Matrix {
  return [
    a[0] * b[0] + a[1] * b[2],
    a[0] * b[1] + a[1] * b[3],
    a[2] * b[0] + a[3] * b[2],
    a[2] * b[1] + a[3] * b[3],
    a[4] * b[0] + a[5] * b[2] + b[4],
    a[4] * b[1] + a[5] * b[3] + b[5],
  ];
}

export interface PagePlan {
  /** MCIDs whose painted area is wanted. */
  readonly boxMcids: ReadonlySet<number>;
  /** MCIDs whose shown strings are wanted. */
  readonly textMcids: ReadonlySet<number>;
  /** MCIDs whose BDC operator's byte range is wanted (to turn them into artifacts). */
  readonly markMcids?: ReadonlySet<number>;
}

export interface GlyphRun {
  readonly mcid: number;
  /** Font resource name of the run (`F6` for `/F6 12 Tf`). */
  readonly font: string;
  /** The shown string's bytes (for TJ: its strings concatenated). */
  readonly bytes: Uint8Array;
  readonly op: 'Tj' | 'TJ' | "'" | '"';
  /** Byte range of the string operand (the array for TJ). */
  readonly start: number;
  readonly end: number;
}

export interface PageAnalysis {
  readonly untagged: readonly (readonly [number, number])[];
  readonly boxes: ReadonlyMap<number, Box>;
  readonly glyphs: readonly GlyphRun[];
  /** Byte range of the BDC operator (operands included) of each MCID in `markMcids`. */
  readonly marks: ReadonlyMap<number, readonly [number, number]>;
}

const codes = (ops: readonly string[]): ReadonlySet<number> => new Set(ops.map(opCode));
const PATH_PAINT = codes(['f', 'F', 'f*', 'B', 'B*', 'b', 'b*', 'S', 's']);
const TEXT_SHOW = codes(['Tj', 'TJ', "'", '"']);
const PAINT = new Set([...PATH_PAINT, ...TEXT_SHOW, ...codes(['Do', 'sh', 'BI'])]);
const [BDC, BMC, EMC, BT, ET, q, Q, cm, Tf, Tm, Td, TD, TL, Tstar, re, m, l, c, v, y, n, Do, TJ, Tj] = [
  'BDC',
  'BMC',
  'EMC',
  'BT',
  'ET',
  'q',
  'Q',
  'cm',
  'Tf',
  'Tm',
  'Td',
  'TD',
  'TL',
  'T*',
  're',
  'm',
  'l',
  'c',
  'v',
  'y',
  'n',
  'Do',
  'TJ',
  'Tj',
].map(opCode) as number[];

interface Marked {
  readonly mcid: number;
  /** MCID or /Artifact: the content inside is accounted for. */
  readonly tagged: boolean;
}

export class ContentStructureError extends Error {
  override readonly name = 'ContentStructureError';
}

function extend(box: Box | undefined, x: number, y: number): Box {
  if (!box) return [x, y, x, y];
  if (x < box[0]) box[0] = x;
  if (y < box[1]) box[1] = y;
  if (x > box[2]) box[2] = x;
  if (y > box[3]) box[3] = y;
  return box;
}

export function analysePage(data: Uint8Array, plan: PagePlan): PageAnalysis {
  const sc = new ContentScanner(data);
  const untagged: [number, number][] = [];
  const boxes = new Map<number, Box>();
  const glyphs: GlyphRun[] = [];
  const marks = new Map<number, [number, number]>();
  const wantBoxes = plan.boxMcids.size > 0;

  const stack: Marked[] = [];
  let taggedDepth = 0;
  /** Innermost MCID on the stack, -1 if none. */
  let mcid = -1;
  let runStart = 0;
  let runPainted = false;

  let ctm: Matrix = IDENTITY;
  const ctmStack: Matrix[] = [];
  /** The text line matrix, changed in place (Td runs once per glyph in Chromium's output); glyph advances are not followed. */
  const tlm = new Float64Array([1, 0, 0, 1, 0, 0]);
  let leading = 0;
  let font = '';
  let fontSize = 0;
  let path: Box | undefined;

  const flush = (end: number): void => {
    if (runPainted && end > runStart) untagged.push([runStart, end]);
    runPainted = false;
  };
  const innermostMcid = (): number => {
    for (let i = stack.length - 1; i >= 0; i -= 1)
      if ((stack[i] as Marked).mcid >= 0) return (stack[i] as Marked).mcid;
    return -1;
  };
  const addPoint = (x: number, y: number): void => {
    path = extend(path, x * ctm[0] + y * ctm[2] + ctm[4], x * ctm[1] + y * ctm[3] + ctm[5]);
  };
  const addToBox = (box: Box | undefined): void => {
    if (!box || mcid < 0 || !plan.boxMcids.has(mcid)) return;
    let target = boxes.get(mcid);
    target = extend(target, box[0], box[1]);
    target = extend(target, box[2], box[3]);
    boxes.set(mcid, target);
  };
  /** Td: a translation of the line matrix in text space (no allocation: it runs once per glyph). */
  const nextLine = (tx: number, ty: number): void => {
    tlm[4] = (tlm[4] as number) + tx * (tlm[0] as number) + ty * (tlm[2] as number);
    tlm[5] = (tlm[5] as number) + tx * (tlm[1] as number) + ty * (tlm[3] as number);
  };
  /** Approximate area of `glyphCount` glyphs at the text position (0.6 em wide, descender to ascender). */
  const textBox = (glyphCount: number): Box | undefined => {
    const tm = [...tlm] as Matrix;
    const trm = multiply([fontSize, 0, 0, fontSize, 0, 0], multiply(tm, ctm));
    let box: Box | undefined;
    const w = Math.max(1, glyphCount) * 0.6;
    for (const [x, y] of [
      [0, -0.25],
      [w, -0.25],
      [0, 1],
      [w, 1],
    ] as const)
      box = extend(box, x * trm[0] + y * trm[2] + trm[4], x * trm[1] + y * trm[3] + trm[5]);
    return box;
  };

  sc.scan((op, opStart, opEnd) => {
    switch (op) {
      case BDC:
      case BMC: {
        const tag = sc.count > 0 && sc.kind(0) === Operand.Name ? sc.name(0) : '';
        let id = -1;
        if (op === BDC && sc.count > 1 && sc.kind(1) === Operand.Dictionary) {
          const m = /\/MCID\s+(\d+)/.exec(sc.text(1));
          if (m) id = Number(m[1]);
        }
        const tagged = id >= 0 || tag === 'Artifact';
        if (tagged && stack.length > 0 && taggedDepth === 0)
          throw new ContentStructureError('tagged content inside an untagged marked-content sequence');
        if (tagged && stack.length === 0) flush(opStart);
        stack.push({ mcid: id, tagged });
        if (tagged) taggedDepth += 1;
        if (id >= 0) mcid = id;
        if (id >= 0 && plan.markMcids?.has(id)) marks.set(id, [opStart, opEnd]);
        return;
      }
      case EMC: {
        const top = stack.pop();
        if (!top) throw new ContentStructureError('EMC without BMC/BDC');
        if (top.tagged) taggedDepth -= 1;
        if (top.mcid >= 0) mcid = innermostMcid();
        if (stack.length === 0 && top.tagged) {
          runStart = opEnd;
          runPainted = false;
        }
        return;
      }
      case BT:
        tlm.set(IDENTITY);
        if (stack.length === 0) {
          flush(opStart);
          runStart = opEnd;
        }
        return;
      case ET:
        if (stack.length === 0) {
          flush(opStart);
          runStart = opEnd;
        }
        return;
      case q:
        ctmStack.push(ctm);
        return;
      case Q:
        ctm = ctmStack.pop() ?? IDENTITY;
        return;
      case cm:
        if (wantBoxes && sc.count >= 6)
          ctm = multiply([sc.num(0), sc.num(1), sc.num(2), sc.num(3), sc.num(4), sc.num(5)], ctm);
        return;
      default:
        break;
    }
    if (taggedDepth === 0 && PAINT.has(op)) runPainted = true;
    // Geometry is only followed on pages that ask for boxes.
    if (!wantBoxes && plan.textMcids.size === 0) return;
    const inText = mcid >= 0 && plan.textMcids.has(mcid);
    const inBox = wantBoxes && mcid >= 0 && plan.boxMcids.has(mcid);
    switch (op) {
      case Tf:
        if (sc.count >= 2) {
          font = sc.name(0);
          fontSize = sc.num(1);
        }
        return;
      case Tm:
        if (wantBoxes && sc.count >= 6) {
          for (let k = 0; k < 6; k += 1) tlm[k] = sc.num(k);
        }
        return;
      case Td:
        if (wantBoxes && sc.count >= 2) nextLine(sc.num(0), sc.num(1));
        return;
      case TD:
        if (sc.count >= 2) {
          leading = -sc.num(1);
          nextLine(sc.num(0), sc.num(1));
        }
        return;
      case TL:
        if (sc.count >= 1) leading = sc.num(0);
        return;
      case Tstar:
        nextLine(0, -leading);
        return;
      case re:
        if (sc.count >= 4) {
          const [x, y, w, h] = [sc.num(0), sc.num(1), sc.num(2), sc.num(3)];
          addPoint(x, y);
          addPoint(x + w, y);
          addPoint(x, y + h);
          addPoint(x + w, y + h);
        }
        return;
      case m:
      case l:
        if (sc.count >= 2) addPoint(sc.num(0), sc.num(1));
        return;
      case c:
        if (sc.count >= 6) for (let i = 0; i < 6; i += 2) addPoint(sc.num(i), sc.num(i + 1));
        return;
      case v:
      case y:
        if (sc.count >= 4) for (let i = 0; i < 4; i += 2) addPoint(sc.num(i), sc.num(i + 1));
        return;
      case n:
        path = undefined;
        return;
      case Do:
        if (inBox) {
          let box: Box | undefined;
          for (const [x, y] of [
            [0, 0],
            [1, 0],
            [0, 1],
            [1, 1],
          ] as const)
            box = extend(box, x * ctm[0] + y * ctm[2] + ctm[4], x * ctm[1] + y * ctm[3] + ctm[5]);
          addToBox(box);
        }
        return;
      default:
        break;
    }
    if (PATH_PAINT.has(op)) {
      if (inBox) addToBox(path);
      path = undefined;
      return;
    }
    if (TEXT_SHOW.has(op)) {
      const i = op === TJ || op === Tj ? 0 : sc.count - 1;
      if (i > 0) nextLine(0, -leading);
      let bytes: Uint8Array = new Uint8Array(0);
      if (sc.count > i && (inText || inBox)) {
        if (op === TJ && sc.kind(i) === Operand.Array) bytes = arrayStrings(sc.data, sc.start(i), sc.end(i));
        else if (sc.kind(i) === Operand.String || sc.kind(i) === Operand.HexString) bytes = sc.stringBytes(i);
      }
      if (inBox) addToBox(textBox(bytes.length / 2));
      if (inText && sc.count > i)
        glyphs.push({
          mcid,
          font,
          bytes,
          op: opName(op) as GlyphRun['op'],
          start: sc.start(i),
          end: sc.end(i),
        });
    }
  });
  if (stack.length > 0) throw new ContentStructureError('unbalanced marked content at the end of the stream');
  flush(data.length);
  return { untagged, boxes, glyphs, marks };
}

/** The concatenated strings of a TJ array operand. */
function arrayStrings(data: Uint8Array, start: number, end: number): Uint8Array {
  const parts: Uint8Array[] = [];
  const d = data.subarray(start + 1, end - 1);
  let p = 0;
  while (p < d.length) {
    const c = d[p];
    if (c === 0x28 || (c === 0x3c && d[p + 1] !== 0x3c)) {
      const s = p;
      if (c === 0x28) {
        let depth = 0;
        for (; p < d.length; p += 1) {
          if (d[p] === 0x5c) {
            p += 1;
            continue;
          }
          if (d[p] === 0x28) depth += 1;
          else if (d[p] === 0x29 && --depth === 0) break;
        }
      } else {
        while (p < d.length && d[p] !== 0x3e) p += 1;
      }
      p += 1;
      parts.push(decodeString(d, s, p));
    } else {
      p += 1;
    }
  }
  return Buffer.concat(parts);
}

export interface ContentEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Applies non-overlapping edits (an insertion has start === end) to a content stream. */
export function editContent(data: Uint8Array, edits: readonly ContentEdit[]): Uint8Array {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: Uint8Array[] = [];
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new ContentStructureError('overlapping content edits');
    parts.push(data.subarray(at, e.start), Buffer.from(e.text, 'latin1'));
    at = e.end;
  }
  parts.push(data.subarray(at));
  return Buffer.concat(parts);
}

/** The edits that wrap every untagged run in `/Artifact BMC … EMC`. */
export function artifactEdits(untagged: PageAnalysis['untagged']): ContentEdit[] {
  return untagged.flatMap(([start, end]) => [
    { start, end: start, text: '\n/Artifact BMC\n' },
    { start: end, end, text: '\nEMC\n' },
  ]);
}
