/**
 * German number and date formats for every chart, set once per process at module load.
 *
 * `vega.formatLocale` / `vega.timeFormatLocale` replace Vega's global default locale; importing
 * this module is enough. The same definitions also travel inside every spec (`config.locale`), so a
 * spec rendered elsewhere (vega-embed in a page) formats the same way.
 *
 * Percent: d3-format appends its `percent` symbol directly ("42%"); we define it as U+00A0 + "%"
 * so tick and data labels read "42 %" with the same no-break space the report text uses
 * (src/core/format/number.ts). Minus is the hyphen-minus, as in the report text.
 */
import * as vega from 'vega';
import { NBSP } from '../format/number.js';

export const GERMAN_NUMBER_LOCALE = {
  decimal: ',',
  thousands: '.',
  grouping: [3],
  currency: ['', `${NBSP}€`] as [string, string],
  percent: `${NBSP}%`,
  minus: '-',
};

export const GERMAN_TIME_LOCALE = {
  dateTime: '%A, der %e. %B %Y, %X',
  date: '%d.%m.%Y',
  time: '%H:%M:%S',
  periods: ['AM', 'PM'] as [string, string],
  days: ['Sonntag', 'Montag', 'Dienstag', 'Mittwoch', 'Donnerstag', 'Freitag', 'Samstag'] as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ],
  shortDays: ['So', 'Mo', 'Di', 'Mi', 'Do', 'Fr', 'Sa'] as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ],
  months: [
    'Januar',
    'Februar',
    'März',
    'April',
    'Mai',
    'Juni',
    'Juli',
    'August',
    'September',
    'Oktober',
    'November',
    'Dezember',
  ] as [string, string, string, string, string, string, string, string, string, string, string, string],
  shortMonths: ['Jan', 'Feb', 'Mär', 'Apr', 'Mai', 'Jun', 'Jul', 'Aug', 'Sep', 'Okt', 'Nov', 'Dez'] as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ],
};

// Module load: the process-wide default (Vega keeps it in module state).
vega.formatLocale(GERMAN_NUMBER_LOCALE);
vega.timeFormatLocale(GERMAN_TIME_LOCALE);

/** The locale block for a spec's `config.locale`. */
export function specLocale(): { number: typeof GERMAN_NUMBER_LOCALE; time: typeof GERMAN_TIME_LOCALE } {
  return {
    number: { ...GERMAN_NUMBER_LOCALE, grouping: [...GERMAN_NUMBER_LOCALE.grouping] },
    time: { ...GERMAN_TIME_LOCALE },
  };
}
