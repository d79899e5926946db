/**
 * The mapping assistant on an upload (a folder, or an analysis's files in the store): finds the
 * survey file, reads it (CSV, XLSX, LimeSurvey export, SPSS), takes the areas from analyse.json
 * and the starting point from befragung-zuordnung.json (this upload's, else the municipality's
 * saved one), and proposes the mapping. Problems reading are German issues, not exceptions.
 */
import { tableRowCount } from '../input/columnar-table.js';
import { LIMESURVEY_COLUMNS } from '../import/limesurvey.js';
import { readSurveyTable } from '../import/read-survey.js';
import { ATTRIBUTE_COLUMNS, FREE_TEXT_COLUMNS, ITEMS } from '../model/codebook.js';
import type { Area } from '../model/dataset.js';
import type { InputFile } from '../ports.js';
import { classifyFiles, isManifestName } from '../validate/classify.js';
import { IssueCollector } from '../validate/collector.js';
import type { ValidationIssue } from '../validate/issues.js';
import { validateManifest } from '../validate/manifest.js';
import { MAX_SURVEY_ROWS } from '../validate/upload.js';
import { zuordnungSchema } from '../validate/zuordnung.js';
import { proposeMapping, type MappingProposal, type SavedZuordnung } from './propose.js';
import { summariseTable } from './summary.js';

export const ZUORDNUNG_FILE = 'befragung-zuordnung.json';

export interface UploadProposal {
  /** The survey file's name. */
  readonly file: string;
  readonly rows: number;
  readonly areas: readonly Area[] | null;
  /** Where the proposal started from: this upload's mapping, the municipality's saved one, or nothing. */
  readonly start: 'upload' | 'saved' | 'none';
  readonly proposal: MappingProposal;
}

export type UploadProposalResult =
  | { readonly ok: true; readonly value: UploadProposal }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/** The mapping of a file, when it is one that validates against the schema; else null. */
export function parseSavedZuordnung(bytes: Uint8Array | undefined): SavedZuordnung | null {
  if (!bytes) return null;
  try {
    const parsed = zuordnungSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * `saved`: the municipality's saved mapping (used when the upload has none); `areas`: the areas when
 * analyse.json is not uploaded yet (the portal uploads it last), else those of analyse.json.
 */
export async function proposeForUpload(
  files: readonly InputFile[],
  options: { readonly saved?: SavedZuordnung | null; readonly areas?: readonly Area[] | null } = {},
): Promise<UploadProposalResult> {
  const saved = options.saved ?? null;
  const scratch = new IssueCollector();
  const manifestFile = files.find((f) => isManifestName(f.name));
  const areas = manifestFile
    ? validateManifest(manifestFile, scratch).context.areas
    : options.areas && options.areas.length > 0
      ? options.areas
      : null;
  const cls = classifyFiles(files, null, new IssueCollector());
  const survey = cls.tables.befragung;
  if (!survey) {
    const collector = new IssueCollector();
    collector.error({
      code: 'file-missing',
      file: 'befragung',
      text: 'Keine Befragungsdatei gefunden (erwartet: befragung.csv, befragung.xlsx, befragung.sav oder der LimeSurvey-Export results-survey<Nummer>.csv).',
    });
    return { ok: false, issues: collector.finish(() => 0).issues };
  }
  const own = parseSavedZuordnung(cls.zuordnung?.bytes);
  const start = own ?? saved;
  const read = await readSurveyTable(survey, {
    kind: 'befragung',
    maxRows: MAX_SURVEY_ROWS,
    expectedColumns: [
      ...ATTRIBUTE_COLUMNS,
      ...ITEMS.map((i) => i.code),
      ...FREE_TEXT_COLUMNS,
      ...LIMESURVEY_COLUMNS,
      ...Object.keys(start?.spalten ?? {}),
    ],
  });
  if (!read.table) return { ok: false, issues: read.issues };
  const proposal = proposeMapping(summariseTable(read.table, read.variables), { areas, saved: start });
  return {
    ok: true,
    value: {
      file: survey.name,
      rows: tableRowCount(read.table),
      areas,
      start: own ? 'upload' : saved ? 'saved' : 'none',
      proposal,
    },
  };
}
