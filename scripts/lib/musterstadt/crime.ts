/**
 * The municipal PKS (`kriminalitaet.csv`): 2021–2025 × Ortsteil (and `gesamt`) × every key of
 * DEFAULT_KEYS. City totals follow a plausible trend; cases are spread over the areas by a
 * multinomial draw (crime concentrates in the Bahnhofsviertel and the Altstadt). The `gesamt`
 * row adds cases with unknown Tatort (large for Cybercrime, with a Sammelverfahren in 2024).
 * Consistency: aufgeklaert ≤ faelle; per area and year ------ ≥ 890000 ≥ every other key and
 * 674000 ≥ 899500.
 */
import { DEFAULT_KEYS, KEY_TOTAL } from '../../../src/core/model/pks-keys.js';
import { AREAS, CRIME_YEARS } from './areas.js';
import { toCsv, utf8 } from './csv.js';
import type { Rng } from './rng.js';

export interface CrimeRow {
  readonly jahr: number;
  readonly gebiet: string;
  readonly schluessel: string;
  readonly straftat: string;
  readonly faelle: number;
  readonly versuche: number;
  readonly aufgeklaert: number;
  readonly tatverdaechtige: number;
}

interface KeyModel {
  /** Share of the city's cases with known Tatort, or an explicit series per year. */
  readonly share?: number;
  readonly series?: readonly number[];
  /** Multiplier per year (with `share`). */
  readonly trend?: readonly number[];
  /** Area multipliers on top of the area's overall crime weight. */
  readonly areaMult?: Readonly<Record<string, number>>;
  /** Expected cases with unknown Tatort per year (only in the `gesamt` row). */
  readonly unknown?: readonly number[];
  readonly attempts: number;
  readonly cleared: number;
  /** Suspects per cleared case. */
  readonly suspects: number;
  /** The key's count may not exceed this key's count in the same area. */
  readonly cap?: string;
}

/** Cases with known Tatort (all areas) per year, for Straftaten insgesamt. */
const KNOWN_TOTAL = [1330, 1395, 1450, 1470, 1440];

const MODELS: Readonly<Record<string, KeyModel>> = {
  '892000': {
    share: 0.032,
    trend: [0.95, 0.98, 1, 1.03, 1.02],
    areaMult: { '02': 1.8, '01': 1.3, '07': 0.6, '08': 0.6 },
    attempts: 0.12,
    cleared: 0.8,
    suspects: 1.1,
  },
  '224000': {
    share: 0.088,
    trend: [0.92, 0.97, 1, 1.02, 1],
    areaMult: { '02': 1.3, '01': 1.1 },
    attempts: 0.02,
    cleared: 0.9,
    suspects: 1.0,
  },
  '899000': {
    share: 0.215,
    trend: [1.05, 1.02, 1, 0.98, 0.97],
    areaMult: { '01': 1.2, '02': 1.2, '06': 1.1, '08': 0.7 },
    unknown: [4, 5, 3, 5, 4],
    attempts: 0.05,
    cleared: 0.22,
    suspects: 0.9,
  },
  '435*00': {
    share: 0.026,
    trend: [0.85, 0.92, 1, 1.05, 1.1],
    areaMult: { '07': 1.7, '05': 1.5, '04': 1.5, '08': 1.3, '02': 0.6, '06': 0.4, '01': 0.8 },
    attempts: 0.42,
    cleared: 0.2,
    suspects: 0.8,
  },
  '***300': {
    share: 0.075,
    trend: [1.05, 1, 1.02, 0.97, 0.95],
    areaMult: { '02': 1.4, '01': 1.1, '08': 0.6 },
    unknown: [2, 3, 2, 4, 3],
    attempts: 0.02,
    cleared: 0.1,
    suspects: 0.9,
  },
  '326*00': {
    share: 0.095,
    trend: [0.9, 0.95, 1, 1.05, 1.08],
    areaMult: { '01': 1.6, '06': 2.5, '03': 0.8, '05': 0.7, '07': 0.2, '08': 0.2 },
    attempts: 0.06,
    cleared: 0.9,
    suspects: 0.95,
  },
  '674000': {
    share: 0.13,
    trend: [1, 1.02, 0.98, 1, 1.01],
    areaMult: { '02': 1.25 },
    unknown: [3, 2, 4, 3, 3],
    attempts: 0.01,
    cleared: 0.25,
    suspects: 0.85,
  },
  '899500': {
    series: [22, 29, 37, 46, 58],
    areaMult: { '02': 1.4, '01': 1.3, '07': 0.5, '08': 0.4 },
    attempts: 0.01,
    cleared: 0.15,
    suspects: 0.9,
    cap: '674000',
  },
  '730000': {
    share: 0.048,
    trend: [0.9, 1, 1.05, 1.1, 1],
    areaMult: { '02': 2.2, '01': 1.2, '07': 0.4, '08': 0.4 },
    attempts: 0.01,
    cleared: 0.95,
    suspects: 0.95,
  },
  '897000': {
    series: [9, 11, 12, 14, 13],
    unknown: [25, 28, 32, 88, 38],
    attempts: 0.08,
    cleared: 0.3,
    suspects: 0.6,
  },
};
const TOTAL_RATES = { attempts: 0.06, cleared: 0.58, suspects: 0.75 };
/** Expected Aufenthalts-/Asylrecht cases (725000) per area and year: the gap between ------ and 890000. */
const MIGRATION_LAW: Readonly<Record<string, number>> = { '02': 1.5, '01': 0.6, '06': 0.4 };

