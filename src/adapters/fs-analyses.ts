/**
 * Published analyses from the file system (issue 16): an earlier wave for `sia report --vorgaenger`, and
 * every municipality's analyses for `sia landesueberblick`. An analysis is either an analysis.json (a
 * report folder or the file itself) or an input folder with analyse.json, which is then analysed
 * (validated and computed, without charts or printing).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { analyseUpload } from '../core/pipeline.js';
import { formatReport } from '../core/validate/format.js';
import { err, ok, type Result } from '../core/result.js';
import { ENGINE_VERSION } from '../core/version.js';
import type { PredecessorLookup } from '../core/waves/index.js';
import { readInputFolder } from './fs-input.js';

export interface AnalysisSource {
  /** Parsed analysis.json. */
  readonly json: unknown;
  /** Folder name of the analysis (its id in the pipeline), or null for a bare analysis.json file. */
  readonly analysisId: string | null;
  readonly path: string;
}

const exists = (path: string) =>
  stat(path).then(
    (s) => s,
    () => undefined,
  );

/**
 * Reads an analysis.json file, a folder holding one, or an input folder (analysed here; with
 * `withPredecessor`, compared with the predecessor its analyse.json names, found next to it).
 */
export async function readAnalysisSource(
  path: string,
  options: { readonly withPredecessor?: boolean } = {},
): Promise<Result<AnalysisSource, string>> {
  const info = await exists(path);
  if (!info) return err(`${path} wurde nicht gefunden.`);
  if (info.isFile()) {
    const parsed = await readJson(path);
    if (!parsed.ok) return parsed;
    const folder = basename(dirname(path));
    return ok({ json: parsed.value, analysisId: folder || null, path });
  }
  const report = join(path, 'analysis.json');
  if (await exists(report)) {
    const parsed = await readJson(report);
    return parsed.ok ? ok({ json: parsed.value, analysisId: basename(path), path: report }) : parsed;
  }
  if (!(await exists(join(path, 'analyse.json'))))
    return err(
      `Im Ordner ${path} liegt weder eine analysis.json (Bericht) noch eine analyse.json (Daten einer Analyse).`,
    );
  const analysisId = basename(resolve(path));
  const analysed = await analyseUpload(await readInputFolder(path), {
    engineVersion: ENGINE_VERSION,
    analysisId,
    ...(options.withPredecessor && {
      predecessor: (named: string | null) => findPredecessor(path, named),
    }),
  });
  if (!analysed.ok)
    return err(`Die Daten im Ordner ${path} sind nicht gültig:\n${formatReport(analysed.error)}`);
  return ok({ json: analysed.value.analysis, analysisId, path });
}

async function readJson(path: string): Promise<Result<unknown, string>> {
  try {
    return ok(JSON.parse(await readFile(path, 'utf8')) as unknown);
  } catch {
    return err(`${path} ist keine lesbare JSON-Datei.`);
  }
}

/**
 * Every analysis under `root`: folders with an analysis.json (report folders) or, where there is none,
 * an analyse.json (input folders); hidden folders and node_modules are skipped. Sorted by path.
 */
export async function findAnalysisFolders(root: string, depth = 4): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string, level: number): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    const names = new Set(entries.filter((e) => e.isFile()).map((e) => e.name));
    if (names.has('analysis.json') || names.has('analyse.json')) {
      out.push(dir);
      return;
    }
    if (level >= depth) return;
    for (const e of entries)
      if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules')
        await walk(join(dir, e.name), level + 1);
  };
  await walk(root, 0);
  return out.sort();
}

/**
 * The predecessor of the analysis in `folder`: `given` (a folder or an analysis.json), else the analysis
 * analyse.json names (`named`) as a folder next to this one (`../<id>`), else none. The predecessor itself
 * is read without its own predecessor.
 */
export async function findPredecessor(
  folder: string,
  named: string | null,
  given?: string,
): Promise<PredecessorLookup | undefined> {
  let path = given;
  if (path === undefined) {
    if (named === null) return undefined;
    const sibling = join(dirname(resolve(folder)), named);
    if (!(await exists(sibling))?.isDirectory())
      return {
        status: 'missing',
        reason: `Die frühere Analyse „${named}“ aus analyse.json wurde nicht gefunden (weder mit --vorgaenger angegeben noch als Ordner ${relative(process.cwd(), sibling) || sibling}).`,
      };
    path = sibling;
  }
  const source = await readAnalysisSource(path);
  if (!source.ok) return { status: 'missing', reason: source.error };
  return { status: 'found', analysisId: named ?? source.value.analysisId, analysis: source.value.json };
}
