import { describe, expect, it } from 'vitest';
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { SesMailer } from '../../../src/adapters/mail/ses-mailer.js';
import { decodeWords } from './eml.js';

function fakeClient() {
  const sent: SendEmailCommand[] = [];
  return {
    sent,
    client: {
      send: async (command: SendEmailCommand) => (sent.push(command), { MessageId: `m${sent.length}` }),
    },
  };
}

const mail = {
  to: ['praevention@grossenhain.example', 'ordnungsamt@grossenhain.example'],
  subject: 'Sicherheitsanalyse Großenhain: Bericht (Version 3) ist fertig',
  text: 'Grüße\n',
  html: '<p>Grüße</p>',
};

describe('SesMailer', () => {
  it('sends one SendEmailCommand with Simple content (subject, HTML and text in UTF-8) from the configured sender', async () => {
    const { sent, client } = fakeClient();
    await new SesMailer({
      from: 'sicherheitsanalyse@lpr.example',
      client,
      configurationSetName: 'sia-mail',
      replyTo: ['asskomm@lpr.example'],
    }).send(mail);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toBeInstanceOf(SendEmailCommand);
    const input = sent[0]!.input;
    expect(decodeWords(input.FromEmailAddress ?? '')).toBe(
      'Landespräventionsrat Sachsen – Sicherheitsanalyse <sicherheitsanalyse@lpr.example>',
    );
    expect(input.FromEmailAddress).toBe(
      '=?UTF-8?B?TGFuZGVzcHLDpHZlbnRpb25zcmF0?= Sachsen =?UTF-8?B?4oCT?= Sicherheitsanalyse <sicherheitsanalyse@lpr.example>',
    );
    expect(input).toMatchObject({
      Destination: { ToAddresses: mail.to },
      ReplyToAddresses: ['asskomm@lpr.example'],
      ConfigurationSetName: 'sia-mail',
      Content: {
        Simple: {
          Subject: { Data: mail.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: mail.text, Charset: 'UTF-8' }, Html: { Data: mail.html, Charset: 'UTF-8' } },
          Headers: [{ Name: 'Auto-Submitted', Value: 'auto-generated' }],
        },
      },
    });
  });

  it('leaves optional fields out and uses a plain ASCII display name as given', async () => {
    const { sent, client } = fakeClient();
    await new SesMailer({ from: 'sia@lpr.example', fromName: 'LPR Sachsen', client }).send(mail);
    const input = sent[0]!.input;
    expect(input.FromEmailAddress).toBe('"LPR Sachsen" <sia@lpr.example>');
    expect(input).not.toHaveProperty('ConfigurationSetName');
    expect(input).not.toHaveProperty('ReplyToAddresses');
  });

  it('splits more than 50 recipients into several messages', async () => {
    const { sent, client } = fakeClient();
    const to = Array.from({ length: 120 }, (_, i) => `k${i}@grossenhain.example`);
    await new SesMailer({ from: 'sia@lpr.example', client }).send({ ...mail, to });
    expect(sent.map((c) => c.input.Destination?.ToAddresses?.length)).toEqual([50, 50, 20]);
    expect(sent.flatMap((c) => c.input.Destination?.ToAddresses ?? [])).toEqual(to);
  });

  it('rejects malformed addresses before calling SES, and passes SES errors on', async () => {
    const { sent, client } = fakeClient();
    const mailer = new SesMailer({ from: 'sia@lpr.example', client });
    await expect(mailer.send({ ...mail, to: ['a@b.example, c@d.example'] })).rejects.toThrow(
      /Invalid e-mail address/,
    );
    expect(sent).toHaveLength(0);
    expect(() => new SesMailer({ from: 'not an address', client })).toThrow(/Invalid e-mail address/);
    const failing = new SesMailer({
      from: 'sia@lpr.example',
      client: {
        send: async () =>
          Promise.reject(
            Object.assign(new Error('Email address is not verified.'), { name: 'MessageRejected' }),
          ),
      },
    });
    await expect(failing.send(mail)).rejects.toThrow(/not verified/);
  });
});
