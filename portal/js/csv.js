/**
 * CSV export of the validation report (one row per problem), safe to open in a spreadsheet:
 * a cell that starts with = + - @ TAB or CR gets a leading apostrophe, so it is shown as text and
 * never run as a formula (CSV/formula injection). Separator `;` and a UTF-8 BOM, as German Excel
 * expects; cells with separator, quote or line break are quoted.
 */

/** Characters a spreadsheet may treat as the start of a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell, escaped against formula injection and quoted when needed.
 * @param {unknown} value
 * @returns {string}
 */
export function csvCell(value) {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Rows to CSV text (CRLF line ends, BOM first).
 * @param {readonly (readonly unknown[])[]} rows
 * @returns {string}
 */
export function toCsv(rows) {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(';')).join('\r\n')}\r\n`;
}

/**
 * @typedef {object} Issue
 * @property {'error' | 'warning'} severity
 * @property {string} code
 * @property {string} file
 * @property {number} [row]
 * @property {string} [column]
 * @property {string} [value]
 * @property {string} [expected]
 * @property {string} message
 */

export const VALIDATION_CSV_HEADER = [
  'Schwere',
  'Datei',
  'Zeile',
  'Spalte',
  'Wert',
  'Erwartet',
  'Meldung',
  'Code',
];

/**
 * The validation report as CSV: a header and one row per problem.
 * @param {{ issues: readonly Issue[] }} report
 * @returns {string}
 */
export function validationCsv(report) {
  const rows = report.issues.map((i) => [
    i.severity === 'error' ? 'Fehler' : 'Warnung',
    i.file,
    i.row ?? '',
    i.column ?? '',
    i.value ?? '',
    i.expected ?? '',
    i.message,
    i.code,
  ]);
  return toCsv([VALIDATION_CSV_HEADER, ...rows]);
}
