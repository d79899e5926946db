/**
 * The serverless pipeline on one machine: s3rver and dynalite on 127.0.0.1, the two buckets and the
 * job table, and an in-process queue that feeds S3 events of `uploads/…analyse.json` to the real
 * worker handler (functions/worker.ts) and dead letters to the real dead-letter handler
 * (functions/dead-letter.ts) — called as Lambda calls them: an SQS event and a context object, with
 * the stack's environment variables set.
 *
 * What differs from AWS (see also emulators.ts and queue.ts):
 * - s3rver has no object versions and a clock-based sequencer. The local wiring gives every stored
 *   object a version id `local-<sequencer>` and a monotonic zero-padded sequencer, in the event and
 *   in the PutObject response. A re-upload of a key is therefore a new job; a repeated event (same
 *   object) is the same job. Reading "a version" reads the current object.
 * - s3rver emits events for every object; the stack applies the filter of the CDK stack itself
 *   (prefix `uploads/`, suffix `analyse.json`) and URL-encodes keys as S3 notifications do.
 * - The environment is process-wide: run one local stack per process.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type { PdfPrinter } from '../core/ports.js';
import { createDynamoClient } from '../adapters/aws/clients.js';
import { createJobTable } from '../adapters/aws/create-table.js';
import { createLambdaContext } from './lambda-context.js';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynalite,
  startS3rver,
  type LocalS3Record,
} from './emulators.js';
import { LocalQueue, type QueueMessage } from './queue.js';
import { claimDataDir, LocalStackError } from './data-dir.js';
import { QueueJournal } from './journal.js';
import { jobIdsOf, resumeInterrupted } from './resume.js';
import { DynamoJobStore } from '../adapters/dynamo-job-store.js';
import { asWebhookAdmin } from '../app/webhooks/admin.js';
import type { WebhookAdmin } from '../api/ports.js';
import { startApiServer, type LocalApiOptions, type LocalApiServer } from './api-server.js';
import { DEFAULT_PORTAL_DIR } from './portal.js';

import { LOCAL_NAMES } from './names.js';

export { DEFAULT_API_PORT, DEFAULT_DYNAMODB_PORT, DEFAULT_S3_PORT, LOCAL_NAMES } from './names.js';

export interface LocalStackOptions {
  /** S3 (s3rver) port; 0 = any free port (default). */
  readonly port?: number;
  /** DynamoDB (dynalite) port; 0 = any free port (default). */
  readonly dynamodbPort?: number;
  /**
   * Data folder (src/local/data-dir.ts): objects, the job and webhook table, the queue journals and
   * the e-mail outbox are kept there across restarts, and jobs a crash interrupted are resumed or
   * marked failed on start. A folder with content the stack did not create is refused. Default: a
   * temporary folder and a table in memory, deleted by stop().
   */
  readonly dataDir?: string;
  /** Printer for the worker instead of its own Chromium printer (tests share one). */
  readonly printer?: PdfPrinter;
  /** Delay before a failed message is delivered again (SQS visibility timeout); default 2 s. */
  readonly visibilityMs?: number;
  /** Worker timeout (context.getRemainingTimeInMillis starts here); default 300 s like the stack. */
  readonly functionTimeoutMs?: number;
  /** Receives before a message goes to the dead-letter handler; default 3 like the stack. */
  readonly maxReceiveCount?: number;
  /** Worker invocations at the same time; default 2. */
  readonly concurrency?: number;
  readonly printTimeoutMs?: number;
  /** Powertools log level of the handlers; default INFO. */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';
  /** Send S3 notifications to the jobs queue (default true); when false they are only recorded in `notifications`. */
  readonly notify?: boolean;
  /** Told about every delivery of the jobs queue (local logs). */
  readonly onDelivery?: (queue: 'jobs' | 'dead-letters', message: QueueMessage, result: string) => void;
  /** Also serve the HTTP API (src/api) on 127.0.0.1, wired to this stack; its URL is `apiUrl`. */
  readonly api?: LocalApiOptions;
  /**
   * With `api`: notifications as on AWS. Webhooks (to http://127.0.0.1 receivers only) are sent by
   * the real dispatcher handler every `webhookIntervalMs` (default 5 s); e-mails go to `outboxDir`
   * (default `<dataDir>/outbox`).
   */
  readonly notifications?: { readonly outboxDir?: string; readonly webhookIntervalMs?: number };
}

