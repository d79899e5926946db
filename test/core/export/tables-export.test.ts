/**
 * The spreadsheet export of the report's tables, from the sample analysis with hostile names:
 * the workbook read back with ExcelJS (index, sheet names, real numbers with their formats,
 * merged header cells, notes, no formula anywhere) and the CSV files (BOM, `;`, escaping).
 */
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Analysis } from '../../../src/core/analysis/schema.js';
import { assembleReport, type AssembledReport } from '../../../src/core/report/assemble.js';
import { exportTables, INDEX_SHEET, type ExportedTables } from '../../../src/core/export/index.js';
import { baseInput, cloneSample, GENERATED_AT } from '../report/helpers.js';
import { zipEntryText } from '../../fixtures/input/unzip.js';

const HYPERLINK = '=HYPERLINK("http://x")';
const PLUS = '+1';
const AT = '@SUM(A1)';

/** The sample with an area named `=HYPERLINK(…)`, one named `+1` and the municipality named `@SUM(A1)`. */
function hostileAnalysis(): Analysis {
  const json = JSON.stringify(cloneSample())
    .replaceAll('"Altstadt"', JSON.stringify(HYPERLINK))
    .replaceAll('"Nordvorstadt"', JSON.stringify(PLUS))
    .replaceAll('"Musterstadt"', JSON.stringify(AT));
  return JSON.parse(json) as Analysis;
}

const META = { title: 'Sicherheitsanalyse Musterstadt 2025', version: 2, generatedAt: GENERATED_AT };

let report: AssembledReport;
let out: ExportedTables;
let wb: ExcelJS.Workbook;

async function open(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return book;
}

