/**
 * A municipality's start page: its analyses (title, status, current version, last change, open
 * problems), the way to a new analysis, and where to find help, templates and example data.
 * Also the simple „Neue Analyse“ form (#/neue-analyse: a title, then the folder with analyse.json); without
 * analyse.json a clerk takes the form of views/neue-analyse.js (#/neu) and the mapping (#/zuordnung).
 */
import { api } from '../api.js';
import { announce, errorBox, formatDateTime, h, plural, replace, table } from '../dom.js';
import { formErrors } from '../forms.js';
import { gemeindeLabel } from '../gemeinden.js';
import { STATUS_TEXT } from '../state.js';

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
export const TITLE_MAX = 100;

/** `#/analyse/<ags>/<id>` @param {{ ags: string, analysisId: string }} a */
export const analysisHash = (a) => `#/analyse/${a.ags}/${encodeURIComponent(a.analysisId)}`;

/** The name people know an analysis by. @param {{ title?: string, analysisId: string }} a */
export const analysisName = (a) => a.title ?? a.analysisId;

/** A status badge. @param {{ status: string, statusText?: string }} a */
export function statusBadge(a) {
  return h(
    'span',
    { class: `status status-${a.status}` },
    a.statusText ?? STATUS_TEXT[/** @type {import('../state.js').Status} */ (a.status)] ?? a.status,
  );
}

/** Open problems in words. @param {{ problems: { errors: number, warnings: number } | null, status: string }} a */
export function problemsText(a) {
  if (!a.problems) return a.status === 'failed' ? 'technischer Fehler' : '–';
  const { errors, warnings } = a.problems;
  if (errors === 0 && warnings === 0) return 'keine';
  const parts = [];
  if (errors > 0) parts.push(plural(errors, 'Fehler', 'Fehler'));
  if (warnings > 0) parts.push(plural(warnings, 'Warnung', 'Warnungen'));
  return parts.join(', ');
}

/**
 * @param {HTMLElement} root
 * @param {{ ags: string, config: import('../config.js').PortalConfig }} options
 */
export async function renderMunicipality(root, { ags }) {
  const list = h('div', { id: 'analysen-liste' }, h('p', {}, 'Analysen werden geladen …'));
  const heading = h('h1', {}, 'Meine Analysen');
  replace(
    root,
    heading,
    h(
      'p',
      { class: 'knoepfe' },
      h('a', { class: 'knopf', href: '#/neue-analyse', id: 'neue-analyse' }, 'Neue Analyse anlegen'),
      h('a', { class: 'knopf zweitrangig', href: '#/archiv' }, 'Archivierte Analysen'),
    ),
    h('section', { 'aria-labelledby': 'h-liste' }, h('h2', { id: 'h-liste' }, 'Analysen'), list),
    h(
      'section',
      { 'aria-labelledby': 'h-soeht' },
      h('h2', { id: 'h-soeht' }, 'So geht es'),
      h(
        'ol',
        { class: 'schritte' },
        h('li', {}, 'Analyse anlegen (einmal je Befragung).'),
        h(
          'li',
          {},
          'Die Dateien hochladen: analyse.json, befragung, bevoelkerung und kriminalitaet sind Pflicht. ',
          h('a', { href: '#/hilfe' }, 'Welche Dateien, Vorlagen und Beispieldaten'),
        ),
        h(
          'li',
          {},
          'Das Portal prüft die Dateien. Bei Fehlern nennt der Prüfbericht Datei, Zeile und Spalte; korrigieren und erneut hochladen.',
        ),
        h('li', {}, 'Den fertigen Bericht (PDF) und die Tabellen herunterladen.'),
      ),
    ),
  );
  try {
    const [{ analyses }, label] = await Promise.all([
      api(`/workspace/analyses?ags=${ags}`),
      gemeindeLabel(ags),
    ]);
    heading.textContent = `Meine Analysen – ${label}`;
    if (analyses.length === 0)
      replace(
        list,
        h('p', {}, 'Noch keine Analysen. ', h('a', { href: '#/neue-analyse' }, 'Legen Sie die erste an.')),
      );
    else replace(list, analysesTable('Ihre Analysen', analyses));
  } catch (error) {
    replace(list, errorBox(/** @type {Error} */ (error).message));
  }
}

/**
 * The list of a municipality's analyses.
 * @param {string} caption @param {any[]} analyses
 */
export function analysesTable(caption, analyses) {
  return table(
    caption,
    ['Analyse', 'Status', 'Aktueller Bericht', 'Zuletzt geändert', 'Offene Probleme'],
    analyses.map((a) => [
      h(
        'span',
        {},
        h('a', { href: analysisHash(a) }, analysisName(a)),
        a.title ? h('span', { class: 'klein' }, ` (${a.analysisId})`) : '',
      ),
      statusBadge(a),
      a.currentVersion === undefined ? 'noch keiner' : `Version ${a.currentVersion}`,
      formatDateTime(a.updatedAt),
      problemsText(a),
    ]),
    { id: 'analysen-tabelle' },
  );
}

/** An analysis id from a title: lower-case ASCII words joined by hyphens. @param {string} title */
export function idFromTitle(title) {
  const slug = title
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 56)
    .replace(/-+$/, '');
  return slug || 'analyse';
}

/**
 * #/neue-analyse: title (and, if wanted, an own id); the id is made from the title otherwise.
 * LPR staff also choose the municipality.
 * @param {HTMLElement} root
 * @param {{ who: import('../session.js').Principal }} options
 */
