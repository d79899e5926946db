/**
 * Loads the municipality list: `SIA_GEMEINDEN_CSV` when set (the LPR's current extract), else the
 * shipped `data/gemeinden-sachsen.csv` (found next to the bundle or by walking up to the repository).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseGemeinden, type GemeindenResult } from '../core/model/gemeinden.js';

export const GEMEINDEN_FILE = join('data', 'gemeinden-sachsen.csv');

function defaultPath(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const candidate = join(dir, GEMEINDEN_FILE);
    if (existsSync(candidate)) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

let cached: { path: string; result: GemeindenResult } | undefined;

/** The list and any problems reading it; an empty list when no file is found. */
export function loadGemeinden(path = process.env.SIA_GEMEINDEN_CSV ?? defaultPath()): GemeindenResult {
  if (path === undefined) return { gemeinden: [], issues: [] };
  if (cached?.path === path) return cached.result;
  const result = parseGemeinden({ name: 'gemeinden-sachsen.csv', bytes: readFileSync(path) });
  cached = { path, result };
  return result;
}
