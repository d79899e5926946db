import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProfileDir, removeStaleChromiumFiles } from '../../../src/adapters/pdf/temp-dirs.js';

describe('temporary directory housekeeping', () => {
  let dir: string;
  const now = Date.now();

  async function entry(name: string, ageMs: number, file = false): Promise<string> {
    const path = join(dir, name);
    if (file) await writeFile(path, 'x');
    else {
      await mkdir(path);
      await writeFile(join(path, 'Local State'), '{}');
    }
    const t = new Date(now - ageMs);
    await utimes(path, t, t);
    return path;
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sia-temp-dirs-test-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('removes old profiles and Chromium leftovers, keeps fresh, kept and unrelated entries', async () => {
    const oldProfile = await entry('sia-chromium-old', 2 * 3_600_000);
    const freshProfile = await entry('sia-chromium-fresh', 60_000);
    const keptProfile = await entry('sia-chromium-inuse', 5 * 3_600_000);
    const oldLeftover = await entry('.org.chromium.Chromium.abc', 20 * 60_000, true);
    const freshLeftover = await entry('.org.chromium.Chromium.def', 60_000, true);
    const unrelated = await entry('puppeteer_dev_chrome_profile-x', 9 * 3_600_000);

    const removed = await removeStaleChromiumFiles({
      dir,
      profileMaxAgeMs: 3_600_000,
      leftoverMaxAgeMs: 10 * 60_000,
      keep: new Set([keptProfile]),
      now,
    });
    expect(removed).toEqual([oldLeftover, oldProfile].sort());
    for (const p of [freshProfile, keptProfile, freshLeftover, unrelated])
      expect(existsSync(p), p).toBe(true);
  });

  it('removes every leftover when the age limit is 0, and tolerates a missing directory', async () => {
    const leftover = await entry('.org.chromium.Chromium.now', 0, true);
    await removeStaleChromiumFiles({
      dir,
      profileMaxAgeMs: 3_600_000,
      leftoverMaxAgeMs: 0,
      keep: new Set(),
      now,
    });
    expect(existsSync(leftover)).toBe(false);
    expect(
      await removeStaleChromiumFiles({
        dir: join(dir, 'missing'),
        profileMaxAgeMs: 0,
        leftoverMaxAgeMs: 0,
        keep: new Set(),
        now,
      }),
    ).toEqual([]);
  });

  it('creates unique profile directories with the sia-chromium- prefix', async () => {
    const a = await createProfileDir(dir);
    const b = await createProfileDir(dir);
    expect(a).not.toBe(b);
    expect(a.startsWith(join(dir, 'sia-chromium-'))).toBe(true);
  });
});
