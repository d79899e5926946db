import { describe, expect, it } from 'vitest';
import {
  accumulate,
  breakdowns,
  cellLayout,
  cellWeights,
  SLOTS,
} from '../../../../src/core/analysis/survey/cells.js';
import { makeDataset, type RespondentSpec } from './make-dataset.js';

const respondents: RespondentSpec[] = [
  { area: '01', sex: 'w', age: '16-39', items: { x: 1 } },
  { area: '01', sex: 'w', age: '16-39', items: { x: 2 } },
  { area: '02', sex: 'm', age: '65+', items: { x: 9 } },
  { area: null, sex: null, age: null, items: { x: 0 } },
  { area: '03', sex: 'd', age: '40-64', items: { x: 200 } },
];
const dataset = makeDataset({ respondents });
const layout = cellLayout(dataset.survey, 3, 3);
const col = dataset.survey.items['x']!;

describe('cells', () => {
  it('per-cell weights when every cell has one weight, null otherwise', () => {
    expect(cellWeights(layout, new Float64Array([2, 2, 3, 1, 5]))).not.toBeNull();
    expect(cellWeights(layout, new Float64Array([2, 2.5, 3, 1, 5]))).toBeNull();
  });

  it('the counting fast path gives the same sums as the weighted pass', () => {
    const w = new Float64Array([2, 2, 3, 1, 5]);
    const w2 = w.map((x) => x * x);
    const slow = accumulate(layout, col, w, w2, null, null);
    const fast = accumulate(layout, col, w, w2, null, cellWeights(layout, w));
    expect([...fast.cnt]).toEqual([...slow.cnt]);
    expect([...fast.ws]).toEqual([...slow.ws]);
    expect([...fast.w2]).toEqual([...slow.w2]);
  });

  it('breakdowns: unknown slots, invalid codes, filter', () => {
    const w = new Float64Array([2, 2, 3, 1, 5]);
    const b = breakdowns(
      layout,
      accumulate(
        layout,
        col,
        w,
        w.map((x) => x * x),
      ),
    );
    expect(b.total.cnt[1]).toBe(1);
    expect(b.total.ws[2]).toBe(2);
    expect(b.total.cnt[9]).toBe(1);
    expect(b.total.cnt[SLOTS - 1]).toBe(1); // code 200 → invalid slot
    expect(b.area[0]!.cnt[0]).toBe(1); // unknown area, empty answer
    // sex d and keine Angabe are assigned alternately in file order: the 4th respondent (no sex) to w,
    // the 5th (d, invalid code) to m; the unknown and d groups stay empty
    expect(b.sex[1]!.cnt[0]).toBe(1);
    expect(b.sex[2]!.cnt[SLOTS - 1]).toBe(1);
    expect(b.sex[0]!.cnt.reduce((a, x) => a + x, 0) + b.sex[3]!.cnt.reduce((a, x) => a + x, 0)).toBe(0);
    const w1639 = b.sexAge[1]![1]!;
    expect(w1639.cnt[1]! + w1639.cnt[2]!).toBe(2); // w, 16-39
    const filtered = breakdowns(layout, accumulate(layout, col, w, w, new Uint8Array([1, 0, 1, 0, 0])));
    expect(filtered.total.cnt.reduce((a, x) => a + x, 0)).toBe(2);
  });
});
