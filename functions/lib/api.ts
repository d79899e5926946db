/**
 * The API function's container: the Hono app of src/api, built once per configuration and reused
 * across warm invocations. Stores come from the shared container (functions/lib/container.ts); the
 * presigner gets an S3 client of its own (without X-Ray capture, which presigning does not need).
 *
 * Environment: UPLOADS_BUCKET, REPORTS_BUCKET, TABLE_NAME (as the worker), JOBS_QUEUE_URL (the
 * worker's SQS queue, for regenerations; the function needs sqs:SendMessage on it).
 */
import { SQSClient } from '@aws-sdk/client-sqs';
import { createS3Client } from '../../src/adapters/aws/clients.js';
import { createApiApp, type ApiApp } from '../../src/api/app.js';
import { jwtClaimsAuthenticator } from '../../src/api/auth.js';
import { S3UrlSigner } from '../../src/api/aws/s3-url-signer.js';
import { SqsJobQueue } from '../../src/api/aws/sqs-job-queue.js';
import { webhooksNotConfigured } from '../../src/api/no-webhooks.js';
import type { WebhookAdmin } from '../../src/api/ports.js';
import { asWebhookAdmin } from '../../src/app/webhooks/admin.js';
import { useStores } from './container.js';
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
  const key = JSON.stringify([stores.config, config, env.API_BASE_URL]);
  if (built?.key === key) return built.app;
  built?.destroy();
  const s3 = createS3Client(stores.config.s3Endpoint ? { endpoint: stores.config.s3Endpoint } : {});
  const sqs = new SQSClient({});
  const app = createApiApp({
    jobs: stores.jobs,
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
