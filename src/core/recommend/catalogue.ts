/**
 * Loading the reviewed measure catalogue (catalogue.json). The catalogue is part of the program:
 * a malformed one is a programming error, caught by the test suite (test/core/recommend/catalogue.test.ts),
 * not a user error. `parseCatalogue` returns every problem; `defaultCatalogue` throws on the first load
 * of a bad file.
 */
import catalogueData from './catalogue.json' with { type: 'json' };
import { DELIKTE, findItem } from '../model/codebook.js';
import { isValidKey } from '../model/pks-keys.js';
import { err, ok, type Result } from '../result.js';
import { Catalogue, type Condition, type Leaf } from './rules.js';

function leaves(c: Condition): Leaf[] {
  if ('anyOf' in c) return c.anyOf.flatMap(leaves);
  if ('allOf' in c) return c.allOf.flatMap(leaves);
  if ('always' in c) return [];
  return [c];
}

/** Validates shape (zod) and references (items, Delikte, keys, support ids, unique ids). */
export function parseCatalogue(raw: unknown): Result<Catalogue, string[]> {
  const parsed = Catalogue.safeParse(raw);
  if (!parsed.success) return err(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const cat = parsed.data;
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const m of cat.measures) {
    if (seen.has(m.id)) problems.push(`${m.id}: doppelte id`);
    seen.add(m.id);
    for (const s of m.support)
      if (!(s in cat.support)) problems.push(`${m.id}: unbekanntes Unterstützungsangebot ${s}`);
    if (new Set(m.actors).size !== m.actors.length) problems.push(`${m.id}: Akteur doppelt`);
    for (const leaf of leaves(m.trigger)) {
      if ('item' in leaf && leaf.item !== undefined && !findItem(leaf.item))
        problems.push(`${m.id}: unbekanntes Item ${leaf.item}`);
      if ('delikt' in leaf && leaf.delikt !== undefined && !(leaf.delikt in DELIKTE))
        problems.push(`${m.id}: unbekanntes Delikt ${leaf.delikt}`);
      if ('key' in leaf && leaf.key !== undefined && !isValidKey(leaf.key))
        problems.push(`${m.id}: ungültiger Schlüssel ${leaf.key}`);
    }
    if (m.type === 'general' && m.priority.hoch)
      problems.push(`${m.id}: allgemeine Maßnahmen erhalten keine hohe Priorität`);
  }
  return problems.length > 0 ? err(problems) : ok(cat);
}

let cached: Catalogue | undefined;

/** The shipped catalogue, validated once. Throws when invalid (a programming error). */
export function defaultCatalogue(): Catalogue {
  if (!cached) {
    const r = parseCatalogue(catalogueData);
    if (!r.ok) throw new Error(`catalogue.json ist ungültig:\n${r.error.join('\n')}`);
    cached = r.value;
  }
  return cached;
}
