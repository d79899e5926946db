/**
 * A minimal RFC 5322 / MIME writer for the outbox: one multipart/alternative message with a
 * text/plain and a text/html part (UTF-8, quoted-printable), headers with non-ASCII text as RFC 2047
 * encoded words, CRLF line endings, no line longer than 78 characters. Also the address helpers the
 * SES mailer uses for its sender.
 */
import { randomUUID } from 'node:crypto';
import type { Mail } from '../../core/ports.js';

const CRLF = '\r\n';

/** A plain address: no spaces, brackets, quotes, commas or line breaks (those could inject headers). */
const ADDRESS = /^[^\s@<>(),;:"[\]\\]+@[^\s@<>(),;:"[\]\\]+\.[^\s@<>(),;:"[\]\\]+$/;

export function isPlainAddress(address: string): boolean {
  return ADDRESS.test(address);
}

export function assertAddresses(addresses: readonly string[]): void {
  const bad = addresses.filter((a) => !isPlainAddress(a));
  // the addresses themselves stay out of the message (it ends up in logs)
  if (bad.length > 0)
    throw new TypeError(`Invalid e-mail address(es): ${bad.length} of ${addresses.length}.`);
}

const isAscii = (s: string) => /^[\x20-\x7E]*$/.test(s);

/** Characters that need quoting in a display name (RFC 5322 `specials`). */
const SPECIALS = /[()<>[\]:;@\\,."]/;

/** One run of text as B-encoded words of at most 42 UTF-8 bytes each, never splitting a character. */
function encodeRun(text: string): string[] {
  const words: string[] = [];
  const encoder = new TextEncoder();
  let chunk = '';
  let bytes = 0;
  const push = () => {
    if (chunk) words.push(`=?UTF-8?B?${Buffer.from(chunk, 'utf8').toString('base64')}?=`);
    chunk = '';
    bytes = 0;
  };
  for (const ch of text) {
    const n = encoder.encode(ch).length;
    // 42 bytes → 56 base64 characters + 12 for `=?UTF-8?B?` and `?=` = 68, so that even the first
    // word after `Subject: ` keeps the line within 78 characters
    if (bytes + n > 42) push();
    chunk += ch;
    bytes += n;
  }
  push();
  return words;
}

/**
 * A header value as words to be joined by spaces: ASCII words stay readable, every other word
 * becomes RFC 2047 encoded words (in a display name, words with specials too). Between two encoded
 * words the space travels inside the second one, because decoders drop whitespace between them.
 * Line breaks are flattened (no header injection).
 */
export function encodeWords(value: string, phrase = false): string[] {
  const tokens = value
    .replace(/[\r\n\t]+/g, ' ')
    .split(' ')
    .filter((t) => t !== '');
  const out: string[] = [];
  let previousEncoded = false;
  for (const token of tokens) {
    const encode = !isAscii(token) || token.includes('=?') || (phrase && SPECIALS.test(token));
    if (encode) out.push(...encodeRun(previousEncoded ? ` ${token}` : token));
    else out.push(token);
    previousEncoded = encode;
  }
  return out;
}

/** `Name: value` (text, encoded as needed), folded at whitespace so that lines stay within 78 characters where possible. */
export function header(name: string, value: string): string {
  return fold(name, encodeWords(value));
}

/** A header whose value is already in wire form (ASCII, e.g. a formatted address), folded at its spaces. */
export function rawHeader(name: string, value: string): string {
  if (!isAscii(value)) throw new TypeError(`Header ${name} must be ASCII in wire form.`);
  return fold(
    name,
    value.split(' ').filter((w) => w !== ''),
  );
}

function fold(name: string, words: readonly string[]): string {
  const lines: string[] = [];
  let line = `${name}:`;
  for (const word of words) {
    if (line.length + 1 + word.length > 78 && line.length > name.length + 1) {
      lines.push(line);
      line = ` ${word}`;
    } else {
      line += ` ${word}`;
    }
  }
  lines.push(line);
  return lines.join(CRLF);
}

/** `Display Name <address>` with the name quoted or encoded; just the address without a name. */
export function formatAddress(address: string, name?: string): string {
  assertAddresses([address]);
  if (!name) return address;
  const flat = name.replace(/[\r\n\t]+/g, ' ').trim();
  const phrase = isAscii(flat) ? `"${flat.replace(/(["\\])/g, '\\$1')}"` : encodeWords(flat, true).join(' ');
  return `${phrase} <${address}>`;
}

/** RFC 5322 date: `Tue, 12 May 2026 08:30:00 +0000`. */
export function rfc5322Date(date: Date): string {
  return date.toUTCString().replace(/GMT$/, '+0000');
}

/** Quoted-printable (RFC 2045) of UTF-8 text, CRLF line breaks, encoded lines at most 76 characters. */
export function quotedPrintable(text: string): string {
  const out: string[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const bytes = Buffer.from(line, 'utf8');
    let current = '';
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i] as number;
      const last = i === bytes.length - 1;
      const literal = (b >= 33 && b <= 126 && b !== 61) || ((b === 32 || b === 9) && !last);
      const token = literal ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
      if (current.length + token.length > 75) {
        out.push(`${current}=`);
        current = '';
      }
      current += token;
    }
    out.push(current);
  }
  return out.join(CRLF);
}

export interface MessageOptions {
  /** The sender in wire form, from `formatAddress`. */
  readonly from: string;
  readonly date: Date;
  readonly messageId?: string;
  /** Extra headers, e.g. `Auto-Submitted`. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** The whole message as text with CRLF line endings (ASCII only; write it as UTF-8 or latin1 alike). */
export function buildMessage(mail: Mail, options: MessageOptions): string {
  assertAddresses(mail.to);
  if (mail.to.length === 0) throw new TypeError('A mail needs at least one recipient.');
  const domain = /@([^>]+)>?$/.exec(options.from)?.[1] ?? 'localhost';
  const boundary = `=_sia_${randomUUID().replace(/-/g, '')}`;
  const lines = [
    rawHeader('From', options.from),
    rawHeader('To', mail.to.join(', ')),
    header('Subject', mail.subject),
    `Date: ${rfc5322Date(options.date)}`,
    `Message-ID: ${options.messageId ?? `<${randomUUID().replace(/-/g, '')}@${domain}>`}`,
    ...Object.entries(options.headers ?? {}).map(([k, v]) => header(k, v)),
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative;',
    ` boundary="${boundary}"`,
    '',
    'This is a multi-part message in MIME format.',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(mail.text),
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(mail.html),
    `--${boundary}--`,
    '',
  ];
  return lines.join(CRLF);
}