export async function renderNewAnalysis(root, { who }) {
  const title = /** @type {HTMLInputElement} */ (
    h('input', {
      id: 'analyse-titel',
      type: 'text',
      maxlength: TITLE_MAX,
      autocomplete: 'off',
      'aria-required': 'true',
      'aria-describedby': 'analyse-titel-hilfe',
      'data-entwurf': 'neu-titel',
    })
  );
  const idInput = /** @type {HTMLInputElement} */ (
    h('input', {
      id: 'analyse-id',
      type: 'text',
      maxlength: 64,
      autocomplete: 'off',
      spellcheck: 'false',
      'aria-describedby': 'analyse-id-hilfe',
      'data-entwurf': 'neu-id',
    })
  );
  const agsInput = /** @type {HTMLInputElement} */ (
    h('input', {
      id: 'analyse-ags',
      type: 'text',
      inputmode: 'numeric',
      maxlength: 8,
      autocomplete: 'off',
      'aria-required': 'true',
      'aria-describedby': 'analyse-ags-hilfe',
      'data-entwurf': 'neu-ags',
    })
  );
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { id: 'anlegen-form', novalidate: true },
      who.kind === 'lpr'
        ? h(
            'div',
            { class: 'feld' },
            h('label', { for: 'analyse-ags' }, 'Gemeindeschlüssel (AGS) der Kommune'),
            h('p', { id: 'analyse-ags-hilfe', class: 'hilfe' }, '8 Ziffern, z. B. 14522999.'),
            agsInput,
          )
        : false,
      h(
        'div',
        { class: 'feld' },
        h('label', { for: 'analyse-titel' }, 'Titel der Analyse'),
        h(
          'p',
          { id: 'analyse-titel-hilfe', class: 'hilfe' },
          'Unter diesem Namen erscheint die Analyse in Ihrer Liste, z. B. „Bürgerbefragung 2026“. Er lässt sich später ändern.',
        ),
        title,
      ),
      h(
        'details',
        {},
        h('summary', {}, 'Eigene Kennung festlegen (freiwillig)'),
        h(
          'div',
          { class: 'feld' },
          h('label', { for: 'analyse-id' }, 'Analyse-ID'),
          h(
            'p',
            { id: 'analyse-id-hilfe', class: 'hilfe' },
            'Die Kennung steht in Adressen und Dateipfaden und bleibt fest. Leer lassen: Das Portal bildet sie aus dem Titel. Erlaubt: Buchstaben, Ziffern, Punkt, Binde- und Unterstrich; höchstens 64 Zeichen.',
          ),
          idInput,
        ),
      ),
      h('button', { type: 'submit' }, 'Analyse anlegen'),
    )
  );
  const errors = formErrors(form);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const name = title.value.trim();
    const ownId = idInput.value.trim();
    const ags = who.kind === 'lpr' ? agsInput.value.trim() : who.ags;
    /** @type {import('../forms.js').Problem[]} */
    const problems = [];
    if (who.kind === 'lpr' && !/^\d{8}$/.test(ags))
      problems.push({
        field: agsInput,
        message: 'Der Gemeindeschlüssel (AGS) besteht aus genau 8 Ziffern.',
      });
    if (name === '') problems.push({ field: title, message: 'Bitte geben Sie einen Titel ein.' });
    else if (name.length > TITLE_MAX)
      problems.push({ field: title, message: `Der Titel hat höchstens ${TITLE_MAX} Zeichen.` });
    if (ownId !== '' && !ID_PATTERN.test(ownId)) {
      /** @type {HTMLDetailsElement} */ (idInput.closest('details')).open = true;
      problems.push({
        field: idInput,
        message:
          'Die Analyse-ID besteht aus höchstens 64 Buchstaben, Ziffern, Punkten, Binde- und Unterstrichen und beginnt mit einem Buchstaben oder einer Ziffer.',
      });
    }
    if (errors.show(problems)) return;
    try {
      const created = await createWithFreeId(ags, ownId || idFromTitle(name), ownId === '');
      await api(`/analyses/${created.ags}/${encodeURIComponent(created.analysisId)}`, {
        method: 'PATCH',
        body: { title: name },
      });
      announce(`Analyse „${name}“ angelegt.`);
      location.hash = analysisHash(created);
    } catch (error) {
      const e = /** @type {import('../api.js').ApiError} */ (error);
      errors.show([{ field: e.status === 409 ? idInput : title, message: e.message }]);
      if (e.status === 409) /** @type {HTMLDetailsElement} */ (idInput.closest('details')).open = true;
    }
  });
  replace(
    root,
    h('h1', {}, 'Neue Analyse anlegen'),
    h('p', {}, h('a', { href: '#/' }, 'Zurück zur Übersicht')),
    h(
      'p',
      {},
      'Sie haben alle Dateien samt analyse.json? Dann legen Sie die Analyse hier an und laden den Ordner hoch. Ohne analyse.json: ',
      h('a', { href: '#/neu' }, 'Analyse im Formular beschreiben und die Befragung zuordnen'),
      '.',
    ),
    form,
  );
}

/**
 * Creates the analysis; a made-up id that is taken gets „-2“, „-3“ … appended.
 * @param {string} ags @param {string} id @param {boolean} madeUp
 */
async function createWithFreeId(ags, id, madeUp) {
  for (let n = 1; ; n++) {
    const analysisId = n === 1 ? id : `${id}-${n}`;
    try {
      return await api('/analyses', { method: 'POST', body: { ags, analysisId } });
    } catch (error) {
      if (!madeUp || /** @type {{ status?: number }} */ (error).status !== 409 || n >= 20) throw error;
    }
  }
}
