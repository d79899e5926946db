/**
 * The part of an analysis.json the state overview reads (a few KB of the ~1.5 MB): kept per report
 * version by the API, which reads every municipality's analyses for each overview. The slice is itself
 * a readable published analysis (readPublished), with the items the overview uses and no area breakdowns.
 */
import { THEMEN } from '../model/codebook.js';
import { SAFETY_ITEM } from './build.js';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {};
const pick = (v: unknown, keys: readonly string[]): Json =>
  Object.fromEntries(keys.filter((k) => k in obj(v)).map((k) => [k, obj(v)[k]]));

const OVERVIEW_ITEMS = [SAFETY_ITEM, ...Object.keys(THEMEN).map((t) => `problem_${t}`)];

export function overviewSlice(json: unknown): unknown {
  const a = obj(json);
  const survey = obj(a.survey);
  const items = obj(survey.items);
  const crime = obj(a.crime);
  const dev = a.development === undefined ? undefined : obj(a.development);
  return {
    ...pick(a, ['schemaVersion', 'meta', 'wave']),
    survey: {
      respondents: survey.respondents,
      items: Object.fromEntries(
        OVERVIEW_ITEMS.filter((code) => code in items).map((code) => [
          code,
          { ...pick(items[code], ['code', 'label', 'negativeLabel', 'total']), byArea: {} },
        ]),
      ),
      incivilityRanking: survey.incivilityRanking ?? [],
      victimisation: survey.victimisation ?? [],
    },
    crime: {
      years: crime.years ?? [],
      keys: [],
      byYear: Object.fromEntries(
        Object.entries(obj(crime.byYear)).map(([y, f]) => [
          y,
          { ...pick(f, ['population', 'total']), byKey: {} },
        ]),
      ),
      byArea: {},
      regional: crime.regional ?? null,
    },
    recommendations: Array.isArray(a.recommendations)
      ? a.recommendations.map((r) => pick(r, ['id', 'title', 'field', 'type', 'areas']))
      : [],
    ...(dev && {
      development: {
        before: dev.before,
        items: Array.isArray(dev.items)
          ? dev.items.filter((i) => obj(i).code === SAFETY_ITEM).map((i) => pick(i, ['code', 'total']))
          : [],
        summary: dev.summary,
      },
    }),
  };
}
