/**
 * The notification outbox of the functions (src/app/outbox.ts): the worker and the dead-letter
 * function write each final status with its notification and deliver it at once; the scheduled
 * dispatcher delivers what is still due. Channels: webhooks when `API_BASE_URL` is set (the links in
 * the payloads point there), e-mail when `MAIL_FROM` (SES) or `OUTBOX_DIR` (local) is set. Without
 * either, jobs run without notifications. Built once per configuration.
 */
import { DynamoOutboxStore } from '../../src/adapters/dynamo-outbox-store.js';
import { mailSettingsFromEnv } from '../../src/adapters/mail/from-env.js';
import { loadEmailTemplates } from '../../src/adapters/mail/templates.js';
import { contactsFromUploads, validationFromReports, type NotifyErrorContext } from '../../src/app/notify.js';
import { NotificationOutbox } from '../../src/app/outbox.js';
import { asWebhookChannel } from '../../src/app/webhooks/channel.js';
import { describeError } from './errors.js';
import { logger } from './observability.js';
import type { Stores } from './stores.js';
import { useWebhookService } from './webhooks.js';

type Env = Readonly<Record<string, string | undefined>>;

let cached:
  | {
      readonly key: string;
      readonly stores: Stores;
      readonly outbox: Promise<NotificationOutbox | undefined>;
    }
  | undefined;

export function useOutbox(stores: Stores, env: Env = process.env): Promise<NotificationOutbox | undefined> {
  const key = JSON.stringify([env.API_BASE_URL, env.MAIL_FROM, env.OUTBOX_DIR, env.PORTAL_URL]);
  if (cached?.key !== key || cached.stores !== stores) cached = { key, stores, outbox: build(stores, env) };
  const outbox = cached.outbox;
  outbox.catch(() => {
    if (cached?.outbox === outbox) cached = undefined;
  });
  return outbox;
}

async function build(stores: Stores, env: Env): Promise<NotificationOutbox | undefined> {
  const apiBaseUrl = env.API_BASE_URL?.trim();
  const mail = mailSettingsFromEnv(env);
  if (!apiBaseUrl && !mail.mailer) return undefined;
  const templates = mail.mailer
    ? await loadEmailTemplates(env.REPORT_ASSETS_DIR?.trim() || undefined)
    : undefined;
  return new NotificationOutbox({
    store: new DynamoOutboxStore(stores.dynamo, stores.config.tableName),
    notify: {
      ...(apiBaseUrl && { webhooks: asWebhookChannel(useWebhookService(env)) }),
      ...(mail.mailer && { mailer: mail.mailer }),
      ...(templates && { templates }),
      contactsOf: contactsFromUploads(stores.uploads, stores.jobs),
      validationOf: validationFromReports(stores.reports),
      links: { portalUrl: mail.portalUrl ?? apiBaseUrl ?? 'http://127.0.0.1' },
      now: () => new Date(),
      onError: (error: unknown, context: NotifyErrorContext) =>
        logger.warn('notification failed', { ...context, error: describeError(error) }),
    },
  });
}
