/**
 * Ordnungswidrigkeiten recorded by the Ordnungsamt, per year and category. Municipal figure: the
 * `gesamt` rows where present for a year and category, else the sum over the areas. Categories are
 * sorted alphabetically (German collation) within a year.
 */
import type { OwiRow } from '../../model/dataset.js';
import type { Owi as OwiSchema } from '../schema.js';
import type { z } from 'zod';

export type OwiResult = z.infer<typeof OwiSchema>;

const collator = new Intl.Collator('de-DE');

export function analyseOwi(rows: readonly OwiRow[]): OwiResult {
  if (rows.length === 0) return null;
  const gesamt = new Map<string, number>();
  const sum = new Map<string, number>();
  const years = new Set<number>();
  const categories = new Set<string>();
  for (const r of rows) {
    years.add(r.year);
    const category = r.category.trim();
    categories.add(category);
    const m = r.areaId === null ? gesamt : sum;
    const id = `${r.year}|${category}`;
    m.set(id, (m.get(id) ?? 0) + r.count);
  }
  const sortedYears = [...years].sort((a, b) => a - b);
  const sortedCategories = [...categories].sort(
    (a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const out: NonNullable<OwiResult>['rows'] = [];
  for (const year of sortedYears) {
    for (const category of sortedCategories) {
      const id = `${year}|${category}`;
      const count = gesamt.get(id) ?? sum.get(id);
      if (count !== undefined) out.push({ year, category, count });
    }
  }
  return { years: sortedYears, rows: out };
}
