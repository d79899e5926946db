import { describe, expect, it } from 'vitest';
import { recommend, defaultCatalogue, MAX_KEY_FINDINGS } from '../../../src/core/recommend/index.js';
import { KeyFinding, Recommendation } from '../../../src/core/analysis/schema.js';
import type { VictimisationCell } from '../../../src/core/analysis/comparison/index.js';
import { crimeRow, kreisRow, makeDataset, popRows } from '../analysis/crime/dataset-fixture.js';
import { makeBase } from './analysis-fixture.js';

const T = '------';

describe('recommend: a recommendation with its triggering findings', () => {
  it('recommends Saubere Stadt with the findings and values that triggered it, priority hoch from a share ≥ 40 %', () => {
    const a = makeBase({
      survey: {
        items: {
          problem_muell: { share: 0.42 },
          problem_hundekot: { share: 0.1 },
          problem_laerm: { share: 0.05 },
        },
      },
    });
    const { recommendations } = recommend(a);
    const r = recommendations.find((x) => x.id === 'saubere-stadt');
    expect(r).toBeDefined();
    Recommendation.parse(r);
    expect(r?.priority).toBe('hoch');
    expect(r?.type).toBe('specific');
    expect(r?.field).toBe('Sauberkeit und Ordnung');
    // problem_muell fires twice (≥ 25 %, and rank 1 with ≥ 15 %): one finding per id, plus the rank finding.
    expect(r?.triggers).toEqual([
      {
        id: 'item:problem_muell',
        text: '„Müll/Verschmutzung“ ist für 42,0\u00A0% der Befragten ein ziemliches oder großes Problem in ihrer Wohngegend.',
        value: 0.42,
        display: '42,0\u00A0%',
      },
      {
        id: 'incivility:problem_muell',
        text: '„Müll/Verschmutzung“ steht auf Rang 1 der Probleme im Wohnumfeld (42,0\u00A0% ziemliches oder großes Problem).',
        value: 1,
        display: 'Rang 1',
      },
    ]);
    expect(r?.support[0]).toContain('RL KommPräv, Projektförderung „Saubere Stadt“');
    expect(r?.areas).toEqual([]);
  });

  it('gives priority mittel for one moderate trigger and hoch when several alternatives fire', () => {
    const one = recommend(
      makeBase({ survey: { items: { problem_muell: { share: 0.3 } } } }),
    ).recommendations.find((x) => x.id === 'saubere-stadt');
    expect(one?.priority).toBe('mittel');
    const two = recommend(
      makeBase({ survey: { items: { problem_muell: { share: 0.3 }, problem_hundekot: { share: 0.28 } } } }),
    ).recommendations.find((x) => x.id === 'saubere-stadt');
    expect(two?.priority).toBe('hoch');
    expect(two?.triggers.map((t) => t.id)).toContain('item:problem_hundekot');
  });

  it('does not recommend a specific measure without a trigger, but always the general ones', () => {
    const { recommendations } = recommend(
      makeBase({ survey: { items: { problem_muell: { share: 0.05 } } } }),
    );
    expect(recommendations.map((r) => r.id)).toEqual([
      'kpr-koordination',
      'kpr-staerken',
      'wiederholungsbefragung',
    ]);
    expect(recommendations.map((r) => r.priority)).toEqual(['mittel', 'mittel', 'niedrig']);
    for (const r of recommendations) expect(r.triggers).toEqual([]);
  });
});

