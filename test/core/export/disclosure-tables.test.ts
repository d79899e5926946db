/**
 * The differencing attack on the tables export (tabellen/*.csv) of the Musterstadt example. The
 * tables are printed from analysis.json, so they can give an attacker no more than analysis.json
 * does — provided no table shows a value that analysis.json hides and every value shown agrees with
 * it. This test reads every CSV back, finds each survey share by its row (total, area, sex, age
 * group) and column (item), and checks exactly that; the audit of analysis.json itself
 * (test/core/analysis/disclosure) then covers the tables too.
 */
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Analysis, GroupStat, TotalStat } from '../../../src/core/analysis/schema.js';
import { assembleReport } from '../../../src/core/report/assemble.js';
import { tablesCsv, type CsvFile } from '../../../src/core/export/index.js';
import { baseInput } from '../report/helpers.js';
import { readExample } from '../analysis/disclosure/example.js';
import { formatPercent } from '../../../src/core/format/number.js';

let analysis: Analysis;
let files: CsvFile[];

beforeAll(async () => {
  analysis = (await readExample()).analysis;
  const report = assembleReport(await baseInput(analysis));
  files = tablesCsv(report.tables, { title: 'Test', version: 1 });
});

const PERCENT = /\d,\d\s%/;
const norm = (s: string) =>
  s
    .replace(/\u00A0/g, ' ')
    .replace(/[()]/g, '')
    .trim();

/** The published statistic of an item for a printed row label, or undefined when the row is no group. */
function statFor(a: Analysis, code: string, label: string): GroupStat | TotalStat | undefined {
  const item = a.survey.items[code]!;
  if (label === 'insgesamt') return item.total;
  const area = a.meta.gebiete.find((g) => g.name === label);
  if (area) return item.byArea[area.id];
  if (label === 'weiblich') return item.bySex['w'];
  if (label === 'männlich') return item.bySex['m'];
  const age = Object.keys(item.byAgeGroup).find((k) => {
    const dash = k.replace('-', '–');
    return (
      label === dash ||
      label === `${dash} Jahre` ||
      (k.endsWith('+') && label === `${k.slice(0, -1)} Jahre und älter`)
    );
  });
  return age === undefined ? undefined : item.byAgeGroup[age];
}

interface Finding {
  readonly file: string;
  readonly row: string;
  readonly item: string;
  readonly problem: string;
}

function scan(a: Analysis, file: CsvFile): { findings: Finding[]; checked: number } {
  const rows = parse(new TextDecoder().decode(file.bytes), {
    delimiter: ';',
    bom: true,
    relax_column_count: true,
    relax_quotes: true,
  }) as string[][];
  const findings: Finding[] = [];
  let checked = 0;
  // Item columns: a header cell "label: negativeLabel" opens the item's columns up to the next header cell.
  const columns = new Map<number, string>();
  for (const r of rows) {
    let current: string | null = null;
    r.forEach((cell, c) => {
      const code = Object.values(a.survey.items).find((i) => cell === `${i.label}: ${i.negativeLabel}`)?.code;
      if (code) current = code;
      else if (cell !== '') current = null;
      if (current) columns.set(c, current);
    });
    if (columns.size > 0) break;
  }
  if (columns.size === 0) return { findings, checked };
  for (const r of rows) {
    const label = norm(r[0] ?? '');
    for (const [c, code] of columns) {
      const text = r[c] ?? '';
      if (!PERCENT.test(text) || text.includes('–')) continue;
      const stat = statFor(a, code, label);
      if (stat === undefined) continue;
      checked++;
      if ('suppressed' in stat) {
        findings.push({
          file: file.path,
          row: label,
          item: code,
          problem: `shows ${text}, hidden in analysis.json`,
        });
        continue;
      }
      if (norm(text) !== norm(formatPercent(stat.negativeShareWeighted)))
        findings.push({
          file: file.path,
          row: label,
          item: code,
          problem: `shows ${text}, analysis.json ${formatPercent(stat.negativeShareWeighted)}`,
        });
    }
  }
  return { findings, checked };
}

describe('disclosure audit of the tables export', () => {
  it('no table shows a share that analysis.json hides, and every share shown agrees with it', () => {
    let checked = 0;
    const findings: Finding[] = [];
    for (const f of files) {
      const r = scan(analysis, f);
      checked += r.checked;
      findings.push(...r.findings);
    }
    expect(findings).toEqual([]);
    // The table volume and the breakdown tables: hundreds of group shares read back.
    expect(checked).toBeGreaterThan(500);
  });

  it('the victimisation table shows no reporting rate where analysis.json hides the item', () => {
    const t = files.find((f) => f.path.includes('opfererfahrungen'))!;
    const rows = parse(new TextDecoder().decode(t.bytes), {
      delimiter: ';',
      bom: true,
      relax_column_count: true,
    }) as string[][];
    const hidden = analysis.survey.victimisation.filter((v) => v.reportingRate?.suppressed);
    expect(hidden.map((v) => v.delikt)).toEqual(['einbruch', 'raub', 'sexuelle_belaestigung']);
    for (const v of hidden) {
      const row = rows.find((r) => r[0] === v.label)!;
      expect(row.slice(4).join(' ')).toBe('zu geringe Fallzahl  ');
    }
  });
});
