/**
 * The Prüfbericht on the analysis page: the result in one sentence (is action needed?), then the
 * messages grouped by file and, within a file, errors (must be corrected: no report without) before
 * warnings (no action needed for the report; worth a look). The CSV download has every message.
 */
import { api } from '../api.js';
import { validationCsv } from '../csv.js';
import { errorBox, formatNumber, h, plural, replace, table } from '../dom.js';

const HEAD = ['Zeile', 'Spalte', 'Wert', 'Erwartet', 'Meldung'];

/**
 * The message without the location the columns already show (`befragung.csv, Zeile 2, Spalte „x“: `).
 * @param {any} i
 */
export function messageText(i) {
  const prefix = new RegExp(`^${escape(i.file)}(?:, Zeile [\\d.]+)?(?:, Spalte „[^“]*“)?(?:: |, )`);
  const text = String(i.message).replace(prefix, '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** @param {string} s */
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** @param {any} i */
function row(i) {
  return [
    i.row === undefined ? '–' : formatNumber(i.row),
    i.column ?? '–',
    i.value ?? '–',
    i.expected ?? '–',
    messageText(i),
  ];
}

/**
 * Fills `box` with the Prüfbericht of the analysis's latest check.
 * @param {HTMLElement} box
 * @param {{ path: string, ags: string, id: string, collapsed: boolean }} options
 *   collapsed: a report with only warnings (the report was made) starts folded
 * @returns {Promise<any | undefined>} the report, if it could be loaded
 */
export async function showPruefbericht(box, { path, ags, id, collapsed }) {
  const heading = h('h2', { id: 'h-pruef' }, 'Prüfbericht');
  replace(box, heading, h('p', {}, 'Wird geladen …'));
  let report;
  try {
    report = await api(`${path}/validation`);
  } catch (error) {
    replace(box, heading, errorBox(/** @type {Error} */ (error).message));
    return undefined;
  }
  /** @type {Map<string, any[]>} */
  const byFile = new Map();
  for (const f of report.files ?? []) byFile.set(f.name, []);
  for (const i of report.issues) {
    const list = byFile.get(i.file) ?? [];
    list.push(i);
    byFile.set(i.file, list);
  }
  const withIssues = [...byFile].filter(([, list]) => list.length > 0);
  const errorFiles = withIssues.filter(([, list]) => list.some((i) => i.severity === 'error')).length;
  const action = report.errorCount > 0;
  const csv = new Blob([validationCsv(report)], { type: 'text/csv;charset=utf-8' });

  const summary = h(
    'div',
    { class: `meldung ${action ? 'fehler' : 'ok'}`, id: 'pruef-ergebnis' },
    h(
      'p',
      {},
      h(
        'strong',
        {},
        action
          ? `Handlungsbedarf: ${plural(report.errorCount, 'Fehler', 'Fehler')} in ${plural(errorFiles, 'Datei', 'Dateien')} – ohne Korrektur entsteht kein Bericht.`
          : report.warningCount > 0
            ? `Kein Handlungsbedarf: keine Fehler, ${plural(report.warningCount, 'Warnung', 'Warnungen')}.`
            : 'Kein Handlungsbedarf: Die Prüfung hat nichts beanstandet.',
      ),
    ),
    h(
      'p',
      {},
      action
        ? 'Bitte die genannten Stellen in Ihren Dateien korrigieren und die Dateien erneut hochladen (analyse.json wieder mit auswählen). Warnungen verhindern keinen Bericht; bitte prüfen Sie trotzdem, ob die Angaben stimmen.'
        : report.warningCount > 0
          ? 'Warnungen verhindern keinen Bericht. Bitte prüfen Sie, ob die genannten Angaben so stimmen; eine Korrektur ist nur nötig, wenn die Daten falsch sind.'
          : 'Alle Dateien wurden ohne Beanstandung gelesen.',
    ),
  );

  const groups = withIssues.map(([file, list], n) => {
    const errors = list.filter((i) => i.severity === 'error');
    const warnings = list.filter((i) => i.severity !== 'error');
    const counts = [
      errors.length > 0 ? plural(errors.length, 'Fehler', 'Fehler') : '',
      warnings.length > 0 ? plural(warnings.length, 'Warnung', 'Warnungen') : '',
    ]
      .filter(Boolean)
      .join(', ');
    return h(
      'section',
      { class: 'pruef-datei', 'aria-labelledby': `h-pruef-${n}`, 'data-datei': file },
      h('h3', { id: `h-pruef-${n}` }, `${file}: ${counts}`),
      errors.length > 0
        ? h(
            'div',
            {},
            h(
              'p',
              {},
              h('span', { class: 'handlung-ja' }, 'Fehler – Handlungsbedarf: ja.'),
              ' Bitte korrigieren und erneut hochladen.',
            ),
            table(`Fehler in ${file}`, HEAD, errors.map(row), {
              id: `pruef-${n}-fehler`,
              class: 'pruef-fehler',
            }),
          )
        : false,
      warnings.length > 0
        ? h(
            'details',
            { open: !collapsed && !action },
            h(
              'summary',
              {},
              `${plural(warnings.length, 'Warnung', 'Warnungen')} – Handlungsbedarf: nein, bitte prüfen`,
            ),
            table(`Warnungen in ${file}`, HEAD, warnings.map(row), {
              id: `pruef-${n}-warnungen`,
              class: 'pruef-warnungen',
            }),
          )
        : false,
    );
  });

  const body = [
    summary,
    ...groups,
    h(
      'p',
      {},
      h(
        'a',
        { id: 'pruef-csv', href: URL.createObjectURL(csv), download: `pruefbericht-${ags}-${id}.csv` },
        'Prüfbericht als CSV herunterladen',
      ),
      ` (${plural(report.issues.length, 'Meldung', 'Meldungen')}, für Excel)`,
    ),
  ];
  if (collapsed && !action)
    replace(
      box,
      heading,
      h(
        'details',
        { id: 'pruef-details' },
        h(
          'summary',
          {},
          report.warningCount > 0
            ? `Prüfbericht anzeigen (${plural(report.warningCount, 'Warnung', 'Warnungen')}, kein Handlungsbedarf)`
            : 'Prüfbericht anzeigen (keine Beanstandungen)',
        ),
        ...body,
      ),
    );
  else replace(box, heading, ...body);
  return report;
}