/** The sheet of the table with this caption, found through the index sheet. */
function sheetOf(caption: string): ExcelJS.Worksheet {
  const index = wb.getWorksheet(INDEX_SHEET);
  let name: string | undefined;
  index?.eachRow((row) => {
    if (row.getCell(2).value === caption) name = String(row.getCell(4).value);
  });
  const ws = name === undefined ? undefined : wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet for ${caption}`);
  return ws;
}

/** The row whose first cell is `label`. */
function rowOf(ws: ExcelJS.Worksheet, label: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row) => {
    if (!found && row.getCell(1).value === label) found = row;
  });
  if (!found) throw new Error(`no row ${label} in ${ws.name}`);
  return found;
}

function csvOf(captionStart: string): { text: string; rows: string[][] } {
  const i = report.tables.findIndex((t) => t.table.caption.startsWith(captionStart));
  const file = out.csv[i];
  if (!file) throw new Error(`no CSV for ${captionStart}`);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.bytes);
  return { text, rows: parse(text, { delimiter: ';', bom: true, relax_column_count: true }) as string[][] };
}

beforeAll(async () => {
  report = assembleReport(await baseInput(hostileAnalysis()));
  out = await exportTables(report.tables, META);
  wb = await open(out.xlsx);
});

describe('tables export: workbook', () => {
  it('has the index sheet and one sheet per numbered table, with valid unique names', () => {
    expect(report.tables.length).toBeGreaterThanOrEqual(40);
    expect(report.tables.map((t) => t.number)).toEqual(report.tables.map((_, i) => i + 1));
    expect(wb.worksheets.length).toBe(report.tables.length + 1);
    expect(wb.worksheets[0]?.name).toBe('Übersicht');
    const names = wb.worksheets.map((w) => w.name);
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[[\]:*?/\\]/);
    }
    expect(names[1]).toMatch(/^T01 /);

    const index = wb.worksheets[0]!;
    expect(index.getRow(1).values).toEqual([undefined, 'Nr.', 'Titel', 'Abschnitt', 'Blattname']);
    const t = report.tables[9]!;
    expect(index.getRow(11).values).toEqual([undefined, 10, t.table.caption, t.section, names[10]]);
    expect(wb.created.toISOString()).toBe('2026-11-25T09:00:00.000Z');
    expect(wb.modified.toISOString()).toBe('2026-11-25T09:00:00.000Z');
  });

  it('writes figures as numbers with a format that shows them as printed', () => {
    const ws = sheetOf('Registrierte Straftaten insgesamt 2021–2025');
    expect(ws.getCell('A1').value).toMatch(/^Tabelle \d+: Registrierte Straftaten insgesamt 2021–2025$/);
    const r = rowOf(ws, '2025');
    const [, , inhabitants, cases, rate, clearance] = r.values as unknown[];
    expect([inhabitants, cases, rate, clearance]).toEqual([24_812, 1528, 6158.3, 0.594]);
    expect(r.getCell(1).value).toBe('2025');
    expect(r.getCell(2).numFmt).toBe('#,##0');
    expect(r.getCell(4).numFmt).toBe('#,##0.0');
    expect(r.getCell(5).numFmt).toBe('#,##0.0 %');
    expect(r.getCell(5).type).toBe(ExcelJS.ValueType.Number);

    const sample = sheetOf('Zusammensetzung der Befragten im Vergleich zur Bevölkerung');
    const male = rowOf(sample, 'männlich');
    expect(male.getCell(5).value).toBe(-3.8);
    const female = rowOf(sample, 'weiblich');
    expect(female.getCell(5).value).toBe(0.7);
    expect(female.getCell(5).numFmt).toBe('+#,##0.0;-#,##0.0;#,##0.0');
  });

  it('keeps intervals and suppressed values as text, bracketed figures as numbers in brackets', () => {
    const ws = sheetOf('Unsicherheitsgefühl nach Ort und Tageszeit');
    const home = rowOf(ws, 'eigene Wohnung');
    expect(home.getCell(2).value).toBe(0.03);
    expect(home.getCell(3).value).toBe('1,6–5,7\u00a0%');
    const notAsked = rowOf(ws, 'Bus und Bahn');
    expect(notAsked.getCell(2).value).toBe('nicht gefragt');
    expect(ws.model.merges).toContain(`${notAsked.getCell(2).address}:${notAsked.getCell(3).address}`);

    const fear = sheetOf('Ungünstige Werte nach Dimension, Geschlecht und Altersgruppe');
    const limited = rowOf(fear, '30–44 Jahre').getCell(3);
    expect(limited.value).toBe(0.1);
    expect(limited.numFmt).toBe('(#,##0.0 %)');

    let suppressed = 0;
    for (const w of wb.worksheets) {
      w.eachRow((row) =>
        row.eachCell((c) => {
          if (c.value === 'zu geringe Fallzahl') suppressed++;
        }),
      );
    }
    expect(suppressed).toBeGreaterThan(0);
  });

  it('merges header cells with colspan and rowspan', () => {
    const ws = sheetOf('Häufigkeitszahlen und Aufklärungsquoten im Vergleich 2025');
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A4:A5', 'B4:D4', 'E4:G4']));
    expect(ws.getCell('B4').value).toBe('Häufigkeitszahl');
    expect(ws.getCell('E4').value).toBe('Aufklärungsquote');
    expect(ws.getCell('B4').font?.bold).toBe(true);
    // The municipality's column header is the hostile name, escaped.
    expect(ws.getCell('B5').value).toBe(`'${AT}`);
  });

  it('prints the notes under the table', () => {
    const t = report.tables.find(
      (x) => x.table.caption === 'Häufigkeitszahlen und Aufklärungsquoten im Vergleich 2025',
    )!;
    const ws = sheetOf(t.table.caption);
    const notes = t.table.notes;
    expect(notes.length).toBeGreaterThan(0);
    const last = ws.getRow(ws.rowCount);
    expect(last.getCell(1).value).toBe(notes.at(-1));
    expect(ws.getRow(ws.rowCount - notes.length).values).toEqual([]);
  });

  it('escapes every text that could be read as a formula, and holds no formula', async () => {
    const cells: ExcelJS.Cell[] = [];
    for (const w of wb.worksheets) w.eachRow((row) => row.eachCell((c) => cells.push(c)));
    expect(cells.some((c) => c.type === ExcelJS.ValueType.Formula || c.formula !== undefined)).toBe(false);
    const strings = cells.filter((c) => typeof c.value === 'string').map((c) => c.value as string);
    expect(strings.filter((s) => /^[=+\-@\t\r]/.test(s))).toEqual([]);
    expect(strings).toContain(`'${HYPERLINK}`);
    expect(strings).toContain(`'${PLUS}`);
    expect(strings).toContain(`'${AT}`);
    // No formula element in the sheets of the file itself; the hostile text is a plain string.
    for (let i = 1; i <= wb.worksheets.length; i++) {
      const xml = await zipEntryText(out.xlsx, `xl/worksheets/sheet${i}.xml`);
      expect(xml, `sheet${i}`).toMatch(/<sheetData>/);
      expect(xml).not.toMatch(/<f[ >]/);
    }
    expect(await zipEntryText(out.xlsx, 'xl/sharedStrings.xml')).toContain(
      '<t>&apos;=HYPERLINK(&quot;http://x&quot;)</t>',
    );
  });

  it('gives the same bytes for the same report', async () => {
    const again = await exportTables(report.tables, META);
    expect(Buffer.from(again.xlsx).equals(Buffer.from(out.xlsx))).toBe(true);
    expect(again.csv.map((f) => Buffer.from(f.bytes).toString('hex'))).toEqual(
      out.csv.map((f) => Buffer.from(f.bytes).toString('hex')),
    );
  });
});

