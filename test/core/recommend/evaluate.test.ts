import { describe, expect, it } from 'vitest';
import { compareOp, evaluate, type AnalysisBase } from '../../../src/core/recommend/index.js';
import type { Condition } from '../../../src/core/recommend/rules.js';
import { crimeRow, kreisRow, makeDataset, popRows } from '../analysis/crime/dataset-fixture.js';
import { makeBase } from './analysis-fixture.js';

const T = '------';
const ev = (c: Condition, a: AnalysisBase) => evaluate(c, a);

describe('trigger operators', () => {
  it('compares with >=, >, <=, <, ==', () => {
    expect([compareOp(0.25, '>=', 0.25), compareOp(0.24, '>=', 0.25)]).toEqual([true, false]);
    expect([compareOp(0.26, '>', 0.25), compareOp(0.25, '>', 0.25)]).toEqual([true, false]);
    expect([compareOp(3, '<=', 3), compareOp(4, '<=', 3)]).toEqual([true, false]);
    expect([compareOp(2, '<', 3), compareOp(3, '<', 3)]).toEqual([true, false]);
    expect([compareOp(3, '==', 3), compareOp(2, '==', 3)]).toEqual([true, false]);
  });
});

describe('survey metrics', () => {
  const a = makeBase({
    survey: {
      items: {
        problem_graffiti: { share: 0.423, byArea: { '01': 0.5, '02': 'suppressed' } },
        problem_muell: { share: 0.3 },
        problem_hundekot: { share: 0.3 },
        problem_laerm: { share: 0.1 },
        praesenz_ordnungsamt: { share: 0.45 },
        nachbarschaft_hilfe: { share: 0.35 },
        sg_wohngegend_nacht: { share: 0.3, byArea: { '01': 0.41, '02': 0.2 } },
      },
      victimisation: [
        { delikt: 'fahrraddiebstahl', prevalence: 0.06, reportingRate: 0.35 },
        { delikt: 'betrug', prevalence: 0.02, reportingRate: 0.6 },
      ],
      perceivedTrend: { share: 0.52, recordedChange: -0.08, fromYear: 2020, toYear: 2024 },
      angstraeume: [
        { place: 'Bahnhof', mentions: 12 },
        { place: 'Stadtpark', mentions: 7 },
        { place: 'Marktplatz', mentions: 3 },
      ],
    },
  });

  it('item.negativeShareWeighted fires with a finding and its value', () => {
    const e = ev(
      { metric: 'item.negativeShareWeighted', item: 'problem_graffiti', op: '>=', value: 0.25 },
      a,
    );
    expect(e.fired).toBe(true);
    expect(e.scope).toBe('global');
    expect(e.findings).toEqual([
      {
        id: 'item:problem_graffiti',
        text: '„Graffiti/Schmierereien“ ist für 42,3\u00A0% der Befragten ein ziemliches oder großes Problem in ihrer Wohngegend.',
        value: 0.423,
        display: '42,3\u00A0%',
        highShare: true,
      },
    ]);
    expect(
      ev({ metric: 'item.negativeShareWeighted', item: 'problem_graffiti', op: '>=', value: 0.5 }, a).fired,
    ).toBe(false);
    expect(
      ev({ metric: 'item.negativeShareWeighted', item: 'problem_drogen', op: '>=', value: 0 }, a).fired,
    ).toBe(false);
  });

  it('item.areaNegativeShareWeighted fires per area and skips suppressed areas', () => {
    const e = ev(
      { metric: 'item.areaNegativeShareWeighted', item: 'problem_graffiti', op: '>=', value: 0.1 },
      a,
    );
    expect(e).toMatchObject({ fired: true, areas: ['01'], scope: 'areas' });
    expect(e.findings[0]?.id).toBe('item:problem_graffiti:01');
    expect(e.findings[0]?.text).toContain('der Befragten in Altstadt');
    const sg = ev(
      { metric: 'item.areaNegativeShareWeighted', item: 'sg_wohngegend_nacht', op: '>=', value: 0.4 },
      a,
    );
    // Area 01: 0.41, interval [0.36, 0.46] lies above the municipal 0.30 → a claim, with its interval.
    expect(sg.findings[0]?.text).toBe(
      '41,0\u00A0% der Befragten in Altstadt fühlen sich nachts ohne Begleitung in ihrer Wohngegend eher oder sehr unsicher – mehr als in der Kommune insgesamt (30,0\u00A0%; 95-%-Intervall des Gebiets 36,0–46,0\u00A0%).',
    );
    // An area above the threshold whose interval still holds the municipal value is not named.
    const near = makeBase({
      survey: { items: { sg_wohngegend_nacht: { share: 0.38, byArea: { '01': 0.41, '02': 0.3 } } } },
    });
    expect(
      ev(
        { metric: 'item.areaNegativeShareWeighted', item: 'sg_wohngegend_nacht', op: '>=', value: 0.4 },
        near,
      ).fired,
    ).toBe(false);
  });

  it('incivility.rank ranks by share with shared ranks for ties', () => {
    // graffiti 0.423 → 1; muell and hundekot 0.3 → both 2; laerm 0.1 → 4.
    expect(
      ev({ metric: 'incivility.rank', item: 'problem_hundekot', op: '<=', value: 2 }, a).findings[0],
    ).toMatchObject({ value: 2, display: 'Rang 2' });
    expect(ev({ metric: 'incivility.rank', item: 'problem_laerm', op: '<=', value: 3 }, a).fired).toBe(false);
    expect(ev({ metric: 'incivility.rank', item: 'problem_laerm', op: '==', value: 4 }, a).fired).toBe(true);
  });

  it('institution and neighbourhood shares', () => {
    const i = ev(
      { metric: 'institution.negativeShareWeighted', item: 'praesenz_ordnungsamt', op: '>=', value: 0.4 },
      a,
    );
    expect(i.findings[0]).toMatchObject({
      id: 'institution:praesenz_ordnungsamt',
      value: 0.45,
      display: '45,0\u00A0%',
    });
    expect(i.findings[0]?.text).toBe(
      '45,0\u00A0% der Befragten halten die Präsenz des Ordnungsamts für zu gering.',
    );
    const n = ev(
      { metric: 'neighbourhood.negativeShareWeighted', item: 'nachbarschaft_hilfe', op: '>', value: 0.3 },
      a,
    );
    expect(n.findings[0]?.text).toBe(
      '35,0\u00A0% der Befragten stimmen der Aussage „Die Nachbarn helfen einander.“ eher nicht oder gar nicht zu.',
    );
  });

  it('victimisation prevalence and reporting rate, per Delikt or any', () => {
    expect(
      ev({ metric: 'victimisation.prevalence', delikt: 'fahrraddiebstahl', op: '>=', value: 0.05 }, a)
        .findings[0],
    ).toMatchObject({ id: 'victim:fahrraddiebstahl', value: 0.06 });
    expect(ev({ metric: 'victimisation.prevalence', delikt: 'betrug', op: '>=', value: 0.05 }, a).fired).toBe(
      false,
    );
    const r = ev({ metric: 'victimisation.reportingRate', op: '<=', value: 0.4 }, a);
    expect(r.findings.map((f) => f.id)).toEqual(['reporting:fahrraddiebstahl']);
    // The reporting rate rests on the victims only (n = 20 in the fixture): marked as limited.
    expect(r.findings[0]?.text).toBe(
      '(35,0\u00A0%) der Opfer von Fahrraddiebstahl haben die Tat der Polizei gemeldet (eingeschränkt aussagekräftig: n = 20).',
    );
    expect(r.findings[0]?.highShare).toBe(false);
  });

  it('perceived trend vs recorded change', () => {
    const c: Condition = {
      allOf: [
        { metric: 'perceivedTrend.negativeShareWeighted', op: '>=', value: 0.4 },
        { metric: 'perceivedTrend.recordedChange', op: '<=', value: 0 },
      ],
    };
    // The recorded change counts only as far as the trend test supports it: not significant → 0,
    // which still satisfies "<= 0" (perceived rise without a recorded one).
    const e = ev(c, a);
    expect(e.fired).toBe(true);
    expect(e.findings.map((f) => [f.id, f.display])).toEqual([
      ['perceived-trend', '52,0\u00A0%'],
      ['recorded-trend', 'kein gesicherter Trend'],
    ]);
    const significant = makeBase({
      survey: { perceivedTrend: { share: 0.52, recordedChange: -0.08, significant: true } },
    });
    expect(ev(c, significant).findings.map((f) => [f.id, f.display])).toEqual([
      ['perceived-trend', '52,0\u00A0%'],
      ['recorded-trend', '-8,0\u00A0%'],
    ]);
    const rising = makeBase({
      survey: { perceivedTrend: { share: 0.52, recordedChange: 0.08, significant: true } },
    });
    expect(ev(c, rising).fired).toBe(false);
  });

  it('angstraeume.count', () => {
    const e = ev({ metric: 'angstraeume.count', op: '>=', value: 3 }, a);
    expect(e.findings[0]?.text).toBe(
      '3 Orte werden von mindestens drei Befragten als Angsträume genannt, z. B. Bahnhof (12), Stadtpark (7), Marktplatz (3).',
    );
    expect(ev({ metric: 'angstraeume.count', op: '>', value: 3 }, a).fired).toBe(false);
  });
});

