/**
 * Parsing of one answer cell (contract §3.1): integer codes 1..max, 8, 9, empty (0), and the text
 * forms "weiß nicht"/"weiss nicht" (9) and "trifft nicht zu" (8). No allocation on the hot path
 * for the usual one-character cells.
 */
import type { Cell } from '../input/table.js';
import { CODE_DONT_KNOW, CODE_MISSING, CODE_NOT_APPLICABLE } from '../model/codebook.js';

/** Returned for a value that is not allowed. */
export const CODE_INVALID = 255;

const TEXT_CODES: Readonly<Record<string, number>> = {
  'weiß nicht': CODE_DONT_KNOW,
  'weiss nicht': CODE_DONT_KNOW,
  'trifft nicht zu': CODE_NOT_APPLICABLE,
};

function allowed(code: number, max: number): boolean {
  return (code >= 1 && code <= max) || code === CODE_NOT_APPLICABLE || code === CODE_DONT_KNOW;
}

export function parseAnswer(cell: Cell | undefined, max: number): number {
  if (cell === null || cell === undefined) return CODE_MISSING;
  if (typeof cell === 'number') return Number.isInteger(cell) && allowed(cell, max) ? cell : CODE_INVALID;
  if (typeof cell !== 'string') return CODE_INVALID;
  if (cell.length === 1) {
    const c = cell.charCodeAt(0) - 48;
    if (c >= 0 && c <= 9) return allowed(c, max) ? c : CODE_INVALID;
    return cell === ' ' ? CODE_MISSING : CODE_INVALID;
  }
  const t = cell.trim();
  if (t === '') return CODE_MISSING;
  if (/^\d{1,3}$/.test(t)) {
    const c = Number(t);
    return allowed(c, max) ? c : CODE_INVALID;
  }
  const key = t.toLowerCase();
  return Object.hasOwn(TEXT_CODES, key) ? TEXT_CODES[key]! : CODE_INVALID;
}
