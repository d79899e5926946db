/**
 * An in-process stand-in for the SQS jobs queue and the Lambda event source mapping in front of it
 * (infra/stack.ts): batch size 1, partial batch responses, at-least-once delivery. A message whose
 * delivery failed (listed in `batchItemFailures`, the handler threw, or it ran past the function
 * timeout) becomes visible again after `visibilityMs`; after `maxReceiveCount` receives it moves to
 * the dead-letter queue (`onDeadLetter`). Like Lambda, several deliveries may run at once.
 *
 * Differences to SQS, on purpose: no long polling (delivery starts at once), no retention limit,
 * and a delivery past its timeout is not killed (the handler keeps running; only its result is ignored).
 */
import { createHash, randomUUID } from 'node:crypto';
import type { SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { JournalEntry, QueueJournal } from './journal.js';

export interface QueueMessage {
  readonly messageId: string;
  readonly body: string;
  readonly sentAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
}

export interface LocalQueueOptions {
  readonly name: string;
  readonly region: string;
  /** Delay before a failed delivery is visible again (SQS visibility timeout). */
  readonly visibilityMs: number;
  /** Receives before a message moves on to `onDeadLetter` (Infinity: never). */
  readonly maxReceiveCount: number;
  /** Deliveries that may run at the same time (Lambda concurrency). */
  readonly concurrency: number;
  /** Upper bound for one delivery; a slower one counts as failed (Lambda timeout). */
  readonly timeoutMs: number;
  /** Delivers one message as Lambda would: an SQS event with one record. */
  readonly deliver: (event: SQSEvent) => Promise<SQSBatchResponse | void>;
  /** Where messages go after their last failed receive (the dead-letter queue). */
  readonly onDeadLetter?: (message: QueueMessage) => void;
  /** Keeps every message on disk until it is finished (the local stack with a data folder). */
  readonly journal?: QueueJournal;
  /** Told about every delivery and its result (for logs and tests). */
  readonly onDelivery?: (
    message: QueueMessage,
    result: 'ok' | 'failed' | 'timeout' | 'error',
    error?: unknown,
  ) => void;
}

export interface QueueStats {
  readonly sent: number;
  readonly deliveries: number;
  readonly failedDeliveries: number;
  readonly deleted: number;
  readonly deadLettered: number;
}

export class LocalQueue {
  private readonly ready: QueueMessage[] = [];
  private readonly delayed = new Set<NodeJS.Timeout>();
  private inFlight = 0;
  private stopped = false;
  private idleWaiters: (() => void)[] = [];
  private counters = { sent: 0, deliveries: 0, failedDeliveries: 0, deleted: 0, deadLettered: 0 };
  readonly arn: string;

  constructor(private readonly options: LocalQueueOptions) {
    this.arn = `arn:aws:sqs:${options.region}:000000000000:${options.name}`;
  }

  /** Sends a message; returns its id. */
  send(body: string): string {
    return this.enqueue({ messageId: randomUUID(), body, sentAt: Date.now(), receiveCount: 0 });
  }

  /** Takes over a message from another queue (redrive to a dead-letter queue keeps id and body). */
  enqueue(message: QueueMessage): string {
    this.options.journal?.sent(message.messageId, message.body);
    return this.accept(message);
  }

  /** Delivers again what the journal kept from before a restart (not written to the journal again). */
  restore(pending: readonly JournalEntry[]): void {
    for (const entry of pending)
      this.accept({ messageId: entry.id, body: entry.body, sentAt: Date.now(), receiveCount: 0 });
  }

  private accept(message: QueueMessage): string {
    this.counters.sent += 1;
    this.ready.push({ ...message, receiveCount: 0 });
    this.pump();
    return message.messageId;
  }

  stats(): QueueStats {
    return { ...this.counters };
  }

  /** True when nothing is waiting, delayed or being delivered. */
  isIdle(): boolean {
    return this.ready.length === 0 && this.delayed.size === 0 && this.inFlight === 0;
  }

  /** Resolves once the queue is idle. */
  idle(): Promise<void> {
    if (this.isIdle()) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops delivering; messages still waiting are dropped. */
  stop(): void {
    this.stopped = true;
    for (const t of this.delayed) clearTimeout(t);
    this.delayed.clear();
    this.ready.length = 0;
    this.notifyIdle();
  }

  private pump(): void {
    while (!this.stopped && this.inFlight < this.options.concurrency && this.ready.length > 0) {
      const message = this.ready.shift();
      if (message) void this.receive(message);
    }
    this.notifyIdle();
  }

  private async receive(message: QueueMessage): Promise<void> {
    if (message.receiveCount >= this.options.maxReceiveCount) {
      // SQS moves a message to the DLQ when it would be received once more than maxReceiveCount.
      this.counters.deadLettered += 1;
      if (this.options.onDeadLetter) this.options.journal?.done(message.messageId);
      this.options.onDeadLetter?.(message);
      this.pump();
      return;
    }
    this.inFlight += 1;
    message.receiveCount += 1;
    message.firstReceivedAt ??= Date.now();
    this.counters.deliveries += 1;
    let result: 'ok' | 'failed' | 'timeout' | 'error' = 'error';
    let failure: unknown;
    try {
      result = await this.deliverOnce(message);
    } catch (error) {
      failure = error;
      result = 'error';
    } finally {
      this.inFlight -= 1;
    }
    this.options.onDelivery?.(message, result, failure);
    if (result === 'ok') {
      this.counters.deleted += 1;
      this.options.journal?.done(message.messageId);
    } else {
      this.counters.failedDeliveries += 1;
      if (!this.stopped) {
        const timer = setTimeout(() => {
          this.delayed.delete(timer);
          this.ready.push(message);
          this.pump();
        }, this.options.visibilityMs);
        this.delayed.add(timer);
      }
    }
    this.pump();
  }

  private async deliverOnce(message: QueueMessage): Promise<'ok' | 'failed' | 'timeout'> {
    const event: SQSEvent = { Records: [this.toRecord(message)] };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.options.timeoutMs);
    });
    const run = this.options
      .deliver(event)
      .then((response) =>
        (response?.batchItemFailures ?? []).some((f) => f.itemIdentifier === message.messageId)
          ? ('failed' as const)
          : ('ok' as const),
      );
    run.catch(() => undefined);
    try {
      return await Promise.race([run, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private toRecord(message: QueueMessage): SQSRecord {
    return {
      messageId: message.messageId,
      receiptHandle: `${message.messageId}#${message.receiveCount}`,
      body: message.body,
      attributes: {
        ApproximateReceiveCount: String(message.receiveCount),
        SentTimestamp: String(message.sentAt),
        SenderId: 'sia-local',
        ApproximateFirstReceiveTimestamp: String(message.firstReceivedAt ?? Date.now()),
      },
      messageAttributes: {},
      md5OfBody: createHash('md5').update(message.body).digest('hex'),
      eventSource: 'aws:sqs',
      eventSourceARN: this.arn,
      awsRegion: this.options.region,
    };
  }

  private notifyIdle(): void {
    if (!this.isIdle() && !this.stopped) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }
}