describe('recommend: target areas, the Alkoholkonsumverbot rule, seniors', () => {
  // 892000: area 01 30 cases (HZ 300), area 02 10 (HZ 100), municipality 40 / 20,000 = HZ 200 → 01 at 1.5 ×.
  const violent = [
    crimeRow(2024, null, '892000', 40),
    crimeRow(2024, '01', '892000', 30),
    crimeRow(2024, '02', '892000', 10),
    crimeRow(2024, null, T, 900),
  ];
  const ds = makeDataset({
    population: [...popRows('01', 10_000), ...popRows('02', 10_000)],
    crime: violent,
  });

  it('needs alcohol problems AND violence in the same area for an Alkoholkonsumverbot', () => {
    const both = recommend(
      makeBase({
        dataset: ds,
        survey: { items: { problem_alkohol_oeffentlich: { share: 0.3, byArea: { '01': 0.4, '02': 0.2 } } } },
      }),
    ).recommendations;
    const alc = both.find((r) => r.id === 'alkoholkonsumverbot');
    expect(alc?.areas).toEqual(['01']);
    expect(alc?.priority).toBe('mittel');
    expect(alc?.triggers.map((t) => [t.id, t.display])).toEqual([
      ['item:problem_alkohol_oeffentlich:01', '40,0\u00A0%'],
      ['arearate:892000:01', '1,50-fach'],
    ]);
    // Alcohol problems in area 02, violence in area 01: not the same place.
    const apart = recommend(
      makeBase({
        dataset: ds,
        survey: { items: { problem_alkohol_oeffentlich: { share: 0.3, byArea: { '01': 0.1, '02': 0.5 } } } },
      }),
    ).recommendations;
    expect(apart.map((r) => r.id)).not.toContain('alkoholkonsumverbot');
    // Alcohol without violence: only the moderation of conflicts.
    const noViolence = makeDataset({
      population: popRows('01', 10_000),
      crime: [crimeRow(2024, null, T, 100)],
    });
    const ids = recommend(
      makeBase({
        dataset: noViolence,
        survey: { items: { problem_alkohol_oeffentlich: { share: 0.3, byArea: { '01': 0.4 } } } },
      }),
    ).recommendations.map((r) => r.id);
    expect(ids).not.toContain('alkoholkonsumverbot');
    expect(ids).toContain('konflikte-oeffentlicher-raum');
  });

  it('targets the areas of per-area triggers (Furcht ohne Hellfeld → Kommunikation)', () => {
    const wed = makeDataset({
      population: [...popRows('01', 10_000), ...popRows('02', 10_000)],
      crime: [
        crimeRow(2024, null, '435*00', 60),
        crimeRow(2024, '01', '435*00', 48),
        crimeRow(2024, '02', '435*00', 12),
        crimeRow(2024, null, T, 900),
      ],
    });
    // Reference 0.25 / HZ 300 (2024). 02: fear 0.4 [0.35, 0.45] above, HZ 120 (12 cases, exact interval
    // 62.0–209.6) below → Furcht ohne Hellfeld. 01: fear 0.15 [0.10, 0.20] below, HZ 480 (48 cases,
    // 353.9–636.4) above → unterschätztes Risiko.
    const { recommendations: recs, keyFindings } = recommend(
      makeBase({
        dataset: wed,
        survey: { items: { beunruhigt_einbruch: { share: 0.25, byArea: { '01': 0.15, '02': 0.4 } } } },
      }),
    );
    expect(keyFindings.find((k) => k.id === 'kf:furcht-ohne-hellfeld')?.text).toBe(
      'In einem Gebiet ist die Beunruhigung nachweislich überdurchschnittlich, die registrierte Kriminalität aber nicht (Furcht ohne Hellfeld-Korrelat), z. B. Nordviertel: Beunruhigung über Wohnungseinbruch.',
    );
    const k = recs.find((r) => r.id === 'kommunikation-furcht');
    expect(k?.areas).toEqual(['02']);
    expect(k?.triggers[0]?.id).toBe('quadrant:beunruhigt_einbruch:435*00:02');
    expect(recs.find((r) => r.id === 'aufklaerung-risiko')?.areas).toEqual(['01']);
    expect(recs.find((r) => r.id === 'einbruchschutz-nachbarschaft')?.areas).toEqual(['01']);
  });

  it('answers the paradox with fear communication aimed at the groups whose fear is significantly high', () => {
    const groups = ['16-29', '30-59', '60+'];
    const fear = [0.3, 0.35, 0.5, 0.1, 0.15, 0.25];
    const vict = [0.15, 0.1, 0.05, 0.3, 0.2, 0.08];
    const cells = (['w', 'm'] as const).flatMap((sex, si) =>
      groups.map((ageGroup, gi) => ({ sex, ageGroup, i: si * 3 + gi })),
    );
    const victimisationBySexAge: VictimisationCell[] = cells.map((c) => ({
      sex: c.sex,
      ageGroup: c.ageGroup,
      n: 50,
      share: vict[c.i] ?? 0,
      suppressed: false,
    }));
    const a = makeBase({
      survey: { fear: cells.map((c) => ({ sex: c.sex, ageGroup: c.ageGroup, share: fear[c.i] ?? 0 })) },
      victimisationBySexAge,
    });
    // Spearman over the 6 cells: fear ranks 4 5 6 1 2 3, victimisation ranks 4 3 1 6 5 2,
    // Σd² = 64 → ρ = 1 − 6·64 / (6·35) = −0.829; t = ρ·√(4 / (1 − ρ²)) = −2.96, 4 df → p = 0.04.
    expect(a.comparison.paradox.present).toBe(true);
    expect(a.comparison.paradox.rho).toBeCloseTo(-0.8286, 4);
    const recs = recommend(a).recommendations;
    const r = recs.find((x) => x.id === 'kommunikation-furcht');
    expect(r?.triggers).toEqual([
      {
        id: 'paradox',
        text: a.comparison.paradox.summary,
        value: a.comparison.paradox.rho,
        display: 'ρ = -0,83',
      },
    ]);
    // The paradox no longer sends everyone over 60 to Seniorensicherheit: the measure names the
    // groups that actually show high fear (interval above the overall value), first.
    expect(a.comparison.paradox.highFear.length).toBeGreaterThan(0);
    expect(r?.targetGroups.slice(0, -2)).toEqual(
      a.comparison.paradox.highFear.map(() => expect.stringContaining('(hohe Kriminalitätsfurcht)')),
    );
    expect(recs.map((x) => x.id)).not.toContain('seniorensicherheit');
  });
});

