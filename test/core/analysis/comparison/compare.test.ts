import { describe, expect, it } from 'vitest';
import { analyseCrime } from '../../../../src/core/analysis/crime/index.js';
import {
  compare,
  ITEM_KEY_PAIRS,
  pairCaveat,
  quadrantOf,
} from '../../../../src/core/analysis/comparison/index.js';
import { fearLevel } from '../../../../src/core/analysis/comparison/quadrant.js';
import { Comparison } from '../../../../src/core/analysis/schema.js';
import { crimeRow, kreisRow, makeDataset, popRows } from '../crime/dataset-fixture.js';
import { makeSurvey } from './survey-fixture.js';

const T = '------';
const AREAS = [
  { id: 'A', name: 'Altstadt' },
  { id: 'B', name: 'Bergviertel' },
  { id: 'C', name: 'Chausseeviertel' },
  { id: 'D', name: 'Dorfkern' },
  { id: 'E', name: 'Eichenhain' },
  { id: 'F', name: 'Feldmark' },
];

/*
 * Wohnungseinbruch (435*00), 2024; 10,000 inhabitants per area (E: 1,000), 51,000 in all.
 * Municipality (gesamt rows): 160, 165, 170 cases in 2022–2024 → HZ 2024 = 170 × 100,000 / 51,000 = 333,33.
 * Exact Poisson 95 % intervals of the counts (R poisson.test(k)$conf.int), × 10 for the HZ:
 *   A 60 cases → HZ 600, [45,786; 77,232] → [457,9; 772,3]: above 333,3   → 'ueber'
 *   B 10 cases → HZ 100, [4,795; 18,390]  → [48,0; 183,9]:  below         → 'unter'
 *   C 30 cases → HZ 300, [20,241; 42,827] → [202,4; 428,3]: contains it   → 'unauffaellig'
 *   D 12 cases → HZ 120, [6,201; 20,962]  → [62,0; 209,6]:  below         → 'unter'
 *   F 50 cases → HZ 500, [37,111; 65,919] → [371,1; 659,2]: above         → 'ueber'
 *   E 2 cases in 2024 (< 10): pooled 2022–2024, 3 + 4 + 2 = 9 cases on 3,000 person-years → HZ 300,
 *     compared with the municipality over the same years (160 + 165 + 170) × 100,000 / 153,000 =
 *     323,53; still 9 < 10 cases → 'nicht-gesichert', no quadrant.
 * Survey beunruhigt_einbruch, total 0,30; Wilson intervals of the areas given directly:
 *   A 0,45 [0,36; 0,54] → 'ueber'   B 0,45 [0,33; 0,58] → 'ueber'   C 0,35 [0,22; 0,50] → 'unauffaellig'
 *   D 0,40 [0,28; 0,53] → 'unauffaellig' (above 0,30, but the interval contains it)
 *   F 0,20 [0,12; 0,31] → 'unauffaellig' (contains 0,30)   E suppressed.
 * Quadrants: A ueber/ueber → begründete Furcht; B ueber/unter → Furcht ohne Hellfeld-Korrelat;
 * F –/ueber → unterschätztes Risiko; C, D → unauffällig (the old rule, strictly above the point
 * value, would have called D "Furcht ohne Hellfeld-Korrelat"); E → none.
 */
function example() {
  const ds = makeDataset({
    areas: AREAS,
    population: [
      ...popRows('A', 10_000),
      ...popRows('B', 10_000),
      ...popRows('C', 10_000),
      ...popRows('D', 10_000),
      ...popRows('E', 1000),
      ...popRows('F', 10_000),
    ],
    crime: [
      crimeRow(2022, null, '435*00', 160),
      crimeRow(2023, null, '435*00', 165),
      crimeRow(2024, null, '435*00', 170),
      crimeRow(2024, 'A', '435*00', 60),
      crimeRow(2024, 'B', '435*00', 10),
      crimeRow(2024, 'C', '435*00', 30),
      crimeRow(2024, 'D', '435*00', 12),
      crimeRow(2024, 'E', '435*00', 2),
      crimeRow(2023, 'E', '435*00', 4),
      crimeRow(2022, 'E', '435*00', 3),
      crimeRow(2024, 'F', '435*00', 50),
      crimeRow(2024, null, T, 2000),
      crimeRow(2024, null, '730000', 15),
    ],
    pksKreise: [
      kreisRow(2024, '14522', '435*00', 300, 90, null, null, 'Erzgebirgskreis'),
      kreisRow(2024, '14522', T, 10_000, 3000),
    ],
  });
  const survey = makeSurvey({
    items: {
      beunruhigt_einbruch: {
        share: 0.3,
        byArea: {
          A: { share: 0.45, ci95: [0.36, 0.54] },
          B: { share: 0.45, ci95: [0.33, 0.58] },
          C: { share: 0.35, ci95: [0.22, 0.5] },
          D: { share: 0.4, ci95: [0.28, 0.53] },
          E: 'suppressed',
          F: { share: 0.2, ci95: [0.12, 0.31] },
        },
      },
      problem_graffiti: { share: 0.2 },
      sg_wohngegend_nacht: { share: 0.25 },
    },
  });
  const { crime } = analyseCrime(ds);
  return { ds, survey, crime };
}

