/**
 * The worker's notifier (src/app/notify.ts): webhooks when `API_BASE_URL` is set (the links in the
 * payloads point there), e-mail when `MAIL_FROM` (SES) or `OUTBOX_DIR` (local) is set. Without
 * either, jobs run without notifications. Built once per configuration.
 */
import type { S3ObjectStore } from '../../src/adapters/s3-store.js';
import { mailSettingsFromEnv } from '../../src/adapters/mail/from-env.js';
import { loadEmailTemplates } from '../../src/adapters/mail/templates.js';
import {
  contactsFromUploads,
  createNotifier,
  validationFromReports,
  type NotifyErrorContext,
} from '../../src/app/notify.js';
import { asWebhookChannel } from '../../src/app/webhooks/channel.js';
import type { Notifier } from '../../src/core/ports.js';
import { describeError } from './errors.js';
import { logger } from './observability.js';
import { useWebhookService } from './webhooks.js';

type Env = Readonly<Record<string, string | undefined>>;

let cached: { readonly key: string; readonly notifier: Promise<Notifier | undefined> } | undefined;

export function useNotifier(
  stores: { readonly uploads: S3ObjectStore; readonly reports: S3ObjectStore },
  env: Env = process.env,
): Promise<Notifier | undefined> {
  const key = JSON.stringify([
    env.API_BASE_URL,
    env.MAIL_FROM,
    env.OUTBOX_DIR,
    env.PORTAL_URL,
    env.TABLE_NAME,
    env.AWS_ENDPOINT_URL_DYNAMODB,
    env.AWS_ENDPOINT_URL_S3,
  ]);
  if (cached?.key !== key) cached = { key, notifier: build(stores, env) };
  return cached.notifier;
}

async function build(
  stores: { readonly uploads: S3ObjectStore; readonly reports: S3ObjectStore },
  env: Env,
): Promise<Notifier | undefined> {
  const apiBaseUrl = env.API_BASE_URL?.trim();
  const mail = mailSettingsFromEnv(env);
  if (!apiBaseUrl && !mail.mailer) return undefined;
  const templates = mail.mailer
    ? await loadEmailTemplates(env.REPORT_ASSETS_DIR?.trim() || undefined)
    : undefined;
  return createNotifier({
    ...(apiBaseUrl && { webhooks: asWebhookChannel(useWebhookService(env)) }),
    ...(mail.mailer && { mailer: mail.mailer }),
    ...(templates && { templates }),
    contactsOf: contactsFromUploads(stores.uploads),
    validationOf: validationFromReports(stores.reports),
    links: { portalUrl: mail.portalUrl ?? apiBaseUrl ?? 'http://127.0.0.1' },
    now: () => new Date(),
    onError: (error: unknown, context: NotifyErrorContext) =>
      logger.warn('notification failed', { ...context, error: describeError(error) }),
  });
}
