/**
 * Loads the report assets from the file system: every file under `templates/report/` (as text,
 * keyed by its path relative to that folder) and the Source Sans 3 WOFF2 files (latin and
 * latin-ext, greek; 400 normal and italic, 600, 700).
 *
 * Root: the folder that contains `templates/report/`. By default it is found by walking up from
 * this module (the repository root in development; in a Lambda bundle the templates sit next to the
 * handler, so the handler's own folder). Fonts are looked up in `<root>/fonts/` (bundle) and then
 * in `<root>/node_modules/@fontsource/source-sans-3/files/` (repository).
 *
 * TEMPLATE_VERSION is a short SHA-256 over the template files (see core/report/template-version.ts),
 * computed from the default root when this module loads; it changes with every template edit and
 * needs no manual bump. Code that loads from an explicit root should use
 * `templateVersionOf(assets.templates)` instead, so the version always matches what was rendered.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ReportAssets } from '../core/ports.js';
import { templateVersionOf } from '../core/report/template-version.js';

export { templateVersionOf };

export const TEMPLATE_DIR = join('templates', 'report');

export const REPORT_FONT_FILES: readonly string[] = [
  'source-sans-3-latin-400-normal.woff2',
  'source-sans-3-latin-400-italic.woff2',
  'source-sans-3-latin-600-normal.woff2',
  'source-sans-3-latin-700-normal.woff2',
  'source-sans-3-latin-ext-400-normal.woff2',
  'source-sans-3-latin-ext-400-italic.woff2',
  'source-sans-3-latin-ext-600-normal.woff2',
  'source-sans-3-latin-ext-700-normal.woff2',
  // ρ and φ of the statistical notes (Spearman's rho, the dispersion factor)
  'source-sans-3-greek-400-normal.woff2',
  'source-sans-3-greek-400-italic.woff2',
  'source-sans-3-greek-600-normal.woff2',
  'source-sans-3-greek-700-normal.woff2',
];

const FONT_DIRS = [join('fonts'), join('node_modules', '@fontsource', 'source-sans-3', 'files')];

/** The nearest folder at or above `start` that contains templates/report/report.eta. */
export function findAssetsRoot(start: string = dirname(fileURLToPath(import.meta.url))): string | undefined {
  let dir = start;
  for (;;) {
    if (existsSync(join(dir, TEMPLATE_DIR, 'report.eta'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

const toKey = (base: string, file: string) => relative(base, file).split(sep).join('/');

async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...(await listFiles(p)));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

function listFilesSync(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name.startsWith('.')) continue;
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listFilesSync(p));
    else if (e.isFile()) out.push(p);
  }
  return out.sort();
}

export async function loadReportAssets(root?: string): Promise<ReportAssets> {
  const base = root ?? findAssetsRoot();
  if (!base)
    throw new Error(
      `Berichtsvorlagen nicht gefunden: kein Ordner ${TEMPLATE_DIR} oberhalb von ${dirname(fileURLToPath(import.meta.url))}.`,
    );
  const templateDir = join(base, TEMPLATE_DIR);
  if (!existsSync(join(templateDir, 'report.eta')))
    throw new Error(`Berichtsvorlagen nicht gefunden: ${join(templateDir, 'report.eta')} fehlt.`);

  const templates: Record<string, string> = {};
  for (const file of await listFiles(templateDir))
    templates[toKey(templateDir, file)] = await readFile(file, 'utf8');

  const fonts: Record<string, Uint8Array> = {};
  const missing: string[] = [];
  for (const name of REPORT_FONT_FILES) {
    const dir = FONT_DIRS.map((d) => join(base, d)).find((d) => existsSync(join(d, name)));
    if (dir) fonts[name] = new Uint8Array(await readFile(join(dir, name)));
    else missing.push(name);
  }
  if (missing.length)
    throw new Error(
      `Schriftdateien fehlen (gesucht in ${FONT_DIRS.map((d) => join(base, d)).join(', ')}): ${missing.join(', ')}`,
    );
  return { templates, fonts };
}

function defaultTemplateVersion(): string {
  try {
    const base = findAssetsRoot();
    if (!base) return 'unbekannt';
    const templateDir = join(base, TEMPLATE_DIR);
    const templates: Record<string, string> = {};
    for (const file of listFilesSync(templateDir))
      templates[toKey(templateDir, file)] = readFileSync(file, 'utf8');
    return templateVersionOf(templates);
  } catch {
    return 'unbekannt';
  }
}

/** Version of the templates under the default root (see the module comment). */
export const TEMPLATE_VERSION: string = defaultTemplateVersion();
