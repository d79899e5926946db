/**
 * The state overview (issue 16), `#/landesueberblick`. LPR staff: every municipality's latest analysis
 * on the core indicators with its position against the Saxon reference values, the reference values,
 * the recommendations by frequency and the survey waves, and the XLSX download. A municipality: the
 * reference values and its own position only (the API gives it nothing else).
 */
import { api, ApiError } from '../api.js';
import { getToken } from '../session.js';
import { errorBox, formatNumber, formatPercent, formatPoints, h, replace, table } from '../dom.js';

/** @type {Record<string, string>} */
const POSITION = {
  'unteres-viertel': 'unteres Viertel',
  'unter-median': 'unter dem Median',
  'ueber-median': 'über dem Median',
  'oberes-viertel': 'oberes Viertel',
};

/**
 * A value as printed: shares in percent (in parentheses when of limited reliability), HZ with one
 * decimal, ratios with two.
 * @param {{ kind: string } | undefined} indicator
 * @param {number | null | undefined} value
 * @param {boolean} [limited]
 */
function formatValue(indicator, value, limited = false) {
  if (value === null || value === undefined) return '–';
  if (!indicator || indicator.kind === 'share') {
    const text = formatPercent(value);
    return limited ? `(${text})` : text;
  }
  return formatNumber(value, indicator.kind === 'rate' ? 1 : 2);
}

/** @param {string | null | undefined} p */
const positionText = (p) => (p ? (POSITION[p] ?? p) : '–');

/**
 * @param {any} row
 * @param {string} id
 */
const valueOf = (row, id) => row?.values.find((/** @type {any} */ v) => v.indicator === id);

/** @param {any} row */
function wavesText(row) {
  return row.waves
    .map((/** @type {any} */ w) => (w.surveyYear !== null ? String(w.surveyYear) : `BJ ${w.berichtsjahr}`))
    .join(', ');
}

/**
 * Reference values, and (for a municipality) its own value and position per indicator.
 * @param {any} data
 * @param {any} [own]
 */
function referenceTable(data, own) {
  /** @type {Map<string, any>} */
  const refs = new Map(data.references.map((/** @type {any} */ r) => [r.indicator, r]));
  const head = ['Kennzahl', 'Kommunen', 'unteres Quartil', 'Median', 'oberes Quartil'];
  if (own) head.push('Ihr Wert', 'Ihre Lage');
  const rows = data.indicators.map((/** @type {any} */ ind) => {
    const r = refs.get(ind.id);
    const shown = r && r.median !== null;
    const cells = [
      ind.label,
      formatNumber(r?.contributors ?? 0),
      shown ? formatValue(ind, r.q1) : 'nicht ausgewiesen',
      shown ? formatValue(ind, r.median) : '–',
      shown ? formatValue(ind, r.q3) : '–',
    ];
    if (own) {
      const v = valueOf(own, ind.id);
      cells.push(formatValue(ind, v?.value, v?.limited), positionText(v?.position));
    }
    return cells;
  });
  return table('Sächsische Referenzwerte (Median und Quartile über die Kommunen)', head, rows, {
    id: 'referenzwerte',
  });
}

/** @param {any} data */
function municipalitiesTable(data) {
  /** @type {Map<string, any>} */
  const ind = new Map(data.indicators.map((/** @type {any} */ i) => [i.id, i]));
  return table(
    'Kernindikatoren der Kommunen (jeweils letzte Analyse)',
    [
      'Kommune',
      'Kreis',
      'Befragung',
      'Nachts unsicher',
      'Lage',
      'Häufigstes Problem',
      'HZ',
      'Lage',
      'HZ ÷ Kreis',
      'Befragungen',
    ],
    data.rows.map((/** @type {any} */ r) => {
      const s = valueOf(r, 'survey:sg_wohngegend_nacht');
      const hz = valueOf(r, 'crime:hz');
      const top = r.topIncivilities[0];
      return [
        r.analysisId
          ? h('a', { href: `#/analyse/${r.ags}/${encodeURIComponent(r.analysisId)}` }, r.name)
          : r.name,
        r.kreis.name ?? r.kreis.key,
        r.surveyYear !== null ? String(r.surveyYear) : `BJ ${r.berichtsjahr}`,
        formatValue(ind.get('survey:sg_wohngegend_nacht'), s?.value, s?.limited),
        positionText(s?.position),
        top ? `${top.label} (${formatPercent(top.share)})` : '–',
        formatValue(ind.get('crime:hz'), hz?.value),
        positionText(hz?.position),
        formatValue(ind.get('crime:hz-kreis'), valueOf(r, 'crime:hz-kreis')?.value),
        wavesText(r),
      ];
    }),
    { id: 'kommunen-tabelle' },
  );
}

