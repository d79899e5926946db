/** A municipality's start page: its analyses, a new analysis, the blank data-entry templates. */
import { api } from '../api.js';
import { announce, errorBox, formatDateTime, h, replace, table } from '../dom.js';

const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._\\-]{0,63}$';

/**
 * @param {HTMLElement} root
 * @param {{ ags: string }} options
 */
export async function renderMunicipality(root, { ags }) {
  const list = h('div', { id: 'analysen-liste' }, h('p', {}, 'Analysen werden geladen …'));
  const feedback = h('div');
  const idInput = /** @type {HTMLInputElement} */ (
    h('input', {
      id: 'analyse-id',
      name: 'analysisId',
      type: 'text',
      pattern: ID_PATTERN,
      maxlength: 64,
      'aria-describedby': 'analyse-id-hilfe',
    })
  );
  const form = h(
    'form',
    {
      id: 'anlegen-form',
      onsubmit: async (/** @type {SubmitEvent} */ e) => {
        e.preventDefault();
        replace(feedback);
        const analysisId = idInput.value.trim();
        if (analysisId !== '' && !new RegExp(ID_PATTERN).test(analysisId)) {
          idInput.setAttribute('aria-invalid', 'true');
          feedback.append(
            errorBox(
              'Die Analyse-ID besteht aus höchstens 64 Buchstaben, Ziffern, Punkten, Binde- und Unterstrichen und beginnt mit einem Buchstaben oder einer Ziffer.',
            ),
          );
          idInput.focus();
          return;
        }
        idInput.removeAttribute('aria-invalid');
        try {
          const created = await api('/analyses', {
            method: 'POST',
            body: analysisId === '' ? { ags } : { ags, analysisId },
          });
          announce(`Analyse ${created.analysisId} angelegt.`);
          location.hash = `#/analyse/${created.ags}/${encodeURIComponent(created.analysisId)}`;
        } catch (error) {
          feedback.append(errorBox(/** @type {Error} */ (error).message));
        }
      },
    },
    h(
      'div',
      { class: 'feld' },
      h('label', { for: 'analyse-id' }, 'Analyse-ID (freiwillig)'),
      h(
        'p',
        { id: 'analyse-id-hilfe', class: 'hilfe' },
        'Zum Beispiel „befragung-2026“. Leer lassen: Das Portal vergibt eine ID.',
      ),
      idInput,
    ),
    h('button', { type: 'submit' }, 'Analyse anlegen'),
  );
  replace(
    root,
    h('h1', {}, `Meine Analysen (Kommune ${ags})`),
    h('section', { 'aria-labelledby': 'h-liste' }, h('h2', { id: 'h-liste' }, 'Analysen'), list),
    h('section', { 'aria-labelledby': 'h-neu' }, h('h2', { id: 'h-neu' }, 'Neue Analyse'), feedback, form),
    await templatesSection(),
  );
  try {
    const { analyses } = await api(`/analyses?ags=${ags}`);
    if (analyses.length === 0)
      replace(list, h('p', {}, 'Noch keine Analysen. Legen Sie unten eine neue an.'));
    else {
      replace(
        list,
        table(
          'Ihre Analysen',
          ['Analyse', 'Berichtsversion', 'Zuletzt geändert'],
          analyses.map((/** @type {any} */ a) => [
            h('a', { href: `#/analyse/${a.ags}/${encodeURIComponent(a.analysisId)}` }, a.analysisId),
            a.currentVersion === undefined ? 'noch keine' : String(a.currentVersion),
            formatDateTime(a.updatedAt),
          ]),
          { id: 'analysen-tabelle' },
        ),
      );
    }
  } catch (error) {
    replace(list, errorBox(/** @type {Error} */ (error).message));
  }
}

/** Links to the blank templates (`sia vorlage`), served by the portal under vorlagen/. */
async function templatesSection() {
  /** @type {{ name: string, bytes: number }[]} */
  let names = [];
  try {
    const res = await fetch('vorlagen/index.json');
    if (res.ok) names = (await res.json()).vorlagen;
  } catch {
    names = [];
  }
  return h(
    'section',
    { 'aria-labelledby': 'h-vorlagen' },
    h('h2', { id: 'h-vorlagen' }, 'Leere Erfassungsvorlagen'),
    h(
      'p',
      {},
      'Excel-Vorlagen mit Auswahllisten und Erläuterungen für die Dateneingabe. Ausgefüllt als .xlsx hochladen.',
    ),
    names.length === 0
      ? h('p', {}, 'Die Vorlagen sind gerade nicht verfügbar.')
      : h(
          'ul',
          { id: 'vorlagen' },
          ...names.map((v) =>
            h(
              'li',
              {},
              h(
                'a',
                { href: `vorlagen/${encodeURIComponent(v.name)}`, download: v.name },
                `${v.name} herunterladen`,
              ),
            ),
          ),
        ),
  );
}