describe('compare: item–key pairs and quadrants', () => {
  const { ds, survey, crime } = example();
  const result = compare(ds, survey, crime);
  const areas = () => Object.fromEntries((result.pairs[0]?.areas ?? []).map((a) => [a.areaId, a]));

  it('includes a pair only when the item and the key are present', () => {
    Comparison.parse(result);
    // problem_graffiti lacks 899500, sg_wohngegend_nacht lacks 899000, 730000 lacks problem_drogen.
    expect(result.pairs.map((p) => `${p.surveyItem}/${p.crimeKey}`)).toEqual(['beunruhigt_einbruch/435*00']);
  });

  it('places an area in a quadrant only where both intervals support it', () => {
    const pair = result.pairs[0];
    expect(pair?.reference.negativeShare).toBe(0.3);
    expect(pair?.reference.rate).toBeCloseTo((170 * 100_000) / 51_000, 10);
    expect(pair?.reference.year).toBe(2024);
    expect(pair?.surveyLabel).toBe('Wohnungseinbruch (ziemlich/sehr beunruhigt)');
    expect(pair?.crimeLabel).toBe('Wohnungseinbruchdiebstahl');
    const byId = areas();
    const levels = (id: string) => [byId[id]?.fearLevel, byId[id]?.crimeLevel, byId[id]?.quadrant];
    expect(levels('A')).toEqual(['ueber', 'ueber', 'begruendete-furcht']);
    expect(levels('B')).toEqual(['ueber', 'unter', 'furcht-ohne-hellfeld']);
    expect(levels('C')).toEqual(['unauffaellig', 'unauffaellig', 'unauffaellig']);
    expect(levels('D')).toEqual(['unauffaellig', 'unter', 'unauffaellig']);
    expect(levels('F')).toEqual(['unauffaellig', 'ueber', 'unterschaetztes-risiko']);
    expect(byId['E']).toMatchObject({
      negativeShare: null,
      quadrant: null,
      suppressed: true,
      crimeLevel: 'nicht-gesichert',
    });
  });

  it('gives each area its rate, exact interval and cases, and the municipal rate of the same years', () => {
    const byId = areas();
    expect(byId['A']).toMatchObject({ rate: 600, cases: 60, rateBasis: 'latest', rateYears: [2024] });
    expect(byId['A']?.rateCi95?.[0]).toBeCloseTo(457.863, 2);
    expect(byId['A']?.rateCi95?.[1]).toBeCloseTo(772.319, 2);
    expect(byId['A']?.referenceRate).toBeCloseTo(333.333, 2);
    expect(byId['C']?.rateCi95?.[0]).toBeCloseTo(202.409, 2);
    expect(byId['C']?.rateCi95?.[1]).toBeCloseTo(428.269, 2);
    // E: the latest year has 2 cases → pooled over 2022–2024, on both sides.
    expect(byId['E']).toMatchObject({ cases: 9, rateBasis: 'average', rateYears: [2022, 2023, 2024] });
    expect(byId['E']?.rate).toBeCloseTo(300, 10);
    expect(byId['E']?.referenceRate).toBeCloseTo(323.529, 2);
  });

  it('compares the municipality with Kreis and Land, without a quadrant unless a fear benchmark is given', () => {
    const m = result.pairs[0]?.municipality;
    expect(m?.kreisRate).toBe(90);
    expect(m?.rate).toBeCloseTo(333.333, 2);
    // Land = only Kreis 14522 here: 300 × 100,000 / (10,000 × 100,000 / 3,000) = 90.
    expect(m?.landRate).toBeCloseTo(90, 10);
    expect(m?.quadrant).toBeNull();
    // Fear 0,30 with the interval of the fixture (0,25–0,35) against a benchmark of 0,35: not above;
    // HZ 333,3 on 170 cases (interval 285,1–387,4) against the Kreis' 90: above → unterschätztes Risiko.
    const withBenchmark = compare(ds, survey, crime, { fearBenchmarks: { beunruhigt_einbruch: 0.35 } });
    expect(withBenchmark.pairs[0]?.municipality?.quadrant).toBe('unterschaetztes-risiko');
  });

  it('decides a level by the interval and a quadrant only on supported levels', () => {
    expect(fearLevel([0.31, 0.4], 0.3)).toBe('ueber');
    expect(fearLevel([0.3, 0.4], 0.3)).toBe('unauffaellig');
    expect(fearLevel([0.2, 0.29], 0.3)).toBe('unter');
    expect(quadrantOf('ueber', 'unauffaellig')).toBe('furcht-ohne-hellfeld');
    expect(quadrantOf('unauffaellig', 'unauffaellig')).toBe('unauffaellig');
    expect(quadrantOf('ueber', 'nicht-gesichert')).toBeNull();
    expect(quadrantOf(null, 'ueber')).toBeNull();
  });

  it('pairs the items of the domain brief and carries the caveats', () => {
    expect(ITEM_KEY_PAIRS.map((p) => `${p.item}/${p.key}`)).toEqual(
      expect.arrayContaining([
        'beunruhigt_einbruch/435*00',
        'problem_graffiti/899500',
        'problem_vandalismus/674000',
        'problem_drogen/730000',
        'beunruhigt_koerperverletzung/892000',
        'beunruhigt_koerperverletzung/224000',
        'beunruhigt_raub/892000',
        'beunruhigt_fahrraddiebstahl/***300',
        'sg_wohngegend_nacht/899000',
        'beunruhigt_sachbeschaedigung/674000',
        'beunruhigt_betrug_internet/897000',
      ]),
    );
    expect(pairCaveat('problem_drogen', '730000')).toContain('Kontrolldelikt');
    expect(pairCaveat('beunruhigt_betrug_internet', '897000')).toContain('Tatort');
  });
});
