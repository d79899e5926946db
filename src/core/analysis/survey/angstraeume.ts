/**
 * Angsträume: the free-text answers to "Orte, an denen Sie sich unsicher fühlen" (angstort_1..3),
 * sanitised, normalised, merged and counted.
 *
 * 1. Personal data: a mention with an e-mail, phone number, address or person's name
 *    (personal-data.ts) is dropped as a whole and counted in `removed`.
 * 2. Non-answers ("keine", "nichts", "weiß nicht", "k. A.", "-", "überall", …) and mentions that are
 *    empty after normalisation are skipped (not counted anywhere).
 * 3. Display form: parentheticals ("(abends)") and quotation marks removed, punctuation at the ends trimmed, whitespace
 *    collapsed, leading prepositions/articles stripped repeatedly ("am", "im", "beim", "in der",
 *    "an der", "auf dem", "vor dem", "hinter dem", "zum", "zur", "rund um", "in der Nähe von", "der",
 *    "die", "das", …), trailing time words stripped ("nachts", "abends", "bei Nacht", "bei Dunkelheit",
 *    "im Dunkeln", "in der Nacht", "am Abend"), first letter capitalised.
 * 4. Matching: the display form lower-cased, umlauts folded (ä→ae, ö→oe, ü→ue, ß→ss), split into
 *    words at every non-letter/digit; prepositions and articles inside are dropped ("Parkhaus am
 *    Markt" = "Parkhaus Markt"), a few abbreviations expanded (Bhf → Bahnhof, Hbf → Hauptbahnhof,
 *    Str → Straße); each word stemmed (one of -en, -es, -er, -e, -n, -s cut where at least 4 letters
 *    remain, so "Bahnhofs" = "Bahnhof", "Haltestellen" = "Haltestelle"). Two keys come from the
 *    words: the *word key* (the words sorted, so "B101-Unterführung" = "Unterführung B101") and the
 *    *compact key* (the words in their order, joined without spaces, so "Stadt Park" = "Stadtpark").
 * 5. Merging: mentions with the same word key are one place; a compact key that begins with another
 *    compact key of at least 5 letters is merged onto it ("bahnhofsvorplatz" → "bahnhof"; "park" is
 *    too short to absorb "parkplatz"). The canonical place is the group's shortest compact key; the
 *    name shown is the most frequent display form among the mentions with that compact key (ties:
 *    a form with umlauts, then alphabetical).
 * 6. Only places with at least MIN_MENTIONS (3) mentions are kept; sorted by mentions, then name.
 */
import { personalData } from './personal-data.js';

export const MIN_MENTIONS = 3;
/** A key must be at least this long to absorb longer keys that begin with it. */
export const MIN_ROOT_LENGTH = 5;

export interface Angstraeume {
  readonly places: { place: string; mentions: number }[];
  readonly removed: number;
}

const NON_ANSWERS = new Set([
  'keine',
  'kein',
  'keiner',
  'keines',
  'nein',
  'nichts',
  'nix',
  'ka',
  'weissnicht',
  'ueberall',
  'nirgends',
  'nirgendwo',
  'entfaellt',
  'sieheoben',
  'dito',
  'keineangabe',
  'keineahnung',
  'weissichnicht',
  'unbekannt',
]);

const PREFIX = new RegExp(
  '^(?:in der n(?:ä|ae)he (?:von|vom|des|der)|n(?:ä|ae)he|rund um(?: (?:den|die|das|dem))?|um (?:den|die|das)|in (?:der|dem|den)|an (?:der|dem|den)|auf (?:der|dem|den)|vor (?:der|dem|den)|hinter (?:der|dem|den)|unter (?:der|dem|den)|bei (?:der|dem|den)|im|am|an|auf|beim|vorm|hinterm|unterm|zum|zur|in|der|die|das|den|dem)\\s+',
  'iu',
);
const TRAILING_TIME =
  /\s+(?:nachts|abends|bei nacht|bei dunkelheit|im dunkeln|in der nacht|am abend|nach einbruch der dunkelheit)$/iu;

/** The cleaned display form of a mention ('' when nothing is left). */
export function displayForm(text: string): string {
  let t = text
    .normalize('NFC')
    .replace(/\([^)]*\)|\[[^\]]*\]/g, ' ')
    .replace(/["„“”«»‚‘’]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  for (let changed = true; changed;) {
    changed = false;
    const before = t;
    t = t
      .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
      .replace(PREFIX, '')
      .replace(TRAILING_TIME, '')
      .trim();
    if (t !== before) changed = true;
  }
  return t.length > 0 ? t.charAt(0).toLocaleUpperCase('de-DE') + t.slice(1) : '';
}

function stem(word: string): string {
  for (const suffix of ['en', 'es', 'er', 'e', 'n', 's']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4) return word.slice(0, -suffix.length);
  }
  return word;
}