describe('crime and comparison metrics', () => {
  // Municipality 20,000 inhabitants (2 × 10,000).
  // 899500: 64, 80, 100, 125 cases 2021–2024 (× 1.25 a year, an exact geometric series, so the
  // Poisson fit is exact: slope ln 1.25, fitted change 1.25³ − 1 = +95.3 %; Fisher information for
  // the slope Σμ(t − t̄)² = 1605 − 369 · (655/369)² = 442.33 → z = 0.22314 · √442.33 = 4.69, p < 0.001).
  // 892000 2024: gesamt 40 (HZ 200), area 01 30 (HZ 300, ratio 1.5), area 02 10 (HZ 100).
  // 435*00 2024: gesamt 60 (HZ 300; exact 95 % interval 45.78–77.23 cases → HZ 228.9–386.2);
  // area 01 48 (HZ 480, interval HZ 353.9–636.4 > 300), area 02 12 (HZ 120, interval HZ 62.0–209.6 < 300).
  // Kreis 14522: 435*00 HZ 200 → ratio 1.5, below the municipal interval.
  const ds = makeDataset({
    population: [...popRows('01', 10_000), ...popRows('02', 10_000)],
    crime: [
      crimeRow(2021, null, '899500', 64),
      crimeRow(2022, null, '899500', 80),
      crimeRow(2023, null, '899500', 100),
      crimeRow(2024, null, '899500', 125),
      crimeRow(2024, null, '892000', 40),
      crimeRow(2024, '01', '892000', 30),
      crimeRow(2024, '02', '892000', 10),
      crimeRow(2024, null, '435*00', 60),
      crimeRow(2024, '01', '435*00', 48),
      crimeRow(2024, '02', '435*00', 12),
      crimeRow(2024, null, T, 1000),
    ],
    pksKreise: [
      kreisRow(2024, '14522', '435*00', 400, 200, null, null, 'Erzgebirgskreis'),
      kreisRow(2024, '14522', T, 10_000, 3000, null, null, 'Erzgebirgskreis'),
    ],
  });
  const a = makeBase({
    dataset: ds,
    survey: {
      items: {
        beunruhigt_einbruch: { share: 0.3, byArea: { '01': 0.2, '02': 0.45 } },
        problem_alkohol_oeffentlich: { share: 0.3, byArea: { '01': 0.4, '02': 0.1 } },
      },
    },
  });

  it('crime.trendChange and crime.cases', () => {
    const t = ev({ metric: 'crime.trendChange', key: '899500', op: '>=', value: 0.2 }, a);
    expect(t.findings[0]).toMatchObject({ id: 'trend:899500', display: '+95,3\u00A0%' });
    expect(t.findings[0]?.value).toBeCloseTo(1.25 ** 3 - 1, 6);
    expect(t.findings[0]?.text).toBe(
      'Sachbeschädigung durch Graffiti 2021–2024: signifikanter Anstieg, im Mittel +25,0\u00A0% pro Jahr (Poisson-Trendtest über 4 Jahre, p < 0,001).',
    );
    // 892000 has one year only: no trend test, nothing fires.
    expect(ev({ metric: 'crime.trendChange', key: '892000', op: '>=', value: 0 }, a).fired).toBe(false);
    expect(ev({ metric: 'crime.cases', key: '899500', op: '>=', value: 10 }, a).findings[0]).toMatchObject({
      value: 125,
      display: '125',
    });
    expect(ev({ metric: 'crime.cases', key: '899500', op: '<', value: 10 }, a).fired).toBe(false);
  });

  it('crime.rateVsKreis', () => {
    const e = ev({ metric: 'crime.rateVsKreis', key: '435*00', op: '>=', value: 1.2 }, a);
    expect(e.findings[0]).toMatchObject({ id: 'kreis:435*00', display: '1,50-fach' });
    expect(e.findings[0]?.text).toBe(
      'Wohnungseinbruchdiebstahl 2024: Häufigkeitszahl 300,0 (95-%-Intervall 228,9–386,2, 60 Fälle) gegenüber 200,0 im Kreis Erzgebirgskreis (1,50-fach).',
    );
  });

  it('crime.areaRateRatio fires per area', () => {
    const e = ev({ metric: 'crime.areaRateRatio', key: '892000', op: '>=', value: 1.5 }, a);
    expect(e).toMatchObject({ fired: true, areas: ['01'], scope: 'areas' });
    expect(e.findings[0]?.value).toBeCloseTo(1.5, 10);
  });

  it('comparison.quadrant fires per area, optionally for any item', () => {
    // beunruhigt_einbruch: ref 0.3 / HZ 300; 01: 0.2 [0.15, 0.25] / HZ 480 (interval above) → unterschätztes
    // Risiko; 02: 0.45 [0.40, 0.50] / HZ 120 (interval below) → Furcht ohne Hellfeld.
    const e = ev(
      { metric: 'comparison.quadrant', item: 'beunruhigt_einbruch', quadrant: 'furcht-ohne-hellfeld' },
      a,
    );
    expect(e).toMatchObject({ fired: true, areas: ['02'] });
    expect(e.findings[0]).toMatchObject({
      id: 'quadrant:beunruhigt_einbruch:435*00:02',
      value: 0.45,
      display: '45,0\u00A0%',
    });
    expect(e.findings[0]?.text).toBe(
      'Nordviertel: Beunruhigung über Wohnungseinbruch über dem Durchschnitt der Kommune (45,0\u00A0% gegenüber 30,0\u00A0%; 95-%-Intervall 40,0–50,0\u00A0%), registrierte Fälle (Wohnungseinbruchdiebstahl) nicht über dem Durchschnitt (Häufigkeitszahl 2024 120,0 gegenüber 300,0) – Furcht ohne Hellfeld-Korrelat.',
    );
    expect(ev({ metric: 'comparison.quadrant', quadrant: 'unterschaetztes-risiko' }, a).areas).toEqual([
      '01',
    ]);
    expect(ev({ metric: 'comparison.quadrant', quadrant: 'begruendete-furcht' }, a).fired).toBe(false);
  });

  it('allOf intersects per-area children; global children do not restrict', () => {
    const alcoholAndViolence: Condition = {
      allOf: [
        {
          metric: 'item.areaNegativeShareWeighted',
          item: 'problem_alkohol_oeffentlich',
          op: '>=',
          value: 0.35,
        },
        { metric: 'crime.areaRateRatio', key: '892000', op: '>=', value: 1.5 },
      ],
    };
    expect(ev(alcoholAndViolence, a)).toMatchObject({ fired: true, areas: ['01'], scope: 'areas' });
    const disjoint: Condition = {
      allOf: [
        { metric: 'comparison.quadrant', quadrant: 'furcht-ohne-hellfeld' },
        { metric: 'crime.areaRateRatio', key: '892000', op: '>=', value: 1.5 },
      ],
    };
    expect(ev(disjoint, a).fired).toBe(false);
    const withGlobal: Condition = {
      allOf: [
        { metric: 'item.negativeShareWeighted', item: 'problem_alkohol_oeffentlich', op: '>=', value: 0.25 },
        { metric: 'crime.areaRateRatio', key: '892000', op: '>=', value: 1.5 },
      ],
    };
    const g = ev(withGlobal, a);
    expect(g).toMatchObject({ fired: true, areas: ['01'] });
    expect(g.findings.map((f) => f.id)).toEqual(['item:problem_alkohol_oeffentlich', 'arearate:892000:01']);
    expect(ev({ allOf: [withGlobal, { metric: 'paradox.present' }] }, a).fired).toBe(false);
  });

  it('anyOf unites the fired children; always fires without findings', () => {
    const e = ev(
      {
        anyOf: [
          { metric: 'comparison.quadrant', quadrant: 'furcht-ohne-hellfeld' },
          { metric: 'comparison.quadrant', quadrant: 'unterschaetztes-risiko' },
          { metric: 'paradox.present' },
        ],
      },
      a,
    );
    expect(e).toMatchObject({ fired: true, areas: ['01', '02'], scope: 'areas' });
    expect(e.findings).toHaveLength(2);
    expect(ev({ always: true }, a)).toEqual({ fired: true, findings: [], areas: [], scope: 'global' });
  });

  it('paradox.present reads the comparison', () => {
    expect(ev({ metric: 'paradox.present' }, a).fired).toBe(false);
  });
});
