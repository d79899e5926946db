/**
 * Sets every entry time of a ZIP container (XLSX) to one fixed DOS date, so that the templates are
 * byte-for-byte reproducible: JSZip, which ExcelJS uses, stamps entries with the current time.
 * Walks the central directory and patches each central and local header in place.
 */

const EOCD_SIG = 0x06054b50;
const CENTRAL_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

/** DOS date/time fields for a UTC calendar date at midnight. */
export function dosDate(
  year: number,
  month: number,
  day: number,
): { readonly date: number; readonly time: number } {
  return { date: ((year - 1980) << 9) | (month << 5) | day, time: 0 };
}

/** Returns a copy of the ZIP with fixed entry timestamps; the input is returned unchanged if it is not a well-formed ZIP. */
export function fixZipTimestamps(
  zip: Uint8Array,
  stamp: { readonly date: number; readonly time: number },
): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
  let eocd = -1;
  for (let i = out.length - 22; i >= Math.max(0, out.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return zip;
  const count = view.getUint16(eocd + 10, true);
  let p = view.getUint32(eocd + 16, true);
  for (let n = 0; n < count; n++) {
    if (p + 46 > out.length || view.getUint32(p, true) !== CENTRAL_SIG) return zip;
    view.setUint16(p + 12, stamp.time, true);
    view.setUint16(p + 14, stamp.date, true);
    const local = view.getUint32(p + 42, true);
    if (local + 30 > out.length || view.getUint32(local, true) !== LOCAL_SIG) return zip;
    view.setUint16(local + 10, stamp.time, true);
    view.setUint16(local + 12, stamp.date, true);
    p += 46 + view.getUint16(p + 28, true) + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
  }
  return out;
}
