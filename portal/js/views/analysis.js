/**
 * One analysis. At the top, in one sentence, where things stand and what to do next; below, in the
 * order that state needs them: the downloads once a report is ready, the Prüfbericht when the files
 * have errors, the upload (with the files of the current upload), the versions with their
 * comparisons, and managing the analysis (rename, archive, erase the uploads; LPR: regenerate).
 * While the worker is busy the page asks for the status every second and announces changes.
 */
import { analysisPath, api } from '../api.js';
import { announce, errorBox, h, replace, replaceKeepingFocus } from '../dom.js';
import { formErrors } from '../forms.js';
import { shortName } from '../gemeinden.js';
import { ACTIVE, standOf, STATUS_TEXT } from '../state.js';
import { analysisName, TITLE_MAX } from './municipality.js';
import { showPruefbericht } from './pruefbericht.js';
import { uploadSection } from './upload.js';
import { showDownloads, showVersions } from './versions.js';

const FINAL = new Set(['ready', 'invalid', 'failed']);
export const POLL_MS = 1000;

/**
 * @param {HTMLElement} root
 * @param {{ ags: string, id: string, who: import('../session.js').Principal, alive: () => boolean,
 *   config: import('../config.js').PortalConfig, version?: number, jobId?: string }} options
 *   version / jobId: the page was opened at a report version or at the Prüfbericht of an upload (a link from a mail)
 */
