/**
 * `bevoelkerung.xlsx` as a municipal statistics office would send it: title lines above the
 * header (so readers must find the header by content), one sheet "bevoelkerung".
 */
import ExcelJS from 'exceljs';
import type { PopRow } from './population.js';
import { normaliseZipTimestamps } from './zip-timestamps.js';

const FIXED_DATE = new Date(Date.UTC(2026, 0, 15, 8, 0, 0));

export async function buildPopulationXlsx(rows: readonly PopRow[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Stadtverwaltung Musterstadt, Statistikstelle';
  wb.lastModifiedBy = 'Stadtverwaltung Musterstadt, Statistikstelle';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  const ws = wb.addWorksheet('bevoelkerung');
  ws.addRow([
    'Einwohner (16 Jahre und älter) nach Ortsteil, Geschlecht und Altersgruppe, Stichtag jeweils 31.12.',
  ]);
  ws.addRow(['Quelle: Einwohnermeldeamt Musterstadt – synthetische Beispieldaten']);
  ws.addRow([]);
  const header = ws.addRow(['jahr', 'gebiet', 'geschlecht', 'altersgruppe', 'anzahl']);
  header.font = { bold: true };
  ws.getRow(1).font = { bold: true, size: 12 };
  for (const r of rows) ws.addRow([r.jahr, r.gebiet, r.geschlecht, r.altersgruppe, r.anzahl]);
  ws.columns.forEach((c, i) => {
    c.width = [8, 10, 12, 14, 10][i] ?? 10;
  });
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return normaliseZipTimestamps(buf);
}
