/**
 * A date as a cell holds it. An XLSX date cell arrives as `YYYY-MM-DD`; a date whose cell lost its
 * date format (or a CSV saved from such a sheet) arrives as Excel's serial number (`45688` for
 * 31 Jan 2025). Serial numbers of plausible dates (1950–2100) are read as dates, and the caller
 * warns, naming the date read.
 */
import { excelSerialToIso } from '../input/xlsx-cell.js';
import type { Cell } from '../input/table.js';
import { cellText } from './cells.js';

/** Serials of 1 Jan 1950 and 31 Dec 2100 in the 1900 date system. */
const FIRST = 18_264;
const LAST = 73_415;

export interface DateCell {
  /** The value to keep: the text as written, or the date a serial number stands for. */
  readonly text: string;
  /** Set when a serial number was read as a date: the date as `TT.MM.JJJJ`, for the warning. */
  readonly fromSerial?: string;
}

export function readDateCell(cell: Cell | undefined): DateCell {
  const text = cellText(cell);
  if (!/^\d{5}(?:\.\d+)?$/.test(text)) return { text };
  const serial = Number(text);
  if (serial < FIRST || serial > LAST) return { text };
  const iso = excelSerialToIso(serial, false).iso;
  if (iso === null) return { text };
  const [y, m, d] = iso.split('-');
  return { text: iso, fromSerial: `${d}.${m}.${y}` };
}