export async function renderAnalysis(root, { ags, id, who, alive, version, jobId }) {
  const path = analysisPath(ags, id);
  replace(root, h('h1', {}, `Analyse ${id}`), h('p', {}, 'Wird geladen …'));
  /** @type {any} */
  let status;
  /** @type {any} */
  let entry;
  try {
    [status, entry] = await Promise.all([api(path), api(`/workspace${path}`)]);
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

  const heading = h('h1', {}, analysisName(entry));
  const gemeindeLine = h('p', { class: 'gemeinde-zeile', id: 'gemeinde-zeile' });
  const standBox = h('div', { id: 'stand-bereich', class: 'meldung stand' });
  const downloadsBox = h('section', { id: 'downloads', 'aria-labelledby': 'h-downloads', hidden: true });
  const pruefBox = h('section', { id: 'pruefbericht', 'aria-labelledby': 'h-pruef', hidden: true });
  const versionsBox = h('section', { id: 'versionen', 'aria-labelledby': 'h-versionen', hidden: true });
  const manageBox = h('section', { id: 'verwalten', 'aria-labelledby': 'h-verwalten' });
  const body = h('div', { id: 'analyse-inhalt' });

  /** @type {'uploading' | 'pending' | undefined} */
  let transfer;
  /** The job a finished upload or a regeneration waits for. */
  /** @type {{ previousJob: string | null, jobId?: string } | undefined} */
  let waitingFor;
  let polling = false;
  /** @type {string | undefined} */
  let lastAnnounced;

  const upload = uploadSection({
    ags,
    id,
    onStart: () => {
      transfer = 'uploading';
      showState();
      // The old result is not the state any more.
      pruefBox.hidden = true;
    },
    onUploaded: (startsAnalysis) => {
      if (!startsAnalysis) {
        transfer = undefined;
        showState();
        arrange();
        return;
      }
      transfer = 'pending';
      waitingFor = { previousJob: status.latestJob?.jobId ?? null };
      showState();
      void poll();
    },
    onFailed: () => {
      transfer = undefined;
      showState();
      arrange();
    },
  });

  function showHeader() {
    heading.textContent = analysisName(entry);
    const g = entry.gemeinde;
    replace(
      gemeindeLine,
      g ? `${shortName(g.name)} (${entry.ags}), ${g.kreis}` : `Gemeindeschlüssel ${entry.ags}`,
      entry.title ? ` · Kennung ${entry.analysisId}` : '',
      entry.archived ? ' · archiviert' : '',
    );
  }

  function showState() {
    const s = status.status;
    const stand = standOf({
      status: s,
      statusText: status.statusText,
      reason: status.reason,
      currentVersion: entry.currentVersion,
      problems: entry.problems,
      archived: entry.archived,
      transfer,
      lpr: who.kind === 'lpr',
    });
    const busy = transfer !== undefined || waitingFor !== undefined;
    standBox.className = `meldung stand ${stand.tone}`;
    const shown = busy && !ACTIVE.has(s) ? 'received' : s;
    replace(
      standBox,
      h('p', { id: 'stand' }, stand.text),
      h(
        'p',
        { class: 'status-zeile' },
        'Status: ',
        h(
          'span',
          { id: 'status-text', class: `status status-${shown}`, 'data-status': busy ? 'pending' : s },
          busy && !ACTIVE.has(s)
            ? transfer === 'uploading'
              ? 'Dateien werden übertragen …'
              : 'Dateien werden übernommen …'
            : (status.statusText ?? STATUS_TEXT[/** @type {import('../state.js').Status} */ (s)] ?? s),
        ),
        ' ',
        h('a', { href: '#/hilfe', class: 'klein' }, 'Was bedeutet das?'),
      ),
    );
    const key = `${status.latestJob?.jobId ?? ''}:${s}:${busy}`;
    if (lastAnnounced !== undefined && key !== lastAnnounced && !busy)
      announce(`Status der Analyse ${analysisName(entry)}: ${status.statusText ?? s}. ${stand.text}`);
    lastAnnounced = key;
  }

  /** Sections in the order the state needs them. */
  function arrange() {
    const s = status.status;
    const busy = transfer !== undefined || waitingFor !== undefined || ACTIVE.has(s);
    const order =
      !busy && s === 'ready'
        ? [downloadsBox, pruefBox, upload.section, versionsBox, manageBox]
        : !busy && s === 'invalid'
          ? [pruefBox, upload.section, downloadsBox, versionsBox, manageBox]
          : [upload.section, downloadsBox, versionsBox, manageBox, pruefBox];
    body.append(...order);
  }

  /** Everything that depends on the finished state. */
  async function showResults() {
    const s = status.status;
    const wanted = version ?? entry.currentVersion;
    if (wanted !== undefined) showDownloads(downloadsBox, { ags, id, entry, version: wanted });
    downloadsBox.hidden = wanted === undefined;
    versionsBox.hidden = false;
    showVersions(versionsBox, {
      ags,
      id,
      entry,
      ...(version !== undefined && { highlight: version }),
      extra: who.kind === 'lpr' ? [regenerateControl()] : [],
    });
    showManage();
    arrange();
    const checked = s === 'invalid' || s === 'ready';
    pruefBox.hidden = !checked;
    if (checked) {
      const note =
        jobId !== undefined && status.latestJob && status.latestJob.jobId !== jobId
          ? h(
              'p',
              { class: 'meldung warnung', id: 'pruef-veraltet' },
              'Der Prüfbericht aus Ihrer Nachricht gehört zu einem früheren Upload. Hier steht der Prüfbericht des neuesten Uploads.',
            )
          : false;
      await showPruefbericht(pruefBox, { path, ags, id, collapsed: s === 'ready' });
      if (note) pruefBox.querySelector('h2')?.after(note);
    }
    await upload.refreshSet();
  }

  /** Loads status (and, once final, the workspace entry); keeps polling while work is under way. */
  async function refresh() {
    status = await api(path);
    if (waitingFor) {
      const latest = status.latestJob;
      const arrived =
        latest &&
        (waitingFor.jobId ? latest.jobId === waitingFor.jobId : latest.jobId !== waitingFor.previousJob);
      if (arrived) {
        waitingFor = undefined;
        transfer = undefined;
      }
    }
    if (waitingFor === undefined && !ACTIVE.has(status.status)) {
      upload.reset();
      entry = await api(`/workspace${path}`);
      showHeader();
      showState();
      await showResults();
    } else {
      showState();
      arrange();
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
      if (alive()) standBox.append(errorBox(/** @type {Error} */ (error).message));
    } finally {
      polling = false;
    }
  }

  function regenerateControl() {
    const feedback = h('div', { id: 'neu-erstellen-meldung' });
    if (!entry.regenerable)
      return h(
        'div',
        {},
        h('h3', {}, 'Neu erstellen (LPR)'),
        h(
          'p',
          { class: 'hilfe', id: 'neu-erstellen-nicht' },
          ACTIVE.has(status.status)
            ? 'Während die Analyse verarbeitet wird, ist keine Neuerstellung möglich.'
            : 'Neu erstellen lässt sich nur eine Analyse mit einer gültigen Berichtsversion. Zuerst müssen gültige Dateien hochgeladen werden.',
        ),
      );
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
              showState();
              void poll();
            } catch (error) {
              feedback.append(errorBox(/** @type {Error} */ (error).message));
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
        `Erstellt den Bericht aus dem Upload von Version ${entry.currentVersion} mit der aktuellen Programmversion als neue Version.`,
      ),
      feedback,
      button,
    );
  }

  // Managing the analysis. The rename form is made once: a refresh never replaces what is being typed.
  const manageFeedback = h('div', { id: 'verwalten-meldung' });
  const titleInput = /** @type {HTMLInputElement} */ (
    h('input', {
      id: 'titel-neu',
      type: 'text',
      maxlength: TITLE_MAX,
      value: entry.title ?? '',
      autocomplete: 'off',
      'aria-describedby': 'titel-neu-hilfe',
      'data-entwurf': `titel-${ags}-${id}`,
    })
  );
  let syncedTitle = titleInput.value;
  const titleHelp = h('p', { id: 'titel-neu-hilfe', class: 'hilfe' });
  const renameForm = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { id: 'umbenennen-form', novalidate: true },
      h(
        'div',
        { class: 'feld-reihe' },
        h('div', { class: 'feld' }, h('label', { for: 'titel-neu' }, 'Titel'), titleHelp, titleInput),
        h('div', { class: 'feld' }, h('button', { type: 'submit' }, 'Titel speichern')),
      ),
    )
  );
  const renameErrors = formErrors(renameForm);
  renameForm.addEventListener('submit', async (e) => {
    e.preventDefault();
    replace(manageFeedback);
    const value = titleInput.value.trim();
    if (
      renameErrors.show(
        value.length > TITLE_MAX
          ? [{ field: titleInput, message: `Der Titel hat höchstens ${TITLE_MAX} Zeichen.` }]
          : [],
      )
    )
      return;
    try {
      entry = await api(path, { method: 'PATCH', body: { title: value === '' ? null : value } });
      syncedTitle = titleInput.value = entry.title ?? '';
      showHeader();
      showManage();
      document.title = `${analysisName(entry)} – Sicherheitsanalyse`;
      const text = value === '' ? 'Der Titel wurde entfernt.' : `Die Analyse heißt jetzt „${value}“.`;
      manageFeedback.append(h('p', { class: 'meldung ok' }, text));
      announce(text);
    } catch (error) {
      renameErrors.show([{ field: titleInput, message: /** @type {Error} */ (error).message }]);
    }
  });
  const archiveBox = h('div', { id: 'archiv-bereich' });
  const eraseBox = confirmAction({
    id: 'rohdaten-loeschen',
    label: 'Hochgeladene Dateien löschen',
    danger: true,
    question: 'Die hochgeladenen Dateien endgültig löschen? Das lässt sich nicht rückgängig machen.',
    run: async () => {
      const res = await api(`${path}/uploads`, { method: 'DELETE' });
      const count = Array.isArray(res?.erased) ? res.erased.length : Number(res?.erased ?? 0);
      const text = `${count === 1 ? 'Eine Datei wurde' : `${count} Dateien wurden`} gelöscht (Protokollnummer ${res?.auditId ?? '–'}).`;
      manageFeedback.append(h('p', { class: 'meldung ok' }, text));
      announce(text);
      await upload.refreshSet();
    },
    feedback: manageFeedback,
  });
  replace(
    manageBox,
    h('h2', { id: 'h-verwalten' }, 'Analyse verwalten'),
    manageFeedback,
    renameForm,
    archiveBox,
    h('h3', {}, 'Hochgeladene Dateien löschen'),
    h(
      'p',
      {},
      'Löscht die hochgeladenen Rohdaten dieser Analyse (Befragungsantworten und alle übrigen Dateien) endgültig. Die fertigen Berichte bleiben erhalten; eine Neuerstellung ist danach nicht mehr möglich.',
    ),
    eraseBox,
  );

  /** Brings the managing section up to date with `entry` (never touching a title being edited). */
  function showManage() {
    if (document.activeElement !== titleInput && titleInput.value === syncedTitle)
      syncedTitle = titleInput.value = entry.title ?? '';
    titleHelp.textContent = `Leer lassen: Die Analyse heißt wie ihre Kennung „${entry.analysisId}“.`;
    replaceKeepingFocus(
      archiveBox,
      h('h3', {}, entry.archived ? 'Aus dem Archiv holen' : 'Archivieren'),
      h(
        'p',
        {},
        entry.archived
          ? 'Die Analyse ist archiviert und erscheint nicht in den Listen. Zurückgeholt steht sie wieder in der Liste.'
          : 'Archivierte Analysen verschwinden aus den Listen; ihre Berichtsversionen bleiben abrufbar (auch für das LPR-Team) und die Analyse lässt sich zurückholen.',
      ),
      confirmAction({
        id: 'archivieren',
        label: entry.archived ? 'Zurückholen' : 'Archivieren',
        question: entry.archived ? undefined : `„${analysisName(entry)}“ wirklich archivieren?`,
        run: async () => {
          entry = await api(path, { method: 'PATCH', body: { archived: !entry.archived } });
          showHeader();
          showState();
          showManage();
          const text = entry.archived
            ? 'Die Analyse ist archiviert.'
            : 'Die Analyse ist wieder in der Liste.';
          replace(manageFeedback, h('p', { class: 'meldung ok', id: 'archiv-ergebnis' }, text));
          announce(text);
          /** @type {HTMLElement | null} */ (document.getElementById('archivieren'))?.focus();
        },
        feedback: manageFeedback,
      }),
    );
  }

  showHeader();
  replace(
    root,
    heading,
    gemeindeLine,
    h(
      'p',
      {},
      h(
        'a',
        { href: '#/' },
        who.kind === 'lpr' ? 'Zurück zur Übersicht aller Kommunen' : 'Zurück zu meinen Analysen',
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'h-status', id: 'stand-abschnitt' },
      h('h2', { id: 'h-status', class: 'nur-vorlesen' }, 'Stand'),
      standBox,
    ),
    body,
  );
  showState();
  arrange();
  if (ACTIVE.has(status.status)) {
    showManage();
    void poll();
  } else await showResults();
}

