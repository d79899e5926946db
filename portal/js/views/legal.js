/**
 * Impressum, Datenschutzerklärung and Erklärung zur Barrierefreiheit (#/impressum, #/datenschutz,
 * #/barrierefreiheit; also signed out). The texts come from config.json; defaults that must be
 * filled in by the deployment are shown highlighted. The accessibility statement follows BITV 2.0
 * and the Barrierefreie-Websites-Gesetz Sachsen: state of compliance, content that is not accessible,
 * how the statement was made, a feedback mechanism, and the enforcement/conciliation body.
 */
import { isPlaceholder } from '../config.js';
import { h, replace } from '../dom.js';
import { formErrors } from '../forms.js';

/** A paragraph; a placeholder default is marked. @param {string} text @param {string} [tag] */
function para(text, tag = 'p') {
  return h(tag, {}, isPlaceholder(text) ? h('span', { class: 'platzhalter' }, text) : text);
}

/** A value that may still be a placeholder. @param {string} text */
function value(text) {
  return isPlaceholder(text) ? h('span', { class: 'platzhalter' }, text) : text;
}

/**
 * The LPR contact as a definition list.
 * @param {import('../config.js').Contact} c @param {string} id
 */
export function contactList(c, id) {
  return h(
    'dl',
    { class: 'kontakt', id },
    h('dt', {}, 'Stelle'),
    h('dd', {}, value(c.stelle)),
    h('dt', {}, 'E-Mail'),
    h('dd', {}, isPlaceholder(c.email) ? value(c.email) : h('a', { href: `mailto:${c.email}` }, c.email)),
    h('dt', {}, 'Telefon'),
    h('dd', {}, value(c.telefon)),
    h('dt', {}, 'Erreichbar'),
    h('dd', {}, value(c.erreichbarkeit)),
    h('dt', {}, 'Anschrift'),
    h('dd', {}, ...c.anschrift.flatMap((line, i) => [i > 0 ? h('br') : '', value(line)])),
  );
}

/** @param {import('../config.js').Section[]} sections */
function sectionsOf(sections) {
  return sections.flatMap((s) => [h('h2', {}, s.titel), ...s.absaetze.map((a) => para(a))]);
}

/**
 * @param {HTMLElement} root
 * @param {{ config: import('../config.js').PortalConfig, page: 'impressum' | 'datenschutz' | 'barrierefreiheit' }} options
 */
export async function renderLegal(root, { config, page }) {
  if (page === 'impressum') replace(root, h('h1', {}, 'Impressum'), ...sectionsOf(config.impressum));
  else if (page === 'datenschutz')
    replace(root, h('h1', {}, 'Datenschutzerklärung'), ...sectionsOf(config.datenschutz));
  else replace(root, ...accessibilityStatement(config));
}

/** @param {import('../config.js').PortalConfig} config */
function accessibilityStatement(config) {
  const a = config.barrierefreiheit;
  const c = config.kontakt;
  return [
    h('h1', {}, 'Erklärung zur Barrierefreiheit'),
    h(
      'p',
      {},
      'Der Landespräventionsrat Sachsen ist bemüht, dieses Portal im Einklang mit dem Barrierefreie-Websites-Gesetz Sachsen (BfWebG) in Verbindung mit der Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) barrierefrei zugänglich zu machen. Maßstab sind die Web Content Accessibility Guidelines (WCAG) 2.1 auf Stufe AA und die europäische Norm EN 301 549. Die Erklärung gilt für das Portal der Sicherheitsanalyse.',
    ),
    h('h2', {}, 'Stand der Vereinbarkeit mit den Anforderungen'),
    para(a.vereinbarkeit),
    h('h2', {}, 'Nicht barrierefreie Inhalte'),
    h('ul', { id: 'nicht-barrierefrei' }, ...a.nichtBarrierefrei.map((t) => para(t, 'li'))),
    h('h2', {}, 'Erstellung dieser Erklärung'),
    h(
      'p',
      {},
      'Die Erklärung wurde erstellt am ',
      value(a.stand),
      '. Methode der Bewertung: ',
      value(a.methode),
      '.',
    ),
    h('h2', { id: 'h-feedback' }, 'Barrieren melden: Feedback und Kontakt'),
    h(
      'p',
      {},
      'Sind Ihnen Barrieren in diesem Portal aufgefallen, oder brauchen Sie Inhalte in einer zugänglicheren Form? Schreiben Sie uns – mit dem Formular (es bereitet eine E-Mail an uns vor) oder direkt:',
    ),
    contactList(c, 'barrierefreiheit-kontakt'),
    feedbackForm(c),
    h('h2', {}, 'Durchsetzungs- und Schlichtungsverfahren'),
    h(
      'p',
      {},
      'Erhalten Sie auf Ihre Rückmeldung innerhalb angemessener Frist keine zufriedenstellende Antwort, können Sie sich an die zuständige Stelle für das Durchsetzungs- bzw. Schlichtungsverfahren wenden. Das Verfahren ist kostenfrei; Sie brauchen keinen Rechtsbeistand.',
    ),
    h(
      'p',
      { id: 'schlichtungsstelle' },
      ...a.schlichtungsstelle.flatMap((line, i) => [i > 0 ? h('br') : '', value(line)]),
    ),
  ];
}

