/**
 * Colour arithmetic for the chart palettes: sRGB ↔ CIELAB (D65), WCAG contrast, lightness changes
 * that keep the hue, and a colour-vision-deficiency simulation (Machado, Oliveira & Fernandes 2009,
 * severity 1.0, applied in linear RGB).
 */

export type Rgb = readonly [number, number, number];
export type Lab = readonly [number, number, number];

const HEX = /^#([0-9a-f]{6})$/i;

export function isHex(s: string): boolean {
  return HEX.test(s);
}

/** `#RRGGBB` → [r, g, b] in 0..255; anything else → undefined. */
export function parseHex(hex: string): Rgb | undefined {
  const m = HEX.exec(hex.trim());
  if (!m || m[1] === undefined) return undefined;
  const v = parseInt(m[1], 16);
  return [(v >> 16) & 255, (v >> 8) & 255, v & 255];
}

const clamp255 = (x: number) => Math.max(0, Math.min(255, Math.round(x)));

export function toHex(rgb: Rgb): string {
  return `#${rgb.map((c) => clamp255(c).toString(16).padStart(2, '0')).join('')}`.toUpperCase();
}

const toLinear = (c: number) => {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};
const fromLinear = (l: number) => {
  const x = Math.max(0, Math.min(1, l));
  return 255 * (x <= 0.0031308 ? 12.92 * x : 1.055 * x ** (1 / 2.4) - 0.055);
};

function rgbToLinear(rgb: Rgb): Rgb {
  return [toLinear(rgb[0]), toLinear(rgb[1]), toLinear(rgb[2])];
}
function linearToRgb(lin: Rgb): Rgb {
  return [fromLinear(lin[0]), fromLinear(lin[1]), fromLinear(lin[2])];
}

/** WCAG relative luminance. */
export function luminance(hex: string): number {
  const rgb = parseHex(hex);
  if (!rgb) return 0;
  const [r, g, b] = rgbToLinear(rgb);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio (1..21). */
export function contrast(a: string, b: string): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

// D65 reference white
const XN = 0.95047;
const YN = 1;
const ZN = 1.08883;
const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : ((24389 / 27) * t + 16) / 116);
const fInv = (t: number) => (t ** 3 > 216 / 24389 ? t ** 3 : (116 * t - 16) / (24389 / 27));

function linearToLab([r, g, b]: Rgb): Lab {
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / XN;
  const y = (0.2126729 * r + 0.7151522 * g + 0.072175 * b) / YN;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / ZN;
  const fx = f(x);
  const fy = f(y);
  const fz = f(z);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

function labToLinear([l, a, bb]: Lab): Rgb {
  const fy = (l + 16) / 116;
  const fx = fy + a / 500;
  const fz = fy - bb / 200;
  const x = fInv(fx) * XN;
  const y = fInv(fy) * YN;
  const z = fInv(fz) * ZN;
  return [
    3.2404542 * x - 1.5371385 * y - 0.4985314 * z,
    -0.969266 * x + 1.8760108 * y + 0.041556 * z,
    0.0556434 * x - 0.2040259 * y + 1.0572252 * z,
  ];
}

export function hexToLab(hex: string): Lab {
  const rgb = parseHex(hex) ?? [0, 0, 0];
  return linearToLab(rgbToLinear(rgb));
}

const inGamut = (lin: Rgb) => lin.every((c) => c >= -1e-4 && c <= 1 + 1e-4);

/** A Lab colour as hex; chroma is reduced (hue kept) until it fits into sRGB. */
export function labToHex([l, a, b]: Lab): string {
  let k = 1;
  for (let i = 0; i < 50; i++) {
    const lin = labToLinear([l, a * k, b * k]);
    if (inGamut(lin)) return toHex(linearToRgb(lin));
    k *= 0.95;
  }
  return toHex(linearToRgb(labToLinear([l, 0, 0])));
}

/** The same hue and (as far as the gamut allows) chroma at CIELAB lightness `l`. */
export function withLightness(hex: string, l: number, chromaFactor = 1): string {
  const [, a, b] = hexToLab(hex);
  return labToHex([l, a * chromaFactor, b * chromaFactor]);
}

/** Darkens (CIELAB L, hue kept) until the contrast against `against` reaches `min`. */
export function ensureContrast(hex: string, min = 3, against = '#FFFFFF'): string {
  let out = toHex(parseHex(hex) ?? [0, 0, 0]);
  if (contrast(out, against) >= min) return out;
  const [l0] = hexToLab(out);
  for (let l = Math.floor(l0); l >= 0; l -= 0.5) {
    out = withLightness(hex, l);
    if (contrast(out, against) >= min) return out;
  }
  return '#000000';
}

/** Euclidean distance in CIELAB (ΔE*ab 1976). */
export function deltaE(a: string, b: string): number {
  const x = hexToLab(a);
  const y = hexToLab(b);
  return Math.hypot(x[0] - y[0], x[1] - y[1], x[2] - y[2]);
}

export type Deficiency = 'deuteranopia' | 'protanopia' | 'tritanopia';

/** Machado et al. 2009, severity 1.0. */
const MACHADO: Readonly<Record<Deficiency, readonly [Rgb, Rgb, Rgb]>> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

/** How `hex` looks with the given colour-vision deficiency. */
export function simulate(hex: string, deficiency: Deficiency): string {
  const lin = rgbToLinear(parseHex(hex) ?? [0, 0, 0]);
  const m = MACHADO[deficiency];
  const out = m.map((row) => row[0] * lin[0] + row[1] * lin[1] + row[2] * lin[2]) as unknown as Rgb;
  return toHex(linearToRgb(out));
}
