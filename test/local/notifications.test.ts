/**
 * Notifications in the local stack, end to end: a municipality registers a webhook endpoint (a real
 * HTTP receiver on 127.0.0.1) through the API, uploads its analysis, and when the report is ready
 * the receiver gets `report.ready` signed per Standard Webhooks (verified with the reference
 * library) and the coordinator's e-mail lands in the outbox. An invalid upload yields
 * `analysis.invalid` and a mail with the located problem.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInputFolder } from '../../src/adapters/fs-input.js';
import { contentTypeOf } from '../../src/cli/commands/upload.js';
import { fakePrinter, startTestStack, type TestStack } from '../support/local-stack.js';

const AGS = '14522999';
const TOKEN = 'kommune-token-notifications-01';
const AS = { Authorization: `Bearer ${TOKEN}`, 'Content-Type': 'application/json' };

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

let t: TestStack;
let api: string;
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

async function upload(id: string, mutate?: (name: string, bytes: Uint8Array) => Uint8Array): Promise<void> {
  expect(
    (
      await fetch(`${api}/analyses`, {
        method: 'POST',
        headers: AS,
        body: JSON.stringify({ ags: AGS, analysisId: id }),
      })
    ).status,
  ).toBe(201);
  const files = (await readInputFolder('examples/musterstadt'))
    .filter((f) => f.name !== 'README.md')
    .map((f) => ({ ...f, bytes: mutate ? mutate(f.name, f.bytes) : f.bytes }));
  const res = await fetch(`${api}/analyses/${AGS}/${id}/upload-urls`, {
    method: 'POST',
    headers: AS,
    body: JSON.stringify({
      files: files.map((f) => ({ name: f.name, size: f.bytes.length, contentType: contentTypeOf(f.name) })),
    }),
  });
  const { files: urls } = (await res.json()) as {
    files: { name: string; url: string; headers: Record<string, string> }[];
  };
  for (const u of urls) {
    const file = files.find((f) => f.name === u.name)!;
    expect(
      (
        await fetch(u.url, {
          method: 'PUT',
          body: file.bytes as Uint8Array<ArrayBuffer>,
          headers: { 'Content-Type': u.headers['Content-Type'] ?? '' },
        })
      ).status,
    ).toBe(200);
  }
}

/** The outbox's messages (.eml) or their HTML copies, oldest first. */
async function outbox(kind: 'eml' | 'html' = 'eml'): Promise<string[]> {
  const dir = t.stack.outboxDir!;
  const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => n.endsWith(`.${kind}`)).sort();
  return Promise.all(names.map((n) => readFile(join(dir, n), 'utf8')));
}

beforeAll(async () => {
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/sia`;
  t = await startTestStack({
    printer: fakePrinter(),
    api: { tokens: { [TOKEN]: { kind: 'municipality', ags: AGS } } },
    notifications: { webhookIntervalMs: 200 },
  });
  api = t.stack.apiUrl!;
});

afterAll(async () => {
  await t?.stop();
  await new Promise<void>((r) => receiver?.close(() => r()));
});

describe('local stack: webhooks and e-mail when a report is ready or an upload is invalid', () => {
  let secret: string;

  it('registers an endpoint and shows its whsec_ secret once', async () => {
    const res = await fetch(`${api}/webhooks/${AGS}`, {
      method: 'POST',
      headers: AS,
      body: JSON.stringify({
        url: receiverUrl,
        events: ['report.ready', 'report.failed', 'analysis.invalid'],
        coordinatorEmail: 'praevention@musterstadt.example',
      }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { secret: string; endpoint: { id: string } };
    expect(body.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    secret = body.secret;
    const list = JSON.stringify(await (await fetch(`${api}/webhooks/${AGS}`, { headers: AS })).json());
    expect(list).not.toContain(body.secret.slice(6));
  });

  it('delivers a signed report.ready and mails the coordinator', async () => {
    await upload('benachrichtigung');
    const hook = await until('report.ready', async () =>
      received.find((r) => r.body.includes('"report.ready"')),
    );
    const payload = new Webhook(secret).verify(hook.body, hook.headers as Record<string, string>) as {
      type: string;
      data: { ags: string; analysisId: string; version: number; links: Record<string, string> };
    };
    expect(payload.type).toBe('report.ready');
    expect(payload.data).toMatchObject({ ags: AGS, analysisId: 'benachrichtigung', version: 1 });
    expect(payload.data.links.status).toBe(`${api}/analyses/${AGS}/benachrichtigung`);
    expect(hook.headers['webhook-id']).toMatch(/^msg_/);
    // thin payload: ids and links, nothing from the survey
    expect(hook.body).not.toMatch(/befragung|geschlecht|praevention@/);

    const mails = await until('the e-mail', async () => {
      const all = await outbox();
      return all.length > 0 ? all : undefined;
    });
    const mail = mails.find((m) => m.includes('praevention@musterstadt.example'));
    expect(mail).toBeDefined();
    expect(mail).toMatch(/^Subject: /m);
    expect(mail).toContain('multipart/alternative');
  });

  it('tells analysis.invalid with the same endpoint and mails the located problem', async () => {
    const before = (await outbox()).length;
    await upload('kaputt', (name, bytes) => {
      if (name !== 'befragung.csv') return bytes;
      const lines = Buffer.from(bytes).toString('utf8').split('\n');
      const header = lines[0]!.replace(/^\uFEFF/, '').split(';');
      const fields = lines[5]!.split(';');
      fields[header.indexOf('geschlecht')] = 'x';
      lines[5] = fields.join(';');
      return new Uint8Array(Buffer.from(lines.join('\n'), 'utf8'));
    });
    const hook = await until('analysis.invalid', async () =>
      received.find((r) => r.body.includes('"analysis.invalid"')),
    );
    const payload = new Webhook(secret).verify(hook.body, hook.headers as Record<string, string>) as {
      data: { analysisId: string; reason: string };
    };
    expect(payload.data.analysisId).toBe('kaputt');
    expect(payload.data.reason).toContain('1 Fehler');
    const mails = await until('the second e-mail', async () => {
      const all = await outbox('html');
      return all.length > before ? all : undefined;
    });
    const text = mails
      .at(-1)!
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
    expect(text).toContain('1 Fehler');
    expect(text).toMatch(/Datei: befragung\.csv · Zeile: 6 · Spalte: „geschlecht“ Wert: „x“/);
  });
});
