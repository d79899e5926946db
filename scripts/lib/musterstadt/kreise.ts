/**
 * A synthetic BKA table "Fälle – Kreise" (KR-F-01-T01) in the exact published CSV format:
 * Latin-1, `;`, LF, a first line of column numbers, the 18-column header, `,` as thousands
 * separator, `.` as decimal point, `#DIV/0!` where a share cannot be computed, `------` as the key
 * of the total line and Kreis keys without the leading zero. The figures are invented; only the
 * format, the Kreis names and the offence labels are those of the real table.
 */
import iconv from 'iconv-lite';
import type { Rng } from './rng.js';

/** Header line of the published CSV (a format, not data). */
export const BKA_HEADER =
  'Schluessel;Straftat;Gemeindeschluessel;Stadt-/Landkreis;Kreisart;Anzahl erfasste Faelle;Haeufigkeitszahl;erfasste Faelle, davon Versuche - Anzahl;erfasste Faelle, davon Versuche - Anteil in %;mit Schusswaffe gedroht;mit Schusswaffe geschossen;Auffklaerung - Anzahl Faelle;Aufklaerungsquote;Tatverdaechtige insgesamt;Tatverdaechtige - maennlich;Tatverdaechtige - weiblich;Nichtdeutsche Tatverdaechtige - Anzahl;Nichtdeutsche Tatverdaechtige - Anteil in % an der Gesamtzahl';

interface Kreis {
  readonly key: string;
  readonly name: string;
  readonly art: 'KfS' | 'LK' | 'K';
  readonly population: number;
  /** Approximate HZ of Straftaten insgesamt before noise. */
  readonly hz: number;
  /** Share of non-German suspects. */
  readonly foreign: number;
  /** Share of 725000 (migration law) in all cases: high at the borders. */
  readonly migration: number;
}

const KREISE: readonly Kreis[] = [
  {
    key: '1001',
    name: 'Flensburg',
    art: 'KfS',
    population: 92400,
    hz: 10200,
    foreign: 0.33,
    migration: 0.03,
  },
  {
    key: '1054',
    name: 'Nordfriesland',
    art: 'K',
    population: 167800,
    hz: 5300,
    foreign: 0.2,
    migration: 0.02,
  },
  {
    key: '14511',
    name: 'Chemnitz',
    art: 'KfS',
    population: 248900,
    hz: 7900,
    foreign: 0.42,
    migration: 0.02,
  },
  {
    key: '14521',
    name: 'Erzgebirgskreis',
    art: 'LK',
    population: 326500,
    hz: 3150,
    foreign: 0.17,
    migration: 0.03,
  },
  {
    key: '14522',
    name: 'Mittelsachsen',
    art: 'LK',
    population: 299700,
    hz: 3700,
    foreign: 0.16,
    migration: 0.01,
  },
  {
    key: '14523',
    name: 'Vogtlandkreis',
    art: 'LK',
    population: 221600,
    hz: 4650,
    foreign: 0.22,
    migration: 0.03,
  },
  { key: '14524', name: 'Zwickau', art: 'LK', population: 308300, hz: 4250, foreign: 0.18, migration: 0.01 },
  { key: '14612', name: 'Dresden', art: 'KfS', population: 563300, hz: 8300, foreign: 0.36, migration: 0.02 },
  { key: '14625', name: 'Bautzen', art: 'LK', population: 295400, hz: 4900, foreign: 0.18, migration: 0.04 },
  { key: '14626', name: 'Görlitz', art: 'LK', population: 247100, hz: 8100, foreign: 0.55, migration: 0.09 },
  { key: '14627', name: 'Meißen', art: 'LK', population: 239800, hz: 4400, foreign: 0.18, migration: 0.01 },
  {
    key: '14628',
    name: 'Sächsische Schweiz-Osterzgebirge',
    art: 'LK',
    population: 244600,
    hz: 5800,
    foreign: 0.5,
    migration: 0.08,
  },
  {
    key: '14713',
    name: 'Leipzig',
    art: 'KfS',
    population: 615400,
    hz: 10600,
    foreign: 0.37,
    migration: 0.01,
  },
  { key: '14729', name: 'Leipzig', art: 'LK', population: 259500, hz: 5000, foreign: 0.18, migration: 0.01 },
  {
    key: '14730',
    name: 'Nordsachsen',
    art: 'LK',
    population: 197500,
    hz: 5700,
    foreign: 0.21,
    migration: 0.02,
  },
];

interface OffenceModel {
  readonly key: string;
  /** Label as printed in the BKA table. */
  readonly label: string;
  /** Share of Straftaten insgesamt (cities use `cityShare` when given). */
  readonly share: number;
  readonly cityShare?: number;
  readonly attempts: number;
  readonly cleared: number;
  readonly suspects: number;
  readonly male: number;
  readonly threatened?: number;
  readonly shot?: number;
}

