import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildTemplates } from '../../core/vorlage/index.js';
import { EXIT_OK } from '../exit-codes.js';

/** `sia vorlage <ziel>`: blank data-entry templates for municipalities. */
export async function vorlageCommand(target: string): Promise<number> {
  await mkdir(target, { recursive: true });
  const templates = await buildTemplates();
  for (const t of templates) await writeFile(join(target, t.name), t.bytes);
  process.stdout.write(
    `${templates.length} Vorlagen geschrieben nach ${target}: ${templates.map((t) => t.name).join(', ')}\n`,
  );
  return EXIT_OK;
}
