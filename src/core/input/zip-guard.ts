/**
 * XLSX container guard (contract §9, engineering notes §6.4). Runs before ExcelJS ever sees the
 * bytes: ExcelJS (via JSZip) inflates every entry completely into memory, so a zip bomb must be
 * rejected here.
 *
 * Pass 1 reads only the ZIP central directory (yauzl, lazyEntries) and rejects on entry count,
 * unsafe paths, encryption, declared total size and per-entry compression ratio.
 * Pass 2 inflates every entry as a stream and throws the data away: yauzl checks that each entry
 * inflates to exactly its declared size, so a directory that lies about sizes is caught with a
 * bounded amount of memory (one inflate window), never by materialising the data. The XLSX reader
 * skips pass 2: it inflates only the parts it reads, as streams held to the same declared sizes.
 */
import { Buffer } from 'node:buffer';
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import type { InputFile } from '../ports.js';
import type { ValidationIssue } from '../validate/issues.js';
import { asBuffer, CFB_SIGNATURE, looksBinary, startsWith, ZIP_SIGNATURE } from './encoding.js';
import {
  MAX_COMPRESSION_RATIO,
  MAX_FILE_BYTES,
  MAX_XLSX_ENTRIES,
  MAX_XLSX_UNCOMPRESSED_BYTES,
  RATIO_MIN_ENTRY_BYTES,
} from './limits.js';
import { formatBytes, formatInt, q, readerIssue, shortValue } from './messages.js';

export interface ZipGuardLimits {
  readonly maxFileBytes: number;
  readonly maxUncompressedBytes: number;
  readonly maxEntries: number;
  readonly maxRatio: number;
  readonly ratioMinEntryBytes: number;
}

export const DEFAULT_ZIP_LIMITS: ZipGuardLimits = {
  maxFileBytes: MAX_FILE_BYTES,
  maxUncompressedBytes: MAX_XLSX_UNCOMPRESSED_BYTES,
  maxEntries: MAX_XLSX_ENTRIES,
  maxRatio: MAX_COMPRESSION_RATIO,
  ratioMinEntryBytes: RATIO_MIN_ENTRY_BYTES,
};

const REJECTED = 'Die Datei wird nicht geöffnet.';

/** `file-too-large` issue shared by all readers. */
export function fileTooLargeIssue(file: string, bytes: number, maxBytes: number): ValidationIssue {
  // Just over the limit, rounded megabytes would read like the limit itself: give exact bytes.
  const size =
    formatBytes(bytes).replace(',0 ', ' ') === formatBytes(maxBytes)
      ? `${formatInt(bytes)} Bytes`
      : formatBytes(bytes);
  return readerIssue({
    code: 'file-too-large',
    file,
    value: size,
    expected: `höchstens ${formatBytes(maxBytes)}`,
    text: `Die Datei ist ${size} groß; erlaubt sind höchstens ${formatBytes(maxBytes)}. ${REJECTED}`,
  });
}

function utf16le(text: string): Buffer {
  return Buffer.from(text, 'utf16le');
}

/** Encrypted OOXML is a CFB container with the streams `EncryptionInfo` and `EncryptedPackage`. */
function isEncryptedOoxml(buf: Buffer): boolean {
  return buf.indexOf(utf16le('EncryptedPackage')) !== -1 || buf.indexOf(utf16le('EncryptionInfo')) !== -1;
}

function entryName(entry: Entry): string {
  const raw: unknown = entry.fileName;
  const bytes = Buffer.isBuffer(raw) ? raw : Buffer.from(String(raw), 'utf8');
  const utf8 = (entry.generalPurposeBitFlag & 0x800) !== 0;
  return bytes.toString(utf8 ? 'utf8' : 'latin1').replace(/\\/g, '/');
}

function isUnsafePath(name: string): boolean {
  return (
    name.startsWith('/') ||
    /^[a-zA-Z]:/.test(name) ||
    name.split('/').includes('..') ||
    name.includes('\u0000')
  );
}

function openZip(buf: Buffer): Promise<ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      buf,
      { lazyEntries: true, decodeStrings: false, validateEntrySizes: true, autoClose: true },
      (err, zip) => (err || !zip ? reject(err ?? new Error('no zip')) : resolve(zip)),
    );
  });
}

