import { describe, expect, it } from 'vitest';
import { analyseCrime } from '../../../../src/core/analysis/crime/index.js';
import { Crime, Owi, Pmk } from '../../../../src/core/analysis/schema.js';
import { crimeRow, makeDataset, popRows } from './dataset-fixture.js';

const T = '------';

describe('analyseCrime: Häufigkeitszahl and Aufklärungsquote', () => {
  it('computes HZ = cases × 100,000 / population and AQ = cleared / cases', () => {
    // Population 10,000 + 14,873 = 24,873; 57 cases → 57 × 100,000 / 24,873 = 229.164…
    // Cleared 30 of 57 → 0.526315…
    const ds = makeDataset({
      population: [...popRows('01', 10_000), ...popRows('02', 14_873)],
      crime: [crimeRow(2024, null, T, 57, 30)],
    });
    const { crime } = analyseCrime(ds);
    Crime.parse(crime);
    const fig = crime.byYear['2024'];
    expect(fig?.population).toBe(24_873);
    expect(fig?.total.cases).toBe(57);
    expect(fig?.total.rate).toBeCloseTo(229.16, 2);
    expect(fig?.total.clearanceRate).toBeCloseTo(30 / 57, 10);
    expect(fig?.byKey[T]?.rate).toBeCloseTo(229.16, 2);
  });

  it('leaves AQ null when cleared is missing or there are no cases', () => {
    const ds = makeDataset({
      population: popRows('01', 1000),
      crime: [crimeRow(2024, null, T, 12, null), crimeRow(2024, null, '899500', 0, 0)],
      areas: [{ id: '01', name: 'A' }],
    });
    const { crime } = analyseCrime(ds);
    expect(crime.byYear['2024']?.total.clearanceRate).toBeNull();
    expect(crime.byYear['2024']?.byKey['899500']?.clearanceRate).toBeNull();
    expect(crime.byYear['2024']?.byKey['899500']?.rate).toBe(0);
  });

  it('caps AQ at 1 (late clearances can exceed the year’s cases)', () => {
    const ds = makeDataset({ population: popRows('01', 1000), crime: [crimeRow(2024, null, T, 10, 12)] });
    expect(analyseCrime(ds).crime.byYear['2024']?.total.clearanceRate).toBe(1);
  });

  it('uses the population of each year where bevoelkerung has jahr, the nearest year otherwise', () => {
    // 2023: 20,000 inhabitants → 100 cases = HZ 500; 2024: 25,000 → 100 cases = HZ 400; 2022 (no rows) → nearest 2023 → 500.
    const ds = makeDataset({
      population: [...popRows('01', 20_000, 2023), ...popRows('01', 25_000, 2024)],
      crime: [crimeRow(2022, null, T, 100), crimeRow(2023, null, T, 100), crimeRow(2024, null, T, 100)],
    });
    const { crime } = analyseCrime(ds);
    expect(crime.byYear['2022']?.total.rate).toBeCloseTo(500, 10);
    expect(crime.byYear['2023']?.total.rate).toBeCloseTo(500, 10);
    expect(crime.byYear['2024']?.total.rate).toBeCloseTo(400, 10);
    expect(crime.byYear['2024']?.population).toBe(25_000);
  });

  it('gives a null rate without population', () => {
    const { crime } = analyseCrime(makeDataset({ crime: [crimeRow(2024, null, T, 5)] }));
    expect(crime.byYear['2024']?.total.rate).toBeNull();
    expect(crime.byYear['2024']?.population).toBeNull();
    Crime.parse(crime);
  });
});

