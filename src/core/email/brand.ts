/**
 * The brand colours of an e-mail: the municipality's primary colour for the header band and the
 * button, with a text colour on it that keeps WCAG contrast (white or near-black, whichever reads
 * better), and a link colour that is readable on white.
 */
import { DEFAULT_PRIMARY } from '../validate/manifest.js';

export interface EmailBrand {
  /** `#RRGGBB`, upper case. */
  readonly primary: string;
  /** Text colour on `primary`. */
  readonly onPrimary: string;
  /** Link colour on white. */
  readonly link: string;
}

const WHITE = '#FFFFFF';
const INK = '#1A1A1A';
/** WCAG AA for normal text. */
const MIN_CONTRAST = 4.5;

/** `#RRGGBB` or `#RGB` → `#RRGGBB`; undefined for anything else. */
export function normaliseColour(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^#[0-9A-Fa-f]{6}$/.test(v)) return v.toUpperCase();
  const short = /^#([0-9A-Fa-f])([0-9A-Fa-f])([0-9A-Fa-f])$/.exec(v);
  return short
    ? `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`.toUpperCase()
    : undefined;
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of two `#RRGGBB` colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

export function emailBrand(primaryColor: string | undefined): EmailBrand {
  const primary = normaliseColour(primaryColor) ?? DEFAULT_PRIMARY;
  const onPrimary = contrast(primary, WHITE) >= contrast(primary, INK) ? WHITE : INK;
  const link = contrast(primary, WHITE) >= MIN_CONTRAST ? primary : DEFAULT_PRIMARY;
  return { primary, onPrimary, link };
}
