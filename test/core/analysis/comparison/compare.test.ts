import { describe, expect, it } from 'vitest';
import { analyseCrime } from '../../../../src/core/analysis/crime/index.js';
import {
  compare,
  ITEM_KEY_PAIRS,
  pairCaveat,
  quadrantOf,
} from '../../../../src/core/analysis/comparison/index.js';
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
];

/*
 * Four-area example for Wohnungseinbruch (435*00), 10,000 inhabitants per area (E: 1,000):
 *   A: 30 cases → HZ 300   B: 10 → HZ 100   C: 40 → HZ 400   D: 12 → HZ 120
 *   E: 2 cases in 2024, 4 in 2023, 3 in 2022 → small count: pooled average 9 × 100,000 / 3,000 = 300.
 * Municipality (gesamt row): 94 cases / 41,000 inhabitants → HZ 229.268…
 * Survey beunruhigt_einbruch: total 0.30; A 0.40, B 0.40, C 0.20, D 0.20, E suppressed.
 *   A: fear high, HZ high → begründete Furcht;   B: fear high, HZ low → Furcht ohne Hellfeld;
 *   C: fear low, HZ high → unterschätztes Risiko; D: low/low → unauffällig; E: suppressed → null.
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
    ],
    crime: [
      crimeRow(2024, null, '435*00', 94),
      crimeRow(2024, 'A', '435*00', 30),
      crimeRow(2024, 'B', '435*00', 10),
      crimeRow(2024, 'C', '435*00', 40),
      crimeRow(2024, 'D', '435*00', 12),
      crimeRow(2024, 'E', '435*00', 2),
      crimeRow(2023, 'E', '435*00', 4),
      crimeRow(2022, 'E', '435*00', 3),
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
      beunruhigt_einbruch: { share: 0.3, byArea: { A: 0.4, B: 0.4, C: 0.2, D: 0.2, E: 'suppressed' } },
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

  it('includes a pair only when the item and the key are present', () => {
    Comparison.parse(result);
    // problem_graffiti lacks 899500, sg_wohngegend_nacht lacks 899000, 730000 lacks problem_drogen.
    expect(result.pairs.map((p) => `${p.surveyItem}/${p.crimeKey}`)).toEqual(['beunruhigt_einbruch/435*00']);
  });

  it('assigns the four quadrants against the municipal reference', () => {
    const pair = result.pairs[0];
    expect(pair?.reference.negativeShare).toBe(0.3);
    expect(pair?.reference.rate).toBeCloseTo((94 * 100_000) / 41_000, 10);
    expect(pair?.reference.year).toBe(2024);
    expect(pair?.surveyLabel).toBe('Wohnungseinbruch (ziemlich/sehr beunruhigt)');
    expect(pair?.crimeLabel).toBe('Wohnungseinbruchdiebstahl');
    const byId = Object.fromEntries((pair?.areas ?? []).map((a) => [a.areaId, a]));
    expect(byId['A']).toMatchObject({
      negativeShare: 0.4,
      quadrant: 'begruendete-furcht',
      suppressed: false,
    });
    expect(byId['A']?.rate).toBeCloseTo(300, 10);
    expect(byId['B']).toMatchObject({ quadrant: 'furcht-ohne-hellfeld' });
    expect(byId['B']?.rate).toBeCloseTo(100, 10);
    expect(byId['C']).toMatchObject({ quadrant: 'unterschaetztes-risiko' });
    expect(byId['D']).toMatchObject({ quadrant: 'unauffaellig' });
    expect(byId['E']).toMatchObject({
      negativeShare: null,
      quadrant: null,
      suppressed: true,
      name: 'Eichenhain',
    });
  });

  it('uses the multi-year average for an area with a small latest count', () => {
    const e = result.pairs[0]?.areas.find((a) => a.areaId === 'E');
    expect(e?.rate).toBeCloseTo(300, 10);
  });

  it('compares the municipality with Kreis and Land, without a quadrant unless a fear benchmark is given', () => {
    const m = result.pairs[0]?.municipality;
    expect(m?.kreisRate).toBe(90);
    expect(m?.rate).toBeCloseTo(229.268, 2);
    // Land = only Kreis 14522 here: 300 × 100,000 / (10,000 × 100,000 / 3,000) = 90.
    expect(m?.landRate).toBeCloseTo(90, 10);
    expect(m?.quadrant).toBeNull();
    const withBenchmark = compare(ds, survey, crime, { fearBenchmarks: { beunruhigt_einbruch: 0.35 } });
    // Fear 0.30 ≤ 0.35 (low), HZ 229.3 > 90 (high) → unterschätztes Risiko.
    expect(withBenchmark.pairs[0]?.municipality?.quadrant).toBe('unterschaetztes-risiko');
  });

  it('treats "high" as strictly above the reference', () => {
    expect(quadrantOf(0.3, 229, 0.3, 229)).toBe('unauffaellig');
    expect(quadrantOf(0.31, 229, 0.3, 229)).toBe('furcht-ohne-hellfeld');
    expect(quadrantOf(null, 229, 0.3, 229)).toBeNull();
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
