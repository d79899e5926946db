/**
 * Names of the exported tables: worksheet names ("T01 Vorrangige Handlungsempfehlungen", at most
 * 31 characters, none of [ ] : * ? / \, unique) and CSV paths ("tabellen/T01-vorrangige-handlungsempfehlungen.csv").
 */
import { asciiLower } from '../format/ascii.js';

/** Excel's limit for worksheet names. */
export const SHEET_NAME_MAX = 31;
/** Folder of the CSV files in a report version. */
export const CSV_FOLDER = 'tabellen';
/** The index sheet. */
export const INDEX_SHEET = 'Übersicht';

/** "T01", "T12", or "T101" when there are more than 99 tables. */
export function tableCode(n: number, count: number): string {
  return `T${String(n).padStart(Math.max(2, String(count).length), '0')}`;
}

function sheetText(caption: string): string {
  return caption
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/[:*?]/g, '')
    .replace(/[/\\]/g, '-')
    .replace(/\[/g, '(')
    .replace(/]/g, ')')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Cuts to `room` characters and drops spaces, punctuation and apostrophes left at the end. */
function cut(text: string, room: number): string {
  return text.length <= room ? text : text.slice(0, room).replace(/[\s'\-–,;.(]+$/, '');
}

/** Worksheet names for the tables, in order; unique (case-insensitive, as Excel compares) and valid. */
export function sheetNames(
  tables: readonly { readonly number: number; readonly table: { readonly caption: string } }[],
): string[] {
  const used = new Set<string>([INDEX_SHEET.toLowerCase()]);
  return tables.map((t) => {
    const code = tableCode(t.number, tables.length);
    // Excel refuses a name that ends with an apostrophe.
    const text = cut(sheetText(t.table.caption), SHEET_NAME_MAX - code.length - 1).replace(/[\s']+$/, '');
    let name = text ? `${code} ${text}` : code;
    for (let i = 2; used.has(name.toLowerCase()); i++) name = `${code}-${i}`;
    used.add(name.toLowerCase());
    return name;
  });
}

/** Lower-case ASCII slug for a file name. */
export function fileSlug(text: string, max = 64): string {
  const s = asciiLower(text)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (s.length <= max) return s || 'tabelle';
  const hard = s.slice(0, max);
  const dash = hard.lastIndexOf('-');
  return (dash >= max / 2 ? hard.slice(0, dash) : hard).replace(/-+$/, '');
}

/** CSV paths for the tables, in order: "tabellen/T04-registrierte-straftaten-insgesamt-2021-2025.csv"; unique. */
export function csvPaths(
  tables: readonly { readonly number: number; readonly table: { readonly caption: string } }[],
): string[] {
  const used = new Set<string>();
  return tables.map((t) => {
    const base = `${CSV_FOLDER}/${tableCode(t.number, tables.length)}-${fileSlug(t.table.caption)}`;
    let path = `${base}.csv`;
    for (let i = 2; used.has(path); i++) path = `${base}-${i}.csv`;
    used.add(path);
    return path;
  });
}
