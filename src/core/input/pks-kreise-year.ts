/**
 * The reporting year of a BKA Kreis table: from the file name (`pks-kreise-<jahr>`, required by
 * contract §1) and, where the XLSX has them, from the title lines above the header, so that a file
 * saved under the wrong year is caught before its figures compare the wrong years.
 */
import type { Cell } from './table.js';

/** Year from a file name `pks-kreise-<jahr>.<ext>`. */
export function pksYearFromFileName(name: string): number | null {
  const m = /^pks-kreise-(\d{4})(?!\d)/i.exec(name);
  if (!m?.[1]) return null;
  const year = Number(m[1]);
  return year >= 1950 && year <= 2100 ? year : null;
}

const NAMED_YEAR = /(?:berichtsjahr|pks|kriminalstatistik|jahr)\D{0,4}?((?:19|20)\d{2})(?!\d)/i;
const ANY_YEAR = /(?<!\d)((?:19|20)\d{2})(?!\d)/g;

/**
 * The year the title lines name: `Berichtsjahr 2024`, `PKS 2024`, `Polizeiliche
 * Kriminalstatistik 2024`; otherwise the only year they mention. Dates (`erstellt am: 05.03.2025`,
 * `Stand 31.12.2023`) and census years (`Zensus 2022`) are not the reporting year.
 */
export function yearFromTitle(
  cells: readonly Cell[],
): { readonly year: number; readonly text: string } | null {
  const texts = cells
    .filter((c): c is string => typeof c === 'string')
    .map((t) => t.replace(/\s+/g, ' ').trim());
  const cleaned = texts.map((t) =>
    t
      .replace(/\b\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}\b/g, ' ')
      .replace(/\b\d{4}-\d{2}-\d{2}\b/g, ' ')
      .replace(/zensus\s*\d{4}/gi, ' ')
      .replace(/(?:erstellt|stand)\D{0,6}\d{4}/gi, ' '),
  );
  for (let i = 0; i < cleaned.length; i++) {
    const m = NAMED_YEAR.exec(cleaned[i] as string);
    if (m) return { year: Number(m[1]), text: texts[i] as string };
  }
  const years = new Map<number, string>();
  cleaned.forEach((t, i) => {
    for (const m of t.matchAll(ANY_YEAR))
      if (!years.has(Number(m[1]))) years.set(Number(m[1]), texts[i] as string);
  });
  if (years.size !== 1) return null;
  const [year, text] = [...years.entries()][0] as [number, string];
  return { year, text };
}
