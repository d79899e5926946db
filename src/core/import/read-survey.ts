/**
 * Reads the survey file whatever its format: SPSS (`.sav`, `.zsav`) with the SPSS reader, CSV and
 * XLSX (also LimeSurvey exports) with the table readers. SPSS files also hand back their variables'
 * labels, which the mapping assistant uses.
 */
import { fileExtension, readTable, type ReadOptions, type ReadResult } from '../input/read-table.js';
import { MAX_FILE_BYTES } from '../input/limits.js';
import { fileTooLargeIssue } from '../input/zip-guard.js';
import type { InputFile } from '../ports.js';
import { readSav, type SavVariable } from './sav.js';

export interface SurveyReadResult extends ReadResult {
  /** SPSS only: the variables with their labels, in column order. */
  readonly variables?: readonly SavVariable[];
}

export function isSpssName(name: string): boolean {
  const ext = fileExtension(name);
  return ext === '.sav' || ext === '.zsav';
}

export async function readSurveyTable(file: InputFile, options: ReadOptions): Promise<SurveyReadResult> {
  if (!isSpssName(file.name)) return readTable(file, options);
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  if (file.bytes.length > maxBytes)
    return { table: null, issues: [fileTooLargeIssue(file.name, file.bytes.length, maxBytes)] };
  const read = readSav(file, options.maxRows === undefined ? {} : { maxRows: options.maxRows });
  return { table: read.table, issues: read.issues, variables: read.variables };
}
