/**
 * The differencing attack on random surveys (fast-check): many small and missing groups, skewed
 * answers, respondents without area, sex or age, single items that link a sex × age table to an
 * item, a filter question with few victims. Whatever analysis.json publishes, the independent
 * auditor must recover no hidden value, and no group may be shown in one place and hidden in another.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyse } from '../../../../src/core/analysis/analyse.js';
import { audit } from '../../../../src/core/analysis/disclosure/audit.js';
import type { AgeGroup, Sex } from '../../../../src/core/model/dataset.js';
import { makeDataset, type RespondentSpec } from '../survey/make-dataset.js';
import { publishedFamilies } from './harness.js';

const AREAS = ['01', '02', '03', '04', '05', '06'].map((id) => ({ id, name: `Gebiet ${id}` }));
const AGES: AgeGroup[] = [
  { label: '0-15', min: 0, max: 15 },
  { label: '16-34', min: 16, max: 34 },
  { label: '35-59', min: 35, max: 59 },
  { label: '60-74', min: 60, max: 74 },
  { label: '75+', min: 75, max: null },
];
/** Items with their number of answer codes; single fear items link the fear tables to them. */
const ITEMS: Record<string, number> = {
  sg_wohngegend_nacht: 4,
  sg_wohnung_tag: 4,
  furcht_nacht: 5,
  risiko_einbruch: 4,
  vermeiden_orte: 5,
  vermeiden_fremde: 5,
  problem_graffiti: 4,
  opfer_einbruch: 2,
  anzeige_einbruch: 2,
};

const respondent = fc.record({
  area: fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom('01', '02', '03') },
    { weight: 3, arbitrary: fc.constantFrom('04', '05', '06') },
    { weight: 1, arbitrary: fc.constant(null) },
  ),
  sex: fc.oneof(
    { weight: 20, arbitrary: fc.constantFrom<Sex>('w', 'm') },
    { weight: 1, arbitrary: fc.constantFrom<Sex | null>('d', null) },
  ),
  age: fc.oneof(
    { weight: 20, arbitrary: fc.constantFrom('16-34', '35-59', '60-74', '75+') },
    { weight: 1, arbitrary: fc.constant(null) },
  ),
  // Per item: answer code draws biased towards favourable answers; 0 = empty, 9 = weiß nicht.
  answers: fc.array(fc.integer({ min: 0, max: 99 }), { minLength: 9, maxLength: 9 }),
});

function answer(code: string, k: number, u: number, skew: number): number {
  if (u < 4) return 0;
  if (u < 7) return 9;
  if (code.startsWith('opfer_')) return u < 7 + skew ? 1 : 2;
  // Mostly the favourable codes 1–2; unfavourable codes with probability ≈ skew %.
  return u < 7 + skew ? k - ((u % 2) as 0 | 1) : 1 + (u % 2);
}

const survey = fc.record({
  people: fc.array(respondent, { minLength: 15, maxLength: 160 }),
  skew: fc.integer({ min: 0, max: 40 }),
  mindestfallzahl: fc.integer({ min: 5, max: 12 }),
});

describe('disclosure audit of random surveys', () => {
  it('recovers no hidden value and finds no group shown and hidden at once', () => {
    fc.assert(
      fc.property(survey, ({ people, skew, mindestfallzahl }) => {
        const respondents: RespondentSpec[] = people.map((p) => ({
          area: p.area,
          sex: p.sex,
          age: p.age,
          items: Object.fromEntries(
            Object.entries(ITEMS).map(([code, k], j) => [code, answer(code, k, p.answers[j]!, skew)]),
          ),
        }));
        const dataset = makeDataset({
          areas: AREAS,
          ageGroups: AGES,
          respondents,
          mindestfallzahl,
          population: AREAS.flatMap((a) =>
            (['w', 'm'] as const).flatMap((s) => AGES.map((g) => [a.id, s, g.label, 500] as const)),
          ),
        });
        const analysis = analyse(dataset, { engineVersion: 'test' });
        const pub = publishedFamilies(dataset, analysis);
        expect(pub.conflicts).toEqual([]);
        expect(audit(pub.families, analysis.meta.mindestfallzahl)).toEqual([]);
      }),
      { numRuns: 60, seed: 20260310 },
    );
  });
});
