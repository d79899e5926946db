import { basename, relative, resolve } from 'node:path';
import { findPredecessor } from '../../adapters/fs-analyses.js';
import { readInputFolder } from '../../adapters/fs-input.js';
import { writeOutputFolder } from '../../adapters/fs-output.js';
import { loadReportAssets, TEMPLATE_VERSION } from '../../adapters/fs-assets.js';
import { createChromiumPrinter } from '../../adapters/chromium-printer.js';
import { produceReport } from '../../app/produce-report.js';
import { formatReport } from '../../core/validate/format.js';
import { EXIT_INVALID, EXIT_OK } from '../exit-codes.js';
import { createProgress } from '../progress.js';

/** `sia report <ordner> --out <ziel>`: writes nothing unless the whole report succeeded. */
export async function reportCommand(
  folder: string,
  options: { out: string; version: number; vorgaenger?: string },
): Promise<number> {
  const progress = createProgress();
  const printer = createChromiumPrinter();
  try {
    const [files, assets] = await Promise.all([readInputFolder(folder), loadReportAssets()]);
    const outcome = await produceReport(files, {
      printer,
      assets,
      templateVersion: TEMPLATE_VERSION,
      version: options.version,
      now: () => new Date(),
      onPhase: (p) => progress.phase(p),
      analysisId: basename(resolve(folder)),
      predecessor: (named) => findPredecessor(folder, named, options.vorgaenger),
    });
    progress.done();
    if (outcome.status === 'invalid') {
      process.stdout.write(formatReport(outcome.validation));
      process.stderr.write(
        'Der Bericht wurde nicht erstellt: Die Daten enthalten Fehler. Es wurde nichts geschrieben.\n',
      );
      return EXIT_INVALID;
    }
    await writeOutputFolder(options.out, outcome.files);
    if (outcome.development.status === 'compared')
      process.stdout.write(
        `Mit der früheren Befragung verglichen (${outcome.development.predecessor ?? 'Vorgänger'}): Kapitel „Entwicklung seit …“.\n`,
      );
    else if (outcome.development.status === 'skipped')
      process.stderr.write(
        `Hinweis: Kein Vergleich mit der früheren Befragung. ${outcome.development.reason}\n`,
      );
    const warnings = outcome.validation.warningCount;
    process.stdout.write(
      `Bericht erstellt: ${relative(process.cwd(), options.out) || '.'}/report.pdf (${outcome.provenance.pages} Seiten, ${outcome.files.length} Dateien)` +
        (warnings > 0
          ? `, ${warnings} ${warnings === 1 ? 'Warnung' : 'Warnungen'} (siehe validation.txt)`
          : '') +
        '\n',
    );
    return EXIT_OK;
  } finally {
    progress.done();
    await printer.close();
  }
}
