/**
 * The municipality's logo as a `data:` URI for <img src>. PNG and SVG are both embedded as base64
 * data URIs: an SVG shown through <img> cannot run scripts or load anything, unlike inline SVG
 * markup, which is never used for uploaded files.
 */
import type { Logo } from '../model/dataset.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const MAX_LOGO_BYTES = 2 * 1024 * 1024;

function looksLikePng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

function looksLikeSvg(bytes: Uint8Array): boolean {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096));
  return /<svg[\s>]/i.test(head);
}

/** The logo as `data:image/png;base64,…` or `data:image/svg+xml;base64,…`; null when absent or not what it claims. */
export function logoDataUri(logo: Logo | null): string | null {
  if (!logo || logo.bytes.length === 0 || logo.bytes.length > MAX_LOGO_BYTES) return null;
  if (logo.mime === 'image/png' && looksLikePng(logo.bytes))
    return `data:image/png;base64,${Buffer.from(logo.bytes).toString('base64')}`;
  if (logo.mime === 'image/svg+xml' && looksLikeSvg(logo.bytes))
    return `data:image/svg+xml;base64,${Buffer.from(logo.bytes).toString('base64')}`;
  return null;
}

/** Pattern every logo source printed into the HTML must match (checked by tests). */
export const LOGO_DATA_URI = /^data:image\/(?:png|svg\+xml);base64,[A-Za-z0-9+/]+=*$/;
