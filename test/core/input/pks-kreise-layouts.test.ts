/**
 * The BKA table "Fälle – Kreise" of 2019–2024 in every layout described (test/fixtures/bka/README.md):
 * the same synthetic figures, written as each download is written, read back identically, and
 * every row below the header either becomes a figure or is named in an issue.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsvGrid } from '../../../src/core/input/csv.js';
import { findHeaderBlock } from '../../../src/core/input/pks-kreise-columns.js';
import { readPksKreise } from '../../../src/core/input/pks-kreise.js';
import type { ValidationIssue } from '../../../src/core/validate/issues.js';
import { loadSheetGrid } from '../../../src/core/input/xlsx.js';
import type { KreisPksRow } from '../../../src/core/model/dataset.js';
import { allFixtures, FIGURES } from '../../fixtures/bka/layouts.js';

const DIR = join(import.meta.dirname, '../../fixtures/bka');
const fixture = (name: string): Buffer => readFileSync(join(DIR, name));

const EXPECTED: Omit<KreisPksRow, 'year'>[] = FIGURES.map((f) => ({
  kreis: f.kreis,
  kreisName: f.name,
  kreisart: f.kreisart,
  key: f.key,
  label: f.label,
  cases: f.cases,
  rate: f.rate,
  attempts: f.attempts,
  cleared: f.cleared,
  clearanceRatePercent: f.aq,
  suspects: f.suspects,
}));

const FOOTNOTES = (first: number): string =>
  `Zeile ${first}: Die Zeilen ${first}–${first + 1} stehen unter der Tabelle und enthalten keine Kreisdaten (Fußnoten oder Quellenangaben, z. B. „Quelle: Bundeskriminalamt, Polizeiliche Kriminalstatistik (synthetische Testdat…“); sie werden nicht gelesen.`;

/** Per fixture: the year it is for and the messages (without the file name) its reading gives. */
const LAYOUTS: Readonly<Record<string, { year: number; messages: readonly string[] }>> = {
  'pks-kreise-2019.csv': { year: 2019, messages: [] },
  'pks-kreise-2019.xlsx': { year: 2019, messages: [FOOTNOTES(45)] },
  'pks-kreise-2020.csv': { year: 2020, messages: [] },
  'pks-kreise-2020-neu-gespeichert.csv': {
    year: 2020,
    messages: [
      'Zeile 2: Nicht gelesen werden 4 Spalten S–W ohne Überschrift (mit Werten, z. B. in Zeile 3): Sie gehören nicht zur BKA-Tabelle „Fälle – Kreise“ und werden für den Kreisvergleich nicht gebraucht.',
    ],
  },
  'pks-kreise-2021.xlsx': { year: 2021, messages: [FOOTNOTES(45)] },
  'pks-kreise-2022.csv': { year: 2022, messages: [] },
  'pks-kreise-2023.xlsx': { year: 2023, messages: [FOOTNOTES(45)] },
  'pks-kreise-2024.csv': { year: 2024, messages: [] },
  'pks-kreise-2024.xlsx': { year: 2024, messages: [FOOTNOTES(46)] },
  'pks-kreise-2024-neu-gespeichert.xlsx': {
    year: 2024,
    messages: [
      'Zeile 3: Nicht gelesen werden „Notiz“ (Spalte T), die Spalte U ohne Überschrift (mit Werten, z. B. in Zeile 8): Sie gehören nicht zur BKA-Tabelle „Fälle – Kreise“ und werden für den Kreisvergleich nicht gebraucht.',
      ...[10, 11, 12, 13, 14].map(
        (row) =>
          `Zeile ${row}, Spalte „Schlüssel“: Schlüssel „10000“ hat nur 5 Stellen – vermutlich hat Excel die führende Null entfernt; gelesen als „010000“.`,
      ),
    ],
  },
};

describe('BKA Kreis tables 2019–2024 as downloaded', () => {
  for (const [name, layout] of Object.entries(LAYOUTS)) {
    it(`${name}: the same figures, the expected notices`, async () => {
      const r = await readPksKreise({ name, bytes: fixture(name) });
      expect(r.issues.map((i) => i.message)).toEqual(layout.messages.map((m) => `${name}, ${m}`));
      expect(r.rows.map(({ year, ...rest }) => (expect(year).toBe(layout.year), rest))).toEqual(EXPECTED);
    });
  }

  it('the committed fixtures are what the generator writes (CSV byte for byte, XLSX cell for cell)', async () => {
    const generated = await allFixtures();
    expect([...generated.keys()].sort()).toEqual(Object.keys(LAYOUTS).sort());
    for (const [name, bytes] of generated) {
      if (name.endsWith('.csv')) expect(bytes.equals(fixture(name)), name).toBe(true);
      else {
        const a = await loadSheetGrid({ name, bytes }, { kind: 'pks-kreise', maxRows: 1000 });
        const b = await loadSheetGrid({ name, bytes: fixture(name) }, { kind: 'pks-kreise', maxRows: 1000 });
        expect(a.grid?.rows, name).toEqual(b.grid?.rows);
        expect(a.grid?.merges, name).toEqual(b.grid?.merges);
      }
    }
  });
});