/** Iterates the central directory; `onEntry` may return false to stop. */
function eachEntry(zip: ZipFile, onEntry: (entry: Entry) => Promise<boolean> | boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (err?: unknown): void => {
      if (done) return;
      done = true;
      zip.removeAllListeners('entry');
      if (zip.isOpen) zip.close();
      if (err) reject(err instanceof Error ? err : new Error(String(err)));
      else resolve();
    };
    zip.on('error', finish);
    zip.on('end', () => finish());
    zip.on('entry', (entry: Entry) => {
      Promise.resolve()
        .then(() => onEntry(entry))
        .then((more) => (more ? zip.readEntry() : finish()), finish);
    });
    zip.readEntry();
  });
}

/** Inflates one entry and discards the data; rejects when the entry does not match its declared size. */
function drainEntry(zip: ZipFile, entry: Entry): Promise<number> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (err: Error | null, stream: Readable) => {
      if (err || !stream) {
        reject(err ?? new Error('no stream'));
        return;
      }
      let bytes = 0;
      stream.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      stream.on('error', reject);
      stream.on('end', () => resolve(bytes));
    });
  });
}

function damagedIssue(file: string, detail: string): ValidationIssue {
  return readerIssue({
    code: 'xlsx-damaged',
    file,
    expected: 'eine unbeschädigte Excel-Arbeitsmappe (.xlsx)',
    text: `Die Excel-Datei ist beschädigt (${detail}). ${REJECTED}`,
  });
}

function encryptedIssue(file: string): ValidationIssue {
  return readerIssue({
    code: 'xlsx-encrypted',
    file,
    expected: 'eine Excel-Arbeitsmappe ohne Kennwortschutz',
    text: `Die Excel-Datei ist mit einem Kennwort geschützt. Bitte den Kennwortschutz entfernen (Datei › Informationen › Arbeitsmappe schützen) und erneut hochladen.`,
  });
}

function notZipIssue(file: string, buf: Buffer): ValidationIssue {
  if (startsWith(buf, CFB_SIGNATURE)) {
    if (isEncryptedOoxml(buf)) return encryptedIssue(file);
    return readerIssue({
      code: 'xlsx-legacy-xls',
      file,
      expected: 'eine Excel-Arbeitsmappe (.xlsx)',
      text: 'Die Datei ist im alten Excel-Format (.xls) gespeichert. Bitte in Excel als „Excel-Arbeitsmappe (*.xlsx)“ speichern und erneut hochladen.',
    });
  }
  if (!looksBinary(buf)) {
    return readerIssue({
      code: 'xlsx-not-zip',
      file,
      expected: 'eine Excel-Arbeitsmappe (.xlsx)',
      text: 'Die Datei ist keine Excel-Arbeitsmappe, sondern offenbar eine Textdatei (z. B. CSV). Bitte mit der Endung .csv hochladen.',
    });
  }
  return readerIssue({
    code: 'xlsx-not-zip',
    file,
    expected: 'eine Excel-Arbeitsmappe (.xlsx)',
    text: 'Die Datei ist keine gültige Excel-Arbeitsmappe (.xlsx).',
  });
}

/** The issue for a ZIP error (encryption, a size that differs from the directory, a damaged structure). */
export function yauzlIssue(file: string, error: unknown): ValidationIssue {
  const message = error instanceof Error ? error.message : String(error);
  if (/encrypt/i.test(message)) return encryptedIssue(file);
  if (/too many bytes|too few bytes|size mismatch/i.test(message)) {
    return readerIssue({
      code: 'xlsx-size-mismatch',
      file,
      expected: 'Einträge, die so groß sind wie im ZIP-Inhaltsverzeichnis angegeben',
      text: `Ein Eintrag der Excel-Datei ist beim Entpacken anders groß als im Inhaltsverzeichnis angegeben; die Datei wird als beschädigt oder manipuliert abgelehnt.`,
    });
  }
  if (/unsupported compression method/i.test(message))
    return damagedIssue(file, 'nicht unterstütztes Kompressionsverfahren');
  return damagedIssue(file, 'ZIP-Struktur nicht lesbar');
}

/**
 * Checks an XLSX upload before it is parsed. Returns German error issues; an empty list means
 * ExcelJS may open the file. Never throws.
 */
