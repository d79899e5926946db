import { describe, expect, it } from 'vitest';
import { SCHEMA_VERSION, type Analysis } from '../../../src/core/analysis/schema.js';
import { changeCount, diffAnalyses, DEFAULT_TOP, isEmptySummary } from '../../../src/core/changes/diff.js';
import { ChangeSummary, changesJsonSchema } from '../../../src/core/changes/schema.js';
import { sampleAnalysis } from '../../fixtures/analysis/sample-analysis.js';
import { correctedSample as corrected, type Mutable } from '../../fixtures/changes/corrected-sample.js';

const clone = (): Analysis => structuredClone(sampleAnalysis);
const opts = { fromVersion: 1, toVersion: 2 };

describe('diffAnalyses', () => {
  it('gives an empty summary for identical analyses', () => {
    const s = diffAnalyses(sampleAnalysis, clone(), {
      ...opts,
      inputHashes: { previous: { 'a.csv': 'x' }, next: { 'a.csv': 'x' } },
    });
    expect(changeCount(s)).toBe(0);
    expect(isEmptySummary(s)).toBe(true);
    expect(s).toMatchObject({
      fromVersion: 1,
      toVersion: 2,
      crime: [],
      survey: [],
      suppression: [],
      recommendations: [],
      keyFindings: [],
      warnings: [],
      overview: [],
    });
    expect(s.inputs).toEqual({ changed: [], added: [], removed: [], unchanged: ['a.csv'] });
    expect(s.versions.engine).toEqual({ from: '0.1.0', to: '0.1.0', changed: false });
  });

  it('reports a changed HZ and case count of an area, with both values and the relative change', () => {
    const s = diffAnalyses(sampleAnalysis, corrected(), opts);
    expect(s.crime).toHaveLength(1);
    const [c] = s.crime;
    expect(c).toMatchObject({
      id: 'crime:------:01:2024',
      key: '------',
      label: 'Straftaten insgesamt',
      areaId: '01',
      areaName: 'Altstadt',
      year: 2024,
      changed: ['cases', 'rate'],
      shown: true,
    });
    expect(c?.cases).toEqual({ from: 606, to: 636, delta: 30, relative: 30 / 606 });
    expect(c?.rate.from).toBe(9451);
    expect(c?.rate.to).toBe(9918.9);
    expect(c?.rate.relative).toBeCloseTo(0.0495, 4);
    expect(c?.clearanceRate.delta).toBe(0);
    expect(c?.magnitude).toBe(Math.max(30 / 606, c?.rate.relative ?? 0)); // the larger of the two relative changes
  });

  it('reports a share that moved 2,3 percentage points, and not one that moved less than 1', () => {
    const next = corrected() as Mutable<Analysis>;
    const muell = next.survey.items['problem_muell']!.total;
    if ('suppressed' in muell) throw new Error('fixture');
    muell.negativeShareWeighted += 0.005; // below the threshold
    const s = diffAnalyses(sampleAnalysis, next as Analysis, opts);
    expect(s.survey).toHaveLength(1);
    const [c] = s.survey;
    expect(c).toMatchObject({
      id: 'survey:sg_wohngegend_nacht:total:gesamt',
      item: 'sg_wohngegend_nacht',
      group: { kind: 'total', key: null, label: 'insgesamt' },
      changed: ['share'],
      shown: true,
    });
    expect(c?.share.delta).toBeCloseTo(0.023, 10);
    expect(c?.n).toEqual({ from: 371, to: 371, delta: 0, relative: 0 });
  });

  it('reports any change of n, even when the share stays within the threshold', () => {
    const next = clone() as Mutable<Analysis>;
    const byMale = next.survey.items['furcht_nacht']!.bySex['m'] as Mutable<
      Analysis['survey']['items'][string]['total']
    >;
    byMale.n += 1;
    const s = diffAnalyses(sampleAnalysis, next as Analysis, opts);
    expect(s.survey.map((c) => [c.id, c.changed])).toEqual([['survey:furcht_nacht:sex:m', ['n']]]);
    expect(s.survey[0]?.group).toEqual({ kind: 'sex', key: 'm', label: 'männlich' });
  });

  it('reports a recommendation added and one dropped, and a priority change', () => {
    const next = corrected() as Mutable<Analysis>;
    next.recommendations.find((r) => r.id === 'praesenz-gvd')!.priority = 'hoch';
    const s = diffAnalyses(sampleAnalysis, next as Analysis, opts);
    expect(s.recommendations.map((r) => [r.id, r.change, r.priorityFrom, r.priorityTo])).toEqual([
      ['beleuchtung', 'added', null, 'hoch'],
      ['kommunikation', 'dropped', 'niedrig', null],
      ['praesenz-gvd', 'priority', 'mittel', 'hoch'],
    ]);
  });

  it('reports a group newly suppressed, and one shown again in the reverse direction', () => {
    const s = diffAnalyses(sampleAnalysis, corrected(), opts);
    expect(s.suppression).toEqual([
      {
        id: 'suppression:sg_wohngegend_nacht:area:03',
        item: 'sg_wohngegend_nacht',
        label: sampleAnalysis.survey.items['sg_wohngegend_nacht']!.label,
        group: { kind: 'area', key: '03', label: 'Am Mühlgraben' },
        from: 'visible',
        to: 'primary',
        direction: 'hidden',
        shown: true,
      },
    ]);
    // the suppressed group is not also reported as a share change
    expect(s.survey.some((c) => c.group.key === '03')).toBe(false);
    const back = diffAnalyses(corrected(), sampleAnalysis, { fromVersion: 2, toVersion: 3 });
    expect(back.suppression[0]).toMatchObject({ from: 'primary', to: 'visible', direction: 'visible' });
  });

  it('reports added and resolved warnings and changed key findings', () => {
    const next = clone() as Mutable<Analysis>;
    next.warnings = [
      next.warnings[1]!,
      {
        code: 'fehlender-wert',
        file: 'pks.csv',
        row: 12,
        column: 'faelle',
        message: 'pks.csv, Zeile 12, Spalte „faelle“: Wert fehlt.',
      },
    ];
    next.keyFindings[0]!.severity = 'kritisch';
    next.keyFindings[0]!.text = next.keyFindings[0]!.text.replace('33,0', '35,3');
    next.keyFindings.pop();
    const s = diffAnalyses(sampleAnalysis, next as Analysis, opts);
    expect(s.warnings.map((w) => [w.change, w.file, w.row])).toEqual([
      ['added', 'pks.csv', 12],
      ['resolved', 'befragung.csv', 117],
    ]);
    expect(s.keyFindings.map((k) => [k.id, k.change, k.severityFrom, k.severityTo])).toEqual([
      ['sg:sg_wohngegend_nacht', 'changed', 'auffaellig', 'kritisch'],
      ['paradox', 'dropped', 'hinweis', null],
    ]);
  });

  it('names the corrected, added and removed input files and the engine/template versions', () => {
    const next = clone() as Mutable<Analysis>;
    next.meta.engineVersion = '0.2.0';
    const s = diffAnalyses(sampleAnalysis, next as Analysis, {
      ...opts,
      inputHashes: {
        previous: { 'befragung.csv': 'a', 'pks.csv': 'b', 'alt.csv': 'c' },
        next: { 'befragung.csv': 'a', 'pks.csv': 'B', 'neu.csv': 'd' },
      },
      templateVersions: { previous: 'tpl-1', next: 'tpl-2' },
    });
    expect(s.inputs).toEqual({
      changed: ['pks.csv'],
      added: ['neu.csv'],
      removed: ['alt.csv'],
      unchanged: ['befragung.csv'],
    });
    expect(s.versions).toEqual({
      engine: { from: '0.1.0', to: '0.2.0', changed: true },
      template: { from: 'tpl-1', to: 'tpl-2', changed: true },
      schema: { from: SCHEMA_VERSION, to: SCHEMA_VERSION, changed: false },
    });
    expect(isEmptySummary(s)).toBe(false);
    expect(diffAnalyses(sampleAnalysis, clone(), opts).inputs).toBeNull();
  });

  it('reports changed headline figures (Befragte, Mindestfallzahl) in the overview', () => {
    const next = clone() as Mutable<Analysis>;
    next.survey.respondents = 1_381;
    next.meta.mindestfallzahl = 15;
    const s = diffAnalyses(sampleAnalysis, next as Analysis, opts);
    expect(s.overview).toEqual([
      {
        field: 'respondents',
        label: 'Befragte',
        value: { from: 380, to: 1_381, delta: 1_001, relative: 1_001 / 380 },
      },
      {
        field: 'mindestfallzahl',
        label: 'Mindestfallzahl',
        value: { from: 10, to: 15, delta: 5, relative: 0.5 },
      },
    ]);
  });

  it('treats a new PKS year as a structural change, not as hundreds of figure changes', () => {
    const next = clone() as Mutable<Analysis>;
    next.crime.years = [...next.crime.years, 2026];
    next.crime.byYear['2026'] = structuredClone(next.crime.byYear['2025']!);
    const s = diffAnalyses(sampleAnalysis, next as Analysis, opts);
    expect(s.structure.crimeYears).toEqual({ added: ['2026'], removed: [] });
    expect(s.crime).toEqual([]);
  });

  it('sorts by magnitude, keeps everything and marks the top N as shown', () => {
    const next = clone() as Mutable<Analysis>;
    const bump = (code: string, points: number) => {
      const t = next.survey.items[code]!.total;
      if ('suppressed' in t) throw new Error('fixture');
      t.negativeShareWeighted = Math.round((t.negativeShareWeighted + points) * 10_000) / 10_000;
    };
    bump('problem_muell', 0.015);
    bump('problem_hundekot', -0.04);
    bump('problem_raser', 0.02);
    const s = diffAnalyses(sampleAnalysis, next as Analysis, { ...opts, top: { survey: 2 } });
    expect(s.survey.map((c) => [c.item, c.shown])).toEqual([
      ['problem_hundekot', true],
      ['problem_raser', true],
      ['problem_muell', false],
    ]);
    expect(s.thresholds).toEqual({
      sharePoints: 0.01,
      rateRelative: 0.01,
      top: { ...DEFAULT_TOP, survey: 2 },
    });
  });

  it('does not report an HZ that moved less than 1 % unless the case count changed', () => {
    const next = clone() as Mutable<Analysis>;
    const fig = next.crime.byYear['2023']!.byKey['674000']!;
    fig.rate = fig.rate! * 1.009;
    const s1 = diffAnalyses(sampleAnalysis, next as Analysis, opts);
    expect(s1.crime).toEqual([]);
    fig.rate = fig.rate * 1.01;
    const s2 = diffAnalyses(sampleAnalysis, next as Analysis, opts);
    expect(s2.crime.map((c) => [c.id, c.changed])).toEqual([['crime:674000:gesamt:2023', ['rate']]]);
  });

  it('is deterministic and validates against the changes.json schema', () => {
    const a = diffAnalyses(sampleAnalysis, corrected(), opts);
    const b = diffAnalyses(structuredClone(sampleAnalysis), corrected(), opts);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const parsed = ChangeSummary.safeParse(JSON.parse(JSON.stringify(a)));
    expect(parsed.success).toBe(true);
    expect(changesJsonSchema()).toMatchObject({
      type: 'object',
      required: expect.arrayContaining(['fromVersion', 'toVersion', 'crime', 'survey']),
    });
  });

  it('carries only values published in one of the two analyses (no respondent-level data)', () => {
    const next = corrected();
    const s = diffAnalyses(sampleAnalysis, next, opts);
    const published = new Set<string>();
    const collect = (v: unknown): void => {
      if (typeof v === 'string') published.add(v);
      else if (Array.isArray(v)) v.forEach(collect);
      else if (v && typeof v === 'object') Object.values(v).forEach(collect);
    };
    collect(sampleAnalysis);
    collect(next);
    const strings: string[] = [];
    const walk = (v: unknown, key: string): void => {
      if (
        typeof v === 'string' &&
        ['label', 'areaName', 'title', 'field', 'message', 'textFrom', 'textTo', 'negativeLabel'].includes(
          key,
        )
      )
        strings.push(v);
      else if (Array.isArray(v)) v.forEach((x) => walk(x, key));
      else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
    };
    walk(s, '');
    expect(strings.length).toBeGreaterThan(3);
    for (const str of strings.filter((x) => x !== 'insgesamt')) expect(published.has(str), str).toBe(true);
  });
});
