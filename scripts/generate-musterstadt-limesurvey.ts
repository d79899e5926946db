/**
 * Generates examples/musterstadt-limesurvey/: Musterstadt's analysis as a municipality that ran its
 * survey in LimeSurvey with its own survey (LimeSurvey's automatic codes G01Q01, SQ001 …, the
 * standard wording, one local extra question) and exported the responses with "Fragecode und
 * Fragetext" headings and answer texts (`N/A` for unanswered). The answers are those of
 * examples/musterstadt/befragung.csv (paper forms typed in through LimeSurvey's data entry); the
 * other files are copied. The mapping
 * befragung-zuordnung.json is what `sia zuordnung --ja` proposes, plus the extra question.
 *
 *   npx tsx scripts/generate-musterstadt-limesurvey.ts
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCsv } from '../src/core/input/csv.js';
import { findItem, scaleOf } from '../src/core/model/codebook.js';
import { standardQuestionnaire } from '../src/core/questionnaire/structure.js';

const SOURCE = fileURLToPath(new URL('../examples/musterstadt', import.meta.url));
const OUT = fileURLToPath(new URL('../examples/musterstadt-limesurvey', import.meta.url));
export const EXPORT_NAME = 'results-survey456789.csv';
const COPIED = ['analyse.json', 'logo.svg', 'bevoelkerung.xlsx', 'kriminalitaet.csv', 'pks-kreise-2025.csv'];
const SEX_TEXT: Record<string, string> = { w: 'weiblich', m: 'männlich', d: 'divers' };
const EXTRA = ['gut', 'eher gut', 'eher schlecht', 'schlecht'];

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  for (const f of COPIED) await copyFile(join(SOURCE, f), join(OUT, f));
  const manifest = JSON.parse(await readFile(join(SOURCE, 'analyse.json'), 'utf8')) as {
    gebiete: { id: string; name: string }[];
  };
  const areaName = new Map(manifest.gebiete.map((a) => [a.id, a.name]));
  const table = readCsv(
    { name: 'befragung.csv', bytes: await readFile(join(SOURCE, 'befragung.csv')) },
    { kind: 'befragung', maxRows: 10_000 },
  ).table!;
  const at = (cells: readonly unknown[], code: string): string => {
    const v = cells[table.columns.indexOf(code)];
    return v === null || v === undefined ? '' : String(v).trim();
  };

  // Columns: LimeSurvey's metadata, then the questions group by group (G01 = person first, as many
  // municipalities do), each heading "CODE. text" as LimeSurvey writes "Fragecode und Fragetext".
  const columns: { heading: string; value: (cells: readonly unknown[], i: number) => string }[] = [
    { heading: 'id', value: (_c, i) => String(i + 1) },
    {
      heading: 'submitdate',
      value: (_c, i) =>
        `2026-03-${String(2 + (i % 28)).padStart(2, '0')} 1${i % 10}:${String((i * 7) % 60).padStart(2, '0')}:00`,
    },
    { heading: 'lastpage', value: () => '7' },
    { heading: 'startlanguage', value: () => 'de' },
    { heading: 'seed', value: (_c, i) => String(100_000 + ((i * 7919) % 900_000)) },
  ];
  const sections = standardQuestionnaire();
  const person = sections.at(-1)!;
  let g = 0;
  for (const section of [person, ...sections.slice(0, -1)]) {
    g += 1;
    section.questions.forEach((q, qi) => {
      const qCode = `G${String(g).padStart(2, '0')}Q${String(qi + 1).padStart(2, '0')}`;
      q.rows.forEach((row, ri) => {
        const code =
          q.kind === 'array' || q.kind === 'texts' ? `${qCode}[SQ${String(ri + 1).padStart(3, '0')}]` : qCode;
        const text = q.kind === 'array' || q.kind === 'texts' ? `${q.text} [${row.text}]` : q.text;
        columns.push({
          heading: `${code}. ${text}`,
          value: (cells) => {
            const v = at(cells, row.code);
            if (v === '') return 'N/A';
            if (row.code === 'gebiet') return areaName.get(v) ?? v;
            if (row.code === 'geschlecht') return SEX_TEXT[v] ?? v;
            const item = findItem(row.code);
            if (!item) return v;
            if (v === '8') return 'trifft nicht zu';
            if (v === '9') return 'weiß nicht';
            return scaleOf(item).labels[Number(v) - 1] ?? v;
          },
        });
      });
    });
  }
  columns.push({
    heading: 'G10Q01. Wie beurteilen Sie die Beleuchtung am neuen Marktplatz?',
    value: (_c, i) => (i % 6 === 5 ? 'N/A' : EXTRA[(i * 5) % 4]!),
  });

  // The paper questionnaires were typed in through LimeSurvey's data entry, so all answers are in the export.
  const rows = table.rows;
  const quote = (v: string): string => `"${v.replace(/"/g, '""')}"`;
  const lines = [
    columns.map((c) => quote(c.heading)).join(','),
    ...rows.map((r, i) => columns.map((c) => quote(c.value(r.cells, i))).join(',')),
  ];
  await writeFile(join(OUT, EXPORT_NAME), `\uFEFF${lines.join('\r\n')}\r\n\r\n`);
  process.stdout.write(`${EXPORT_NAME}: ${rows.length} Antworten, ${columns.length} Spalten\n`);
}

await main();
