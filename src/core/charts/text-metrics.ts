/**
 * Text widths of Source Sans 3 for Vega's layout (axis extents, legend columns, label limits).
 *
 * Without node-canvas Vega estimates a text as 0.8 × font size per character, about 60 % wider than
 * Source Sans 3 really is: label columns come out too wide and the figure gets squeezed when the
 * report scales it to the column. We replace `vega.textMetrics.width` (the documented hook that
 * vl-convert uses too) with the font's real advance widths, set once per process at module load.
 *
 * The tables are the advance widths (units per em = 1000) of the Latin subset of
 * @fontsource/source-sans-3 5.3.1 (`source-sans-3-latin-{400,700}-normal.woff`, tables hmtx + cmap),
 * for U+0020–U+007E, U+00A0–U+00FF and a few punctuation marks. Other characters count as 0.6 em.
 * Kerning is ignored (a fraction of a percent for labels).
 */
import * as vega from 'vega';

interface FontTable {
  readonly ascii: readonly number[];
  readonly latin1: readonly number[];
  readonly extra: Readonly<Record<number, number>>;
}

const REGULAR: FontTable = {
  ascii: [
    200, 289, 426, 497, 497, 824, 609, 249, 303, 303, 418, 497, 249, 311, 249, 350, 497, 497, 497, 497, 497,
    497, 497, 497, 497, 497, 249, 249, 497, 497, 497, 425, 847, 543, 588, 571, 615, 527, 494, 617, 652, 263,
    479, 579, 486, 727, 647, 664, 566, 664, 569, 534, 536, 645, 515, 786, 513, 476, 539, 303, 350, 303, 497,
    500, 542, 504, 553, 456, 555, 496, 292, 504, 544, 246, 247, 495, 255, 829, 547, 542, 555, 555, 347, 419,
    338, 544, 467, 719, 446, 467, 425, 303, 241, 303, 497,
  ],
  latin1: [
    200, 289, 497, 497, 497, 497, 241, 497, 542, 744, 345, 429, 497, 311, 423, 542, 331, 497, 367, 367, 542,
    562, 560, 249, 542, 367, 365, 429, 781, 808, 796, 425, 544, 544, 544, 544, 544, 544, 822, 571, 527, 527,
    527, 527, 263, 263, 263, 263, 639, 647, 664, 664, 664, 664, 664, 497, 664, 645, 645, 645, 645, 476, 583,
    576, 504, 504, 504, 504, 504, 504, 778, 456, 496, 496, 496, 496, 246, 246, 246, 246, 544, 547, 542, 542,
    542, 542, 542, 497, 542, 544, 544, 544, 544, 467, 555, 467,
  ],
  extra: {
    0x2013: 480,
    0x2014: 800,
    0x2018: 249,
    0x2019: 249,
    0x201a: 249,
    0x201c: 426,
    0x201d: 426,
    0x201e: 426,
    0x2022: 304,
    0x2026: 948,
    0x20ac: 497,
    0x2009: 100,
    0x2212: 497,
  },
};

const BOLD: FontTable = {
  ascii: [
    200, 340, 537, 528, 528, 857, 667, 300, 344, 344, 457, 528, 300, 332, 300, 339, 528, 528, 528, 528, 528,
    528, 528, 528, 528, 528, 300, 300, 528, 528, 528, 463, 902, 573, 605, 582, 635, 548, 524, 638, 674, 301,
    509, 614, 518, 762, 665, 684, 596, 684, 613, 556, 556, 665, 556, 813, 567, 525, 541, 344, 339, 344, 528,
    500, 555, 527, 573, 468, 573, 518, 341, 534, 571, 276, 278, 548, 286, 857, 572, 555, 573, 573, 398, 443,
    383, 568, 523, 776, 514, 521, 460, 344, 268, 344, 528,
  ],
  latin1: [
    200, 340, 528, 528, 528, 528, 268, 528, 555, 750, 359, 480, 528, 332, 462, 555, 365, 528, 376, 376, 555,
    594, 636, 300, 555, 376, 373, 480, 809, 846, 818, 463, 573, 573, 573, 573, 573, 573, 845, 582, 548, 548,
    548, 548, 301, 301, 301, 301, 657, 665, 684, 684, 684, 684, 684, 528, 684, 665, 665, 665, 665, 525, 617,
    632, 527, 527, 527, 527, 527, 527, 781, 467, 518, 518, 518, 518, 276, 276, 276, 276, 558, 572, 555, 555,
    555, 555, 555, 528, 555, 568, 568, 568, 568, 521, 573, 521,
  ],
  extra: {
    0x2013: 480,
    0x2014: 800,
    0x2018: 300,
    0x2019: 300,
    0x201a: 300,
    0x201c: 537,
    0x201d: 537,
    0x201e: 537,
    0x2022: 345,
    0x2026: 978,
    0x20ac: 528,
    0x2009: 100,
    0x2212: 528,
  },
};

const FALLBACK = 600;

function advance(table: FontTable, code: number): number {
  if (code >= 0x20 && code <= 0x7e) return table.ascii[code - 0x20] ?? FALLBACK;
  if (code >= 0xa0 && code <= 0xff) return table.latin1[code - 0xa0] ?? FALLBACK;
  return table.extra[code] ?? FALLBACK;
}

const isBold = (weight: unknown): boolean =>
  weight === 'bold' ||
  weight === 'bolder' ||
  (typeof weight === 'number' && weight >= 600) ||
  (typeof weight === 'string' && Number(weight) >= 600);

/** Width in pixels of `text` in Source Sans 3 at `fontSize` px. */
export function textWidth(text: string, fontSize: number, bold = false): number {
  const table = bold ? BOLD : REGULAR;
  let units = 0;
  for (const ch of text) units += advance(table, ch.codePointAt(0) ?? 0x20);
  return (units * fontSize) / 1000;
}

interface TextItem {
  text?: unknown;
  fontSize?: number;
  fontWeight?: unknown;
  limit?: number;
}

function itemText(item: TextItem, text: unknown): string {
  const t = text ?? item.text;
  if (t === null || t === undefined) return '';
  return Array.isArray(t) ? t.join(' ') : String(t);
}

/**
 * Vega's signature: width(item, text?) in pixels. Vega uses the same hook for layout bounds (where
 * the text is drawn truncated to `item.limit`) and inside its truncation search; clamping to the
 * limit serves both: bounds never exceed the limit, and the search still finds the cut point
 * because it compares against `limit − width(ellipsis)`, below the clamp.
 */
function width(item: TextItem, text?: unknown): number {
  const w = textWidth(
    itemText(item, text),
    typeof item.fontSize === 'number' ? item.fontSize : 11,
    isBold(item.fontWeight),
  );
  const limit = typeof item.limit === 'number' && item.limit > 0 ? item.limit : Infinity;
  return Math.min(w, limit);
}

// Module load: Vega reads `textMetrics.width` whenever it lays out text.
(vega as unknown as { textMetrics: { width: typeof width } }).textMetrics.width = width;
