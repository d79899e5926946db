/**
 * Report versions on the analysis page: the downloads of one version (the current one, or the one a
 * link named) as the first thing once a report is ready, and the table of all versions with the
 * comparisons the change summaries can show (each version with the one before it).
 */
import { downloadUrl } from '../api.js';
import { formatDateTime, h, replace, srOnly, table } from '../dom.js';

/**
 * A download link whose presigned URL is fetched at render and renewed on click when older than 4
 * minutes. The storage answers with `Content-Disposition: attachment` and a file name such as
 * `Sicherheitsanalyse-Musterstadt-2026-v2.pdf`: the file is saved, the portal stays open.
 * @param {string} id @param {(string | Node)[]} content @param {() => Promise<string>} fetchUrl
 * @param {string} [className]
 */
export function presignedLink(id, content, fetchUrl, className) {
  let fetchedAt = 0;
  const a = /** @type {HTMLAnchorElement} */ (
    h('a', { id, href: '#', 'aria-disabled': 'true', class: className }, ...content)
  );
  const load = async () => {
    a.href = await fetchUrl();
    a.removeAttribute('aria-disabled');
    fetchedAt = Date.now();
  };
  load().catch(() => a.replaceWith(h('span', { id }, ...content, ': derzeit nicht verfügbar')));
  a.addEventListener('click', async (e) => {
    if (fetchedAt > 0 && Date.now() - fetchedAt < 4 * 60_000) return;
    e.preventDefault();
    await load();
    location.assign(a.href);
  });
  return a;
}

/**
 * @param {HTMLElement} box
 * @param {{ ags: string, id: string, entry: any, version: number }} options
 */
export function showDownloads(box, { ags, id, entry, version }) {
  const v = entry.versions.find((/** @type {any} */ x) => x.version === version);
  if (!v) {
    replace(
      box,
      h('h2', { id: 'h-downloads' }, 'Bericht herunterladen'),
      h(
        'p',
        { class: 'meldung warnung' },
        `Eine Berichtsversion ${version} gibt es für diese Analyse nicht${entry.currentVersion === undefined ? '' : `; aktuell ist Version ${entry.currentVersion}`}.`,
      ),
    );
    return;
  }
  const file = (/** @type {string} */ name) => () => downloadUrl(ags, id, version, name);
  replace(
    box,
    h('h2', { id: 'h-downloads' }, `Bericht herunterladen (Version ${version})`),
    v.current
      ? false
      : h(
          'p',
          { class: 'meldung warnung', id: 'nicht-aktuell' },
          `Version ${version} ist nicht die aktuelle Version${entry.currentVersion === undefined ? '' : ` (aktuell: Version ${entry.currentVersion})`}.`,
        ),
    h(
      'ul',
      { class: 'downloads-liste' },
      h(
        'li',
        {},
        presignedLink(
          'download-pdf',
          [`Bericht als PDF (${v.pages} Seiten)`],
          file('report.pdf'),
          'knopf hauptdownload',
        ),
      ),
      h(
        'li',
        {},
        presignedLink('download-tabellen', ['Tabellen (Excel)'], file('tabellen.xlsx'), 'knopf zweitrangig'),
      ),
      h(
        'li',
        {},
        presignedLink(
          'download-analysis',
          ['Auswertung (analysis.json)'],
          file('analysis.json'),
          'knopf zweitrangig',
        ),
      ),
    ),
    h(
      'p',
      { class: 'hilfe' },
      `Erstellt am ${formatDateTime(v.createdAt)}. Die Dateien werden gespeichert, nicht im Browser geöffnet; ihr Name nennt Kommune, Jahr und Version. „Tabellen (Excel)“ enthält jede Tabelle des Berichts auf einem eigenen Blatt, mit denselben Werten wie im PDF; analysis.json ist die maschinenlesbare Auswertung.`,
    ),
  );
}

/**
 * @param {HTMLElement} box
 * @param {{ ags: string, id: string, entry: any, highlight?: number, extra?: (HTMLElement | false)[] }} options
 */
export function showVersions(box, { ags, id, entry, highlight, extra = [] }) {
  /** @type {(HTMLElement | false)[]} */
  const parts = [h('h2', { id: 'h-versionen' }, 'Berichtsversionen')];
  if (entry.versions.length === 0) parts.push(h('p', {}, 'Noch keine Berichtsversion.'));
  else {
    const t = table(
      'Versionen des Berichts',
      ['Version', 'Erstellt', 'Seiten', 'Aktuell', 'PDF', 'Tabellen'],
      [...entry.versions]
        .reverse()
        .map((/** @type {any} */ v) => [
          String(v.version),
          formatDateTime(v.createdAt),
          String(v.pages),
          v.current ? 'ja' : 'nein',
          presignedLink(`version-${v.version}-pdf`, ['PDF', srOnly(` der Version ${v.version}`)], () =>
            downloadUrl(ags, id, v.version, 'report.pdf'),
          ),
          presignedLink(`version-${v.version}-tabellen`, ['Excel', srOnly(` der Version ${v.version}`)], () =>
            downloadUrl(ags, id, v.version, 'tabellen.xlsx'),
          ),
        ]),
      { id: 'versionen-tabelle' },
    );
    if (highlight !== undefined) {
      const index = [...entry.versions]
        .reverse()
        .findIndex((/** @type {any} */ v) => v.version === highlight);
      t.querySelectorAll('tbody tr')[index]?.classList.add('hervorgehoben');
    }
    parts.push(t);
    parts.push(compareForm(ags, id, entry.comparisons ?? []));
  }
  parts.push(...extra);
  replace(box, ...parts);
}

/**
 * Offers exactly the comparisons the change summaries can show.
 * @param {string} ags @param {string} id @param {{ from: number, to: number }[]} pairs
 */
function compareForm(ags, id, pairs) {
  if (pairs.length === 0)
    return h(
      'p',
      { class: 'hilfe', id: 'kein-vergleich' },
      'Ein Vergleich ist möglich, sobald es eine zweite Berichtsversion mit Änderungsübersicht gibt.',
    );
  const select = /** @type {HTMLSelectElement} */ (
    h(
      'select',
      { id: 'vergleich-paar' },
      ...[...pairs]
        .reverse()
        .map((p) => h('option', { value: `${p.from}/${p.to}` }, `Version ${p.to} mit Version ${p.from}`)),
    )
  );
  return h(
    'form',
    {
      id: 'vergleich-form',
      novalidate: true,
      onsubmit: (/** @type {SubmitEvent} */ e) => {
        e.preventDefault();
        location.hash = `#/vergleich/${ags}/${encodeURIComponent(id)}/${select.value}`;
      },
    },
    h('h3', {}, 'Versionen vergleichen'),
    h(
      'p',
      { class: 'hilfe', id: 'vergleich-hilfe' },
      'Jede neue Version wird mit der Version davor verglichen: Eckdaten, Kriminalität, Befragung und Empfehlungen.',
    ),
    h(
      'div',
      { class: 'feld-reihe' },
      h('div', { class: 'feld' }, h('label', { for: 'vergleich-paar' }, 'Welche Versionen?'), select),
      h('div', { class: 'feld' }, h('button', { type: 'submit' }, 'Vergleichen')),
    ),
  );
}