const LABELS = new Map(DEFAULT_KEYS.map((k) => [k.key, k.label]));

/** Moves cases above `cap` to the areas with the most headroom, keeping the city total. */
function repairCaps(counts: number[], caps: readonly number[]): void {
  let excess = 0;
  counts.forEach((c, i) => {
    const cap = caps[i] ?? 0;
    if (c > cap) {
      excess += c - cap;
      counts[i] = cap;
    }
  });
  while (excess > 0) {
    let best = -1;
    let room = 0;
    counts.forEach((c, i) => {
      const r = (caps[i] ?? 0) - c;
      if (r > room) {
        room = r;
        best = i;
      }
    });
    if (best < 0) break;
    counts[best] = (counts[best] ?? 0) + 1;
    excess--;
  }
}

function detailRow(
  rng: Rng,
  jahr: number,
  gebiet: string,
  key: string,
  faelle: number,
  rates: { attempts: number; cleared: number; suspects: number },
): CrimeRow {
  const aufgeklaert = rng.binomial(faelle, rates.cleared);
  return {
    jahr,
    gebiet,
    schluessel: key,
    straftat: LABELS.get(key) ?? key,
    faelle,
    versuche: rng.binomial(faelle, rates.attempts),
    aufgeklaert,
    tatverdaechtige: Math.round(aufgeklaert * rates.suspects * (0.9 + 0.2 * rng.uniform())),
  };
}

function sumRows(rows: readonly CrimeRow[], extra: CrimeRow): CrimeRow {
  const add = (f: 'faelle' | 'versuche' | 'aufgeklaert' | 'tatverdaechtige'): number =>
    rows.reduce((s, r) => s + r[f], extra[f]);
  return {
    ...extra,
    faelle: add('faelle'),
    versuche: add('versuche'),
    aufgeklaert: add('aufgeklaert'),
    tatverdaechtige: add('tatverdaechtige'),
  };
}

