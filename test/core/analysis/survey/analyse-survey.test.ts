import { describe, expect, it } from 'vitest';
import { Survey } from '../../../../src/core/analysis/schema.js';
import { analyseSurvey, analyseSurveyWithWeights } from '../../../../src/core/analysis/survey/index.js';
import { flatPopulation, makeDataset, times, type RespondentSpec } from './make-dataset.js';

/**
 * 120 respondents: 60 women and 60 men, 40 per age group, 40 per area (01, 02, 03); population
 * equal in every cell, so all weights are equal (the sample matches the margins exactly).
 */
function respondents(): RespondentSpec[] {
  const out: RespondentSpec[] = [];
  const ages = ['16-39', '40-64', '65+'];
  const areas = ['01', '02', '03'];
  for (let i = 0; i < 120; i++) {
    const sex = i % 2 === 0 ? 'w' : 'm';
    const age = ages[Math.floor(i / 2) % 3]!;
    const area = areas[i % 3]!;
    const unsafe = sex === 'w' && age === '65+'; // 20 women 65+
    const items: Record<string, number> = {
      sg_wohngegend_nacht: unsafe ? 4 : 2,
      sg_wohngegend_tag: 1,
      sg_oepnv_nacht: i % 4 === 0 ? 3 : i % 4 === 1 ? 8 : 2,
      furcht_nacht: unsafe ? 5 : 1,
      risiko_einbruch: i % 10 === 0 ? 3 : 1,
      vermeiden_orte: unsafe ? 4 : 2,
      problem_muell: i % 2 === 0 ? 4 : 1, // 50 %
      problem_hundekot: i % 4 === 0 ? 3 : 2, // 25 %
      problem_graffiti: i % 4 === 0 ? 3 : 1, // 25 % (tie with hundekot: ordered by code)
      opfer_einbruch: i % 20 === 0 ? 1 : 2, // 6 victims
      anzeige_einbruch: i % 20 === 0 ? 1 : 0,
      opfer_fahrraddiebstahl: i % 8 === 0 ? 1 : 2, // 15 victims
      anzeige_fahrraddiebstahl: i % 8 === 0 ? (i % 16 === 0 ? 1 : 2) : 0,
      opfer_raub: 2,
      zufrieden_polizei: i % 5 === 0 ? 4 : 1,
      praesenz_polizei: i % 3 === 0 ? 1 : 2,
      nachbarschaft_hilfe: 2,
      entwicklung_kriminalitaet: i % 2 === 0 ? 5 : 3,
    };
    out.push({
      area,
      sex,
      age: age === '65+' ? 70 : age === '40-64' ? 50 : 25,
      mode: i % 3 === 0 ? 'online' : 'papier',
      items,
      extra: { lokal_1: 1 + (i % 3) },
      angst: i < 4 ? ['am Bahnhof'] : [],
    });
  }
  return out;
}

const dataset = makeDataset({
  respondents: respondents(),
  population: flatPopulation(100),
  angeschrieben: 400,
  extraQuestions: [
    { code: 'lokal_1', question: 'Kennen Sie den Präventionsrat?', labels: ['ja', 'nein', 'vielleicht'] },
  ],
});

/** A published item total (tests of items with enough answers). */
function shown<T extends object>(t: T): Exclude<T, { suppressed: true }> {
  if ('suppressed' in t) throw new Error('total suppressed');
  return t as Exclude<T, { suppressed: true }>;
}

