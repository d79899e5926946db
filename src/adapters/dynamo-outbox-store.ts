/**
 * OutboxStore (src/app/outbox.ts) over the job table: a job's pending notification is part of its
 * job item, written by the same conditional update as the status it announces
 * (DynamoJobStore.advance with `notify`):
 *
 * | attribute | meaning |
 * |---|---|
 * | `notification` | `{ type, at, reason?, version? }`: the event (ids come from the item; no personal data) |
 * | `webhookDue` = `OUTBOX`, `nextAttemptAt` | pending, due then (sparse GSI `webhooksDue`); removed when done |
 * | `notifyToken` | the claim of the attempt that holds it; every write of an attempt is conditional on it |
 * | `notifyAttempts`, `notifyMailSent`, `notifyOpen` | failed attempts, e-mail already sent, channels still open |
 * | `notifiedAt` / `notifyFailedAt` | done / given up after the retry schedule |
 */
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { JobKey, OutboxStore, PendingNotification } from '../app/outbox.js';
import type { LifecycleEventType } from '../core/ports.js';
import { analysisPk, jobKeyOf, jobSk, OUTBOX_PARTITION } from './aws/table-keys.js';
import { WEBHOOKS_DUE_INDEX } from './webhooks/table-keys.js';

type Item = Record<string, unknown>;

export class DynamoOutboxStore implements OutboxStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    readonly tableName: string,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async due(now: Date, limit: number): Promise<readonly JobKey[]> {
    const keys: JobKey[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: WEBHOOKS_DUE_INDEX,
          KeyConditionExpression: 'webhookDue = :outbox AND nextAttemptAt <= :now',
          ExpressionAttributeValues: { ':outbox': OUTBOX_PARTITION, ':now': now.toISOString() },
          Limit: limit - keys.length,
          ...(start && { ExclusiveStartKey: start }),
        }),
      );
      for (const item of page.Items ?? []) {
        const key = jobKeyOf(item.pk, item.sk);
        if (key) keys.push(key);
      }
      start = page.LastEvaluatedKey;
    } while (start && keys.length < limit);
    return keys;
  }

  async claim(
    ref: JobKey,
    now: Date,
    leaseUntil: Date,
    token: { readonly written?: string; readonly next: string },
  ): Promise<PendingNotification | undefined> {
    const out = await this.update(ref, {
      UpdateExpression: 'SET notifyToken = :next, nextAttemptAt = :lease',
      ConditionExpression:
        token.written !== undefined
          ? 'webhookDue = :outbox AND notifyToken = :written'
          : 'webhookDue = :outbox AND nextAttemptAt <= :now',
      ExpressionAttributeValues: {
        ':outbox': OUTBOX_PARTITION,
        ':next': token.next,
        ':lease': leaseUntil.toISOString(),
        ...(token.written !== undefined ? { ':written': token.written } : { ':now': now.toISOString() }),
      },
      ReturnValues: 'ALL_NEW',
    });
    const item = out?.Attributes;
    const note = item?.notification as
      { type?: unknown; at?: unknown; reason?: unknown; version?: unknown } | undefined;
    if (!item || !note || typeof note.type !== 'string' || typeof note.at !== 'string') return undefined;
    return {
      event: {
        type: note.type as LifecycleEventType,
        ags: ref.ags,
        analysisId: ref.analysisId,
        jobId: ref.jobId,
        at: note.at,
        ...(typeof note.reason === 'string' && { reason: note.reason }),
        ...(typeof note.version === 'number' && { version: note.version }),
      },
      attempts: Number(item.notifyAttempts ?? 0),
      mailSent: item.notifyMailSent === true,
      token: token.next,
    };
  }

  async markMailSent(ref: JobKey, token: string): Promise<void> {
    await this.update(ref, {
      UpdateExpression: 'SET notifyMailSent = :true',
      ConditionExpression: 'notifyToken = :token',
      ExpressionAttributeValues: { ':true': true, ':token': token },
    });
  }

  async finish(ref: JobKey, token: string, now: Date): Promise<void> {
    await this.update(ref, {
      UpdateExpression: 'SET notifiedAt = :now REMOVE webhookDue, nextAttemptAt, notifyOpen',
      ConditionExpression: 'notifyToken = :token',
      ExpressionAttributeValues: { ':now': now.toISOString(), ':token': token },
    });
  }

  async retry(
    ref: JobKey,
    token: string,
    now: Date,
    next: Date | undefined,
    open: readonly string[],
  ): Promise<void> {
    await this.update(ref, {
      UpdateExpression: next
        ? 'SET notifyAttempts = notifyAttempts + :one, nextAttemptAt = :next, notifyOpen = :open'
        : 'SET notifyAttempts = notifyAttempts + :one, notifyFailedAt = :now, notifyOpen = :open REMOVE webhookDue, nextAttemptAt',
      ConditionExpression: 'notifyToken = :token',
      ExpressionAttributeValues: {
        ':one': 1,
        ':open': [...open],
        ':token': token,
        ...(next ? { ':next': next.toISOString() } : { ':now': now.toISOString() }),
      },
    });
  }

  /** One conditional update of the job item; undefined when its condition did not hold. */
  private async update(
    ref: JobKey,
    input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName' | 'Key'>,
  ): Promise<{ Attributes?: Item } | undefined> {
    try {
      return await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: analysisPk(ref), sk: jobSk(ref.jobId) },
          ...input,
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }
}