export function buildCrime(rng: Rng): CrimeRow[] {
  const rows: CrimeRow[] = [];
  const areaIds = AREAS.map((a) => a.id);
  CRIME_YEARS.forEach((jahr, y) => {
    const byKey = new Map<string, CrimeRow[]>();
    const unknownRows = new Map<string, CrimeRow>();
    const drift = AREAS.map((a) => a.crimeWeight * (1 + rng.normal(0, 0.04)));

    // Straftaten insgesamt and 890000 (without Aufenthalts-/Asylrecht).
    const totals = rng.multinomial(KNOWN_TOTAL[y] ?? 1400, drift);
    const migration = areaIds.map((id) => rng.poisson(MIGRATION_LAW[id] ?? 0.15));
    const without = totals.map((t, i) => Math.max(0, t - (migration[i] ?? 0)));
    byKey.set(
      '890000',
      areaIds.map((id, i) => detailRow(rng, jahr, id, '890000', without[i] ?? 0, TOTAL_RATES)),
    );

    for (const def of DEFAULT_KEYS) {
      const m = MODELS[def.key];
      if (!m) continue;
      const expected = m.series
        ? (m.series[y] ?? 0) + rng.int(-1, 1)
        : Math.round(
            (m.share ?? 0) * (KNOWN_TOTAL[y] ?? 0) * (m.trend?.[y] ?? 1) * (1 + rng.normal(0, 0.03)),
          );
      const weights = drift.map((w, i) => w * (m.areaMult?.[areaIds[i] ?? ''] ?? 1));
      const counts = rng.multinomial(expected, weights);
      const capRows = byKey.get(m.cap ?? '890000') ?? [];
      repairCaps(
        counts,
        capRows.map((r) => r.faelle),
      );
      byKey.set(
        def.key,
        areaIds.map((id, i) => detailRow(rng, jahr, id, def.key, counts[i] ?? 0, m)),
      );
      const unknown = rng.poisson(m.unknown?.[y] ?? 0);
      const sammel = def.key === '897000' && jahr === 2024;
      unknownRows.set(
        def.key,
        detailRow(rng, jahr, 'gesamt', def.key, unknown, sammel ? { ...m, cleared: 0.9, suspects: 0.05 } : m),
      );
    }

    // Unknown Tatort of the totals: at least the sum of the keys' unknown cases, plus other offences.
    const unknownSum = [...unknownRows.values()].reduce((s, r) => s + r.faelle, 0) + rng.poisson(12);
    unknownRows.set('890000', detailRow(rng, jahr, 'gesamt', '890000', unknownSum, TOTAL_RATES));
    const totalAreaRows = (byKey.get('890000') ?? []).map((r, i) => {
      const mig = migration[i] ?? 0;
      return {
        ...r,
        schluessel: KEY_TOTAL,
        straftat: LABELS.get(KEY_TOTAL) ?? '',
        faelle: r.faelle + mig,
        aufgeklaert: r.aufgeklaert + mig,
        tatverdaechtige: r.tatverdaechtige + mig,
      };
    });
    byKey.set(KEY_TOTAL, totalAreaRows);
    const u890 = unknownRows.get('890000');
    if (u890)
      unknownRows.set(KEY_TOTAL, { ...u890, schluessel: KEY_TOTAL, straftat: LABELS.get(KEY_TOTAL) ?? '' });

    for (const id of [...areaIds, 'gesamt']) {
      for (const def of DEFAULT_KEYS) {
        const areaRows = byKey.get(def.key) ?? [];
        if (id !== 'gesamt') {
          const r = areaRows.find((x) => x.gebiet === id);
          if (r) rows.push(r);
        } else {
          const extra = unknownRows.get(def.key);
          if (extra) rows.push(sumRows(areaRows, extra));
        }
      }
    }
  });
  return rows;
}

export const CRIME_COLUMNS = [
  'jahr',
  'gebiet',
  'schluessel',
  'straftat',
  'faelle',
  'versuche',
  'aufgeklaert',
  'tatverdaechtige',
] as const;

export function crimeCsv(rows: readonly CrimeRow[]): Buffer {
  const table = [[...CRIME_COLUMNS], ...rows.map((r) => CRIME_COLUMNS.map((c) => r[c]))];
  return utf8(toCsv(table, ';', '\n'), false);
}