/** @param {any} data */
function wavesTable(data) {
  const rows = data.rows.filter((/** @type {any} */ r) => r.waves.length > 1 || r.development);
  if (rows.length === 0) return h('p', {}, 'Bisher hat keine Kommune eine Befragung wiederholt.');
  return table(
    'Wiederholte Befragungen',
    [
      'Kommune',
      'Befragungen',
      'Nachts unsicher: Änderung',
      'Bewertung',
      'gesichert gesunken',
      'gesichert gestiegen',
    ],
    rows.map((/** @type {any} */ r) => {
      const d = r.development;
      const s = d?.safetyNight;
      return [
        r.name,
        wavesText(r),
        s ? formatPoints(s.difference) : '–',
        s
          ? s.significant
            ? s.difference < 0
              ? 'gesunken (gesichert)'
              : 'gestiegen (gesichert)'
            : 'keine gesicherte Veränderung'
          : '–',
        d ? formatNumber(d.improved) : '–',
        d ? formatNumber(d.worsened) : '–',
      ];
    }),
    { id: 'wellen-tabelle' },
  );
}

/**
 * Downloads the overview's XLSX with the session's token (a plain link would not carry it).
 * @param {string} apiBaseUrl
 * @param {HTMLElement} feedback
 */
async function downloadXlsx(apiBaseUrl, feedback) {
  replace(feedback);
  try {
    const res = await fetch(`${apiBaseUrl}/overview/xlsx`, {
      headers: { Authorization: `Bearer ${getToken()}` },
      cache: 'no-store',
    });
    if (!res.ok) throw new ApiError(res.status, 'http', `Download fehlgeschlagen (HTTP ${res.status}).`);
    const url = URL.createObjectURL(await res.blob());
    const a = h('a', { href: url, download: 'Landesueberblick.xlsx' });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  } catch (error) {
    feedback.append(errorBox(/** @type {Error} */ (error).message));
  }
}

/**
 * @param {HTMLElement} root
 * @param {{ who: { kind: 'lpr' } | { kind: 'municipality', ags: string }, apiBaseUrl: string }} options
 */
export async function renderLandesueberblick(root, { who, apiBaseUrl }) {
  replace(root, h('h1', {}, 'Landesüberblick'), h('p', {}, 'Wird geladen …'));
  /** @type {any} */
  let data;
  try {
    data = await api('/overview');
  } catch (error) {
    replace(root, h('h1', {}, 'Landesüberblick'), errorBox(/** @type {Error} */ (error).message));
    return;
  }
  const intro = h(
    'p',
    {},
    `Referenzwerte sind Median und Quartile über ${formatNumber(data.municipalities)} ${
      data.municipalities === 1 ? 'Kommune' : 'Kommunen'
    } mit fertiger Sicherheitsanalyse; sie werden erst gezeigt, wenn mindestens fünf Kommunen beitragen. Höhere Werte sind bei allen Kennzahlen ungünstiger.`,
  );
  if (who.kind !== 'lpr') {
    replace(
      root,
      h('h1', {}, 'Ihre Lage im Landesvergleich'),
      intro,
      data.own
        ? referenceTable(data, data.own)
        : h('p', { class: 'meldung' }, 'Für Ihre Kommune liegt noch kein fertiger Bericht vor.'),
      h(
        'p',
        { class: 'hilfe' },
        'Werte anderer Kommunen sehen Sie hier nicht; nur das LPR-Team sieht den vollständigen Überblick.',
      ),
    );
    return;
  }
  const feedback = h('div', { id: 'download-meldung' });
  replace(
    root,
    h('h1', {}, 'Landesüberblick'),
    intro,
    h(
      'p',
      {},
      h(
        'button',
        { type: 'button', id: 'xlsx-herunterladen', onclick: () => void downloadXlsx(apiBaseUrl, feedback) },
        'Als Excel-Datei herunterladen',
      ),
    ),
    feedback,
    h(
      'section',
      { 'aria-labelledby': 'h-kommunen' },
      h('h2', { id: 'h-kommunen' }, 'Kommunen im Vergleich'),
      municipalitiesTable(data),
    ),
    h(
      'section',
      { 'aria-labelledby': 'h-referenz' },
      h('h2', { id: 'h-referenz' }, 'Referenzwerte'),
      referenceTable(data),
    ),
    h(
      'section',
      { 'aria-labelledby': 'h-empfehlungen' },
      h('h2', { id: 'h-empfehlungen' }, 'Empfehlungen nach Häufigkeit'),
      table(
        'Handlungsempfehlungen der letzten Analysen',
        ['Empfehlung', 'Kommunen', 'Anteil'],
        data.recommendations.map((/** @type {any} */ r) => [
          r.title,
          formatNumber(r.count),
          formatPercent(r.share),
        ]),
        { id: 'empfehlungen-tabelle' },
      ),
    ),
    h(
      'section',
      { 'aria-labelledby': 'h-wellen' },
      h('h2', { id: 'h-wellen' }, 'Befragungswellen'),
      wavesTable(data),
    ),
  );
}
