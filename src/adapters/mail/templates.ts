/**
 * Loads the e-mail templates: every `*.mjml` and `*.txt` file in `templates/email/`, keyed by file
 * name (`layout.mjml`, `report-ready.mjml`, `report-ready.txt`, …), as `renderEmail` expects them.
 *
 * Root: the folder that contains `templates/email/`. By default it is found by walking up from this
 * module (the repository root in development; in a Lambda bundle the templates must sit next to the
 * handler, as for the report templates).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EmailTemplates } from '../../core/email/types.js';

export const EMAIL_TEMPLATE_DIR = join('templates', 'email');

/** The nearest folder at or above `start` that contains templates/email/layout.mjml. */
export function findEmailTemplatesRoot(
  start: string = dirname(fileURLToPath(import.meta.url)),
): string | undefined {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, EMAIL_TEMPLATE_DIR, 'layout.mjml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export async function loadEmailTemplates(root?: string): Promise<EmailTemplates> {
  const base = root ?? findEmailTemplatesRoot();
  if (!base)
    throw new Error(
      `E-Mail-Vorlagen nicht gefunden: kein Ordner ${EMAIL_TEMPLATE_DIR} oberhalb von ${dirname(fileURLToPath(import.meta.url))}.`,
    );
  const dir = join(base, EMAIL_TEMPLATE_DIR);
  if (!existsSync(join(dir, 'layout.mjml')))
    throw new Error(`E-Mail-Vorlagen nicht gefunden: ${join(dir, 'layout.mjml')} fehlt.`);
  const templates: Record<string, string> = {};
  const names = (await readdir(dir, { withFileTypes: true }))
    .filter((e) => e.isFile() && !e.name.startsWith('.') && /\.(mjml|txt)$/.test(e.name))
    .map((e) => e.name)
    .sort();
  for (const name of names) templates[name] = await readFile(join(dir, name), 'utf8');
  return templates;
}
