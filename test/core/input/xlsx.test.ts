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

/** A package written by hand: what other writers than Excel and ExcelJS produce. */
function handWritten(sheetXml: string, sharedStrings?: string, workbookPr = ''): Uint8Array {
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  return buildZip([
    { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
    {
      name: '_rels/.rels',
      data: Buffer.from(
        '<Relationships><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/></Relationships>',
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: Buffer.from(
        `<x:workbook xmlns:x="${ns}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${workbookPr}<x:sheets><x:sheet name="Daten" sheetId="1" r:id="rId7"/></x:sheets></x:workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: Buffer.from(
        '<Relationships><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="sheets/blatt.xml"/>' +
          '<Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/>' +
          '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>',
      ),
    },
    {
      name: 'xl/styles.xml',
      data: Buffer.from(
        `<styleSheet xmlns="${ns}"><numFmts count="1"><numFmt numFmtId="164" formatCode="DD.MM.YYYY"/></numFmts><cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="4"/></cellXfs></styleSheet>`,
      ),
    },
    ...(sharedStrings ? [{ name: 'xl/strings.xml', data: Buffer.from(sharedStrings) }] : []),
    {
      name: 'xl/sheets/blatt.xml',
      data: Buffer.from(`<x:worksheet xmlns:x="${ns}"><x:sheetData>${sheetXml}</x:sheetData></x:worksheet>`),
    },
  ]);
}

describe('readTable on XLSX packages of other writers', () => {
  it('reads namespaced parts, inline and rich strings, phonetic runs, escapes, booleans, errors and dates', async () => {
    const strings =
      '<sst><si><t>gebiet</t></si><si><r><t>al</t></r><r><rPr><b/></rPr><t>ter</t></r></si>' +
      '<si><t>Nord</t><rPh sb="0" eb="1"><t>ノルド</t></rPh></si><si><t>Zeile_x000D_Umbruch</t></si></sst>';
    const sheet =
      '<x:row r="1"><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="inlineStr"><x:is><x:t>wahr</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>stand</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>text</x:t></x:is></x:c></x:row>' +
      '<x:row><x:c t="s"><x:v>2</x:v></x:c><x:c s="2"><x:v>34</x:v></x:c><x:c t="b"><x:v>1</x:v></x:c><x:c s="1"><x:v>46083</x:v></x:c><x:c t="s"><x:v>3</x:v></x:c></x:row>' +
      '<x:row r="4"><x:c r="A4" t="str"><x:f>LOWER("S")</x:f><x:v>s</x:v></x:c><x:c r="B4" t="e"><x:v>#DIV/0!</x:v></x:c><x:c r="D4" t="d"><x:v>2026-03-02T00:00:00</x:v></x:c></x:row>';
    const r = await readTable(
      { name: 'befragung.xlsx', bytes: handWritten(sheet, strings) },
      { kind: 'befragung', expectedColumns: ['gebiet', 'alter'] },
    );
    expect(r.table?.sheet).toBe('Daten');
    expect(r.table?.columns).toEqual(['gebiet', 'alter', 'wahr', 'stand', 'text']);
    expect(rowsOf(r.table)).toEqual([
      [2, 'Nord', 34, true, '2026-03-02', 'Zeile\rUmbruch'],
      [4, 's', '#DIV/0!', null, '2026-03-02', null],
    ]);
    expect(r.issues.map((i) => i.code)).toEqual(['formula-cell']);
  });

  it('stops reading at the row limit, without reading the rest of the sheet', async () => {
    const rows = Array.from(
      { length: 50 },
      (_, i) =>
        `<x:row r="${i + 2}"><x:c t="inlineStr"><x:is><x:t>01</x:t></x:is></x:c><x:c><x:v>${i}</x:v></x:c></x:row>`,
    );
    const header =
      '<x:row r="1"><x:c t="inlineStr"><x:is><x:t>gebiet</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>alter</x:t></x:is></x:c></x:row>';
    // The rest of the sheet is broken XML: had the reader gone on, it would report a damaged file.
    const bytes = handWritten(`${header}${rows.join('')}<x:row><<<`);
    const r = await readTable(
      { name: 'befragung.xlsx', bytes },
      { kind: 'befragung', expectedColumns: EXPECTED, maxRows: 10 },
    );
    expect(r.issues.map((i) => i.message)).toEqual([
      'befragung.xlsx: Die Datei hat mehr als 10 Datenzeilen; erlaubt sind höchstens 10.',
    ]);
  });
});
