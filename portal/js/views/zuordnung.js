/**
 * "Dateien und Zuordnung" of one analysis: upload the data files (the survey as CSV, XLSX, an SPSS
 * .sav or a LimeSurvey export; population; crime; more), then the mapping assistant on the survey:
 * per column the proposed standard code with its confidence, sample values and what they become,
 * a choice to confirm or correct; saving writes befragung-zuordnung.json with the upload (and as
 * the municipality's starting point next time). Last, "Analyse starten" uploads the analyse.json
 * from the "Neue Analyse" form, which starts the report.
 */
import { analysisPath, api } from '../api.js';
import { announce, errorBox, formatNumber, h, replace } from '../dom.js';
import { contentTypeOf, uploadName } from '../files.js';
import { putFile } from '../upload.js';
import { chosenLogos, draftKey, loadDraft } from './neue-analyse.js';

const SAV_TYPE = 'application/octet-stream';

/**
 * The name a data file is uploaded under for a slot (`befragung`, `bevoelkerung`, `kriminalitaet`).
 * @param {string} slot @param {File} file
 */
function slotName(slot, file) {
  const ext = file.name.slice(file.name.lastIndexOf('.') + 1).toLowerCase();
  if (slot === 'befragung' && (ext === 'sav' || ext === 'zsav')) return `befragung.${ext}`;
  return ext === 'csv' || ext === 'xlsx' ? `${slot}.${ext}` : undefined;
}

/**
 * Uploads files through presigned URLs (the API checks names, types and sizes again).
 * @param {string} ags @param {string} id @param {{ name: string, file: Blob, contentType: string }[]} files
 * @param {(text: string) => void} progress
 */
async function uploadFiles(ags, id, files, progress) {
  const { files: urls } = await api(`${analysisPath(ags, id)}/upload-urls`, {
    method: 'POST',
    body: { files: files.map((f) => ({ name: f.name, size: f.file.size, contentType: f.contentType })) },
  });
  for (const u of urls) {
    const f = files.find((x) => x.name === u.name);
    if (!f) continue;
    await putFile(u.url, f.file, f.contentType, (loaded, total) =>
      progress(`${f.name}: ${formatNumber(Math.round((loaded / Math.max(total, 1)) * 100))} %`),
    );
  }
}

/**
 * @param {HTMLElement} root
 * @param {{ ags: string, id: string }} options
 */
