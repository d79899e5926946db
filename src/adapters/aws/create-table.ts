/**
 * Creates the job table as the CDK stack defines it (infra/stack.ts): `pk`/`sk`, on demand, GSI
 * `byStatus` (`status`, `updatedAt`) and GSI `webhooksDue` (`webhookDue`, `nextAttemptAt`, keys only). Used by the local stack and the tests (dynalite); on AWS the
 * stack creates the table.
 */
import {
  CreateTableCommand,
  DescribeTableCommand,
  ResourceInUseException,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { STATUS_INDEX } from './table-keys.js';
import { WEBHOOKS_DUE_INDEX } from '../webhooks/table-keys.js';

export async function createJobTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'pk', AttributeType: 'S' },
          { AttributeName: 'sk', AttributeType: 'S' },
          { AttributeName: 'status', AttributeType: 'S' },
          { AttributeName: 'updatedAt', AttributeType: 'S' },
          { AttributeName: 'webhookDue', AttributeType: 'S' },
          { AttributeName: 'nextAttemptAt', AttributeType: 'S' },
        ],
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: STATUS_INDEX,
            KeySchema: [
              { AttributeName: 'status', KeyType: 'HASH' },
              { AttributeName: 'updatedAt', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
          {
            // Pending webhook deliveries by due time (sparse: only they carry `webhookDue`).
            IndexName: WEBHOOKS_DUE_INDEX,
            KeySchema: [
              { AttributeName: 'webhookDue', KeyType: 'HASH' },
              { AttributeName: 'nextAttemptAt', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
        ],
      }),
    );
  } catch (error) {
    if (!(error instanceof ResourceInUseException)) throw error;
  }
  for (let i = 0; i < 100; i++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const indexesReady = (Table?.GlobalSecondaryIndexes ?? []).every(
      (g) => g.IndexStatus === undefined || g.IndexStatus === 'ACTIVE',
    );
    if (Table?.TableStatus === 'ACTIVE' && indexesReady) return;
    await sleep(50);
  }
  throw new Error(`table ${tableName} did not become active`);
}
