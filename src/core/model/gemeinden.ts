/**
 * The list of municipalities (AGS, name, Kreis, residents) that new analyses are chosen from and that
 * LPR screens name municipalities by. The default is Saxony's list in `data/gemeinden-sachsen.csv`
 * (Destatis Gemeindeverzeichnis, dl-de/by-2-0); the LPR may replace it with a current extract of the
 * same columns. An AGS missing from the list is a warning, never a refusal (municipalities merge).
 */
import { readCsv } from '../input/csv.js';
import type { ValidationIssue } from '../validate/issues.js';

export interface Gemeinde {
  /** 8-digit Amtlicher Gemeindeschlüssel. */
  readonly ags: string;
  readonly name: string;
  /** 5-digit Kreis key. */
  readonly kreisKey: string;
  readonly kreis: string;
  readonly einwohner: number | null;
  readonly flaecheKm2: number | null;
}

export const GEMEINDEN_ATTRIBUTION =
  'Gemeindeliste: Statistisches Bundesamt (Destatis), Gemeindeverzeichnis, Datenlizenz Deutschland – Namensnennung 2.0';

const COLUMNS = ['ags', 'gemeinde', 'kreis_schluessel', 'kreis', 'einwohner', 'flaeche_km2'] as const;

export interface GemeindenResult {
  readonly gemeinden: readonly Gemeinde[];
  readonly issues: readonly ValidationIssue[];
}

const germanNumber = (text: string): number | null => {
  const t = text.trim().replace(/\./g, '').replace(',', '.');
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
};

/** Reads the list (CSV in UTF-8 or Windows-1252, `;` or `,`); rows without a valid AGS are reported, not dropped silently. */
export function parseGemeinden(file: { readonly name: string; readonly bytes: Uint8Array }): GemeindenResult {
  const read = readCsv(file, { kind: 'gemeinden', maxRows: 20_000, expectedColumns: COLUMNS });
  const issues: ValidationIssue[] = [...read.issues];
  const table = read.table;
  if (!table) return { gemeinden: [], issues };
  const index = new Map(table.columns.map((c, i) => [c.trim().toLowerCase(), i]));
  const at = (cells: readonly unknown[], column: (typeof COLUMNS)[number]): string => {
    const i = index.get(column);
    const v = i === undefined ? undefined : cells[i];
    return v === null || v === undefined ? '' : String(v).trim();
  };
  const gemeinden: Gemeinde[] = [];
  for (const row of table.rows) {
    const ags = at(row.cells, 'ags').padStart(8, '0');
    if (!/^\d{8}$/.test(ags)) {
      issues.push({
        severity: 'warning',
        code: 'gemeinden-ags',
        file: file.name,
        row: row.rowNumber,
        column: 'ags',
        value: at(row.cells, 'ags'),
        expected: '8-stelliger Gemeindeschlüssel',
        message: `${file.name}, Zeile ${row.rowNumber}, Spalte „ags“: „${at(row.cells, 'ags')}“ ist kein 8-stelliger Gemeindeschlüssel; die Zeile wird nicht in die Gemeindeliste übernommen.`,
      });
      continue;
    }
    const kreisKey = at(row.cells, 'kreis_schluessel').padStart(5, '0') || ags.slice(0, 5);
    gemeinden.push({
      ags,
      name: at(row.cells, 'gemeinde'),
      kreisKey,
      kreis: at(row.cells, 'kreis'),
      einwohner: germanNumber(at(row.cells, 'einwohner')),
      flaecheKm2: germanNumber(at(row.cells, 'flaeche_km2')),
    });
  }
  gemeinden.sort((a, b) => a.name.localeCompare(b.name, 'de'));
  return { gemeinden, issues };
}

/** Lookup by AGS. */
export function gemeindeIndex(gemeinden: readonly Gemeinde[]): ReadonlyMap<string, Gemeinde> {
  return new Map(gemeinden.map((g) => [g.ags, g]));
}
