/**
 * Builds a Dataset for the survey tests from a compact description: one object per respondent
 * (area id, sex, age group label or age, mode, item codes, Angstort texts), population as
 * `[area, sex, ageGroup, count]` tuples. Unlisted items are empty (0) for that respondent.
 */
import type {
  AgeGroup,
  Dataset,
  ExtraQuestion,
  PopulationRow,
  Sex,
} from '../../../../src/core/model/dataset.js';

export interface RespondentSpec {
  readonly area?: string | null;
  readonly sex?: Sex | null;
  /** Age group label, or an age in years (assigned to its group). */
  readonly age?: string | number | null;
  readonly mode?: 'papier' | 'online' | null;
  readonly items?: Readonly<Record<string, number>>;
  readonly extra?: Readonly<Record<string, number>>;
  readonly angst?: readonly string[];
}

export interface DatasetSpec {
  readonly areas?: readonly { id: string; name: string }[];
  readonly ageGroups?: readonly AgeGroup[];
  readonly respondents: readonly RespondentSpec[];
  /** [areaId, sex, ageGroup, count] or [areaId, sex, ageGroup, count, year]. */
  readonly population?: readonly (
    readonly [string, Sex, string, number] | readonly [string, Sex, string, number, number]
  )[];
  /** Item columns that exist even if no respondent lists them. */
  readonly itemColumns?: readonly string[];
  readonly extraQuestions?: readonly ExtraQuestion[];
  readonly mindestfallzahl?: number;
  readonly angeschrieben?: number;
  readonly berichtsjahr?: number;
}

export const AREAS = [
  { id: '01', name: 'Altstadt' },
  { id: '02', name: 'Nordviertel' },
  { id: '03', name: 'Südstadt' },
];

export const AGE_GROUPS: AgeGroup[] = [
  { label: '16-39', min: 16, max: 39 },
  { label: '40-64', min: 40, max: 64 },
  { label: '65+', min: 65, max: null },
];

/** `count` copies of a respondent. */
export function times(count: number, r: RespondentSpec): RespondentSpec[] {
  return Array.from({ length: count }, () => r);
}

/** Population with the same count in every area × sex (w, m) × age group. */
export function flatPopulation(
  count: number,
  areas = AREAS,
  ageGroups = AGE_GROUPS,
): [string, Sex, string, number][] {
  return areas.flatMap((a) =>
    (['w', 'm'] as const).flatMap((s) =>
      ageGroups.map((g): [string, Sex, string, number] => [a.id, s, g.label, count]),
    ),
  );
}

export function makeDataset(spec: DatasetSpec): Dataset {
  const areas = spec.areas ?? AREAS;
  const ageGroups = spec.ageGroups ?? AGE_GROUPS;
  const rs = spec.respondents;
  const n = rs.length;
  const area = new Int16Array(n);
  const sex = new Uint8Array(n);
  const ageGroup = new Int8Array(n);
  const age = new Uint8Array(n);
  const mode = new Uint8Array(n);
  const codes = new Set<string>(spec.itemColumns ?? []);
  const extraCodes = new Set<string>((spec.extraQuestions ?? []).map((q) => q.code));
  for (const r of rs) {
    for (const c of Object.keys(r.items ?? {})) codes.add(c);
    for (const c of Object.keys(r.extra ?? {})) extraCodes.add(c);
  }
  const items: Record<string, Uint8Array> = {};
  for (const c of codes) items[c] = new Uint8Array(n);
  const extra: Record<string, Uint8Array> = {};
  for (const c of extraCodes) extra[c] = new Uint8Array(n);
  const freeText: { area: number; text: string }[] = [];
  rs.forEach((r, i) => {
    area[i] = r.area ? areas.findIndex((a) => a.id === r.area) : -1;
    sex[i] = r.sex ? { w: 1, m: 2, d: 3 }[r.sex] : 0;
    if (typeof r.age === 'number') {
      age[i] = r.age;
      ageGroup[i] = ageGroups.findIndex(
        (g) => (r.age as number) >= g.min && (g.max === null || (r.age as number) <= g.max),
      );
    } else {
      ageGroup[i] = r.age ? ageGroups.findIndex((g) => g.label === r.age) : -1;
    }
    mode[i] = r.mode === 'papier' ? 1 : r.mode === 'online' ? 2 : 0;
    for (const [c, v] of Object.entries(r.items ?? {})) items[c]![i] = v;
    for (const [c, v] of Object.entries(r.extra ?? {})) extra[c]![i] = v;
    for (const t of r.angst ?? []) freeText.push({ area: area[i]!, text: t });
  });
  const population: PopulationRow[] = (spec.population ?? []).map((p) => ({
    areaId: p[0],
    sex: p[1],
    ageGroup: p[2],
    count: p[3],
    year: p[4] ?? null,
  }));
  return {
    manifest: {
      kommune: { name: 'Musterstadt', ags: '14522999' },
      titel: 'Sicherheitsanalyse Musterstadt 2025',
      berichtsjahr: spec.berichtsjahr ?? 2025,
      befragung: spec.angeschrieben !== undefined ? { angeschrieben: spec.angeschrieben } : {},
      gebiete: areas,
      vergleich: { kreis: '14522' },
      branding: { primaerfarbe: '#005CA9', akzentfarbe: '#E8A33D' },
      kontakte: [],
      optionen: { mindestfallzahl: spec.mindestfallzahl ?? 10 },
    },
    ageGroups,
    survey: { size: n, area, sex, ageGroup, age, mode, items, freeText, extra },
    population,
    crime: [],
    pksKreise: [],
    pmk: [],
    profile: [],
    owi: [],
    extraQuestions: spec.extraQuestions ?? [],
    logo: null,
  };
}
