/**
 * One analysis: live status, upload (drag and drop or file input, straight to S3, analyse.json last,
 * a progress bar per file), the validation report inline when the upload is invalid, downloads of
 * the current report version, the versions with comparison, and (LPR) regeneration.
 */
import { analysisPath, api, downloadUrl } from '../api.js';
import { validationCsv } from '../csv.js';
import { announce, errorBox, formatBytes, formatDateTime, h, replace, table } from '../dom.js';
import { filesFromDrop, planUpload } from '../files.js';
import { putFile } from '../upload.js';

/** Statuses in which the worker is still busy. */
const ACTIVE = new Set(['received', 'validating', 'analysing', 'rendering']);
const FINAL = new Set(['ready', 'invalid', 'failed']);
export const POLL_MS = 1000;

/** German texts, in case the API sends none. */
/** @type {Record<string, string>} */
const STATUS_TEXT = {
  waiting: 'wartet auf Dateien',
  received: 'empfangen',
  validating: 'wird geprüft',
  analysing: 'wird ausgewertet',
  rendering: 'Bericht wird erstellt',
  ready: 'fertig',
  invalid: 'ungültig',
  failed: 'fehlgeschlagen',
};

/**
 * @param {HTMLElement} root
 * @param {{ ags: string, id: string, who: import('../session.js').Principal, alive: () => boolean }} options
 */
