/**
 * Chart SVGs are the only markup from outside the templates that goes into the HTML unescaped.
 * They come from our own Vega renderer (labels escaped by Vega), but they are still checked here
 * before inlining: anything active or external makes the chart fall back to its text alternative.
 * Ids are prefixed per chart, because Vega numbers clip paths and gradients per view ("clip1"),
 * and several inlined SVGs with the same ids would clip each other.
 */

import { escapeHtml } from './engine.js';

const FORBIDDEN: readonly RegExp[] = [
  /<script/i,
  /<foreignObject/i,
  /<iframe/i,
  /<object/i,
  /<embed/i,
  /<image/i,
  /<use[\s>]/i,
  /<style/i,
  /<\/?(?:html|body|head|link|meta)[\s>]/i,
  /javascript:/i,
  /<[^>]*\son[a-z]+\s*=/i,
  /url\(\s*['"]?(?!#)/i,
  /@import/i,
  /(?:xlink:)?href\s*=\s*["'](?!#)/i,
  /<!DOCTYPE|<!ENTITY/i,
];

export type SvgCheck =
  { readonly ok: true; readonly svg: string } | { readonly ok: false; readonly reason: string };

/**
 * Strips an XML prolog and comments, checks the markup and scopes ids with `prefix`. The chart becomes
 * `<svg role="img" aria-label="{label}">`: Chromium tags exactly that as a Figure with the label as /Alt,
 * and a screen reader in the HTML announces the same text. The file's own `<title>`/`<desc>` (see
 * charts/render.ts) are dropped here: the figcaption shows the title, and a `<desc>` would be announced as
 * a description repeating the label.
 */
export function prepareChartSvg(svg: string, prefix: string, label: string): SvgCheck {
  let s = svg
    .replace(/^\uFEFF?\s*<\?xml[^>]*\?>\s*/i, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .trim();
  if (!/^<svg[\s>]/i.test(s) || !/<\/svg>$/i.test(s)) return { ok: false, reason: 'kein SVG-Element' };
  for (const re of FORBIDDEN)
    if (re.test(s)) return { ok: false, reason: `unzulässiger Inhalt (${re.source})` };
  // Namespace declarations are not needed for SVG inside HTML; dropping them keeps every URL out of the markup.
  s = s.replace(/\s+xmlns(?::[a-z]+)?="http:\/\/www\.w3\.org\/[^"]*"/gi, '');
  if (/(?:https?|file|ftp):/i.test(s.replace(/>[^<]*</g, '><')))
    return { ok: false, reason: 'externe Adresse im SVG' };
  const p = prefix.replace(/[^A-Za-z0-9_-]/g, '-');
  s = s
    .replace(/\bid="([^"]+)"/g, (_m, id: string) => `id="${p}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${p}-${id})`)
    .replace(/((?:xlink:)?href)="#([^"]+)"/g, (_m, attr: string, id: string) => `${attr}="#${p}-${id}"`);
  s = s.replace(/<(title|desc)\b[^>]*>[\s\S]*?<\/\1>/gi, '');
  const open = /^<svg\b[^>]*>/i.exec(s)?.[0] ?? '<svg>';
  const cleaned = open.replace(/\s(?:role|aria-[a-z]+|focusable)="[^"]*"/gi, '');
  s =
    cleaned.replace(/^<svg/i, `<svg role="img" aria-label="${escapeHtml(label)}" focusable="false"`) +
    s.slice(open.length);
  return { ok: true, svg: s };
}
