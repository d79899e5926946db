/**
 * Chart palettes derived from the manifest's brand colours.
 *
 * - Rating scales (4/5-point, favourable → unfavourable): favourable answers in shades of the brand
 *   primary (darkest = most favourable), a grey middle category where a scale has one, unfavourable
 *   answers in a warm orange-red derived from the brand accent (darkest = most unfavourable).
 *   Adjacent categories differ in CIELAB lightness by ≥ 10 and every pair stays distinguishable
 *   under deuteranopia and protanopia (Machado 2009 simulation; see the tests). If the brand pair
 *   would collapse for colour-blind readers (e.g. green/red), the unfavourable hue falls back to an
 *   Okabe-Ito colour.
 * - Categorical: the brand primary first, then Okabe-Ito (Okabe & Ito 2008) without colours that are
 *   too close to one already chosen (normal vision or deuteranopia), each darkened to ≥ 3:1 against
 *   white; yellow is left out (it cannot reach 3:1 and stay yellow).
 * - Very light brand colours are darkened (hue kept) until bars reach 3:1 against white.
 */
import { SCALES, type ScaleId } from '../model/codebook.js';
import {
  contrast,
  deltaE,
  ensureContrast,
  hexToLab,
  isHex,
  labToHex,
  simulate,
  withLightness,
} from './colour.js';

export interface Branding {
  readonly primary: string;
  readonly accent: string;
}

/** The LPR defaults of the input contract (analyse.json branding). */
export const DEFAULT_BRANDING: Branding = { primary: '#005CA9', accent: '#E8A33D' };

export const INK = '#1A1A1A';
export const MUTED = '#4D4D4D';
export const GRID = '#E3E3E3';
export const RULE = '#595959';
export const NEUTRAL = '#D4D4D4';
export const WHITE = '#FFFFFF';

/** Minimum contrast of a bar or line against the white page. */
export const MIN_BAR_CONTRAST = 3;

const OKABE_ITO = ['#E69F00', '#56B4E9', '#009E73', '#0072B2', '#D55E00', '#CC79A7', '#000000'] as const;
const VERMILLION = '#D55E00';

export interface Palette {
  /** Brand primary, darkened to ≥ 3:1 on white: single-series bars, favourable end of scales. */
  readonly primary: string;
  /** A second series next to the primary (e.g. "tagsüber" next to "nachts"): a lighter primary that still reaches 3:1 on white, or the second categorical colour when the primary is too light for that. */
  readonly secondary: string;
  /** Unfavourable colour (≥ 3:1 on white): unfavourable shares, the unfavourable end of scales. */
  readonly unfavourable: string;
  /** Most favourable answer of a scale: the primary, darkened to 4.5:1 if needed (white labels). */
  readonly favourable: string;
  readonly favourableLight: string;
  readonly unfavourableLight: string;
  readonly neutral: string;
  /** Categorical colours, each ≥ 3:1 on white, the primary first. */
  readonly categorical: readonly string[];
}

const labL = (hex: string) => hexToLab(hex)[0];
const hueDeg = (hex: string) => {
  const [, a, b] = hexToLab(hex);
  return ((Math.atan2(b, a) * 180) / Math.PI + 360) % 360;
};
const chroma = (hex: string) => {
  const [, a, b] = hexToLab(hex);
  return Math.hypot(a, b);
};

function mixLab(x: string, y: string, t: number): string {
  const a = hexToLab(x);
  const b = hexToLab(y);
  return labToHex([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t, a[2] + (b[2] - a[2]) * t]);
}

function safeHex(hex: string, fallback: string): string {
  return isHex(hex) ? hex.toUpperCase() : fallback;
}

/** Smallest ΔE between any two colours, under normal vision and the red-green deficiencies. */
export function minDistance(colours: readonly string[]): number {
  let min = Infinity;
  for (const view of [
    (c: string) => c,
    (c: string) => simulate(c, 'deuteranopia'),
    (c: string) => simulate(c, 'protanopia'),
  ]) {
    const v = colours.map(view);
    for (let i = 0; i < v.length; i++)
      for (let j = i + 1; j < v.length; j++) min = Math.min(min, deltaE(v[i] ?? '', v[j] ?? ''));
  }
  return min;
}

interface ScaleEnds {
  readonly favDark: string;
  readonly favLight: string;
  readonly negLight: string;
  readonly negDark: string;
}

function scaleEnds(primary: string, negBase: string): ScaleEnds {
  // The dark ends carry white data labels: 4.5:1 (a mid-tone brand colour is darkened a little).
  const favDark = ensureContrast(primary, 4.5);
  const favLight = withLightness(primary, Math.min(76, Math.max(68, labL(primary) + 25)), 0.75);
  // Unfavourable: the warm base pulled towards vermillion and kept at mid lightness (≥ 3:1 on white).
  const warm = hueDeg(negBase) < 100 || hueDeg(negBase) > 330;
  // Dark enough for white data labels (4.5:1).
  const negDark = ensureContrast(withLightness(warm ? mixLab(negBase, VERMILLION, 0.45) : negBase, 52), 4.5);
  const negLight = withLightness(negBase, 78, chroma(negBase) > 30 ? 0.8 : 1);
  return { favDark, favLight, negLight, negDark };
}

