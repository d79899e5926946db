/**
 * Politisch motivierte Kriminalität: per year and Phänomenbereich, kept apart from the PKS
 * (KPMD-PMK is an Eingangsstatistik; its counts are never added to PKS counts).
 * Municipal figure as for the PKS: the `gesamt` rows where present for a year and Bereich, else the
 * sum over the areas. `violent` is null unless every summed row has it. `stand` is the latest stand
 * string (dates `TT.MM.JJJJ` and `JJJJ-MM-TT` are compared as dates, anything else as text).
 */
import { PMK_LABELS, type PmkBereich, type PmkRow } from '../../model/dataset.js';
import type { Pmk as PmkSchema } from '../schema.js';
import type { z } from 'zod';

export type PmkResult = z.infer<typeof PmkSchema>;

const BEREICH_ORDER = Object.keys(PMK_LABELS) as PmkBereich[];

/** Sortable form of a stand string: `20250131` for `31.01.2025` or `2025-01-31`. */
export function standSortKey(stand: string): string {
  const s = stand.trim();
  const de = /^(\d{1,2})\.(\d{1,2})\.(\d{4})/.exec(s);
  if (de) return `${de[3]}${(de[2] ?? '').padStart(2, '0')}${(de[1] ?? '').padStart(2, '0')}`;
  const iso = /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (iso) return `${iso[1]}${iso[2]}${iso[3]}`;
  return s;
}

interface Agg {
  cases: number;
  violent: number | null;
}

export function analysePmk(rows: readonly PmkRow[]): PmkResult {
  if (rows.length === 0) return null;
  const gesamt = new Map<string, Agg>();
  const sum = new Map<string, Agg>();
  const add = (m: Map<string, Agg>, id: string, r: PmkRow) => {
    const a = m.get(id);
    if (!a) m.set(id, { cases: r.cases, violent: r.violent });
    else
      m.set(id, {
        cases: a.cases + r.cases,
        violent: a.violent === null || r.violent === null ? null : a.violent + r.violent,
      });
  };
  const years = new Set<number>();
  let stand: string | null = null;
  for (const r of rows) {
    years.add(r.year);
    add(r.areaId === null ? gesamt : sum, `${r.year}|${r.bereich}`, r);
    if (r.stand !== null && r.stand.trim() !== '') {
      const s = r.stand.trim();
      if (
        stand === null ||
        standSortKey(s) > standSortKey(stand) ||
        (standSortKey(s) === standSortKey(stand) && s > stand)
      )
        stand = s;
    }
  }
  const sortedYears = [...years].sort((a, b) => a - b);
  const out: NonNullable<PmkResult>['rows'] = [];
  for (const year of sortedYears) {
    for (const bereich of BEREICH_ORDER) {
      const a = gesamt.get(`${year}|${bereich}`) ?? sum.get(`${year}|${bereich}`);
      if (a) out.push({ year, bereich, label: PMK_LABELS[bereich], cases: a.cases, violent: a.violent });
    }
  }
  return { years: sortedYears, rows: out, stand };
}
