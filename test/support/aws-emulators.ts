/**
 * Real emulators for adapter tests, in-process on 127.0.0.1 with random ports: dynalite with the
 * job table, s3rver with buckets in a temporary directory.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { createDynamoClient, createS3Client } from '../../src/adapters/aws/clients.js';
import { createJobTable } from '../../src/adapters/aws/create-table.js';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynalite,
  startS3rver,
  type LocalS3,
} from '../../src/local/emulators.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface TestTable {
  readonly client: DynamoDBClient;
  readonly tableName: string;
  readonly endpoint: string;
  stop(): Promise<void>;
}

export async function startTestTable(tableName = 'sia-test'): Promise<TestTable> {
  const server = await startDynalite();
  const client = createDynamoClient({
    endpoint: server.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  await createJobTable(client, tableName);
  return {
    client,
    tableName,
    endpoint: server.endpoint,
    stop: async () => {
      client.destroy();
      await server.close();
    },
  };
}

export interface TestS3 {
  readonly client: S3Client;
  readonly server: LocalS3;
  readonly endpoint: string;
  stop(): Promise<void>;
}

export async function startTestS3(buckets: readonly string[]): Promise<TestS3> {
  const directory = await mkdtemp(join(tmpdir(), 'sia-s3-'));
  const server = await startS3rver({ directory, buckets });
  const client = createS3Client({
    endpoint: server.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  return {
    client,
    server,
    endpoint: server.endpoint,
    stop: async () => {
      client.destroy();
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}
