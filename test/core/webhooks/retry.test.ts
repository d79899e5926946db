import { describe, expect, it } from 'vitest';
import { MAX_ATTEMPTS, nextAttemptAt, RETRY_SCHEDULE_MS } from '../../../src/core/webhooks/retry.js';

const t0 = new Date('2026-05-04T10:00:00.000Z');
const after = (ms: number) => new Date(t0.getTime() + ms).toISOString();

describe('retry schedule (Standard Webhooks)', () => {
  it('is immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h', () => {
    expect(RETRY_SCHEDULE_MS).toEqual([
      0, 5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
    ]);
    expect(MAX_ATTEMPTS).toBe(8);
  });

  it('without jitter (random 0.5) follows the schedule exactly, then stops', () => {
    expect(nextAttemptAt(1, t0, 0.5)?.toISOString()).toBe(after(5_000));
    expect(nextAttemptAt(2, t0, 0.5)?.toISOString()).toBe(after(300_000));
    expect(nextAttemptAt(4, t0, 0.5)?.toISOString()).toBe(after(7_200_000));
    expect(nextAttemptAt(7, t0, 0.5)?.toISOString()).toBe(after(36_000_000));
    expect(nextAttemptAt(8, t0, 0.5)).toBeUndefined();
  });

  it('jitters by at most ±10 %', () => {
    expect(nextAttemptAt(2, t0, 0)?.toISOString()).toBe(after(270_000));
    expect(nextAttemptAt(2, t0, 1)?.toISOString()).toBe(after(330_000));
    expect(nextAttemptAt(3, t0, 0.75)?.toISOString()).toBe(after(1_890_000));
    expect(nextAttemptAt(3, t0, Number.NaN)?.toISOString()).toBe(after(1_800_000));
    expect(() => nextAttemptAt(0, t0, 0.5)).toThrow(RangeError);
  });
});
