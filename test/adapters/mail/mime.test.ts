import { describe, expect, it } from 'vitest';
import {
  buildMessage,
  encodeWords,
  formatAddress,
  header,
  quotedPrintable,
  rfc5322Date,
} from '../../../src/adapters/mail/mime.js';
import { decodeWords, parseEml } from './eml.js';

describe('RFC 2047 header encoding', () => {
  it('leaves ASCII words as they are and encodes the others as UTF-8 B-words of at most 75 characters', () => {
    expect(encodeWords('Bericht fertig')).toEqual(['Bericht', 'fertig']);
    const subject =
      'Sicherheitsanalyse Großenhain: Bericht für Gemeinde Düben – Übersicht ÄÖÜäöüßÄÖÜäöüßÄÖÜäöüßÄÖÜäöüß €';
    const words = encodeWords(subject);
    expect(words.slice(0, 1)).toEqual(['Sicherheitsanalyse']);
    const encoded = words.filter((w) => w.startsWith('=?'));
    expect(encoded.length).toBeGreaterThan(4);
    for (const w of encoded) {
      expect(w).toMatch(/^=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?=$/);
      expect(w.length).toBeLessThanOrEqual(75);
    }
    expect(decodeWords(words.join(' '))).toBe(subject);
    // ASCII that looks like an encoded word is encoded too, so it cannot be misread
    expect(encodeWords('=?UTF-8?B?eA==?=')[0]).not.toBe('=?UTF-8?B?eA==?=');
    expect(decodeWords(encodeWords('=?UTF-8?B?eA==?=').join(' '))).toBe('=?UTF-8?B?eA==?=');
  });

  it('never splits a multi-byte character between words', () => {
    const words = encodeWords('ü'.repeat(60));
    for (const w of words) expect(Buffer.from(w.slice(10, -2), 'base64').toString('utf8')).toMatch(/^ü+$/);
  });

  it('folds long headers and removes line breaks (no header injection)', () => {
    const h = header('Subject', 'Sicherheitsanalyse Großenhain\r\nBcc: evil@example.com');
    expect(decodeWords(h.replace(/\r\n /g, ' ').replace(/^Subject: /, ''))).toBe(
      'Sicherheitsanalyse Großenhain Bcc: evil@example.com',
    );
    expect(h.split('\r\n').every((l, i) => i === 0 || l.startsWith(' '))).toBe(true);
    for (const l of h.split('\r\n')) expect(l.length).toBeLessThanOrEqual(78);
  });

  it('formats the sender with an encoded display name and rejects malformed addresses', () => {
    expect(formatAddress('sia@lpr.example', 'LPR Sachsen')).toBe('"LPR Sachsen" <sia@lpr.example>');
    expect(decodeWords(formatAddress('sia@lpr.example', 'Landespräventionsrat Sachsen'))).toBe(
      'Landespräventionsrat Sachsen <sia@lpr.example>',
    );
    expect(formatAddress('sia@lpr.example', 'Landespräventionsrat Sachsen – Sicherheitsanalyse')).toBe(
      '=?UTF-8?B?TGFuZGVzcHLDpHZlbnRpb25zcmF0?= Sachsen =?UTF-8?B?4oCT?= Sicherheitsanalyse <sia@lpr.example>',
    );
    expect(decodeWords(formatAddress('sia@lpr.example', 'Prävention, Stadt <Düben>'))).toBe(
      'Prävention, Stadt <Düben> <sia@lpr.example>',
    );
    expect(formatAddress('sia@lpr.example', 'Prävention, Stadt <Düben>')).not.toMatch(/[,<>].*</);
    expect(() => formatAddress('sia@lpr.example\r\nBcc: x@y.z')).toThrow(/Invalid e-mail address/);
  });

  it('writes RFC 5322 dates', () => {
    expect(rfc5322Date(new Date('2026-05-12T08:30:00Z'))).toBe('Tue, 12 May 2026 08:30:00 +0000');
  });
});

describe('quoted-printable', () => {
  it('encodes UTF-8, "=", trailing spaces and keeps lines within 76 characters', () => {
    const text = `Grüße = Ä\nEnde mit Leerzeichen \n${'ö'.repeat(50)}${'a'.repeat(100)}`;
    const qp = quotedPrintable(text);
    expect(qp).toMatch(/^Gr=C3=BC=C3=9Fe =3D =C3=84\r\n/);
    expect(qp).toContain('Ende mit Leerzeichen=20\r\n');
    for (const l of qp.split('\r\n')) expect(l.length).toBeLessThanOrEqual(76);
    // no escape sequence split by a soft line break
    expect(qp).not.toMatch(/=[0-9A-F]?=\r\n/);
  });
});

describe('buildMessage', () => {
  it('builds a parseable multipart/alternative message with both parts', () => {
    const mail = {
      to: ['a@musterstadt.example', 'b@musterstadt.example'],
      subject: 'Bericht für Großenhain ist fertig',
      text: 'Grüße\nZeile 2\n',
      html: '<p>Grüße</p>\n',
    };
    const eml = buildMessage(mail, {
      from: '"LPR" <sia@lpr.example>',
      date: new Date('2026-05-12T08:30:00Z'),
      messageId: '<1@lpr.example>',
    });
    expect(/^[\x00-\x7F]*$/.test(eml)).toBe(true);
    const parsed = parseEml(eml);
    expect(parsed.headers.subject).toBe(mail.subject);
    expect(parsed.raw.subject).toMatch(/=\?UTF-8\?B\?/);
    expect(parsed.headers.to).toBe('a@musterstadt.example, b@musterstadt.example');
    expect(parsed.headers['mime-version']).toBe('1.0');
    expect(parsed.headers['message-id']).toBe('<1@lpr.example>');
    expect(parsed.headers.date).toBe('Tue, 12 May 2026 08:30:00 +0000');
    expect(parsed.parts.map((p) => p.contentType)).toEqual(['text/plain', 'text/html']);
    expect(parsed.parts.map((p) => p.charset)).toEqual(['utf-8', 'utf-8']);
    expect(parsed.parts[0]?.body).toBe(mail.text);
    expect(parsed.parts[1]?.body).toBe(mail.html);
  });

  it('refuses recipients that could inject headers, and an empty recipient list', () => {
    const base = { subject: 's', text: 't', html: 'h' };
    const options = { from: 'sia@lpr.example', date: new Date(0) };
    expect(() => buildMessage({ ...base, to: ['a@b.example\r\nBcc: c@d.example'] }, options)).toThrow(
      /Invalid e-mail address/,
    );
    expect(() => buildMessage({ ...base, to: ['Name <a@b.example>'] }, options)).toThrow(
      /Invalid e-mail address/,
    );
    expect(() => buildMessage({ ...base, to: [] }, options)).toThrow(/at least one recipient/);
  });
});
