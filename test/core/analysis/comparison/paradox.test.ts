import { describe, expect, it } from 'vitest';
import {
  analyseParadox,
  groupLabel,
  spearman,
  spearmanTest,
  type VictimisationCell,
} from '../../../../src/core/analysis/comparison/index.js';
import { Comparison } from '../../../../src/core/analysis/schema.js';
import { makeSurvey, type FearSpec } from './survey-fixture.js';

const GROUPS = ['16-29', '30-59', '60+'];
const victim = (sex: 'w' | 'm', ageGroup: string, share: number | null, n = 50): VictimisationCell => ({
  sex,
  ageGroup,
  n,
  share,
  suppressed: share === null,
});

/*
 * Fear (affektiv):  w 16-29 0.30, w 30-59 0.35, w 60+ 0.50, m 16-29 0.10, m 30-59 0.15, m 60+ 0.25
 * Victimisation:    w 16-29 0.15, w 30-59 0.10, w 60+ 0.05, m 16-29 0.30, m 30-59 0.20, m 60+ 0.08
 * Highest fear: w 60+; highest victimisation: m 16-29 → different groups.
 * Ranks fear:  [4, 5, 6, 1, 2, 3]; ranks victimisation: [4, 3, 1, 6, 5, 2]
 * d = [0, 2, 5, -5, -3, 1], Σd² = 0 + 4 + 25 + 25 + 9 + 1 = 64; ρ = 1 − 6·64 / (6·35) = 1 − 384/210 = −0.828571…
 */
const fear: FearSpec[] = [
  { sex: 'w', ageGroup: '16-29', share: 0.3 },
  { sex: 'w', ageGroup: '30-59', share: 0.35 },
  { sex: 'w', ageGroup: '60+', share: 0.5 },
  { sex: 'm', ageGroup: '16-29', share: 0.1 },
  { sex: 'm', ageGroup: '30-59', share: 0.15 },
  { sex: 'm', ageGroup: '60+', share: 0.25 },
];
const victims = [
  victim('w', '16-29', 0.15),
  victim('w', '30-59', 0.1),
  victim('w', '60+', 0.05),
  victim('m', '16-29', 0.3),
  victim('m', '30-59', 0.2),
  victim('m', '60+', 0.08),
];