export async function renderAnalysis(root, { ags, id, who, alive }) {
  const path = analysisPath(ags, id);
  replace(root, h('h1', {}, `Analyse ${id}`), h('p', {}, 'Wird geladen …'));
  /** @type {any} */
  let status;
  try {
    status = await api(path);
  } catch (error) {
    const e = /** @type {import('../api.js').ApiError} */ (error);
    replace(
      root,
      h(
        'h1',
        {},
        e.status === 403 ? 'Kein Zugriff' : e.status === 404 ? 'Analyse nicht gefunden' : `Analyse ${id}`,
      ),
      h('div', { id: 'verweigert' }, errorBox(e.message)),
      h('p', {}, h('a', { href: '#/' }, 'Zurück zur Übersicht')),
    );
    return;
  }

  const statusBox = h('div', { id: 'status-bereich' });
  const validationBox = h('section', { id: 'pruefbericht', 'aria-labelledby': 'h-pruef', hidden: true });
  const downloadsBox = h('section', { id: 'downloads', 'aria-labelledby': 'h-downloads', hidden: true });
  const versionsBox = h('section', { id: 'versionen', 'aria-labelledby': 'h-versionen' });

  /** Polling state: the job we wait for (after an upload or a regeneration). */
  let waitingFor = /** @type {{ previousJob: string | null, jobId?: string } | undefined} */ (undefined);
  let polling = false;
  /** @type {string | undefined} */
  let lastAnnounced;

  /** @param {any} s */
  function showStatus(s) {
    const text = s.statusText ?? STATUS_TEXT[s.status] ?? s.status;
    const pending = waitingFor !== undefined;
    replace(
      statusBox,
      h(
        'p',
        { class: 'status-zeile' },
        'Status: ',
        h(
          'span',
          {
            id: 'status-text',
            class: `status status-${pending && !ACTIVE.has(s.status) ? 'received' : s.status}`,
            'data-status': pending ? 'pending' : s.status,
          },
          pending && !ACTIVE.has(s.status) ? 'Dateien werden übernommen …' : text,
        ),
      ),
      s.reason ? h('p', { id: 'status-grund' }, s.reason) : false,
      h(
        'dl',
        { class: 'eckdaten' },
        h('dt', {}, 'Kommune'),
        h('dd', {}, s.ags),
        h('dt', {}, 'Aktuelle Berichtsversion'),
        h('dd', {}, s.currentVersion === undefined ? 'noch keine' : String(s.currentVersion)),
        h('dt', {}, 'Letzter Auftrag'),
        h(
          'dd',
          {},
          s.latestJob
            ? `${formatDateTime(s.latestJob.updatedAt)} (${s.jobCount} ${s.jobCount === 1 ? 'Auftrag' : 'Aufträge'} insgesamt)`
            : 'noch keiner',
        ),
      ),
    );
    const key = `${s.latestJob?.jobId ?? ''}:${s.status}:${pending}`;
    if (lastAnnounced !== undefined && key !== lastAnnounced && !pending)
      announce(`Status der Analyse ${id}: ${text}.`);
    lastAnnounced = key;
  }

  /** Loads status and everything that depends on it; keeps polling while work is under way. */
  async function refresh() {
    status = await api(path);
    if (waitingFor) {
      const latest = status.latestJob;
      const arrived =
        latest &&
        (waitingFor.jobId ? latest.jobId === waitingFor.jobId : latest.jobId !== waitingFor.previousJob);
      if (arrived) waitingFor = undefined;
    }
    showStatus(status);
    if (waitingFor === undefined && !ACTIVE.has(status.status)) {
      await Promise.all([showValidation(), showDownloads(), showVersions()]);
    }
  }

  async function poll() {
    if (polling) return;
    polling = true;
    try {
      while (alive()) {
        await refresh();
        if (waitingFor === undefined && (FINAL.has(status.status) || status.status === 'waiting')) break;
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
    } catch (error) {
      if (alive()) statusBox.append(errorBox(/** @type {Error} */ (error).message));
    } finally {
      polling = false;
    }
  }

  async function showValidation() {
    if (status.status !== 'invalid') {
      validationBox.hidden = true;
      return;
    }
    validationBox.hidden = false;
    replace(validationBox, h('h2', { id: 'h-pruef' }, 'Prüfbericht'), h('p', {}, 'Wird geladen …'));
    try {
      const report = await api(`${path}/validation`);
      const errors = report.issues.filter((/** @type {any} */ i) => i.severity === 'error');
      const warnings = report.issues.filter((/** @type {any} */ i) => i.severity !== 'error');
      const csv = new Blob([validationCsv(report)], { type: 'text/csv;charset=utf-8' });
      replace(
        validationBox,
        h('h2', { id: 'h-pruef' }, 'Prüfbericht'),
        h(
          'div',
          { class: 'meldung fehler' },
          h(
            'p',
            {},
            h(
              'strong',
              {},
              `Die Dateien sind nicht gültig: ${report.errorCount} ${report.errorCount === 1 ? 'Fehler' : 'Fehler'}, ${report.warningCount} ${report.warningCount === 1 ? 'Hinweis' : 'Hinweise'}.`,
            ),
          ),
          h(
            'p',
            {},
            'Bitte die genannten Stellen korrigieren und die Dateien erneut hochladen (analyse.json wieder mit auswählen).',
          ),
        ),
        table(
          'Fehler',
          ['Art', 'Datei', 'Zeile', 'Spalte', 'Wert', 'Erwartet', 'Meldung'],
          errors.map(issueRow),
          { id: 'pruef-tabelle' },
        ),
        warnings.length > 0
          ? h(
              'details',
              {},
              h(
                'summary',
                {},
                `${warnings.length} ${warnings.length === 1 ? 'Hinweis' : 'Hinweise'} anzeigen`,
              ),
              table(
                'Hinweise',
                ['Art', 'Datei', 'Zeile', 'Spalte', 'Wert', 'Erwartet', 'Meldung'],
                warnings.map(issueRow),
                { id: 'pruef-hinweise' },
              ),
            )
          : false,
        h(
          'p',
          {},
          h(
            'a',
            { id: 'pruef-csv', href: URL.createObjectURL(csv), download: `pruefbericht-${ags}-${id}.csv` },
            'Prüfbericht als CSV herunterladen',
          ),
        ),
      );
    } catch (error) {
      replace(
        validationBox,
        h('h2', { id: 'h-pruef' }, 'Prüfbericht'),
        errorBox(/** @type {Error} */ (error).message),
      );
    }
  }

  async function showDownloads() {
    const version = status.currentVersion;
    if (version === undefined) {
      downloadsBox.hidden = true;
      return;
    }
    downloadsBox.hidden = false;
    const links = [
      { id: 'download-pdf', file: 'report.pdf', text: `Bericht als PDF (Version ${version})` },
      { id: 'download-tabellen', file: 'tabellen.xlsx', text: 'Tabellen (Excel)' },
      {
        id: 'download-analysis',
        file: 'analysis.json',
        text: 'Auswertung als analysis.json (maschinenlesbar)',
      },
    ].map((d) => presignedLink(d.id, d.text, () => downloadUrl(ags, id, version, d.file)));
    /** @type {(HTMLElement | false)[]} */
    const items = links.map((l) => h('li', {}, l));
    try {
      const report = await api(`${path}/validation`);
      const csv = new Blob([validationCsv(report)], { type: 'text/csv;charset=utf-8' });
      items.push(
        h(
          'li',
          {},
          h(
            'a',
            {
              id: 'download-pruef-csv',
              href: URL.createObjectURL(csv),
              download: `pruefbericht-${ags}-${id}.csv`,
            },
            `Prüfbericht als CSV (${report.warningCount} ${report.warningCount === 1 ? 'Hinweis' : 'Hinweise'})`,
          ),
        ),
      );
    } catch {
      // No validation report: nothing to offer.
    }
    replace(
      downloadsBox,
      h('h2', { id: 'h-downloads' }, 'Herunterladen'),
      h(
        'p',
        {},
        'Die Links gelten einige Minuten; danach werden sie beim Anklicken erneuert. „Tabellen (Excel)“ enthält jede Tabelle des Berichts auf einem eigenen Blatt, mit denselben Werten wie im PDF.',
      ),
      h('ul', {}, ...items),
    );
  }

  async function showVersions() {
    try {
      const { versions } = await api(`${path}/versions`);
      /** @type {HTMLElement[]} */
      const parts = [h('h2', { id: 'h-versionen' }, 'Berichtsversionen')];
      if (versions.length === 0) parts.push(h('p', {}, 'Noch keine Berichtsversion.'));
      else {
        parts.push(
          table(
            'Versionen des Berichts',
            ['Version', 'Erstellt', 'Seiten', 'Aktuell', 'PDF', 'Tabellen'],
            versions.map((/** @type {any} */ v) => [
              String(v.version),
              formatDateTime(v.createdAt),
              v.pages === undefined ? '–' : String(v.pages),
              v.current ? 'ja' : 'nein',
              presignedLink(`version-${v.version}-pdf`, `PDF der Version ${v.version}`, () =>
                downloadUrl(ags, id, v.version, 'report.pdf'),
              ),
              presignedLink(
                `version-${v.version}-tabellen`,
                `Tabellen (Excel) der Version ${v.version}`,
                () => downloadUrl(ags, id, v.version, 'tabellen.xlsx'),
              ),
            ]),
            { id: 'versionen-tabelle' },
          ),
        );
        if (versions.length >= 2) parts.push(compareForm(versions.map((/** @type {any} */ v) => v.version)));
      }
      if (who.kind === 'lpr') parts.push(regenerateControl());
      replace(versionsBox, ...parts);
    } catch (error) {
      replace(
        versionsBox,
        h('h2', { id: 'h-versionen' }, 'Berichtsversionen'),
        errorBox(/** @type {Error} */ (error).message),
      );
    }
  }

  /** @param {number[]} numbers */
  function compareForm(numbers) {
    const sorted = [...numbers].sort((a, b) => a - b);
    const from = /** @type {HTMLSelectElement} */ (
      h(
        'select',
        { id: 'vergleich-von' },
        ...sorted.map((n) => h('option', { value: n, selected: n === sorted.at(-2) }, `Version ${n}`)),
      )
    );
    const to = /** @type {HTMLSelectElement} */ (
      h(
        'select',
        { id: 'vergleich-bis' },
        ...sorted.map((n) => h('option', { value: n, selected: n === sorted.at(-1) }, `Version ${n}`)),
      )
    );
    const feedback = h('div');
    return h(
      'form',
      {
        id: 'vergleich-form',
        onsubmit: (/** @type {SubmitEvent} */ e) => {
          e.preventDefault();
          replace(feedback);
          if (Number(from.value) >= Number(to.value)) {
            feedback.append(errorBox('Bitte als ältere Version eine kleinere Nummer als die neuere wählen.'));
            return;
          }
          location.hash = `#/vergleich/${ags}/${encodeURIComponent(id)}/${from.value}/${to.value}`;
        },
      },
      h('h3', {}, 'Zwei Versionen vergleichen'),
      feedback,
      h(
        'div',
        { class: 'feld-reihe' },
        h('div', { class: 'feld' }, h('label', { for: 'vergleich-von' }, 'Ältere Version'), from),
        h('div', { class: 'feld' }, h('label', { for: 'vergleich-bis' }, 'Neuere Version'), to),
        h('div', { class: 'feld' }, h('button', { type: 'submit' }, 'Versionen vergleichen')),
      ),
    );
  }

  function regenerateControl() {
    const feedback = h('div');
    const button = /** @type {HTMLButtonElement} */ (
      h(
        'button',
        {
          type: 'button',
          id: 'neu-erstellen',
          onclick: async () => {
            button.disabled = true;
            replace(feedback);
            try {
              const res = await api(`${path}/regenerate`, { method: 'POST' });
              waitingFor = { previousJob: status.latestJob?.jobId ?? null, jobId: res.jobId };
              feedback.append(h('p', { class: 'meldung ok' }, 'Die Neuerstellung wurde eingereiht.'));
              announce('Die Neuerstellung wurde eingereiht.');
              void poll();
            } catch (error) {
              feedback.append(errorBox(/** @type {Error} */ (error).message));
            } finally {
              button.disabled = false;
            }
          },
        },
        'Bericht neu erstellen',
      )
    );
    return h(
      'div',
      {},
      h('h3', {}, 'Neu erstellen (LPR)'),
      h(
        'p',
        {},
        'Erstellt den Bericht aus dem letzten Upload mit der aktuellen Programmversion als neue Version.',
      ),
      feedback,
      button,
    );
  }

  replace(
    root,
    h('h1', {}, `Analyse ${id}`),
    h(
      'p',
      {},
      h(
        'a',
        { href: '#/' },
        who.kind === 'lpr' ? 'Zurück zur Übersicht aller Kommunen' : 'Zurück zu meinen Analysen',
      ),
    ),
    h('section', { 'aria-labelledby': 'h-status' }, h('h2', { id: 'h-status' }, 'Status'), statusBox),
    uploadSection({
      ags,
      id,
      onUploaded: () => {
        waitingFor = { previousJob: status.latestJob?.jobId ?? null };
        showStatus(status);
        void poll();
      },
    }),
    validationBox,
    downloadsBox,
    versionsBox,
  );
  showStatus(status);
  if (ACTIVE.has(status.status)) void poll();
  else await Promise.all([showValidation(), showDownloads(), showVersions()]);
}

/**
 * One problem of the validation report as table cells.
 * @param {any} i
 * @returns {string[]}
 */
function issueRow(i) {
  return [
    i.severity === 'error' ? 'Fehler' : 'Hinweis',
    i.file,
    i.row === undefined ? '–' : String(i.row),
    i.column ?? '–',
    i.value ?? '–',
    i.expected ?? '–',
    i.message,
  ];
}

/**
 * A download link whose presigned URL is fetched at render and renewed on click when older than 4 minutes.
 * @param {string} id @param {string} text @param {() => Promise<string>} fetchUrl
 */
function presignedLink(id, text, fetchUrl) {
  let fetchedAt = 0;
  const a = /** @type {HTMLAnchorElement} */ (h('a', { id, href: '#', 'aria-disabled': 'true' }, text));
  const load = async () => {
    a.href = await fetchUrl();
    a.removeAttribute('aria-disabled');
    fetchedAt = Date.now();
  };
  load().catch(() => a.replaceWith(h('span', { id }, `${text}: derzeit nicht verfügbar`)));
  a.addEventListener('click', async (e) => {
    if (Date.now() - fetchedAt < 4 * 60_000) return;
    e.preventDefault();
    await load();
    location.assign(a.href);
  });
  return a;
}

/**
 * The upload: drop zone and file input, list of files with a progress bar each, start button.
 * @param {{ ags: string, id: string, onUploaded: () => void }} options
 */
function uploadSection({ ags, id, onUploaded }) {
  const feedback = h('div', { id: 'upload-meldung' });
  const listBox = h('div', { id: 'upload-dateien' });
  /** @type {import('../files.js').PlannedFile[]} */
  let planned = [];

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

  /** @param {File[]} files */
  function select(files) {
    const plan = planUpload(files);
    planned = plan.upload;
    replace(feedback);
    const hasManifest = planned.some((p) => p.name === 'analyse.json');
    if (plan.skipped.length > 0)
      feedback.append(
        h(
          'div',
          { class: 'meldung warnung' },
          `Nicht hochgeladen (kein vorgesehener Dateiname oder leer): ${plan.skipped.join(', ')}.`,
        ),
      );
    if (!hasManifest && planned.length > 0)
      feedback.append(
        errorBox(
          'analyse.json fehlt: Ohne sie startet die Auswertung nicht. Bitte analyse.json mit auswählen.',
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
    startButton.disabled = planned.length === 0 || !hasManifest;
    announce(`${planned.length} Dateien ausgewählt${hasManifest ? '' : ', analyse.json fehlt'}.`);
  }

  input.addEventListener('change', () => select([...(input.files ?? [])]));

  startButton.addEventListener('click', async () => {
    startButton.disabled = true;
    input.disabled = true;
    replace(feedback);
    try {
      const res = await api(`${analysisPath(ags, id)}/upload-urls`, {
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
      feedback.append(
        h('p', { class: 'meldung ok' }, 'Alle Dateien sind hochgeladen. Die Prüfung und Auswertung beginnt.'),
      );
      announce('Alle Dateien sind hochgeladen. Die Prüfung und Auswertung beginnt.');
      onUploaded();
    } catch (error) {
      feedback.append(errorBox(/** @type {Error} */ (error).message));
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
    h(
      'div',
      { class: 'feld', style: 'margin: 0 auto' },
      h('label', { for: 'datei-auswahl' }, 'Dateien auswählen'),
      input,
    ),
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

  return h(
    'section',
    { 'aria-labelledby': 'h-upload' },
    h('h2', { id: 'h-upload' }, 'Dateien hochladen'),
    h(
      'p',
      { id: 'upload-hilfe', class: 'hilfe' },
      'Alle Dateien der Analyse auf einmal: analyse.json, befragung, bevoelkerung, kriminalitaet, pks-kreise-<Jahr> (je .csv oder .xlsx) und gegebenenfalls weitere. analyse.json wird zuletzt übertragen; erst sie startet die Auswertung.',
    ),
    zone,
    feedback,
    listBox,
    h('div', { class: 'knoepfe' }, startButton),
  );
}
