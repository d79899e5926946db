/**
 * Streaming access to the entries of a ZIP held in memory (yauzl): the central directory as a map
 * by name, and one entry at a time inflated in chunks, decoded to text and handed to a consumer
 * that may stop early. Every entry is held to exactly the size the directory declares while it is
 * inflated, so a lying directory cannot make an entry grow beyond the limits the guard checked.
 */
import { Buffer } from 'node:buffer';
import type { Readable } from 'node:stream';
import { createInflateRaw } from 'node:zlib';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';

export interface ZipArchive {
  readonly entries: ReadonlyMap<string, Entry>;
  /** Streams one entry as text; `onText` returns false to stop reading (the rest is not inflated). */
  readText(entry: Entry, onText: (text: string) => boolean | void): Promise<void>;
  close(): void;
}

/** The entry name as stored (CP437/UTF-8 flag respected), with `\` turned into `/`. */
export function entryName(entry: Entry): string {
  const raw: unknown = entry.fileName;
  const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw), 'utf8');
  const utf8 = (entry.generalPurposeBitFlag & 0x800) !== 0;
  return bytes.toString(utf8 ? 'utf8' : 'latin1').replace(/\\/g, '/');
}

function open(buf: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      buf,
      { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: false },
      (err, zip) => (err || !zip ? reject(err ?? new Error('no zip')) : resolve(zip)),
    );
  });
}

function listEntries(zip: ZipFile): Promise<Map<string, Entry>> {
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Entry>();
    zip.on('entry', (entry: Entry) => {
      const name = entryName(entry);
      if (!name.endsWith('/') && !entries.has(name)) entries.set(name, entry);
      zip.readEntry();
    });
    zip.once('end', () => resolve(entries));
    zip.once('error', reject);
    zip.readEntry();
  });
}

class StopReading extends Error {}

/** Output chunk of the inflater (zlib's default is 16 KB). */
const INFLATE_CHUNK = 1024 * 1024;

interface ChunkDecoder {
  write(chunk: Buffer): string;
  end(): string;
}

/** Decoder for an XML part: UTF-16 when it starts with a UTF-16 byte order mark, else UTF-8. */
function decoderFor(first: Buffer): ChunkDecoder {
  const encoding =
    first.length >= 2 && first[0] === 0xff && first[1] === 0xfe
      ? 'utf-16le'
      : first.length >= 2 && first[0] === 0xfe && first[1] === 0xff
        ? 'utf-16be'
        : 'utf-8';
  // Streaming mode keeps a character split between two chunks.
  const d = new TextDecoder(encoding);
  return { write: (c) => d.decode(c, { stream: true }), end: () => d.decode() };
}

export async function openZipArchive(bytes: Uint8Array): Promise<ZipArchive> {
  const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const zip = await open(buf);
  let entries: Map<string, Entry>;
  try {
    entries = await listEntries(zip);
  } catch (error) {
    zip.close();
    throw error;
  }
  return {
    entries,
    close: () => {
      if (zip.isOpen) zip.close();
    },
    readText: (entry, onText) =>
      new Promise<void>((resolve, reject) => {
        // Inflated here rather than by yauzl, with large chunks: a sheet of 180 MB in yauzl's
        // 16 KB pieces spends more time waiting for the zlib thread pool than parsing.
        const method = entry.compressionMethod;
        if (method !== 0 && method !== 8) {
          reject(new Error(`unsupported compression method: ${method}`));
          return;
        }
        zip.openReadStream(entry, { decompress: false }, (err: Error | null, raw: Readable) => {
          if (err || !raw) {
            reject(err ?? new Error('no stream'));
            return;
          }
          const stream: Readable =
            method === 8 ? raw.pipe(createInflateRaw({ chunkSize: INFLATE_CHUNK })) : raw;
          if (stream !== raw) raw.on('error', (e) => stream.destroy(e));
          const declared = entry.uncompressedSize;
          let produced = 0;
          let decoder: ChunkDecoder | null = null;
          let settled = false;
          const finish = (error?: unknown): void => {
            if (settled) return;
            settled = true;
            if (error === undefined || error instanceof StopReading) resolve();
            else reject(error instanceof Error ? error : new Error(String(error)));
          };
          stream.on('data', (chunk: Buffer) => {
            if (settled) return;
            try {
              produced += chunk.length;
              // The directory's size is a limit the guard checked; more is a manipulated entry.
              if (produced > declared) throw new Error('too many bytes in the stream');
              decoder ??= decoderFor(chunk);
              const text = decoder.write(chunk);
              if (text.length > 0 && onText(text) === false) throw new StopReading();
            } catch (error) {
              stream.destroy();
              finish(error);
            }
          });
          stream.on('error', (error) => finish(error));
          stream.on('end', () => {
            if (settled) return;
            try {
              if (produced < declared) throw new Error('too few bytes in the stream');
              const rest = decoder?.end() ?? '';
              if (rest.length > 0) onText(rest);
              finish();
            } catch (error) {
              finish(error);
            }
          });
        });
      }),
  };
}
