/**
 * Properties on random small surveys (fast-check): weights sum to the population total, every
 * figure is valid (schema), every interval contains its weighted share, suppressed groups carry no
 * shares, no group below mindestfallzahl is ever shown, and no breakdown leaves exactly one
 * suppressed group with answers recoverable from the total.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  Survey,
  type GroupShareStat,
  type GroupStat,
  type ShareStat,
  type TotalStat,
} from '../../../../src/core/analysis/schema.js';
import { analyseSurveyWithWeights } from '../../../../src/core/analysis/survey/index.js';
import { AGE_GROUPS, AREAS, makeDataset, type RespondentSpec } from './make-dataset.js';
import type { Sex } from '../../../../src/core/model/dataset.js';

const ITEM_CODES = [
  'sg_wohngegend_nacht',
  'furcht_nacht',
  'risiko_raub',
  'vermeiden_orte',
  'problem_muell',
  'opfer_einbruch',
  'anzeige_einbruch',
  'zufrieden_polizei',
] as const;
const MAX_CODE: Record<(typeof ITEM_CODES)[number], number> = {
  sg_wohngegend_nacht: 4,
  furcht_nacht: 5,
  risiko_raub: 4,
  vermeiden_orte: 5,
  problem_muell: 4,
  opfer_einbruch: 2,
  anzeige_einbruch: 2,
  zufrieden_polizei: 4,
};

const answer = (k: number) =>
  fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: k }) }, fc.constantFrom(0, 8, 9));

const respondent: fc.Arbitrary<RespondentSpec> = fc.record({
  area: fc.oneof({ weight: 8, arbitrary: fc.constantFrom('01', '02', '03') }, fc.constant(null)),
  sex: fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom<Sex>('w', 'm') },
    fc.constantFrom<Sex | null>('d', null),
  ),
  age: fc.oneof({ weight: 8, arbitrary: fc.constantFrom('16-39', '40-64', '65+') }, fc.constant(null)),
  items: fc.record(
    Object.fromEntries(ITEM_CODES.map((c) => [c, answer(MAX_CODE[c])])) as Record<
      (typeof ITEM_CODES)[number],
      fc.Arbitrary<number>
    >,
  ),
});

const population = fc.array(fc.integer({ min: 1, max: 500 }), {
  minLength: AREAS.length * 2 * AGE_GROUPS.length,
  maxLength: AREAS.length * 2 * AGE_GROUPS.length,
});

function isSuppressed(g: GroupStat | TotalStat): g is Extract<GroupStat, { suppressed: true }> {
  return 'suppressed' in g;
}

function checkShareStat(s: ShareStat | GroupShareStat): void {
  expect(s.ci95[0]).toBeLessThanOrEqual(s.negativeShareWeighted);
  expect(s.ci95[1]).toBeGreaterThanOrEqual(s.negativeShareWeighted);
  for (const d of 'distribution' in s ? s.distribution : []) {
    expect(d.share).toBeGreaterThanOrEqual(0);
    expect(d.shareWeighted).toBeLessThanOrEqual(1);
  }
}

describe('survey invariants (fast-check)', () => {
  it('hold on random surveys of up to 120 respondents', () => {
    const stats = { runs: 0, shown: 0, secondary: 0 };
    fc.assert(
      fc.property(
        fc.array(respondent, { maxLength: 120, size: 'max' }),
        population,
        fc.constantFrom(5, 10),
        (rs, counts, mindestfallzahl) => {
          let k = 0;
          const pop = AREAS.flatMap((a) =>
            (['w', 'm'] as const).flatMap((s) =>
              AGE_GROUPS.map((g) => [a.id, s, g.label, counts[k++]!] as const),
            ),
          );
          const total = counts.reduce((a, b) => a + b, 0);
          const dataset = makeDataset({
            respondents: rs,
            population: pop,
            mindestfallzahl,
            itemColumns: [...ITEM_CODES],
          });
          const { result, weights } = analyseSurveyWithWeights(dataset);
          const r = Survey.parse(result);

          // Weights sum to the population total (1e-6 relative).
          if (rs.length > 0)
            expect(Math.abs(weights.reduce((a, b) => a + b, 0) - total) / total).toBeLessThan(1e-6);

          for (const item of Object.values(r.items)) {
            if (isSuppressed(item.total)) {
              // A total below mindestfallzahl: hidden everywhere, every group with it.
              expect(item.total.n).toBeLessThan(mindestfallzahl);
              for (const groups of [item.byArea, item.bySex, item.byAgeGroup])
                for (const g of Object.values(groups))
                  expect(isSuppressed(g) && g.rule === 'total').toBe(true);
              continue;
            }
            checkShareStat(item.total);
            for (const groups of [item.byArea, item.bySex, item.byAgeGroup]) {
              for (const g of Object.values(groups)) {
                if (isSuppressed(g)) {
                  // suppressed groups carry nothing but n, the reason and the rule
                  expect(Object.keys(g).sort()).toEqual(['n', 'reason', 'rule', 'suppressed']);
                } else {
                  expect(g.n).toBeGreaterThanOrEqual(mindestfallzahl);
                  checkShareStat(g);
                }
              }
              // No small group can be recomputed alone from the total and the shown groups.
              const hiddenWithAnswers = Object.values(groups).filter((g) => isSuppressed(g) && g.n > 0);
              const shownN = Object.values(groups).reduce((a, g) => a + (isSuppressed(g) ? 0 : g.n), 0);
              const hiddenN = Object.values(groups).reduce((a, g) => a + (isSuppressed(g) ? g.n : 0), 0);
              const unknownN = item.total.n - shownN - hiddenN;
              const anyShown = Object.values(groups).some((g) => !isSuppressed(g));
              // A lone hidden group with answers that is itself small (primary) must be masked by the unknown group
              // (a lone secondary group has n ≥ mindestfallzahl: it hides the 8/9 answers of an empty-valid group).
              const lone = hiddenWithAnswers.length === 1 ? hiddenWithAnswers[0] : undefined;
              if (anyShown && lone && isSuppressed(lone) && lone.reason === 'primary')
                expect(unknownN).toBeGreaterThanOrEqual(mindestfallzahl);
              if (anyShown && hiddenWithAnswers.length >= 2)
                expect(hiddenN + unknownN).toBeGreaterThanOrEqual(mindestfallzahl);
            }
          }
          const figures = [
            ...r.placeTime,
            ...r.incivilityRanking,
            ...r.institutions,
            ...r.victimisation.flatMap((v) => [v.prevalence, ...(v.reportingRate ? [v.reportingRate] : [])]),
          ];
          for (const f of figures) {
            if (f.suppressed) {
              expect(f.negativeShareWeighted).toBeNull();
              expect(f.ci95).toBeNull();
            } else {
              expect(f.n).toBeGreaterThanOrEqual(mindestfallzahl);
              expect(f.ci95![0]).toBeLessThanOrEqual(f.negativeShareWeighted!);
              expect(f.ci95![1]).toBeGreaterThanOrEqual(f.negativeShareWeighted!);
            }
          }
          stats.runs++;
          for (const item of Object.values(r.items))
            for (const g of [
              ...Object.values(item.byArea),
              ...Object.values(item.bySex),
              ...Object.values(item.byAgeGroup),
            ]) {
              if (!isSuppressed(g)) stats.shown++;
              else if (g.reason === 'secondary') stats.secondary++;
            }
          for (const c of r.fear.bySexAge) {
            if (c.suppressed) expect(c.share).toBeNull();
            else {
              expect(c.n).toBeGreaterThanOrEqual(mindestfallzahl);
              expect(c.ci95![0]).toBeLessThanOrEqual(c.share!);
              expect(c.ci95![1]).toBeGreaterThanOrEqual(c.share!);
            }
          }
        },
      ),
      { numRuns: 300, seed: 20250601 },
    );
    // The generated surveys exercise both shown and secondarily suppressed groups.
    expect(stats.shown).toBeGreaterThan(100);
    expect(stats.secondary).toBeGreaterThan(10);
  });
});