describe('analyseCrime: gesamt row vs sum of areas', () => {
  const ds = makeDataset({
    population: [...popRows('01', 10_000), ...popRows('02', 10_000)],
    crime: [
      // 435*00: gesamt 20 vs areas 8 + 9 = 17 → municipal 20, flag with difference +3.
      crimeRow(2024, null, '435*00', 20, 5),
      crimeRow(2024, '01', '435*00', 8, 2),
      crimeRow(2024, '02', '435*00', 9, 2),
      // 674000: areas only, 12 + 5 = 17; cleared 6 + 2 = 8.
      crimeRow(2024, '01', '674000', 12, 6),
      crimeRow(2024, '02', '674000', 5, 2),
      // 899500: areas only, cleared missing in one area → AQ null.
      crimeRow(2024, '01', '899500', 11, 4),
      crimeRow(2024, '02', '899500', 3, null),
    ],
  });
  const { crime } = analyseCrime(ds);

  it('takes the gesamt row where present', () => {
    expect(crime.byYear['2024']?.byKey['435*00']?.cases).toBe(20);
    // 20 × 100,000 / 20,000 = 100
    expect(crime.byYear['2024']?.byKey['435*00']?.rate).toBeCloseTo(100, 10);
    expect(crime.byYear['2024']?.byKey['435*00']?.clearanceRate).toBeCloseTo(0.25, 10);
  });

  it('sums the areas where the gesamt row is missing', () => {
    expect(crime.byYear['2024']?.byKey['674000']?.cases).toBe(17);
    expect(crime.byYear['2024']?.byKey['674000']?.clearanceRate).toBeCloseTo(8 / 17, 10);
    expect(crime.byYear['2024']?.byKey['899500']?.cases).toBe(14);
    expect(crime.byYear['2024']?.byKey['899500']?.clearanceRate).toBeNull();
  });

  it('flags the disagreement as informative gesamt-abweichung', () => {
    const f = crime.flags.filter((x) => x.kind === 'gesamt-abweichung');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ key: '435*00', year: 2024, value: 3, areaId: null });
    expect(f[0]?.message).toBe(
      'Wohnungseinbruchdiebstahl 2024: Die Gesamtzahl (20) weicht von der Summe der Gebiete (17) um +3 Fälle ab – üblich bei Fällen ohne Gebietszuordnung; maßgeblich ist die Gesamtzahl.',
    );
  });

  it('gives one gesamt-abweichung flag per key, for the latest year, counting the years', () => {
    // 2022: 10 vs 9 (differs), 2023: 5 vs 5 (agrees), 2024: 8 vs 9 (differs, −1) → flag 2024, 2 of 3 years.
    const multi = makeDataset({
      crime: [
        crimeRow(2022, null, T, 10),
        crimeRow(2022, '01', T, 9),
        crimeRow(2023, null, T, 5),
        crimeRow(2023, '01', T, 5),
        crimeRow(2024, null, T, 8),
        crimeRow(2024, '01', T, 9),
      ],
    });
    const f = analyseCrime(multi).crime.flags.filter((x) => x.kind === 'gesamt-abweichung');
    expect(f.map((x) => [x.year, x.value])).toEqual([[2024, -1]]);
    expect(f[0]?.message).toBe(
      'Straftaten insgesamt 2024: Die Gesamtzahl (8) weicht von der Summe der Gebiete (9) um -1 Fall ab (Abweichungen in 2 von 3 Jahren) – üblich bei Fällen ohne Gebietszuordnung; maßgeblich ist die Gesamtzahl.',
    );
  });

  it('reports area figures per key for the latest year', () => {
    // Area 01: 12 Sachbeschädigungen / 10,000 inhabitants → HZ 120.
    expect(crime.byArea['01']?.byKeyLatest['674000']?.rate).toBeCloseTo(120, 10);
    expect(crime.byArea['01']?.population).toBe(10_000);
  });
});

