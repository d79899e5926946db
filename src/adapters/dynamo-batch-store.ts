/**
 * Regeneration batches ("Alle neu erstellen", src/api/routes/regenerations.ts) in the job table:
 * one item `BATCH#<batchId>` / `BATCH` with the analyses it queued and the job id of each (the
 * progress is read from those jobs). Written once; expires with the job retention.
 */
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { BatchStore, RegenerationBatch } from '../api/ports.js';
import type { AnalysisRef } from '../core/ports.js';
import { analysisPk, JOB_TTL_SECONDS, VERSION_WIDTH } from './aws/table-keys.js';

const batchPk = (batchId: string): string => `BATCH#${batchId}`;
/** Not `META`: the analyses' listing scans for `META` items. */
const BATCH_SK = 'BATCH';
/** The reservation of a version's batch regeneration, in the analysis's partition. */
const regenSk = (version: number): string => `REGEN#${String(version).padStart(VERSION_WIDTH, '0')}`;

export class DynamoBatchStore implements BatchStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    readonly tableName: string,
    private readonly ttlSeconds = JOB_TTL_SECONDS,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async create(batch: RegenerationBatch): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: batchPk(batch.batchId),
            sk: BATCH_SK,
            kind: 'regeneration-batch',
            ...batch,
            expiresAt: Math.floor(Date.parse(batch.createdAt) / 1000) + this.ttlSeconds,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async get(batchId: string): Promise<RegenerationBatch | undefined> {
    const out = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: batchPk(batchId), sk: BATCH_SK },
        ConsistentRead: true,
      }),
    );
    const i = out.Item;
    if (!i) return undefined;
    return {
      batchId: String(i.batchId),
      createdAt: String(i.createdAt),
      items: (i.items ?? []) as RegenerationBatch['items'],
      skipped: (i.skipped ?? []) as RegenerationBatch['skipped'],
    };
  }

  async reserve(
    ref: AnalysisRef,
    version: number,
    jobId: string,
    now: Date,
    replacing?: string,
  ): Promise<boolean> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: analysisPk(ref),
            sk: regenSk(version),
            kind: 'regeneration-reservation',
            jobId,
            at: now.toISOString(),
            expiresAt: Math.floor(now.getTime() / 1000) + this.ttlSeconds,
          },
          ConditionExpression:
            replacing === undefined ? 'attribute_not_exists(pk)' : 'attribute_not_exists(pk) OR jobId = :old',
          ...(replacing !== undefined && { ExpressionAttributeValues: { ':old': replacing } }),
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async reservation(
    ref: AnalysisRef,
    version: number,
  ): Promise<{ readonly jobId: string; readonly at: string } | undefined> {
    const out = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: analysisPk(ref), sk: regenSk(version) },
        ConsistentRead: true,
      }),
    );
    return out.Item ? { jobId: String(out.Item.jobId), at: String(out.Item.at) } : undefined;
  }
}
