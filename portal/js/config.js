/**
 * The portal's configuration, read once at start from `config.json` next to index.html. Missing or
 * unreadable → the local default (API on the same origin, sign-in with a token). Besides the API and
 * the sign-in it carries what the deployment must fill in: the LPR contact (`kontakt`) and the legal
 * pages (`impressum`, `datenschutz`, `barrierefreiheit`). Every text has a German default; defaults
 * that must be replaced say so in square brackets („[Bitte in config.json ergänzen: …]“) and are
 * shown highlighted (docs/portal.md lists the fields).
 *
 * On AWS (docs/portal.md; the sign-in itself is auth/cognito.js):
 *   { "apiBaseUrl": "https://….execute-api.eu-central-1.amazonaws.com",
 *     "auth": "cognito",
 *     "cognito": { "domain": "sia-….auth.eu-central-1.amazoncognito.com", "clientId": "…",
 *                  "redirectUri": "https://<portal>/portal/", "logoutUri": "https://<portal>/portal/" },
 *     "kontakt": { "stelle": "…", "email": "…", "telefon": "…", "erreichbarkeit": "…" }, … }
 */

/**
 * @typedef {object} CognitoConfig
 * @property {string} [domain]  managed login (hosted UI) domain without scheme, e.g. `sia-portal.auth.eu-central-1.amazoncognito.com`
 * @property {string} [clientId]  the app client 'Portal' (public, no secret)
 * @property {string} [redirectUri]  callback URL registered at the app client; default: the portal's address
 * @property {string} [logoutUri]  sign-out URL registered at the app client; default: redirectUri
 * @property {string} [region]  informational
 * @property {string} [userPoolId]  informational
 */

/**
 * @typedef {object} Contact  whom municipalities ask at the LPR
 * @property {string} stelle  office, e.g. „Landespräventionsrat Sachsen – Geschäftsstelle ASSKomm“
 * @property {string} email
 * @property {string} telefon
 * @property {string} erreichbarkeit  e.g. „Mo–Do 9–15 Uhr, Fr 9–12 Uhr“
 * @property {string[]} anschrift  postal address, one line each
 */

/**
 * @typedef {object} Section  a section of a legal page
 * @property {string} titel
 * @property {string[]} absaetze  paragraphs (plain text)
 */

/**
 * @typedef {object} Accessibility  the accessibility statement (BITV 2.0, Barrierefreie-Websites-Gesetz Sachsen)
 * @property {string} stand  date of the statement, e.g. „1. Juni 2026“
 * @property {string} methode  how it was made, e.g. „Selbstbewertung mit automatischen Tests (axe-core) und Tastaturprüfung“
 * @property {string} vereinbarkeit  „vollständig“, „teilweise“ or „nicht“ vereinbar, as one sentence
 * @property {string[]} nichtBarrierefrei  content that is not accessible, with the reason
 * @property {string[]} schlichtungsstelle  the body for the enforcement/conciliation procedure, one line each
 */

/**
 * @typedef {object} PortalConfig
 * @property {string} apiBaseUrl  '' = same origin as the portal
 * @property {'token' | 'cognito'} auth
 * @property {CognitoConfig} [cognito]
 * @property {Contact} kontakt
 * @property {Section[]} impressum
 * @property {Section[]} datenschutz
 * @property {Accessibility} barrierefreiheit
 */

/** A default that the deployment must replace. */
const fill = (/** @type {string} */ what) => `[Bitte in config.json ergänzen: ${what}]`;

/** True for a default text that still waits to be filled in (shown highlighted). */
export const isPlaceholder = (/** @type {string} */ text) =>
  text.startsWith('[Bitte in config.json ergänzen');

/** @type {Contact} */
const CONTACT = {
  stelle: 'Landespräventionsrat Sachsen – Geschäftsstelle',
  email: fill('E-Mail-Adresse für Fragen der Kommunen'),
  telefon: fill('Telefonnummer'),
  erreichbarkeit: fill('Sprechzeiten, z. B. „Mo–Do 9–15 Uhr“'),
  anschrift: [fill('Postanschrift der Geschäftsstelle')],
};

