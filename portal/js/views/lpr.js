/** LPR overview: every municipality's analyses with their status; regeneration per analysis. */
import { analysisPath, api } from '../api.js';
import { announce, errorBox, formatDateTime, h, replace, table } from '../dom.js';

const ACTIVE = new Set(['received', 'validating', 'analysing', 'rendering']);

/**
 * @param {HTMLElement} root
 * @param {{ alive: () => boolean }} options
 */
export async function renderLprOverview(root, { alive }) {
  const listBox = h('div', { id: 'uebersicht' }, h('p', {}, 'Wird geladen …'));
  const feedback = h('div', { id: 'uebersicht-meldung' });
  const filter = /** @type {HTMLInputElement} */ (
    h('input', {
      id: 'filter-ags',
      type: 'text',
      inputmode: 'numeric',
      pattern: '\\d{8}',
      maxlength: 8,
      'aria-describedby': 'filter-hilfe',
    })
  );
  /** @type {string | undefined} */
  let ags;

  async function load() {
    try {
      const { analyses } = await api(ags ? `/analyses?ags=${ags}` : '/analyses');
      const statuses = await Promise.all(
        analyses.map((/** @type {any} */ a) => api(analysisPath(a.ags, a.analysisId)).catch(() => undefined)),
      );
      if (!alive()) return;
      if (analyses.length === 0) {
        replace(listBox, h('p', {}, ags ? `Keine Analysen für ${ags}.` : 'Noch keine Analysen.'));
        return;
      }
      const rows = analyses.map((/** @type {any} */ a, /** @type {number} */ i) => {
        const s = statuses[i];
        const label = `${a.ags}/${a.analysisId}`;
        return [
          a.ags,
          h('a', { href: `#/analyse/${a.ags}/${encodeURIComponent(a.analysisId)}` }, a.analysisId),
          h('span', { class: `status status-${s?.status ?? 'waiting'}` }, s?.statusText ?? 'unbekannt'),
          a.currentVersion === undefined ? '–' : String(a.currentVersion),
          formatDateTime(a.updatedAt),
          h(
            'button',
            {
              type: 'button',
              class: 'zweitrangig',
              'aria-label': `Bericht ${label} neu erstellen`,
              'data-analyse': label,
              disabled: !s?.latestJob || ACTIVE.has(s.status),
              onclick: async () => {
                replace(feedback);
                try {
                  await api(`${analysisPath(a.ags, a.analysisId)}/regenerate`, { method: 'POST' });
                  feedback.append(h('p', { class: 'meldung ok' }, `Neuerstellung für ${label} eingereiht.`));
                  announce(`Neuerstellung für ${label} eingereiht.`);
                  void pollWhileBusy();
                } catch (error) {
                  feedback.append(errorBox(/** @type {Error} */ (error).message));
                }
              },
            },
            'Neu erstellen',
          ),
        ];
      });
      replace(
        listBox,
        table(
          'Analysen aller Kommunen',
          ['Gemeindeschlüssel', 'Analyse', 'Status', 'Version', 'Zuletzt geändert', 'Aktion'],
          rows,
          { id: 'uebersicht-tabelle' },
        ),
      );
      return statuses.some((s) => s && ACTIVE.has(s.status));
    } catch (error) {
      replace(listBox, errorBox(/** @type {Error} */ (error).message));
      return false;
    }
  }

  let polling = false;
  async function pollWhileBusy() {
    if (polling) return;
    polling = true;
    try {
      // A regeneration is queued first: look a few times even before it shows as busy.
      for (let quiet = 0; alive() && quiet < 3;) {
        await new Promise((r) => setTimeout(r, 1000));
        if (!alive()) break;
        quiet = (await load()) ? 0 : quiet + 1;
      }
    } finally {
      polling = false;
    }
  }

  replace(
    root,
    h('h1', {}, 'Übersicht aller Kommunen'),
    h(
      'form',
      {
        id: 'filter-form',
        onsubmit: (/** @type {SubmitEvent} */ e) => {
          e.preventDefault();
          const value = filter.value.trim();
          if (value !== '' && !/^\d{8}$/.test(value)) {
            filter.setAttribute('aria-invalid', 'true');
            replace(feedback, errorBox('Der Gemeindeschlüssel (AGS) besteht aus genau 8 Ziffern.'));
            return;
          }
          filter.removeAttribute('aria-invalid');
          replace(feedback);
          ags = value || undefined;
          void load();
        },
      },
      h(
        'div',
        { class: 'feld-reihe' },
        h(
          'div',
          { class: 'feld' },
          h('label', { for: 'filter-ags' }, 'Nur Gemeindeschlüssel (AGS)'),
          h('p', { id: 'filter-hilfe', class: 'hilfe' }, '8 Ziffern; leer = alle Kommunen'),
          filter,
        ),
        h('div', { class: 'feld' }, h('button', { type: 'submit' }, 'Filtern')),
      ),
    ),
    feedback,
    listBox,
  );
  if (await load()) void pollWhileBusy();
}
