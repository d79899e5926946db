/**
 * The worker's report stack: the Chromium printer (one browser, launched on the first print) and
 * the report assets (templates, fonts), loaded on first use and reused. Only the worker imports
 * this module; it is what makes its bundle large.
 */
import { createChromiumPrinter } from '../../src/adapters/chromium-printer.js';
import { loadReportAssets, templateVersionOf } from '../../src/adapters/fs-assets.js';
import type { PdfPrinter, ReportAssets } from '../../src/core/ports.js';
import type { FunctionConfig } from './config.js';
import { onStoresChanged } from './stores.js';

export interface Reporting {
  readonly printer: PdfPrinter;
  readonly assets: ReportAssets;
  readonly templateVersion: string;
}

let reporting: { key: string; value: Promise<Reporting> } | undefined;
let ownPrinter: PdfPrinter | undefined;
let printerOverride: PdfPrinter | undefined;

onStoresChanged(() => {
  // a new configuration (other asset or Chromium folder) loads again; the old browser closes
  reporting = undefined;
  const old = ownPrinter;
  ownPrinter = undefined;
  void old?.close();
});

/** Printer and assets for `config`: loaded on first use, then reused. */
export function useReporting(config: FunctionConfig): Promise<Reporting> {
  const key = JSON.stringify([config.reportAssetsDir, config.chromiumBinDir]);
  if (reporting?.key === key) return reporting.value;
  const value = (async (): Promise<Reporting> => {
    const assets = await loadReportAssets(config.reportAssetsDir);
    let printer = printerOverride;
    if (!printer) {
      printer = createChromiumPrinter(config.chromiumBinDir ? { binDir: config.chromiumBinDir } : {});
      ownPrinter = printer;
    }
    return { printer, assets, templateVersion: templateVersionOf(assets.templates) };
  })();
  const entry = { key, value };
  reporting = entry;
  value.catch(() => {
    if (reporting === entry) reporting = undefined;
  });
  return value;
}

/**
 * Uses `printer` instead of a Chromium printer of the worker's own (the local stack shares one
 * browser between its tests; fault tests wrap it). Pass undefined to go back to the default.
 */
export function setPrinterOverride(printer: PdfPrinter | undefined): void {
  printerOverride = printer;
  reporting = undefined;
}

/** Closes the worker's own printer (not an override) and forgets the loaded assets. */
export async function disposeReporting(): Promise<void> {
  reporting = undefined;
  const printer = ownPrinter;
  ownPrinter = undefined;
  await printer?.close();
}
