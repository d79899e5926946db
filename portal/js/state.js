/**
 * What an analysis's state means for the people using it: the status in one word, what each status
 * means, and one sentence for the top of the analysis page – where things stand and what to do next.
 * Pure functions (tested in Node: test/portal/state.test.ts).
 */

/** @typedef {'waiting' | 'received' | 'validating' | 'analysing' | 'rendering' | 'ready' | 'invalid' | 'failed'} Status */

/** Statuses in which the worker is busy. */
export const ACTIVE = new Set(['received', 'validating', 'analysing', 'rendering']);

/** @type {Record<Status, string>} */
export const STATUS_TEXT = {
  waiting: 'wartet auf Dateien',
  received: 'empfangen',
  validating: 'wird geprüft',
  analysing: 'wird ausgewertet',
  rendering: 'Bericht wird erstellt',
  ready: 'fertig',
  invalid: 'ungültig',
  failed: 'fehlgeschlagen',
};

/** What each status means (Hilfe and the status legend). @type {[Status, string][]} */
export const STATUS_MEANING = [
  [
    'waiting',
    'Die Analyse ist angelegt, die Auswertung hat noch nicht begonnen: Es fehlen noch Dateien, vor allem analyse.json, mit der die Auswertung startet.',
  ],
  ['received', 'Die Dateien sind angekommen; die Prüfung beginnt in wenigen Sekunden.'],
  ['validating', 'Die Dateien werden geprüft (Spalten, Werte, Zusammenhänge zwischen den Dateien).'],
  ['analysing', 'Die Daten sind gültig; die Kennzahlen und Empfehlungen werden berechnet.'],
  ['rendering', 'Der Bericht wird als PDF gesetzt, dazu Tabellen und analysis.json.'],
  [
    'ready',
    'Der Bericht ist fertig und kann heruntergeladen werden. Warnungen der Prüfung verhindern keinen Bericht.',
  ],
  [
    'invalid',
    'Die Dateien enthalten Fehler; es wurde kein neuer Bericht erstellt. Der Prüfbericht nennt Datei, Zeile und Spalte jedes Fehlers.',
  ],
  [
    'failed',
    'Der Bericht konnte aus technischen Gründen nicht erstellt werden. Erneut hochladen hilft oft; sonst hilft das LPR-Team.',
  ],
];

/** Usual processing time, as the Hilfe and the status sentence say it. */
export const PROCESSING_TIME = 'meist ein bis drei Minuten, höchstens etwa zehn';

/**
 * @param {number} n @param {string} one @param {string} many
 */
const count = (n, one, many) => `${n.toLocaleString('de-DE')} ${n === 1 ? one : many}`;

/**
 * @typedef {object} StandInput
 * @property {Status} status
 * @property {string} [statusText]
 * @property {string} [reason]
 * @property {number} [currentVersion]
 * @property {{ errors: number, warnings: number } | null} [problems]
 * @property {boolean} [archived]
 * @property {'uploading' | 'pending'} [transfer]  files are being sent / sent and the job has not shown yet
 * @property {boolean} [lpr]  the reader is LPR staff
 */

/**
 * Where things stand and what to do next, in one or two sentences.
 * @param {StandInput} s
 * @returns {{ tone: 'ok' | 'busy' | 'action' | 'error', text: string }}
 */
