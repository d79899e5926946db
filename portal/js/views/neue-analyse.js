/**
 * "Neue Analyse": everything analyse.json needs as a form (municipality from the list with AGS and
 * Kreis, title, reporting year, survey period, mode and number invited, areas, colours, logo,
 * contact). Checked as the user types by the API with the manifest's own schema (POST
 * /manifest/pruefen): messages under the fields (aria-invalid, aria-describedby), and an error
 * summary with links on submit. Submitting creates the analysis and keeps the draft for the next
 * step (files and mapping), which writes analyse.json last.
 */
import { api, apiBaseUrl } from '../api.js';
import { getToken } from '../session.js';
import { announce, errorBox, h, replace } from '../dom.js';

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const DRAFT_PREFIX = 'sia-entwurf:';

/** The logo chosen in the form, kept for the upload in the next step (a File cannot go to sessionStorage). */
/** @type {Map<string, File>} */
export const chosenLogos = new Map();

/** @param {string} ags @param {string} id */
export function draftKey(ags, id) {
  return `${DRAFT_PREFIX}${ags}/${id}`;
}

/** @param {string} ags @param {string} id @returns {any | undefined} */
export function loadDraft(ags, id) {
  const text = sessionStorage.getItem(draftKey(ags, id));
  return text ? JSON.parse(text) : undefined;
}

/** `2026-03-02` from a date input, or '' */
/** @param {HTMLInputElement} input */
const dateValue = (input) => input.value.trim();

/**
 * @param {HTMLElement} root
 * @param {{ who: import('../session.js').Principal }} options
 */
