/**
 * `pks-kreise-<jahr>` (contract §6): the BKA table "Fälle – Kreise" as published, read by
 * `readPksKreise` (which also holds the year of the title lines to the file name). Checks here: the
 * year in the file name is plausible (not after the Berichtsjahr: error; older than 10 years:
 * warning), the table has rows, and it contains the comparison Kreis
 * of the manifest (an error: the file is only useful for that comparison, and a wrong
 * `vergleich.kreis` should be fixed rather than silently dropping the comparison).
 */
import { readPksKreise } from '../input/pks-kreise.js';
import type { KreisPksRow } from '../model/dataset.js';
import type { InputFile } from '../ports.js';
import type { IssueCollector } from './collector.js';
import { q } from './message.js';
import { YEARS_BACK } from './years.js';

export interface PksKreiseContext {
  readonly berichtsjahr: number | null;
  readonly kreis: string | null;
}

export async function validatePksKreise(
  file: InputFile,
  year: number,
  ctx: PksKreiseContext,
  issues: IssueCollector,
): Promise<readonly KreisPksRow[]> {
  const read = await readPksKreise(file);
  const before = issues.errorTotal;
  for (const i of read.issues) issues.addIssue(i);
  const readerFailed = read.issues.some((i) => i.severity === 'error');
  if (ctx.berichtsjahr !== null) {
    if (year > ctx.berichtsjahr) {
      issues.error({
        code: 'year-implausible',
        file: file.name,
        value: String(year),
        expected: `bis ${ctx.berichtsjahr}`,
        text: `Jahr ${year} im Dateinamen liegt nach dem Berichtsjahr ${ctx.berichtsjahr} aus analyse.json (erwartet: pks-kreise-<Jahr> mit einem Jahr bis ${ctx.berichtsjahr}).`,
      });
    } else if (year < ctx.berichtsjahr - YEARS_BACK) {
      issues.warning({
        code: 'year-old',
        file: file.name,
        value: String(year),
        text: `Jahr ${year} liegt mehr als ${YEARS_BACK + 1} Jahre vor dem Berichtsjahr ${ctx.berichtsjahr}; der Vergleich ist nur eingeschränkt aussagekräftig.`,
      });
    }
  }
  if (!readerFailed && read.rows.length === 0) {
    issues.error({ code: 'no-data', file: file.name, text: 'Die Tabelle enthält keine Datenzeilen.' });
  }
  if (ctx.kreis !== null && read.rows.length > 0 && !read.rows.some((r) => r.kreis === ctx.kreis)) {
    issues.error({
      code: 'kreis-missing',
      file: file.name,
      value: ctx.kreis,
      expected: 'Zeilen für den Vergleichskreis',
      text: `Der Vergleichskreis ${q(ctx.kreis)} (vergleich.kreis bzw. die ersten 5 Ziffern des AGS) kommt in der Tabelle nicht vor (erwartet: die vollständige BKA-Tabelle oder ein Auszug mit diesem Kreis).`,
    });
  }
  return issues.errorTotal > before ? [] : read.rows;
}
