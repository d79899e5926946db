/**
 * Excel date serials to `YYYY-MM-DD` (engineering notes §6.5), for cells whose number format shows
 * a date. Computed in UTC, so the result does not depend on the process time zone.
 *
 * 1900 system: Excel counts the non-existent 29 Feb 1900 (serial 60), so serials 1–59 are one day
 * earlier than a linear count, serial 60 does not exist (null, and the caller notes it), and serials
 * below 1 are times of day without a date (`HH:MM:SS`). The 1904 system has no such bug.
 */

const MS_PER_DAY = 86_400_000;
/** Excel serial of 1970-01-01 in the 1900 date system. */
const EPOCH_1900 = 25_569;
/** Difference between the 1900 and the 1904 date system in days. */
const OFFSET_1904 = 1_462;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function isoDay(ms: number): string {
  const d = new Date(ms);
  const y = d.getUTCFullYear();
  return `${y < 0 ? '-' : ''}${pad(Math.abs(y), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function isoTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

export interface SerialDate {
  /** `YYYY-MM-DD` (or `HH:MM:SS` below serial 1); null for serial 60 of the 1900 system or a serial out of range. */
  readonly iso: string | null;
  /** Serial 60 of the 1900 system: 29 Feb 1900, a day that does not exist. */
  readonly nonexistent: boolean;
}

/** An Excel serial as a date in either date system. */
export function excelSerialToIso(serial: number, date1904: boolean): SerialDate {
  // Rounded to the millisecond as Excel and ExcelJS do, so 46083.99 stays on its day.
  const ms = Math.round((serial - EPOCH_1900 + (date1904 ? OFFSET_1904 : 0)) * MS_PER_DAY);
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return { iso: null, nonexistent: false };
  if (date1904) return { iso: isoDay(ms), nonexistent: false };
  if (serial >= 61) return { iso: isoDay(ms), nonexistent: false };
  if (serial >= 60) return { iso: null, nonexistent: true };
  if (serial >= 1) return { iso: isoDay(ms + MS_PER_DAY), nonexistent: false };
  if (serial >= 0) return { iso: isoTime(ms), nonexistent: false };
  return { iso: isoDay(ms), nonexistent: false };
}
