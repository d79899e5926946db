/**
 * Column-name matching of contract §3: case-insensitive, `ä/ae`, `ö/oe`, `ü/ue`, `ß/ss` equal,
 * `-`, `_` and space equal.
 */

const UMLAUTS: Readonly<Record<string, string>> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/**
 * Returns the lowercase ASCII form with `_` separators, trimmed:
 * `"Sg-Wohngegend Nacht"` → `"sg_wohngegend_nacht"`, `"Größe"` → `"groesse"`.
 * Decomposed umlauts (macOS), non-breaking spaces and a stray BOM are handled; other accents are
 * dropped (`é` → `e`); runs of separators collapse to one `_`; characters such as `/`, `,` or `%` stay.
 */
export function normaliseColumnName(name: string): string {
  return name
    .normalize('NFC')
    .replace(/\uFEFF/g, '')
    .toLowerCase()
    .replace(/[äöüß]/g, (c) => UMLAUTS[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\s\u00a0\-_]+/g, '_')
    .replace(/^_+|_+$/g, '');
}