export async function renderNeueAnalyse(root, { who }) {
  /** @type {{ ags: string, name: string, kreisSchluessel: string, kreis: string }[]} */
  let gemeinden = [];
  let quelle = '';
  try {
    const list = await api('/gemeinden');
    gemeinden = list.gemeinden;
    quelle = list.quelle;
  } catch {
    gemeinden = [];
  }
  const own = who.kind === 'municipality' ? gemeinden.find((g) => g.ags === who.ags) : undefined;

  /** @type {Map<string, { input: HTMLElement, error: HTMLElement, label: string }>} */
  const fields = new Map();
  let fieldNo = 0;
  /**
   * A labelled field with help and an error line; `path` is its key in analyse.json (for messages).
   * @param {string} path @param {string} label @param {HTMLElement} input @param {string} [help]
   */
  function field(path, label, input, help) {
    fieldNo += 1;
    const id = input.id || `feld-${fieldNo}`;
    input.id = id;
    const error = h('p', { id: `${id}-fehler`, class: 'hilfe fehlertext', hidden: true });
    const helpEl = help ? h('p', { id: `${id}-hilfe`, class: 'hilfe' }, help) : null;
    input.setAttribute(
      'aria-describedby',
      [helpEl ? `${id}-hilfe` : '', `${id}-fehler`].filter(Boolean).join(' '),
    );
    fields.set(path, { input, error, label });
    return h('div', { class: 'feld' }, h('label', { for: id }, label), helpEl, input, error);
  }
  /** @param {Record<string, unknown>} attrs */
  const text = (attrs = {}) => /** @type {HTMLInputElement} */ (h('input', { type: 'text', ...attrs }));

  const name = text({
    id: 'kommune-name',
    list: 'gemeinden-liste',
    autocomplete: 'off',
    value: own ? plainName(own.name) : '',
  });
  const ags = text({
    id: 'kommune-ags',
    inputmode: 'numeric',
    maxlength: 8,
    value: who.kind === 'municipality' ? who.ags : '',
    readonly: who.kind === 'municipality' || undefined,
  });
  const kreisInfo = h('p', { id: 'kreis-info', class: 'hilfe', 'aria-live': 'polite' });
  const datalist = h(
    'datalist',
    { id: 'gemeinden-liste' },
    ...gemeinden.map((g) => h('option', { value: `${plainName(g.name)} (${g.ags})` })),
  );
  const analysisId = text({ id: 'neu-analyse-id', maxlength: 64 });
  const titel = text({ id: 'titel' });
  const jahr = text({ id: 'berichtsjahr', inputmode: 'numeric', maxlength: 4, required: true });
  const von = /** @type {HTMLInputElement} */ (h('input', { id: 'zeitraum-von', type: 'date' }));
  const bis = /** @type {HTMLInputElement} */ (h('input', { id: 'zeitraum-bis', type: 'date' }));
  const modus = /** @type {HTMLSelectElement} */ (
    h(
      'select',
      { id: 'modus' },
      h('option', { value: '' }, '– keine Angabe –'),
      h('option', { value: 'Papier' }, 'Papier'),
      h('option', { value: 'online' }, 'online'),
      h('option', { value: 'Papier und online' }, 'Papier und online'),
    )
  );
  const angeschrieben = text({ id: 'angeschrieben', inputmode: 'numeric' });
  const primaer = text({ id: 'primaerfarbe', value: '#005CA9', maxlength: 7 });
  const akzent = text({ id: 'akzentfarbe', value: '#E8A33D', maxlength: 7 });
  const logo = /** @type {HTMLInputElement} */ (
    h('input', { id: 'logo', type: 'file', accept: '.svg,.png,image/svg+xml,image/png' })
  );
  const kontakt = text({ id: 'kontakt-name' });
  const email = /** @type {HTMLInputElement} */ (h('input', { id: 'kontakt-email', type: 'email' }));

  const areaRows = h('div', { id: 'gebiete-liste' });
  const areasError = h('p', { id: 'gebiete-fehler', class: 'hilfe fehlertext', hidden: true });
  const areasFieldset = h(
    'fieldset',
    { id: 'gebiete', tabindex: '-1', 'aria-describedby': 'gebiete-hilfe gebiete-fehler' },
    h('legend', {}, 'Gebiete (Orts- oder Stadtteile), nach denen berichtet wird'),
    h(
      'p',
      { class: 'hilfe', id: 'gebiete-hilfe' },
      'Kennung (z. B. „01“) und Name, wie sie in den Datendateien stehen. 1 bis 60 Gebiete.',
    ),
    areasError,
    areaRows,
    h(
      'button',
      { type: 'button', class: 'zweitrangig', id: 'gebiet-hinzufuegen', onclick: () => addArea(true) },
      'Gebiet hinzufügen',
    ),
  );
  /** @type {{ id: HTMLInputElement, name: HTMLInputElement, row: HTMLElement }[]} */
  const areas = [];
  /** @param {boolean} focus */
  function addArea(focus) {
    const n = areas.length;
    const id = text({ id: `gebiet-${n}-id`, maxlength: 40, class: 'kurz' });
    const nm = text({ id: `gebiet-${n}-name`, maxlength: 200 });
    const entry = { id, name: nm, row: h('div') };
    const remove = h(
      'button',
      {
        type: 'button',
        class: 'zweitrangig',
        onclick: () => {
          areas.splice(areas.indexOf(entry), 1);
          entry.row.remove();
          schedule();
          /** @type {HTMLElement | null} */ (document.getElementById('gebiet-hinzufuegen'))?.focus();
        },
      },
      `Gebiet ${n + 1} entfernen`,
    );
    entry.row = h(
      'div',
      { class: 'feld-reihe gebiet' },
      field(`gebiete[${n + 1}].id`, `Kennung Gebiet ${n + 1}`, id),
      field(`gebiete[${n + 1}].name`, `Name Gebiet ${n + 1}`, nm),
      remove,
    );
    areas.push(entry);
    areaRows.append(entry.row);
    for (const input of [id, nm]) input.addEventListener('input', schedule);
    if (focus) id.focus();
  }

  const summary = h('div', { id: 'fehlerliste', tabindex: '-1' });
  const status = h('div', { id: 'neu-status' });

  /** The analyse.json the form describes (only what is filled in). */
  function draft() {
    const jahrText = jahr.value.trim();
    const n = angeschrieben.value.trim().replace(/\./g, '');
    const v = dateValue(von);
    const b = dateValue(bis) || v;
    const file = logo.files?.[0];
    const ext = file ? file.name.slice(file.name.lastIndexOf('.') + 1).toLowerCase() : '';
    return {
      kommune: { name: name.value.replace(/\s*\(\d{8}\)$/, '').trim(), ags: ags.value.trim() },
      ...(titel.value.trim() !== '' && { titel: titel.value.trim() }),
      ...(jahrText !== '' && { berichtsjahr: /^\d+$/.test(jahrText) ? Number(jahrText) : jahrText }),
      ...((v !== '' || modus.value !== '' || n !== '') && {
        befragung: {
          ...(v !== '' && { zeitraum: `${v}/${b}` }),
          ...(n !== '' && { angeschrieben: /^\d+$/.test(n) ? Number(n) : n }),
          ...(modus.value !== '' && { modus: modus.value }),
        },
      }),
      gebiete: areas.map((a) => ({ id: a.id.value.trim(), name: a.name.value.trim() })),
      branding: {
        ...(file && { logo: `logo.${ext}` }),
        primaerfarbe: primaer.value.trim(),
        akzentfarbe: akzent.value.trim(),
      },
      ...(kontakt.value.trim() !== '' && {
        kontakte: [
          { name: kontakt.value.trim(), ...(email.value.trim() !== '' && { email: email.value.trim() }) },
        ],
      }),
    };
  }

  let checkNo = 0;
  /** Sends the draft to the API and shows the messages per field. */
  async function check() {
    const mine = ++checkNo;
    /** @type {any} */
    let result;
    try {
      result = await api('/manifest/pruefen', { method: 'POST', body: { manifest: draft() } });
    } catch (error) {
      replace(status, errorBox(/** @type {Error} */ (error).message));
      return undefined;
    }
    if (mine !== checkNo) return undefined;
    replace(status);
    for (const [path, f] of fields) {
      const own = result.issues.filter((/** @type {any} */ i) => i.field === path);
      const errors = own.filter((/** @type {any} */ i) => i.severity === 'error');
      // aria-invalid belongs on form controls, not on the fieldset of the areas
      if (f.input.tagName !== 'FIELDSET') {
        if (errors.length > 0) f.input.setAttribute('aria-invalid', 'true');
        else f.input.removeAttribute('aria-invalid');
      }
      f.error.hidden = own.length === 0;
      f.error.textContent = own.map((/** @type {any} */ i) => shortMessage(i.message)).join(' ');
    }
    if (result.gemeinde)
      kreisInfo.textContent = `${result.gemeinde.name}, Kreis ${result.gemeinde.kreis} (${result.gemeinde.kreisSchluessel})`;
    else kreisInfo.textContent = '';
    return result;
  }
  /** @type {number | undefined} */
  let timer;
  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(() => void check(), 350);
  }

  /** @param {SubmitEvent} e */
  async function submit(e) {
    e.preventDefault();
    window.clearTimeout(timer);
    replace(summary);
    const idText = analysisId.value.trim();
    const result = await check();
    if (!result) return;
    /** @type {{ href: string, text: string }[]} */
    const problems = result.issues
      .filter((/** @type {any} */ i) => i.severity === 'error')
      .map((/** @type {any} */ i) => {
        const f = fields.get(i.field ?? '');
        return {
          href: `#${f?.input.id ?? 'gebiete'}`,
          text: `${f?.label ?? 'Angaben'}: ${shortMessage(i.message)}`,
        };
      });
    if (idText !== '' && !ID_PATTERN.test(idText)) {
      analysisId.setAttribute('aria-invalid', 'true');
      problems.unshift({
        href: '#neu-analyse-id',
        text: 'Analyse-ID: höchstens 64 Buchstaben, Ziffern, Punkte, Binde- und Unterstriche, am Anfang ein Buchstabe oder eine Ziffer.',
      });
    } else analysisId.removeAttribute('aria-invalid');
    if (problems.length > 0) {
      replace(
        summary,
        h(
          'div',
          { class: 'meldung fehler', role: 'alert' },
          h(
            'h2',
            { id: 'h-fehler' },
            problems.length === 1
              ? 'Bitte 1 Angabe korrigieren'
              : `Bitte ${problems.length} Angaben korrigieren`,
          ),
          h(
            'ul',
            {},
            ...problems.map((p) =>
              h(
                'li',
                {},
                h(
                  'a',
                  {
                    href: p.href,
                    onclick: (/** @type {MouseEvent} */ ev) => {
                      ev.preventDefault();
                      /** @type {HTMLElement | null} */ (root.querySelector(p.href))?.focus();
                    },
                  },
                  p.text,
                ),
              ),
            ),
          ),
        ),
      );
      summary.focus();
      return;
    }
    const manifest = draft();
    try {
      const created = await api('/analyses', {
        method: 'POST',
        body:
          idText === '' ? { ags: manifest.kommune.ags } : { ags: manifest.kommune.ags, analysisId: idText },
      });
      sessionStorage.setItem(draftKey(created.ags, created.analysisId), JSON.stringify(manifest));
      const file = logo.files?.[0];
      if (file) chosenLogos.set(draftKey(created.ags, created.analysisId), file);
      announce(`Analyse ${created.analysisId} angelegt. Nächster Schritt: Dateien hochladen.`);
      location.hash = `#/zuordnung/${created.ags}/${encodeURIComponent(created.analysisId)}`;
    } catch (error) {
      replace(status, errorBox(/** @type {Error} */ (error).message));
    }
  }

  name.addEventListener('input', () => {
    const m = /\((\d{8})\)$/.exec(name.value);
    const hit = m
      ? gemeinden.find((g) => g.ags === m[1])
      : gemeinden.find((g) => plainName(g.name) === name.value.trim());
    if (hit && who.kind !== 'municipality') {
      ags.value = hit.ags;
      name.value = plainName(hit.name);
    }
    schedule();
  });

  const form = h(
    'form',
    { id: 'neu-form', novalidate: true, onsubmit: submit, oninput: schedule, onchange: schedule },
    h(
      'fieldset',
      {},
      h('legend', {}, 'Kommune'),
      field(
        'kommune.name',
        'Name der Kommune',
        name,
        who.kind === 'municipality' ? undefined : 'Aus der Liste wählen oder eintippen.',
      ),
      datalist,
      field(
        'kommune.ags',
        'Amtlicher Gemeindeschlüssel (AGS)',
        ags,
        who.kind === 'municipality'
          ? 'Der Schlüssel Ihrer Anmeldung.'
          : '8 Ziffern, wird bei Auswahl aus der Liste eingetragen.',
      ),
      kreisInfo,
    ),
    field(
      'analysisId',
      'Analyse-ID (freiwillig)',
      analysisId,
      'Zum Beispiel „befragung-2026“. Leer lassen: Das Portal vergibt eine ID.',
    ),
    field(
      'titel',
      'Titel des Berichts (freiwillig)',
      titel,
      'Leer lassen für „Sicherheitsanalyse <Kommune> <Jahr>“.',
    ),
    field('berichtsjahr', 'Berichtsjahr', jahr, 'Das Jahr der Kriminalstatistik, z. B. 2025.'),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Befragung'),
      h(
        'div',
        { class: 'feld-reihe' },
        field('befragung.zeitraum', 'Befragung von', von),
        field('befragung.zeitraum.bis', 'Befragung bis', bis),
      ),
      field('befragung.modus', 'Art der Befragung', modus),
      field(
        'befragung.angeschrieben',
        'Angeschriebene Personen (freiwillig)',
        angeschrieben,
        'Nur damit wird die Rücklaufquote berechnet.',
      ),
    ),
    areasFieldset,
    h(
      'fieldset',
      {},
      h('legend', {}, 'Gestaltung'),
      field('branding.primaerfarbe', 'Primärfarbe', primaer, 'Im Format #RRGGBB, z. B. #005CA9.'),
      field('branding.akzentfarbe', 'Akzentfarbe', akzent, 'Im Format #RRGGBB, z. B. #E8A33D.'),
      field('branding.logo', 'Logo (freiwillig, SVG oder PNG)', logo),
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, 'Kontakt für Rückfragen (freiwillig)'),
      field('kontakte[1].name', 'Name oder Stelle', kontakt),
      field('kontakte[1].email', 'E-Mail', email),
    ),
    h('div', { class: 'knoepfe' }, h('button', { type: 'submit' }, 'Analyse anlegen und weiter')),
  );
  fields.set('gebiete', { input: areasFieldset, error: areasError, label: 'Gebiete' });

  replace(
    root,
    h('h1', {}, 'Neue Analyse'),
    h(
      'p',
      {},
      'Die Angaben werden beim Tippen geprüft. Danach laden Sie die Dateien hoch, ordnen die Spalten der Befragung zu und starten die Analyse.',
    ),
    summary,
    status,
    form,
    quelle ? h('p', { class: 'hilfe' }, quelle) : null,
    questionnaireSection(() => draft().gebiete.filter((a) => a.id !== '' && a.name !== '')),
  );
  addArea(false);
  void check();
}