export async function checkXlsxContainer(
  file: InputFile,
  limits: ZipGuardLimits = DEFAULT_ZIP_LIMITS,
  options: { readonly inflate?: boolean } = {},
): Promise<readonly ValidationIssue[]> {
  const name = file.name;
  const buf = asBuffer(file.bytes);
  const size = Math.max(file.size ?? 0, buf.length);
  if (size > limits.maxFileBytes) return [fileTooLargeIssue(name, size, limits.maxFileBytes)];
  if (buf.length === 0) return [readerIssue({ code: 'empty-file', file: name, text: 'Die Datei ist leer.' })];
  if (!startsWith(buf, ZIP_SIGNATURE)) return [notZipIssue(name, buf)];

  let zip: ZipFile;
  try {
    zip = await openZip(buf);
  } catch (error) {
    return [yauzlIssue(name, error)];
  }
  if (zip.entryCount > limits.maxEntries) {
    zip.close();
    return [
      readerIssue({
        code: 'xlsx-too-many-entries',
        file: name,
        value: formatInt(zip.entryCount),
        expected: `höchstens ${formatInt(limits.maxEntries)} Einträge`,
        text: `Die Excel-Datei enthält ${formatInt(zip.entryCount)} Einträge; erlaubt sind höchstens ${formatInt(limits.maxEntries)}. ${REJECTED}`,
      }),
    ];
  }

  // Pass 1: the central directory.
  const issues: ValidationIssue[] = [];
  let total = 0;
  try {
    await eachEntry(zip, (entry) => {
      const path = entryName(entry);
      if (isUnsafePath(path)) {
        issues.push(
          readerIssue({
            code: 'xlsx-unsafe-path',
            file: name,
            value: shortValue(path),
            expected: 'relative Pfade ohne „..“',
            text: `Die Excel-Datei enthält einen unzulässigen Pfad ${q(shortValue(path))}. ${REJECTED}`,
          }),
        );
        return false;
      }
      if (entry.isEncrypted()) {
        issues.push(encryptedIssue(name));
        return false;
      }
      total += entry.uncompressedSize;
      const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
      if (entry.uncompressedSize > limits.ratioMinEntryBytes && ratio > limits.maxRatio) {
        issues.push(
          readerIssue({
            code: 'xlsx-compression-ratio',
            file: name,
            value: `${formatInt(Math.round(ratio))} : 1`,
            expected: `höchstens ${formatInt(limits.maxRatio)} : 1`,
            text: `Der Eintrag ${q(shortValue(path))} ist ungewöhnlich stark komprimiert (${formatBytes(entry.compressedSize)} → ${formatBytes(entry.uncompressedSize)}, Verhältnis ${formatInt(Math.round(ratio))} : 1, erlaubt höchstens ${formatInt(limits.maxRatio)} : 1); die Datei wird als mögliche ZIP-Bombe abgelehnt.`,
          }),
        );
        return false;
      }
      if (total > limits.maxUncompressedBytes) {
        issues.push(
          readerIssue({
            code: 'xlsx-too-large-uncompressed',
            file: name,
            value: `mehr als ${formatBytes(limits.maxUncompressedBytes)}`,
            expected: `höchstens ${formatBytes(limits.maxUncompressedBytes)} entpackt`,
            text: `Der entpackte Inhalt der Excel-Datei ist größer als ${formatBytes(limits.maxUncompressedBytes)} (erlaubt sind höchstens ${formatBytes(limits.maxUncompressedBytes)}). ${REJECTED}`,
          }),
        );
        return false;
      }
      return true;
    });
  } catch (error) {
    return [yauzlIssue(name, error)];
  }
  if (issues.length > 0) return issues;
  // A streaming reader that holds every entry it inflates to its declared size skips pass 2.
  if (options.inflate === false) return [];

  // Pass 2: inflate every entry as a stream, discarding the data.
  try {
    const zip2 = await openZip(buf);
    await eachEntry(zip2, async (entry) => {
      if (entryName(entry).endsWith('/')) return true;
      await drainEntry(zip2, entry);
      return true;
    });
  } catch (error) {
    return [yauzlIssue(name, error)];
  }
  return [];
}
