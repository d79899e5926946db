/**
 * The dispatcher's e-mail when a webhook endpoint is disabled: to its coordinator (or
 * MAIL_FALLBACK_TO). Settings: `MAIL_FROM` / `OUTBOX_DIR`, `PORTAL_URL`, `MAIL_FALLBACK_TO`
 * (src/adapters/mail/from-env.ts); templates from `REPORT_ASSETS_DIR` (the bundle) or the repository.
 */
import { mailSettingsFromEnv } from '../../src/adapters/mail/from-env.js';
import { loadEmailTemplates } from '../../src/adapters/mail/templates.js';
import { notifyEndpointDisabled } from '../../src/app/notify.js';
import type { WebhookServiceOptions } from '../../src/app/webhooks.js';
import type { EmailTemplates } from '../../src/core/email/types.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Mails the coordinator when an endpoint is disabled; undefined without mail settings. */
export function endpointDisabledMailer(env: Env = process.env): WebhookServiceOptions['onEndpointDisabled'] {
  const settings = mailSettingsFromEnv(env);
  const { mailer, portalUrl } = settings;
  if (!mailer || !portalUrl) return undefined;
  let templates: Promise<EmailTemplates> | undefined;
  return async (endpoint, notice) => {
    templates ??= loadEmailTemplates(env.REPORT_ASSETS_DIR?.trim() || undefined);
    await notifyEndpointDisabled(
      {
        mailer,
        templates: await templates,
        links: { portalUrl },
        now: () => new Date(),
        fallbackTo: settings.fallbackTo,
      },
      endpoint,
      notice,
    );
  };
}