/** @type {Section[]} */
const IMPRESSUM = [
  {
    titel: 'Anbieter',
    absaetze: [
      'Landespräventionsrat Sachsen',
      fill('Anschrift, vertretungsberechtigte Person und Aufsichtsbehörde'),
    ],
  },
  { titel: 'Kontakt', absaetze: [fill('Telefon und E-Mail-Adresse des Anbieters')] },
  {
    titel: 'Verantwortlich für den Inhalt',
    absaetze: [fill('Name und Anschrift der verantwortlichen Person (§ 18 Abs. 2 MStV)')],
  },
  {
    titel: 'Hinweise',
    absaetze: [
      'Die Gemeindeliste stammt vom Statistischen Bundesamt (Destatis), Gemeindeverzeichnis, Datenlizenz Deutschland – Namensnennung 2.0.',
    ],
  },
];

/** @type {Section[]} */
const DATENSCHUTZ = [
  {
    titel: 'Verantwortlicher',
    absaetze: [fill('Name und Anschrift der verantwortlichen Stelle (Art. 13 Abs. 1 lit. a DSGVO)')],
  },
  {
    titel: 'Datenschutzbeauftragte Person',
    absaetze: [fill('Kontaktdaten der oder des Datenschutzbeauftragten (Art. 13 Abs. 1 lit. b DSGVO)')],
  },
  {
    titel: 'Welche Daten das Portal verarbeitet',
    absaetze: [
      'Anmeldung: E-Mail-Adresse, Kennung und Gruppenzugehörigkeit Ihres Kontos; der Zugangsnachweis liegt nur im Speicher dieses Browser-Tabs und wird beim Schließen gelöscht. Das Portal setzt keine Cookies zur Analyse oder Werbung und lädt nichts von fremden Servern.',
      'Hochgeladene Dateien: Die Antworten der Bürgerbefragung sind personenbezogene Daten. Sie werden ausschließlich für die beauftragte Sicherheitsanalyse ausgewertet; veröffentlichte Zahlen beruhen auf Gruppen mit einer Mindestfallzahl.',
      'Protokolle: Zugriffe werden zur Sicherheit des Betriebs protokolliert (Zeitpunkt, aufgerufene Adresse, Statuscode).',
    ],
  },
  {
    titel: 'Zweck und Rechtsgrundlage',
    absaetze: [fill('Zweck und Rechtsgrundlage der Verarbeitung (Art. 6 DSGVO, ggf. SächsDSDG)')],
  },
  { titel: 'Speicherdauer', absaetze: [fill('Löschfristen für Uploads, Berichte und Protokolle')] },
  {
    titel: 'Ihre Rechte',
    absaetze: [
      'Sie haben das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung und Widerspruch sowie das Recht, sich bei einer Aufsichtsbehörde zu beschweren.',
      fill('Zuständige Aufsichtsbehörde mit Anschrift'),
    ],
  },
];

/** @type {Accessibility} */
const BARRIEREFREIHEIT = {
  stand: fill('Datum der Erklärung'),
  methode: fill('Art der Bewertung, z. B. „Selbstbewertung“ oder „Prüfung durch …“'),
  vereinbarkeit: fill('Stand der Vereinbarkeit: „vollständig“, „teilweise“ oder „nicht vereinbar“'),
  nichtBarrierefrei: [
    'Die hochgeladenen Daten und heruntergeladenen Tabellen sind Dateien der Kommune bzw. Auswertungstabellen; ihre Barrierefreiheit hängt von den Programmen ab, mit denen sie geöffnet werden.',
  ],
  schlichtungsstelle: [
    fill(
      'zuständige Durchsetzungs- bzw. Schlichtungsstelle mit Anschrift, Telefon, E-Mail und Internetadresse',
    ),
  ],
};

const COGNITO_FIELDS = ['domain', 'clientId', 'redirectUri', 'logoutUri', 'region', 'userPoolId'];

