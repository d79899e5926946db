/**
 * Delimiter detection (engineering notes §6.2): count `;`, `,` and tab outside quotes in the header
 * line (the first non-empty line). An Excel `sep=;` hint line wins.
 */
import type { Buffer } from 'node:buffer';

export type Delimiter = ';' | ',' | '\t';

const CANDIDATES: readonly Delimiter[] = [';', '\t', ','];
const SCAN_LIMIT = 1024 * 1024;

interface LineCounts {
  readonly counts: Readonly<Record<Delimiter, number>>;
  /** Offset just after the line's terminating newline (or the end of the buffer). */
  readonly end: number;
  readonly empty: boolean;
}

/** Counts delimiter candidates outside quotes in the line starting at `start` (quotes may span newlines). */
function countLine(buf: Buffer, start: number): LineCounts {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let inQuotes = false;
  let empty = true;
  const limit = Math.min(buf.length, start + SCAN_LIMIT);
  let i = start;
  for (; i < limit; i++) {
    const b = buf[i];
    if (b === 0x22) {
      inQuotes = !inQuotes;
      empty = false;
    } else if (!inQuotes) {
      if (b === 0x0a) return { counts, end: i + 1, empty };
      if (b === 0x3b) counts[';']++;
      else if (b === 0x2c) counts[',']++;
      else if (b === 0x09) counts['\t']++;
      if (b !== 0x20 && b !== 0x0d && b !== 0x09) empty = false;
    }
  }
  return { counts, end: limit, empty };
}

export interface DelimiterDetection {
  readonly delimiter: Delimiter;
  /** Byte length of a leading `sep=X` line that must be skipped (0 if none). */
  readonly sepLineBytes: number;
}

/** Detects the delimiter of UTF-8 CSV bytes (BOM already removed). */
export function detectDelimiter(buf: Buffer): DelimiterDetection {
  const sep = /^sep=([;,\t])\r?\n/i.exec(buf.subarray(0, 16).toString('latin1'));
  if (sep?.[1] !== undefined) return { delimiter: sep[1] as Delimiter, sepLineBytes: sep[0].length };
  let pos = 0;
  let header: LineCounts | undefined;
  while (pos < buf.length) {
    const line = countLine(buf, pos);
    pos = line.end;
    if (!line.empty) {
      header = line;
      break;
    }
  }
  if (header === undefined) return { delimiter: ';', sepLineBytes: 0 };
  const best = Math.max(...CANDIDATES.map((d) => header.counts[d]));
  if (best === 0) return { delimiter: ';', sepLineBytes: 0 };
  const tied = CANDIDATES.filter((d) => header.counts[d] === best);
  if (tied.length > 1 && pos < buf.length) {
    // A tie in the header: prefer the candidate whose count the next line repeats.
    const next = countLine(buf, pos);
    const consistent = tied.find((d) => next.counts[d] === best);
    if (consistent !== undefined) return { delimiter: consistent, sepLineBytes: 0 };
  }
  return { delimiter: tied[0] ?? ';', sepLineBytes: 0 };
}
