/**
 * The logo named in `branding.logo`: SVG or PNG, recognised by its content (magic bytes), at most
 * 1 MB. An SVG must be inert: no `<script`, no `on…=` event handlers, no external references
 * (`http:`, `https:`, `file:`, `//` in href/src/url()/@import), no entity declarations; it is
 * embedded into the report and rendered by Chromium.
 */
import type { Logo } from '../model/dataset.js';
import type { InputFile } from '../ports.js';
import type { IssueCollector } from './collector.js';
import { formatInt } from './message.js';

export const MAX_LOGO_BYTES = 1024 * 1024;

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function isPng(bytes: Uint8Array): boolean {
  return PNG_MAGIC.every((b, i) => bytes[i] === b);
}

/** The text of an SVG file, or null when the bytes are not an SVG document. */
function svgText(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
  const head = text
    .replace(/^\uFEFF/, '')
    .replace(/^\s*<\?xml[\s\S]*?\?>/, '')
    .replace(/^(\s*<!--[\s\S]*?-->)*/, '')
    .replace(/^\s*<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>/i, '')
    .replace(/^(\s*<!--[\s\S]*?-->)*/, '')
    .trimStart();
  return /^<svg[\s>]/i.test(head) ? text : null;
}

const UNSAFE: readonly { re: RegExp; what: string }[] = [
  { re: /<script/i, what: 'ein <script>-Element' },
  { re: /\son[a-z]+\s*=/i, what: 'einen Ereignis-Handler (on…=)' },
  {
    re: /(?:href|src)\s*=\s*["']?\s*(?:https?:|file:|\/\/)/i,
    what: 'einen externen Verweis (http:, https:, file: oder //)',
  },
  { re: /url\(\s*["']?\s*(?:https?:|file:|\/\/)/i, what: 'einen externen Verweis in url(…)' },
  { re: /@import/i, what: 'einen @import-Verweis' },
  { re: /<!ENTITY/i, what: 'eine Entity-Deklaration' },
  { re: /<foreignObject/i, what: 'ein <foreignObject>-Element' },
  { re: /javascript:/i, what: 'einen javascript:-Verweis' },
];

export function validateLogo(file: InputFile, issues: IssueCollector): Logo | null {
  const bytes = file.bytes;
  if (bytes.length > MAX_LOGO_BYTES) {
    issues.error({
      code: 'logo-too-large',
      file: file.name,
      value: `${formatInt(bytes.length)} Bytes`,
      expected: 'höchstens 1 MB',
      text: `Das Logo ist ${formatInt(Math.ceil(bytes.length / 1024))} KB groß (erlaubt: höchstens 1 MB).`,
    });
    return null;
  }
  const ext = file.name.toLowerCase().endsWith('.png') ? 'png' : 'svg';
  if (isPng(bytes)) {
    if (ext !== 'png')
      issues.error({
        code: 'logo-format',
        file: file.name,
        text: 'Die Datei ist ein PNG-Bild, heißt aber .svg (erwartet: Endung passend zum Inhalt).',
      });
    return ext === 'png' ? { file: file.name, mime: 'image/png', bytes } : null;
  }
  const svg = svgText(bytes);
  if (svg === null) {
    issues.error({
      code: 'logo-format',
      file: file.name,
      expected: 'SVG oder PNG',
      text: `Die Datei ist kein ${ext === 'png' ? 'PNG-Bild' : 'SVG-Dokument'} (erwartet: SVG oder PNG, erkannt am Inhalt).`,
    });
    return null;
  }
  if (ext !== 'svg') {
    issues.error({
      code: 'logo-format',
      file: file.name,
      text: 'Die Datei ist ein SVG-Dokument, heißt aber .png (erwartet: Endung passend zum Inhalt).',
    });
    return null;
  }
  let safe = true;
  for (const u of UNSAFE) {
    if (!u.re.test(svg)) continue;
    safe = false;
    issues.error({
      code: 'logo-unsafe',
      file: file.name,
      expected: 'SVG ohne Skripte und externe Verweise',
      text: `Das SVG-Logo enthält ${u.what} und wird aus Sicherheitsgründen abgelehnt (erwartet: reine Grafik ohne Skripte und externe Verweise).`,
    });
  }
  return safe ? { file: file.name, mime: 'image/svg+xml', bytes } : null;
}
