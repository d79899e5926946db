/**
 * What a function container builds once and reuses across warm invocations: the SDK clients and
 * stores, the Chromium printer (one browser, launched on the first print) and the report assets.
 * Rebuilt only when the configuration changes (the local stack's tests point the functions at a
 * fault-injecting proxy, for instance).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoClient, createS3Client } from '../../src/adapters/aws/clients.js';
import { S3ObjectStore } from '../../src/adapters/s3-store.js';
import { DynamoJobStore } from '../../src/adapters/dynamo-job-store.js';
import { DynamoWaveStore } from '../../src/adapters/dynamo-wave-store.js';
import { createChromiumPrinter } from '../../src/adapters/chromium-printer.js';
import { loadReportAssets, templateVersionOf } from '../../src/adapters/fs-assets.js';
import type { PdfPrinter, ReportAssets } from '../../src/core/ports.js';
import { readConfig, type FunctionConfig } from './config.js';
import { tracer } from './observability.js';

export interface Stores {
  readonly config: FunctionConfig;
  readonly uploads: S3ObjectStore;
  readonly reports: S3ObjectStore;
  readonly jobs: DynamoJobStore;
  /** Measures and portal-chosen predecessors of survey waves (same table). */
  readonly waves: DynamoWaveStore;
}

export interface Reporting {
  readonly printer: PdfPrinter;
  readonly assets: ReportAssets;
  readonly templateVersion: string;
}

interface Container {
  readonly key: string;
  readonly stores: Stores;
  readonly s3: S3Client;
  readonly dynamo: DynamoDBClient;
  reporting?: Promise<Reporting>;
  ownPrinter?: PdfPrinter;
}

const S3_MAX_ATTEMPTS = 5;

let container: Container | undefined;
let printerOverride: PdfPrinter | undefined;

/** The stores for the current configuration (built on first use, then reused). */
export function useStores(env: NodeJS.ProcessEnv = process.env): Stores {
  return current(env).stores;
}

/** Printer and assets (only the worker needs them): loaded on first use, then reused. */
export function useReporting(env: NodeJS.ProcessEnv = process.env): Promise<Reporting> {
  const c = current(env);
  c.reporting ??= (async () => {
    const assets = await loadReportAssets(c.stores.config.reportAssetsDir);
    let printer = printerOverride;
    if (!printer) {
      const binDir = c.stores.config.chromiumBinDir;
      printer = createChromiumPrinter(binDir ? { binDir } : {});
      c.ownPrinter = printer;
    }
    return { printer, assets, templateVersion: templateVersionOf(assets.templates) };
  })();
  c.reporting.catch(() => {
    if (container === c) c.reporting = undefined;
  });
  return c.reporting;
}

/**
 * Uses `printer` instead of a Chromium printer of the container's own (the local stack shares one
 * browser between its tests; fault tests wrap it). Pass undefined to go back to the default.
 */
export function setPrinterOverride(printer: PdfPrinter | undefined): void {
  printerOverride = printer;
  if (container) container.reporting = undefined;
}

/** Closes what the container opened (its own printer, the SDK clients) and forgets it. */
export async function disposeContainer(): Promise<void> {
  const c = container;
  container = undefined;
  if (!c) return;
  c.s3.destroy();
  c.dynamo.destroy();
  await c.ownPrinter?.close();
}

function current(env: NodeJS.ProcessEnv): Container {
  const config = readConfig(env);
  const key = JSON.stringify(config);
  if (container?.key === key) return container;
  const previous = container;
  if (previous) void disposeOld(previous);
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
  const stores: Stores = {
    config,
    uploads: new S3ObjectStore(s3, config.uploadsBucket),
    reports: new S3ObjectStore(s3, config.reportsBucket),
    jobs: new DynamoJobStore(
      dynamo,
      config.tableName,
      config.retryGraceMs !== undefined ? { retryGraceMs: config.retryGraceMs } : {},
    ),
    waves: new DynamoWaveStore(dynamo, config.tableName),
  };
  container = { key, stores, s3, dynamo };
  return container;
}

async function disposeOld(old: Container): Promise<void> {
  // In-flight calls of the old configuration may still use these clients; give them time.
  setTimeout(() => {
    old.s3.destroy();
    old.dynamo.destroy();
    void old.ownPrinter?.close();
  }, 60_000).unref();
}
