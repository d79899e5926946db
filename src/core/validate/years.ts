/**
 * Year plausibility shared by the municipal tables: at most 10 years, the latest the Berichtsjahr
 * (contract §5). Without a valid manifest the window is 2000..2100.
 */
import type { IssueCollector } from './collector.js';
import type { ColumnRef } from './cells.js';

export const YEARS_BACK = 9;

export interface YearWindow {
  readonly from: number;
  readonly to: number;
  /** Text for messages: `2016 bis 2025`. */
  readonly text: string;
}

export function yearWindow(berichtsjahr: number | null): YearWindow {
  if (berichtsjahr === null) return { from: 2000, to: 2100, text: '2000 bis 2100' };
  return {
    from: berichtsjahr - YEARS_BACK,
    to: berichtsjahr,
    text: `${berichtsjahr - YEARS_BACK} bis ${berichtsjahr}`,
  };
}

/** Reports a year outside the window; returns false then. */
export function checkYear(
  year: number,
  window: YearWindow,
  berichtsjahr: number | null,
  at: { file: string; row: number; column: ColumnRef },
  issues: IssueCollector,
): boolean {
  if (year >= window.from && year <= window.to) return true;
  let why: string;
  if (berichtsjahr === null) why = `Jahr ${year} ist nicht plausibel`;
  else if (year > berichtsjahr)
    why = `Jahr ${year} liegt nach dem Berichtsjahr ${berichtsjahr} aus analyse.json`;
  else why = `Jahr ${year} liegt mehr als ${YEARS_BACK + 1} Jahre vor dem Berichtsjahr ${berichtsjahr}`;
  issues.error({
    code: 'year-implausible',
    file: at.file,
    row: at.row,
    column: at.column.name,
    colIndex: at.column.index,
    value: String(year),
    expected: window.text,
    text: `${why} (erlaubt: ${window.text}).`,
  });
  return false;
}
