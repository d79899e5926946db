/**
 * Excel artefacts are repaired or located, never dropped silently (issue 12, contract §5, §9):
 * keys and area ids that lost their leading zero, numbers stored as text, dates as serial numbers;
 * and for every input row either a figure uses it or a message names it.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../../src/core/input/read-table.js';
import type { RawTable } from '../../../src/core/input/table.js';
import type { Manifest } from '../../../src/core/model/dataset.js';
import type { ValidationIssue } from '../../../src/core/validate/issues.js';
import { validateReadTables } from '../../../src/core/validate/tables.js';
import { workbookBytes } from '../../fixtures/input/workbooks.js';

const manifest = (ids: readonly string[]): Manifest => ({
  kommune: { name: 'Teststadt', ags: '01001000' },
  titel: 'Sicherheitsanalyse Teststadt 2025',
  berichtsjahr: 2025,
  befragung: {},
  gebiete: ids.map((id, i) => ({ id, name: `Gebiet ${i + 1}` })),
  vergleich: { kreis: '01001' },
  branding: { primaerfarbe: '#005CA9', akzentfarbe: '#E8A33D' },
  kontakte: [],
  optionen: { mindestfallzahl: 10 },
});

async function csvTable(name: string, text: string): Promise<RawTable> {
  const r = await readTable(
    { name, bytes: new TextEncoder().encode(text) },
    { kind: name.split('.')[0] as string },
  );
  if (!r.table) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.table;
}

const messages = (issues: readonly ValidationIssue[]) => issues.map((i) => i.message);

describe('Excel artefacts in kriminalitaet', () => {
  it('restores a 5-character key (Excel made 10000 of 010000) with a warning; the area keeps its year', async () => {
    const t = await csvTable(
      'kriminalitaet.csv',
      'jahr;gebiet;schluessel;faelle\n2025;01;------;40\n2025;01;10000;1\n2025;02;------;30\n2025;02;1234;2\n2025;02;1234567;2\n',
    );
    const v = validateReadTables(manifest(['01', '02']), { kriminalitaet: t });
    expect(messages(v.issues)).toEqual([
      'kriminalitaet.csv, Zeile 3, Spalte „schluessel“: Schlüssel „10000“ hat nur 5 Stellen – vermutlich hat Excel die führende Null entfernt; gelesen als „010000“.',
      'kriminalitaet.csv, Zeile 5, Spalte „schluessel“: Wert „1234“ ist kein PKS-Straftatenschlüssel (erwartet: 6 Zeichen aus Ziffern und *, z. B. „224000“ oder „435*00“; „------“ für Straftaten insgesamt).',
      'kriminalitaet.csv, Zeile 6, Spalte „schluessel“: Wert „1234567“ ist kein PKS-Straftatenschlüssel (erwartet: 6 Zeichen aus Ziffern und *, z. B. „224000“ oder „435*00“; „------“ für Straftaten insgesamt).',
    ]);
    expect(v.results.crime.map((r) => `${r.year} ${r.areaId} ${r.key} ${r.cases}`)).toEqual([
      '2025 01 ------ 40',
      '2025 01 010000 1',
      '2025 02 ------ 30',
    ]);
  });

  it('restores area ids and AGS that lost their leading zero, once per file', async () => {
    const t = await csvTable(
      'kriminalitaet.csv',
      'jahr;gebiet;schluessel;faelle\n2025;1001000;------;40\n2025;1002000;------;30\n2025;01002000;224000;3\n',
    );
    const v = validateReadTables(manifest(['01001000', '01002000']), { kriminalitaet: t });
    expect(messages(v.issues)).toEqual([
      'kriminalitaet.csv, Spalte „gebiet“: Gebietskennungen ohne führende Null gelesen: 1001000 → „01001000“, 1002000 → „01002000“ – vermutlich hat Excel die führenden Nullen entfernt. Damit sie erhalten bleiben, die Spalte in Excel als Text formatieren.',
    ]);
    expect(v.results.crime.map((r) => r.areaId)).toEqual(['01001000', '01002000', '01002000']);
  });

  it('reads numbers stored as text in an XLSX like numbers', async () => {
    const bytes = await workbookBytes((wb: ExcelJS.Workbook) => {
      const ws = wb.addWorksheet('kriminalitaet');
      ws.addRow(['jahr', 'gebiet', 'schluessel', 'faelle', 'aufgeklaert']);
      ws.addRow(['2025', '01', '------', '1.234', '617']);
      ws.addRow([2025, '02', '------', 2345, 1000]);
    });
    const r = await readTable({ name: 'kriminalitaet.xlsx', bytes }, { kind: 'kriminalitaet' });
    const v = validateReadTables(manifest(['01', '02']), { kriminalitaet: r.table! });
    expect(messages([...r.issues, ...v.issues])).toEqual([]);
    expect(v.results.crime.map((x) => [x.year, x.cases, x.cleared])).toEqual([
      [2025, 1234, 617],
      [2025, 2345, 1000],
    ]);
  });
});

describe('dates as serial numbers', () => {
  it('reads an Excel date serial in pmk.stand as the date, with a warning', async () => {
    const t = await csvTable(
      'pmk.csv',
      'jahr;gebiet;phaenomenbereich;faelle;stand\n2025;gesamt;rechts;4;45688\n2025;gesamt;links;2;31.01.2025\n',
    );
    const v = validateReadTables(manifest(['01']), { pmk: t });
    expect(messages(v.issues)).toEqual([
      'pmk.csv, Zeile 2, Spalte „stand“: Wert „45688“ ist eine Excel-Datumszahl (die Zelle hat ihr Datumsformat verloren); gelesen als 31.01.2025.',
    ]);
    expect(v.results.pmk.map((p) => p.stand)).toEqual(['2025-01-31', '31.01.2025']);
  });
});

describe('no input row disappears without a message', () => {
  it('kriminalitaet: every non-empty row is a figure or named in an issue', async () => {
    const lines = [
      'jahr;gebiet;schluessel;straftat;faelle;aufgeklaert',
      '2025;01;------;Straftaten insgesamt;40;20',
      '2025;01;10000;;1;1', // restored key
      '2025;Unbekannt;------;;5;1', // unknown area
      '2025;02;------;;;1', // cases missing
      '2025;02;224000;;x;1', // not a number
      '2025;02;892000;;3;5', // cleared > cases
      '1999;02;------;;3;1', // year out of window
      ';;;;;', // empty row: carries nothing
      '2025;01;------;;41;20', // duplicate
      '2025;02;12;;1;0', // not a key
      '2025;02;899000;;7;2',
    ];
    const t = await csvTable('kriminalitaet.csv', `${lines.join('\n')}\n`);
    const v = validateReadTables(manifest(['01', '02']), { kriminalitaet: t });
    const used = new Set(v.results.crime.map((r) => `${r.year}|${r.areaId}|${r.key}`));
    const named = new Set(v.issues.map((i) => i.row));
    const seen = new Set<string>();
    for (const row of t.rows) {
      if (row.cells.every((c) => c === null)) continue;
      const id = `${String(row.cells[0])}|${String(row.cells[1])}|${String(row.cells[2]).padStart(6, '0')}`;
      const usedHere = used.has(id) && !seen.has(id);
      if (usedHere) seen.add(id);
      expect(usedHere || named.has(row.rowNumber), `Zeile ${row.rowNumber}`).toBe(true);
    }
    expect(v.results.crime).toHaveLength(3);
  });
});
