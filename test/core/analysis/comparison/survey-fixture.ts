/** Hand-built SurveyResult objects (the survey engine is built elsewhere). Valid against the Survey schema. */
import { findItem, SCALES } from '../../../../src/core/model/codebook.js';
import { Survey, type SurveyResult } from '../../../../src/core/analysis/schema.js';

type ShareStat = SurveyResult['items'][string]['total'];
type GroupStat = SurveyResult['items'][string]['byArea'][string];
type ShareFigure = SurveyResult['institutions'][number];

export function shareStat(p: number, n = 200): ShareStat {
  return {
    n,
    negativeShare: p,
    negativeShareWeighted: p,
    ci95: [Math.max(0, p - 0.05), Math.min(1, p + 0.05)],
    dontKnowShare: 0,
    notApplicableShare: 0,
    missing: 0,
    distribution: [],
    limited: n < 30,
    effectiveN: n,
  };
}

export interface ItemSpec {
  share: number;
  n?: number;
  /** Area share, or 'suppressed' (n = 4, primary). */
  byArea?: Record<string, number | 'suppressed'>;
}

export interface FearSpec {
  sex: 'w' | 'm';
  ageGroup: string;
  share: number | null;
  n?: number;
}

export interface VictimSpec {
  delikt: string;
  prevalence: number;
  reportingRate?: number | null;
}

export interface SurveySpec {
  items?: Record<string, ItemSpec>;
  fear?: FearSpec[];
  victimisation?: VictimSpec[];
  perceivedTrend?: { share: number; recordedChange: number | null; fromYear?: number; toYear?: number };
  angstraeume?: { place: string; mentions: number }[];
}

function figure(item: string, p: number | null, n = 200): ShareFigure {
  const def = findItem(item);
  return {
    item,
    label: def?.label ?? item,
    n,
    negativeShareWeighted: p,
    ci95: p === null ? null : [Math.max(0, p - 0.05), Math.min(1, p + 0.05)],
    suppressed: p === null,
    limited: false,
  };
}

export function makeSurvey(spec: SurveySpec = {}): SurveyResult {
  const items: SurveyResult['items'] = {};
  for (const [code, s] of Object.entries(spec.items ?? {})) {
    const def = findItem(code);
    if (!def) throw new Error(`unknown item ${code}`);
    const byArea: Record<string, GroupStat> = {};
    for (const [id, v] of Object.entries(s.byArea ?? {})) {
      byArea[id] = v === 'suppressed' ? { n: 4, suppressed: true, reason: 'primary' } : shareStat(v, 60);
    }
    items[code] = {
      code,
      label: def.label,
      question: def.question,
      dimension: def.dimension,
      scale: def.scale,
      negativeLabel: SCALES[def.scale].negativeLabel,
      total: shareStat(s.share, s.n ?? 200),
      byArea,
      bySex: {},
      byAgeGroup: {},
    };
  }
  const codes = Object.keys(items);
  const fig = (c: string) => figure(c, items[c]?.total.negativeShareWeighted ?? null);
  const survey: SurveyResult = {
    respondents: 350,
    invited: 1000,
    responseRate: 0.35,
    sample: { bySex: [], byAgeGroup: [], byArea: [], meanAge: 52, unknownArea: 0, byMode: [] },
    weighting: {
      method: 'raking',
      variables: ['geschlecht', 'altersgruppe'],
      iterations: 5,
      converged: true,
      maxMarginError: 0,
      trimBounds: [0.3, 3],
      trimmedCount: 0,
      weightMin: 0.5,
      weightMax: 2,
      designEffect: 1.2,
      effectiveN: 290,
      unweightedRespondents: { sexMissing: 0, sexDiverse: 0, ageMissing: 0 },
      margins: { sex: [], ageGroup: [] },
    },
    items,
    placeTime: [],
    fear: {
      items: { affektiv: ['furcht_nacht'], kognitiv: [], konativ: [] },
      bySexAge: (spec.fear ?? []).map((f) => ({
        dimension: 'affektiv' as const,
        sex: f.sex,
        ageGroup: f.ageGroup,
        n: f.n ?? 50,
        share: f.share,
        ci95:
          f.share === null
            ? null
            : ([Math.max(0, f.share - 0.1), Math.min(1, f.share + 0.1)] as [number, number]),
        suppressed: f.share === null,
        limited: false,
      })),
    },
    incivilityRanking: codes
      .filter((c) => c.startsWith('problem_'))
      .map(fig)
      .sort((a, b) => (b.negativeShareWeighted ?? 0) - (a.negativeShareWeighted ?? 0)),
    victimisation: (spec.victimisation ?? []).map((v) => ({
      delikt: v.delikt,
      label: findItem(`opfer_${v.delikt}`)?.label ?? v.delikt,
      prevalence: figure(`opfer_${v.delikt}`, v.prevalence),
      reportingRate:
        v.reportingRate === undefined ? null : figure(`anzeige_${v.delikt}`, v.reportingRate, 20),
    })),
    institutions: codes.filter((c) => c.startsWith('zufrieden_') || c.startsWith('praesenz_')).map(fig),
    neighbourhood: codes.filter((c) => c.startsWith('nachbarschaft_')).map(fig),
    perceivedTrend: spec.perceivedTrend
      ? {
          item: figure('entwicklung_kriminalitaet', spec.perceivedTrend.share),
          recordedChange: spec.perceivedTrend.recordedChange,
          fromYear: spec.perceivedTrend.fromYear ?? 2020,
          toYear: spec.perceivedTrend.toYear ?? 2024,
        }
      : null,
    angstraeume: spec.angstraeume ?? [],
    angstraeumeRemoved: 0,
    extra: [],
  };
  return Survey.parse(survey);
}
