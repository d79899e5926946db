/**
 * The report's tables as one XLSX workbook: the index sheet „Übersicht“ (Nr., Titel, Abschnitt,
 * Blattname) and one sheet per table, laid out like the CSV files. Figures are real numbers with a
 * number format that shows them as printed (percentages as fractions with a percent format);
 * every other cell is a plain string (ExcelJS never writes a formula for a string), and a string
 * that starts with = + - @ TAB or CR gets a leading apostrophe, as in the CSV files.
 * Workbook and ZIP dates are the report's generatedAt, so the same report gives the same bytes.
 */
import ExcelJS from 'exceljs';
import type { ReportTable } from '../report/assemble.js';
import { fixZipTimestamps } from '../vorlage/zip-dates.js';
import { escapeFormula } from './cells.js';
import { tableGrid, type GridMeta, type GridRole, type TableGrid } from './grid.js';
import { INDEX_SHEET, sheetNames } from './names.js';

export interface WorkbookMeta extends GridMeta {
  /** ISO timestamp of the report: workbook created/modified and the ZIP entry times. */
  readonly generatedAt: string;
}

const CREATOR = 'sia – Sicherheitsanalyse';
const HEAD_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
const GROUP_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF9FB4CC' } };
/** 1980-01-01, the earliest time a ZIP entry can carry. */
const ZIP_EPOCH = Date.UTC(1980, 0, 1);

/** The report time as a Date (the ZIP epoch when the text is no valid time). */
export function reportDate(generatedAt: string): Date {
  const ms = Date.parse(generatedAt);
  return new Date(Number.isFinite(ms) && ms >= ZIP_EPOCH ? ms : ZIP_EPOCH);
}

/** DOS date and time fields (UTC, two-second steps) for the ZIP entries. */
export function dosStamp(d: Date): { readonly date: number; readonly time: number } {
  const year = Math.min(Math.max(d.getUTCFullYear(), 1980), 2107);
  return {
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | Math.floor(d.getUTCSeconds() / 2),
  };
}

function styleRow(row: ExcelJS.Row, role: GridRole, width: number): void {
  const cells = Array.from({ length: width }, (_, c) => row.getCell(c + 1));
  if (role === 'title') row.getCell(1).font = { bold: true, size: 12 };
  else if (role === 'source') row.getCell(1).font = { italic: true, color: { argb: 'FF555555' } };
  else if (role === 'note') row.getCell(1).font = { size: 9 };
  else if (role === 'head') {
    for (const c of cells) {
      c.font = { bold: true };
      c.fill = HEAD_FILL;
      c.border = { bottom: THIN };
      c.alignment = { vertical: 'bottom', wrapText: true };
    }
  } else if (role === 'group') {
    for (const c of cells) {
      c.font = { bold: true };
      c.fill = GROUP_FILL;
    }
  } else if (role === 'total') {
    for (const c of cells) {
      c.font = { bold: true };
      c.border = { top: THIN };
    }
  }
}

function columnWidths(grid: TableGrid): number[] {
  const widths = Array.from({ length: grid.width }, () => 8);
  const merged = new Set(grid.merges.filter((m) => m.cols > 1).map((m) => `${m.row}:${m.col}`));
  grid.rows.forEach((r, i) => {
    if (r.role === 'title' || r.role === 'source' || r.role === 'note') return;
    for (const [c, cell] of r.cells) {
      if (merged.has(`${i}:${c}`)) continue;
      widths[c] = Math.max(widths[c] ?? 8, Math.min(c === 0 ? 48 : 28, cell.text.length + 2));
    }
  });
  return widths;
}

function tableSheet(wb: ExcelJS.Workbook, name: string, grid: TableGrid): void {
  const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: grid.headEnd, xSplit: 1 }] });
  columnWidths(grid).forEach((w, c) => {
    ws.getColumn(c + 1).width = w;
  });
  grid.rows.forEach((r, i) => {
    const row = ws.getRow(i + 1);
    for (const [c, cell] of r.cells) {
      const target = row.getCell(c + 1);
      if (cell.number) {
        target.value = cell.number.value;
        target.numFmt = cell.number.numFmt;
      } else {
        target.value = escapeFormula(cell.text);
      }
      if (cell.num) target.alignment = { horizontal: 'right' };
    }
    styleRow(row, r.role, r.role === 'head' || r.role === 'group' || r.role === 'total' ? grid.width : 1);
  });
  for (const m of grid.merges) ws.mergeCells(m.row + 1, m.col + 1, m.row + m.rows, m.col + m.cols);
}

function indexSheet(
  wb: ExcelJS.Workbook,
  tables: readonly ReportTable[],
  names: readonly string[],
  meta: WorkbookMeta,
): void {
  const ws = wb.addWorksheet(INDEX_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [{ width: 6 }, { width: 70 }, { width: 44 }, { width: 34 }];
  const head = ws.addRow(['Nr.', 'Titel', 'Abschnitt', 'Blattname']);
  styleRow(head, 'head', 4);
  tables.forEach((t, i) =>
    ws.addRow([t.number, escapeFormula(t.table.caption), escapeFormula(t.section), names[i] ?? '']),
  );
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + tables.length, column: 4 } };
  ws.addRow([]);
  const notes = [
    `Quelle: ${meta.title}, Version ${meta.version}. Jede Tabelle steht auf einem eigenen Blatt, mit denselben Werten wie im Bericht.`,
    'Zahlen sind als Zahlen gespeichert (Anteile als Prozentwerte); Intervalle, „zu geringe Fallzahl“ und andere Angaben als Text. Werte in Klammern sind nur eingeschränkt aussagekräftig (geringe Fallzahl).',
    'Texte, die mit =, +, -, @ beginnen, sind mit einem vorangestellten Apostroph gespeichert, damit sie nie als Formel ausgeführt werden.',
  ];
  for (const n of notes) ws.addRow([escapeFormula(n)]).getCell(1).font = { size: 9 };
}

/** The workbook as XLSX bytes. */
export async function tablesWorkbook(
  tables: readonly ReportTable[],
  meta: WorkbookMeta,
): Promise<Uint8Array> {
  const date = reportDate(meta.generatedAt);
  const wb = new ExcelJS.Workbook();
  wb.creator = CREATOR;
  wb.lastModifiedBy = CREATOR;
  wb.created = date;
  wb.modified = date;
  wb.title = `Tabellen: ${meta.title}`;
  wb.subject = meta.title;
  const names = sheetNames(tables);
  indexSheet(wb, tables, names, meta);
  tables.forEach((t, i) => tableSheet(wb, names[i] ?? `T${t.number}`, tableGrid(t, meta)));
  const buffer = await wb.xlsx.writeBuffer();
  return fixZipTimestamps(new Uint8Array(buffer as ArrayBuffer), dosStamp(date));
}
