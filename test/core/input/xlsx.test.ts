import { Buffer } from 'node:buffer';
import type ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { readTable } from '../../../src/core/input/read-table.js';
import type { RawTable } from '../../../src/core/input/table.js';
import { zipEntryText } from '../../fixtures/input/unzip.js';
import { simpleWorkbook, workbookBytes } from '../../fixtures/input/workbooks.js';
import { buildZip } from '../../fixtures/input/zip.js';

const EXPECTED = ['gebiet', 'geschlecht', 'alter', 'sg_wohngegend_nacht'];
const read = (name: string, bytes: Uint8Array, expectedColumns: readonly string[] = EXPECTED) =>
  readTable({ name, bytes }, { kind: 'befragung', expectedColumns });
const rowsOf = (t: RawTable | null) => (t?.rows ?? []).map((r) => [r.rowNumber, ...r.cells]);

/** A survey sheet as municipalities send it: title lines above the header, every cell shape below. */
function surveySheet(wb: ExcelJS.Workbook): void {
  wb.addWorksheet('Hinweise').getCell('A1').value = 'Bitte Blatt „Befragung“ verwenden';
  const ws = wb.addWorksheet('Befragung');
  ws.getCell('A1').value = 'Bürgerbefragung Musterstadt 2026';
  ws.getCell('A2').value = { richText: [{ text: 'Stand: ' }, { text: 'April', font: { bold: true } }] };
  ws.getRow(4).values = ['gebiet', 'geschlecht', 'alter', 'sg_wohngegend_nacht', 'stichtag', 'quelle'];
  ws.getRow(5).values = [
    'Altstadt',
    'w',
    34,
    2,
    new Date(Date.UTC(2026, 2, 2)),
    { text: 'Link', hyperlink: 'https://example.org' },
  ];
  ws.getCell('E5').numFmt = 'dd.mm.yyyy';
  const row6: ExcelJS.CellValue[] = [
    { richText: [{ text: 'Nord' }, { text: 'viertel', font: { italic: true } }] },
    { formula: 'LOWER("M")', result: 'm' },
    { formula: 'C5+17', result: 51 },
    { error: '#DIV/0!' },
    null,
    {
      text: { richText: [{ text: 'Stadt' }, { text: 'archiv' }] },
      hyperlink: 'https://example.org/a',
    } as unknown as ExcelJS.CellHyperlinkValue,
  ];
  ws.getRow(6).values = row6;
  // Row 7 stays empty; row 8 has a formula without a cached result and serial 60.
  ws.getRow(8).values = ['Altstadt', ' d ', { formula: 'C6+1' }, 4, 60];
  ws.getCell('E8').numFmt = 'yyyy-mm-dd';
  ws.getRow(9).values = ['Südstadt', true, 80.5, 1, 59];
  ws.getCell('E9').numFmt = 'yyyy-mm-dd';
}

