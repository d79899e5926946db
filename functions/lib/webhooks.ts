/**
 * The webhook service for the functions (the scheduled dispatcher; the API Lambda may use the same
 * builder), configured from the environment:
 *
 * - `TABLE_NAME` (required): the job table (webhook items and the `webhooksDue` index live there);
 * - `API_BASE_URL` (required): base URL of the HTTP API the payload links point to;
 * - `WEBHOOK_TIMEOUT_MS` (default 10000), `WEBHOOK_CONCURRENCY` (default 8),
 *   `WEBHOOK_MAX_PER_RUN` (default 100), `WEBHOOK_ROTATION_OVERLAP_HOURS` (default 24);
 * - `WEBHOOK_ALLOW_INSECURE_LOOPBACK=true`: local stack only (http://127.0.0.1 receivers); refused on Lambda;
 * - the e-mail for disabled endpoints is wired by the dispatcher (functions/lib/endpoint-mail.ts), so
 *   the API's bundle carries no e-mail renderer;
 * - locally `AWS_ENDPOINT_URL_DYNAMODB` (read by the SDK).
 */
import { createDynamoClient } from '../../src/adapters/aws/clients.js';
import { systemResolver } from '../../src/adapters/webhooks/dns-resolver.js';
import { DynamoWebhookStore } from '../../src/adapters/webhooks/dynamo-webhook-store.js';
import { createHttpSender } from '../../src/adapters/webhooks/http-sender.js';
import { WebhookService, type WebhookServiceOptions } from '../../src/app/webhooks.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface WebhookConfig {
  readonly tableName: string;
  readonly apiBaseUrl: string;
  /** PORTAL_URL: payloads link the portal page too. */
  readonly portalUrl?: string;
  readonly requestTimeoutMs: number;
  readonly concurrency: number;
  readonly maxPerDispatch: number;
  readonly rotationOverlapMs: number;
  readonly allowInsecureLoopback: boolean;
  readonly dynamodbEndpoint?: string;
}

export function readWebhookConfig(env: Env = process.env): WebhookConfig {
  const optional = (name: string): string | undefined => env[name]?.trim() || undefined;
  const required = (name: string): string => {
    const value = optional(name);
    if (!value) throw new Error(`environment variable ${name} is not set`);
    return value;
  };
  const positive = (name: string, fallback: number): number => {
    const raw = optional(name);
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n <= 0)
      throw new Error(`environment variable ${name} must be a positive number, got ${raw}`);
    return n;
  };
  const apiBaseUrl = required('API_BASE_URL');
  if (!URL.canParse(apiBaseUrl)) throw new Error(`API_BASE_URL is not a URL: ${apiBaseUrl}`);
  const allowInsecureLoopback = optional('WEBHOOK_ALLOW_INSECURE_LOOPBACK') === 'true';
  if (allowInsecureLoopback && (env.AWS_EXECUTION_ENV ?? '').startsWith('AWS_Lambda'))
    throw new Error('WEBHOOK_ALLOW_INSECURE_LOOPBACK is for the local stack only and refused on AWS Lambda');
  const dynamodbEndpoint = optional('AWS_ENDPOINT_URL_DYNAMODB') ?? optional('AWS_ENDPOINT_URL');
  const portalUrl = optional('PORTAL_URL');
  if (portalUrl !== undefined && !URL.canParse(portalUrl))
    throw new Error(`PORTAL_URL is not a URL: ${portalUrl}`);
  return {
    ...(portalUrl !== undefined && { portalUrl }),
    tableName: required('TABLE_NAME'),
    apiBaseUrl,
    requestTimeoutMs: positive('WEBHOOK_TIMEOUT_MS', 10_000),
    concurrency: Math.floor(positive('WEBHOOK_CONCURRENCY', 8)),
    maxPerDispatch: Math.floor(positive('WEBHOOK_MAX_PER_RUN', 100)),
    rotationOverlapMs: positive('WEBHOOK_ROTATION_OVERLAP_HOURS', 24) * 3_600_000,
    allowInsecureLoopback,
    ...(dynamodbEndpoint && { dynamodbEndpoint }),
  };
}

/** Builds the service from the environment; `overrides` replace single dependencies (tests, the local stack). */
export function buildWebhookService(
  env: Env = process.env,
  overrides: Partial<WebhookServiceOptions> = {},
): WebhookService {
  const config = readWebhookConfig(env);
  const client = createDynamoClient(config.dynamodbEndpoint ? { endpoint: config.dynamodbEndpoint } : {});
  return new WebhookService({
    store: new DynamoWebhookStore(client, config.tableName),
    resolve: systemResolver(),
    send: createHttpSender(),
    apiBaseUrl: config.apiBaseUrl,
    ...(config.portalUrl !== undefined && { portalUrl: config.portalUrl }),
    urlPolicy: { allowInsecureLoopback: config.allowInsecureLoopback },
    requestTimeoutMs: config.requestTimeoutMs,
    concurrency: config.concurrency,
    maxPerDispatch: config.maxPerDispatch,
    rotationOverlapMs: config.rotationOverlapMs,
    ...overrides,
  });
}

let cached: { readonly key: string; readonly service: WebhookService } | undefined;

/** The service for the current environment, built once per container (overrides apply when it is built). */
export function useWebhookService(
  env: Env = process.env,
  overrides: Partial<WebhookServiceOptions> = {},
): WebhookService {
  const key = JSON.stringify(readWebhookConfig(env));
  if (cached?.key !== key) cached = { key, service: buildWebhookService(env, overrides) };
  return cached.service;
}
