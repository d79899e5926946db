import { KEY_TOTAL } from '../model/pks-keys.js';
import type { CrimeResult, TrendTest } from './schema.js';
import { poissonTrend } from './stats/trend.js';

/**
 * The recorded development of Straftaten insgesamt over (at most) the last five years, the period
 * the survey's question on the perceived crime trend asks about: the change from the first to the
 * last of these years (descriptive) and the trend test over all of them (stats/trend.ts). Only a
 * significant trend counts as a rise or a fall in findings and recommendations.
 */
export function recordedTrend(crime: CrimeResult): {
  recordedChange: number | null;
  fromYear: number | null;
  toYear: number | null;
  recordedTest: TrendTest | null;
} {
  const years = [...crime.years].sort((a, b) => a - b);
  const toYear = years.at(-1);
  if (toYear === undefined) return { recordedChange: null, fromYear: null, toYear: null, recordedTest: null };
  const fromYear = years.find((y) => y >= toYear - 4) ?? toYear;
  const casesOf = (y: number) =>
    crime.byYear[String(y)]?.byKey[KEY_TOTAL]?.cases ?? crime.byYear[String(y)]?.total.cases;
  const series = years
    .filter((y) => y >= fromYear)
    .flatMap((y) => {
      const c = casesOf(y);
      return c === undefined
        ? []
        : [{ year: y, cases: c, population: crime.byYear[String(y)]?.population ?? null }];
    });
  const recordedTest: TrendTest = poissonTrend(series);
  const from = casesOf(fromYear);
  const to = casesOf(toYear);
  if (fromYear === toYear || from === undefined || to === undefined || from === 0)
    return { recordedChange: null, fromYear, toYear, recordedTest };
  return { recordedChange: (to - from) / from, fromYear, toYear, recordedTest };
}
