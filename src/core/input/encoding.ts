/**
 * Text encoding detection for CSV uploads (engineering notes §6.1): BOM sniffing (UTF-8, UTF-16LE),
 * then strict UTF-8, then Windows-1252 (a superset of Latin-1 for printable characters, so the
 * BKA's Latin-1 files decode byte-exactly). The result is always a UTF-8 buffer, which is what
 * csv-parse works on internally, so valid UTF-8 input is never copied.
 */
import { Buffer, isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

export type TextEncoding = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le';

/** Why bytes are not readable text. */
export type NotTextReason = 'binary' | 'xlsx' | 'xls' | 'utf-16be';

export type DecodedText =
  | { readonly ok: true; readonly encoding: TextEncoding; readonly utf8: Buffer }
  | { readonly ok: false; readonly reason: NotTextReason };

const SAMPLE_BYTES = 64 * 1024;

export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  if (bytes.length < signature.length) return false;
  for (let i = 0; i < signature.length; i++) if (bytes[i] !== signature[i]) return false;
  return true;
}

export const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04] as const;
export const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] as const;

/**
 * True when a sample of the bytes looks like binary data: a NUL byte anywhere, or more than 1 % of
 * C0 control characters other than tab, line feed, form feed and carriage return in the first 64 KB.
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const buf = asBuffer(bytes);
  if (buf.indexOf(0) !== -1) return true;
  const n = Math.min(buf.length, SAMPLE_BYTES);
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i] as number;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d && b !== 0x1a) controls++;
  }
  return n > 0 && controls * 100 > n;
}

/** Detects the encoding and returns the text as UTF-8 bytes, without a BOM. */
export function decodeText(bytes: Uint8Array): DecodedText {
  const buf = asBuffer(bytes);
  if (startsWith(buf, [0xef, 0xbb, 0xbf])) {
    const rest = buf.subarray(3);
    if (looksBinary(rest)) return { ok: false, reason: 'binary' };
    // Invalid sequences after a UTF-8 BOM are replaced by U+FFFD when csv-parse decodes the fields.
    return { ok: true, encoding: 'utf-8-bom', utf8: rest };
  }
  if (startsWith(buf, [0xff, 0xfe])) {
    const text = new TextDecoder('utf-16le').decode(buf.subarray(2));
    if (text.includes('\u0000')) return { ok: false, reason: 'binary' };
    const utf8 = Buffer.from(text, 'utf8');
    if (looksBinary(utf8)) return { ok: false, reason: 'binary' };
    return { ok: true, encoding: 'utf-16le', utf8 };
  }
  if (startsWith(buf, [0xfe, 0xff])) return { ok: false, reason: 'utf-16be' };
  if (startsWith(buf, ZIP_SIGNATURE)) return { ok: false, reason: 'xlsx' };
  if (startsWith(buf, CFB_SIGNATURE)) return { ok: false, reason: 'xls' };
  if (looksBinary(buf)) return { ok: false, reason: 'binary' };
  if (isUtf8(buf)) return { ok: true, encoding: 'utf-8', utf8: buf };
  const text = iconv.decode(buf, 'windows-1252');
  return { ok: true, encoding: 'windows-1252', utf8: Buffer.from(text, 'utf8') };
}
