/**
 * The notification outbox: at-least-once e-mails and webhooks for every final job status.
 *
 * The status change and its notification are written together, in one conditional update of the
 * job record (JobStore.advance with `notify`): a crash after the status write can no longer lose
 * the notification. The writer then delivers it at once (`deliver`); whatever is still pending
 * afterwards — the writer crashed, SES or the table failed — the scheduled dispatcher finds through
 * the store (`due`) and delivers again on the webhook retry schedule, until both channels are done
 * or the schedule is exhausted.
 *
 * Duplicates are possible by design (a crash between sending and recording): webhook receivers
 * deduplicate on `webhook-id` (the same for every attempt of an event, src/core/webhooks/payload.ts);
 * an e-mail is recorded as sent right after the mailer accepted it, so a second mail needs a crash
 * in exactly that moment.
 */
import type { AnalysisRef, LifecycleEvent } from '../core/ports.js';
import { nextAttemptAt } from '../core/webhooks/retry.js';
import { notifyChannels, type NotifyDeps } from './notify.js';

export type JobKey = AnalysisRef & { readonly jobId: string };

/** A notification waiting in the outbox, as one attempt holds it. */
export interface PendingNotification {
  readonly event: LifecycleEvent;
  /** Attempts made before this one. */
  readonly attempts: number;
  /** An earlier attempt sent the e-mail already. */
  readonly mailSent: boolean;
  /** This attempt's claim: every later write names it. */
  readonly token: string;
}

/** Where pending notifications live (DynamoDB: on the job item, src/adapters/dynamo-outbox-store.ts). */
export interface OutboxStore {
  /** Jobs with a notification due at `now` (at most `limit`). */
  due(now: Date, limit: number): Promise<readonly JobKey[]>;
  /**
   * Takes the job's pending notification for one attempt until `leaseUntil`: with `token` the one the
   * status change wrote (the writer's own attempt), without it one whose time has come. undefined =
   * nothing pending, or another attempt holds it.
   */
  claim(
    ref: JobKey,
    now: Date,
    leaseUntil: Date,
    token: { readonly written?: string; readonly next: string },
  ): Promise<PendingNotification | undefined>;
  /** Records that the e-mail went out. */
  markMailSent(ref: JobKey, token: string): Promise<void>;
  /** The notification is done: it leaves the outbox. */
  finish(ref: JobKey, token: string, now: Date): Promise<void>;
  /** Another attempt at `next`; undefined = give up (recorded as failed). */
  retry(
    ref: JobKey,
    token: string,
    now: Date,
    next: Date | undefined,
    failed: readonly string[],
  ): Promise<void>;
}

export interface OutboxOptions {
  readonly store: OutboxStore;
  readonly notify: NotifyDeps;
  /** How long one attempt holds a notification (both channels, with timeouts); default 2 minutes. */
  readonly leaseMs?: number;
  readonly jitter?: () => number;
  readonly newToken?: () => string;
}

export interface OutboxSummary {
  readonly due: number;
  readonly done: number;
  readonly retried: number;
  readonly failed: number;
}

export type DeliveryResult = 'done' | 'retry' | 'failed' | 'skipped';

export class NotificationOutbox {
  private readonly leaseMs: number;
  private readonly jitter: () => number;
  private readonly newToken: () => string;

  constructor(private readonly options: OutboxOptions) {
    this.leaseMs = options.leaseMs ?? 120_000;
    this.jitter = options.jitter ?? Math.random;
    this.newToken = options.newToken ?? (() => crypto.randomUUID());
  }

  /** The lease a status change writes with its notification (so the dispatcher leaves it to the writer). */
  leaseFrom(now: Date): Date {
    return new Date(now.getTime() + this.leaseMs);
  }

  /** Delivers the notification the status change wrote with `written` (the writer's attempt). */
  deliverWritten(ref: JobKey, written: string): Promise<DeliveryResult> {
    return this.attempt(ref, written);
  }

  /** Delivers every notification that is due (crashed writers, failed channels), one after the other. */
  async dispatchDue(now: Date, limit = 100): Promise<OutboxSummary> {
    const keys = await this.options.store.due(now, limit);
    const counts = { due: keys.length, done: 0, retried: 0, failed: 0 };
    for (const key of keys) {
      const result = await this.attempt(key, undefined);
      if (result === 'done') counts.done += 1;
      else if (result === 'retry') counts.retried += 1;
      else if (result === 'failed') counts.failed += 1;
    }
    return counts;
  }

  private async attempt(ref: JobKey, written: string | undefined): Promise<DeliveryResult> {
    const { store } = this.options;
    const now = this.options.notify.now();
    const token = this.newToken();
    const pending = await store.claim(ref, now, this.leaseFrom(now), {
      ...(written !== undefined && { written }),
      next: token,
    });
    if (!pending) return 'skipped';
    const results = await notifyChannels(this.options.notify, pending.event, { mailSent: pending.mailSent });
    if (results.mail === 'sent') await store.markMailSent(ref, token);
    const open = [
      ...(results.webhooks === 'retry' ? ['webhooks'] : []),
      ...(results.mail === 'retry' ? ['email'] : []),
    ];
    const at = this.options.notify.now();
    if (open.length === 0) {
      await store.finish(ref, token, at);
      return 'done';
    }
    const next = nextAttemptAt(pending.attempts + 1, at, this.jitter());
    await store.retry(ref, token, at, next, open);
    return next ? 'retry' : 'failed';
  }
}
