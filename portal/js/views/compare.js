/**
 * Comparison of two report versions: the change summary (changes.json) of the newer version,
 * with its overview, crime and survey lists as tables.
 */
import { api, fetchReportJson } from '../api.js';
import {
  errorBox,
  formatNumber,
  formatPercent,
  formatPoints,
  formatSigned,
  h,
  plural,
  replace,
  table,
} from '../dom.js';

/**
 * @param {HTMLElement} root
 * @param {{ ags: string, id: string, from: number, to: number }} options
 */
export async function renderCompare(root, { ags, id, from, to }) {
  const backLink = h('a', { href: `#/analyse/${ags}/${encodeURIComponent(id)}` }, `Zurück zur Analyse ${id}`);
  const back = h('p', {}, backLink);
  replace(
    root,
    h('h1', {}, `Vergleich: Version ${from} und ${to}`),
    back,
    h('p', {}, 'Änderungsübersicht wird geladen …'),
  );
  /** @type {any} */
  let changes;
  try {
    const entry = await api(`/workspace/analyses/${ags}/${encodeURIComponent(id)}`);
    backLink.textContent = `Zurück zu „${entry.title ?? id}“`;
    changes = await fetchReportJson(ags, id, to, 'changes.json');
  } catch (error) {
    const e = /** @type {import('../api.js').ApiError} */ (error);
    const text =
      e.status === 404
        ? `Für Version ${to} liegt keine Änderungsübersicht vor (zum Beispiel, weil es die erste Version ist).`
        : e.message;
    replace(root, h('h1', {}, `Vergleich: Version ${from} und ${to}`), back, errorBox(text));
    return;
  }
  /** @type {(HTMLElement | false)[]} */
  const parts = [h('h1', {}, `Vergleich: Version ${changes.fromVersion} und ${changes.toVersion}`), back];
  if (changes.fromVersion !== from) {
    parts.push(
      h(
        'div',
        { class: 'meldung warnung' },
        `Hinweis: Die Änderungsübersicht von Version ${to} vergleicht mit Version ${changes.fromVersion} (der damals aktuellen), nicht mit Version ${from}.`,
      ),
    );
  }
  const total =
    changes.overview.length +
    changes.crime.length +
    changes.survey.length +
    changes.suppression.length +
    changes.recommendations.length +
    changes.keyFindings.length +
    changes.warnings.length;
  parts.push(
    h(
      'div',
      { class: 'meldung', id: 'vergleich-zusammenfassung' },
      h(
        'p',
        {},
        total === 0
          ? 'Zwischen den beiden Versionen haben sich keine Kennzahlen geändert.'
          : `${plural(total, 'Änderung', 'Änderungen')} insgesamt: ${plural(changes.overview.length, 'Eckwert', 'Eckwerte')}, ${plural(changes.crime.length, 'Kriminalitätszahl', 'Kriminalitätszahlen')}, ${plural(changes.survey.length, 'Befragungsergebnis', 'Befragungsergebnisse')}, ${plural(changes.recommendations.length, 'Empfehlung', 'Empfehlungen')}.`,
      ),
      changes.inputs ? h('p', {}, inputsText(changes.inputs)) : false,
      h(
        'p',
        {},
        `Programmversion ${changes.versions.engine.from ?? '–'} → ${changes.versions.engine.to ?? '–'}${changes.versions.engine.changed ? ' (geändert)' : ''}.`,
      ),
    ),
  );

  parts.push(h('h2', {}, 'Eckdaten'));
  parts.push(
    changes.overview.length === 0
      ? h('p', {}, 'Keine Änderung.')
      : table(
          'Geänderte Eckdaten',
          ['Kennzahl', `Version ${changes.fromVersion}`, `Version ${changes.toVersion}`, 'Änderung'],
          changes.overview.map((/** @type {any} */ o) => {
            const share = o.field === 'responseRate';
            const fmt = share ? formatPercent : (/** @type {number | null} */ v) => formatNumber(v);
            return [
              o.label,
              fmt(o.value.from),
              fmt(o.value.to),
              share ? formatPoints(o.value.delta) : formatSigned(o.value.delta),
            ];
          }),
          { id: 'vergleich-eckdaten' },
        ),
  );

  parts.push(h('h2', {}, 'Kriminalität (PKS)'));
  parts.push(
    ...changeTables(
      changes.crime,
      'Geänderte Fallzahlen, Häufigkeitszahlen und Aufklärungsquoten',
      [
        'Delikt',
        'Gebiet',
        'Jahr',
        'Fälle vorher',
        'Fälle nachher',
        'HZ vorher',
        'HZ nachher',
        'AQ vorher',
        'AQ nachher',
      ],
      (/** @type {any} */ c) => [
        c.label,
        c.areaName ?? 'ganze Gemeinde',
        String(c.year),
        formatNumber(c.cases.from),
        formatNumber(c.cases.to),
        formatNumber(c.rate.from, 1),
        formatNumber(c.rate.to, 1),
        formatPercent(c.clearanceRate.from),
        formatPercent(c.clearanceRate.to),
      ],
      'vergleich-kriminalitaet',
    ),
  );

  parts.push(h('h2', {}, 'Befragung'));
  parts.push(
    ...changeTables(
      changes.survey,
      'Geänderte Anteile ungünstiger Antworten (gewichtet)',
      [
        'Frage',
        'Gruppe',
        'Anteil vorher',
        'Anteil nachher',
        'Änderung',
        'Antworten vorher',
        'Antworten nachher',
      ],
      (/** @type {any} */ s) => [
        `${s.label} („${s.negativeLabel}“)`,
        s.group.label,
        formatPercent(s.share.from),
        formatPercent(s.share.to),
        formatPoints(s.share.delta),
        formatNumber(s.n.from),
        formatNumber(s.n.to),
      ],
      'vergleich-befragung',
    ),
  );

  if (changes.recommendations.length > 0) {
    parts.push(h('h2', {}, 'Empfehlungen'));
    /** @type {Record<string, string>} */
    const what = { added: 'neu', dropped: 'entfallen', priority: 'Priorität geändert' };
    parts.push(
      table(
        'Geänderte Empfehlungen',
        ['Empfehlung', 'Handlungsfeld', 'Änderung', 'Priorität'],
        changes.recommendations.map((/** @type {any} */ r) => [
          r.title,
          r.field,
          what[r.change] ?? r.change,
          `${r.priorityFrom ?? '–'} → ${r.priorityTo ?? '–'}`,
        ]),
        { id: 'vergleich-empfehlungen' },
      ),
    );
  }
  replace(root, ...parts.filter((p) => p !== false));
}

