/**
 * Gebietsprofil: population (total, pyramid, by area) and the indicators of `gebietsprofil`.
 *
 * - Population year: the Berichtsjahr if `bevoelkerung` has rows for it, else the latest year in the
 *   file, else (no `jahr` column) the undated rows; `year` is null in the last case.
 * - Pyramid: age group × sex summed over the areas, in the age-group order of the dataset; a
 *   combination appears when the file has a row for it.
 * - byArea: every area of the manifest (manifest order) with its population and share of the total.
 * - Indicators: per indicator the latest year given (undated rows count as the only year); the
 *   municipality's value is its `gesamt` row (areaId null). Without one, the purely additive
 *   indicators (`flaeche_km2`, `arbeitslose`) are summed when every manifest area has a value;
 *   everything else (quotas, averages) stays null. Known indicators first in the contract's order,
 *   then the others in order of first appearance.
 */
import { SEXES, type Dataset, type PopulationRow, type ProfileRow } from '../../model/dataset.js';
import type { Profile as ProfileSchema } from '../schema.js';
import type { z } from 'zod';

export type ProfileResult = z.infer<typeof ProfileSchema>;

/** The indicators of the input contract §8, in report order. */
export const KNOWN_INDICATORS: readonly string[] = [
  'flaeche_km2',
  'arbeitslose',
  'arbeitslosenquote',
  'sgb2_quote',
  'auslaenderanteil',
  'durchschnittsalter',
  'einpersonenhaushalte_anteil',
  'leerstandsquote',
  'wahlbeteiligung',
];

const ADDITIVE: ReadonlySet<string> = new Set(['flaeche_km2', 'arbeitslose']);

export function choosePopulationYear(rows: readonly PopulationRow[], berichtsjahr: number): number | null {
  const years = [...new Set(rows.map((r) => r.year).filter((y): y is number => y !== null))];
  if (years.length === 0) return null;
  return years.includes(berichtsjahr) ? berichtsjahr : Math.max(...years);
}

function populationSection(dataset: Dataset): ProfileResult['population'] {
  const year = choosePopulationYear(dataset.population, dataset.manifest.berichtsjahr);
  const rows = dataset.population.filter((r) => (year === null ? r.year === null : r.year === year));
  const total = rows.reduce((s, r) => s + r.count, 0);

  const cells = new Map<string, number>();
  for (const r of rows)
    cells.set(`${r.ageGroup}|${r.sex}`, (cells.get(`${r.ageGroup}|${r.sex}`) ?? 0) + r.count);
  const groupOrder = [...dataset.ageGroups.map((g) => g.label)];
  for (const r of rows) if (!groupOrder.includes(r.ageGroup)) groupOrder.push(r.ageGroup);
  const pyramid: ProfileResult['population']['pyramid'] = [];
  for (const ageGroup of groupOrder) {
    for (const sex of SEXES) {
      const count = cells.get(`${ageGroup}|${sex}`);
      if (count !== undefined) pyramid.push({ ageGroup, sex, count });
    }
  }

  const areaPop = new Map<string, number>();
  for (const r of rows) areaPop.set(r.areaId, (areaPop.get(r.areaId) ?? 0) + r.count);
  const byArea = dataset.manifest.gebiete.map((g) => {
    const population = areaPop.get(g.id) ?? 0;
    return { areaId: g.id, name: g.name, population, share: total > 0 ? population / total : 0 };
  });
  return { total, year, pyramid, byArea };
}

function indicatorsSection(dataset: Dataset): ProfileResult['indicators'] {
  const groups = new Map<string, ProfileRow[]>();
  for (const r of dataset.profile) {
    const list = groups.get(r.indicator);
    if (list) list.push(r);
    else groups.set(r.indicator, [r]);
  }
  const order = [
    ...KNOWN_INDICATORS.filter((k) => groups.has(k)),
    ...[...groups.keys()].filter((k) => !KNOWN_INDICATORS.includes(k)),
  ];
  const areaIds = dataset.manifest.gebiete.map((g) => g.id);
  return order.map((indicator) => {
    const all = groups.get(indicator) ?? [];
    const dated = all.map((r) => r.year).filter((y): y is number => y !== null);
    const year = dated.length > 0 ? Math.max(...dated) : null;
    const rows = all.filter((r) => r.year === year);
    const first = rows[0] ?? all[0];
    const byArea: Record<string, number> = {};
    for (const r of rows) if (r.areaId !== null && byArea[r.areaId] === undefined) byArea[r.areaId] = r.value;
    let municipality = rows.find((r) => r.areaId === null)?.value ?? null;
    if (
      municipality === null &&
      ADDITIVE.has(indicator) &&
      areaIds.length > 0 &&
      areaIds.every((id) => byArea[id] !== undefined)
    ) {
      municipality = areaIds.reduce((s, id) => s + (byArea[id] ?? 0), 0);
    }
    return {
      indicator,
      label: first?.label ?? indicator,
      unit: rows.find((r) => r.unit !== null)?.unit ?? null,
      year,
      source: rows.find((r) => r.source !== null)?.source ?? null,
      municipality,
      byArea,
    };
  });
}

export function analyseProfile(dataset: Dataset): ProfileResult {
  return { population: populationSection(dataset), indicators: indicatorsSection(dataset) };
}
