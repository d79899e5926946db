/**
 * `sia fragebogen <ziel>`: writes the standard questionnaire as fragebogen.pdf (printable, tagged,
 * item codes in small print) and fragebogen.lss (LimeSurvey). With an analyse.json in <ziel> (or
 * --analyse <ordner>) the area question lists that analysis's areas.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createChromiumPrinter } from '../../adapters/chromium-printer.js';
import { loadReportAssets } from '../../adapters/fs-assets.js';
import { produceQuestionnaire } from '../../app/questionnaire.js';
import { MANIFEST_FILE } from '../../core/init/manifest-draft.js';
import type { Area } from '../../core/model/dataset.js';
import { IssueCollector } from '../../core/validate/collector.js';
import { validateManifest } from '../../core/validate/manifest.js';
import { EXIT_OK } from '../exit-codes.js';

async function areasFrom(folder: string): Promise<readonly Area[]> {
  const bytes = await readFile(join(folder, MANIFEST_FILE)).catch(() => undefined);
  if (!bytes) return [];
  return validateManifest({ name: MANIFEST_FILE, bytes }, new IssueCollector()).context.areas ?? [];
}

export async function fragebogenCommand(
  target: string,
  options: { readonly analyse?: string },
): Promise<number> {
  const areas = await areasFrom(options.analyse ?? target);
  const assets = await loadReportAssets();
  const printer = createChromiumPrinter();
  try {
    const { files, pageCount } = await produceQuestionnaire(printer, assets.fonts, { areas });
    await mkdir(target, { recursive: true });
    for (const f of files) await writeFile(join(target, f.path), f.bytes);
    process.stdout.write(
      `Geschrieben nach ${target}: fragebogen.pdf (${pageCount} Seiten, zum Ausdrucken) und fragebogen.lss (für LimeSurvey: Umfrage erstellen → Importieren).\n` +
        (areas.length > 0
          ? `Die Frage nach dem Ortsteil nennt die ${areas.length} Gebiete aus analyse.json.\n`
          : 'Ohne analyse.json wird der Ortsteil als Freitext erfragt (mit --analyse <ordner> die Gebiete übernehmen).\n'),
    );
    return EXIT_OK;
  } finally {
    await printer.close();
  }
}
