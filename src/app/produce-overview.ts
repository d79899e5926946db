/**
 * The "Landesüberblick" (issue 16) as files: PDF (through the PdfPrinter port, one print), HTML, XLSX
 * (the report's spreadsheet export) and JSON, from many municipalities' published analysis.json.
 * Shared by the CLI (`sia landesueberblick`) and the API (XLSX and JSON).
 */
import type { OutputFile, PdfPrinter, ReportAssets } from '../core/ports.js';
import { tablesWorkbook, XLSX_CONTENT_TYPE } from '../core/export/index.js';
export { XLSX_CONTENT_TYPE };
import {
  assembleOverview,
  buildOverview,
  OVERVIEW_TITLE,
  overviewTables,
  type Overview,
  type OverviewSource,
} from '../core/overview/index.js';

export const OVERVIEW_FILES = {
  pdf: 'landesueberblick.pdf',
  html: 'landesueberblick.html',
  xlsx: 'landesueberblick.xlsx',
  json: 'landesueberblick.json',
} as const;

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** The overview's spreadsheet: every table of the PDF plus all indicators of every municipality. */
export async function overviewWorkbook(overview: Overview): Promise<Uint8Array> {
  return tablesWorkbook(overviewTables(overview), {
    title: OVERVIEW_TITLE,
    version: 1,
    generatedAt: overview.generatedAt,
  });
}

export async function produceOverview(
  sources: readonly OverviewSource[],
  options: {
    readonly printer: PdfPrinter;
    readonly assets: ReportAssets;
    readonly now: () => Date;
    readonly printTimeoutMs?: number;
  },
): Promise<{ readonly overview: Overview; readonly files: readonly OutputFile[]; readonly pages: number }> {
  const overview = buildOverview(sources, options.now().toISOString());
  const assembled = assembleOverview(overview, options.assets);
  const [printed, xlsx] = await Promise.all([
    options.printer.print(assembled.html, {
      title: assembled.title,
      author: assembled.author,
      headerTemplate: assembled.headerTemplate,
      footerTemplate: assembled.footerTemplate,
      timeoutMs: options.printTimeoutMs ?? 60_000,
    }),
    tablesWorkbook(assembled.tables, {
      title: assembled.title,
      version: 1,
      generatedAt: overview.generatedAt,
    }),
  ]);
  return {
    overview,
    pages: printed.pageCount,
    files: [
      { path: OVERVIEW_FILES.pdf, contentType: 'application/pdf', bytes: printed.bytes },
      { path: OVERVIEW_FILES.html, contentType: 'text/html; charset=utf-8', bytes: utf8(assembled.html) },
      { path: OVERVIEW_FILES.xlsx, contentType: XLSX_CONTENT_TYPE, bytes: xlsx },
      {
        path: OVERVIEW_FILES.json,
        contentType: 'application/json',
        bytes: utf8(`${JSON.stringify(overview, null, 2)}\n`),
      },
    ],
  };
}
