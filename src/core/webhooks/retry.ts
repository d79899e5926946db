/**
 * The Standard Webhooks retry schedule: the first attempt at once, then after 5 s, 5 min, 30 min,
 * 2 h, 5 h, 10 h and 10 h (each counted from the failed attempt before): 8 attempts over about 27.5 h.
 * Each delay gets a jitter of ±10 % so that many deliveries failing together do not come back together.
 */

/** Delay before attempt n+1 (index n; index 0 is the first attempt, made immediately). */
export const RETRY_SCHEDULE_MS: readonly number[] = [
  0,
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
];

export const MAX_ATTEMPTS = RETRY_SCHEDULE_MS.length;

/** ±10 % of each delay. */
export const JITTER_FRACTION = 0.1;

/**
 * When the next attempt is due after `attemptsMade` attempts that all failed, the last one at
 * `failedAt`; undefined once the schedule is exhausted. `random` in [0, 1) is the jitter source
 * (0.5 = no jitter).
 */
export function nextAttemptAt(attemptsMade: number, failedAt: Date, random: number): Date | undefined {
  if (!Number.isInteger(attemptsMade) || attemptsMade < 1)
    throw new RangeError(`attemptsMade must be a positive integer, got ${attemptsMade}`);
  const delay = RETRY_SCHEDULE_MS[attemptsMade];
  if (delay === undefined) return undefined;
  const r = Math.min(Math.max(Number.isFinite(random) ? random : 0.5, 0), 1);
  const jittered = Math.round(delay * (1 + JITTER_FRACTION * (2 * r - 1)));
  return new Date(failedAt.getTime() + jittered);
}
