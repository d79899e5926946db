/**
 * Validation of the tables once they are read: pure and synchronous, no I/O. `validateUpload`
 * calls it after reading; `validateReadTables` is the entry point for bench/intake.ts, so that
 * reading and validating can be timed apart.
 */
import type { RawTable } from '../input/table.js';
import type {
  AgeGroup,
  CrimeRow,
  Manifest,
  OwiRow,
  PmkRow,
  PopulationRow,
  ProfileRow,
  Survey,
} from '../model/dataset.js';
import { AreaResolver } from './areas.js';
import { warnRestoredAreas } from './area-restored.js';
import { validateBefragung } from './befragung.js';
import { validateBevoelkerung } from './bevoelkerung.js';
import type { TableKind } from './classify.js';
import { IssueCollector } from './collector.js';
import { validateGebietsprofil } from './gebietsprofil.js';
import type { ValidationIssue } from './issues.js';
import type { ManifestContext } from './manifest.js';
import { validateKriminalitaet } from './kriminalitaet.js';
import { validateOrdnungswidrigkeiten } from './ordnungswidrigkeiten.js';
import { validatePmk } from './pmk.js';
import { populationYearFor } from './population-year.js';
import { EMPTY_MAPPING, type SurveyMapping } from './zuordnung.js';

export interface TableInputs {
  readonly context: ManifestContext;
  readonly mapping: SurveyMapping;
  readonly tables: Partial<Record<TableKind, RawTable>>;
}

export interface TableResults {
  readonly ageGroups: readonly AgeGroup[];
  readonly survey: Survey | null;
  readonly population: readonly PopulationRow[];
  readonly crime: readonly CrimeRow[];
  readonly pmk: readonly PmkRow[];
  readonly profile: readonly ProfileRow[];
  readonly owi: readonly OwiRow[];
}

export function validateTables(inputs: TableInputs, issues: IssueCollector): TableResults {
  const { context, tables } = inputs;
  const areasStrict = new AreaResolver(context.areas);
  const areasSurvey = new AreaResolver(context.areas, { empty: true });
  const areasWithTotal = new AreaResolver(context.areas, { total: true });
  // After each table: one warning where area ids had lost their leading zeros.
  const restored = (
    areas: AreaResolver,
    table: RawTable | undefined,
    rename?: ReadonlyMap<string, string>,
  ) => {
    if (table) warnRestoredAreas(areas, table, issues, rename);
  };
  const pop = tables.bevoelkerung ? validateBevoelkerung(tables.bevoelkerung, areasStrict, issues) : null;
  restored(areasStrict, tables.bevoelkerung);
  const ageGroups = pop?.ageGroups ?? [];
  const survey = tables.befragung
    ? validateBefragung(
        tables.befragung,
        {
          areas: areasSurvey,
          ageGroups: pop && ageGroups.length > 0 ? ageGroups : null,
          populationFile: tables.bevoelkerung?.file ?? 'bevoelkerung',
          mapping: inputs.mapping,
        },
        issues,
      )
    : null;
  restored(areasSurvey, tables.befragung, inputs.mapping.rename);
  const crime = tables.kriminalitaet
    ? validateKriminalitaet(tables.kriminalitaet, areasWithTotal, context.berichtsjahr, issues)
    : null;
  restored(areasWithTotal, tables.kriminalitaet);
  const pmk = tables.pmk ? validatePmk(tables.pmk, areasWithTotal, context.berichtsjahr, issues) : [];
  restored(areasWithTotal, tables.pmk);
  const profile = tables.gebietsprofil
    ? validateGebietsprofil(tables.gebietsprofil, areasWithTotal, context.berichtsjahr, issues)
    : [];
  restored(areasWithTotal, tables.gebietsprofil);
  const owi = tables.ordnungswidrigkeiten
    ? validateOrdnungswidrigkeiten(tables.ordnungswidrigkeiten, areasWithTotal, context.berichtsjahr, issues)
    : [];
  restored(areasWithTotal, tables.ordnungswidrigkeiten);

  // Cross-file: each crime year needs population of that year where bevoelkerung has `jahr`.
  if (pop?.years && crime && tables.bevoelkerung && pop.years.size > 0) {
    for (const year of [...crime.years].sort((a, b) => a - b)) {
      if (pop.years.has(year)) continue;
      const used = populationYearFor(year, pop.years);
      issues.warning({
        code: 'population-year-missing',
        file: tables.bevoelkerung.file,
        column: 'jahr',
        value: String(year),
        text: `Für das Jahr ${year} aus ${tables.kriminalitaet?.file ?? 'kriminalitaet'} fehlen Einwohnerzahlen; für die Häufigkeitszahl wird das nächstgelegene Jahr ${used} verwendet.`,
      });
    }
  }
  return {
    ageGroups,
    survey,
    population: pop?.rows ?? [],
    crime: crime?.rows ?? [],
    pmk,
    profile,
    owi,
  };
}

/**
 * For bench/intake.ts: validates already-read tables against a manifest (no I/O, no hashing).
 * Time this call around tables from `readTable` to measure validation alone.
 */
export function validateReadTables(
  manifest: Manifest,
  tables: Partial<Record<TableKind, RawTable>>,
  mapping: SurveyMapping = EMPTY_MAPPING,
): {
  readonly issues: readonly ValidationIssue[];
  readonly errorCount: number;
  readonly warningCount: number;
  readonly results: TableResults;
} {
  const issues = new IssueCollector();
  const results = validateTables(
    {
      context: {
        areas: manifest.gebiete,
        berichtsjahr: manifest.berichtsjahr,
        kreis: manifest.vergleich.kreis,
        logo: manifest.branding.logo ?? null,
      },
      mapping,
      tables,
    },
    issues,
  );
  const done = issues.finish(() => 0);
  return { ...done, results };
}
