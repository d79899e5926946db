import { KEY_TOTAL } from '../model/pks-keys.js';
import type { CrimeResult } from './schema.js';

/**
 * The recorded change of Straftaten insgesamt over (at most) the last five years, the period the
 * survey's question on the perceived crime trend asks about.
 */
export function recordedTrend(crime: CrimeResult): {
  recordedChange: number | null;
  fromYear: number | null;
  toYear: number | null;
} {
  const years = [...crime.years].sort((a, b) => a - b);
  const toYear = years.at(-1);
  if (toYear === undefined) return { recordedChange: null, fromYear: null, toYear: null };
  const fromYear = years.find((y) => y >= toYear - 4) ?? toYear;
  const from =
    crime.byYear[String(fromYear)]?.byKey[KEY_TOTAL]?.cases ?? crime.byYear[String(fromYear)]?.total.cases;
  const to =
    crime.byYear[String(toYear)]?.byKey[KEY_TOTAL]?.cases ?? crime.byYear[String(toYear)]?.total.cases;
  if (fromYear === toYear || from === undefined || to === undefined || from === 0)
    return { recordedChange: null, fromYear, toYear };
  return { recordedChange: (to - from) / from, fromYear, toYear };
}