/**
 * A button that asks once more inline before it acts (no browser dialog).
 * @param {{ id: string, label: string, question?: string, danger?: boolean, run: () => Promise<void>, feedback: HTMLElement }} o
 */
function confirmAction(o) {
  const box = h('div', { class: 'knoepfe', id: `${o.id}-bereich` });
  const act = async () => {
    replace(o.feedback);
    try {
      await o.run();
    } catch (error) {
      o.feedback.append(errorBox(/** @type {Error} */ (error).message));
      idle();
    }
  };
  const idle = () =>
    replace(
      box,
      h(
        'button',
        {
          type: 'button',
          id: o.id,
          class: o.danger ? 'gefahr' : 'zweitrangig',
          onclick: () => {
            if (!o.question) return void act();
            replace(
              box,
              h('p', { id: `${o.id}-frage` }, o.question),
              h(
                'button',
                {
                  type: 'button',
                  id: `${o.id}-ja`,
                  class: o.danger ? 'gefahr' : undefined,
                  onclick: () => void act(),
                },
                `Ja, ${o.label.charAt(0).toLowerCase()}${o.label.slice(1)}`,
              ),
              h(
                'button',
                {
                  type: 'button',
                  class: 'zweitrangig',
                  id: `${o.id}-nein`,
                  onclick: () => {
                    idle();
                    /** @type {HTMLElement | null} */ (document.getElementById(o.id))?.focus();
                  },
                },
                'Abbrechen',
              ),
            );
            /** @type {HTMLElement | null} */ (document.getElementById(`${o.id}-ja`))?.focus();
          },
        },
        o.label,
      ),
    );
  idle();
  return box;
}