/** In the order of the published table (a subset of its 41 keys). */
const OFFENCES: readonly OffenceModel[] = [
  {
    key: '------',
    label: 'Straftaten insgesamt',
    share: 1,
    attempts: 0.065,
    cleared: 0.6,
    suspects: 0.74,
    male: 0.76,
    threatened: 0.0009,
    shot: 0.0012,
  },
  {
    key: '216000',
    label: 'Handtaschenraub',
    share: 0.00007,
    cityShare: 0.00025,
    attempts: 0.3,
    cleared: 0.3,
    suspects: 1.0,
    male: 0.95,
  },
  {
    key: '224000',
    label: 'Vorsätzliche einfache Körperverletzung § 223 StGB',
    share: 0.072,
    attempts: 0.035,
    cleared: 0.9,
    suspects: 0.86,
    male: 0.79,
  },
  {
    key: '326*00',
    label: 'Einfacher Ladendiebstahl',
    share: 0.075,
    cityShare: 0.09,
    attempts: 0.06,
    cleared: 0.9,
    suspects: 0.85,
    male: 0.62,
  },
  {
    key: '435*00',
    label: 'Wohnungseinbruchdiebstahl §§ 244 Abs. 1 Nr. 3 und Abs. 4,  244a StGB',
    share: 0.0085,
    attempts: 0.46,
    cleared: 0.26,
    suspects: 1.0,
    male: 0.88,
  },
  {
    key: '***300',
    label: 'Diebstahl insgesamt von Fahrrädern einschl. unbefugte Ingebrauchnahme',
    share: 0.055,
    cityShare: 0.085,
    attempts: 0.02,
    cleared: 0.1,
    suspects: 0.9,
    male: 0.9,
  },
  {
    key: '674000',
    label: 'Sachbeschädigung §§ 303-305a StGB',
    share: 0.135,
    cityShare: 0.11,
    attempts: 0.012,
    cleared: 0.27,
    suspects: 0.9,
    male: 0.85,
    shot: 0.002,
  },
  {
    key: '730000',
    label: 'Rauschgiftdelikte (soweit nicht bereits mit anderer Schlüsselzahl erfasst) ',
    share: 0.05,
    attempts: 0.015,
    cleared: 0.94,
    suspects: 0.92,
    male: 0.86,
  },
  {
    key: '890000',
    label:
      'Straftaten insgesamt, jedoch ohne Verstöße gegen das Aufenthalts-, das Asyl- und das Freizügigkeitsgesetz/EU',
    share: 1,
    attempts: 0.066,
    cleared: 0.58,
    suspects: 0.74,
    male: 0.76,
    threatened: 0.0009,
    shot: 0.0012,
  },
  {
    key: '892000',
    label: 'Gewaltkriminalität',
    share: 0.027,
    cityShare: 0.033,
    attempts: 0.13,
    cleared: 0.78,
    suspects: 1.15,
    male: 0.87,
    threatened: 0.012,
    shot: 0.002,
  },
  {
    key: '897000',
    label: 'Cybercrime',
    share: 0.04,
    attempts: 0.09,
    cleared: 0.33,
    suspects: 0.7,
    male: 0.7,
  },
  {
    key: '899000',
    label: 'Straßenkriminalität',
    share: 0.19,
    cityShare: 0.24,
    attempts: 0.05,
    cleared: 0.2,
    suspects: 0.95,
    male: 0.87,
    threatened: 0.0015,
    shot: 0.002,
  },
  {
    key: '899500',
    label: 'Sachbeschädigung durch Graffiti insgesamt',
    share: 0.015,
    cityShare: 0.04,
    attempts: 0.005,
    cleared: 0.15,
    suspects: 1.2,
    male: 0.9,
  },
];

/** Integer with `,` as thousands separator (`1,234`). */
function bkaInt(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Percentage with one decimal, trailing `.0` dropped, `#DIV/0!` when the base is 0. */
function bkaPercent(part: number, base: number): string {
  if (base === 0) return '#DIV/0!';
  const v = (Math.round((part * 1000) / base) / 10).toFixed(1);
  return v.endsWith('.0') ? v.slice(0, -2) : v;
}

function kreisRow(rng: Rng, k: Kreis, o: OffenceModel, cases: number): string {
  const attempts = rng.binomial(cases, o.attempts);
  const cleared = rng.binomial(cases, o.cleared * (0.93 + 0.14 * rng.uniform()));
  const suspects = Math.round(cleared * o.suspects * (0.9 + 0.2 * rng.uniform()));
  const male = rng.binomial(suspects, o.male);
  const foreign = rng.binomial(suspects, k.foreign);
  const threatened = o.threatened ? rng.poisson(cases * o.threatened) : 0;
  const shot = o.shot ? rng.poisson(cases * o.shot) : 0;
  return [
    o.key,
    o.label,
    k.key,
    k.name,
    k.art,
    bkaInt(cases),
    bkaInt(Math.round((cases * 100000) / k.population)),
    bkaInt(attempts),
    bkaPercent(attempts, cases),
    bkaInt(threatened),
    bkaInt(shot),
    bkaInt(cleared),
    bkaPercent(cleared, cases),
    bkaInt(suspects),
    bkaInt(male),
    bkaInt(suspects - male),
    bkaInt(foreign),
    bkaPercent(foreign, suspects),
  ].join(';');
}

export function buildKreiseCsv(rng: Rng): Buffer {
  // Straftaten insgesamt per Kreis, then every key as a share of it.
  const totals = new Map(
    KREISE.map((k) => [k.key, Math.round((k.hz * (1 + rng.normal(0, 0.05)) * k.population) / 100000)]),
  );
  const lines = [Array.from({ length: 18 }, (_, i) => String(i + 1)).join(';'), BKA_HEADER];
  for (const o of OFFENCES) {
    for (const k of KREISE) {
      const total = totals.get(k.key) ?? 0;
      const share = k.art === 'KfS' ? (o.cityShare ?? o.share) : o.share;
      let cases: number;
      if (o.key === '------') cases = total;
      else if (o.key === '890000') cases = Math.round(total * (1 - k.migration));
      else if (o.key === '216000') cases = rng.poisson(total * share);
      else cases = Math.max(0, Math.round(total * share * (1 + rng.normal(0, 0.12))));
      lines.push(kreisRow(rng, k, o, cases));
    }
  }
  return iconv.encode(lines.join('\n') + '\n', 'latin1');
}

export const KREIS_POPULATION: ReadonlyMap<string, number> = new Map(
  KREISE.map((k) => [k.key, k.population]),
);
