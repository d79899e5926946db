/**
 * Making `analyse.json` without a text editor (`sia init`, the portal's "Neue Analyse"): finding
 * the municipality in the list, reading area lists and dates as people type them, and checking a
 * draft with the manifest's own schema (validateManifest) plus the list: an AGS missing from the
 * list is a warning, never a refusal (municipalities merge; the list may be older).
 */
import type { Gemeinde } from '../model/gemeinden.js';
import { IssueCollector } from '../validate/collector.js';
import type { ValidationIssue } from '../validate/issues.js';
import { validateManifest } from '../validate/manifest.js';

export const MANIFEST_FILE = 'analyse.json';

export interface ManifestCheck {
  readonly valid: boolean;
  readonly issues: readonly ValidationIssue[];
  /** The municipality of the draft's AGS in the list, or null. */
  readonly gemeinde: Gemeinde | null;
}

/** Checks a draft (the object that will be written as analyse.json). */
export function checkManifestDraft(draft: unknown, gemeinden: readonly Gemeinde[]): ManifestCheck {
  const issues = new IssueCollector();
  const bytes = new TextEncoder().encode(JSON.stringify(draft ?? null));
  validateManifest({ name: MANIFEST_FILE, bytes }, issues);
  const ags = (draft as { kommune?: { ags?: unknown } } | null)?.kommune?.ags;
  const gemeinde = typeof ags === 'string' ? (gemeinden.find((g) => g.ags === ags) ?? null) : null;
  if (typeof ags === 'string' && /^\d{8}$/.test(ags) && !gemeinde && gemeinden.length > 0)
    issues.warning({
      code: 'ags-not-in-list',
      file: MANIFEST_FILE,
      column: 'kommune.ags',
      field: true,
      value: ags,
      text: `Der Gemeindeschlüssel steht nicht in der Gemeindeliste; bitte prüfen (die Analyse wird trotzdem angelegt).`,
    });
  const { issues: list, errorCount } = issues.finish(() => 0);
  return { valid: errorCount === 0, issues: list, gemeinde };
}

const plain = (s: string): string =>
  s
    .toLowerCase()
    .replace(/,\s*(stadt|gemeinde|große kreisstadt|kurort|hochschulstadt)$/u, '')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .trim();

/** Municipalities whose AGS is the query, or whose name is it, begins with it or contains it (in that order). */
export function findGemeinden(query: string, gemeinden: readonly Gemeinde[]): Gemeinde[] {
  const q = query.trim();
  if (/^\d{8}$/.test(q)) return gemeinden.filter((g) => g.ags === q);
  const p = plain(q);
  if (p === '') return [];
  const exact = gemeinden.filter((g) => plain(g.name) === p);
  if (exact.length > 0) return exact;
  const starts = gemeinden.filter((g) => plain(g.name).startsWith(p));
  if (starts.length > 0) return starts;
  return gemeinden.filter((g) => plain(g.name).includes(p));
}

/** `01 Altstadt`, `01=Altstadt`, `01;Altstadt` or `01: Altstadt` → area; null when the line has no id and name. */
export function parseAreaLine(line: string): { id: string; name: string } | null {
  const m = /^\s*([^\s=;:,]+)\s*[=;:,]?\s*(.+?)\s*$/.exec(line);
  return m ? { id: m[1]!, name: m[2]! } : null;
}

/** `2.3.2026` or `2026-03-02` → `2026-03-02`; null when it is no valid date. */
export function parseDate(text: string): string | null {
  const t = text.trim();
  let y: number, m: number, d: number;
  const de = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(t);
  if (de) [d, m, y] = [Number(de[1]), Number(de[2]), Number(de[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0;
  if (m < 1 || m > 12 || d < 1 || d > days) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}
