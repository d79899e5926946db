/**
 * The LPR's overview of all municipalities: every analysis with the municipality's name and Kreis,
 * status, versions, last upload and open problems; filter (text, Kreis, status; municipalities
 * without an analysis on request) and sort by any column; regenerate one analysis or a selection –
 * only analyses with a valid version are offered. The table refreshes while anything is running.
 */
import { analysisPath, api } from '../api.js';
import {
  announce,
  errorBox,
  formatDateTime,
  h,
  plural,
  replace,
  replaceKeepingFocus,
  srOnly,
  table,
} from '../dom.js';
import { loadGemeinden, shortName } from '../gemeinden.js';
import { ACTIVE } from '../state.js';
import { analysisHash, analysisName, problemsText, statusBadge } from './municipality.js';

const BATCH_POLL_MS = 1500;
/** The overview is refreshed this often while something is running. */
const LIST_POLL_MS = 2000;

/** @typedef {{ key: string, gemeinde: string, ags: string, kreis: string, entry?: any }} Row */

/** Sortable columns: label and the value rows are compared by. */
/** @type {{ key: string, label: string, value: (r: Row) => string | number }[]} */
const COLUMNS = [
  { key: 'gemeinde', label: 'Kommune', value: (r) => r.gemeinde },
  { key: 'kreis', label: 'Kreis', value: (r) => r.kreis },
  { key: 'analyse', label: 'Analyse', value: (r) => (r.entry ? analysisName(r.entry) : '') },
  { key: 'status', label: 'Status', value: (r) => r.entry?.statusText ?? 'keine Analyse' },
  { key: 'versionen', label: 'Versionen', value: (r) => r.entry?.versions.length ?? -1 },
  { key: 'upload', label: 'Letzter Upload', value: (r) => r.entry?.lastUploadAt ?? '' },
  {
    key: 'probleme',
    label: 'Offene Probleme',
    value: (r) => (r.entry?.problems ? r.entry.problems.errors * 1000 + r.entry.problems.warnings : -1),
  },
];

const STATUS_FILTER = [
  ['', 'alle'],
  ['aktiv', 'in Arbeit'],
  ['ready', 'fertig'],
  ['invalid', 'ungültig'],
  ['failed', 'fehlgeschlagen'],
  ['waiting', 'wartet auf Dateien'],
  ['ohne', 'ohne Analyse'],
];

/**
 * @param {HTMLElement} root
 * @param {{ alive: () => boolean }} options
 */