describe('Kriminalitätsfurcht-Paradox', () => {
  it('detects the paradox: significant negative Spearman over groups of n ≥ 30, top groups differ', () => {
    expect(spearman([0.3, 0.35, 0.5, 0.1, 0.15, 0.25], [0.15, 0.1, 0.05, 0.3, 0.2, 0.08])).toBeCloseTo(
      -0.828571,
      5,
    );
    // t = ρ·√(4 / (1 − ρ²)) = −0,828571 · √(4 / 0,313469) = −2,95980; two-sided p with 4 df = 0,041563
    // (R: cor.test(x, y, method = "spearman", exact = FALSE)).
    const test = spearmanTest([0.3, 0.35, 0.5, 0.1, 0.15, 0.25], [0.15, 0.1, 0.05, 0.3, 0.2, 0.08]);
    expect(test?.p).toBeCloseTo(0.041563, 5);
    const p = analyseParadox(makeSurvey({ fear }), GROUPS, victims);
    Comparison.shape.paradox.parse(p);
    expect(p.present).toBe(true);
    expect(p.rho).toBeCloseTo(-0.828571, 5);
    expect(p.p).toBeCloseTo(0.041563, 5);
    expect(p.cells).toBe(6);
    expect(p.rows).toHaveLength(6);
    expect(p.rows[2]).toEqual({
      sex: 'w',
      ageGroup: '60+',
      n: 50,
      fear: 0.5,
      victimisation: 0.05,
      suppressed: false,
    });
    // Mean fear of the tested groups (all n = 50): 1,65 / 6 = 0,275. Only w 60+ has its interval
    // (0,40–0,60 in the fixture) wholly above it; w 30-59 (0,25–0,45) does not.
    expect(p.highFear).toEqual([{ sex: 'w', ageGroup: '60+', share: 0.5 }]);
    expect(p.summary).toBe(
      'Kriminalitätsfurcht-Paradox: Die größte Kriminalitätsfurcht äußern Frauen ab 60 Jahren (50,0\u00A0%), am häufigsten Opfer einer Straftat wurden dagegen Männer von 16 bis 29 Jahren (30,0\u00A0%). Furcht und Opfererfahrung verlaufen gegenläufig (Rangkorrelation nach Spearman ρ = -0,83 über 6 Gruppen mit mindestens 30 Befragten, p = 0,04).',
    );
  });

  it('finds no paradox when fear follows victimisation', () => {
    const parallel = victims.map((v, i) => ({ ...v, share: fear[i]?.share ?? 0 }));
    const p = analyseParadox(makeSurvey({ fear }), GROUPS, parallel);
    expect(p.present).toBe(false);
    expect(p.rho).toBeCloseTo(1, 10);
    expect(p.summary).toContain('Der Zusammenhang zwischen Furcht und Opfererfahrung ist gleichläufig');
  });

  it('claims nothing from a weak correlation (the issue: ρ = −0,25 over 10 groups, p ≈ 0,49)', () => {
    // Ten groups: fear ranks 1..10, victimisation ranks chosen for Σd² = 206 → ρ = 1 − 6·206/990 = −0,248485.
    const ages = ['16-29', '30-44', '45-59', '60-74', '75+'];
    const f = [0.1, 0.12, 0.14, 0.16, 0.18, 0.2, 0.22, 0.24, 0.26, 0.28];
    const vRanks = [6, 3, 10, 9, 4, 5, 7, 2, 1, 8];
    const cells = ages.flatMap((ag) => (['w', 'm'] as const).map((sex) => ({ sex, ageGroup: ag })));
    const fearCells: FearSpec[] = cells.map((c, i) => ({ ...c, share: f[i]!, n: 40 }));
    const victimCells = cells.map((c, i) => victim(c.sex, c.ageGroup, vRanks[i]! / 100, 40));
    const p = analyseParadox(makeSurvey({ fear: fearCells }), ages, victimCells);
    expect(p.rho).toBeCloseTo(-0.248485, 5);
    // t = −0,248485 · √(8 / (1 − 0,061745)) = −0,725578; p (8 df) = 0,488776.
    expect(p.p).toBeCloseTo(0.488776, 5);
    expect(p.present).toBe(false);
    expect(p.summary).toContain('statistisch nicht gesichert');
  });

  it('leaves out groups with fewer than 30 respondents and needs at least five', () => {
    // Two of the six groups have n = 16: four remain, too few to test.
    const small = fear.map((f, i) => (i < 2 ? { ...f, n: 16 } : f));
    const p = analyseParadox(makeSurvey({ fear: small }), GROUPS, victims);
    expect(p.cells).toBe(4);
    expect(p.present).toBeNull();
    expect(p.rho).toBeNull();
    expect(p.summary).toContain(
      'Nur 4 Gruppen nach Geschlecht und Altersgruppe haben mindestens 30 Befragte',
    );
  });

  it('needs the victimisation breakdown', () => {
    expect(analyseParadox(makeSurvey({ fear }), GROUPS, undefined)).toMatchObject({ present: null });
    expect(analyseParadox(makeSurvey({ fear }), GROUPS, undefined).summary).toContain(
      'Opfererfahrungen nach Geschlecht und Altersgruppe liegen nicht vor',
    );
    const twoGroups = [victim('w', '16-29', 0.1), victim('m', '16-29', 0.3), victim('w', '60+', null)];
    const p = analyseParadox(makeSurvey({ fear }), GROUPS, twoGroups);
    expect(p.present).toBeNull();
    expect(p.rows.find((r) => r.sex === 'w' && r.ageGroup === '60+')).toMatchObject({
      fear: null,
      victimisation: null,
      suppressed: true,
    });
  });

  it('labels groups in German', () => {
    expect(groupLabel('w', '75+')).toBe('Frauen ab 75 Jahren');
    expect(groupLabel('m', '16-29')).toBe('Männer von 16 bis 29 Jahren');
    expect(groupLabel('w', 'jung')).toBe('Frauen (jung)');
  });

  it('ranks ties with average ranks', () => {
    expect(spearman([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 10);
    expect(spearman([1, 1, 2], [1, 2, 3])).toBeCloseTo(0.866025, 5);
    expect(spearman([1, 1, 1], [1, 2, 3])).toBeNull();
  });
});
