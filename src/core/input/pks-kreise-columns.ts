/**
 * The header of the BKA table "Fälle – Kreise", found by meaning (contract §6). The BKA changes
 * the wording and the shape from year to year and between CSV and XLSX: `Gemeindeschluessel` in
 * the CSV, `Gemeinde-schlüssel` (a word broken by a hyphen) in the XLSX, `Anzahl erfasste Fälle`
 * or `erfasste Fälle`, `HZ`, `HZ nach Zensus` or `Häufigkeitszahl`, group headers such as
 * `Aufklärung` over `Anzahl Fälle` / `AQ` spread over up to four rows with merged cells, a line of
 * column numbers, an extra `Sort` column. Every header text is therefore reduced to a compact form
 * (lower case, umlauts spelled out, nothing but letters, digits and `%`), the rows of a header
 * block are joined per column, and each needed field is recognised by the words it contains.
 */
import type { Cell } from './table.js';

export type PksField =
  | 'key'
  | 'label'
  | 'kreis'
  | 'name'
  | 'kreisart'
  | 'cases'
  | 'rate'
  | 'attempts'
  | 'cleared'
  | 'aq'
  | 'suspects';

/** Field names for messages (the CSV header's words, with umlauts). */
export const FIELD_LABELS: Readonly<Record<PksField, string>> = {
  key: 'Schlüssel',
  label: 'Straftat',
  kreis: 'Gemeindeschlüssel',
  name: 'Stadt-/Landkreis',
  kreisart: 'Kreisart',
  cases: 'Anzahl erfasste Fälle',
  rate: 'Häufigkeitszahl',
  attempts: 'erfasste Fälle, davon Versuche – Anzahl',
  cleared: 'Aufklärung – Anzahl Fälle',
  aq: 'Aufklärungsquote',
  suspects: 'Tatverdächtige insgesamt',
};

export const REQUIRED_FIELDS: readonly PksField[] = ['key', 'kreis', 'name', 'cases', 'rate'];

const UMLAUTS: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/** `Gemeinde-\nschlüssel` → `gemeindeschluessel`, `in %` → `in%`, `Stadt-/Landkreis` → `stadtlandkreis`. */
export function compact(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[äöüß]/g, (c) => UMLAUTS[c] ?? c)
    .normalize('NFD')
    .replace(/[^a-z0-9%]/g, '');
}

const KEY_HEADER = /^(?:straftaten|strft)?schl(?:uessel|uesse)?(?:zahl)?(?:dertat)?$/;

/** Recognisers in priority order: a column goes to the first field that claims it. */
const MATCHERS: readonly (readonly [PksField, (s: string) => boolean])[] = [
  ['key', (s) => KEY_HEADER.test(s)],
  ['kreis', (s) => /gemeindeschl|kreisschl|regionalschl/.test(s) || s === 'ags'],
  ['kreisart', (s) => s.includes('kreisart')],
  ['name', (s) => s.includes('stadtlandkreis') || /^(?:kreis|kreisname|landkreis|stadtkreis)$/.test(s)],
  ['label', (s) => s.startsWith('straftat') && !s.includes('schl')],
  ['rate', (s) => s.startsWith('hz') || s.includes('haeufigkeitszahl')],
  ['aq', (s) => /auf+klaerungsquote/.test(s) || s === 'aq' || (/auf+kl/.test(s) && /aq$|%|prozent/.test(s))],
  ['cleared', (s) => /auf+klaerung|aufgeklaert/.test(s)],
  ['attempts', (s) => s.includes('versuch') && !/anteil|%|prozent/.test(s)],
  [
    'cases',
    (s) =>
      s.includes('erfasst') &&
      s.includes('faelle') &&
      !/versuch|auf+kl|anteil|schuss|%|hz|haeufigkeit/.test(s),
  ],
  [
    'suspects',
    (s) => s.includes('tatverdaechtig') && !s.includes('nichtdeutsch') && /insg|^tatverdaechtige$/.test(s),
  ],
];

/** Columns of the published table that are not needed: read past without a notice. */
const KNOWN_UNUSED: readonly RegExp[] = [
  /versuch/,
  /schusswaffe|gedroht|geschossen/,
  /tatverdaechtig|maennlich|weiblich/,
  /nichtdeutsch/,
  /^sort$/,
  /^blschl/,
];

export interface HeaderBlock {
  /** Index (into the rows) of the first header row. */
  readonly start: number;
  /** Index of the first row below the header block. */
  readonly end: number;
  /** Column names as shown in messages: the header rows' texts joined per column. */
  readonly names: readonly string[];
  readonly fields: Partial<Record<PksField, number>>;
  /** Named columns that are not read and that the published table does not have (or a second column of one meaning). */
  readonly unknown: readonly number[];
}

export interface GridLike {
  readonly rowNumber: number;
  readonly cells: readonly Cell[];
}

