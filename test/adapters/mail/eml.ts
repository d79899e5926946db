/**
 * A small, strict RFC 5322 / MIME reader for the tests: unfolds headers, decodes RFC 2047 encoded
 * words, splits multipart bodies at their boundary and decodes quoted-printable and base64 parts.
 */

export interface ParsedPart {
  readonly headers: Readonly<Record<string, string>>;
  readonly contentType: string;
  readonly charset?: string;
  readonly body: string;
}

export interface ParsedMessage {
  /** Header values as written (unfolded, still encoded). */
  readonly raw: Readonly<Record<string, string>>;
  /** Header values decoded. */
  readonly headers: Readonly<Record<string, string>>;
  readonly parts: readonly ParsedPart[];
}

export function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset: string, enc: string, text: string) => {
      if (charset.toLowerCase() !== 'utf-8') throw new Error(`unexpected charset ${charset}`);
      const bytes =
        enc.toUpperCase() === 'B'
          ? Buffer.from(text, 'base64')
          : Buffer.from(decodeQp(text.replace(/_/g, ' ')), 'latin1');
      return bytes.toString('utf8');
    });
}

/** Quoted-printable → a latin1 string of the bytes. */
function decodeQp(text: string): string {
  return text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function splitHead(text: string): { head: Record<string, string>; body: string } {
  const at = text.indexOf('\r\n\r\n');
  if (at < 0) throw new Error('no blank line after the headers');
  const head: Record<string, string> = {};
  const unfolded = text.slice(0, at).replace(/\r\n[ \t]/g, ' ');
  for (const line of unfolded.split('\r\n')) {
    const m = /^([A-Za-z0-9-]+):\s?(.*)$/.exec(line);
    if (!m?.[1]) throw new Error(`bad header line ${JSON.stringify(line)}`);
    head[m[1].toLowerCase()] = m[2] ?? '';
  }
  return { head, body: text.slice(at + 4) };
}

function param(value: string, name: string): string | undefined {
  return new RegExp(`${name}="?([^";]+)"?`, 'i').exec(value)?.[1];
}

export function parseEml(text: string): ParsedMessage {
  if (/(^|[^\r])\n/.test(text)) throw new Error('bare LF in message (CRLF required)');
  const { head, body } = splitHead(text);
  const headers = Object.fromEntries(Object.entries(head).map(([k, v]) => [k, decodeWords(v)]));
  const type = head['content-type'] ?? '';
  const boundary = param(type, 'boundary');
  if (!type.startsWith('multipart/') || !boundary) throw new Error('not multipart');
  const end = body.indexOf(`\r\n--${boundary}--`);
  if (end < 0) throw new Error('no closing boundary');
  // every part ends with the CRLF that belongs to the next delimiter
  const sections = body
    .slice(0, end + 2)
    .split(`--${boundary}\r\n`)
    .slice(1);
  const parts = sections.map((section): ParsedPart => {
    const { head: h, body: b } = splitHead(section);
    const raw = b.replace(/\r\n$/, '');
    const enc = (h['content-transfer-encoding'] ?? '7bit').toLowerCase();
    const bytes =
      enc === 'quoted-printable'
        ? Buffer.from(decodeQp(raw), 'latin1')
        : enc === 'base64'
          ? Buffer.from(raw, 'base64')
          : Buffer.from(raw, 'utf8');
    const charset = param(h['content-type'] ?? '', 'charset');
    return {
      headers: h,
      contentType: (h['content-type'] ?? '').split(';')[0]?.trim() ?? '',
      ...(charset && { charset }),
      body: bytes.toString('utf8').replace(/\r\n/g, '\n'),
    };
  });
  return { raw: head, headers, parts };
}
