import { describe, expect, it } from 'vitest';
import { analyseCrime, LAENDER, landOf } from '../../../../src/core/analysis/crime/index.js';
import { chooseRegionalYear } from '../../../../src/core/analysis/crime/regional.js';
import { Crime } from '../../../../src/core/analysis/schema.js';
import { crimeRow, kreisRow, makeDataset, popRows } from './dataset-fixture.js';

const T = '------';

/*
 * Land 14 with three Kreise in 2024 (plus one Kreis of Land 01, which must be ignored):
 *   14522: Straftaten insgesamt 10,000 cases, HZ 3,000 → population 10,000 × 100,000 / 3,000 = 333,333.3…
 *   14521:                        6,000 cases, HZ 2,000 → population 300,000
 *   14612:                        9,000 cases, HZ null  → no population: skipped in the Land HZ
 * Land population = 633,333.3…; Land HZ (------) = (10,000 + 6,000) × 100,000 / 633,333.3… = 2,526.315…
 * WED 435*00: 14522 300 cases (HZ 90, 120 cleared, AQ 40.0 %), 14521 150 cases (HZ 50, 30 cleared),
 *   14612 200 cases (no population) → Land HZ = 450 × 100,000 / 633,333.3… = 71.0526…;
 *   Land AQ over all Kreise with cleared counts: (120 + 30) / (300 + 150) = 1/3.
 */
const kreise = [
  kreisRow(2024, '14522', T, 10_000, 3000, 6000, 60.0, 'Erzgebirgskreis'),
  kreisRow(2024, '14521', T, 6000, 2000, 3000, 50.0),
  kreisRow(2024, '14612', T, 9000, null, null, null),
  kreisRow(2024, '01001', T, 9677, 10_621, 5824, 60.2),
  kreisRow(2024, '14522', '435*00', 300, 90, 120, 40.0, 'Erzgebirgskreis'),
  kreisRow(2024, '14521', '435*00', 150, 50, 30, 20.0),
  kreisRow(2024, '14612', '435*00', 200, null, null, null),
  kreisRow(2024, '14522', '972500', 5, 1.5, null, null, 'Erzgebirgskreis'),
  kreisRow(2023, '14522', T, 1, 1, null, null, 'Erzgebirgskreis'),
];

describe('regional comparison from pks-kreise', () => {
  // Municipality: 25,000 inhabitants; 1,000 Straftaten (HZ 4,000, 550 cleared), 20 WED (HZ 80), 674000 not in the BKA table.
  const ds = makeDataset({
    population: [...popRows('01', 10_000), ...popRows('02', 15_000)],
    crime: [
      crimeRow(2024, null, T, 1000, 550),
      crimeRow(2024, null, '435*00', 20, 3),
      crimeRow(2024, null, '674000', 50),
      crimeRow(2023, null, T, 900),
    ],
    pksKreise: kreise,
  });
  const { crime } = analyseCrime(ds);
  const reg = crime.regional;

  it('names Kreis and Land and takes the Berichtsjahr', () => {
    Crime.parse(crime);
    expect(reg?.year).toBe(2024);
    expect(reg?.kreis).toEqual({ key: '14522', name: 'Erzgebirgskreis' });
    expect(reg?.land).toEqual({ key: '14', name: 'Sachsen' });
  });

  it('computes the Land HZ from the Kreis lines, recovering each Kreis population from its HZ', () => {
    const total = reg?.rows.find((r) => r.key === T);
    expect(total?.municipalityRate).toBeCloseTo(4000, 10);
    expect(total?.kreisRate).toBe(3000);
    expect(total?.landRate).toBeCloseTo(2526.3158, 3);
    expect(total?.municipalityClearance).toBeCloseTo(0.55, 10);
    expect(total?.kreisClearance).toBeCloseTo(0.6, 10);
    // (6,000 + 3,000) / (10,000 + 6,000): 14612 has no cleared count.
    expect(total?.landClearance).toBeCloseTo(9000 / 16_000, 10);

    const wed = reg?.rows.find((r) => r.key === '435*00');
    expect(wed?.municipalityRate).toBeCloseTo(80, 10);
    expect(wed?.kreisRate).toBe(90);
    expect(wed?.landRate).toBeCloseTo(71.0526, 3);
    expect(wed?.kreisClearance).toBeCloseTo(0.4, 10);
    expect(wed?.landClearance).toBeCloseTo(1 / 3, 10);
  });

  it('lists only keys present in both the municipal data and the BKA table', () => {
    expect(reg?.rows.map((r) => r.key)).toEqual([T, '435*00']);
  });

  it('chooses the Berichtsjahr, else the latest common year, else the latest BKA year', () => {
    expect(chooseRegionalYear([2022, 2023, 2024], [2023, 2024], 2024)).toBe(2024);
    expect(chooseRegionalYear([2022, 2023], [2022, 2023, 2024], 2024)).toBe(2023);
    expect(chooseRegionalYear([2021], [2024], 2024)).toBe(2021);
    expect(chooseRegionalYear([], [2024], 2024)).toBeNull();
  });

  it('knows the 16 Länder', () => {
    expect(Object.keys(LAENDER)).toHaveLength(16);
    expect(landOf('1001')).toEqual({ key: '01', name: 'Schleswig-Holstein' });
    expect(landOf('16055').name).toBe('Thüringen');
  });

  it('flags an HZ above twice the Land median of Kreise as Sondereffekt only where its exact interval is too', () => {
    // Median of the published Land-14 HZ for ------: (3,000 + 2,000) / 2 = 2,500 (14612 has none).
    // Municipality 1,400 cases / 25,000 → HZ 5,600; exact Poisson lower bound qgamma(0.025, 1400)
    // = 1,327.6 cases → HZ 5,310.5 > 2 × 2,500 → flag, value 5,600 / 2,500 = 2.24.
    // 1,300 cases → HZ 5,200 is above 5,000 too, but its lower bound 1,230.3 → HZ 4,921.1 is not: no flag.
    const special = (cases: number) =>
      analyseCrime(
        makeDataset({
          population: [...popRows('01', 10_000), ...popRows('02', 15_000)],
          crime: [crimeRow(2024, null, T, cases)],
          pksKreise: kreise,
        }),
      ).crime.flags.filter((f) => f.kind === 'sondereffekt');
    expect(special(1300)).toHaveLength(0);
    const flagged = special(1400);
    expect(flagged).toHaveLength(1);
    expect(flagged[0]?.value).toBeCloseTo(2.24, 10);
    expect(flagged[0]?.message).toBe(
      'Straftaten insgesamt 2024: Häufigkeitszahl 5.600,0 liegt über dem Doppelten des Medians der Kreise in Sachsen (2.500,0) – Sondereffekt prüfen (z. B. Serien- oder Sammelverfahren, Tatortprinzip mit Pendler- und Besucheraufkommen).',
    );
    // HZ 4,000 is below 5,000: no flag in the first dataset.
    expect(crime.flags.filter((f) => f.kind === 'sondereffekt')).toHaveLength(0);
  });
});
