/** Input limits of contract §9. Rejection happens before a file is parsed. */
import { MB } from './messages.js';

/** Largest accepted upload per file. */
export const MAX_FILE_BYTES = 50 * MB;
/** Most data rows in one table (survey respondents). */
export const MAX_ROWS = 1_000_000;
/** Largest total uncompressed content of an XLSX container. */
export const MAX_XLSX_UNCOMPRESSED_BYTES = 200 * MB;
/** Most entries in an XLSX container. */
export const MAX_XLSX_ENTRIES = 10_000;
/** Highest compression ratio for a single entry larger than `RATIO_MIN_ENTRY_BYTES`. */
export const MAX_COMPRESSION_RATIO = 100;
export const RATIO_MIN_ENTRY_BYTES = 1 * MB;
/** XLSX: the header row is searched within this many rows. */
export const HEADER_SEARCH_ROWS = 30;
/** CSV: longest record (characters) before the parser gives up (usually an unclosed quote). */
export const MAX_RECORD_CHARS = 1_000_000;