function text(c: Cell | undefined): string {
  if (c === null || c === undefined) return '';
  return typeof c === 'string' ? c : String(c);
}

/** The BKA's line of column numbers (`1;2;…;18`), above or below the header. */
export function isColumnNumberRow(cells: readonly Cell[]): boolean {
  let count = 0;
  let prev = 0;
  for (const c of cells) {
    if (c === null || c === undefined) continue;
    const n =
      typeof c === 'number' ? c : /^\d+$/.test(String(c).trim()) ? Number(String(c).trim()) : Number.NaN;
    if (n !== prev + 1 && !(count === 0 && n === 1)) return false;
    prev = n;
    count++;
  }
  return count >= 5;
}

/** Whether a row looks like the start of the header: a key column and a Kreis key or offence column. */
function isHeaderStart(cells: readonly Cell[]): boolean {
  let key = false;
  let other = false;
  for (const c of cells) {
    if (typeof c !== 'string') continue;
    const s = compact(c);
    if (KEY_HEADER.test(s)) key = true;
    else if (/gemeindeschl|kreisschl|regionalschl/.test(s) || s === 'straftat') other = true;
  }
  return key && other;
}

/** A PKS key as written in a data row (text or a number Excel made of it). */
export function looksLikeKey(c: Cell | undefined): boolean {
  if (typeof c === 'number') return Number.isInteger(c) && c >= 0 && c < 1_000_000;
  if (typeof c !== 'string') return false;
  const t = c.trim();
  return /^(?:-{4,}|[0-9*]{3,6})$/.test(t);
}

function looksLikeData(cells: readonly Cell[], keyCol: number): boolean {
  if (!looksLikeKey(cells[keyCol])) return false;
  // Some other cell holds a number: a header row never does (its column numbers are another row).
  return cells.some((c, i) => i !== keyCol && (typeof c === 'number' || /^\d[\d.,]*$/.test(text(c).trim())));
}

/** Most rows one header block may span (four header rows and a line of column numbers). */
const MAX_HEADER_ROWS = 5;

/** Finds and interprets the header block within the first `searchRows` sheet rows; null when there is none. */
export function findHeaderBlock(rows: readonly GridLike[], searchRows: number): HeaderBlock | null {
  let start = -1;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as GridLike;
    if (row.rowNumber > searchRows) break;
    if (isHeaderStart(row.cells)) {
      start = i;
      break;
    }
  }
  if (start < 0) return null;
  const first = (rows[start] as GridLike).cells;
  const keyCol = first.findIndex((c) => typeof c === 'string' && KEY_HEADER.test(compact(c)));

  const headerRows: (readonly Cell[])[] = [first];
  let end = start + 1;
  while (end < rows.length && end - start < MAX_HEADER_ROWS) {
    const cells = (rows[end] as GridLike).cells;
    if (isColumnNumberRow(cells)) {
      end++;
      continue;
    }
    if (looksLikeData(cells, keyCol)) break;
    headerRows.push(cells);
    end++;
  }
  const names = composeNames(headerRows);
  const { fields, unknown } = mapFields(names);
  return { start, end, names, fields, unknown };
}

/**
 * One name per column from the header rows. A group header that is not merged stands only above
 * the first column of its group: the columns to its right inherit it while they carry a sub-header.
 */
function composeNames(headerRows: readonly (readonly Cell[])[]): string[] {
  const width = Math.max(...headerRows.map((r) => r.length));
  const grid: string[][] = headerRows.map((r) =>
    Array.from({ length: width }, (_, c) => text(r[c]).replace(/\s+/g, ' ').trim()),
  );
  for (let r = 0; r < grid.length - 1; r++) {
    const row = grid[r] as string[];
    const below = (c: number): boolean => grid.slice(r + 1).some((g) => (g[c] ?? '') !== '');
    for (let c = 1; c < width; c++) {
      if (row[c] === '' && row[c - 1] !== '' && below(c) && below(c - 1)) row[c] = row[c - 1] as string;
    }
  }
  const names: string[] = [];
  for (let c = 0; c < width; c++) {
    const parts: string[] = [];
    for (const g of grid) {
      const t = g[c] ?? '';
      if (t !== '' && !parts.includes(t)) parts.push(t);
    }
    names.push(parts.join(' '));
  }
  return names;
}

function mapFields(names: readonly string[]): {
  fields: Partial<Record<PksField, number>>;
  unknown: number[];
} {
  const fields: Partial<Record<PksField, number>> = {};
  const unknown: number[] = [];
  names.forEach((name, i) => {
    const s = compact(name);
    if (s === '') return;
    const hit = MATCHERS.find(([field, match]) => fields[field] === undefined && match(s));
    if (hit) fields[hit[0]] = i;
    // Not needed: a known column of the published table; anything else (a second column of one
    // meaning, a column a re-saved file added) is listed in the one notice.
    else if (!KNOWN_UNUSED.some((re) => re.test(s))) unknown.push(i);
  });
  return { fields, unknown };
}
