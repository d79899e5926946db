/**
 * The eight Ortsteile of the fictitious Musterstadt and the parameters that drive every file:
 * population size and age structure, the area's level of incivilities and crime, and the number
 * of survey respondents (fixed by design, so the example always exercises suppression).
 */

export const AGE_GROUPS = ['16-29', '30-44', '45-59', '60-74', '75+'] as const;
export type AgeGroupLabel = (typeof AGE_GROUPS)[number];
/** Inclusive age bounds of the groups above (the last one is capped for the generator). */
export const AGE_BOUNDS: readonly (readonly [number, number])[] = [
  [16, 29],
  [30, 44],
  [45, 59],
  [60, 74],
  [75, 95],
];

/** Share of women among the 16+ population, per age group (older groups are more female). */
export const FEMALE_SHARE_BY_AGE = [0.47, 0.48, 0.49, 0.52, 0.6] as const;

export interface AreaDef {
  readonly id: string;
  readonly name: string;
  /** Inhabitants aged 16+ on 31.12.2025. */
  readonly pop16: number;
  /** Children and adolescents (0–15) per inhabitant aged 16+ (families' areas higher). */
  readonly under16: number;
  /** Shares of the five age groups (sum 1). */
  readonly ageShares: readonly [number, number, number, number, number];
  /** Relative population change per year (2021 → 2025). */
  readonly popTrend: number;
  /** Area effect on the latent fear of crime (0 = city average). */
  readonly fear: number;
  /** Level of incivilities (disorder), roughly 0 (none) to 1.2 (high). */
  readonly incivility: number;
  /** Multiplier on the personal victimisation risk. */
  readonly victimRisk: number;
  /** Neighbourhood cohesion (higher = neighbours help and trust each other more). */
  readonly cohesion: number;
  /** Respondents who named this area (fixed sample design). */
  readonly respondents: number;
  /** Relative weight of recorded crime (Tatort) in this area, 2025. */
  readonly crimeWeight: number;
}

export const AREAS: readonly AreaDef[] = [
  {
    id: '01',
    name: 'Altstadt',
    pop16: 3400,
    under16: 0.12,
    ageShares: [0.2, 0.26, 0.22, 0.19, 0.13],
    popTrend: 0.004,
    fear: 0.55,
    incivility: 0.95,
    victimRisk: 1.4,
    cohesion: -0.1,
    respondents: 52,
    crimeWeight: 375,
  },
  {
    id: '02',
    name: 'Bahnhofsviertel',
    pop16: 2600,
    under16: 0.14,
    ageShares: [0.25, 0.28, 0.21, 0.16, 0.1],
    popTrend: 0.008,
    fear: 1.0,
    incivility: 1.2,
    victimRisk: 1.8,
    cohesion: -0.5,
    respondents: 36,
    crimeWeight: 350,
  },
  {
    id: '03',
    name: 'Nordviertel',
    pop16: 5800,
    under16: 0.16,
    ageShares: [0.13, 0.18, 0.22, 0.27, 0.2],
    popTrend: -0.01,
    fear: 0.3,
    incivility: 0.65,
    victimRisk: 1.0,
    cohesion: 0.0,
    respondents: 84,
    crimeWeight: 290,
  },
  {
    id: '04',
    name: 'Südstadt',
    pop16: 5200,
    under16: 0.2,
    ageShares: [0.15, 0.24, 0.25, 0.22, 0.14],
    popTrend: 0.002,
    fear: 0.0,
    incivility: 0.4,
    victimRisk: 0.9,
    cohesion: 0.2,
    respondents: 80,
    crimeWeight: 166,
  },
  {
    id: '05',
    name: 'Am Stadtpark',
    pop16: 3300,
    under16: 0.19,
    ageShares: [0.12, 0.2, 0.25, 0.26, 0.17],
    popTrend: 0.0,
    fear: 0.15,
    incivility: 0.5,
    victimRisk: 0.9,
    cohesion: 0.2,
    respondents: 53,
    crimeWeight: 150,
  },
  {
    id: '06',
    name: 'Gewerbegebiet Ost',
    pop16: 650,
    under16: 0.05,
    ageShares: [0.18, 0.26, 0.28, 0.19, 0.09],
    popTrend: 0.0,
    fear: 0.35,
    incivility: 0.7,
    victimRisk: 1.2,
    cohesion: -0.3,
    respondents: 7,
    crimeWeight: 60,
  },
  {
    id: '07',
    name: 'Waldsiedlung',
    pop16: 2700,
    under16: 0.21,
    ageShares: [0.12, 0.17, 0.27, 0.28, 0.16],
    popTrend: 0.005,
    fear: -0.5,
    incivility: 0.15,
    victimRisk: 0.6,
    cohesion: 0.6,
    respondents: 46,
    crimeWeight: 60,
  },
  {
    id: '08',
    name: 'Dorf Eichenau',
    pop16: 1350,
    under16: 0.2,
    ageShares: [0.12, 0.18, 0.26, 0.27, 0.17],
    popTrend: -0.008,
    fear: -0.6,
    incivility: 0.1,
    victimRisk: 0.5,
    cohesion: 0.8,
    respondents: 18,
    crimeWeight: 26,
  },
];

/** Respondents who left `gebiet` empty (their true area is drawn by population). */
export const UNKNOWN_AREA_RESPONDENTS = 6;

export const KOMMUNE = { name: 'Musterstadt', ags: '14522999', kreis: '14522', land: 'Sachsen' } as const;
export const BERICHTSJAHR = 2025;
export const CRIME_YEARS = [2021, 2022, 2023, 2024, 2025] as const;
export const INVITED = 1000;

export function areaById(id: string): AreaDef {
  const a = AREAS.find((x) => x.id === id);
  if (!a) throw new Error(`unknown area ${id}`);
  return a;
}