/** Lower-cased words with umlauts folded (ä→ae, ö→oe, ü→ue, ß→ss) and other diacritics dropped. */
function foldedWords(text: string): string[] {
  return text
    .toLocaleLowerCase('de-DE')
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** Prepositions and articles dropped inside a place name for matching. */
const STOPWORDS = new Set([
  'am',
  'an',
  'auf',
  'bei',
  'beim',
  'der',
  'die',
  'das',
  'dem',
  'den',
  'des',
  'im',
  'in',
  'nach',
  'vom',
  'von',
  'vor',
  'zum',
  'zur',
  'hinter',
  'hinterm',
  'unter',
  'unterm',
  'ueber',
  'ums',
  'um',
]);
const ABBREVIATIONS: Readonly<Record<string, string>> = {
  bhf: 'bahnhof',
  hbf: 'hauptbahnhof',
  str: 'strasse',
};

/** Stemmed words of a display form, in their order. */
function placeWords(display: string): string[] {
  const words = foldedWords(display)
    .filter((w) => !STOPWORDS.has(w))
    .map((w) => stem(ABBREVIATIONS[w] ?? w));
  return words.length > 0 ? words : foldedWords(display).map(stem);
}

/** The compact matching key of a display form (words in order, no spaces). */
export function placeKey(display: string): string {
  return placeWords(display).join('');
}

/** The word-order-insensitive key of a display form. */
export function placeWordKey(display: string): string {
  return [...placeWords(display)].sort().join(' ');
}

function isNonAnswer(text: string): boolean {
  return NON_ANSWERS.has(foldedWords(text).join(''));
}

const hasUmlaut = (s: string): boolean => /[äöüÄÖÜß]/.test(s);

type Classified =
  | { readonly kind: 'removed' }
  | { readonly kind: 'skip' }
  | { readonly kind: 'place'; readonly key: string; readonly words: string; readonly display: string };

function classify(raw: string): Classified {
  if (personalData(raw) !== null) return { kind: 'removed' };
  const display = displayForm(raw);
  const key = placeKey(display);
  if (key === '' || isNonAnswer(raw) || isNonAnswer(display)) return { kind: 'skip' };
  return { kind: 'place', key, words: placeWordKey(display), display };
}

const byLengthThenText = (a: string, b: string): number =>
  a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

export function analyseAngstraeume(mentions: readonly { readonly text: string }[]): Angstraeume {
  let removed = 0;
  /** word key → display form → count */
  const byWords = new Map<string, Map<string, number>>();
  /** word key → its shortest compact key */
  const compactOf = new Map<string, string>();
  // Mentions repeat a lot; each distinct text is classified once.
  const seen = new Map<string, Classified>();
  for (const m of mentions) {
    const raw = m.text.trim();
    if (raw === '') continue;
    let c = seen.get(raw);
    if (!c) seen.set(raw, (c = classify(raw)));
    if (c.kind === 'removed') removed++;
    if (c.kind !== 'place') continue;
    let forms = byWords.get(c.words);
    if (!forms) byWords.set(c.words, (forms = new Map()));
    forms.set(c.display, (forms.get(c.display) ?? 0) + 1);
    const prev = compactOf.get(c.words);
    if (prev === undefined || byLengthThenText(c.key, prev) < 0) compactOf.set(c.words, c.key);
  }

  // Prefix merging on the compact keys: shortest first; a key beginning with a root of at least
  // MIN_ROOT_LENGTH letters joins the shortest such root.
  const groups = [...byWords.keys()].sort(
    (a, b) => byLengthThenText(compactOf.get(a)!, compactOf.get(b)!) || (a < b ? -1 : 1),
  );
  const roots: string[] = [];
  const rootOf = new Map<string, string>();
  for (const w of groups) {
    const k = compactOf.get(w)!;
    const root = roots.find((r) => {
      const rk = compactOf.get(r)!;
      return rk.length >= MIN_ROOT_LENGTH && k.startsWith(rk);
    });
    if (root) rootOf.set(w, root);
    else {
      roots.push(w);
      rootOf.set(w, w);
    }
  }
  const counts = new Map<string, number>();
  for (const [w, forms] of byWords) {
    const root = rootOf.get(w)!;
    let sum = 0;
    for (const c of forms.values()) sum += c;
    counts.set(root, (counts.get(root) ?? 0) + sum);
  }

  // Display candidates of a root: the forms of every group whose compact key equals the root's.
  const candidates = new Map<string, Map<string, number>>();
  for (const [w, forms] of byWords) {
    const root = rootOf.get(w)!;
    if (compactOf.get(w) !== compactOf.get(root)) continue;
    let c = candidates.get(root);
    if (!c) candidates.set(root, (c = new Map()));
    for (const [display, n] of forms) c.set(display, (c.get(display) ?? 0) + n);
  }

  const places: { place: string; mentions: number }[] = [];
  for (const [root, mentionsCount] of counts) {
    if (mentionsCount < MIN_MENTIONS) continue;
    const forms = [...candidates.get(root)!.entries()].sort(
      (a, b) =>
        b[1] - a[1] || Number(hasUmlaut(b[0])) - Number(hasUmlaut(a[0])) || a[0].localeCompare(b[0], 'de'),
    );
    places.push({ place: forms[0]![0], mentions: mentionsCount });
  }
  places.sort((a, b) => b.mentions - a.mentions || a.place.localeCompare(b.place, 'de'));
  return { places, removed };
}
