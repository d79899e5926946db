import { describe, expect, it } from 'vitest';
import { ageLookup, checkAgeGroups, parseAgeGroup } from '../../../src/core/validate/age-groups.js';
import { populationYearFor } from '../../../src/core/validate/population-year.js';

describe('age groups', () => {
  it('parses the usual spellings', () => {
    expect(parseAgeGroup('16-29')).toEqual({ label: '16-29', min: 16, max: 29 });
    expect(parseAgeGroup(' 16 – 29 ')).toEqual({ label: '16 – 29', min: 16, max: 29 });
    expect(parseAgeGroup('16 bis 29')).toEqual({ label: '16 bis 29', min: 16, max: 29 });
    expect(parseAgeGroup('75+')).toEqual({ label: '75+', min: 75, max: null });
    expect(parseAgeGroup('ab 75')).toEqual({ label: 'ab 75', min: 75, max: null });
    expect(parseAgeGroup('75 und älter')).toEqual({ label: '75 und älter', min: 75, max: null });
    expect(parseAgeGroup('29-16')).toBeNull();
    expect(parseAgeGroup('jung')).toBeNull();
    expect(parseAgeGroup('2024-01-05')).toBeNull();
  });

  it('sorts and accepts contiguous groups; reports overlaps, gaps and an open group in the middle', () => {
    const g = (l: string) => parseAgeGroup(l)!;
    expect(checkAgeGroups([g('30-44'), g('75+'), g('16-29'), g('45-74')]).problems).toEqual([]);
    expect(checkAgeGroups([g('30-44'), g('75+'), g('16-29'), g('45-74')]).sorted.map((x) => x.label)).toEqual(
      ['16-29', '30-44', '45-74', '75+'],
    );
    expect(checkAgeGroups([g('16-29'), g('25-44')]).problems.map((p) => p.code)).toEqual([
      'age-groups-overlap',
    ]);
    expect(checkAgeGroups([g('16-29'), g('31-44')]).problems.map((p) => p.code)).toEqual(['age-groups-gap']);
    expect(checkAgeGroups([g('16+'), g('30-44')]).problems.map((p) => p.code)).toEqual(['age-groups-open']);
  });

  it('maps ages to group indices', () => {
    const groups = ['16-29', '30-44', '45-59', '60-74', '75+'].map((l) => parseAgeGroup(l)!);
    const t = ageLookup(groups);
    expect([t[14], t[15], t[16], t[29], t[30], t[74], t[75], t[110]]).toEqual([-1, -1, 0, 0, 1, 3, 4, 4]);
    const closed = ageLookup([parseAgeGroup('18-64')!]);
    expect([closed[17], closed[18], closed[64], closed[65]]).toEqual([-1, 0, 0, -1]);
  });
});

describe('populationYearFor', () => {
  it('uses the same year, else the nearest, the earlier on a tie; null without years', () => {
    expect(populationYearFor(2024, new Set([2023, 2024, 2025]))).toBe(2024);
    expect(populationYearFor(2020, new Set([2023, 2025]))).toBe(2023);
    expect(populationYearFor(2024, [2023, 2025])).toBe(2023);
    expect(populationYearFor(2026, [2023, 2025])).toBe(2025);
    expect(populationYearFor(2024, null)).toBeNull();
  });
});
