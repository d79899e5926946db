import { describe, expect, it } from 'vitest';
import { auditFamily, type AuditGroup } from '../../../../src/core/analysis/disclosure/audit.js';

const M = 10;
const g = (id: string, atoms: number[], n: number, count: number | null): AuditGroup => ({
  id,
  atoms,
  n,
  count,
});

describe('auditFamily: one breakdown (total = areas + respondents without an area)', () => {
  // Atoms: 0 = no area, 1..3 = areas A, B, C.
  const total = (n: number, c: number) => g('total', [0, 1, 2, 3], n, c);

  it('recovers a hidden area when the remainder is empty: total − shown = the hidden area', () => {
    // 100 answers, 30 unfavourable; A 50/20 and B 45/10 shown → C (5 answers) has 0 unfavourable.
    const f = auditFamily(
      {
        key: 'x',
        groups: [
          total(100, 30),
          g('A', [1], 50, 20),
          g('B', [2], 45, 10),
          g('C', [3], 5, null),
          g('U', [0], 0, null),
        ],
        breakdowns: [['A', 'B', 'C']],
      },
      M,
    );
    expect(f).toEqual([{ family: 'x', group: 'C', n: 5, count: 0 }]);
  });

  it('recovers it through a homogeneous remainder: 3 without an area and C together have 0 unfavourable', () => {
    const f = auditFamily(
      {
        key: 'x',
        groups: [total(103, 30), g('A', [1], 50, 20), g('B', [2], 45, 10), g('C', [3], 5, null)],
        breakdowns: [['A', 'B', 'C']],
      },
      M,
    );
    expect(f).toEqual([{ family: 'x', group: 'C', n: 5, count: 0 }]);
  });

  it('and when the remainder is all unfavourable', () => {
    const f = auditFamily(
      {
        key: 'x',
        groups: [total(103, 38), g('A', [1], 50, 20), g('B', [2], 45, 10), g('C', [3], 5, null)],
        breakdowns: [['A', 'B', 'C']],
      },
      M,
    );
    expect(f).toEqual([{ family: 'x', group: 'C', n: 5, count: 5 }]);
  });

  it('finds nothing in a mixed remainder of two hidden areas (C could hold 0 to 4 of the 4)', () => {
    const f = auditFamily(
      {
        key: 'x',
        groups: [total(100, 24), g('A', [1], 50, 20), g('B', [2], 45, null), g('C', [3], 5, null)],
        breakdowns: [['A', 'B', 'C']],
      },
      M,
    );
    expect(f).toEqual([]);
  });

  it('does not count a value implied by a shown homogeneous group that contains it (a total of 0 %)', () => {
    const f = auditFamily(
      {
        key: 'x',
        groups: [total(100, 0), g('A', [1], 50, 0), g('B', [2], 45, 0), g('C', [3], 5, null)],
        breakdowns: [['A', 'B', 'C']],
      },
      M,
    );
    expect(f).toEqual([]);
  });
});

describe('auditFamily: a sex × age table joined to its margins', () => {
  // Atoms: 2 sexes × 3 age slots (0 = no age): w = 0,1,2; m = 3,4,5; slot 1 = age c, slot 2 = age c'.
  const margins = (ageC: number, ageC2: number, w: number, m: number) => [
    g('total', [0, 1, 2, 3, 4, 5], 85, w + m),
    g('sex:w', [0, 1, 2], 35, w),
    g('sex:m', [3, 4, 5], 50, m),
    g('age:c', [1, 4], 25, ageC),
    g("age:c'", [2, 5], 60, ageC2),
  ];
  const breakdowns = [
    ['sex:w', 'sex:m'],
    ['age:c', "age:c'"],
    ['cell:w:c', "cell:w:c'", 'cell:m:c', "cell:m:c'"],
  ];

  it('pins a small cell where the bounds of its row and column meet', () => {
    // Cells (n): w,c 5; w,c' 30; m,c 20; m,c' 30; nobody without age. Column c: 22 unfavourable of
    // 25 → (w,c) ≥ 22 − 20 = 2. Row w: 2 unfavourable of 35 → (w,c) ≤ 2. So (w,c) = 2 although
    // every hidden pool is mixed — the case the local rules cannot see.
    const f = auditFamily(
      {
        key: 't',
        groups: [
          ...margins(22, 20, 2, 40),
          g('cell:w:c', [1], 5, null),
          g("cell:w:c'", [2], 30, null),
          g('cell:m:c', [4], 20, null),
          g("cell:m:c'", [5], 30, null),
        ],
        breakdowns,
      },
      M,
    );
    expect(f).toEqual([{ family: 't', group: 'cell:w:c', n: 5, count: 2 }]);
  });

  it('recovers a cell by elimination: its row partner from a column, then itself from its row', () => {
    // (m,c') shown (30, 18) → (m,c) = m − 18 = 4; column c: (w,c) = 6 − 4 = 2.
    const f = auditFamily(
      {
        key: 't',
        groups: [
          ...margins(6, 20, 4, 22),
          g('cell:w:c', [1], 5, null),
          g("cell:w:c'", [2], 30, null),
          g('cell:m:c', [4], 20, null),
          g("cell:m:c'", [5], 30, 18),
        ],
        breakdowns,
      },
      M,
    );
    expect(f).toEqual([{ family: 't', group: 'cell:w:c', n: 5, count: 2 }]);
  });

  it('finds nothing in a 2 × 2 block of hidden cells with slack in every direction', () => {
    const f = auditFamily(
      {
        key: 't',
        groups: [
          ...margins(10, 30, 16, 24),
          g('cell:w:c', [1], 5, null),
          g("cell:w:c'", [2], 30, null),
          g('cell:m:c', [4], 20, null),
          g("cell:m:c'", [5], 30, null),
        ],
        breakdowns,
      },
      M,
    );
    expect(f).toEqual([]);
  });
});
