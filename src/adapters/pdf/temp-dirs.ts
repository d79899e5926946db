/**
 * Housekeeping of the temporary directory Chromium writes into (Lambda's only writable directory,
 * kept across warm invocations): a unique profile directory per browser, and removal of stale ones
 * and of `.org.chromium.Chromium.*` leftovers of crashed browsers (engineering notes §1.5).
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PROFILE_PREFIX = 'sia-chromium-';
const CHROMIUM_LEFTOVER_PREFIX = '.org.chromium.Chromium.';

export function createProfileDir(dir = tmpdir()): Promise<string> {
  return mkdtemp(join(dir, PROFILE_PREFIX));
}

export async function removeDir(path: string): Promise<void> {
  await rm(path, { recursive: true, force: true, maxRetries: 3, retryDelay: 50 });
}

export interface CleanupOptions {
  readonly dir?: string;
  /** Profile directories (`sia-chromium-*`) at least this old are removed. */
  readonly profileMaxAgeMs: number;
  /** `.org.chromium.Chromium.*` entries at least this old are removed (0: all). */
  readonly leftoverMaxAgeMs: number;
  /** Paths never to remove (profiles of browsers this process is still using). */
  readonly keep: ReadonlySet<string>;
  readonly now: number;
}

/** Removes stale entries; returns the paths removed. Errors on single entries are ignored (best effort). */
export async function removeStaleChromiumFiles(options: CleanupOptions): Promise<string[]> {
  const dir = options.dir ?? tmpdir();
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  await Promise.all(
    names.map(async (name) => {
      const maxAge = name.startsWith(PROFILE_PREFIX)
        ? options.profileMaxAgeMs
        : name.startsWith(CHROMIUM_LEFTOVER_PREFIX)
          ? options.leftoverMaxAgeMs
          : undefined;
      if (maxAge === undefined) return;
      const path = join(dir, name);
      if (options.keep.has(path)) return;
      try {
        const info = await stat(path);
        if (options.now - info.mtimeMs < maxAge) return;
        await removeDir(path);
        removed.push(path);
      } catch {
        // Gone already, or not ours to remove.
      }
    }),
  );
  return removed.sort();
}
