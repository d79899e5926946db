import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { OutboxMailer, slugOf, stampOf } from '../../../src/adapters/mail/outbox-mailer.js';
import { parseEml } from './eml.js';

const mail = {
  to: ['praevention@grossenhain.example'],
  subject: 'Sicherheitsanalyse Großenhain: Bericht (Version 3) ist fertig – Übersicht',
  text: 'Guten Tag,\n\nder Bericht für Großenhain ist fertig.\n',
  html: '<!doctype html><html lang="de"><body><p>Der Bericht für Großenhain ist fertig.</p></body></html>\n',
};

describe('OutboxMailer', () => {
  let dir: string;
  const now = () => new Date('2026-05-12T08:30:00.123Z');

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sia-outbox-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes <timestamp>-<slug>.eml (multipart/alternative, both parts) and a .html copy', async () => {
    const outbox = new OutboxMailer({ dir: join(dir, 'outbox'), from: 'sia@lpr.example', now });
    const entry = await outbox.write(mail);
    expect(basename(entry.eml)).toBe(
      '20260512T083000123Z-sicherheitsanalyse-grossenhain-bericht-version-3-ist-fertig.eml',
    );
    expect(basename(entry.html)).toBe(
      '20260512T083000123Z-sicherheitsanalyse-grossenhain-bericht-version-3-ist-fertig.html',
    );
    expect(await readFile(entry.html, 'utf8')).toBe(mail.html);

    const raw = await readFile(entry.eml, 'utf8');
    expect(/^[\x00-\x7F]*$/.test(raw)).toBe(true); // headers encoded, bodies quoted-printable
    const parsed = parseEml(raw);
    expect(parsed.headers.subject).toBe(mail.subject);
    expect(parsed.raw.subject).toMatch(/=\?UTF-8\?B\?/);
    expect(parsed.raw.subject).not.toMatch(/[äöüß–]/);
    expect(parsed.headers.from).toBe('Landespräventionsrat Sachsen – Sicherheitsanalyse <sia@lpr.example>');
    expect(parsed.headers.to).toBe('praevention@grossenhain.example');
    expect(parsed.headers['auto-submitted']).toBe('auto-generated');
    expect(parsed.headers['content-type']).toMatch(/^multipart\/alternative; boundary="/);
    expect(parsed.parts).toHaveLength(2);
    expect(parsed.parts[0]).toMatchObject({ contentType: 'text/plain', charset: 'utf-8', body: mail.text });
    expect(parsed.parts[1]).toMatchObject({ contentType: 'text/html', charset: 'utf-8', body: mail.html });
    for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
  });

  it('never overwrites: the same time and subject get a -2 suffix; no temporary files are left', async () => {
    const outbox = new OutboxMailer({ dir, now });
    const a = await outbox.write(mail);
    const b = await outbox.write({ ...mail, text: 'zweite\n' });
    expect(basename(b.eml)).toBe(basename(a.eml).replace(/\.eml$/, '-2.eml'));
    expect(parseEml(await readFile(a.eml, 'utf8')).parts[0]?.body).toBe(mail.text);
    expect(parseEml(await readFile(b.eml, 'utf8')).parts[0]?.body).toBe('zweite\n');
    expect((await readdir(dir)).sort()).toEqual(
      [a.eml, a.html, b.eml, b.html].map((p) => basename(p)).sort(),
    );
  });

  it('send() writes the files; concurrent sends all land', async () => {
    const outbox = new OutboxMailer({ dir, now });
    await Promise.all(Array.from({ length: 5 }, () => outbox.send(mail)));
    const files = await readdir(dir);
    expect(files.filter((f) => f.endsWith('.eml'))).toHaveLength(5);
    expect(files.filter((f) => f.endsWith('.html'))).toHaveLength(5);
    expect(files.filter((f) => f.startsWith('.'))).toEqual([]);
  });

  it('rejects a bad recipient without writing anything', async () => {
    const outbox = new OutboxMailer({ dir, now });
    await writeFile(join(dir, 'keep.txt'), 'x');
    await expect(outbox.send({ ...mail, to: ['x@y.example\nBcc: z@w.example'] })).rejects.toThrow(
      /Invalid e-mail address/,
    );
    expect(await readdir(dir)).toEqual(['keep.txt']);
  });
});

describe('file names', () => {
  it('slugs are ASCII, umlauts transliterated, at most 60 characters', () => {
    expect(slugOf('Webhook-Endpunkt deaktiviert: hooks.düben.example')).toBe(
      'webhook-endpunkt-deaktiviert-hooks-dueben-example',
    );
    expect(slugOf('Ärger für Straße café')).toBe('aerger-fuer-strasse-cafe');
    expect(slugOf('???')).toBe('mail');
    expect(slugOf('x'.repeat(100)).length).toBe(60);
    expect(slugOf('Sicherheitsanalyse Großenhain: Daten fehlerhaft, Bericht nicht erstellt')).toBe(
      'sicherheitsanalyse-grossenhain-daten-fehlerhaft-bericht',
    );
    expect(stampOf(new Date('2026-01-02T03:04:05.006Z'))).toBe('20260102T030405006Z');
  });
});