/** @type {PortalConfig} */
export const LOCAL_DEFAULT = Object.freeze({
  apiBaseUrl: '',
  auth: /** @type {const} */ ('token'),
  kontakt: CONTACT,
  impressum: IMPRESSUM,
  datenschutz: DATENSCHUTZ,
  barrierefreiheit: BARRIEREFREIHEIT,
});

/**
 * Checks a parsed config.json; unknown or wrong fields fall back to the default.
 * @param {unknown} raw
 * @returns {PortalConfig}
 */
export function normaliseConfig(raw) {
  if (typeof raw !== 'object' || raw === null) return LOCAL_DEFAULT;
  const r = /** @type {Record<string, unknown>} */ (raw);
  const apiBaseUrl = typeof r.apiBaseUrl === 'string' ? r.apiBaseUrl.replace(/\/+$/, '') : '';
  const auth = r.auth === 'cognito' ? 'cognito' : 'token';
  const cognito = isObject(r.cognito) ? pickStrings(r.cognito, COGNITO_FIELDS) : undefined;
  const contact = isObject(r.kontakt) ? r.kontakt : {};
  const a11y = isObject(r.barrierefreiheit) ? r.barrierefreiheit : {};
  return {
    apiBaseUrl,
    auth,
    ...(cognito && { cognito }),
    kontakt: {
      stelle: text(contact.stelle, CONTACT.stelle),
      email: text(contact.email, CONTACT.email),
      telefon: text(contact.telefon, CONTACT.telefon),
      erreichbarkeit: text(contact.erreichbarkeit, CONTACT.erreichbarkeit),
      anschrift: lines(contact.anschrift, CONTACT.anschrift),
    },
    impressum: sections(r.impressum, IMPRESSUM),
    datenschutz: sections(r.datenschutz, DATENSCHUTZ),
    barrierefreiheit: {
      stand: text(a11y.stand, BARRIEREFREIHEIT.stand),
      methode: text(a11y.methode, BARRIEREFREIHEIT.methode),
      vereinbarkeit: text(a11y.vereinbarkeit, BARRIEREFREIHEIT.vereinbarkeit),
      nichtBarrierefrei: lines(a11y.nichtBarrierefrei, BARRIEREFREIHEIT.nichtBarrierefrei),
      schlichtungsstelle: lines(a11y.schlichtungsstelle, BARRIEREFREIHEIT.schlichtungsstelle),
    },
  };
}

/** @param {unknown} v @returns {v is Record<string, unknown>} */
function isObject(v) {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** @param {unknown} v @param {string} fallback */
function text(v, fallback) {
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : fallback;
}

/** @param {unknown} v @param {string[]} fallback */
function lines(v, fallback) {
  if (!Array.isArray(v)) return fallback;
  const out = v.filter((s) => typeof s === 'string' && s.trim() !== '').map((s) => s.trim());
  return out.length > 0 ? out : fallback;
}

/** @param {unknown} v @param {Section[]} fallback @returns {Section[]} */
function sections(v, fallback) {
  if (!Array.isArray(v)) return fallback;
  const out = v
    .filter(isObject)
    .map((s) => ({ titel: text(s.titel, ''), absaetze: lines(s.absaetze, []) }))
    .filter((s) => s.titel !== '' && s.absaetze.length > 0);
  return out.length > 0 ? out : fallback;
}

/**
 * The known string fields of a section (anything else is dropped).
 * @param {Record<string, unknown>} raw @param {string[]} names
 * @returns {Record<string, string>}
 */
function pickStrings(raw, names) {
  /** @type {Record<string, string>} */
  const out = {};
  for (const name of names) {
    const value = raw[name];
    if (typeof value === 'string') out[name] = value.trim();
  }
  return out;
}

/** @returns {Promise<PortalConfig>} */
export async function loadConfig() {
  try {
    const res = await fetch('config.json', { cache: 'no-cache' });
    if (!res.ok) return LOCAL_DEFAULT;
    return normaliseConfig(await res.json());
  } catch {
    return LOCAL_DEFAULT;
  }
}
