/**
 * The API function's composition root: the Hono app of src/api, built once per configuration and
 * reused across warm invocations. Stores come from functions/lib/stores.ts; the presigner gets an S3
 * client of its own (without X-Ray capture, which presigning does not need). No report code.
 *
 * Environment: UPLOADS_BUCKET, REPORTS_BUCKET, TABLE_NAME (as the worker), JOBS_QUEUE_URL (the
 * worker's SQS queue, for regenerations; the function needs sqs:SendMessage on it),
 * AUDIT_RETENTION_DAYS and JOB_RETENTION_DAYS (retention of audit records and batches).
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { createS3Client } from '../../src/adapters/aws/clients.js';
import { DynamoAuditLog } from '../../src/adapters/dynamo-audit-log.js';
import { DynamoBatchStore } from '../../src/adapters/dynamo-batch-store.js';
import { loadGemeinden } from '../../src/adapters/gemeinden-file.js';
import { createApiApp, type ApiApp } from '../../src/api/app.js';
import { jwtClaimsAuthenticator } from '../../src/api/auth.js';
import { S3UrlSigner } from '../../src/api/aws/s3-url-signer.js';
import { SqsJobQueue } from '../../src/api/aws/sqs-job-queue.js';
import { webhooksNotConfigured } from '../../src/api/no-webhooks.js';
import type { WebhookAdmin } from '../../src/api/ports.js';
import { asWebhookAdmin } from '../../src/app/webhooks/admin.js';
import { useStores } from './stores.js';
import { useWebhookService } from './webhooks.js';
import { describeError } from './errors.js';
import { logger } from './observability.js';

export interface ApiConfig {
  readonly jobsQueueUrl: string;
}

export function readApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const jobsQueueUrl = env.JOBS_QUEUE_URL?.trim();
  if (!jobsQueueUrl) throw new Error('environment variable JOBS_QUEUE_URL is not set');
  return { jobsQueueUrl };
}

/** `AUDIT_RETENTION_DAYS` / `JOB_RETENTION_DAYS` (days) as TTL seconds; undefined = the store's default. */
function retentionSeconds(days: string | undefined): number | undefined {
  const n = Number(days);
  return days !== undefined && days.trim() !== '' && Number.isInteger(n) && n > 0 ? n * 86_400 : undefined;
}

let built: { key: string; app: ApiApp; destroy: () => void } | undefined;
let webhookAdmin: WebhookAdmin | undefined;

/** The webhook service behind the webhook routes (wired by the API handler's setup); default: not configured. */
export function setWebhookAdmin(admin: WebhookAdmin | undefined): void {
  webhookAdmin = admin;
  built = undefined;
}

export function useApiApp(env: NodeJS.ProcessEnv = process.env): ApiApp {
  const stores = useStores(env);
  const config = readApiConfig(env);
  const key = JSON.stringify([stores.config, config, env.API_BASE_URL, env.AUDIT_RETENTION_DAYS]);
  if (built?.key === key) return built.app;
  built?.destroy();
  const s3 = createS3Client(stores.config.s3Endpoint ? { endpoint: stores.config.s3Endpoint } : {});
  const sqs = new SQSClient({});
  const app = createApiApp({
    jobs: stores.jobs,
    uploads: stores.uploads,
    audit: new DynamoAuditLog(
      stores.dynamo,
      stores.config.tableName,
      retentionSeconds(env.AUDIT_RETENTION_DAYS),
    ),
    batches: new DynamoBatchStore(
      stores.dynamo,
      stores.config.tableName,
      retentionSeconds(env.JOB_RETENTION_DAYS),
    ),
    waves: stores.waves,
    reports: stores.reports,
    uploadsBucket: stores.config.uploadsBucket,
    reportsBucket: stores.config.reportsBucket,
    signer: new S3UrlSigner(s3),
    queue: new SqsJobQueue(sqs, config.jobsQueueUrl),
    // the webhook routes need API_BASE_URL (the links in the payloads); without it they refuse with a German message
    webhooks:
      webhookAdmin ??
      (env.API_BASE_URL?.trim() ? asWebhookAdmin(useWebhookService(env)) : webhooksNotConfigured),
    authenticate: jwtClaimsAuthenticator,
    gemeinden: loadGemeinden().gemeinden,
    onError: (error, c) =>
      logger.error('api request failed', {
        method: c.req.method,
        path: c.req.routePath,
        error: describeError(error),
      }),
  });
  built = {
    key,
    app,
    destroy: () => {
      s3.destroy();
      sqs.destroy();
    },
  };
  return app;
}
