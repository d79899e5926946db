import { describe, expect, it } from 'vitest';
import {
  isLimited,
  suppressBreakdown,
  suppressTable,
} from '../../../../src/core/analysis/stats/suppression.js';

const M = 10;

describe('suppressBreakdown', () => {
  it('no group below the threshold: nothing suppressed', () => {
    expect(suppressBreakdown([{ n: 40 }, { n: 12 }, { n: 10 }], 0, M)).toEqual([null, null, null]);
  });

  it('one area below the threshold, no unknown area: the next-smallest area is suppressed as well', () => {
    // Areas n = 50, 20, 6, 35; total n = 111 with its share published. Showing 50, 20 and 35 would
    // reveal the 6 answers of area 3 as total − (50 + 20 + 35) → area 2 (n = 20, the smallest shown)
    // is suppressed too; then only the pool of areas 2 + 3 (26 answers) can be recomputed.
    expect(suppressBreakdown([{ n: 50 }, { n: 20 }, { n: 6 }, { n: 35 }], 0, M)).toEqual([
      null,
      'secondary',
      'primary',
      null,
    ]);
  });

  it('one area below the threshold, but 12 respondents of unknown area mask it: no secondary', () => {
    // residual = area 3 (6) + unknown (12); unknown ≥ 10, so area 3 cannot be separated.
    expect(suppressBreakdown([{ n: 50 }, { n: 20 }, { n: 6 }, { n: 35 }], 12, M)).toEqual([
      null,
      null,
      'primary',
      null,
    ]);
  });

  it('one area below the threshold and only 4 respondents of unknown area: too few to mask → secondary', () => {
    // residual = 6 + 4 = 10, but 4 unknown answers cannot hide 6 known ones.
    expect(suppressBreakdown([{ n: 50 }, { n: 20 }, { n: 6 }, { n: 35 }], 4, M)).toEqual([
      null,
      'secondary',
      'primary',
      null,
    ]);
  });

  it('two areas already primary and their pool ≥ threshold: no secondary needed', () => {
    // areas 2 and 3 (n = 6 and 7) are hidden; total − shown = their pool of 13 ≥ 10.
    expect(suppressBreakdown([{ n: 50 }, { n: 6 }, { n: 7 }, { n: 35 }], 0, M)).toEqual([
      null,
      'primary',
      'primary',
      null,
    ]);
  });

  it('two primary groups whose pool is still below the threshold: one secondary', () => {
    // n = 2 and 3 → pool 5 < 10 → the smallest shown group (n = 30) is hidden as well.
    expect(suppressBreakdown([{ n: 50 }, { n: 2 }, { n: 3 }, { n: 30 }], 0, M)).toEqual([
      null,
      'primary',
      'primary',
      'secondary',
    ]);
  });

  it('an empty group (no answer at all) needs no protection', () => {
    // sex d with no respondent: primary (n 0 < 10) but nothing can be recomputed about it.
    expect(
      suppressBreakdown(
        [
          { n: 120, content: 130 },
          { n: 100, content: 104 },
          { n: 0, content: 0 },
        ],
        0,
        M,
      ),
    ).toEqual([null, null, 'primary']);
  });

  it('a group with only "weiß nicht" answers has content and is protected', () => {
    expect(suppressBreakdown([{ n: 120 }, { n: 100 }, { n: 0, content: 3 }], 0, M)).toEqual([
      null,
      'secondary',
      'primary',
    ]);
  });

  it('a hidden group with only "trifft nicht zu" answers does not mask the valid answers of another', () => {
    // mindestfallzahl 5; age groups: 65+ n 5, 16-39 n 2 (primary), 40-64 n 0 but one "8" (primary);
    // 3 respondents without age. Valid answers recomputable: 16-39 + unknown = 2 + 3 → the only
    // hidden group with valid answers sits next to just 3 unknown ones → 65+ is suppressed as well.
    expect(suppressBreakdown([{ n: 5 }, { n: 2 }, { n: 0, content: 1 }], { n: 3, content: 3 }, 5)).toEqual([
      'secondary',
      'primary',
      'primary',
    ]);
  });

  it('ties on n: the first shown group in order is suppressed', () => {
    expect(suppressBreakdown([{ n: 20 }, { n: 20 }, { n: 3 }], 0, M)).toEqual(['secondary', null, 'primary']);
  });

  it('a single group cannot be protected by another; it stays primary only', () => {
    expect(suppressBreakdown([{ n: 4 }], 0, M)).toEqual(['primary']);
  });

  it('limited below 30', () => {
    expect(isLimited(29)).toBe(true);
    expect(isLimited(30)).toBe(false);
  });
});

describe('suppressTable', () => {
  it('sex × age: a small cell forces a secondary cell in its row and its column', () => {
    // rows w, m; columns 3 age groups; cell (m, 2) = 4 answers, no unknown margins.
    //        a1  a2  a3
    //   w    30  25  40
    //   m    28   4  33
    // Row m: (m,a2) primary; smallest shown in the row is (m,a1) = 28 → secondary.
    // Column a2: (m,a2) hidden alone → (w,a2) = 25 secondary.
    // Then row w has (w,a2) hidden alone → (w,a1) = 30 secondary; column a1 now has two hidden (58) → safe.
    const cells = [
      [{ n: 30 }, { n: 25 }, { n: 40 }],
      [{ n: 28 }, { n: 4 }, { n: 33 }],
    ];
    const r = suppressTable(cells, [0, 0], [0, 0, 0], M);
    expect(r).toEqual([
      ['secondary', 'secondary', null],
      ['secondary', 'primary', null],
    ]);
  });

  it('unknown margins large enough: only the primary cell', () => {
    const cells = [
      [{ n: 30 }, { n: 25 }, { n: 40 }],
      [{ n: 28 }, { n: 4 }, { n: 33 }],
    ];
    expect(suppressTable(cells, [10, 15], [0, 11, 0], M)).toEqual([
      [null, null, null],
      [null, 'primary', null],
    ]);
  });
});