describe('recommend: order, determinism, schema, key findings', () => {
  const ds = makeDataset({
    population: [...popRows('01', 10_000), ...popRows('02', 10_000)],
    crime: [
      crimeRow(2020, null, T, 1000),
      crimeRow(2024, null, T, 1300),
      crimeRow(2024, '01', T, 800),
      crimeRow(2024, '02', T, 500),
      crimeRow(2024, null, '899500', 40),
      crimeRow(2020, null, '899500', 20),
      crimeRow(2024, null, '435*00', 30),
      crimeRow(2024, '01', '435*00', 25),
      crimeRow(2024, '02', '435*00', 5),
      crimeRow(2023, null, '435*00', 20),
    ],
    pksKreise: [
      kreisRow(2024, '14522', T, 10_000, 3000, null, null, 'Erzgebirgskreis'),
      kreisRow(2024, '14521', T, 6000, 2000),
    ],
  });
  const spec = {
    dataset: ds,
    survey: {
      items: {
        lq_wohnen_gern: { share: 0.12 },
        sg_wohngegend_nacht: { share: 0.36, byArea: { '01': 0.45, '02': 0.25 } },
        problem_muell: { share: 0.45 },
        problem_hundekot: { share: 0.52 },
        problem_graffiti: { share: 0.3 },
        problem_raser: { share: 0.35 },
        problem_jugendgruppen: { share: 0.26 },
        beunruhigt_einbruch: { share: 0.25, byArea: { '01': 0.2, '02': 0.4 } },
        praesenz_ordnungsamt: { share: 0.55 },
        zufrieden_polizei: { share: 0.2 },
        nachbarschaft_vertrauen: { share: 0.32 },
      },
      victimisation: [{ delikt: 'fahrraddiebstahl', prevalence: 0.07, reportingRate: 0.3 }],
      perceivedTrend: { share: 0.55, recordedChange: -0.05 },
      angstraeume: [{ place: 'Bahnhof', mentions: 9 }],
    },
  };
  const a = makeBase(spec);
  const { recommendations, keyFindings } = recommend(a);

  it('validates against the schema', () => {
    for (const r of recommendations) Recommendation.parse(r);
    for (const k of keyFindings) KeyFinding.parse(k);
  });

  it('orders by priority, then specific before general, then id', () => {
    const rank = { hoch: 0, mittel: 1, niedrig: 2 };
    for (let i = 1; i < recommendations.length; i++) {
      const p = recommendations[i - 1];
      const c = recommendations[i];
      if (!p || !c) continue;
      const key = (r: typeof p) => [rank[r.priority], r.type === 'specific' ? 0 : 1, r.id] as const;
      const [pa, pb, pc] = key(p);
      const [ca, cb, cc] = key(c);
      expect(pa < ca || (pa === ca && (pb < cb || (pb === cb && pc < cc)))).toBe(true);
    }
    expect(recommendations.slice(0, 3).map((r) => [r.id, r.priority])).toEqual([
      ['angstraeume-staedtebau', 'hoch'],
      // Not einbruchschutz-nachbarschaft: area 01's Beunruhigung 0.2 [0.15, 0.25] does not lie below
      // the municipal 0.25 (no quadrant), and WED 20 → 30 over two years gets no trend test.
      ['praesenz-ordnungsdienst', 'hoch'],
      ['saubere-stadt', 'hoch'],
    ]);
    expect(recommendations.at(-1)?.id).toBe('wiederholungsbefragung');
  });

  it('is deterministic', () => {
    expect(recommend(makeBase(spec))).toEqual({ recommendations, keyFindings });
  });

  it('lists 5–8 key findings in German with severities', () => {
    expect(keyFindings.length).toBeGreaterThanOrEqual(5);
    expect(keyFindings.length).toBeLessThanOrEqual(MAX_KEY_FINDINGS);
    const byId = Object.fromEntries(keyFindings.map((k) => [k.id, k]));
    expect(byId['kf:sicherheitsgefuehl']).toEqual({
      id: 'kf:sicherheitsgefuehl',
      // Altstadt 0.45 [0.40, 0.50] lies above 0.36: a significant difference, said as such.
      text: '36,0\u00A0% der Befragten fühlen sich nachts ohne Begleitung in ihrer Wohngegend eher oder sehr unsicher – signifikant häufiger als im Durchschnitt in Altstadt (45,0\u00A0%).',
      severity: 'auffaellig',
    });
    expect(byId['kf:incivilities']?.text).toBe(
      'Die größten Probleme im Wohnumfeld sind Hundekot (52,0\u00A0%), Müll/Verschmutzung (45,0\u00A0%) und Raser (35,0\u00A0%) – Anteil „ziemliches oder großes Problem“.',
    );
    // 1,300 / 20,000 → HZ 6,500; Kreis 3,000 → 2.17 × → kritisch.
    expect(byId['kf:regional']).toMatchObject({ severity: 'kritisch' });
    // Two flags: the Sondereffekt of the total (exact lower bound HZ 6,152 > 2 × 2,500) and Graffiti
    // 20 → 40 (exact conditional test p = 0.013). WED 20 → 30 (p = 0.20) is noise and no longer flagged.
    expect(byId['kf:sondereffekte']?.text).toMatch(
      /^Auffällige Werte in der Kriminalstatistik: Straftaten insgesamt 2024: .*; Sachbeschädigung durch Graffiti 2024: \+100,0\u00A0% gegenüber 2020 – [^;]*\.$/,
    );
    expect(byId['kf:sondereffekte']?.text).not.toContain('weitere');
    // Nordviertel's fear is above the average, but its 5 burglaries are too few to place it: no quadrant.
    expect(byId['kf:furcht-ohne-hellfeld']).toBeUndefined();
    expect(byId['kf:regional']?.text).toBe(
      'Die Häufigkeitszahl 2024 (6.500,0) liegt über der des Kreises Erzgebirgskreis (3.000,0) und über der des Landes Sachsen (2.526,3).',
    );
  });

  it('always keeps the anchors (Sicherheitsgefühl, registered crime), even as a Hinweis', () => {
    // Straftaten 2020 1,250 → 2024 1,300 → Hinweis; nine candidates are more severe, so one must go.
    // Two years give no trend test, so no change is claimed (never first against last year).
    const calm = makeDataset({
      population: [...popRows('01', 10_000), ...popRows('02', 10_000)],
      crime: [crimeRow(2020, null, T, 1250), ...ds.crime.filter((r) => !(r.key === T && r.year === 2020))],
      pksKreise: [...ds.pksKreise],
    });
    const kf = recommend(makeBase({ ...spec, dataset: calm })).keyFindings;
    expect(kf).toHaveLength(MAX_KEY_FINDINGS);
    expect(kf.find((k) => k.id === 'kf:kriminalitaet')).toEqual({
      id: 'kf:kriminalitaet',
      text: '2024 registrierte die Polizei 1.300 Straftaten (Häufigkeitszahl 6.500,0).',
      severity: 'hinweis',
    });
    expect(kf.map((k) => k.id)).not.toContain('kf:lebensqualitaet');
  });

  it('uses the default catalogue unless one is passed', () => {
    const only = {
      ...defaultCatalogue(),
      measures: defaultCatalogue().measures.filter((m) => m.id === 'verkehrssicherheit'),
    };
    expect(recommend(a, only).recommendations.map((r) => r.id)).toEqual(['verkehrssicherheit']);
  });
});
