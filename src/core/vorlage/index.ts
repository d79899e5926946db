/**
 * Blank data-entry templates (XLSX) for municipalities: befragung.xlsx, bevoelkerung.xlsx,
 * kriminalitaet.xlsx. Sheet 1 (named like the kind) holds the header row (bold, frozen, with an
 * autofilter) and dropdowns / number checks for rows 2..2000; sheet "Erläuterungen" explains every
 * column in German. Workbook and ZIP dates are fixed, so the bytes are reproducible.
 */
import ExcelJS from 'exceljs';
import { TEMPLATES, type Check, type TemplateColumn, type TemplateDef } from './columns.js';
import { dosDate, fixZipTimestamps } from './zip-dates.js';

export { TEMPLATES, STANDARD_AGE_GROUPS } from './columns.js';

/** Data rows that get validations. */
export const TEMPLATE_ROWS = 2000;
/** The fixed creation date of every template. */
export const TEMPLATE_DATE = new Date(Date.UTC(2025, 0, 1));
const ZIP_STAMP = dosDate(2025, 1, 1);

export interface TemplateFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

const PROMPT_MAX = 250;

function validation(check: Check, column: TemplateColumn): ExcelJS.DataValidation {
  const prompt =
    column.allowed.length > PROMPT_MAX ? `${column.allowed.slice(0, PROMPT_MAX - 1)}…` : column.allowed;
  const common = {
    allowBlank: true,
    showInputMessage: true,
    promptTitle: column.name.slice(0, 32),
    prompt,
    showErrorMessage: true,
    errorTitle: 'Wert nicht erlaubt',
  };
  if (check.kind === 'list') {
    return {
      ...common,
      type: 'list',
      formulae: [`"${check.values.join(',')}"`],
      errorStyle: check.strict ? 'stop' : 'information',
      error: check.strict
        ? `Erlaubt: ${check.values.join(', ')} oder leer.`
        : `Üblich: ${check.values.join(', ')}. Andere Werte sind möglich, bitte prüfen.`,
    };
  }
  return {
    ...common,
    type: 'whole',
    operator: 'between',
    formulae: [check.min, check.max],
    errorStyle: 'stop',
    error: `Erlaubt: ganze Zahl von ${check.min} bis ${check.max}.`,
  };
}

/** ExcelJS has range data validations (`worksheet.dataValidations.add('A2:A2000', …)`) but does not type them. */
function validations(ws: ExcelJS.Worksheet): {
  add(range: string, validation: ExcelJS.DataValidation): void;
} {
  return (
    ws as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }
  ).dataValidations;
}

function dataSheet(wb: ExcelJS.Workbook, def: TemplateDef): void {
  const ws = wb.addWorksheet(def.kind, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = def.columns.map((c) => ({
    header: c.name,
    key: c.name,
    width: c.width ?? Math.max(10, c.name.length + 2),
  }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDCE6F1' } };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: def.columns.length } };
  def.columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    if (c.text) col.numFmt = '@';
    if (c.check) validations(ws).add(`${col.letter}2:${col.letter}${TEMPLATE_ROWS}`, validation(c.check, c));
  });
  // Header cells stay bold even where a column style (text format) applies.
  header.eachCell((cell) => {
    cell.font = { bold: true };
  });
}

function explanationSheet(wb: ExcelJS.Workbook, def: TemplateDef): void {
  const ws = wb.addWorksheet('Erläuterungen');
  ws.columns = [{ width: 26 }, { width: 22 }, { width: 70 }, { width: 70 }];
  ws.addRow([`Erläuterungen zu ${def.kind}.xlsx`]).font = { bold: true, size: 14 };
  for (const line of def.intro) ws.addRow([line]);
  ws.addRow([]);
  const head = ws.addRow(['Spalte', 'Pflicht', 'Erlaubte Werte', 'Bedeutung']);
  head.font = { bold: true };
  for (const c of def.columns) ws.addRow([c.name, c.required, c.allowed, c.meaning]);
  if (def.notes.length > 0) {
    ws.addRow([]);
    if (def.kind === 'kriminalitaet') {
      ws.addRow(['Standard-Schlüssel', '', 'Bezeichnung', 'Hinweis']).font = { bold: true };
    } else {
      ws.addRow(['Weitere Spalten', 'Pflicht', 'Erlaubte Werte', 'Bedeutung']).font = { bold: true };
    }
    for (const n of def.notes) ws.addRow([n.name, n.required, n.allowed, n.meaning]);
  }
  ws.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  ws.getColumn(4).alignment = { wrapText: true, vertical: 'top' };
}

async function build(def: TemplateDef): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'sia – Sicherheitsanalyse';
  wb.lastModifiedBy = 'sia – Sicherheitsanalyse';
  wb.created = TEMPLATE_DATE;
  wb.modified = TEMPLATE_DATE;
  wb.title = `Vorlage ${def.kind}`;
  dataSheet(wb, def);
  explanationSheet(wb, def);
  const buffer = await wb.xlsx.writeBuffer();
  return fixZipTimestamps(new Uint8Array(buffer as ArrayBuffer), ZIP_STAMP);
}

export async function buildTemplates(): Promise<readonly TemplateFile[]> {
  const out: TemplateFile[] = [];
  for (const def of TEMPLATES) out.push({ name: `${def.kind}.xlsx`, bytes: await build(def) });
  return out;
}