describe('readTable on XLSX', () => {
  it('finds the sheet and the header by content and normalises every cell shape', async () => {
    const bytes = await workbookBytes(surveySheet);
    const r = await read('befragung.xlsx', bytes);
    expect(r.table?.format).toBe('xlsx');
    expect(r.table?.sheet).toBe('Befragung');
    expect(r.table?.headerRow).toBe(4);
    expect(r.table?.columns).toEqual([
      'gebiet',
      'geschlecht',
      'alter',
      'sg_wohngegend_nacht',
      'stichtag',
      'quelle',
    ]);
    expect(rowsOf(r.table)).toEqual([
      [5, 'Altstadt', 'w', 34, 2, '2026-03-02', 'Link'],
      [6, 'Nordviertel', 'm', 51, '#DIV/0!', null, 'Stadtarchiv'],
      [8, 'Altstadt', 'd', null, 4, null, null],
      [9, 'Südstadt', true, 80.5, 1, '1900-02-28', null],
    ]);
    expect(r.issues).toEqual([
      {
        severity: 'warning',
        code: 'formula-cell',
        file: 'befragung.xlsx',
        message:
          'befragung.xlsx: Die Datei enthält Formeln (z. B. Blatt „Befragung“, Zelle B6). Gelesen wurden die Ergebnisse, die Excel zuletzt gespeichert hat; Formeln werden nicht neu berechnet.',
      },
      {
        severity: 'warning',
        code: 'formula-no-result',
        file: 'befragung.xlsx',
        row: 8,
        column: 'alter',
        expected: 'ein von Excel gespeichertes Formelergebnis',
        message:
          'befragung.xlsx, Zeile 8, Spalte „alter“: Formel ohne gespeichertes Ergebnis; die Zelle wird als leer gelesen. Bitte die Datei in Excel öffnen, neu berechnen lassen und speichern.',
      },
      {
        severity: 'warning',
        code: 'date-nonexistent',
        file: 'befragung.xlsx',
        row: 8,
        column: 'stichtag',
        value: '29.02.1900',
        expected: 'ein gültiges Datum',
        message:
          'befragung.xlsx, Zeile 8, Spalte „stichtag“: Das Datum 29.02.1900 (Excel-Seriennummer 60) gibt es nicht – ein bekannter Fehler des Excel-Datumssystems 1900; die Zelle wird als leer gelesen.',
      },
    ]);
  });

  it('gives the same dates in every process time zone', async () => {
    const bytes = await workbookBytes(surveySheet);
    const saved = process.env['TZ'];
    const results: unknown[] = [];
    try {
      for (const tz of ['UTC', 'Europe/Berlin', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
        process.env['TZ'] = tz;
        const r = await read('befragung.xlsx', bytes);
        results.push(rowsOf(r.table).map((row) => row[5]));
      }
    } finally {
      process.env['TZ'] = saved;
    }
    expect(results).toEqual(Array(4).fill(['2026-03-02', null, null, '1900-02-28']));
  });

  it('reads a workbook in the 1904 date system', async () => {
    const bytes = await workbookBytes((wb) => {
      wb.properties.date1904 = true;
      const ws = wb.addWorksheet('befragung');
      ws.addRow(['gebiet', 'stichtag', 'serial']);
      ws.addRow(['01', new Date(Date.UTC(2026, 2, 2)), 0]);
      ws.getCell('B2').numFmt = 'dd.mm.yyyy';
      ws.getCell('C2').numFmt = 'dd.mm.yyyy';
      ws.addRow(['02', 60, 1]);
      ws.getCell('B3').numFmt = 'dd.mm.yyyy';
      ws.getCell('C3').numFmt = 'dd.mm.yyyy';
    });
    // The workbook really is a 1904 workbook with 1904 serials.
    expect(await zipEntryText(bytes, 'xl/workbook.xml')).toContain('date1904="1"');
    expect(await zipEntryText(bytes, 'xl/worksheets/sheet1.xml')).toContain('<v>44621</v>');
    const r = await read('befragung.xlsx', bytes, ['gebiet', 'stichtag']);
    expect(r.issues).toEqual([]);
    expect(rowsOf(r.table)).toEqual([
      [2, '01', '2026-03-02', '1904-01-01'],
      [3, '02', '1904-03-01', '1904-01-02'],
    ]);
  });

  it('takes the first sheet when no sheet is named like the kind, and row 1 as header when no columns are expected', async () => {
    const bytes = await simpleWorkbook('Tabelle1', [
      ['gebiet', 'anzahl'],
      ['01', 5],
    ]);
    const r = await readTable({ name: 'bevoelkerung.xlsx', bytes }, { kind: 'bevoelkerung' });
    expect(r.issues).toEqual([]);
    expect(r.table?.sheet).toBe('Tabelle1');
    expect(r.table?.headerRow).toBe(1);
    expect(rowsOf(r.table)).toEqual([[2, '01', 5]]);
  });

  it('matches the sheet name like a column name (Bevölkerung ~ bevoelkerung)', async () => {
    const bytes = await workbookBytes((wb) => {
      wb.addWorksheet('Notizen').addRow(['x']);
      const ws = wb.addWorksheet('Bevölkerung');
      ws.addRow(['gebiet', 'anzahl']);
      ws.addRow(['01', 5]);
    });
    const r = await readTable({ name: 'bevoelkerung.xlsx', bytes }, { kind: 'bevoelkerung' });
    expect(r.table?.sheet).toBe('Bevölkerung');
  });

  it('skips a hidden first sheet when no sheet is named like the kind', async () => {
    const bytes = await workbookBytes((wb) => {
      wb.addWorksheet('Hilfstabelle', { state: 'hidden' }).addRow(['x', 'y']);
      const ws = wb.addWorksheet('Tabelle2');
      ws.addRow(['gebiet', 'anzahl']);
      ws.addRow(['01', 5]);
    });
    const r = await readTable({ name: 'bevoelkerung.xlsx', bytes }, { kind: 'bevoelkerung' });
    expect(r.table?.sheet).toBe('Tabelle2');
  });

  it('lists at most 100 cell warnings of one kind and counts the rest', async () => {
    const bytes = await workbookBytes((wb) => {
      const ws = wb.addWorksheet('Befragung');
      ws.addRow(['gebiet', 'alter']);
      for (let i = 0; i < 130; i++) ws.addRow(['01', { formula: 'A1' } as ExcelJS.CellFormulaValue]);
    });
    const r = await read('befragung.xlsx', bytes);
    expect(r.issues.map((i) => i.code)).toEqual([
      'formula-cell',
      ...Array(100).fill('formula-no-result'),
      'formula-no-result',
    ]);
    expect(r.issues[101]?.message).toBe(
      'befragung.xlsx: Insgesamt 130 Formeln ohne gespeichertes Ergebnis; die ersten 100 sind einzeln aufgeführt. Die Zellen werden als leer gelesen.',
    );
  });

  it('reports a missing header row', async () => {
    const bytes = await simpleWorkbook('Befragung', [['Titel'], ['a', 'b']]);
    const r = await read('befragung.xlsx', bytes);
    expect(r.table).toBeNull();
    expect(r.issues.map((i) => i.message)).toEqual([
      'befragung.xlsx, Blatt „Befragung“: Keine Kopfzeile gefunden: In den ersten 30 Zeilen steht keine Zeile mit mindestens 2 der Spalten „gebiet“, „geschlecht“, „alter“, „sg_wohngegend_nacht“.',
    ]);
  });

  it('reports an empty sheet and a header without data', async () => {
    const empty = await read('befragung.xlsx', await simpleWorkbook('Befragung', []));
    expect(empty.issues.map((i) => i.message)).toEqual([
      'befragung.xlsx, Blatt „Befragung“: Das Tabellenblatt ist leer.',
    ]);
    const headerOnly = await read('befragung.xlsx', await simpleWorkbook('Befragung', [['gebiet', 'alter']]));
    expect(headerOnly.issues.map((i) => i.message)).toEqual([
      'befragung.xlsx, Zeile 1: Die Datei enthält nur die Kopfzeile und keine Datenzeilen.',
    ]);
  });

  it('ignores merged cells other than the top-left one and warns about values outside the table', async () => {
    const bytes = await workbookBytes((wb) => {
      const ws = wb.addWorksheet('Befragung');
      ws.getRow(2).values = [null, 'gebiet', 'alter'];
      ws.getRow(3).values = [null, '01', 34, null, 'Notiz'];
      ws.getRow(4).values = [null, 'Zusammen', null];
      ws.mergeCells('B4:C4');
    });
    const r = await read('befragung.xlsx', bytes);
    expect(r.table?.columns).toEqual(['gebiet', 'alter']);
    expect(rowsOf(r.table)).toEqual([
      [3, '01', 34],
      [4, 'Zusammen', null],
    ]);
    expect(r.issues.map((i) => i.message)).toEqual([
      'befragung.xlsx, Zeile 3, Spalte „E“: Spalte E hat keine Überschrift in der Kopfzeile (Zeile 2), enthält aber Werte; sie wird ignoriert.',
    ]);
  });

  it('rejects more data rows than allowed', async () => {
    const bytes = await simpleWorkbook('Befragung', [
      ['gebiet', 'alter'],
      ['01', 1],
      ['01', 2],
      ['01', 3],
    ]);
    const r = await readTable(
      { name: 'befragung.xlsx', bytes },
      { kind: 'befragung', expectedColumns: EXPECTED, maxRows: 2 },
    );
    expect(r.table).toBeNull();
    expect(r.issues.map((i) => i.message)).toEqual([
      'befragung.xlsx: Die Datei hat mehr als 2 Datenzeilen; erlaubt sind höchstens 2.',
    ]);
  });

  it('reports duplicate and unnamed columns', async () => {
    const bytes = await simpleWorkbook('Befragung', [
      ['gebiet', 'Alter', null, 'alter'],
      ['01', 1, 'x', 2],
    ]);
    const r = await read('befragung.xlsx', bytes);
    expect(r.issues.map((i) => i.message)).toEqual([
      'befragung.xlsx, Zeile 1: Spalte C hat keinen Namen in der Kopfzeile, enthält aber Werte (z. B. in Zeile 2).',
      'befragung.xlsx, Zeile 1, Spalte „Alter“: Spalte „Alter“ kommt mehrfach vor (Spalten 2 (B) und 4 (D)).',
    ]);
  });

  it('turns an ExcelJS failure on a damaged package into an issue', async () => {
    const bytes = await simpleWorkbook('Befragung', [
      ['gebiet', 'alter'],
      ['01', 1],
    ]);
    // Corrupt the workbook XML but keep the ZIP valid.
    const broken = buildZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types') },
      { name: 'xl/workbook.xml', data: Buffer.from('<<<not xml') },
      { name: 'xl/worksheets/sheet1.xml', data: Buffer.from(bytes.subarray(0, 50)) },
    ]);
    const r = await read('befragung.xlsx', broken);
    expect(r.table).toBeNull();
    expect(r.issues.map((i) => i.message)).toEqual([
      'befragung.xlsx: Die Excel-Datei konnte nicht gelesen werden (beschädigt oder kein gültiges XLSX). Bitte in Excel öffnen, als „Excel-Arbeitsmappe (*.xlsx)“ speichern und erneut hochladen.',
    ]);
    const noSheet = await read(
      'befragung.xlsx',
      buildZip([{ name: 'hallo.txt', data: Buffer.from('hallo') }]),
    );
    expect(noSheet.issues.map((i) => i.message)).toEqual([
      'befragung.xlsx: Die Excel-Datei enthält kein Tabellenblatt.',
    ]);
  });
});

afterEach(() => {
  expect(process.env['TZ']).toBe('Europe/Berlin');
});