describe('analyseCrime: keys, trends, structure, averages', () => {
  it('orders keys: default set first, then the others by key', () => {
    const ds = makeDataset({
      crime: [
        crimeRow(2024, null, '510000', 1),
        crimeRow(2024, null, T, 10),
        crimeRow(2024, null, '899500', 1),
        crimeRow(2024, null, '220000', 1),
      ],
    });
    const { crime } = analyseCrime(ds);
    expect(crime.keys.map((k) => k.key)).toEqual([T, '899500', '220000', '510000']);
    expect(crime.keys[0]).toEqual({
      key: T,
      label: 'Straftaten insgesamt',
      controlOffence: false,
      locationOftenUnknown: false,
    });
  });

  it('marks Kontrolldelikte and keys with often unknown Tatort', () => {
    const ds = makeDataset({ crime: [crimeRow(2024, null, '730000', 1), crimeRow(2024, null, '897000', 1)] });
    const keys = analyseCrime(ds).crime.keys;
    expect(keys.find((k) => k.key === '730000')?.controlOffence).toBe(true);
    expect(keys.find((k) => k.key === '897000')?.locationOftenUnknown).toBe(true);
  });

  it('indexes every key to its first year = 100', () => {
    // 100 → 80 → 120 gives 100, 80, 120; a series starting at 0 has no index.
    const ds = makeDataset({
      crime: [
        crimeRow(2022, null, T, 100),
        crimeRow(2023, null, T, 80),
        crimeRow(2024, null, T, 120),
        crimeRow(2022, null, '899500', 0),
        crimeRow(2023, null, '899500', 4),
      ],
    });
    const { crime } = analyseCrime(ds);
    const total = crime.trends.find((t) => t.key === T);
    expect(total?.points).toEqual([
      { year: 2022, cases: 100, index: 100 },
      { year: 2023, cases: 80, index: 80 },
      { year: 2024, cases: 120, index: 120 },
    ]);
    expect(crime.trends.find((t) => t.key === '899500')?.points.map((p) => p.index)).toEqual([null, null]);
    expect(crime.years).toEqual([2022, 2023, 2024]);
  });

  it('gives the offence structure of the latest year as shares of the total, without the total and 890000', () => {
    // Total 200: 892000 30 → 0.15, 674000 50 → 0.25, 899500 20 → 0.1 (⊂ 674000: groups, not a partition).
    const ds = makeDataset({
      crime: [
        crimeRow(2023, null, T, 999),
        crimeRow(2024, null, T, 200),
        crimeRow(2024, null, '890000', 198),
        crimeRow(2024, null, '892000', 30),
        crimeRow(2024, null, '674000', 50),
        crimeRow(2024, null, '899500', 20),
      ],
    });
    const { structure } = analyseCrime(ds).crime;
    expect(structure).toEqual([
      { key: '892000', label: 'Gewaltkriminalität', count: 30, share: 0.15 },
      { key: '674000', label: 'Sachbeschädigung', count: 50, share: 0.25 },
      { key: '899500', label: 'Sachbeschädigung durch Graffiti', count: 20, share: 0.1 },
    ]);
  });

  it('averages Straftaten insgesamt of an area over all years', () => {
    // Area 01: 10, 20, 30 cases with 1,000 inhabitants each year → mean 20 cases, pooled HZ 60 × 100,000 / 3,000 = 2,000.
    const ds = makeDataset({
      areas: [{ id: '01', name: 'Altstadt' }],
      population: popRows('01', 1000),
      crime: [
        crimeRow(2022, '01', T, 10, 5),
        crimeRow(2023, '01', T, 20, 10),
        crimeRow(2024, '01', T, 30, 15),
      ],
    });
    const { crime } = analyseCrime(ds);
    expect(crime.byArea['01']?.average).toMatchObject({
      cases: 20,
      years: [2022, 2023, 2024],
      clearanceRate: 0.5,
    });
    expect(crime.byArea['01']?.average.rate).toBeCloseTo(2000, 10);
    expect(crime.byArea['01']?.byYear['2023']?.rate).toBeCloseTo(2000, 10);
    // Municipal figure = sum of the only area.
    expect(crime.byYear['2024']?.total.cases).toBe(30);
    Crime.parse(crime);
  });
});

describe('analyseCrime: flags', () => {
  it('flags a year-on-year change above ±30 % with a German message', () => {
    // 100 → 142: +0.42, exact conditional Poisson test (142 of 242 ~ Bin(242, ½)) p = 0.0083 → flag;
    // 50 → 71: also +0.42, but p = 0.069 (71 of 121) → noise, no flag;
    // 50 → 65 = +0.30 exactly → not above 30 %; 3 → 6: too few cases.
    const ds = makeDataset({
      crime: [
        crimeRow(2023, null, '435*00', 100),
        crimeRow(2024, null, '435*00', 142),
        crimeRow(2023, null, '440000', 50),
        crimeRow(2024, null, '440000', 71),
        crimeRow(2023, null, '674000', 50),
        crimeRow(2024, null, '674000', 65),
        crimeRow(2023, null, '899500', 3),
        crimeRow(2024, null, '899500', 6),
      ],
    });
    const jumps = analyseCrime(ds).crime.flags.filter((f) => f.kind === 'sprung');
    expect(jumps).toHaveLength(1);
    expect(jumps[0]?.key).toBe('435*00');
    expect(jumps[0]?.value).toBeCloseTo(0.42, 10);
    expect(jumps[0]?.message).toBe(
      'Wohnungseinbruchdiebstahl 2024: +42,0\u00A0% gegenüber 2023 – Sondereffekt prüfen (z. B. Serien- oder Sammelverfahren).',
    );
  });

  it('flags decreases and area totals too', () => {
    // Municipality 100 → 60 = −40 %; area 01 40 → 20 = −50 %.
    const ds = makeDataset({
      crime: [
        crimeRow(2023, null, T, 100),
        crimeRow(2024, null, T, 60),
        crimeRow(2023, '01', T, 40),
        crimeRow(2024, '01', T, 20),
      ],
    });
    const jumps = analyseCrime(ds).crime.flags.filter((f) => f.kind === 'sprung');
    expect(jumps.map((f) => [f.areaId, f.value])).toEqual([
      [null, -0.4],
      ['01', -0.5],
    ]);
    expect(jumps[1]?.message).toBe(
      'Altstadt, Straftaten insgesamt 2024: -50,0\u00A0% gegenüber 2023 – Sondereffekt prüfen (z. B. Serien- oder Sammelverfahren).',
    );
  });

  it('flags fewer than 10 cases in the latest year and points to the multi-year average', () => {
    const ds = makeDataset({
      crime: [
        crimeRow(2023, null, '***300', 12),
        crimeRow(2024, null, '***300', 7),
        crimeRow(2024, null, '899500', 1),
        crimeRow(2024, null, T, 10),
      ],
    });
    const small = analyseCrime(ds).crime.flags.filter((f) => f.kind === 'kleine-fallzahl');
    expect(small.map((f) => [f.key, f.value])).toEqual([
      ['***300', 7],
      ['899500', 1],
    ]);
    expect(small[0]?.message).toBe(
      'Fahrraddiebstahl 2024: nur 7 Fälle – die Häufigkeitszahl schwankt bei kleinen Fallzahlen stark; bitte den Mehrjahresdurchschnitt lesen.',
    );
    expect(small[1]?.message).toContain('nur 1 Fall –');
  });
});

