/**
 * The application service shared by the CLI, the local stack and the Lambda functions: runs the
 * core pipeline, prints the PDF through the PdfPrinter port and returns every output file of one report
 * version (contract §11). It writes nothing itself: the caller stores the files atomically.
 *
 * One print: the printer fills the table of contents' page slots (PrintOptions.tocPageNumbers) and reports
 * the pages, which go into report.html as well. Independent work overlaps Chromium: the browser starts
 * (`warmUp`) once the upload proved valid, while it is analysed, charted and set; the spreadsheet and CSV
 * export runs while Chromium renders the PDF (PrintOptions.onRendering).
 */
import { createHash } from 'node:crypto';
import type { InputFile, OutputFile, PdfPrinter, ReportAssets } from '../core/ports.js';
import type { ValidationReport } from '../core/validate/issues.js';
import type { Analysis } from '../core/analysis/schema.js';
import { analysisJsonSchema, SCHEMA_VERSION } from '../core/analysis/schema.js';
import { CHANGES_SCHEMA_VERSION, type ChangeSummary, type WaveChanges } from '../core/changes/schema.js';
import type { PreviousVersion } from '../core/changes/diff.js';
import { prepareReport, type DevelopmentOutcome, type Phase } from '../core/pipeline.js';
import { fillTocPages } from '../core/report/toc.js';
import type { PredecessorLookup } from '../core/waves/index.js';
import { formatReport } from '../core/validate/format.js';
import { CSV_CONTENT_TYPE, exportTables, XLSX_CONTENT_TYPE, XLSX_PATH } from '../core/export/index.js';
import { ENGINE_VERSION } from '../core/version.js';

export interface ProduceOptions {
  readonly printer: PdfPrinter;
  readonly assets: ReportAssets;
  readonly templateVersion: string;
  /** Report version number (default 1), or a function that assigns it once the upload proved valid. */
  readonly version?: number;
  readonly versionFor?: () => Promise<number>;
  readonly now: () => Date;
  readonly printTimeoutMs?: number;
  readonly onPhase?: (phase: Phase | 'print') => void;
  /** The analysis's current version: the report gets the chapter "Änderungen gegenüber Version N" and changes.json. */
  readonly previous?: PreviousVersion;
  /**
   * Finds the predecessor wave (issue 16), given the id analyse.json names (or null); undefined = none.
   * The CLI reads a folder or an analysis.json; the pipeline reads the predecessor's current analysis.json.
   */
  readonly predecessor?: (named: string | null) => Promise<PredecessorLookup | undefined>;
  /** This analysis's id (storage id or folder name), recorded in the comparison. */
  readonly analysisId?: string;
}

export interface Provenance {
  readonly engineVersion: string;
  readonly templateVersion: string;
  readonly schemaVersion: string;
  readonly version: number;
  readonly generatedAt: string;
  readonly inputs: readonly { readonly name: string; readonly bytes: number; readonly sha256: string }[];
  readonly outputs: readonly { readonly path: string; readonly bytes: number; readonly sha256: string }[];
  readonly pages: number;
}

export type ProduceOutcome =
  | {
      readonly status: 'invalid';
      readonly validation: ValidationReport;
      readonly files: readonly OutputFile[];
    }
  | {
      readonly status: 'ready';
      readonly validation: ValidationReport;
      readonly analysis: Analysis;
      readonly provenance: Provenance;
      readonly files: readonly OutputFile[];
      /** Changes against `options.previous` (also written as changes.json). */
      readonly changes?: ChangeSummary;
      /** Whether the report compares with a predecessor wave (chapter "Entwicklung seit der Befragung"). */
      readonly development: DevelopmentOutcome;
    };

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const json = (value: unknown): Uint8Array => utf8(`${JSON.stringify(value, null, 2)}\n`);
const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

export function validationFiles(validation: ValidationReport): OutputFile[] {
  return [
    { path: 'validation.json', contentType: 'application/json', bytes: json(validation) },
    {
      path: 'validation.txt',
      contentType: 'text/plain; charset=utf-8',
      bytes: utf8(formatReport(validation)),
    },
  ];
}

