/**
 * The stores every function uses (SDK clients, the uploads and reports buckets, the job table),
 * built once and reused across warm invocations; rebuilt only when the configuration changes (the
 * local stack's tests point the functions at a fault-injecting proxy, for instance).
 *
 * No report code here: each handler composes what it needs (functions/lib/reporting.ts adds the
 * printer and report assets for the worker alone), so the API, dead-letter and dispatcher bundles
 * carry no Chromium, Vega or PDF code (test/infra/bundles.test.ts checks the bundles).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoClient, createS3Client } from '../../src/adapters/aws/clients.js';
import { S3ObjectStore } from '../../src/adapters/s3-store.js';
import { DynamoJobStore } from '../../src/adapters/dynamo-job-store.js';
import { DynamoWaveStore } from '../../src/adapters/dynamo-wave-store.js';
import { readConfig, type FunctionConfig } from './config.js';
import { tracer } from './observability.js';

export interface Stores {
  readonly config: FunctionConfig;
  readonly uploads: S3ObjectStore;
  readonly reports: S3ObjectStore;
  readonly jobs: DynamoJobStore;
  /** Measures and portal-chosen predecessors of survey waves (same table). */
  readonly waves: DynamoWaveStore;
  readonly s3: S3Client;
  readonly dynamo: DynamoDBClient;
}

interface Built {
  readonly key: string;
  readonly stores: Stores;
}

const S3_MAX_ATTEMPTS = 5;

let built: Built | undefined;
const listeners = new Set<() => void>();

/** The stores for the current configuration (built on first use, then reused). */
export function useStores(env: NodeJS.ProcessEnv = process.env): Stores {
  const config = readConfig(env);
  const key = JSON.stringify(config);
  if (built?.key === key) return built.stores;
  if (built) disposeLater(built.stores);
  built = { key, stores: createStores(config) };
  for (const listener of listeners) listener();
  return built.stores;
}

/** Told when the stores are rebuilt (a new configuration): caches built on them start over. */
export function onStoresChanged(listener: () => void): void {
  listeners.add(listener);
}

/** Closes the SDK clients and forgets the stores. */
export async function disposeStores(): Promise<void> {
  const b = built;
  built = undefined;
  if (!b) return;
  b.stores.s3.destroy();
  b.stores.dynamo.destroy();
}

function createStores(config: FunctionConfig): Stores {
  // S3 answers bursts with 503 SlowDown: five attempts (SDK default three) before the queue's redelivery takes over.
  const s3 = tracer.captureAWSv3Client(
    createS3Client({
      maxAttempts: S3_MAX_ATTEMPTS,
      ...(config.s3Endpoint && { endpoint: config.s3Endpoint }),
    }),
  );
  const dynamo = tracer.captureAWSv3Client(
    createDynamoClient(config.dynamodbEndpoint ? { endpoint: config.dynamodbEndpoint } : {}),
  );
  return {
    config,
    s3,
    dynamo,
    uploads: new S3ObjectStore(s3, config.uploadsBucket),
    reports: new S3ObjectStore(s3, config.reportsBucket),
    waves: new DynamoWaveStore(dynamo, config.tableName),
    jobs: new DynamoJobStore(dynamo, config.tableName, {
      ...(config.retryGraceMs !== undefined && { retryGraceMs: config.retryGraceMs }),
      ...(config.jobRetentionDays !== undefined && { jobTtlSeconds: config.jobRetentionDays * 86_400 }),
    }),
  };
}

function disposeLater(old: Stores): void {
  // In-flight calls of the old configuration may still use these clients; give them time.
  setTimeout(() => {
    old.s3.destroy();
    old.dynamo.destroy();
  }, 60_000).unref();
}
