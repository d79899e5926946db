/**
 * Detection of personal data in free-text Angstort mentions (domain brief §5.3: suppress
 * identifying free text). A mention that matches any rule is dropped as a whole (never partly
 * published) and counted in `angstraeumeRemoved`.
 *
 * Rules (case-insensitive unless noted):
 * - e-mail: any `@`;
 * - phone number: a run of digits and separators (space / ( ) . - +) holding at least 6 digits
 *   (house numbers, years and postcodes have at most 5);
 * - address: a street-like word (…straße, …strasse, …str., …weg, …gasse, …platz, …allee, …ring,
 *   …damm, …ufer, …chaussee, …steig, …pfad, …markt, …zeile, …promenade, …winkel) followed by a
 *   house number (1–4 digits, optional letter, optional "Nr."), or the words Hausnummer/Hausnr.;
 * - person: a title or relation followed by a word — Herr/Herrn/Frau/Familie/Fam./Hr./Fr./Dr./
 *   Prof./Nachbar/Nachbarin — or "Haus/Wohnung/Grundstück von <Word>", or "bei <Capitalised
 *   word>" (case-sensitive capital) unless that word is a time/weather/event noun (Nacht,
 *   Dunkelheit, Regen, Veranstaltungen, …), a place word (…bahnhof, …park, …platz, …schule, …)
 *   or a common retail chain (Aldi, Lidl, Netto, …), which are places, not people.
 * Not detected: bare first name + surname without any such cue (no name list is used).
 */

const EMAIL = /@/;
const DIGIT_RUN = /[+(]?\d[\d\s().\/-]*\d/g;
const STREET =
  /\p{L}*(?:straße|strasse|str\.?|weg|gasse|platz|allee|ring|damm|ufer|chaussee|steig|pfad|markt|zeile|promenade|winkel)\s*(?:nr\.?\s*)?\d{1,4}\s?[a-z]?(?![\p{L}\d])/iu;
const HOUSE_NUMBER_WORD = /\bhaus(?:nummer|nr\.?)(?![\p{L}])/iu;
const TITLE = /(?:^|[^\p{L}])(?:herrn?|frau|familie|fam\.|hr\.|fr\.|dr\.|prof\.|nachbarin|nachbar)\s+\p{L}/iu;
const HOUSE_OF = /(?:^|[^\p{L}])(?:haus|wohnung|grundstück|grundstueck)\s+von\s+\p{L}/iu;
const BEI_WORD = /(?:^|[^\p{L}])bei\s+(\p{Lu}[\p{L}-]*)/gu;

/** Capitalised words after "bei" that are not people. */
const BEI_ALLOWED = new Set(
  [
    'nacht',
    'dunkelheit',
    'tag',
    'tage',
    'regen',
    'schnee',
    'nebel',
    'dämmerung',
    'daemmerung',
    'veranstaltungen',
    'veranstaltung',
    'festen',
    'fest',
    'konzerten',
    'spielen',
    'heimspielen',
    'fußballspielen',
    'märkten',
    'abend',
    'wochenende',
    'wochenenden',
    'aldi',
    'lidl',
    'netto',
    'penny',
    'rewe',
    'edeka',
    'kaufland',
    'norma',
    'globus',
    'real',
    'mcdonalds',
    "mcdonald's",
    'burger',
    'dm',
    'rossmann',
  ].map((w) => w.toLowerCase()),
);
const PLACE_WORD =
  /(bahnhof|park|platz|schule|kirche|halle|zentrum|center|haltestelle|brücke|bruecke|markt|friedhof|garage|tunnel|unterführung|unterfuehrung|wald|see|teich|ufer|hof|gelände|gelaende|straße|strasse|weg|gasse|allee|ring|stadt|viertel|siedlung|spielplatz|sportplatz|kaufhalle|supermarkt|kino|club|disko|disco|bar|kneipe|tankstelle)/i;

function hasPhone(text: string): boolean {
  for (const m of text.matchAll(DIGIT_RUN)) {
    let digits = 0;
    for (const ch of m[0]) if (ch >= '0' && ch <= '9') digits++;
    if (digits >= 6) return true;
  }
  return false;
}

function hasNameAfterBei(text: string): boolean {
  for (const m of text.matchAll(BEI_WORD)) {
    const word = m[1]!;
    if (BEI_ALLOWED.has(word.toLowerCase()) || PLACE_WORD.test(word)) continue;
    return true;
  }
  return false;
}

export type PersonalDataKind = 'email' | 'phone' | 'address' | 'person';

/** The kind of personal data a mention contains, or null. */
export function personalData(text: string): PersonalDataKind | null {
  if (EMAIL.test(text)) return 'email';
  if (hasPhone(text)) return 'phone';
  if (STREET.test(text) || HOUSE_NUMBER_WORD.test(text)) return 'address';
  if (TITLE.test(text) || HOUSE_OF.test(text) || hasNameAfterBei(text)) return 'person';
  return null;
}
