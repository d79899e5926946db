/** Archived analyses (#/archiv): they have left the lists; their report versions stay downloadable. */
import { api } from '../api.js';
import { announce, errorBox, formatDateTime, h, replace, srOnly, table } from '../dom.js';
import { gemeindeLabel } from '../gemeinden.js';
import { analysisHash, analysisName } from './municipality.js';

/**
 * @param {HTMLElement} root
 * @param {{ who: import('../session.js').Principal }} options
 */
export async function renderArchive(root, { who }) {
  const list = h('div', { id: 'archiv-liste' }, h('p', {}, 'Wird geladen …'));
  const feedback = h('div', { id: 'archiv-meldung' });
  replace(
    root,
    h('h1', {}, 'Archivierte Analysen'),
    h('p', {}, h('a', { href: '#/' }, 'Zurück zur Übersicht')),
    h(
      'p',
      {},
      'Archivierte Analysen erscheinen nicht mehr in den Listen. Ihre Berichtsversionen bleiben abrufbar; „Zurückholen“ nimmt eine Analyse wieder in die Liste auf.',
    ),
    feedback,
    list,
  );
  async function load() {
    try {
      const query = who.kind === 'municipality' ? `?ags=${who.ags}&archived=only` : '?archived=only';
      const { analyses } = await api(`/workspace/analyses${query}`);
      if (analyses.length === 0) {
        replace(list, h('p', {}, 'Keine archivierten Analysen.'));
        return;
      }
      const labels = await Promise.all(analyses.map((/** @type {any} */ a) => gemeindeLabel(a.ags)));
      replace(
        list,
        table(
          'Archivierte Analysen',
          ['Kommune', 'Analyse', 'Aktueller Bericht', 'Zuletzt geändert', 'Aktion'],
          analyses.map((/** @type {any} */ a, /** @type {number} */ i) => [
            labels[i] ?? a.ags,
            h('a', { href: analysisHash(a) }, analysisName(a)),
            a.currentVersion === undefined ? 'keiner' : `Version ${a.currentVersion}`,
            formatDateTime(a.updatedAt),
            h(
              'button',
              {
                type: 'button',
                class: 'zweitrangig',
                id: `zurueck-${a.ags}-${a.analysisId}`,
                onclick: async () => {
                  replace(feedback);
                  try {
                    await api(`/analyses/${a.ags}/${encodeURIComponent(a.analysisId)}`, {
                      method: 'PATCH',
                      body: { archived: false },
                    });
                    const text = `„${analysisName(a)}“ ist wieder in der Liste.`;
                    replace(feedback, h('p', { class: 'meldung ok' }, text));
                    announce(text);
                    await load();
                  } catch (error) {
                    replace(feedback, errorBox(/** @type {Error} */ (error).message));
                  }
                },
              },
              'Zurückholen',
              srOnly(`: ${analysisName(a)}`),
            ),
          ]),
          { id: 'archiv-tabelle' },
        ),
      );
    } catch (error) {
      replace(list, errorBox(/** @type {Error} */ (error).message));
    }
  }
  await load();
}
