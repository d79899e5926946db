import { describe, expect, it } from 'vitest';
import { mailSettingsFromEnv } from '../../../src/adapters/mail/from-env.js';
import { OutboxMailer } from '../../../src/adapters/mail/outbox-mailer.js';
import { SesMailer } from '../../../src/adapters/mail/ses-mailer.js';

const client = { send: async () => ({}) };

describe('mailSettingsFromEnv', () => {
  it('OUTBOX_DIR wins (local mode)', () => {
    const s = mailSettingsFromEnv(
      { OUTBOX_DIR: '/tmp/outbox', MAIL_FROM: 'sia@lpr.example', PORTAL_URL: 'http://127.0.0.1:3000' },
      client,
    );
    expect(s.mailer).toBeInstanceOf(OutboxMailer);
    expect(s.portalUrl).toBe('http://127.0.0.1:3000');
  });

  it('MAIL_FROM alone selects SES; lists are split on commas', () => {
    const s = mailSettingsFromEnv(
      {
        MAIL_FROM: 'sia@lpr.example',
        MAIL_REPLY_TO: 'a@lpr.example',
        MAIL_FALLBACK_TO: ' a@lpr.example, b@lpr.example ,',
        PORTAL_URL: 'https://portal.example',
      },
      client,
    );
    expect(s.mailer).toBeInstanceOf(SesMailer);
    expect(s.fallbackTo).toEqual(['a@lpr.example', 'b@lpr.example']);
  });

  it('neither: no mailer', () => {
    expect(mailSettingsFromEnv({ MAIL_FROM: '  ' })).toEqual({ fallbackTo: [] });
  });
});
