/**
 * Area indicators (`gebietsprofil.csv`), long format, as a clerk's Excel export: Windows-1252,
 * `;`, decimal comma and `.` as thousands separator. The `gesamt` rows are sums (area, counts) or
 * population-weighted means (shares, ages) of the areas.
 */
import iconv from 'iconv-lite';
import { AREAS, BERICHTSJAHR } from './areas.js';
import { germanNumber, toCsv } from './csv.js';

interface Indicator {
  readonly code: string;
  readonly unit: string;
  readonly source: string;
  readonly decimals: number;
  /** How the whole-town value is formed from the areas. */
  readonly total: 'sum' | 'mean';
  readonly values: Readonly<Record<string, number>>;
}

const BA = 'Bundesagentur für Arbeit, Sonderauswertung (synthetisch)';
const EMA = 'Einwohnermeldeamt Musterstadt (synthetisch)';

const INDICATORS: readonly Indicator[] = [
  {
    code: 'flaeche_km2',
    unit: 'km²',
    source: 'Vermessungsamt Musterstadt (synthetisch)',
    decimals: 1,
    total: 'sum',
    values: { '01': 1.2, '02': 0.9, '03': 3.4, '04': 4.1, '05': 2.3, '06': 5.6, '07': 6.8, '08': 11.7 },
  },
  {
    code: 'arbeitslose',
    unit: 'Personen',
    source: BA,
    decimals: 0,
    total: 'sum',
    values: { '01': 161, '02': 184, '03': 299, '04': 162, '05': 111, '06': 35, '07': 55, '08': 37 },
  },
  {
    code: 'arbeitslosenquote',
    unit: '%',
    source: BA,
    decimals: 1,
    total: 'mean',
    values: { '01': 7.9, '02': 11.8, '03': 8.6, '04': 5.2, '05': 5.6, '06': 9.1, '07': 3.4, '08': 4.6 },
  },
  {
    code: 'sgb2_quote',
    unit: '%',
    source: BA,
    decimals: 1,
    total: 'mean',
    values: { '01': 11.5, '02': 17.9, '03': 12.4, '04': 6.8, '05': 7.4, '06': 12.2, '07': 3.9, '08': 4.8 },
  },
  {
    code: 'auslaenderanteil',
    unit: '%',
    source: EMA,
    decimals: 1,
    total: 'mean',
    values: { '01': 7.8, '02': 14.6, '03': 6.1, '04': 4.3, '05': 4.9, '06': 11.3, '07': 1.8, '08': 1.2 },
  },
  {
    code: 'durchschnittsalter',
    unit: 'Jahre',
    source: EMA,
    decimals: 1,
    total: 'mean',
    values: {
      '01': 44.6,
      '02': 41.3,
      '03': 50.2,
      '04': 46.1,
      '05': 48.7,
      '06': 43.2,
      '07': 49.5,
      '08': 50.4,
    },
  },
  {
    code: 'einpersonenhaushalte_anteil',
    unit: '%',
    source: 'Zensus 2022, Fortschreibung (synthetisch)',
    decimals: 1,
    total: 'mean',
    values: {
      '01': 52.1,
      '02': 58.7,
      '03': 46.3,
      '04': 38.2,
      '05': 41.5,
      '06': 44.0,
      '07': 24.6,
      '08': 26.3,
    },
  },
  {
    code: 'leerstandsquote',
    unit: '%',
    source: 'Wohnungsmarktbericht Musterstadt (synthetisch)',
    decimals: 1,
    total: 'mean',
    values: { '01': 8.4, '02': 13.9, '03': 9.8, '04': 4.1, '05': 4.9, '06': 11.2, '07': 1.6, '08': 6.7 },
  },
  {
    code: 'wahlbeteiligung',
    unit: '%',
    source: 'Wahlamt Musterstadt, Bundestagswahl 2025 (synthetisch)',
    decimals: 1,
    total: 'mean',
    values: {
      '01': 71.2,
      '02': 61.5,
      '03': 66.8,
      '04': 77.9,
      '05': 78.4,
      '06': 63.0,
      '07': 82.5,
      '08': 79.1,
    },
  },
];

export function buildProfileCsv(): Buffer {
  const rows: (string | number)[][] = [['gebiet', 'indikator', 'wert', 'einheit', 'jahr', 'quelle']];
  const weight = new Map(AREAS.map((a) => [a.id, a.pop16]));
  const popTotal = AREAS.reduce((s, a) => s + a.pop16, 0);
  for (const ind of INDICATORS) {
    for (const a of AREAS)
      rows.push([
        a.id,
        ind.code,
        germanNumber(ind.values[a.id] ?? 0, ind.decimals),
        ind.unit,
        BERICHTSJAHR,
        ind.source,
      ]);
    const entries = Object.entries(ind.values);
    const total =
      ind.total === 'sum'
        ? entries.reduce((s, [, v]) => s + v, 0)
        : entries.reduce((s, [id, v]) => s + v * (weight.get(id) ?? 0), 0) / popTotal;
    rows.push(['gesamt', ind.code, germanNumber(total, ind.decimals), ind.unit, BERICHTSJAHR, ind.source]);
  }
  return iconv.encode(toCsv(rows, ';', '\r\n'), 'win1252');
}
