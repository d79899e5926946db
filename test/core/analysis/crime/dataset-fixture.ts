/** Synthetic datasets for the crime, profile, comparison and recommendation tests. */
import type {
  CrimeRow,
  Dataset,
  KreisPksRow,
  OwiRow,
  PmkRow,
  PopulationRow,
  ProfileRow,
} from '../../../../src/core/model/dataset.js';

export interface DatasetParts {
  areas?: { id: string; name: string }[];
  berichtsjahr?: number;
  kreis?: string;
  population?: PopulationRow[];
  crime?: CrimeRow[];
  pksKreise?: KreisPksRow[];
  pmk?: PmkRow[];
  profile?: ProfileRow[];
  owi?: OwiRow[];
}

export const AGE_GROUPS = [
  { label: '16-29', min: 16, max: 29 },
  { label: '30-59', min: 30, max: 59 },
  { label: '60+', min: 60, max: null },
];

export function makeDataset(parts: DatasetParts = {}): Dataset {
  const areas = parts.areas ?? [
    { id: '01', name: 'Altstadt' },
    { id: '02', name: 'Nordviertel' },
  ];
  return {
    manifest: {
      kommune: { name: 'Musterstadt', ags: '14522999' },
      titel: 'Sicherheitsanalyse Musterstadt 2024',
      berichtsjahr: parts.berichtsjahr ?? 2024,
      befragung: {},
      gebiete: areas,
      vergleich: { kreis: parts.kreis ?? '14522' },
      branding: { primaerfarbe: '#005CA9', akzentfarbe: '#E8A33D' },
      kontakte: [],
      optionen: { mindestfallzahl: 10 },
    },
    ageGroups: AGE_GROUPS,
    survey: {
      size: 0,
      area: new Int16Array(0),
      sex: new Uint8Array(0),
      ageGroup: new Int8Array(0),
      age: new Uint8Array(0),
      mode: new Uint8Array(0),
      items: {},
      freeText: [],
      extra: {},
    },
    population: parts.population ?? [],
    crime: parts.crime ?? [],
    pksKreise: parts.pksKreise ?? [],
    pmk: parts.pmk ?? [],
    profile: parts.profile ?? [],
    owi: parts.owi ?? [],
    extraQuestions: [],
    logo: null,
  };
}

export function crimeRow(
  year: number,
  areaId: string | null,
  key: string,
  cases: number,
  cleared: number | null = null,
  label = '',
): CrimeRow {
  return { year, areaId, key, label, cases, attempts: null, cleared, suspects: null };
}

/** An area's population as two rows (w: half, rounded down; m: the rest) in age group 30-59. */
export function popRows(areaId: string, total: number, year: number | null = null): PopulationRow[] {
  const w = Math.floor(total / 2);
  return [
    { areaId, sex: 'w', ageGroup: '30-59', count: w, year },
    { areaId, sex: 'm', ageGroup: '30-59', count: total - w, year },
  ];
}

export function kreisRow(
  year: number,
  kreis: string,
  key: string,
  cases: number,
  rate: number | null,
  cleared: number | null = null,
  aqPercent: number | null = null,
  kreisName = `Kreis ${kreis}`,
): KreisPksRow {
  return {
    year,
    kreis,
    kreisName,
    kreisart: 'LK',
    key,
    label: '',
    cases,
    rate,
    attempts: null,
    cleared,
    clearanceRatePercent: aqPercent,
    suspects: null,
  };
}
