/**
 * Property tests: whatever bytes arrive, the readers return a structured result and never throw.
 */
import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readPksKreise } from '../../../src/core/input/pks-kreise.js';
import { readTable, type ReadResult } from '../../../src/core/input/read-table.js';
import type { ValidationIssue } from '../../../src/core/validate/issues.js';
import { simpleWorkbook } from '../../fixtures/input/workbooks.js';

function assertIssues(issues: readonly ValidationIssue[], file: string): void {
  expect(Array.isArray(issues)).toBe(true);
  for (const i of issues) {
    expect(['error', 'warning']).toContain(i.severity);
    expect(i.code).toMatch(/^[a-z0-9-]+$/);
    expect(i.file).toBe(file);
    expect(i.message.startsWith(file)).toBe(true);
    expect(i.message).not.toMatch(/\n\s+at /); // no stack traces
    if (i.value !== undefined) expect(i.value.length).toBeLessThanOrEqual(80);
  }
}

function assertTable(r: ReadResult, file: string): void {
  assertIssues(r.issues, file);
  if (r.table === null) {
    expect(r.issues.some((i) => i.severity === 'error')).toBe(true);
    return;
  }
  const width = r.table.columns.length;
  let last = r.table.headerRow;
  for (const row of r.table.rows) {
    expect(row.cells.length).toBe(width);
    expect(row.rowNumber).toBeGreaterThan(last);
    last = row.rowNumber;
    for (const c of row.cells)
      expect(c === null || ['string', 'number', 'boolean'].includes(typeof c)).toBe(true);
  }
}

const RUNS = { numRuns: 300 };

describe('readers never throw', () => {
  it('arbitrary bytes as .csv', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        assertTable(
          await readTable({ name: 'befragung.csv', bytes }, { kind: 'befragung' }),
          'befragung.csv',
        );
      }),
      RUNS,
    );
  });

  it('CSV-like text (delimiters, quotes, line breaks, umlauts) keeps rectangular rows', async () => {
    const piece = fc.constantFrom(
      ';',
      ',',
      '\t',
      '"',
      '""',
      '\n',
      '\r\n',
      '\r',
      ' ',
      'ä',
      'ß',
      '€',
      'a',
      '1',
      '1.234',
      '#DIV/0!',
      '\uFEFF',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(piece, { maxLength: 200 }),
        fc.constantFrom('utf8', 'latin1', 'utf16le'),
        async (parts, enc) => {
          const text = parts.join('');
          const bytes =
            enc === 'utf16le'
              ? Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])
              : Buffer.from(text, enc);
          assertTable(
            await readTable({ name: 'befragung.csv', bytes }, { kind: 'befragung' }),
            'befragung.csv',
          );
        },
      ),
      RUNS,
    );
  });

  it('arbitrary bytes as .xlsx, with and without a ZIP signature', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.boolean(), async (tail, zipped) => {
        const bytes = zipped ? Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), tail]) : tail;
        assertTable(
          await readTable({ name: 'befragung.xlsx', bytes }, { kind: 'befragung' }),
          'befragung.xlsx',
        );
      }),
      RUNS,
    );
  });

  it('a real workbook with random bytes changed or cut off', async () => {
    const good = await simpleWorkbook('Befragung', [
      ['gebiet', 'alter'],
      ['Altstadt', 34],
      ['Nordviertel', { formula: '1+1', result: 2 }],
    ]);
    const mutation = fc.record({
      edits: fc.array(
        fc.record({ at: fc.nat({ max: good.length - 1 }), byte: fc.integer({ min: 0, max: 255 }) }),
        { maxLength: 20 },
      ),
      cut: fc.option(fc.nat({ max: good.length }), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(mutation, async ({ edits, cut }) => {
        const bytes = Buffer.from(good);
        for (const e of edits) bytes[e.at] = e.byte;
        const input = cut === undefined ? bytes : bytes.subarray(0, cut);
        assertTable(
          await readTable(
            { name: 'befragung.xlsx', bytes: input },
            { kind: 'befragung', expectedColumns: ['gebiet', 'alter'] },
          ),
          'befragung.xlsx',
        );
      }),
      { numRuns: 150 },
    );
  });

  it('arbitrary bytes as pks-kreise (.csv and .xlsx)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 2000 }),
        fc.constantFrom('csv', 'xlsx'),
        async (bytes, ext) => {
          const name = `pks-kreise-2022.${ext}`;
          const r = await readPksKreise({ name, bytes });
          expect(Array.isArray(r.rows)).toBe(true);
          assertIssues(r.issues, name);
        },
      ),
      RUNS,
    );
  });

  it('BKA-like lines with random fields', async () => {
    const field = fc.constantFrom(
      '------',
      '216000',
      '1001',
      '14612',
      'Görlitz',
      'LK',
      '9,677',
      '7.9',
      '#DIV/0!',
      '',
      '1,847,253',
      'x',
      '12,5',
    );
    const line = fc.array(field, { minLength: 1, maxLength: 20 }).map((f) => f.join(';'));
    const header =
      'Schluessel;Straftat;Gemeindeschluessel;Stadt-/Landkreis;Kreisart;Anzahl erfasste Faelle;Haeufigkeitszahl';
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 30 }), async (lines) => {
        const name = 'pks-kreise-2022.csv';
        const r = await readPksKreise({ name, bytes: Buffer.from([header, ...lines].join('\n'), 'latin1') });
        assertIssues(r.issues, name);
        for (const row of r.rows) {
          expect(row.kreis).toMatch(/^\d{5}$/);
          expect(Number.isInteger(row.cases)).toBe(true);
        }
      }),
      RUNS,
    );
  });
});