/**
 * A change list as tables: the entries the report chapter prints (`shown`, the largest) first, the
 * rest folded away in a details element.
 * @param {any[]} items @param {string} caption @param {string[]} head
 * @param {(item: any) => string[]} row @param {string} id
 * @returns {HTMLElement[]}
 */
function changeTables(items, caption, head, row, id) {
  if (items.length === 0) return [h('p', {}, 'Keine Änderung.')];
  const marked = items.filter((i) => i.shown);
  const shown = marked.length > 0 ? marked : items;
  const rest = marked.length > 0 ? items.filter((i) => !i.shown) : [];
  const out = [
    table(rest.length > 0 ? `${caption} – die ${shown.length} größten` : caption, head, shown.map(row), {
      id,
    }),
  ];
  if (rest.length > 0) {
    out.push(
      h(
        'details',
        {},
        h(
          'summary',
          {},
          rest.length === 1
            ? 'Eine weitere, kleinere Änderung anzeigen'
            : `Weitere ${formatNumber(rest.length)} kleinere Änderungen anzeigen`,
        ),
        table(`${caption} – weitere`, head, rest.map(row), { id: `${id}-weitere` }),
      ),
    );
  }
  return out;
}

/** @param {{ changed: string[], added: string[], removed: string[] }} inputs */
function inputsText(inputs) {
  const parts = [];
  if (inputs.changed.length) parts.push(`geändert: ${inputs.changed.join(', ')}`);
  if (inputs.added.length) parts.push(`neu: ${inputs.added.join(', ')}`);
  if (inputs.removed.length) parts.push(`entfernt: ${inputs.removed.join(', ')}`);
  return parts.length === 0
    ? 'Hochgeladene Dateien: unverändert.'
    : `Hochgeladene Dateien – ${parts.join('; ')}.`;
}
