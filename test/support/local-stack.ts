/**
 * The local stack for tests: real s3rver, dynalite and handlers on 127.0.0.1, short delays, quiet
 * logs (set SIA_DEBUG=1 to see the handlers' logs), and helpers to inspect buckets and the table.
 */
import { createHash } from 'node:crypto';
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoClient, createS3Client } from '../../src/adapters/aws/clients.js';
import { S3ObjectStore } from '../../src/adapters/s3-store.js';
import { DynamoJobStore } from '../../src/adapters/dynamo-job-store.js';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../src/local/stack.js';
import type { PdfPrinter, PrintedPdf } from '../../src/core/ports.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface TestStack {
  readonly stack: LocalStack;
  readonly s3: S3Client;
  readonly dynamo: DynamoDBClient;
  readonly uploads: S3ObjectStore;
  readonly reports: S3ObjectStore;
  readonly jobs: DynamoJobStore;
  /** Options for `uploadCommand` / `resolveTarget` that point at this stack. */
  readonly cli: { readonly endpoint: string; readonly dynamodbEndpoint: string };
  stop(): Promise<void>;
}

export async function startTestStack(options: LocalStackOptions = {}): Promise<TestStack> {
  const stack = await startLocalStack({
    visibilityMs: 250,
    functionTimeoutMs: 120_000,
    concurrency: 4,
    logLevel: process.env.SIA_DEBUG ? 'DEBUG' : 'SILENT',
    ...options,
  });
  const s3 = createS3Client({
    endpoint: stack.s3Endpoint,
    region: stack.region,
    credentials: stack.credentials,
  });
  const dynamo = createDynamoClient({
    endpoint: stack.dynamodbEndpoint,
    region: stack.region,
    credentials: stack.credentials,
  });
  return {
    stack,
    s3,
    dynamo,
    uploads: new S3ObjectStore(s3, stack.uploadsBucket),
    reports: new S3ObjectStore(s3, stack.reportsBucket),
    jobs: new DynamoJobStore(dynamo, stack.tableName),
    cli: { endpoint: stack.s3Endpoint, dynamodbEndpoint: stack.dynamodbEndpoint },
    async stop() {
      s3.destroy();
      dynamo.destroy();
      await stack.stop();
    },
  };
}

/** SHA-256 of every object under a prefix: compare before/after to prove nothing changed. */
export async function snapshot(store: S3ObjectStore, prefix: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const key of await store.list(prefix)) {
    const bytes = await store.get(key);
    out[key] = bytes ? createHash('sha256').update(bytes).digest('hex') : 'missing';
  }
  return out;
}

/** A printer that returns a tiny fixed PDF at once (handler tests that need no Chromium). */
export function fakePrinter(): PdfPrinter & { prints: number } {
  const bytes = new TextEncoder().encode('%PDF-1.7\n% fake\n%%EOF\n');
  const printer = {
    prints: 0,
    async print(): Promise<PrintedPdf> {
      printer.prints += 1;
      return { bytes, pageCount: 3, outline: [] };
    },
    async close(): Promise<void> {},
  };
  return printer;
}
