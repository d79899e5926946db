import { describe, expect, it } from 'vitest';
import type { SQSEvent } from 'aws-lambda';
import { LocalQueue, type QueueMessage } from '../../src/local/queue.js';

function queue(
  deliver: (event: SQSEvent) => Promise<{ batchItemFailures: { itemIdentifier: string }[] } | void>,
  options: Partial<ConstructorParameters<typeof LocalQueue>[0]> = {},
) {
  const dead: QueueMessage[] = [];
  const q = new LocalQueue({
    name: 'q',
    region: 'eu-central-1',
    visibilityMs: 20,
    maxReceiveCount: 3,
    concurrency: 2,
    timeoutMs: 1000,
    deliver,
    onDeadLetter: (m) => dead.push(m),
    ...options,
  });
  return { q, dead };
}

describe('LocalQueue (SQS + event source mapping stand-in)', () => {
  it('delivers each message as an SQS event with one record and deletes it on success', async () => {
    const seen: SQSEvent[] = [];
    const { q } = queue(async (e) => void seen.push(e));
    const id = q.send('{"a":1}');
    await q.idle();
    expect(seen).toHaveLength(1);
    expect(seen[0]?.Records).toHaveLength(1);
    expect(seen[0]?.Records[0]).toMatchObject({
      messageId: id,
      body: '{"a":1}',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:eu-central-1:000000000000:q',
      attributes: { ApproximateReceiveCount: '1' },
    });
    expect(q.stats()).toMatchObject({
      sent: 1,
      deliveries: 1,
      deleted: 1,
      failedDeliveries: 0,
      deadLettered: 0,
    });
  });

  it('redelivers a reported batch item failure after the visibility delay, then succeeds', async () => {
    const at: number[] = [];
    const { q } = queue(
      async (e) => {
        at.push(Date.now());
        const record = e.Records[0]!;
        return record.attributes.ApproximateReceiveCount === '1'
          ? { batchItemFailures: [{ itemIdentifier: record.messageId }] }
          : undefined;
      },
      { visibilityMs: 100 },
    );
    q.send('x');
    await q.idle();
    expect(at).toHaveLength(2);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(95);
    expect(q.stats()).toMatchObject({ deliveries: 2, failedDeliveries: 1, deleted: 1 });
  });

  it('moves a message to the dead-letter queue after maxReceiveCount failed receives (thrown errors count)', async () => {
    let calls = 0;
    const { q, dead } = queue(async () => {
      calls += 1;
      throw new Error('boom');
    });
    const id = q.send('y');
    await q.idle();
    expect(calls).toBe(3);
    expect(dead.map((m) => [m.messageId, m.body])).toEqual([[id, 'y']]);
    expect(q.stats()).toMatchObject({ deliveries: 3, deadLettered: 1, deleted: 0 });
  });

  it('counts a delivery past the function timeout as failed', async () => {
    let calls = 0;
    const { q, dead } = queue(
      async () => {
        calls += 1;
        await new Promise((r) => setTimeout(r, 200));
      },
      { timeoutMs: 50, maxReceiveCount: 2 },
    );
    q.send('slow');
    await q.idle();
    expect(calls).toBe(2);
    expect(dead).toHaveLength(1);
  });

  it('runs at most `concurrency` deliveries at once', async () => {
    let running = 0;
    let peak = 0;
    const { q } = queue(
      async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 20));
        running -= 1;
      },
      { concurrency: 3 },
    );
    for (let i = 0; i < 10; i++) q.send(String(i));
    await q.idle();
    expect(peak).toBe(3);
    expect(q.stats().deleted).toBe(10);
  });
});
