/** Minimal CSV writing (RFC 4180 quoting) and the number formats of the generated files. */

export type Delimiter = ';' | ',' | '\t';

function quote(field: string, delimiter: Delimiter): string {
  return field.includes(delimiter) || /["\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** Joins rows to CSV text; every line, including the last, ends with `eol`. */
export function toCsv(
  rows: readonly (readonly (string | number)[])[],
  delimiter: Delimiter,
  eol: '\n' | '\r\n',
): string {
  return rows.map((r) => r.map((f) => quote(String(f), delimiter)).join(delimiter) + eol).join('');
}

/** UTF-8 bytes, optionally with a byte order mark (as Excel writes "CSV UTF-8"). */
export function utf8(text: string, bom: boolean): Buffer {
  const body = Buffer.from(text, 'utf8');
  return bom ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
}

/** German decimal comma with a fixed number of decimals and `.` thousands separator: 1.234,5 */
export function germanNumber(value: number, decimals: number): string {
  const [int = '0', frac] = value.toFixed(decimals).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return frac === undefined ? grouped : `${grouped},${frac}`;
}