describe('analyseSurvey (120 respondents)', () => {
  const r = Survey.parse(analyseSurvey(dataset));

  it('respondents, invitations, response rate, sample', () => {
    expect(r.respondents).toBe(120);
    expect(r.invited).toBe(400);
    expect(r.responseRate).toBe(0.3);
    expect(r.sample.bySex.map((s) => [s.key, s.sample, s.sampleShare, s.populationShare])).toEqual([
      ['w', 60, 0.5, 0.5],
      ['m', 60, 0.5, 0.5],
      ['d', 0, 0, 0],
    ]);
    expect(r.sample.byArea.map((a) => [a.key, a.label, a.sample])).toEqual([
      ['01', 'Altstadt', 40],
      ['02', 'Nordviertel', 40],
      ['03', 'Südstadt', 40],
    ]);
    // ages: 40 × 25, 40 × 50, 40 × 70 → mean 48.33
    expect(r.sample.meanAge).toBeCloseTo(145 / 3, 10);
    expect(r.sample.unknownArea).toBe(0);
    expect(r.sample.byMode).toEqual([
      { key: 'papier', label: 'Papier', count: 80, share: 80 / 120 },
      { key: 'online', label: 'online', count: 40, share: 40 / 120 },
    ]);
  });

  it('weighting: sample equals the margins → all weights equal, deff 1', () => {
    expect(r.weighting.designEffect).toBeCloseTo(1, 10);
    expect(r.weighting.effectiveN).toBeCloseTo(120, 8);
    expect(r.weighting.weightMin).toBeCloseTo(1, 10);
    expect(r.weighting.iterations).toBeLessThanOrEqual(1);
  });

  it('items and the standard indicator', () => {
    const sg = r.items['sg_wohngegend_nacht']!;
    // 20 women 65+ answer 4 of 120 → 1/6
    expect(shown(sg.total).negativeShareWeighted).toBeCloseTo(1 / 6, 10);
    expect(sg.bySex['w']).toMatchObject({ n: 60, negativeShare: 1 / 3 });
    expect(sg.bySex['m']).toMatchObject({ n: 60, negativeShare: 0 });
    expect(sg.bySex['d']).toBeUndefined();
    expect(sg.byAgeGroup['65+']).toMatchObject({ n: 40, negativeShare: 0.5 });
    expect(Object.keys(r.items)).toEqual(
      expect.arrayContaining(['sg_wohngegend_nacht', 'problem_muell', 'anzeige_einbruch']),
    );
  });

  it('placeTime with place and time from the codebook', () => {
    expect(r.placeTime.map((p) => [p.item, p.place, p.time])).toEqual([
      ['sg_wohngegend_nacht', 'wohngegend', 'nacht'],
      ['sg_wohngegend_tag', 'wohngegend', 'tag'],
      ['sg_oepnv_nacht', 'oepnv', 'nacht'],
    ]);
    // ÖPNV: 30 × 3, 30 × 8 (not applicable), 60 × 2 → 30 of 90 valid
    expect(r.placeTime[2]).toMatchObject({ n: 90, suppressed: false, limited: false });
    expect(r.placeTime[2]!.negativeShareWeighted).toBeCloseTo(1 / 3, 10);
    expect(shown(r.items['sg_oepnv_nacht']!.total).notApplicableShare).toBe(0.25);
  });

  it('incivility ranking: descending share, ties by code', () => {
    expect(r.incivilityRanking.map((f) => f.item)).toEqual([
      'problem_muell',
      'problem_graffiti',
      'problem_hundekot',
    ]);
    expect(r.incivilityRanking[0]!.negativeShareWeighted).toBeCloseTo(0.5, 10);
  });

  it('fear dimensions and the sex × age cells', () => {
    expect(r.fear.items).toEqual({
      affektiv: ['furcht_nacht'],
      kognitiv: ['risiko_einbruch'],
      konativ: ['vermeiden_orte'],
    });
    const cell = (dim: string, sex: string, age: string) =>
      r.fear.bySexAge.find((c) => c.dimension === dim && c.sex === sex && c.ageGroup === age)!;
    expect(r.fear.bySexAge).toHaveLength(18);
    // women 65+: 20 respondents, all furcht_nacht = 5 → share 1, limited (n < 30)
    expect(cell('affektiv', 'w', '65+')).toMatchObject({ n: 20, share: 1, suppressed: false, limited: true });
    expect(cell('affektiv', 'm', '65+')).toMatchObject({ n: 20, share: 0 });
    // kognitiv: risiko_einbruch = 3 for i % 10 == 0 → women only (i even), age group of i = floor(i/2) % 3
    const kog = r.fear.bySexAge.filter((c) => c.dimension === 'kognitiv');
    expect(kog.reduce((a, c) => a + (c.share ?? 0) * c.n, 0)).toBeCloseTo(12, 8);
  });

  it('victimisation: prevalence and reporting among victims, small bases suppressed', () => {
    const ein = r.victimisation.find((v) => v.delikt === 'einbruch')!;
    expect(ein.prevalence.negativeShareWeighted).toBeCloseTo(6 / 120, 10);
    // 6 victims < 10 → the reporting rate is not shown
    expect(ein.reportingRate).toMatchObject({
      n: 6,
      suppressed: true,
      negativeShareWeighted: null,
      ci95: null,
    });
    const rad = r.victimisation.find((v) => v.delikt === 'fahrraddiebstahl')!;
    // 15 victims, 8 reported (i % 16 == 0) → 8/15, limited
    expect(rad.reportingRate).toMatchObject({ n: 15, suppressed: false, limited: true });
    expect(rad.reportingRate!.negativeShareWeighted).toBeCloseTo(8 / 15, 10);
    // raub asked without anzeige item → reportingRate null
    expect(r.victimisation.find((v) => v.delikt === 'raub')!.reportingRate).toBeNull();
  });

  it('institutions, neighbourhood, perceived trend, Angsträume, extra', () => {
    expect(r.institutions.map((f) => f.item)).toEqual(['zufrieden_polizei', 'praesenz_polizei']);
    expect(r.neighbourhood.map((f) => f.item)).toEqual(['nachbarschaft_hilfe']);
    expect(r.perceivedTrend).toMatchObject({ recordedChange: null, fromYear: null, toYear: null });
    expect(r.perceivedTrend!.item.negativeShareWeighted).toBeCloseTo(0.5, 10);
    expect(r.angstraeume).toEqual([{ place: 'Bahnhof', mentions: 4 }]);
    expect(r.angstraeumeRemoved).toBe(0);
    expect(r.extra).toHaveLength(1);
    expect(shown(r.extra[0]!.total).distribution.map((d) => [d.label, d.share])).toEqual([
      ['ja', 1 / 3],
      ['nein', 1 / 3],
      ['vielleicht', 1 / 3],
    ]);
  });

  it('victimisation by sex × age for the paradox', () => {
    const { victimisationBySexAge, weights } = analyseSurveyWithWeights(dataset);
    expect(weights.length).toBe(120);
    expect(victimisationBySexAge).toHaveLength(6);
    // every cell has 20 respondents with valid opfer answers
    expect(victimisationBySexAge.every((c) => c.n === 20 && !c.suppressed)).toBe(true);
  });

  it('is deterministic', () => {
    expect(JSON.stringify(analyseSurvey(dataset))).toBe(JSON.stringify(r));
  });
});

