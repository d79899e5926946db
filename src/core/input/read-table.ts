/**
 * Entry point of the readers: dispatch by extension, size limit before anything is parsed.
 * Readers never throw for bad input; every problem is a German ValidationIssue.
 */
import type { InputFile } from '../ports.js';
import type { ValidationIssue } from '../validate/issues.js';
import { readCsv } from './csv.js';
import { MAX_FILE_BYTES, MAX_ROWS } from './limits.js';
import { q, readerIssue } from './messages.js';
import type { RawTable } from './table.js';
import { readXlsx } from './xlsx.js';
import { fileTooLargeIssue } from './zip-guard.js';

export interface ReadOptions {
  /** Contract file kind, e.g. 'befragung', 'bevoelkerung'; used in messages and to pick the XLSX sheet whose name matches. */
  readonly kind: string;
  /** Normalised column names (see normaliseColumnName) that identify the header row in XLSX (header found by content: the first row within the first 30 that contains at least 2 of these, or all if fewer than 2 given). CSV: header is the first non-empty line. */
  readonly expectedColumns?: readonly string[];
  /** Maximum data rows (default 1_000_000); more is an error issue. */
  readonly maxRows?: number;
  /** Maximum file size in bytes (default 50 MB, contract §9). Additive; meant for benchmarks only. */
  readonly maxBytes?: number;
}

export interface ReadResult {
  readonly table: RawTable | null;
  readonly issues: readonly ValidationIssue[];
}

/** Lower-case extension including the dot, e.g. `.csv`; '' when there is none. */
export function fileExtension(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot).toLowerCase();
}

/** Reads a CSV or XLSX upload into a RawTable. Never throws. */
export async function readTable(file: InputFile, options: ReadOptions): Promise<ReadResult> {
  try {
    return await readTableUnsafe(file, options);
  } catch {
    // Defensive: a library failing in an unforeseen way still yields a structured result.
    return {
      table: null,
      issues: [
        readerIssue({ code: 'unreadable', file: file.name, text: 'Die Datei konnte nicht gelesen werden.' }),
      ],
    };
  }
}

async function readTableUnsafe(file: InputFile, options: ReadOptions): Promise<ReadResult> {
  const maxBytes = options.maxBytes ?? MAX_FILE_BYTES;
  const maxRows = options.maxRows ?? MAX_ROWS;
  const ext = fileExtension(file.name);
  if (ext !== '.csv' && ext !== '.xlsx') {
    const hint =
      ext === '.xls' || ext === '.xlsm' || ext === '.ods' || ext === '.numbers'
        ? ' Bitte in Excel als „Excel-Arbeitsmappe (*.xlsx)“ oder als „CSV UTF-8“ speichern.'
        : '';
    return {
      table: null,
      issues: [
        readerIssue({
          code: 'unsupported-format',
          file: file.name,
          value: ext === '' ? '(keine Endung)' : ext,
          expected: '.csv oder .xlsx',
          text:
            ext === ''
              ? `Die Datei hat keine Endung; erwartet wird .csv oder .xlsx.${hint}`
              : `Das Dateiformat ${q(ext)} wird nicht unterstützt; erwartet wird .csv oder .xlsx.${hint}`,
        }),
      ],
    };
  }
  // An adapter may have read only the first part of a file above the limit: report its real size.
  const size = Math.max(file.size ?? 0, file.bytes.length);
  if (size > maxBytes) return { table: null, issues: [fileTooLargeIssue(file.name, size, maxBytes)] };
  if (ext === '.csv') return readCsv(file, { kind: options.kind, maxRows });
  return readXlsx(file, {
    kind: options.kind,
    maxRows,
    ...(options.expectedColumns ? { expectedColumns: options.expectedColumns } : {}),
  });
}
