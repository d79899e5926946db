/**
 * What a restarted local stack does with jobs a crash or Ctrl-C interrupted: a job whose message is
 * still in the queue journal is resumed (its lease is released, so the redelivered message takes it
 * over at once instead of waiting for the lease to run out); any other job left in progress is
 * marked failed with a German reason (and its notification goes out through the outbox).
 */
import { randomUUID } from 'node:crypto';
import { QueryCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoJobStore } from '../adapters/dynamo-job-store.js';
import { IN_PROGRESS } from '../adapters/aws/effective-status.js';
import { jobKeyOf, STATUS_INDEX } from '../adapters/aws/table-keys.js';
import { jobIdOf } from '../app/upload-event.js';
import { parseS3Notification } from '../../functions/lib/s3-events.js';
import type { JournalEntry } from './journal.js';

export const INTERRUPTED_REASON =
  'Die lokale Pipeline wurde während der Verarbeitung beendet. Bitte die Analyse erneut hochladen.';

/** The job ids the journal's pending messages will (re)create. */
export function jobIdsOf(entries: readonly JournalEntry[]): Set<string> {
  const ids = new Set<string>();
  for (const entry of entries) {
    try {
      for (const upload of parseS3Notification(entry.body).uploads) ids.add(jobIdOf(upload));
    } catch {
      // not a job message: the worker acknowledges it as malformed
    }
  }
  return ids;
}

export async function resumeInterrupted(
  client: DynamoDBClient,
  tableName: string,
  jobs: DynamoJobStore,
  pending: ReadonlySet<string>,
  now: Date = new Date(),
): Promise<{ readonly resumed: number; readonly failed: number }> {
  const doc = DynamoDBDocumentClient.from(client);
  let resumed = 0;
  let failed = 0;
  for (const status of IN_PROGRESS) {
    let start: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: STATUS_INDEX,
          KeyConditionExpression: '#s = :s',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':s': status },
          ProjectionExpression: 'pk, sk',
          ...(start && { ExclusiveStartKey: start }),
        }),
      );
      for (const item of page.Items ?? []) {
        const ref = jobKeyOf(item.pk, item.sk);
        if (!ref) continue;
        if (pending.has(ref.jobId)) {
          await jobs.releaseLease(ref, now);
          resumed += 1;
          continue;
        }
        const marked = await jobs.advance(ref, IN_PROGRESS, 'failed', now, {
          reason: INTERRUPTED_REASON,
          notify: {
            event: { type: 'report.failed', ...ref, reason: INTERRUPTED_REASON, at: now.toISOString() },
            token: randomUUID(),
            // due at once: the dispatcher's next run delivers it
            leaseUntil: now.toISOString(),
          },
        });
        if (marked) failed += 1;
      }
      start = page.LastEvaluatedKey;
    } while (start);
  }
  return { resumed, failed };
}