export function standOf(s) {
  const prefix = s.archived ? 'Diese Analyse ist archiviert. ' : '';
  const keep =
    s.currentVersion === undefined ? '' : ` Version ${s.currentVersion} des Berichts bleibt abrufbar.`;
  if (s.transfer === 'uploading')
    return {
      tone: 'busy',
      text: `${prefix}Die Dateien werden übertragen. Bitte lassen Sie die Seite geöffnet, bis alle Dateien übertragen sind.`,
    };
  if (s.transfer === 'pending')
    return {
      tone: 'busy',
      text: `${prefix}Alle Dateien sind übertragen. Die Prüfung beginnt in wenigen Sekunden.`,
    };
  if (ACTIVE.has(s.status))
    return {
      tone: 'busy',
      text: `${prefix}Die Dateien werden verarbeitet (${s.statusText ?? STATUS_TEXT[s.status]}). Das dauert ${PROCESSING_TIME} Minuten; Sie müssen nichts tun und können die Seite auch schließen – die Kontakte aus analyse.json erhalten eine E-Mail, sobald der Bericht fertig ist.`,
    };
  if (s.status === 'ready') {
    const warnings = s.problems?.warnings ?? 0;
    return {
      tone: 'ok',
      text: `${prefix}Der Bericht ist fertig${s.currentVersion === undefined ? '' : ` (Version ${s.currentVersion})`}. Nächster Schritt: den Bericht unten herunterladen.${warnings > 0 ? ` Die Prüfung hat ${count(warnings, 'Warnung', 'Warnungen')} ergeben; sie verhindern den Bericht nicht, bitte sehen Sie sie trotzdem durch.` : ''}`,
    };
  }
  if (s.status === 'invalid') {
    const errors = s.problems?.errors;
    return {
      tone: 'action',
      text: `${prefix}Die hochgeladenen Dateien enthalten ${errors === undefined ? 'Fehler' : count(errors, 'Fehler', 'Fehler')}; es wurde kein neuer Bericht erstellt.${keep} Nächster Schritt: die Fehler im Prüfbericht unten korrigieren und die Dateien erneut hochladen.`,
    };
  }
  if (s.status === 'failed')
    return {
      tone: 'error',
      text: `${prefix}Der Bericht konnte aus technischen Gründen nicht erstellt werden${s.reason ? ` (${s.reason.replace(/\.$/, '')})` : ''}.${keep} Nächster Schritt: ${s.lpr ? 'den Bericht neu erstellen oder die Kommune bitten, die Dateien erneut hochzuladen' : 'die Dateien erneut hochladen; tritt der Fehler wieder auf, wenden Sie sich an das LPR-Team (Kontakt unten auf der Seite)'}.`,
    };
  return {
    tone: 'action',
    text: `${prefix}Es wurden noch keine vollständigen Dateien hochgeladen.${keep} Nächster Schritt: die Dateien der Analyse unten unter „Dateien hochladen“ auswählen – mindestens analyse.json, befragung, bevoelkerung und kriminalitaet.`,
  };
}

/** The files of an analysis folder and whether each is required (docs: input-format.md §1). */
export const FILES = [
  {
    name: 'analyse.json',
    required: true,
    what: 'Angaben zur Analyse: Kommune, Berichtsjahr, Ortsteile, Kontakte (startet die Auswertung)',
  },
  {
    name: 'befragung (.csv oder .xlsx)',
    required: true,
    what: 'Antworten der Bürgerbefragung, eine Zeile je Fragebogen',
  },
  {
    name: 'bevoelkerung (.csv oder .xlsx)',
    required: true,
    what: 'Einwohner nach Ortsteil, Geschlecht und Altersgruppe',
  },
  {
    name: 'kriminalitaet (.csv oder .xlsx)',
    required: true,
    what: 'Polizeiliche Kriminalstatistik (PKS) der Kommune nach Jahr, Ortsteil und Straftatenschlüssel',
  },
  {
    name: 'pks-kreise-<Jahr> (.csv oder .xlsx)',
    required: false,
    what: 'BKA-Tabelle „Fälle – Kreise“ wie veröffentlicht, für den Vergleich mit Kreis und Land',
  },
  { name: 'pmk (.csv oder .xlsx)', required: false, what: 'Politisch motivierte Kriminalität' },
  {
    name: 'gebietsprofil (.csv oder .xlsx)',
    required: false,
    what: 'Weitere Kennzahlen der Ortsteile (Fläche, Arbeitslosigkeit …)',
  },
  {
    name: 'ordnungswidrigkeiten (.csv oder .xlsx)',
    required: false,
    what: 'Ordnungswidrigkeiten des Ordnungsamts',
  },
  {
    name: 'befragung-zuordnung.json',
    required: false,
    what: 'Zuordnung einer Befragung aus einem anderen Programm (z. B. LimeSurvey) zu den Standardfragen',
  },
  {
    name: 'Logo (.svg oder .png)',
    required: false,
    what: 'Wappen oder Logo der Kommune für Titelseite und Kopfzeilen',
  },
];

/** Which of the required files a set of upload names covers. @param {string[]} names */
export function missingRequired(names) {
  const has = (/** @type {RegExp} */ r) => names.some((n) => r.test(n.toLowerCase()));
  /** @type {string[]} */
  const missing = [];
  if (!has(/^analyse\.json$/)) missing.push('analyse.json');
  if (!has(/^befragung\.(csv|xlsx)$/)) missing.push('befragung');
  if (!has(/^bevoelkerung\.(csv|xlsx)$/)) missing.push('bevoelkerung');
  if (!has(/^kriminalitaet\.(csv|xlsx)$/)) missing.push('kriminalitaet');
  return missing;
}