describe('analyseCrime: PMK and Ordnungswidrigkeiten', () => {
  const ds = makeDataset({
    population: popRows('01', 10_000),
    crime: [crimeRow(2024, null, T, 500)],
    pmk: [
      { year: 2024, areaId: null, bereich: 'rechts', cases: 12, violent: 2, stand: '31.01.2025' },
      { year: 2024, areaId: '01', bereich: 'rechts', cases: 7, violent: 1, stand: null },
      { year: 2024, areaId: '01', bereich: 'links', cases: 3, violent: null, stand: null },
      { year: 2024, areaId: '02', bereich: 'links', cases: 2, violent: 0, stand: null },
      { year: 2023, areaId: null, bereich: 'sonstige', cases: 4, violent: 0, stand: '2024-02-01' },
    ],
    owi: [
      { year: 2024, areaId: '01', category: 'Müll', count: 10 },
      { year: 2024, areaId: '02', category: 'Müll', count: 5 },
      { year: 2024, areaId: null, category: 'Lärm', count: 8 },
      { year: 2024, areaId: '01', category: 'Lärm', count: 3 },
      { year: 2023, areaId: null, category: 'Alkoholkonsumverbot', count: 2 },
    ],
  });
  const { crime, pmk, owi } = analyseCrime(ds);

  it('keeps PMK apart from the PKS', () => {
    Pmk.parse(pmk);
    expect(crime.byYear['2024']?.total.cases).toBe(500);
    expect(crime.keys.map((k) => k.key)).toEqual([T]);
    expect(pmk?.years).toEqual([2023, 2024]);
    // rechts 2024: gesamt row 12 (not 12 + 7); links 2024: areas 3 + 2 = 5, violent null (one area without).
    expect(pmk?.rows).toEqual([
      { year: 2023, bereich: 'sonstige', label: 'PMK -sonstige Zuordnung-', cases: 4, violent: 0 },
      { year: 2024, bereich: 'rechts', label: 'PMK -rechts-', cases: 12, violent: 2 },
      { year: 2024, bereich: 'links', label: 'PMK -links-', cases: 5, violent: null },
    ]);
    expect(pmk?.stand).toBe('31.01.2025');
  });

  it('aggregates Ordnungswidrigkeiten per year and category', () => {
    Owi.parse(owi);
    expect(owi?.rows).toEqual([
      { year: 2023, category: 'Alkoholkonsumverbot', count: 2 },
      { year: 2024, category: 'Lärm', count: 8 },
      { year: 2024, category: 'Müll', count: 15 },
    ]);
  });

  it('returns null sections without data', () => {
    const r = analyseCrime(makeDataset());
    expect(r.pmk).toBeNull();
    expect(r.owi).toBeNull();
    expect(r.crime.regional).toBeNull();
    expect(r.crime.years).toEqual([]);
    Crime.parse(r.crime);
  });
});
