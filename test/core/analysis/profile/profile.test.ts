import { describe, expect, it } from 'vitest';
import { analyseProfile, choosePopulationYear } from '../../../../src/core/analysis/profile/index.js';
import { Profile } from '../../../../src/core/analysis/schema.js';
import type { PopulationRow, ProfileRow } from '../../../../src/core/model/dataset.js';
import { makeDataset } from '../crime/dataset-fixture.js';

const pop = (
  areaId: string,
  sex: 'w' | 'm' | 'd',
  ageGroup: string,
  count: number,
  year: number | null,
): PopulationRow => ({ areaId, sex, ageGroup, count, year });
const ind = (
  areaId: string | null,
  indicator: string,
  value: number,
  year: number | null = 2024,
  extra: Partial<ProfileRow> = {},
): ProfileRow => ({
  areaId,
  indicator,
  label: extra.label ?? indicator,
  value,
  unit: extra.unit ?? null,
  year,
  source: extra.source ?? null,
});

describe('analyseProfile', () => {
  const ds = makeDataset({
    berichtsjahr: 2024,
    population: [
      pop('01', 'w', '16-29', 100, 2024),
      pop('01', 'm', '16-29', 120, 2024),
      pop('01', 'w', '60+', 200, 2024),
      pop('02', 'w', '16-29', 50, 2024),
      pop('02', 'm', '60+', 130, 2024),
      pop('02', 'd', '30-59', 0, 2024),
      pop('01', 'w', '16-29', 999, 2023),
    ],
    profile: [
      ind(null, 'arbeitslosenquote', 6.1, 2024, { unit: '%', source: 'BA', label: 'Arbeitslosenquote' }),
      ind('01', 'arbeitslosenquote', 7.5, 2024),
      ind('02', 'arbeitslosenquote', 4.0, 2024),
      ind(null, 'arbeitslosenquote', 9.9, 2020),
      ind('01', 'flaeche_km2', 3.5, null),
      ind('02', 'flaeche_km2', 6.5, null),
      ind('01', 'vereine', 12, 2024),
      ind('02', 'sgb2_quote', 8, 2024),
    ],
  });
  const profile = analyseProfile(ds);

  it('takes the population of the Berichtsjahr and sums the pyramid over areas', () => {
    Profile.parse(profile);
    // 2024: 100 + 120 + 200 + 50 + 130 + 0 = 600 (the 2023 row is ignored).
    expect(profile.population.total).toBe(600);
    expect(profile.population.year).toBe(2024);
    expect(profile.population.pyramid).toEqual([
      { ageGroup: '16-29', sex: 'w', count: 150 },
      { ageGroup: '16-29', sex: 'm', count: 120 },
      { ageGroup: '30-59', sex: 'd', count: 0 },
      { ageGroup: '60+', sex: 'w', count: 200 },
      { ageGroup: '60+', sex: 'm', count: 130 },
    ]);
  });

  it('gives every area its population and share', () => {
    // 01: 420 / 600 = 0.7; 02: 180 / 600 = 0.3.
    expect(profile.population.byArea).toEqual([
      { areaId: '01', name: 'Altstadt', population: 420, share: 0.7 },
      { areaId: '02', name: 'Nordviertel', population: 180, share: 0.3 },
    ]);
  });

  it('reads indicators: gesamt row for the municipality, latest year, additive ones summed', () => {
    expect(profile.indicators.map((i) => i.indicator)).toEqual([
      'flaeche_km2',
      'arbeitslosenquote',
      'sgb2_quote',
      'vereine',
    ]);
    expect(profile.indicators[1]).toEqual({
      indicator: 'arbeitslosenquote',
      label: 'Arbeitslosenquote',
      unit: '%',
      year: 2024,
      source: 'BA',
      municipality: 6.1,
      byArea: { '01': 7.5, '02': 4.0 },
    });
    // Fläche without a gesamt row: 3.5 + 6.5 = 10 (every area has a value).
    expect(profile.indicators[0]?.municipality).toBe(10);
    expect(profile.indicators[0]?.year).toBeNull();
    // A quota without a gesamt row stays null.
    expect(profile.indicators[2]?.municipality).toBeNull();
  });

  it('falls back to the latest year, or to undated rows', () => {
    expect(
      choosePopulationYear([pop('01', 'w', '16-29', 1, 2022), pop('01', 'w', '16-29', 1, 2023)], 2025),
    ).toBe(2023);
    expect(choosePopulationYear([pop('01', 'w', '16-29', 1, null)], 2025)).toBeNull();
    const undated = analyseProfile(makeDataset({ population: [pop('01', 'w', '16-29', 10, null)] }));
    expect(undated.population).toMatchObject({ total: 10, year: null });
    expect(undated.population.byArea[1]).toEqual({
      areaId: '02',
      name: 'Nordviertel',
      population: 0,
      share: 0,
    });
    Profile.parse(analyseProfile(makeDataset()));
  });
});