export async function renderLprOverview(root, { alive }) {
  const listBox = h('div', { id: 'uebersicht' }, h('p', {}, 'Wird geladen …'));
  const feedback = h('div', { id: 'uebersicht-meldung' });
  const batchBox = h('div', { id: 'stapel', 'aria-live': 'polite' });
  const countLine = h('p', { id: 'uebersicht-anzahl', class: 'hilfe' });
  /** @type {any[]} */
  let analyses = [];
  /** @type {import('../gemeinden.js').Gemeinde[]} */
  let gemeinden = [];
  let sort = { key: 'gemeinde', dir: 1 };
  /** @type {Set<string>} */
  const selected = new Set();

  const search = /** @type {HTMLInputElement} */ (
    h('input', {
      id: 'filter-text',
      type: 'search',
      autocomplete: 'off',
      'aria-describedby': 'filter-text-hilfe',
    })
  );
  const kreis = /** @type {HTMLSelectElement} */ (
    h('select', { id: 'filter-kreis' }, h('option', { value: '' }, 'alle Kreise'))
  );
  const statusSelect = /** @type {HTMLSelectElement} */ (
    h('select', { id: 'filter-status' }, ...STATUS_FILTER.map(([v, t]) => h('option', { value: v }, t)))
  );
  const bulk = /** @type {HTMLButtonElement} */ (
    h('button', { type: 'button', id: 'auswahl-neu-erstellen', disabled: true }, 'Ausgewählte neu erstellen')
  );

  /** @returns {Row[]} */
  function rows() {
    const byAgs = new Map(gemeinden.map((g) => [g.ags, g]));
    /** @type {Row[]} */
    const out = analyses.map((a) => {
      const g = a.gemeinde ?? byAgs.get(a.ags);
      return {
        key: `${a.ags}/${a.analysisId}`,
        gemeinde: g ? shortName(g.name) : `Kommune ${a.ags}`,
        ags: a.ags,
        kreis: g?.kreis ?? '–',
        entry: a,
      };
    });
    if (statusSelect.value === 'ohne') {
      const withAnalysis = new Set(analyses.map((a) => a.ags));
      return gemeinden
        .filter((g) => !withAnalysis.has(g.ags))
        .map((g) => ({ key: g.ags, gemeinde: shortName(g.name), ags: g.ags, kreis: g.kreis }));
    }
    return out;
  }

  /** @param {Row} r */
  function matches(r) {
    const text = search.value.trim().toLowerCase();
    if (
      text &&
      ![r.gemeinde, r.ags, r.entry?.analysisId ?? '', r.entry?.title ?? ''].some((v) =>
        v.toLowerCase().includes(text),
      )
    )
      return false;
    if (kreis.value && r.kreis !== kreis.value) return false;
    const s = statusSelect.value;
    if (s === '' || s === 'ohne') return true;
    if (s === 'aktiv') return ACTIVE.has(r.entry?.status);
    return r.entry?.status === s;
  }

  function show() {
    const all = rows();
    const col = COLUMNS.find((c) => c.key === sort.key) ?? COLUMNS[0];
    const shown = all.filter(matches).sort((a, b) => {
      const x = col ? col.value(a) : '';
      const y = col ? col.value(b) : '';
      const order =
        typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y), 'de');
      return order * sort.dir || a.key.localeCompare(b.key);
    });
    for (const key of [...selected])
      if (!shown.some((r) => r.key === key && r.entry?.regenerable)) selected.delete(key);
    countLine.textContent = `${plural(shown.length, 'Eintrag', 'Einträge')} von ${all.length}.`;
    if (shown.length === 0) {
      replaceKeepingFocus(listBox, h('p', {}, 'Keine Einträge für diese Auswahl.'));
      updateBulk();
      return;
    }
    const selectable = shown.filter((r) => r.entry?.regenerable);
    const allBox = /** @type {HTMLInputElement} */ (
      h('input', {
        type: 'checkbox',
        id: 'auswahl-alle',
        disabled: selectable.length === 0,
        checked: selectable.length > 0 && selectable.every((r) => selected.has(r.key)),
        onchange: (/** @type {Event} */ e) => {
          const on = /** @type {HTMLInputElement} */ (e.target).checked;
          for (const r of selectable) {
            if (on) selected.add(r.key);
            else selected.delete(r.key);
          }
          show();
        },
      })
    );
    const t = table(
      'Analysen aller Kommunen',
      [
        h(
          'span',
          {},
          allBox,
          h('label', { for: 'auswahl-alle', class: 'nur-vorlesen' }, 'Alle neu erstellbaren auswählen'),
        ),
        ...COLUMNS.map((c) => sortButton(c)),
        'Aktion',
      ],
      shown.map((r) => cells(r)),
      { id: 'uebersicht-tabelle' },
    );
    // aria-sort on the sorted column's header
    const ths = t.querySelectorAll('thead th');
    COLUMNS.forEach((c, i) => {
      if (c.key === sort.key)
        ths[i + 1]?.setAttribute('aria-sort', sort.dir === 1 ? 'ascending' : 'descending');
    });
    ths[0]?.classList.add('auswahl-zelle');
    replaceKeepingFocus(listBox, t);
    updateBulk();
  }

  /** @param {{ key: string, label: string }} c */
  function sortButton(c) {
    const active = sort.key === c.key;
    return h(
      'button',
      {
        type: 'button',
        class: 'sortieren',
        id: `sortieren-${c.key}`,
        onclick: () => {
          sort = { key: c.key, dir: active ? -sort.dir : 1 };
          show();
          announce(`Sortiert nach ${c.label}, ${sort.dir === 1 ? 'aufsteigend' : 'absteigend'}.`);
        },
      },
      c.label,
      active ? h('span', { 'aria-hidden': 'true' }, sort.dir === 1 ? ' ▲' : ' ▼') : '',
    );
  }

  /** @param {Row} r */
  function cells(r) {
    const a = r.entry;
    const label = a ? `${r.gemeinde}: ${analysisName(a)}` : r.gemeinde;
    const checkId = `auswahl-${r.key.replace(/[^A-Za-z0-9]/g, '-')}`;
    return [
      a?.regenerable
        ? h(
            'span',
            {},
            h('input', {
              type: 'checkbox',
              id: checkId,
              'data-analyse': r.key,
              checked: selected.has(r.key),
              onchange: (/** @type {Event} */ e) => {
                if (/** @type {HTMLInputElement} */ (e.target).checked) selected.add(r.key);
                else selected.delete(r.key);
                show();
              },
            }),
            h('label', { for: checkId, class: 'nur-vorlesen' }, `${label} auswählen`),
          )
        : '',
      h('span', {}, r.gemeinde, h('span', { class: 'klein' }, ` ${r.ags}`)),
      r.kreis,
      a ? h('a', { href: analysisHash(a) }, analysisName(a)) : 'keine Analyse',
      a ? statusBadge(a) : '–',
      a
        ? a.versions.length === 0
          ? 'keine'
          : `${a.versions.length} (aktuell: ${a.currentVersion ?? '–'})`
        : '–',
      a?.lastUploadAt ? formatDateTime(a.lastUploadAt) : '–',
      a ? problemsText(a) : '–',
      a?.regenerable
        ? h(
            'button',
            {
              type: 'button',
              class: 'zweitrangig',
              id: `neu-${r.key.replace(/[^A-Za-z0-9]/g, '-')}`,
              'data-analyse': r.key,
              onclick: () => void regenerateOne(a, label),
            },
            'Neu erstellen',
            srOnly(`: ${label}`),
          )
        : '',
    ];
  }

  function updateBulk() {
    bulk.disabled = selected.size === 0;
    bulk.textContent =
      selected.size === 0 ? 'Ausgewählte neu erstellen' : `Ausgewählte neu erstellen (${selected.size})`;
  }

  /** @param {any} a @param {string} label */
  async function regenerateOne(a, label) {
    replace(feedback);
    try {
      await api(`${analysisPath(a.ags, a.analysisId)}/regenerate`, { method: 'POST' });
      feedback.append(h('p', { class: 'meldung ok' }, `Neuerstellung für ${label} eingereiht.`));
      announce(`Neuerstellung für ${label} eingereiht.`);
      void pollWhileBusy();
    } catch (error) {
      feedback.append(errorBox(/** @type {Error} */ (error).message));
    }
  }

  bulk.addEventListener('click', async () => {
    replace(feedback);
    const chosen = analyses.filter((a) => selected.has(`${a.ags}/${a.analysisId}`));
    try {
      const res = await api('/regenerations', {
        method: 'POST',
        body: { analyses: chosen.map((a) => ({ ags: a.ags, analysisId: a.analysisId })) },
      });
      selected.clear();
      show();
      const skipped = Array.isArray(res.skipped) ? res.skipped.length : Number(res.skipped ?? 0);
      const text = `${plural(res.total, 'Neuerstellung', 'Neuerstellungen')} eingereiht${skipped > 0 ? `, ${plural(skipped, 'Analyse', 'Analysen')} übersprungen (keine gültige Version)` : ''}.`;
      feedback.append(h('p', { class: 'meldung ok' }, text));
      announce(text);
      void followBatch(res.batchId);
      void pollWhileBusy();
    } catch (error) {
      feedback.append(errorBox(/** @type {Error} */ (error).message));
    }
  });

  /** @param {string} batchId */
  async function followBatch(batchId) {
    while (alive()) {
      /** @type {any} */
      let b;
      try {
        b = await api(`/regenerations/${encodeURIComponent(batchId)}`);
      } catch (error) {
        replace(batchBox, errorBox(/** @type {Error} */ (error).message));
        return;
      }
      const c = b.counts;
      const open = c.laufend + c.wartend;
      replace(
        batchBox,
        h(
          'p',
          {
            class: `meldung ${open > 0 ? '' : c.fehlgeschlagen + c.ungueltig > 0 ? 'warnung' : 'ok'}`,
            id: 'stapel-stand',
          },
          `Neuerstellung: ${c.fertig} von ${b.total} fertig`,
          c.ungueltig > 0 ? `, ${c.ungueltig} ungültig` : '',
          c.fehlgeschlagen > 0 ? `, ${c.fehlgeschlagen} fehlgeschlagen` : '',
          open > 0 ? `, ${open} in Arbeit.` : '.',
        ),
      );
      if (open === 0) return;
      await new Promise((r) => setTimeout(r, BATCH_POLL_MS));
    }
  }

  /** @returns {Promise<boolean>} whether anything is running */
  async function load() {
    try {
      const res = await api('/workspace/analyses');
      if (!alive()) return false;
      analyses = res.analyses;
      show();
      return analyses.some((a) => ACTIVE.has(a.status));
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
        await new Promise((r) => setTimeout(r, LIST_POLL_MS));
        if (!alive()) break;
        quiet = (await load()) ? 0 : quiet + 1;
      }
    } finally {
      polling = false;
    }
  }

  for (const el of [search, kreis, statusSelect]) el.addEventListener('input', () => show());

  replace(
    root,
    h('h1', {}, 'Übersicht aller Kommunen'),
    h(
      'p',
      { class: 'knoepfe' },
      h('a', { class: 'knopf', href: '#/neue-analyse' }, 'Neue Analyse anlegen'),
      h('a', { class: 'knopf zweitrangig', href: '#/archiv' }, 'Archivierte Analysen'),
    ),
    h(
      'form',
      {
        id: 'filter-form',
        role: 'search',
        class: 'filter',
        novalidate: true,
        onsubmit: (/** @type {Event} */ e) => e.preventDefault(),
      },
      h(
        'div',
        { class: 'feld-reihe' },
        h(
          'div',
          { class: 'feld' },
          h('label', { for: 'filter-text' }, 'Suchen'),
          h('p', { id: 'filter-text-hilfe', class: 'hilfe' }, 'Name, Gemeindeschlüssel oder Analyse'),
          search,
        ),
        h('div', { class: 'feld' }, h('label', { for: 'filter-kreis' }, 'Kreis'), kreis),
        h('div', { class: 'feld' }, h('label', { for: 'filter-status' }, 'Status'), statusSelect),
      ),
    ),
    countLine,
    h(
      'div',
      { class: 'knoepfe' },
      bulk,
      h(
        'p',
        { class: 'hilfe', id: 'auswahl-hilfe' },
        'Neu erstellen lassen sich nur Analysen mit einer gültigen Berichtsversion, die gerade nicht verarbeitet werden.',
      ),
    ),
    feedback,
    batchBox,
    listBox,
    h('p', { class: 'hilfe' }, h('a', { href: '#/hilfe' }, 'Was die Status bedeuten')),
  );
  bulk.setAttribute('aria-describedby', 'auswahl-hilfe');
  const [busy, list] = await Promise.all([load(), loadGemeinden()]);
  gemeinden = list;
  const kreise = [...new Set(gemeinden.map((g) => g.kreis))].sort((a, b) => a.localeCompare(b, 'de'));
  kreis.append(...kreise.map((k) => h('option', { value: k }, k)));
  if (!alive()) return;
  show();
  if (busy) void pollWhileBusy();
}