describe('tables export: CSV', () => {
  it('writes one file per table under tabellen/, UTF-8 with BOM, ; and CRLF', () => {
    expect(out.csv.length).toBe(report.tables.length);
    expect(out.csv[0]?.path).toBe('tabellen/T01-vorrangige-handlungsempfehlungen.csv');
    for (const f of out.csv) {
      expect(f.path).toMatch(/^tabellen\/T\d{2}-[a-z0-9-]+\.csv$/);
      expect([...f.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    }
    expect(new Set(out.csv.map((f) => f.path)).size).toBe(out.csv.length);
    const { text, rows } = csvOf('Registrierte Straftaten insgesamt 2021–2025');
    expect(text).toContain('\r\n');
    expect(rows[0]?.[0]).toMatch(/^Tabelle \d+: Registrierte Straftaten insgesamt 2021–2025$/);
    expect(rows.find((r) => r[0] === '2025')).toEqual(['2025', '24.812', '1.528', '6.158,3', '59,4 %']);
  });

  it('writes figures in the plain German form, merged header cells once, notes at the end', () => {
    const { rows } = csvOf('Zusammensetzung der Befragten im Vergleich zur Bevölkerung');
    expect(rows.find((r) => r[0] === 'männlich')).toEqual(['männlich', '170', '44,7 %', '48,6 %', '-3,8']);
    const compare = csvOf('Häufigkeitszahlen und Aufklärungsquoten im Vergleich 2025').rows;
    expect(compare[3]).toEqual(['Deliktsbereich', 'Häufigkeitszahl', '', '', 'Aufklärungsquote', '', '']);
    expect(compare.at(-1)?.[0]).toMatch(/^Kreis: Mittelsachsen/);
  });

  it('escapes text cells that start with = + - @ TAB or CR', () => {
    const all = out.csv
      .flatMap(
        (f) =>
          parse(new TextDecoder().decode(f.bytes), {
            delimiter: ';',
            bom: true,
            relax_column_count: true,
          }) as string[][],
      )
      .flat();
    expect(all).toContain(`'${HYPERLINK}`);
    expect(all).toContain(`'${PLUS}`);
    expect(all).toContain(`'${AT}`);
    // What is left starting with + or - is a plain figure only.
    const risky = all.filter((c) => /^[=+\-@\t\r]/.test(c));
    expect(risky.filter((c) => !/^[+-]\d{1,3}(\.\d{3})*(,\d+)?( %)?$/.test(c))).toEqual([]);
    const { text } = csvOf('Zentrale Ergebnisse nach Teilgebieten');
    expect(text).toContain(`"'=HYPERLINK(""http://x"")";`);
  });
});
