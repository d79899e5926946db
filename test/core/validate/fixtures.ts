/**
 * A small synthetic upload for the validation tests: a manifest with two areas, a 40-row survey,
 * population for both areas (5 age groups × 2 sexes), and crime for 2024–2025. It validates with
 * no issue at all, so each corpus case can assert that exactly its one problem is reported.
 */
import type { Manifest } from '../../../src/core/model/dataset.js';
import type { InputFile } from '../../../src/core/ports.js';

export const enc = new TextEncoder();

export function file(name: string, content: string | Uint8Array): InputFile {
  return { name, bytes: typeof content === 'string' ? enc.encode(content) : content };
}

export type Row = readonly (string | number)[];

export function csv(header: readonly string[], rows: readonly Row[]): string {
  return [header.join(';'), ...rows.map((r) => r.join(';'))].join('\n') + '\n';
}

export const MANIFEST = {
  kommune: { name: 'Teststadt', ags: '14522999' },
  berichtsjahr: 2025,
  gebiete: [
    { id: '01', name: 'Altstadt' },
    { id: '02', name: 'Nordviertel' },
  ],
};

/** The same manifest validated, for tests that hand read tables to `validateReadTables`. */
export const VALID_MANIFEST: Manifest = {
  kommune: { name: 'Teststadt', ags: '14522999' },
  titel: 'Sicherheitsanalyse Teststadt 2025',
  berichtsjahr: 2025,
  befragung: {},
  gebiete: [
    { id: '01', name: 'Altstadt' },
    { id: '02', name: 'Nordviertel' },
  ],
  vergleich: { kreis: '14522' },
  branding: { primaerfarbe: '#005CA9', akzentfarbe: '#E8A33D' },
  kontakte: [],
  optionen: { mindestfallzahl: 10 },
};

export const SURVEY_HEADER = [
  'id',
  'gebiet',
  'geschlecht',
  'alter',
  'modus',
  'sg_wohngegend_nacht',
  'furcht_nacht',
  'opfer_raub',
  'anzeige_raub',
  'angstort_1',
] as const;

const SEXES = ['w', 'm', 'd'];
const SG = ['1', '2', '3', '4', '8', '9', ''];

/** Row i (0-based) of the standard survey; Excel row number i + 2. */
export function surveyRow(i: number): string[] {
  const victim = i % 5 === 0;
  return [
    String(i + 1),
    i % 2 === 0 ? '01' : 'Nordviertel',
    SEXES[i % 3]!,
    String(16 + ((i * 7) % 80)),
    i % 2 === 0 ? 'papier' : 'online',
    SG[i % 7]!,
    String((i % 5) + 1),
    victim ? '1' : '2',
    victim ? (i % 10 === 0 ? '1' : '2') : '',
    i === 3 ? 'Bahnhof' : '',
  ];
}

export function surveyRows(n = 40): string[][] {
  return Array.from({ length: n }, (_, i) => surveyRow(i));
}

export const AGE_GROUPS = ['16-29', '30-44', '45-59', '60-74', '75+'];
/** The population covers all ages (contract §4): the survey's groups plus the residents under 16. */
export const POPULATION_GROUPS = ['0-15', ...AGE_GROUPS];

export function populationRows(groups: readonly string[] = POPULATION_GROUPS): string[][] {
  const rows: string[][] = [];
  for (const area of ['01', '02'])
    for (const sex of ['w', 'm'])
      groups.forEach((g, k) => rows.push([area, sex, g, String(100 + k * 10 + (area === '02' ? 5 : 0))]));
  return rows;
}

export const POPULATION_HEADER = ['gebiet', 'geschlecht', 'altersgruppe', 'anzahl'];
export const CRIME_HEADER = [
  'jahr',
  'gebiet',
  'schluessel',
  'straftat',
  'faelle',
  'versuche',
  'aufgeklaert',
  'tatverdaechtige',
];

export function crimeRows(): string[][] {
  return [
    ['2024', '01', '------', '', '120', '10', '60', '50'],
    ['2024', '02', '------', '', '80', '5', '40', '30'],
    ['2024', 'gesamt', '------', '', '200', '15', '100', '80'],
    ['2025', '01', '------', '', '130', '12', '65', '55'],
    ['2025', 'Nordviertel', '------', '', '90', '', '45', ''],
    ['2025', '01', '435*00', 'Einbruch', '7', '3', '1', '2'],
    ['2025', '02', '224000', '', '15', '0', '12', '14'],
  ];
}

export interface UploadParts {
  manifest?: unknown;
  survey?: string;
  population?: string;
  crime?: string;
  extra?: InputFile[];
  omit?: string[];
}

export function upload(parts: UploadParts = {}): InputFile[] {
  const files = [
    file(
      'analyse.json',
      typeof parts.manifest === 'string'
        ? parts.manifest
        : JSON.stringify(parts.manifest ?? MANIFEST, null, 2),
    ),
    file('befragung.csv', parts.survey ?? csv(SURVEY_HEADER, surveyRows())),
    file('bevoelkerung.csv', parts.population ?? csv(POPULATION_HEADER, populationRows())),
    file('kriminalitaet.csv', parts.crime ?? csv(CRIME_HEADER, crimeRows())),
    ...(parts.extra ?? []),
  ];
  return files.filter((f) => !(parts.omit ?? []).includes(f.name));
}

/** The standard survey with one cell replaced (row index 0-based, column by name). */
export function surveyWith(row: number, column: string, value: string): string {
  const rows = surveyRows();
  const c = SURVEY_HEADER.indexOf(column as (typeof SURVEY_HEADER)[number]);
  rows[row]![c] = value;
  return csv(SURVEY_HEADER, rows);
}

export function crimeWith(row: number, column: string, value: string): string {
  const rows = crimeRows();
  rows[row]![CRIME_HEADER.indexOf(column)] = value;
  return csv(CRIME_HEADER, rows);
}
