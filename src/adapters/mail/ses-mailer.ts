/**
 * The AWS mailer: SESv2 SendEmail with Simple content (subject, HTML and text, UTF-8) from the
 * configured sender. Recipients go in one message (SES allows 50 per message; more are split).
 * Errors from SES are thrown; the notifier reports them and carries on.
 */
import { SendEmailCommand, SESv2Client, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import type { Mail, Mailer } from '../../core/ports.js';
import { assertAddresses, formatAddress } from './mime.js';
import { DEFAULT_FROM_NAME } from './outbox-mailer.js';

/** What SesMailer needs of the SESv2 client (injectable for tests). */
export interface SesClientLike {
  send(command: SendEmailCommand): Promise<unknown>;
}

export interface SesMailerOptions {
  /** Verified sender address (SES identity), e.g. `sicherheitsanalyse@lpr.sachsen.example`. */
  readonly from: string;
  readonly fromName?: string;
  readonly client?: SesClientLike;
  readonly configurationSetName?: string;
  readonly replyTo?: readonly string[];
}

export const SES_MAX_RECIPIENTS = 50;

export class SesMailer implements Mailer {
  private readonly client: SesClientLike;
  private readonly from: string;

  constructor(private readonly options: SesMailerOptions) {
    this.from = formatAddress(options.from, options.fromName ?? DEFAULT_FROM_NAME);
    if (options.replyTo) assertAddresses(options.replyTo);
    this.client = options.client ?? new SESv2Client({});
  }

  /** The SendEmail input for one message (exported for tests and logging). */
  input(mail: Mail, to: readonly string[] = mail.to): SendEmailCommandInput {
    const utf8 = (Data: string) => ({ Data, Charset: 'UTF-8' });
    return {
      FromEmailAddress: this.from,
      Destination: { ToAddresses: [...to] },
      ...(this.options.replyTo &&
        this.options.replyTo.length > 0 && { ReplyToAddresses: [...this.options.replyTo] }),
      Content: {
        Simple: {
          Subject: utf8(mail.subject),
          Body: { Text: utf8(mail.text), Html: utf8(mail.html) },
          Headers: [{ Name: 'Auto-Submitted', Value: 'auto-generated' }],
        },
      },
      ...(this.options.configurationSetName && { ConfigurationSetName: this.options.configurationSetName }),
    };
  }

  async send(mail: Mail): Promise<void> {
    assertAddresses(mail.to);
    if (mail.to.length === 0) throw new TypeError('A mail needs at least one recipient.');
    for (let i = 0; i < mail.to.length; i += SES_MAX_RECIPIENTS) {
      await this.client.send(
        new SendEmailCommand(this.input(mail, mail.to.slice(i, i + SES_MAX_RECIPIENTS))),
      );
    }
  }
}
