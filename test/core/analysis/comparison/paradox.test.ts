import { describe, expect, it } from 'vitest';
import {
  analyseParadox,
  groupLabel,
  spearman,
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
  it('detects the paradox: top groups differ and Spearman < 0', () => {
    expect(spearman([0.3, 0.35, 0.5, 0.1, 0.15, 0.25], [0.15, 0.1, 0.05, 0.3, 0.2, 0.08])).toBeCloseTo(
      -0.828571,
      5,
    );
    const p = analyseParadox(makeSurvey({ fear }), GROUPS, victims);
    Comparison.shape.paradox.parse(p);
    expect(p.present).toBe(true);
    expect(p.rows).toHaveLength(6);
    expect(p.rows[2]).toEqual({
      sex: 'w',
      ageGroup: '60+',
      n: 50,
      fear: 0.5,
      victimisation: 0.05,
      suppressed: false,
    });
    expect(p.summary).toBe(
      'Kriminalitätsfurcht-Paradox: Die größte Kriminalitätsfurcht äußern Frauen ab 60 Jahren (50,0\u00A0%), am häufigsten Opfer einer Straftat wurden dagegen Männer von 16 bis 29 Jahren (30,0\u00A0%). Furcht und Opfererfahrung verlaufen gegenläufig (Rangkorrelation nach Spearman: -0,83).',
    );
  });

  it('finds no paradox when fear follows victimisation', () => {
    const parallel = victims.map((v, i) => ({ ...v, share: fear[i]?.share ?? 0 }));
    const p = analyseParadox(makeSurvey({ fear }), GROUPS, parallel);
    expect(p.present).toBe(false);
    expect(p.summary.startsWith('Kein ausgeprägtes Kriminalitätsfurcht-Paradox')).toBe(true);
  });

  it('needs the victimisation breakdown and at least three complete groups', () => {
    expect(analyseParadox(makeSurvey({ fear }), GROUPS, undefined)).toMatchObject({ present: null });
    expect(analyseParadox(makeSurvey({ fear }), GROUPS, undefined).summary).toContain(
      'Opfererfahrungen nach Geschlecht und Altersgruppe liegen nicht vor',
    );
    const twoGroups = [victim('w', '16-29', 0.1), victim('m', '16-29', 0.3), victim('w', '60+', null)];
    const p = analyseParadox(makeSurvey({ fear }), GROUPS, twoGroups);
    expect(p.present).toBeNull();
    expect(p.rows.find((r) => r.sex === 'w' && r.ageGroup === '60+')).toMatchObject({
      fear: 0.5,
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
