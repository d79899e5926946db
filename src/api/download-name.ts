/**
 * File names for downloads of a report version, sent as Content-Disposition on the presigned URL:
 * `Sicherheitsanalyse-Talheim-2026-v2.pdf` for the report, `…-v2-Tabellen.xlsx`, `…-v2-analysis.json`
 * and `…-v2-<path with - for />` for the rest. The municipality's name comes from the municipality
 * list (without its ", Stadt" suffix), else the AGS; the year is the year the version was made.
 */

const SPECIAL: Readonly<Record<string, string>> = {
  'report.pdf': '.pdf',
  'tabellen.xlsx': '-Tabellen.xlsx',
};

/** A name part: letters (any script), digits and hyphens; everything else becomes one hyphen. */
function part(text: string): string {
  return text
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}

export function downloadName(options: {
  readonly gemeinde?: string;
  readonly ags: string;
  readonly createdAt: string;
  readonly version: number;
  readonly file: string;
}): string {
  const name = part((options.gemeinde ?? '').split(',')[0] ?? '') || options.ags;
  const year = /^\d{4}/.exec(options.createdAt)?.[0];
  const base = ['Sicherheitsanalyse', name, year, `v${options.version}`].filter(Boolean).join('-');
  return `${base}${SPECIAL[options.file] ?? `-${options.file.replace(/\//g, '-')}`}`;
}

/** German text as ASCII for the plain `filename` (ä → ae, ß → ss, other accents dropped). */
function ascii(text: string): string {
  return text
    .replace(/Ä/g, 'Ae')
    .replace(/Ö/g, 'Oe')
    .replace(/Ü/g, 'Ue')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
}

/** `attachment` with an ASCII `filename` and the exact name as RFC 5987 `filename*`. */
export function attachmentDisposition(name: string): string {
  return `attachment; filename="${ascii(name)}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