export function makePalette(branding: Branding = DEFAULT_BRANDING): Palette {
  const primary = ensureContrast(safeHex(branding.primary, DEFAULT_BRANDING.primary), MIN_BAR_CONTRAST);
  const accent = safeHex(branding.accent, DEFAULT_BRANDING.accent);

  // Pick the unfavourable base: the accent if the resulting scale stays distinguishable, else Okabe-Ito.
  const candidates = [accent, VERMILLION, '#E69F00', '#0072B2', '#CC79A7'];
  let best: { ends: ScaleEnds; score: number } | undefined;
  for (const c of candidates) {
    const ends = scaleEnds(primary, c);
    const score = minDistance([ends.favDark, ends.favLight, NEUTRAL, ends.negLight, ends.negDark]);
    if (!best || score > best.score + 1e-9) best = { ends, score };
    if (score >= 12) {
      best = { ends, score };
      break;
    }
  }
  const ends = best?.ends ?? scaleEnds(primary, VERMILLION);

  const categorical: string[] = [primary];
  for (const c of OKABE_ITO) {
    const dark = c === '#000000' ? '#5E5E5E' : ensureContrast(c, MIN_BAR_CONTRAST);
    const apart = (x: string) =>
      deltaE(x, dark) >= 20 &&
      deltaE(simulate(x, 'deuteranopia'), simulate(dark, 'deuteranopia')) >= 12 &&
      deltaE(simulate(x, 'protanopia'), simulate(dark, 'protanopia')) >= 12;
    if (categorical.every(apart)) categorical.push(dark);
  }

  const primaryMid = ensureContrast(
    withLightness(primary, Math.min(60, labL(primary) + 22), 0.85),
    MIN_BAR_CONTRAST,
  );
  const secondary = minDistance([primary, primaryMid]) >= 15 ? primaryMid : (categorical[1] ?? ends.negDark);

  return {
    primary,
    secondary,
    unfavourable: ends.negDark,
    favourable: ends.favDark,
    favourableLight: ends.favLight,
    unfavourableLight: ends.negLight,
    neutral: NEUTRAL,
    categorical,
  };
}

/** Colours for `count` categories; cycles when the palette is shorter. */
export function categoricalColours(p: Palette, count: number): string[] {
  return Array.from({ length: count }, (_, i) => p.categorical[i % p.categorical.length] ?? p.primary);
}

function ramp(dark: string, light: string, m: number): string[] {
  // m colours from light (index 0) to dark (index m-1); one colour is the dark end.
  if (m <= 1) return [dark];
  const [ld] = hexToLab(dark);
  const [ll] = hexToLab(light);
  return Array.from({ length: m }, (_, i) =>
    i === 0
      ? light
      : i === m - 1
        ? dark
        : withLightness(mixLab(light, dark, i / (m - 1)), ll + ((ld - ll) * i) / (m - 1)),
  );
}

/**
 * Colours for the answer codes 1..k of a scale, favourable → unfavourable as defined by the scale's
 * negative codes. Favourable codes adjacent to the unfavourable ones become the grey middle when
 * the favourable side is larger (5-point scales: "manchmal", "gleich geblieben").
 */
export function scaleColoursFor(
  labelsCount: number,
  negative: readonly number[],
  p: Palette,
  scaleId?: ScaleId,
): string[] {
  if (scaleId === 'praesenz3') return [p.unfavourable, p.favourable, p.neutral]; // zu gering / ausreichend / zu hoch
  const k = labelsCount;
  const neg = new Set(negative.filter((c) => c >= 1 && c <= k));
  const codes = Array.from({ length: k }, (_, i) => i + 1);
  const fav = codes.filter((c) => !neg.has(c));
  const negCodes = codes.filter((c) => neg.has(c));
  const negAtEnd = negCodes.length === 0 || Math.min(...negCodes) > Math.min(...(fav.length ? fav : [0]));
  const out = new Map<number, string>();
  let favSide = [...fav];
  if (favSide.length > negCodes.length && negCodes.length > 0) {
    const middle = negAtEnd ? Math.max(...favSide) : Math.min(...favSide);
    out.set(middle, p.neutral);
    favSide = favSide.filter((c) => c !== middle);
  }
  // Order each side from the boundary outwards: light near the middle, dark at the ends.
  const favOrdered = [...favSide].sort((a, b) => (negAtEnd ? b - a : a - b));
  const negOrdered = [...negCodes].sort((a, b) => (negAtEnd ? a - b : b - a));
  ramp(p.favourable, p.favourableLight, favOrdered.length).forEach((c, i) => out.set(favOrdered[i] ?? 0, c));
  ramp(p.unfavourable, p.unfavourableLight, negOrdered.length).forEach((c, i) =>
    out.set(negOrdered[i] ?? 0, c),
  );
  return codes.map((c) => out.get(c) ?? p.neutral);
}

export function scaleColours(scale: ScaleId, p: Palette): string[] {
  const s = SCALES[scale];
  return scaleColoursFor(s.labels.length, s.negative, p, scale);
}

/** Ink or white, whichever reads better on `fill`. */
export function textOn(fill: string): string {
  return contrast(fill, INK) >= contrast(fill, WHITE) ? INK : WHITE;
}
