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
  return Promise.all(files.map((name) => readCapped(name, join(folder, name))));
}

/** The file's bytes up to READ_CAP; a larger file keeps its real size for the readers' message. */
async function readCapped(name: string, path: string): Promise<InputFile> {
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
    const read = offset === length ? bytes : bytes.subarray(0, offset);
    return size > read.length ? { name, bytes: read, size } : { name, bytes: read };
  } finally {
    await handle.close();
  }
}
