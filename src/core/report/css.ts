/**
 * The report's CSS: brand colours as CSS custom properties, Source Sans 3 as @font-face rules with
 * `data:` URIs (the printer blocks every network request, so fonts must be embedded), and the
 * static print stylesheet `templates/report/report.css`.
 */

export interface Branding {
  readonly primary: string;
  readonly accent: string;
}

export const DEFAULT_BRANDING: Branding = { primary: '#005CA9', accent: '#E8A33D' };

const HEX = /^#[0-9a-fA-F]{6}$/;

/** A `#RRGGBB` colour, or the fallback. Anything else never reaches the CSS. */
export function safeColour(value: string, fallback: string): string {
  return HEX.test(value) ? value.toUpperCase() : fallback;
}

function channel(hex: string, i: number): number {
  const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
  return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of `#RRGGBB`. */
export function luminance(hex: string): number {
  return 0.2126 * channel(hex, 0) + 0.7152 * channel(hex, 1) + 0.0722 * channel(hex, 2);
}

/** WCAG contrast ratio of two `#RRGGBB` colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const INK = '#1A1A1A';
const WHITE = '#FFFFFF';

/**
 * CSS variables from the branding. Text set in the brand colour falls back to ink when the colour
 * is too light for 4.5:1 on white; text on a brand-coloured background is white or ink, whichever
 * contrasts more.
 */
export function brandVariables(branding: Branding): string {
  const primary = safeColour(branding.primary, DEFAULT_BRANDING.primary);
  const accent = safeColour(branding.accent, DEFAULT_BRANDING.accent);
  const primaryText = contrast(primary, WHITE) >= 4.5 ? primary : INK;
  const onPrimary = contrast(primary, WHITE) >= contrast(primary, INK) ? WHITE : INK;
  const onAccent = contrast(accent, WHITE) >= contrast(accent, INK) ? WHITE : INK;
  return [
    ':root {',
    `  --brand: ${primary};`,
    `  --brand-text: ${primaryText};`,
    `  --on-brand: ${onPrimary};`,
    `  --accent: ${accent};`,
    `  --on-accent: ${onAccent};`,
    `  --ink: ${INK};`,
    '}',
  ].join('\n');
}

/** Unicode ranges of the Fontsource subsets (as in @fontsource/source-sans-3 5.x). */
const UNICODE_RANGES: Readonly<Record<string, string>> = {
  latin:
    'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
  greek: 'U+0370-0377,U+037A-037F,U+0384-038A,U+038C,U+038E-03A1,U+03A3-03FF',
  'latin-ext':
    'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C4,U+2113,U+2C60-2C7F,U+A720-A7FF',
};

const FONT_FILE = /^source-sans-3-(latin|latin-ext|greek)-(\d{3})-(normal|italic)\.woff2$/;

export const FONT_FAMILY = 'Source Sans 3';

/** @font-face rules for every Source Sans 3 WOFF2 file in the assets, sorted for a stable output. */
export function fontFaces(fonts: Readonly<Record<string, Uint8Array>>): string {
  const rules: string[] = [];
  for (const name of Object.keys(fonts).sort()) {
    const m = FONT_FILE.exec(name);
    const bytes = fonts[name];
    if (!m || !bytes) continue;
    const [, subset, weight, style] = m as unknown as [string, string, string, string];
    rules.push(
      [
        '@font-face {',
        `  font-family: '${FONT_FAMILY}';`,
        `  font-style: ${style};`,
        `  font-weight: ${weight};`,
        '  font-display: block;',
        `  src: url(data:font/woff2;base64,${Buffer.from(bytes).toString('base64')}) format('woff2');`,
        `  unicode-range: ${UNICODE_RANGES[subset]};`,
        '}',
      ].join('\n'),
    );
  }
  return rules.join('\n');
}

/**
 * The @font-face rules for Chromium's header and footer templates: Source Sans 3 regular, latin and
 * latin-ext (each template is its own document; without them it falls back to a system font, DejaVu Sans
 * on Debian). `unicode-range` keeps Chromium from decoding latin-ext unless a name needs it.
 */
export function templateFontFaces(fonts: Readonly<Record<string, Uint8Array>>): string {
  const regular = Object.fromEntries(
    Object.entries(fonts).filter(([name]) => name.endsWith('-400-normal.woff2')),
  );
  return fontFaces(regular).replace(/<\//g, '<\\/');
}

/** The complete stylesheet: fonts, brand variables, static print CSS. Must never contain `</`. */
export function assembleCss(
  staticCss: string,
  fonts: Readonly<Record<string, Uint8Array>>,
  branding: Branding,
): string {
  const css = [fontFaces(fonts), brandVariables(branding), staticCss].join('\n');
  // The CSS is written raw into <style>; a closing tag sequence would end the element.
  return css.replace(/<\//g, '<\\/');
}
