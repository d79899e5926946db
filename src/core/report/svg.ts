/**
 * Chart SVGs are the only markup from outside the templates that goes into the HTML unescaped.
 * They come from our own Vega renderer (labels escaped by Vega), but they are still checked here
 * before inlining: anything active or external makes the chart fall back to its text alternative.
 * Ids are prefixed per chart, because Vega numbers clip paths and gradients per view ("clip1"),
 * and several inlined SVGs with the same ids would clip each other.
 */

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

/** Strips an XML prolog and comments, checks the markup and scopes ids with `prefix`. */
export function prepareChartSvg(svg: string, prefix: string): SvgCheck {
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
  // The wrapper carries role="img" and the text alternative; the SVG itself is decoration for AT.
  s = s.replace(/^<svg/i, '<svg aria-hidden="true" focusable="false"');
  return { ok: true, svg: s };
}
