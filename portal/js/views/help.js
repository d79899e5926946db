/**
 * Hilfe (#/hilfe, also signed out): how an analysis goes, which files are required and which
 * optional, the blank templates and the example data one click away, what each status means, how
 * long processing takes, errors versus warnings, and whom to ask at the LPR (config.json `kontakt`).
 */
import { formatBytes, h, replace, table } from '../dom.js';
import { FILES, PROCESSING_TIME, STATUS_MEANING, STATUS_TEXT } from '../state.js';
import { contactList } from './legal.js';

/**
 * Links to files the portal serves next to itself (`<folder>/index.json` lists them).
 * @param {string} folder @param {string} key @param {string} id
 */
async function fileLinks(folder, key, id) {
  /** @type {{ name: string, bytes: number, titel?: string }[]} */
  let files = [];
  try {
    const res = await fetch(`${folder}/index.json`);
    if (res.ok) files = (await res.json())[key] ?? [];
  } catch {
    files = [];
  }
  if (files.length === 0) return h('p', { id }, 'Derzeit nicht verfügbar.');
  return h(
    'ul',
    { id },
    ...files.map((f) =>
      h(
        'li',
        {},
        h(
          'a',
          { href: `${folder}/${encodeURIComponent(f.name)}`, download: f.name },
          f.titel ? `${f.titel} herunterladen` : `${f.name} herunterladen`,
        ),
        ` (${formatBytes(f.bytes)})`,
      ),
    ),
  );
}

/**
 * @param {HTMLElement} root
 * @param {{ config: import('../config.js').PortalConfig, who?: import('../session.js').Principal }} options
 */
export async function renderHelp(root, { config }) {
  const templates = h('div', {}, h('p', {}, 'Wird geladen …'));
  const examples = h('div', {}, h('p', {}, 'Wird geladen …'));
  replace(
    root,
    h('h1', {}, 'Hilfe'),
    h(
      'nav',
      { 'aria-label': 'Inhalt der Hilfe' },
      h(
        'ul',
        { class: 'schritte' },
        ...[
          ['h-ablauf', 'Ablauf'],
          ['h-dateien', 'Welche Dateien?'],
          ['h-vorlagen', 'Vorlagen und Beispieldaten'],
          ['h-status-bedeutung', 'Was die Status bedeuten'],
          ['h-pruefung', 'Fehler und Warnungen'],
          ['h-kontakt', 'Kontakt'],
        ].map(([target, text]) =>
          h(
            'li',
            {},
            h(
              'a',
              {
                href: `#${target}`,
                onclick: (/** @type {MouseEvent} */ e) => {
                  // An anchor on the page, not a route.
                  e.preventDefault();
                  const heading = document.getElementById(target ?? '');
                  heading?.setAttribute('tabindex', '-1');
                  heading?.focus();
                },
              },
              text,
            ),
          ),
        ),
      ),
    ),
    h('h2', { id: 'h-ablauf' }, 'Ablauf'),
    h(
      'ol',
      { class: 'schritte' },
      h('li', {}, 'Im Portal eine Analyse anlegen (einmal je Befragung).'),
      h(
        'li',
        {},
        'Die Dateien vorbereiten – am einfachsten mit den leeren Vorlagen unten – und alle zusammen hochladen, analyse.json mit dabei.',
      ),
      h(
        'li',
        {},
        `Das Portal prüft die Dateien und erstellt den Bericht; das dauert ${PROCESSING_TIME} Minuten. Die Kontakte aus analyse.json erhalten eine E-Mail.`,
      ),
      h(
        'li',
        {},
        'Bei Fehlern nennt der Prüfbericht Datei, Zeile und Spalte; korrigieren und die Dateien erneut hochladen.',
      ),
      h(
        'li',
        {},
        'Den Bericht als PDF, die Tabellen (Excel) und analysis.json herunterladen. Jede neue Version lässt sich mit der vorigen vergleichen.',
      ),
    ),
    h('h2', { id: 'h-dateien' }, 'Welche Dateien?'),
    h(
      'p',
      {},
      'Pflichtdateien braucht jede Analyse; freiwillige Dateien ergänzen den Bericht um weitere Kapitel oder Vergleiche. Tabellen dürfen CSV (Trennzeichen ; , oder Tabulator) oder Excel (.xlsx) sein.',
    ),
    table(
      'Dateien einer Analyse',
      ['Datei', 'Pflicht?', 'Inhalt'],
      FILES.map((f) => [f.name, f.required ? 'Pflicht' : 'freiwillig', f.what]),
      { id: 'dateien-tabelle' },
    ),
    h('h2', { id: 'h-vorlagen' }, 'Vorlagen und Beispieldaten'),
    h('h3', {}, 'Leere Erfassungsvorlagen'),
    h(
      'p',
      {},
      'Excel-Vorlagen mit Auswahllisten und Erläuterungen für die Dateneingabe. Ausgefüllt als .xlsx hochladen.',
    ),
    templates,
    h('h3', {}, 'Beispieldaten zum Ausprobieren'),
    h(
      'p',
      {},
      'Ein vollständiger Satz erfundener Daten der „Musterstadt“: entpacken, in einer Test-Analyse hochladen und den Bericht ansehen.',
    ),
    examples,
    h('h2', { id: 'h-status-bedeutung' }, 'Was die Status bedeuten'),
    h(
      'dl',
      { class: 'kontakt', id: 'status-legende' },
      ...STATUS_MEANING.flatMap(([status, meaning]) => [
        h('dt', {}, STATUS_TEXT[status]),
        h('dd', {}, meaning),
      ]),
    ),
    h(
      'p',
      {},
      `Bearbeitungszeit: ${PROCESSING_TIME} Minuten nach dem Hochladen. Die Seite einer Analyse zeigt den Stand laufend an; Sie können sie auch schließen und später wiederkommen.`,
    ),
    h('h2', { id: 'h-pruefung' }, 'Fehler und Warnungen'),
    h(
      'p',
      {},
      'Fehler verhindern den Bericht: Sie müssen korrigiert werden (Handlungsbedarf). Warnungen verhindern keinen Bericht: Sie weisen auf Auffälligkeiten hin, die oft in Ordnung sind – zum Beispiel eine Gesamtzahl, die größer ist als die Summe der Ortsteile. Eine Korrektur ist nur nötig, wenn die Daten tatsächlich falsch sind.',
    ),
    h('h2', { id: 'h-kontakt' }, 'Kontakt zum LPR-Team'),
    h('p', {}, 'Fragen zu Dateien, Zugängen oder zum Bericht beantwortet:'),
    contactList(config.kontakt, 'hilfe-kontakt'),
  );
  const [t, e] = await Promise.all([
    fileLinks('vorlagen', 'vorlagen', 'vorlagen'),
    fileLinks('beispiel', 'beispiele', 'beispiele'),
  ]);
  replace(templates, t);
  replace(examples, e);
}