export async function produceReport(
  inputs: readonly InputFile[],
  options: ProduceOptions,
): Promise<ProduceOutcome> {
  const generatedAt = options.now().toISOString();
  const prepared = await prepareReport(inputs, {
    assets: options.assets,
    engineVersion: ENGINE_VERSION,
    templateVersion: options.templateVersion,
    generatedAt,
    onPhase: (phase) => {
      // The upload is valid once analysis starts: Chromium starts now, in parallel (not for invalid uploads).
      if (phase === 'analyse') options.printer.warmUp?.();
      options.onPhase?.(phase);
    },
    ...(options.previous && { previous: options.previous }),
    ...(options.predecessor && { predecessor: options.predecessor }),
    ...(options.analysisId !== undefined && { analysisId: options.analysisId }),
  });
  if (!prepared.ok)
    return { status: 'invalid', validation: prepared.error, files: validationFiles(prepared.error) };

  const { validation, analysis, charts } = prepared.value;
  const version = options.versionFor ? await options.versionFor() : (options.version ?? 1);
  const report = prepared.value.assemble({ version });
  options.onPhase?.('print');
  // The export starts once Chromium renders the PDF: earlier, its CPU work would hold up the printer's
  // requests to Chromium (page setup, the document's font loads) on this single thread.
  let rendering!: () => void;
  const rendered = new Promise<void>((resolve) => {
    rendering = resolve;
  });
  const printing = options.printer.print(report.html, {
    title: report.title,
    author: report.author,
    headerTemplate: report.headerTemplate,
    footerTemplate: report.footerTemplate,
    timeoutMs: options.printTimeoutMs ?? 60_000,
    tocPageNumbers: true,
    onRendering: rendering,
  });
  // A printer that never reports rendering: export after the print. A failed print: no export.
  printing.then(rendering, () => undefined);
  const exporting = rendered.then(() =>
    exportTables(report.tables, { title: report.title, version, generatedAt }),
  );
  const [printed, tables] = await Promise.all([printing, exporting]);
  const html = fillTocPages(report.html, printed.linkTargets ?? new Map());

  const files: OutputFile[] = [
    { path: 'report.pdf', contentType: 'application/pdf', bytes: printed.bytes },
    { path: 'report.html', contentType: 'text/html; charset=utf-8', bytes: utf8(html) },
    { path: 'analysis.json', contentType: 'application/json', bytes: json(analysis) },
    {
      path: 'analysis.schema.json',
      contentType: 'application/schema+json',
      bytes: json(analysisJsonSchema()),
    },
    ...charts.map((c) => ({ path: `charts/${c.id}.svg`, contentType: 'image/svg+xml', bytes: utf8(c.svg) })),
    { path: XLSX_PATH, contentType: XLSX_CONTENT_TYPE, bytes: tables.xlsx },
    ...tables.csv.map((f) => ({ path: f.path, contentType: CSV_CONTENT_TYPE, bytes: f.bytes })),
    ...validationFiles(validation),
  ];
  const changes = prepared.value.changes(version);
  if (changes) files.push({ path: 'changes.json', contentType: 'application/json', bytes: json(changes) });
  else if (analysis.development) {
    const wave: WaveChanges = {
      schemaVersion: CHANGES_SCHEMA_VERSION,
      toVersion: version,
      development: analysis.development,
    };
    files.push({ path: 'changes.json', contentType: 'application/json', bytes: json(wave) });
  }
  const provenance: Provenance = {
    engineVersion: ENGINE_VERSION,
    templateVersion: options.templateVersion,
    schemaVersion: SCHEMA_VERSION,
    version,
    generatedAt,
    inputs: validation.files.map((f) => ({ name: f.name, bytes: f.bytes, sha256: f.sha256 })),
    outputs: files.map((f) => ({ path: f.path, bytes: f.bytes.length, sha256: sha256(f.bytes) })),
    pages: printed.pageCount,
  };
  files.push({ path: 'provenance.json', contentType: 'application/json', bytes: json(provenance) });
  return {
    status: 'ready',
    validation,
    analysis,
    provenance,
    files,
    ...(changes && { changes }),
    development: prepared.value.development,
  };
}
