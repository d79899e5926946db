/** `sia landesueberblick <ordner> --out <ziel>`: the state overview from every analysis in a folder. */
import { relative } from 'node:path';
import { findAnalysisFolders, readAnalysisSource } from '../../adapters/fs-analyses.js';
import { writeOutputFolder } from '../../adapters/fs-output.js';
import { loadReportAssets } from '../../adapters/fs-assets.js';
import { createChromiumPrinter } from '../../adapters/chromium-printer.js';
import { produceOverview } from '../../app/produce-overview.js';
import type { OverviewSource } from '../../core/overview/index.js';
import { EXIT_OK, UsageError } from '../exit-codes.js';

export async function landesueberblickCommand(folder: string, options: { out: string }): Promise<number> {
  const folders = await findAnalysisFolders(folder);
  if (folders.length === 0)
    throw new UsageError(
      `Im Ordner ${folder} wurde keine Analyse gefunden (Ordner mit analysis.json oder mit analyse.json und Daten).`,
    );
  const sources: OverviewSource[] = [];
  for (const path of folders) {
    const name = relative(folder, path) || path;
    process.stderr.write(`• ${name} …\n`);
    const read = await readAnalysisSource(path, { withPredecessor: true });
    sources.push(
      read.ok
        ? { source: name, analysisId: read.value.analysisId, json: read.value.json }
        : { source: name, analysisId: null, json: null, problem: read.error },
    );
  }
  const printer = createChromiumPrinter();
  try {
    const result = await produceOverview(sources, {
      printer,
      assets: await loadReportAssets(),
      now: () => new Date(),
    });
    await writeOutputFolder(options.out, result.files);
    const o = result.overview;
    process.stdout.write(
      `Landesüberblick erstellt: ${relative(process.cwd(), options.out) || '.'}/landesueberblick.pdf (${result.pages} ${result.pages === 1 ? 'Seite' : 'Seiten'}), ${o.municipalities} ${o.municipalities === 1 ? 'Kommune' : 'Kommunen'} aus ${sources.length} ${sources.length === 1 ? 'Analyse' : 'Analysen'}` +
        (o.skipped.length ? `, ${o.skipped.length} nicht lesbar (siehe landesueberblick.json)` : '') +
        '.\n',
    );
    return EXIT_OK;
  } finally {
    await printer.close();
  }
}
