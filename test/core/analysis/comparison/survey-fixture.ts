/** Hand-built SurveyResult objects (the survey engine is built elsewhere). Valid against the Survey schema. */
import { findItem, SCALES } from '../../../../src/core/model/codebook.js';
import { Survey, type SurveyResult } from '../../../../src/core/analysis/schema.js';

type ShareStat = Extract<SurveyResult['items'][string]['total'], { distribution: unknown }>;
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

export interface AreaSpec {
  share: number;
  n?: number;
  ci95?: [number, number];
}

export interface ItemSpec {
  share: number;
  n?: number;
  /** Area share (n = 60, interval ± 5 points), a full spec, or 'suppressed' (n = 4, primary). */
  byArea?: Record<string, number | AreaSpec | 'suppressed'>;
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
  perceivedTrend?: {
    share: number;
    recordedChange: number | null;
    fromYear?: number;
    toYear?: number;
    /** Whether the trend test over the years is significant (default false). */
    significant?: boolean;
  };
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
      if (v === 'suppressed') {
        byArea[id] = { n: 4, suppressed: true, reason: 'primary', rule: 'primary' };
        continue;
      }
      const a = typeof v === 'number' ? { share: v } : v;
      const st = shareStat(a.share, a.n ?? 60);
      byArea[id] = {
        n: st.n,
        negativeShare: st.negativeShare,
        negativeShareWeighted: st.negativeShareWeighted,
        ci95: a.ci95 ?? st.ci95,
        limited: st.limited,
        effectiveN: st.effectiveN,
      };
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
  const fig = (c: string) => {
    const t = items[c]?.total;
    return figure(c, t && !('suppressed' in t) ? t.negativeShareWeighted : null);
  };
  const survey: SurveyResult = {
    respondents: 350,
    invited: 1000,
    responseRate: 0.35,
    sample: { bySex: [], byAgeGroup: [], byArea: [], meanAge: 52, unknownArea: 0, byMode: [] },
    weighting: {
      method: 'logit-calibration',
      variables: ['geschlecht', 'altersgruppe'],
      iterations: 5,
      converged: true,
      maxMarginError: 0,
      bounds: [0.3, 3],
      boundsHeld: true,
      atBounds: 0,
      weightMin: 0.5,
      weightMax: 2,
      minCategorySize: 20,
      mergedCategories: [],
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
          recordedTest:
            spec.perceivedTrend.recordedChange === null
              ? null
              : {
                  tested: true,
                  reason: null,
                  years: 5,
                  fromYear: spec.perceivedTrend.fromYear ?? 2020,
                  toYear: spec.perceivedTrend.toYear ?? 2024,
                  annualChange: spec.perceivedTrend.recordedChange / 4,
                  change: spec.perceivedTrend.recordedChange,
                  dispersion: 0.8,
                  quasi: false,
                  p: spec.perceivedTrend.significant ? 0.01 : 0.4,
                  significant: spec.perceivedTrend.significant ?? false,
                  onRates: true,
                },
        }
      : null,
    angstraeume: spec.angstraeume ?? [],
    angstraeumeRemoved: 0,
    extra: [],
    disclosure: {
      suppressed: {
        primary: 0,
        total: 0,
        'secondary-size': 0,
        'secondary-homogeneous': 0,
        'secondary-table': 0,
        audit: 0,
      },
      auditedFamilies: 0,
      auditedGroups: 0,
      findings: 0,
    },
  };
  return Survey.parse(survey);
}
