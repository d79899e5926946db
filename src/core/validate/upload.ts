/**
 * The intake entry point: classifies the uploaded files, hashes them, reads each with the
 * readers, validates every file and the cross-file rules, and returns every problem at once.
 * The dataset is handed out exactly when there are no errors.
 *
 * Completeness (contract §1 leaves it to the project): an upload is complete when analyse.json,
 * befragung, bevoelkerung and kriminalitaet are present (plus the logo, when the manifest names
 * one); this function can be called on any subset and reports what is missing.
 */
import { tableRowCount } from '../input/columnar-table.js';
import { createHash } from 'node:crypto';
import { readTable, type ReadResult } from '../input/read-table.js';
import { readSurveyTable } from '../import/read-survey.js';
import { LIMESURVEY_COLUMNS } from '../import/limesurvey.js';
import type { RawTable } from '../input/table.js';
import { ATTRIBUTE_COLUMNS, FREE_TEXT_COLUMNS, ITEMS } from '../model/codebook.js';
import type { Dataset, KreisPksRow, Logo } from '../model/dataset.js';
import type { InputFile } from '../ports.js';
import { POPULATION_COLUMNS } from './bevoelkerung.js';
import {
  classifyFiles,
  isManifestName,
  KIND_ORDER,
  TABLE_KINDS,
  type FileKind,
  type TableKind,
} from './classify.js';
import { IssueCollector } from './collector.js';
import { PROFILE_COLUMNS } from './gebietsprofil.js';
import type { FileSummary, ValidationReport } from './issues.js';
import { CRIME_COLUMNS } from './kriminalitaet.js';
import { validateLogo } from './logo.js';
import { validateManifest, type ManifestResult } from './manifest.js';
import { OWI_COLUMNS } from './ordnungswidrigkeiten.js';
import { validatePksKreise } from './pks-kreise.js';
import { PMK_COLUMNS } from './pmk.js';
import { validateTables } from './tables.js';
import { EMPTY_MAPPING, validateZuordnung } from './zuordnung.js';

/** Most survey rows (contract §9); the readers enforce it. */
export const MAX_SURVEY_ROWS = 1_000_000;

const EXPECTED_COLUMNS: Readonly<Record<TableKind, readonly string[]>> = {
  befragung: [...ATTRIBUTE_COLUMNS, ...ITEMS.map((i) => i.code), ...FREE_TEXT_COLUMNS, ...LIMESURVEY_COLUMNS],
  bevoelkerung: POPULATION_COLUMNS,
  kriminalitaet: CRIME_COLUMNS,
  pmk: PMK_COLUMNS,
  gebietsprofil: PROFILE_COLUMNS,
  ordnungswidrigkeiten: OWI_COLUMNS,
};

const EMPTY_MANIFEST: ManifestResult = {
  manifest: null,
  context: { areas: null, berichtsjahr: null, kreis: null, logo: null },
};

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export async function validateUpload(
  files: readonly InputFile[],
): Promise<{ readonly report: ValidationReport; readonly dataset: Dataset | null }> {
  const issues = new IssueCollector();

  // 1. The manifest first: it names the areas, the year, the Kreis and the logo.
  const manifestFile = [...files]
    .filter((f) => isManifestName(f.name))
    .sort((a, b) => (a.name < b.name ? -1 : 1))[0];
  const manifest = manifestFile ? validateManifest(manifestFile, issues) : EMPTY_MANIFEST;

  // 2. Classify the rest.
  const cls = classifyFiles(files, manifest.context.logo, issues);
  const kindOf = new Map<string, FileKind>(cls.files.map((c) => [c.file.name, c.kind]));

  // 3. Mapping, logo, tables (read in parallel), BKA tables.
  const mapping = cls.zuordnung ? validateZuordnung(cls.zuordnung, issues) : null;
  const logo: Logo | null = cls.logo ? validateLogo(cls.logo, issues) : null;
  const expectedFor = (kind: TableKind): readonly string[] =>
    kind === 'befragung' && mapping
      ? [...EXPECTED_COLUMNS.befragung, ...mapping.rename.keys()]
      : EXPECTED_COLUMNS[kind];
  const reads = await Promise.all(
    TABLE_KINDS.map(async (kind): Promise<[TableKind, ReadResult | null]> => {
      const file = cls.tables[kind];
      if (!file) return [kind, null];
      const options = {
        kind,
        expectedColumns: expectedFor(kind),
        ...(kind === 'befragung' ? { maxRows: MAX_SURVEY_ROWS } : {}),
      };
      return [kind, await (kind === 'befragung' ? readSurveyTable : readTable)(file, options)];
    }),
  );
  const tables: Partial<Record<TableKind, RawTable>> = {};
  for (const [kind, read] of reads) {
    if (!read) continue;
    for (const i of read.issues) issues.addIssue(i);
    if (read.table) tables[kind] = read.table;
    else if (!read.issues.some((i) => i.severity === 'error')) {
      issues.error({
        code: 'file-unreadable',
        file: cls.tables[kind]!.name,
        text: 'Die Datei konnte nicht gelesen werden.',
      });
    }
  }
  const pksKreise: KreisPksRow[] = [];
  const pksRows = new Map<string, number>();
  for (const { file, year } of cls.pksKreise) {
    const rows = await validatePksKreise(file, year, manifest.context, issues);
    pksRows.set(file.name, rows.length);
    pksKreise.push(...rows);
  }

  // 4. The tables and the cross-file rules.
  const results = validateTables(
    { context: manifest.context, mapping: mapping ?? EMPTY_MAPPING, tables },
    issues,
  );

  // 5. File summaries and the report.
  const summaries: FileSummary[] = cls.files.map((c) => {
    const table =
      (TABLE_KINDS as readonly string[]).includes(c.kind) && tables[c.kind as TableKind]?.file === c.file.name
        ? tables[c.kind as TableKind]
        : undefined;
    return {
      name: c.file.name,
      kind: c.kind,
      bytes: c.file.bytes.length,
      sha256: sha256(c.file.bytes),
      ...(table?.encoding !== undefined ? { encoding: table.encoding } : {}),
      ...(table?.delimiter !== undefined ? { delimiter: table.delimiter } : {}),
      ...(table?.sheet !== undefined ? { sheet: table.sheet } : {}),
      ...(table ? { rows: tableRowCount(table) } : {}),
      ...(pksRows.has(c.file.name) ? { rows: pksRows.get(c.file.name)! } : {}),
    };
  });
  const order = (file: string): number => {
    const kind =
      kindOf.get(file) ??
      (KIND_ORDER as readonly string[]).find((k) => file === k || file.startsWith(`${k}.`)) ??
      'unbekannt';
    return KIND_ORDER.indexOf(kind as FileKind);
  };
  const { issues: list, errorCount, warningCount } = issues.finish(order);
  const report: ValidationReport = {
    valid: errorCount === 0,
    errorCount,
    warningCount,
    files: summaries,
    issues: list,
  };

  const dataset: Dataset | null =
    errorCount === 0 && manifest.manifest && results.survey
      ? {
          manifest: manifest.manifest,
          ageGroups: results.ageGroups,
          survey: results.survey,
          population: results.population,
          crime: results.crime,
          pksKreise,
          pmk: results.pmk,
          profile: results.profile,
          owi: results.owi,
          extraQuestions: mapping?.extra ?? [],
          logo,
        }
      : null;
  return { report, dataset };
}
