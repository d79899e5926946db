/** Reads one analysis folder into InputFiles: regular files only, hidden files skipped, no recursion. */
import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { InputFile } from '../core/ports.js';

/** Larger files are read only up to this size; the readers reject anything above 50 MB anyway. */
const READ_CAP = 50 * 1024 * 1024 + 1;

export async function readInputFolder(folder: string): Promise<InputFile[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  return Promise.all(files.map(async (name) => ({ name, bytes: await readCapped(join(folder, name)) })));
}

async function readCapped(path: string): Promise<Uint8Array> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const length = Math.min(size, READ_CAP);
    const bytes = new Uint8Array(length);
    let offset = 0;
    while (offset < length) {
      const { bytesRead } = await handle.read(bytes, offset, length - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    return offset === length ? bytes : bytes.subarray(0, offset);
  } finally {
    await handle.close();
  }
}