/** The row numbers an issue names: its row, or the range in its value (`45–46`). */
function namedRows(issue: ValidationIssue): number[] {
  const range = /^(\d+)–(\d+)$/.exec(issue.value ?? '');
  if (range) {
    const out: number[] = [];
    for (let r = Number(range[1]); r <= Number(range[2]); r++) out.push(r);
    return out;
  }
  return issue.row === undefined ? [] : [issue.row];
}

/** Every non-empty row below the header block: its number and its Kreis|key. */
async function inputRows(name: string, bytes: Buffer): Promise<{ rowNumber: number; id: string }[]> {
  const rows = name.endsWith('.csv')
    ? (readCsvGrid({ name, bytes }, 1000).grid?.rows ?? [])
    : ((await loadSheetGrid({ name, bytes }, { kind: 'pks-kreise', maxRows: 1000, fillMerged: true })).grid
        ?.rows ?? []);
  const header = findHeaderBlock(rows, 30);
  if (!header) throw new Error(`no header in ${name}`);
  const k = header.fields.key as number;
  const c = header.fields.kreis as number;
  return rows.slice(header.end).map((r) => ({
    rowNumber: r.rowNumber,
    id: `${String(r.cells[c] ?? '').padStart(5, '0')}|${String(r.cells[k] ?? '')}`,
  }));
}

/** For every input row: a figure uses it, or a message names it. */
async function expectEveryRowAccounted(name: string, bytes: Buffer): Promise<void> {
  const r = await readPksKreise({ name, bytes });
  const used = new Set(r.rows.map((x) => `${x.kreis}|${x.key}`));
  const named = new Set(r.issues.flatMap(namedRows));
  const seen = new Set<string>();
  for (const row of await inputRows(name, bytes)) {
    const restored = row.id.replace(/\|(\d{5})$/, '|0$1');
    const usedHere = !seen.has(restored) && used.has(restored);
    if (usedHere) seen.add(restored);
    expect(usedHere || named.has(row.rowNumber), `${name}, Zeile ${row.rowNumber} (${row.id})`).toBe(true);
  }
}

describe('the year of the title lines', () => {
  it('must be the year of the file name', async () => {
    const r = await readPksKreise({ name: 'pks-kreise-2022.xlsx', bytes: fixture('pks-kreise-2023.xlsx') });
    expect(r.rows).toEqual([]);
    expect(r.issues.map((i) => i.message)).toEqual([
      'pks-kreise-2022.xlsx: Die Überschrift der Tabelle nennt das Jahr 2023 („Polizeiliche Kriminalstatistik 2023“), der Dateiname das Jahr 2022. Bitte die Tabelle für 2022 hochladen oder die Datei in „pks-kreise-2023.xlsx“ umbenennen.',
    ]);
  });

  it('is not the date a table was made on nor a census year', async () => {
    const { yearFromTitle } = await import('../../../src/core/input/pks-kreise-year.js');
    expect(
      yearFromTitle(['V1.0 erstellt am: 05.03.2025', 'Einwohner nach Zensus 2022', 'Berichtsjahr 2024']),
    ).toEqual({
      year: 2024,
      text: 'Berichtsjahr 2024',
    });
    expect(yearFromTitle(['Fälle – Kreise', 'Stand: 01.02.2025'])).toBeNull();
    expect(yearFromTitle(['Kreistabelle 2021'])).toEqual({ year: 2021, text: 'Kreistabelle 2021' });
  });
});

describe('no row of the BKA table disappears without a message', () => {
  it('holds for every layout', async () => {
    for (const name of Object.keys(LAYOUTS)) await expectEveryRowAccounted(name, fixture(name));
  });

  it('holds for a table with bad rows, notes between the rows and footnotes', async () => {
    const lines = fixture('pks-kreise-2022.csv').toString('latin1').trimEnd().split('\n');
    lines.splice(5, 0, 'Hinweis: Werte vorläufig;;;;;;;;;;;;;;;;;');
    lines.splice(8, 1, '12-345;Unsinn;1001;Hafenstadt Nord;KfS;1;1;0;0;0;0;0;0;0;0;0;0;0');
    lines.splice(9, 1, '216000;Handtaschenraub;D-1001;Hafenstadt Nord;KfS;1;1;0;0;0;0;0;0;0;0;0;0;0');
    lines.splice(10, 1, '224000;Körperverletzung;14612;Elbestadt;KfS;12.5;1;0;0;0;0;0;0;0;0;0;0;0');
    lines.splice(11, 1, '674000;Sachbeschädigung;14612;Elbestadt;KfS;;1;0;0;0;0;0;0;0;0;0;0;0');
    lines.push(
      lines[3] as string,
      '',
      'Quelle: BKA;;;;;;;;;;;;;;;;;',
      '1;2;3;4;5;6;7;8;9;10;11;12;13;14;15;16;17;18',
    );
    const bytes = Buffer.from(`${lines.join('\n')}\n`, 'latin1');
    await expectEveryRowAccounted('pks-kreise-2022.csv', bytes);
    const r = await readPksKreise({ name: 'pks-kreise-2022.csv', bytes });
    expect(r.issues.map((i) => `${i.severity} ${i.code} ${i.row}`)).toEqual([
      'warning pks-row-skipped 6',
      'error pks-invalid-key 9',
      'error pks-invalid-kreis 10',
      'error pks-invalid-number 11',
      'error pks-missing-value 12',
      'error pks-duplicate-row 39',
      'warning pks-rows-below-table 41',
    ]);
  });
});