/**
 * The feedback mechanism: a short form that prepares an e-mail to the LPR (no data is sent by the
 * portal itself); the prepared message opens in the mail program with one click.
 * @param {import('../config.js').Contact} c
 */
function feedbackForm(c) {
  const message = /** @type {HTMLTextAreaElement} */ (
    h('textarea', {
      id: 'feedback-text',
      rows: 5,
      'aria-required': 'true',
      'aria-describedby': 'feedback-text-hilfe',
      'data-entwurf': 'feedback-text',
    })
  );
  const where = /** @type {HTMLInputElement} */ (
    h('input', { id: 'feedback-seite', type: 'text', autocomplete: 'off', 'data-entwurf': 'feedback-seite' })
  );
  const result = h('div', { id: 'feedback-ergebnis' });
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { id: 'feedback-form', novalidate: true },
      h(
        'div',
        { class: 'feld' },
        h('label', { for: 'feedback-text' }, 'Welche Barriere ist Ihnen begegnet?'),
        h(
          'p',
          { id: 'feedback-text-hilfe', class: 'hilfe' },
          'Bitte beschreiben Sie kurz, was nicht funktioniert hat und womit Sie das Portal nutzen (z. B. Bildschirmleser, Tastatur, Vergrößerung).',
        ),
        message,
      ),
      h(
        'div',
        { class: 'feld' },
        h('label', { for: 'feedback-seite' }, 'Auf welcher Seite? (freiwillig)'),
        where,
      ),
      h('button', { type: 'submit' }, 'Nachricht vorbereiten'),
      result,
    )
  );
  const errors = formErrors(form);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    replace(result);
    const text = message.value.trim();
    /** @type {import('../forms.js').Problem[]} */
    const problems = [];
    if (text === '') problems.push({ field: message, message: 'Bitte beschreiben Sie die Barriere.' });
    else if (text.length > 4000)
      problems.push({ field: message, message: 'Bitte fassen Sie sich kürzer (höchstens 4.000 Zeichen).' });
    if (errors.show(problems)) return;
    if (isPlaceholder(c.email)) {
      replace(
        result,
        h(
          'p',
          { class: 'meldung warnung', role: 'alert' },
          'Für dieses Portal ist noch keine E-Mail-Adresse für Rückmeldungen eingetragen. Bitte wenden Sie sich telefonisch oder schriftlich an die oben genannte Stelle.',
        ),
      );
      return;
    }
    const body = `${text}${where.value.trim() ? `\n\nSeite: ${where.value.trim()}` : ''}`;
    const href = `mailto:${c.email}?${new URLSearchParams({
      subject: 'Barriere im Portal Sicherheitsanalyse',
      body,
    })
      .toString()
      .replace(/\+/g, '%20')}`;
    replace(
      result,
      h(
        'p',
        { class: 'meldung ok', role: 'status' },
        'Ihre Nachricht ist vorbereitet. ',
        h('a', { href, id: 'feedback-senden' }, 'Nachricht im E-Mail-Programm öffnen und senden'),
      ),
    );
    /** @type {HTMLElement | null} */ (document.getElementById('feedback-senden'))?.focus();
  });
  return form;
}