describe('analyseSurvey edge cases', () => {
  it('an empty survey still gives a valid section', () => {
    const r = Survey.parse(
      analyseSurvey(
        makeDataset({
          respondents: [],
          itemColumns: ['sg_wohngegend_nacht'],
          population: flatPopulation(10),
        }),
      ),
    );
    expect(r.respondents).toBe(0);
    // n = 0 is below mindestfallzahl: the total is hidden like any small cell (n and rule only).
    expect(r.items['sg_wohngegend_nacht']!.total).toEqual({
      n: 0,
      suppressed: true,
      reason: 'total',
      rule: 'total',
    });
    expect(r.placeTime[0]).toMatchObject({ suppressed: true, negativeShareWeighted: null });
    expect(r.responseRate).toBeNull();
  });

  it('a total below mindestfallzahl suppresses the figure and the item total (its n stays)', () => {
    const r = Survey.parse(
      analyseSurvey(
        makeDataset({
          respondents: times(7, { area: '01', sex: 'w', age: '16-39', items: { problem_muell: 4 } }),
        }),
      ),
    );
    expect(r.incivilityRanking[0]).toMatchObject({
      n: 7,
      suppressed: true,
      limited: false,
      negativeShareWeighted: null,
    });
    expect(r.items['problem_muell']!.total).toEqual({
      n: 7,
      suppressed: true,
      reason: 'total',
      rule: 'total',
    });
  });
});
