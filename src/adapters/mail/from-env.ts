/**
 * E-mail settings from the environment:
 * - `OUTBOX_DIR`: write mails into this folder (local mode) instead of sending them;
 * - `MAIL_FROM`: sender address (SES identity); without OUTBOX_DIR it switches SES on;
 * - `MAIL_FROM_NAME`: sender display name (default „Landespräventionsrat Sachsen – Sicherheitsanalyse“);
 * - `MAIL_CONFIGURATION_SET`: SES configuration set (optional);
 * - `MAIL_REPLY_TO`: comma-separated reply-to addresses (optional);
 * - `MAIL_FALLBACK_TO`: comma-separated addresses (LPR team) that get endpoint-disabled mails when the
 *   endpoint has no coordinator address (optional);
 * - `PORTAL_URL`: base URL of the portal the mails link to (required for sending).
 * Neither OUTBOX_DIR nor MAIL_FROM: no mailer (no mail is sent).
 */
import type { Mailer } from '../../core/ports.js';
import { OutboxMailer } from './outbox-mailer.js';
import { SesMailer, type SesClientLike } from './ses-mailer.js';

export interface MailSettings {
  readonly mailer?: Mailer;
  readonly portalUrl?: string;
  readonly fallbackTo: readonly string[];
}

const list = (v: string | undefined) =>
  (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
const value = (v: string | undefined) => (v && v.trim() !== '' ? v.trim() : undefined);

export function mailSettingsFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
  sesClient?: SesClientLike,
): MailSettings {
  const from = value(env.MAIL_FROM);
  const fromName = value(env.MAIL_FROM_NAME);
  const outbox = value(env.OUTBOX_DIR);
  const portalUrl = value(env.PORTAL_URL);
  const replyTo = list(env.MAIL_REPLY_TO);
  const configurationSetName = value(env.MAIL_CONFIGURATION_SET);
  let mailer: Mailer | undefined;
  if (outbox) {
    mailer = new OutboxMailer({ dir: outbox, ...(from && { from }), ...(fromName && { fromName }) });
  } else if (from) {
    mailer = new SesMailer({
      from,
      ...(fromName && { fromName }),
      ...(sesClient && { client: sesClient }),
      ...(replyTo.length > 0 && { replyTo }),
      ...(configurationSetName && { configurationSetName }),
    });
  }
  return {
    ...(mailer && { mailer }),
    ...(portalUrl && { portalUrl }),
    fallbackTo: list(env.MAIL_FALLBACK_TO),
  };
}