export async function renderZuordnung(root, { ags, id }) {
  const draft = loadDraft(ags, id);
  const uploadStatus = h('div', { id: 'hochladen-status', 'aria-live': 'polite' });
  const proposalBox = h('div', { id: 'vorschlag' });
  const startBox = h('div', { id: 'start-status' });

  /** @type {Record<string, HTMLInputElement>} */
  const inputs = {};
  /** @param {string} slot @param {string} label @param {string} accept @param {string} help */
  const fileField = (slot, label, accept, help) => {
    const input = /** @type {HTMLInputElement} */ (
      h('input', { id: `datei-${slot}`, type: 'file', accept, 'aria-describedby': `datei-${slot}-hilfe` })
    );
    inputs[slot] = input;
    return h(
      'div',
      { class: 'feld' },
      h('label', { for: input.id }, label),
      h('p', { class: 'hilfe', id: `datei-${slot}-hilfe` }, help),
      input,
    );
  };
  const more = /** @type {HTMLInputElement} */ (
    h('input', {
      id: 'datei-weitere',
      type: 'file',
      multiple: true,
      'aria-describedby': 'datei-weitere-hilfe',
    })
  );

  /** @param {SubmitEvent} e */
  async function upload(e) {
    e.preventDefault();
    replace(uploadStatus);
    /** @type {{ name: string, file: Blob, contentType: string }[]} */
    const files = [];
    /** @type {string[]} */
    const refused = [];
    for (const slot of ['befragung', 'bevoelkerung', 'kriminalitaet']) {
      const file = inputs[slot]?.files?.[0];
      if (!file) continue;
      const name = slotName(slot, file);
      if (!name) refused.push(file.name);
      else files.push({ name, file, contentType: name.endsWith('sav') ? SAV_TYPE : contentTypeOf(name) });
    }
    for (const file of more.files ?? []) {
      const name = uploadName(file.name);
      if (!name || name === 'analyse.json') refused.push(file.name);
      else files.push({ name, file, contentType: contentTypeOf(name) });
    }
    if (refused.length > 0) {
      replace(
        uploadStatus,
        errorBox(
          `Nicht hochgeladen: ${refused.join(', ')}. Erwartet: CSV oder XLSX (die Befragung auch SPSS .sav); weitere Dateien mit ihrem Standardnamen, z. B. pks-kreise-2025.csv.`,
        ),
      );
      if (files.length === 0) return;
    }
    if (files.length === 0) {
      replace(uploadStatus, errorBox('Bitte mindestens eine Datei auswählen.'));
      return;
    }
    try {
      await uploadFiles(ags, id, files, (t) => (uploadStatus.textContent = t));
      replace(
        uploadStatus,
        h(
          'div',
          { class: 'meldung ok', role: 'status' },
          `Hochgeladen: ${files.map((f) => f.name).join(', ')}.`,
        ),
      );
      announce(`${files.length} Dateien hochgeladen.`);
      if (files.some((f) => f.name.startsWith('befragung.'))) await loadProposal();
    } catch (error) {
      replace(uploadStatus, errorBox(/** @type {Error} */ (error).message));
    }
  }

  /** Loads the proposal and shows one row per column with a choice. */
  async function loadProposal() {
    replace(proposalBox, h('p', {}, 'Vorschlag wird berechnet …'));
    /** @type {any} */
    let p;
    try {
      p = await api(`${analysisPath(ags, id)}/zuordnung/vorschlag`, {
        method: 'POST',
        body: draft?.gebiete?.length ? { gebiete: draft.gebiete } : {},
      });
    } catch (error) {
      replace(proposalBox, errorBox(/** @type {Error} */ (error).message));
      return;
    }
    /** @type {{ column: string, select: HTMLSelectElement, proposal: any }[]} */
    const rows = [];
    const tbody = h('tbody');
    p.spalten.forEach((/** @type {any} */ c, /** @type {number} */ i) => {
      const selectId = `ziel-${i}`;
      const preselect = c.ignore ? '#ignorieren' : c.target && c.confidence >= p.schwelle ? c.target : '';
      const select = /** @type {HTMLSelectElement} */ (
        h(
          'select',
          { id: selectId, 'aria-describedby': `vorschlag-${i}` },
          h('option', { value: '' }, '– nicht zuordnen –'),
          h('option', { value: '#ignorieren' }, 'ignorieren (nicht auswerten)'),
          ...p.ziele.map((/** @type {any} */ z) =>
            h('option', { value: z.code }, `${z.code} – ${z.titel.replace(/ \(.*\)$/, '')}`),
          ),
        )
      );
      select.value = preselect;
      const percent = `${formatNumber(Math.round(c.confidence * 100))} %`;
      const hint = c.ignore
        ? `Vorschlag: ignorieren (${c.reason}).`
        : c.target
          ? `Vorschlag: ${c.target}, Übereinstimmung ${percent}${c.confidence < p.schwelle ? ' – bitte prüfen' : ''}. ${c.reason}.`
          : `Kein Vorschlag: ${c.reason}.`;
      const samples = c.ignore
        ? h('span', {}, '–')
        : h(
            'ul',
            { class: 'werte' },
            ...c.values
              .slice(0, 5)
              .map((/** @type {any} */ v) =>
                h(
                  'li',
                  {},
                  `„${v.value}“ (${formatNumber(v.count)}×) → ${v.meaning}${v.ok ? '' : ' (nicht erlaubt)'}`,
                ),
              ),
          );
      tbody.append(
        h(
          'tr',
          {},
          h(
            'th',
            { scope: 'row' },
            h('label', { for: selectId }, c.column),
            c.label ? h('p', { class: 'hilfe' }, c.label) : null,
          ),
          h('td', {}, samples),
          h('td', {}, select, h('p', { class: 'hilfe', id: `vorschlag-${i}` }, hint)),
        ),
      );
      rows.push({ column: c.column, select, proposal: c });
    });
    const saveStatus = h('div', { id: 'zuordnung-status' });
    /** @param {SubmitEvent} e */
    const save = async (e) => {
      e.preventDefault();
      /** @type {Record<string, string>} */
      const spalten = {};
      /** @type {Record<string, Record<string, unknown>>} */
      const werte = {};
      /** @type {string[]} */
      const ignorieren = [];
      /** @type {string[]} */
      const offen = [];
      for (const r of rows) {
        const v = r.select.value;
        if (v === '#ignorieren') ignorieren.push(r.column);
        else if (v === '') offen.push(r.column);
        else {
          if (r.column !== v) spalten[r.column] = v;
          // the proposed recoding only fits the proposed target
          if (v === r.proposal.target && Object.keys(r.proposal.recode).length > 0)
            werte[v] = r.proposal.recode;
        }
      }
      const mapping = {
        ...(Object.keys(spalten).length > 0 && { spalten }),
        ...(Object.keys(werte).length > 0 && { werte }),
        ...(ignorieren.length > 0 && { ignorieren }),
        ...(p.zusatzfragen.length > 0 && { zusatzfragen: p.zusatzfragen }),
      };
      try {
        await api(`${analysisPath(ags, id)}/zuordnung`, { method: 'PUT', body: mapping });
        replace(
          saveStatus,
          h(
            'div',
            { class: 'meldung ok', role: 'status' },
            h(
              'p',
              {},
              'befragung-zuordnung.json gespeichert. Die nächste Analyse Ihrer Kommune beginnt mit dieser Zuordnung.',
            ),
            offen.length > 0
              ? h(
                  'p',
                  {},
                  `Nicht zugeordnet (werden als unbekannte Spalten gemeldet): ${offen.map((o) => `„${o}“`).join(', ')}.`,
                )
              : null,
          ),
        );
        announce('Zuordnung gespeichert.');
      } catch (error) {
        replace(saveStatus, errorBox(/** @type {Error} */ (error).message));
      }
    };
    replace(
      proposalBox,
      h(
        'p',
        {},
        `${p.datei}: ${formatNumber(p.zeilen)} Zeilen, ${formatNumber(p.spalten.length)} Spalten. `,
        p.ausgangspunkt === 'saved'
          ? 'Ausgangspunkt ist die zuletzt gespeicherte Zuordnung Ihrer Kommune. '
          : '',
        `Vorschläge ab ${formatNumber(Math.round(p.schwelle * 100))} % Übereinstimmung sind vorausgewählt.`,
      ),
      p.nichtZugeordnet.length > 0
        ? h(
            'div',
            { class: 'meldung warnung', id: 'nicht-zugeordnet' },
            `Ohne Vorschlag: ${p.nichtZugeordnet.map((/** @type {string} */ n) => `„${n}“`).join(', ')}. Bitte selbst zuordnen oder ignorieren.`,
          )
        : null,
      h(
        'form',
        { id: 'zuordnung-form', onsubmit: save },
        h(
          'div',
          { class: 'tabelle' },
          h(
            'table',
            { id: 'zuordnung-tabelle' },
            h('caption', {}, 'Spalten der Befragung und ihre Zuordnung'),
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { scope: 'col' }, 'Spalte'),
                h('th', { scope: 'col' }, 'Werte (Beispiele) → werden zu'),
                h('th', { scope: 'col' }, 'Zuordnung'),
              ),
            ),
            tbody,
          ),
        ),
        saveStatus,
        h('div', { class: 'knoepfe' }, h('button', { type: 'submit' }, 'Zuordnung speichern')),
      ),
    );
  }

  /** Uploads the logo (if one was chosen) and analyse.json last: that starts the analysis. */
  async function start() {
    replace(startBox, h('p', {}, 'analyse.json wird hochgeladen …'));
    const key = draftKey(ags, id);
    /** @type {{ name: string, file: Blob, contentType: string }[]} */
    const files = [];
    const logo = chosenLogos.get(key);
    if (logo && draft.branding?.logo)
      files.push({ name: draft.branding.logo, file: logo, contentType: contentTypeOf(draft.branding.logo) });
    const json = new Blob([`${JSON.stringify(draft, null, 2)}\n`], { type: 'application/json' });
    files.push({ name: 'analyse.json', file: json, contentType: 'application/json' });
    try {
      await uploadFiles(ags, id, files, (t) => (startBox.textContent = t));
      sessionStorage.removeItem(key);
      announce('Die Analyse wurde gestartet.');
      location.hash = `#/analyse/${ags}/${encodeURIComponent(id)}`;
    } catch (error) {
      replace(startBox, errorBox(/** @type {Error} */ (error).message));
    }
  }

  replace(
    root,
    h('h1', {}, `Dateien und Zuordnung – Analyse ${id}`),
    h(
      'section',
      { 'aria-labelledby': 'h-dateien' },
      h('h2', { id: 'h-dateien' }, '1. Dateien hochladen'),
      h(
        'form',
        { id: 'dateien-form', onsubmit: upload },
        fileField(
          'befragung',
          'Befragung',
          '.csv,.xlsx,.sav,.zsav',
          'CSV oder XLSX (auch der LimeSurvey-Export „results-survey…“) oder eine SPSS-Datei (.sav).',
        ),
        fileField(
          'bevoelkerung',
          'Bevölkerung',
          '.csv,.xlsx',
          'CSV oder XLSX je Gebiet, Geschlecht und Altersgruppe.',
        ),
        fileField(
          'kriminalitaet',
          'Kriminalität (PKS der Kommune)',
          '.csv,.xlsx',
          'CSV oder XLSX je Jahr, Gebiet und Schlüssel.',
        ),
        h(
          'div',
          { class: 'feld' },
          h('label', { for: 'datei-weitere' }, 'Weitere Dateien (freiwillig)'),
          h(
            'p',
            { class: 'hilfe', id: 'datei-weitere-hilfe' },
            'Mit ihrem Standardnamen, z. B. pks-kreise-2025.csv, pmk.csv, gebietsprofil.xlsx.',
          ),
          more,
        ),
        h('div', { class: 'knoepfe' }, h('button', { type: 'submit' }, 'Hochladen')),
      ),
      uploadStatus,
    ),
    h(
      'section',
      { 'aria-labelledby': 'h-zuordnung' },
      h('h2', { id: 'h-zuordnung' }, '2. Spalten der Befragung zuordnen'),
      h(
        'p',
        {},
        'Für jede Spalte wird der passende Standardcode vorgeschlagen. Prüfen Sie die Vorschläge und die Beispielwerte; was keinem Code entspricht, wird nicht erraten.',
      ),
      h(
        'button',
        { type: 'button', class: 'zweitrangig', id: 'vorschlag-laden', onclick: () => void loadProposal() },
        'Vorschlag für die hochgeladene Befragung laden',
      ),
      proposalBox,
    ),
    h(
      'section',
      { 'aria-labelledby': 'h-start' },
      h('h2', { id: 'h-start' }, '3. Analyse starten'),
      draft
        ? h(
            'div',
            {},
            h(
              'p',
              {},
              `analyse.json aus „Neue Analyse“: ${draft.kommune.name}, Berichtsjahr ${draft.berichtsjahr}, ${draft.gebiete.length} Gebiete.`,
            ),
            h(
              'button',
              { type: 'button', id: 'analyse-starten', onclick: () => void start() },
              'Analyse starten',
            ),
          )
        : h(
            'p',
            {},
            'Für diese Analyse liegt hier kein Formular vor. Legen Sie analyse.json über ',
            h('a', { href: '#/neu' }, 'Neue Analyse'),
            ' an oder laden Sie sie auf der ',
            h('a', { href: `#/analyse/${ags}/${encodeURIComponent(id)}` }, 'Seite der Analyse'),
            ' hoch.',
          ),
      startBox,
    ),
  );
}