export interface LocalStack {
  readonly s3Endpoint: string;
  readonly dynamodbEndpoint: string;
  readonly region: string;
  readonly credentials: { readonly accessKeyId: string; readonly secretAccessKey: string };
  readonly uploadsBucket: string;
  readonly reportsBucket: string;
  readonly tableName: string;
  readonly dataDir: string;
  /** Data kept across restarts (started with `dataDir`): objects, the table and the queue journals. */
  readonly persistent: boolean;
  /** What the start took over from before: unfinished messages, resumed and failed jobs. */
  readonly restored: { readonly messages: number; readonly resumed: number; readonly failed: number };
  readonly jobsQueue: LocalQueue;
  readonly deadLetterQueue: LocalQueue;
  /** The HTTP API's base URL, when started with `api`. */
  readonly apiUrl?: string;
  /** Folder of the e-mails the notifier wrote (with `api`). */
  readonly outboxDir?: string;
  /** Bodies of the S3 notifications the stack sent to the jobs queue, in order. */
  readonly notifications: readonly string[];
  /** Sends a message body to the jobs queue (tests: duplicated or reordered S3 notifications). */
  send(body: string): string;
  /** Switches forwarding of S3 notifications to the jobs queue on or off (they are recorded either way). */
  setNotify(on: boolean): void;
  /** Changes environment variables the handlers see (e.g. point them at a fault-injecting proxy). */
  setFunctionEnv(vars: Readonly<Record<string, string | undefined>>): void;
  /** Resolves when both queues are empty and nothing is being delivered. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

type Handler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

export async function startLocalStack(options: LocalStackOptions = {}): Promise<LocalStack> {
  const visibilityMs = options.visibilityMs ?? 2_000;
  const functionTimeoutMs = options.functionTimeoutMs ?? 300_000;
  const ownDir = options.dataDir === undefined;
  // A data folder keeps everything across restarts; without one, a temporary folder and a table in memory (tests).
  const layout = ownDir ? undefined : await claimDataDir(options.dataDir ?? '');
  const dataDir = layout?.root ?? (await mkdtemp(join(tmpdir(), 'sia-local-')));

  const s3 = await startS3rver({
    port: options.port ?? 0,
    directory: layout?.s3 ?? dataDir,
    buckets: [LOCAL_NAMES.uploadsBucket, LOCAL_NAMES.reportsBucket],
  });
  const dynamo = await startDynalite(options.dynamodbPort ?? 0, layout?.dynamodb).catch(
    async (error: unknown) => {
      await s3.close();
      throw error;
    },
  );
  // The functions' environment, as the CDK stack sets it, plus the local endpoints and credentials.
  const env: Record<string, string | undefined> = {
    UPLOADS_BUCKET: LOCAL_NAMES.uploadsBucket,
    REPORTS_BUCKET: LOCAL_NAMES.reportsBucket,
    TABLE_NAME: LOCAL_NAMES.tableName,
    PRINT_TIMEOUT_MS: String(options.printTimeoutMs ?? 90_000),
    SIA_RETRY_GRACE_MS: String(visibilityMs + functionTimeoutMs),
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_SESSION_TOKEN: undefined,
    AWS_REGION: LOCAL_REGION,
    POWERTOOLS_SERVICE_NAME: 'sia',
    POWERTOOLS_METRICS_NAMESPACE: 'Sicherheitsanalyse',
    POWERTOOLS_LOG_LEVEL: options.logLevel ?? 'INFO',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_TRACE_ENABLED: 'false',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  const saved = new Map<string, string | undefined>();
  const applyEnv = (vars: Readonly<Record<string, string | undefined>>): void => {
    for (const [name, value] of Object.entries(vars)) {
      if (!saved.has(name)) saved.set(name, process.env[name]);
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  applyEnv(env);

  const dynamoClient = createDynamoClient({
    endpoint: dynamo.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  const journals = layout && {
    jobs: new QueueJournal(layout.jobsJournal),
    deadLetters: new QueueJournal(layout.deadLettersJournal),
  };
  const pending = journals && { jobs: journals.jobs.pending(), deadLetters: journals.deadLetters.pending() };
  let restored: LocalStack['restored'] = { messages: 0, resumed: 0, failed: 0 };
  try {
    await createJobTable(dynamoClient, LOCAL_NAMES.tableName).catch((error: unknown) => {
      throw layout ? new LocalStackError(tableProblem(layout.root, error)) : error;
    });
    if (pending) {
      const ids = jobIdsOf([...pending.jobs, ...pending.deadLetters]);
      const jobs = new DynamoJobStore(dynamoClient, LOCAL_NAMES.tableName);
      const outcome = await resumeInterrupted(dynamoClient, LOCAL_NAMES.tableName, jobs, ids);
      restored = { messages: pending.jobs.length + pending.deadLetters.length, ...outcome };
    }
  } catch (error) {
    await Promise.allSettled([s3.close(), dynamo.close()]);
    throw error;
  } finally {
    dynamoClient.destroy();
  }

  // Imported only now: Powertools reads its environment when the handler modules load.
  const worker = (await import('../../functions/worker.js')).handler as Handler;
  const deadLetter = (await import('../../functions/dead-letter.js')).handler as Handler;
  const stores = await import('../../functions/lib/stores.js');
  const reporting = await import('../../functions/lib/reporting.js');
  reporting.setPrinterOverride(options.printer);

  const deadLetterQueue = new LocalQueue({
    name: 'sia-jobs-dead-letters',
    region: LOCAL_REGION,
    visibilityMs,
    // The real DLQ keeps a message 14 days; locally five tries, then it stays listed in stats.
    maxReceiveCount: 5,
    concurrency: 1,
    timeoutMs: 30_000,
    ...(journals && { journal: journals.deadLetters }),
    deliver: (event) => deadLetter(event, createLambdaContext('sia-dead-letter', 30_000, 512, LOCAL_REGION)),
    ...(options.onDelivery && { onDelivery: (m, r) => options.onDelivery?.('dead-letters', m, r) }),
  });
  const jobsQueue = new LocalQueue({
    name: 'sia-jobs',
    region: LOCAL_REGION,
    visibilityMs,
    maxReceiveCount: options.maxReceiveCount ?? 3,
    concurrency: options.concurrency ?? 2,
    timeoutMs: functionTimeoutMs,
    ...(journals && { journal: journals.jobs }),
    deliver: (event) =>
      worker(event, createLambdaContext('sia-worker', functionTimeoutMs, 3008, LOCAL_REGION)),
    onDeadLetter: (message) => deadLetterQueue.enqueue(message),
    ...(options.onDelivery && { onDelivery: (m, r) => options.onDelivery?.('jobs', m, r) }),
  });

  const notifications: string[] = [];
  let notify = options.notify !== false;
  s3.onEvent((record: LocalS3Record) => {
    if (!matchesNotificationFilter(record, LOCAL_NAMES.uploadsBucket)) return;
    const body = JSON.stringify({ Records: [record] });
    notifications.push(body);
    if (notify) jobsQueue.send(body);
  });

  let api: LocalApiServer | undefined;
  let outboxDir: string | undefined;
  let dispatchTimer: NodeJS.Timeout | undefined;
  let dispatching: Promise<unknown> = Promise.resolve();
  if (options.api) {
    try {
      // The webhook service needs the API's URL (payload links), known once the server listens: built on first use.
      const webhooks = await import('../../functions/lib/webhooks.js');
      const admin = () => asWebhookAdmin(webhooks.useWebhookService(process.env));
      const lazyAdmin: WebhookAdmin = {
        register: (ags, registration) => admin().register(ags, registration),
        list: (ags) => admin().list(ags),
        rotate: (ags, id) => admin().rotate(ags, id),
        remove: (ags, id) => admin().remove(ags, id),
        deliveries: (ags, id) => admin().deliveries(ags, id),
      };
      api = await startApiServer(
        {
          s3Endpoint: s3.endpoint,
          dynamodbEndpoint: dynamo.endpoint,
          region: LOCAL_REGION,
          credentials: LOCAL_CREDENTIALS,
          ...LOCAL_NAMES,
          send: (body) => jobsQueue.send(body),
        },
        { webhooks: lazyAdmin, portalDir: DEFAULT_PORTAL_DIR, ...options.api },
      );
      outboxDir = options.notifications?.outboxDir ?? layout?.outbox ?? join(dataDir, 'outbox');
      applyEnv({
        API_BASE_URL: api.url,
        PORTAL_URL: `${api.url}/portal`,
        OUTBOX_DIR: outboxDir,
        WEBHOOK_ALLOW_INSECURE_LOOPBACK: 'true',
        WEBHOOK_TIMEOUT_MS: '5000',
      });
      const dispatcher = (await import('../../functions/webhook-dispatcher.js')).handler;
      dispatchTimer = setInterval(() => {
        dispatching = dispatching
          .then(() =>
            dispatcher(
              {} as never,
              createLambdaContext('sia-webhook-dispatcher', 240_000, 512, LOCAL_REGION),
            ),
          )
          .catch(() => undefined);
      }, options.notifications?.webhookIntervalMs ?? 5_000);
      dispatchTimer.unref();
    } catch (error) {
      jobsQueue.stop();
      deadLetterQueue.stop();
      await Promise.allSettled([s3.close(), dynamo.close()]);
      throw error;
    }
  }

  // messages that were waiting or being handled when the stack last stopped
  if (pending) {
    deadLetterQueue.restore(pending.deadLetters);
    jobsQueue.restore(pending.jobs);
  }

  let stopped = false;
  return {
    s3Endpoint: s3.endpoint,
    dynamodbEndpoint: dynamo.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    uploadsBucket: LOCAL_NAMES.uploadsBucket,
    reportsBucket: LOCAL_NAMES.reportsBucket,
    tableName: LOCAL_NAMES.tableName,
    dataDir,
    persistent: layout !== undefined,
    restored,
    jobsQueue,
    deadLetterQueue,
    ...(api && { apiUrl: api.url }),
    ...(outboxDir && { outboxDir }),
    notifications,
    send: (body) => jobsQueue.send(body),
    setNotify: (on) => {
      notify = on;
    },
    setFunctionEnv: applyEnv,
    async settled() {
      for (;;) {
        await jobsQueue.idle();
        await deadLetterQueue.idle();
        if (jobsQueue.isIdle() && deadLetterQueue.isIdle()) return;
      }
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      if (dispatchTimer) clearInterval(dispatchTimer);
      await dispatching;
      await api?.close();
      jobsQueue.stop();
      deadLetterQueue.stop();
      reporting.setPrinterOverride(undefined);
      await reporting.disposeReporting();
      await stores.disposeStores();
      await Promise.allSettled([s3.close(), dynamo.close()]);
      for (const [name, value] of saved) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
      if (ownDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The S3 → SQS notification filter of infra/stack.ts: ObjectCreated, prefix `uploads/`, suffix `analyse.json`. */
export function matchesNotificationFilter(record: LocalS3Record, uploadsBucket: string): boolean {
  if (record.s3.bucket.name !== uploadsBucket || !record.eventName.startsWith('ObjectCreated:')) return false;
  const key = decodeURIComponent(record.s3.object.key.replace(/\+/g, ' '));
  return key.startsWith('uploads/') && key.endsWith('analyse.json');
}

/** German explanation why the table in the data folder cannot be opened (most often: another stack uses it). */
function tableProblem(root: string, error: unknown): string {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /lock|not open|LEVEL_/i.test(text)
    ? `Die Tabelle in ${root} ist gesperrt: Läuft dort schon eine lokale Pipeline? Bitte sie zuerst beenden oder einen anderen --data-dir wählen.`
    : `Die Tabelle in ${root} konnte nicht geöffnet werden (${text.slice(0, 200)}).`;
}
