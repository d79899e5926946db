/**
 * The validated, typed dataset of one analysis: what intake hands to the analysis engine.
 * Survey answers are stored column-wise in typed arrays, so a million respondents stay small.
 */

export type Sex = 'w' | 'm' | 'd';
export const SEXES: readonly Sex[] = ['w', 'm', 'd'];
export const SEX_LABELS: Readonly<Record<Sex, string>> = { w: 'weiblich', m: 'männlich', d: 'divers' };

export interface Area {
  readonly id: string;
  readonly name: string;
}

export interface Manifest {
  readonly kommune: { readonly name: string; readonly ags: string };
  /** Defaults to "Sicherheitsanalyse <name> <berichtsjahr>". */
  readonly titel: string;
  readonly berichtsjahr: number;
  readonly befragung: {
    readonly zeitraum?: string;
    readonly angeschrieben?: number;
    readonly modus?: string;
  };
  readonly gebiete: readonly Area[];
  /** 5-digit Kreis key; defaults to the first 5 digits of the AGS. */
  readonly vergleich: { readonly kreis: string };
  readonly branding: {
    readonly logo?: string;
    /** `#RRGGBB`; defaults to the LPR blue `#005CA9`. */
    readonly primaerfarbe: string;
    /** `#RRGGBB`; defaults to `#E8A33D`. */
    readonly akzentfarbe: string;
  };
  readonly kontakte: readonly { readonly name: string; readonly email?: string }[];
  readonly optionen: { readonly mindestfallzahl: number };
  /** The municipality's earlier analysis this one is a later wave of (issue 16), with the measures implemented since. */
  readonly vorgaenger?: Vorgaenger;
}

/** `vorgaenger` of analyse.json: the predecessor analysis's id and the measures implemented since. */
export interface Vorgaenger {
  readonly analyse: string;
  readonly massnahmen: readonly {
    /** Recommendation id of the earlier report. */
    readonly empfehlung: string;
    /** ISO date YYYY-MM-DD. */
    readonly umgesetzt: string;
    readonly gebiete: readonly string[];
    readonly beschreibung?: string;
  }[];
}

export interface AgeGroup {
  /** As written in `bevoelkerung`, e.g. `16-29` or `75+`. */
  readonly label: string;
  readonly min: number;
  /** Inclusive upper bound; null for an open group like `75+`. */
  readonly max: number | null;
}

/** Answer codes per respondent: 0 = empty (keine Angabe), 1..k = scale codes, 8 = trifft nicht zu, 9 = weiß nicht. */
export type AnswerColumn = Uint8Array;

export interface Survey {
  /** Number of accepted rows (respondents). */
  readonly size: number;
  /** Index into `manifest.gebiete`, or -1 for an unknown area. */
  readonly area: Int16Array;
  /** 0 = keine Angabe, 1 = w, 2 = m, 3 = d. */
  readonly sex: Uint8Array;
  /** Index into `Dataset.ageGroups`, or -1 for keine Angabe. */
  readonly ageGroup: Int8Array;
  /** Age in years, or 0 where only the age group (or nothing) was given. */
  readonly age: Uint8Array;
  /** 0 = unknown, 1 = papier, 2 = online. */
  readonly mode: Uint8Array;
  /** Standard items present in the file, keyed by item code (see codebook). */
  readonly items: Readonly<Record<string, AnswerColumn>>;
  /** Angstort mentions as written (not yet sanitised), with the respondent's area index. */
  readonly freeText: readonly { readonly area: number; readonly text: string }[];
  /** Local extra questions declared in `befragung-zuordnung.json`, coded like standard items. */
  readonly extra: Readonly<Record<string, AnswerColumn>>;
}

export interface ExtraQuestion {
  readonly code: string;
  readonly question: string;
  /** Labels for codes 1..k. */
  readonly labels: readonly string[];
}

export interface PopulationRow {
  readonly areaId: string;
  readonly sex: Sex;
  readonly ageGroup: string;
  readonly count: number;
  readonly year: number | null;
}

export interface CrimeRow {
  readonly year: number;
  /** Area id, or null for the `gesamt` row of the whole municipality. */
  readonly areaId: string | null;
  readonly key: string;
  readonly label: string;
  readonly cases: number;
  readonly attempts: number | null;
  readonly cleared: number | null;
  readonly suspects: number | null;
}

/** One row of the BKA table "Fälle – Kreise" (KR-F-01-T01). */
export interface KreisPksRow {
  readonly year: number;
  /** 5-digit Kreis key, zero-padded (`01001`). */
  readonly kreis: string;
  readonly kreisName: string;
  readonly kreisart: string;
  readonly key: string;
  readonly label: string;
  readonly cases: number;
  /** Häufigkeitszahl as published; null for `#DIV/0!` or empty. */
  readonly rate: number | null;
  readonly attempts: number | null;
  readonly cleared: number | null;
  /** Aufklärungsquote in percent as published; null for `#DIV/0!`. */
  readonly clearanceRatePercent: number | null;
  readonly suspects: number | null;
}

export type PmkBereich = 'rechts' | 'links' | 'auslaendische_ideologie' | 'religioese_ideologie' | 'sonstige';
export const PMK_LABELS: Readonly<Record<PmkBereich, string>> = {
  rechts: 'PMK -rechts-',
  links: 'PMK -links-',
  auslaendische_ideologie: 'PMK -ausländische Ideologie-',
  religioese_ideologie: 'PMK -religiöse Ideologie-',
  sonstige: 'PMK -sonstige Zuordnung-',
};

export interface PmkRow {
  readonly year: number;
  readonly areaId: string | null;
  readonly bereich: PmkBereich;
  readonly cases: number;
  readonly violent: number | null;
  readonly stand: string | null;
}

export interface ProfileRow {
  readonly areaId: string | null;
  readonly indicator: string;
  readonly label: string;
  readonly value: number;
  readonly unit: string | null;
  readonly year: number | null;
  readonly source: string | null;
}

export interface OwiRow {
  readonly year: number;
  readonly areaId: string | null;
  readonly category: string;
  readonly count: number;
}

export interface Logo {
  readonly file: string;
  readonly mime: 'image/svg+xml' | 'image/png';
  readonly bytes: Uint8Array;
}

export interface Dataset {
  readonly manifest: Manifest;
  readonly ageGroups: readonly AgeGroup[];
  readonly survey: Survey;
  readonly population: readonly PopulationRow[];
  readonly crime: readonly CrimeRow[];
  readonly pksKreise: readonly KreisPksRow[];
  readonly pmk: readonly PmkRow[];
  readonly profile: readonly ProfileRow[];
  readonly owi: readonly OwiRow[];
  readonly extraQuestions: readonly ExtraQuestion[];
  readonly logo: Logo | null;
}