/**
 * The standard questionnaire: the printable PDF (a static file of the portal, written by
 * `sia fragebogen`) and the LimeSurvey structure with the areas typed in above (from the API).
 * @param {() => { id: string, name: string }[]} areas
 */
function questionnaireSection(areas) {
  const status = h('div', { id: 'fragebogen-status' });
  const download = async () => {
    replace(status);
    try {
      const res = await fetch(`${apiBaseUrl()}/fragebogen/lss`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${getToken() ?? ''}` },
        body: JSON.stringify(areas().length > 0 ? { gebiete: areas() } : {}),
      });
      if (!res.ok) throw new Error(`Der Fragebogen konnte nicht erstellt werden (HTTP ${res.status}).`);
      const url = URL.createObjectURL(await res.blob());
      const a = h('a', { href: url, download: 'fragebogen.lss', hidden: true });
      document.body.append(a);
      a.click();
      a.remove();
      window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
      announce('fragebogen.lss wird heruntergeladen.');
    } catch (error) {
      replace(status, errorBox(/** @type {Error} */ (error).message));
    }
  };
  return h(
    'section',
    { 'aria-labelledby': 'h-fragebogen' },
    h('h2', { id: 'h-fragebogen' }, 'Standardfragebogen'),
    h(
      'p',
      {},
      'Mit dem Standardfragebogen kommen die Daten ohne Nacharbeit an: Auf Papier tragen die kleinen Codes die Spaltennamen für die Dateneingabe; eine in LimeSurvey importierte Umfrage wird beim Hochladen ohne Zuordnung gelesen.',
    ),
    h(
      'ul',
      {},
      h(
        'li',
        {},
        h(
          'a',
          {
            href: 'fragebogen/standardfragebogen.pdf',
            download: 'standardfragebogen.pdf',
            id: 'fragebogen-pdf',
          },
          'Fragebogen zum Ausdrucken (PDF) herunterladen',
        ),
      ),
      h(
        'li',
        {},
        h(
          'button',
          { type: 'button', class: 'zweitrangig', id: 'fragebogen-lss', onclick: () => void download() },
          'Fragebogen für LimeSurvey (.lss) herunterladen – mit den oben eingetragenen Gebieten',
        ),
      ),
    ),
    status,
  );
}

/** `Chemnitz, Stadt` → `Chemnitz` @param {string} name */
function plainName(name) {
  return name.replace(/,\s*Stadt$/, '');
}

/** The message without its location prefix (`analyse.json, Feld „x“: `). @param {string} message */
function shortMessage(message) {
  return message.replace(/^analyse\.json(?:, Feld „[^“]*“)?: /, '');
}
