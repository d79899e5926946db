/**
 * Writes the files of one report version into a folder atomically: everything goes into a
 * temporary sibling folder first, which replaces the target only when complete. A failed run
 * leaves no half-written report behind.
 */
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { OutputFile } from '../core/ports.js';

export async function writeOutputFolder(target: string, files: readonly OutputFile[]): Promise<void> {
  const dir = resolve(target);
  const parent = dirname(dir);
  await mkdir(parent, { recursive: true });
  const staging = await mkdtemp(join(parent, `.${basename(dir)}.tmp-`));
  try {
    for (const file of files) {
      const path = join(staging, file.path);
      if (!path.startsWith(staging + '/')) throw new Error(`unsafe output path: ${file.path}`);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, file.bytes);
    }
    const old = `${staging}.old`;
    const hadTarget = await rename(dir, old).then(
      () => true,
      (e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT') return false;
        throw e;
      },
    );
    await rename(staging, dir);
    if (hadTarget) await rm(old, { recursive: true, force: true });
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
