/**
 * Free-text Angsträume (angstort_1..3): repeated places with the spelling variants people really
 * write, some single mentions, and a few entries a sanitiser must remove (a person, an address,
 * a phone number, an e-mail address). All names are fictitious.
 */
import type { Rng } from './rng.js';

interface Place {
  readonly variants: readonly string[];
  /** Base weight for respondents from any area. */
  readonly base: number;
  /** Extra weight for residents of particular areas. */
  readonly near?: Readonly<Record<string, number>>;
}

const PLACES: readonly Place[] = [
  {
    variants: [
      'Bahnhof',
      'Bahnhof',
      'Bahnhof',
      'Bahnhof',
      'am Bahnhof',
      'am Bahnhof',
      'Bahnhofsvorplatz',
      'Bahnhofsvorplatz',
      'Bahnhof Musterstadt',
      'Bhf.',
      'Bahnhof nachts',
      'bahnhof',
    ],
    base: 3,
    near: { '02': 4, '01': 1.5 },
  },
  {
    variants: [
      'Stadtpark',
      'Stadtpark',
      'Stadtpark',
      'Stadtpark (abends)',
      'Stadtpark (abends)',
      'im Stadtpark',
      'Stadtpark nachts',
      'Stadtpark ',
    ],
    base: 2,
    near: { '05': 3, '04': 1 },
  },
  {
    variants: [
      'Unterführung B101',
      'Unterführung B101',
      'Unterführung an der B101',
      'B101-Unterführung',
      'Fußgängertunnel B101',
    ],
    base: 1.2,
    near: { '03': 2, '06': 2 },
  },
  {
    variants: ['Parkhaus Markt', 'Parkhaus Markt', 'Parkhaus am Markt', 'Parkhaus Markt (Treppenhaus)'],
    base: 1,
    near: { '01': 2 },
  },
  {
    variants: ['Skaterpark', 'Skaterpark', 'Skaterplatz', 'am Skaterpark'],
    base: 0.8,
    near: { '04': 1.5, '05': 1.5 },
  },
  { variants: ['Marktplatz', 'Markt', 'Marktplatz abends'], base: 0.7, near: { '01': 1.5 } },
  { variants: ['Bushaltestelle Waldsiedlung', 'Haltestelle Waldsiedlung'], base: 0.1, near: { '07': 2 } },
  { variants: ['Radweg nach Eichenau', 'Radweg Eichenau'], base: 0.1, near: { '08': 2.5, '07': 0.8 } },
  { variants: ['Gewerbegebiet Ost nachts', 'Gewerbegebiet Ost'], base: 0.3, near: { '06': 3 } },
  { variants: ['Garagenhof Nordviertel', 'Garagen im Nordviertel'], base: 0.1, near: { '03': 1.2 } },
];

/** Places mentioned once each (some with `;` and `"` to exercise CSV quoting). */
const SINGLE_MENTIONS: readonly string[] = [
  'Friedhofsweg',
  'Spielplatz Lindenhof',
  'hinter der Turnhalle',
  'Fußweg am Mühlgraben',
  'Kleingartenanlage',
  'Einkaufszentrum "Ostpassage"',
  'Bahnhof; vor allem die Unterführung',
  'überall, wenn es dunkel ist',
];

/** Entries that must never reach the report (all fictitious). */
export const SENSITIVE_MENTIONS: readonly string[] = [
  'bei Herrn Müller',
  'Lindenstraße 12',
  'Tel. 030 23125 456',
  'max.mustermann@example.org',
];

function drawPlace(rng: Rng, area: string, exclude: ReadonlySet<number>): number {
  const weights = PLACES.map((p, i) => (exclude.has(i) ? 0 : p.base + (p.near?.[area] ?? 0)));
  return rng.weightedIndex(weights);
}

/**
 * Angstorte per respondent (0 to 3 entries). `fear` is the respondent's latent fear: the more
 * fearful name places more often.
 */
export function buildAngstorte(rng: Rng, people: readonly { area: string; fear: number }[]): string[][] {
  const out = people.map((p) => {
    const pNamed = 1 / (1 + Math.exp(-(-0.45 + 0.7 * p.fear)));
    if (!rng.chance(pNamed)) return [];
    const chosen = new Set<number>();
    const texts: string[] = [];
    const count = rng.chance(0.5) ? (rng.chance(0.4) ? 3 : 2) : 1;
    for (let i = 0; i < count; i++) {
      const idx = drawPlace(rng, p.area, chosen);
      chosen.add(idx);
      texts.push(rng.pick(PLACES[idx]?.variants ?? ['Bahnhof']));
    }
    return texts;
  });
  // Put the single and the sensitive mentions into the last free slot of distinct respondents.
  const extras = [...SINGLE_MENTIONS, ...SENSITIVE_MENTIONS];
  const candidates = rng.shuffle(out.map((_, i) => i)).filter((i) => (out[i]?.length ?? 3) < 3);
  extras.forEach((text, k) => {
    const idx = candidates[k];
    if (idx !== undefined) out[idx]?.push(text);
  });
  return out;
}
