/**
 * The upload on the analysis page: which files are needed, the files already in the current upload
 * (with „Entfernen“ while the upload is still open), drag and drop or the file input, one progress
 * bar per file, straight to S3 (presigned URLs), analyse.json last – it starts the analysis.
 */
import { analysisPath, api } from '../api.js';
import {
  announce,
  errorBox,
  formatBytes,
  formatDateTime,
  h,
  plural,
  replace,
  srOnly,
  table,
} from '../dom.js';
import { filesFromDrop, MANIFEST, planUpload } from '../files.js';
import { missingRequired } from '../state.js';
import { putFile } from '../upload.js';

/**
 * @typedef {object} UploadHooks
 * @property {() => void} onStart  the transfer begins
 * @property {(startsAnalysis: boolean) => void} onUploaded  every file arrived; analyse.json among them?
 * @property {() => void} onFailed  the transfer stopped with an error
 */

/**
 * @param {{ ags: string, id: string } & UploadHooks} options
 * @returns {{ section: HTMLElement, refreshSet: () => Promise<void>, reset: () => void }}
 */
export function uploadSection({ ags, id, onStart, onUploaded, onFailed }) {
  const path = analysisPath(ags, id);
  const feedback = h('div', { id: 'upload-meldung' });
  const listBox = h('div', { id: 'upload-dateien' });
  const setBox = h('div', { id: 'upload-satz', hidden: true });
  /** @type {import('../files.js').PlannedFile[]} */
  let planned = [];
  /** Names already in the open upload (GET …/upload-set). */
  /** @type {string[]} */
  let inSet = [];

  const startButton = /** @type {HTMLButtonElement} */ (
    h('button', { type: 'button', id: 'hochladen', disabled: true }, 'Dateien hochladen')
  );
  const input = /** @type {HTMLInputElement} */ (
    h('input', {
      id: 'datei-auswahl',
      type: 'file',
      multiple: true,
      accept: '.csv,.xlsx,.json,.png,.svg',
      'aria-describedby': 'upload-hilfe',
    })
  );

  /** The current upload's files, where the API offers them (issue 14: upload sets). */
  async function refreshSet() {
    /** @type {any} */
    let set;
    try {
      set = await api(`${path}/upload-set`);
    } catch {
      setBox.hidden = true;
      inSet = [];
      return;
    }
    const open = set.state === 'open';
    // Only the files of an open set count for the next analysis (a submitted set is done).
    inSet = open ? set.files.map((/** @type {any} */ f) => f.name) : [];
    if (set.files.length === 0) {
      setBox.hidden = true;
      return;
    }
    replace(
      setBox,
      h('h3', {}, open ? 'Bereits hochgeladen (noch nicht ausgewertet)' : 'Dateien des letzten Uploads'),
      table(
        open ? 'Dateien im aktuellen Upload' : 'Dateien des ausgewerteten Uploads',
        open ? ['Datei', 'Größe', 'Hochgeladen', 'Aktion'] : ['Datei', 'Größe', 'Hochgeladen'],
        set.files.map((/** @type {any} */ f) => [
          f.name,
          formatBytes(f.size),
          formatDateTime(f.uploadedAt),
          ...(open ? [removeButton(f.name)] : []),
        ]),
        { id: 'upload-satz-tabelle' },
      ),
      open
        ? h(
            'p',
            { class: 'hilfe' },
            missingText(missingRequired(inSet)) ||
              'Alle Pflichtdateien sind da; die Auswertung startet mit analyse.json.',
          )
        : false,
    );
    setBox.hidden = false;
  }

  /** @param {string} name */
  function removeButton(name) {
    return h(
      'button',
      {
        type: 'button',
        class: 'gefahr',
        id: `entfernen-${name.replace(/[^a-z0-9]/gi, '-')}`,
        onclick: async () => {
          replace(feedback);
          try {
            await api(`${path}/upload-set/files/${encodeURIComponent(name)}`, { method: 'DELETE' });
            announce(`${name} wurde entfernt.`);
            feedback.append(h('p', { class: 'meldung ok' }, `${name} wurde aus dem Upload entfernt.`));
          } catch (error) {
            const e = /** @type {import('../api.js').ApiError} */ (error);
            feedback.append(
              errorBox(
                e.status === 409
                  ? 'Dieser Upload wird schon ausgewertet; einzelne Dateien lassen sich nicht mehr entfernen. Laden Sie die korrigierten Dateien einfach erneut hoch.'
                  : e.message,
              ),
            );
          }
          await refreshSet();
        },
      },
      'Entfernen',
      srOnly(`: ${name}`),
    );
  }

  /** @param {string[]} missing */
  function missingText(missing) {
    return missing.length === 0
      ? ''
      : `Es fehlen noch Pflichtdateien: ${missing.join(', ')}.${missing.includes(MANIFEST) ? ' Die Auswertung startet erst, wenn analyse.json hochgeladen ist.' : ''}`;
  }

  /** @param {File[]} files */
  function select(files) {
    const plan = planUpload(files);
    planned = plan.upload;
    replace(feedback);
    const names = planned.map((p) => p.name);
    const hasManifest = names.includes(MANIFEST);
    if (plan.skipped.length > 0)
      feedback.append(
        h(
          'div',
          { class: 'meldung warnung' },
          `Nicht hochgeladen (kein vorgesehener Dateiname oder leer): ${plan.skipped.join(', ')}.`,
        ),
      );
    const missing = missingRequired([...names, ...inSet]).filter((m) => m !== MANIFEST || !hasManifest);
    if (planned.length > 0 && missing.length > 0)
      feedback.append(
        h(
          'div',
          { class: 'meldung warnung' },
          hasManifest
            ? `Es fehlen Pflichtdateien: ${missing.join(', ')}. Mit analyse.json startet die Auswertung trotzdem und endet dann als ungültig – bitte die fehlenden Dateien mit auswählen.`
            : `${missingText(missing)} Sie können die übrigen Dateien jetzt hochladen und analyse.json später nachreichen.`,
        ),
      );
    replace(
      listBox,
      planned.length === 0
        ? h('p', {}, 'Keine passenden Dateien ausgewählt.')
        : h(
            'ul',
            { class: 'dateien', 'aria-label': 'Ausgewählte Dateien' },
            ...planned.map((p, i) =>
              h(
                'li',
                {},
                h('label', { for: `fortschritt-${i}` }, `${p.name} (${formatBytes(p.file.size)})`),
                h('progress', { id: `fortschritt-${i}`, max: 100, value: 0, 'data-datei': p.name }),
                h('span', { class: 'fortschritt-text', id: `fortschritt-${i}-text` }, 'bereit'),
              ),
            ),
          ),
    );
    startButton.disabled = planned.length === 0;
    announce(
      `${plural(planned.length, 'Datei', 'Dateien')} ausgewählt${hasManifest || planned.length === 0 ? '' : ', analyse.json fehlt noch'}.`,
    );
  }

  input.addEventListener('change', () => select([...(input.files ?? [])]));

  startButton.addEventListener('click', async () => {
    startButton.disabled = true;
    input.disabled = true;
    replace(feedback);
    const startsAnalysis = planned.some((p) => p.name === MANIFEST);
    onStart();
    try {
      const res = await api(`${path}/upload-urls`, {
        method: 'POST',
        body: {
          files: planned.map((p) => ({ name: p.name, size: p.file.size, contentType: p.contentType })),
        },
      });
      announce('Hochladen gestartet.');
      // In the order the API gives (analyse.json last), one after the other.
      for (const target of res.files) {
        const i = planned.findIndex((p) => p.name === target.name);
        const p = planned[i];
        if (!p) continue;
        const bar = /** @type {HTMLProgressElement} */ (document.getElementById(`fortschritt-${i}`));
        const label = /** @type {HTMLElement} */ (document.getElementById(`fortschritt-${i}-text`));
        await putFile(
          target.url,
          p.file,
          target.headers['Content-Type'] ?? p.contentType,
          (loaded, total) => {
            const pct = total > 0 ? Math.round((loaded / total) * 100) : 100;
            bar.value = pct;
            label.textContent = `${pct} %`;
          },
        );
        label.textContent = 'fertig';
      }
      const done = startsAnalysis
        ? 'Alle Dateien sind übertragen.'
        : `${plural(planned.length, 'Datei ist', 'Dateien sind')} gespeichert. Die Auswertung startet, sobald analyse.json hochgeladen ist.`;
      feedback.append(h('p', { class: 'meldung ok' }, done));
      announce(done);
      planned = [];
      onUploaded(startsAnalysis);
      await refreshSet();
    } catch (error) {
      feedback.append(errorBox(/** @type {Error} */ (error).message));
      onFailed();
    } finally {
      input.disabled = false;
      input.value = '';
      startButton.disabled = true;
    }
  });

  const zone = h(
    'div',
    { class: 'ablage', id: 'ablage' },
    h('p', {}, h('strong', {}, 'Dateien oder den ganzen Ordner hierher ziehen')),
    h('p', {}, 'oder'),
    h('div', { class: 'feld' }, h('label', { for: 'datei-auswahl' }, 'Dateien auswählen'), input),
  );
  zone.addEventListener('dragover', (e) => {
    e.preventDefault();
    zone.classList.add('aktiv');
  });
  zone.addEventListener('dragleave', () => zone.classList.remove('aktiv'));
  zone.addEventListener('drop', async (e) => {
    e.preventDefault();
    zone.classList.remove('aktiv');
    if (e.dataTransfer) select(await filesFromDrop(e.dataTransfer));
  });

  const section = h(
    'section',
    { 'aria-labelledby': 'h-upload', id: 'upload' },
    h('h2', { id: 'h-upload' }, 'Dateien hochladen'),
    h(
      'p',
      { id: 'upload-hilfe', class: 'hilfe' },
      'Pflicht: analyse.json, befragung, bevoelkerung und kriminalitaet (je .csv oder .xlsx); freiwillig: pks-kreise-<Jahr>, pmk, gebietsprofil, ordnungswidrigkeiten, Logo. Am einfachsten den ganzen Ordner auf einmal. analyse.json wird zuletzt übertragen; erst sie startet die Auswertung.',
    ),
    h(
      'p',
      { class: 'hilfe' },
      h('a', { href: '#/hilfe' }, 'Welche Dateien, leere Vorlagen und Beispieldaten'),
      ' · Befragung mit einem anderen Programm erfasst (z. B. LimeSurvey)? ',
      h(
        'a',
        { href: `#/analyse/${ags}/${encodeURIComponent(id)}/zuordnung`, id: 'zuordnung-link' },
        'Fragen zuordnen',
      ),
    ),
    setBox,
    zone,
    feedback,
    listBox,
    h('div', { class: 'knoepfe' }, startButton),
  );
  /** The transfer's bars and notes, once the result of the upload is on the page. */
  function reset() {
    if (planned.length > 0) return;
    replace(feedback);
    replace(listBox);
  }

  return { section, refreshSet, reset };
}
