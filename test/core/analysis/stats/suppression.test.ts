import { describe, expect, it } from 'vitest';
import {
  isLimited,
  suppressBreakdown,
  suppressLinkedTable,
  type Hidden,
} from '../../../../src/core/analysis/stats/suppression.js';

const M = 10;
const rule = (hs: readonly (Hidden | null)[]) => hs.map((h) => h?.rule ?? null);
const none = { n: 0, count: 0 };

describe('suppressBreakdown', () => {
  it('no group below the threshold: nothing suppressed', () => {
    expect(
      rule(
        suppressBreakdown(
          [
            { n: 40, count: 9 },
            { n: 12, count: 3 },
            { n: 10, count: 2 },
          ],
          none,
          M,
        ),
      ),
    ).toEqual([null, null, null]);
  });

  it('a lone hidden area with no unknown area: the smallest shown area is hidden too (size)', () => {
    // Areas n = 50, 20, 6, 35 with 20, 5, 0, 10 unfavourable answers; total 111 / 35. Showing 50, 20
    // and 35 would leave area 3 alone in total − shown (6 answers, 0 unfavourable: exactly 0 %).
    // Hiding area 2 (the smallest shown) pools 26 answers with 5 unfavourable.
    expect(
      rule(
        suppressBreakdown(
          [
            { n: 50, count: 20 },
            { n: 20, count: 5 },
            { n: 6, count: 0 },
            { n: 35, count: 10 },
          ],
          none,
          M,
        ),
      ),
    ).toEqual([null, 'secondary-size', 'primary', null]);
  });

  it('12 respondents without an area mask a hidden area when their pool is mixed', () => {
    // Pool = area 3 (6 answers, 0 unfavourable) + unknown (12, 4): 18 answers, 4 unfavourable.
    const groups = [
      { n: 50, count: 20 },
      { n: 20, count: 5 },
      { n: 6, count: 0 },
      { n: 35, count: 10 },
    ];
    expect(rule(suppressBreakdown(groups, { n: 12, count: 4 }, M))).toEqual([null, null, 'primary', null]);
    // …but not when another publication may reveal them (the age breakdown of a linked item).
    expect(rule(suppressBreakdown(groups, { n: 12, count: 4 }, M, { unknownMasks: false }))).toEqual([
      null,
      'secondary-size',
      'primary',
      null,
    ]);
  });

  it('4 respondents without an area are too few to mask: secondary', () => {
    expect(
      rule(
        suppressBreakdown(
          [
            { n: 50, count: 20 },
            { n: 20, count: 5 },
            { n: 6, count: 0 },
            { n: 35, count: 10 },
          ],
          { n: 4, count: 1 },
          M,
        ),
      ),
    ).toEqual([null, 'secondary-size', 'primary', null]);
  });

  it('a pool large enough but homogeneous (all answers favourable) is widened: homogeneous', () => {
    // Two hidden areas, 6 and 7 answers, none unfavourable: total − shown = 13 answers with 0 % →
    // both would be known to be 0 %. The smallest shown area (35, 10 unfavourable) joins the pool.
    expect(
      rule(
        suppressBreakdown(
          [
            { n: 50, count: 20 },
            { n: 6, count: 0 },
            { n: 7, count: 0 },
            { n: 35, count: 10 },
          ],
          none,
          M,
        ),
      ),
    ).toEqual([null, 'primary', 'primary', 'secondary-homogeneous']);
  });

  it('a pool in which every answer is unfavourable is widened as well', () => {
    expect(
      rule(
        suppressBreakdown(
          [
            { n: 50, count: 20 },
            { n: 6, count: 6 },
            { n: 7, count: 7 },
            { n: 35, count: 10 },
          ],
          none,
          M,
        ),
      ),
    ).toEqual([null, 'primary', 'primary', 'secondary-homogeneous']);
  });

  it('two hidden groups with a mixed pool of at least the minimum: no secondary', () => {
    expect(
      rule(
        suppressBreakdown(
          [
            { n: 50, count: 20 },
            { n: 6, count: 1 },
            { n: 7, count: 0 },
            { n: 35, count: 10 },
          ],
          none,
          M,
        ),
      ),
    ).toEqual([null, 'primary', 'primary', null]);
  });

  it('when the total itself is 0 % every group is implied by it: primary only', () => {
    expect(
      rule(
        suppressBreakdown(
          [
            { n: 50, count: 0 },
            { n: 6, count: 0 },
            { n: 35, count: 0 },
          ],
          none,
          M,
        ),
      ),
    ).toEqual([null, 'primary', null]);
  });

  it('empty groups need no protection; a single small group with nothing to pool stays as it is', () => {
    expect(
      rule(
        suppressBreakdown(
          [
            { n: 120, count: 30 },
            { n: 100, count: 20 },
            { n: 0, count: 0 },
          ],
          none,
          M,
        ),
      ),
    ).toEqual([null, null, 'primary']);
    expect(rule(suppressBreakdown([{ n: 4, count: 1 }], none, M))).toEqual(['primary']);
  });

  it('marks n < 30 as limited', () => {
    expect(isLimited(29)).toBe(true);
    expect(isLimited(30)).toBe(false);
  });
});

describe('suppressLinkedTable', () => {
  const margin = (n: number, count: number, hidden = false) => ({ n, count, hidden });

  it('protects a small cell through its column and both rows', () => {
    // w: 20/5, 6/2, 30/10;  m: 25/4, 15/3, 28/6 (n/unfavourable); margins all shown and mixed.
    // (w,1) is primary. Its column would give it away (age margin − (m,1)) → (m,1) hidden.
    // Row w then holds one hidden cell → its smallest shown cell (w,0) is hidden; row m likewise (m,0).
    // Column 0 is then hidden as a pair (pool 45 / 9), column 2 stays shown.
    const cells = [
      [
        { n: 20, count: 5 },
        { n: 6, count: 2 },
        { n: 30, count: 10 },
      ],
      [
        { n: 25, count: 4 },
        { n: 15, count: 3 },
        { n: 28, count: 6 },
      ],
    ];
    const out = suppressLinkedTable(
      cells,
      [margin(60, 18), margin(70, 14)],
      [margin(45, 9), margin(21, 5), margin(58, 16)],
      M,
    );
    expect(out.map(rule)).toEqual([
      ['secondary-table', 'primary', null],
      ['secondary-table', 'secondary-table', null],
    ]);
  });

  it('hides a whole column whose margin is hidden; the rows then protect those cells like any other', () => {
    const cells = [
      [
        { n: 40, count: 10 },
        { n: 30, count: 0 },
      ],
      [
        { n: 40, count: 0 },
        { n: 30, count: 0 },
      ],
    ];
    // Column 1's margin (the item's age group) is hidden → (w,1) and (m,1) hidden. Row w (70 / 10)
    // then holds one hidden cell → (w,0) hidden; column 0 would give it away → (m,0) hidden. Row m
    // is 0 % in the item (homogeneous), so it asks for nothing itself.
    const out = suppressLinkedTable(
      cells,
      [margin(70, 10), margin(70, 0)],
      [margin(80, 10), margin(60, 0, true)],
      M,
    );
    expect(out.map(rule)).toEqual([
      ['secondary-table', 'secondary-table'],
      ['secondary-table', 'secondary-table'],
    ]);
  });
});
