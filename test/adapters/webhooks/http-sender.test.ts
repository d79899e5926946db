import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { createHttpSender, pinnedLookup } from '../../../src/adapters/webhooks/http-sender.js';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/webhooks/${name}`, import.meta.url));
const cert = fixture('hook-example.cert.pem');
const key = fixture('hook-example.key.pem');

interface Seen {
  method?: string;
  url?: string;
  host?: string;
  servername?: string | false | null;
  body: string;
  headers: http.IncomingHttpHeaders;
}
const seen: Seen[] = [];

function handler(req: http.IncomingMessage, res: http.ServerResponse): void {
  let body = '';
  req.on('data', (c: Buffer) => (body += c.toString('utf8')));
  req.on('end', () => {
    seen.push({
      method: req.method,
      url: req.url,
      host: req.headers.host,
      servername: (req.socket as TLSSocket).servername,
      body,
      headers: req.headers,
    });
    if (req.url === '/redirect') {
      res.writeHead(302, { location: '/elsewhere' }).end();
    } else if (req.url === '/slow') {
      // never answers within the timeout
      setTimeout(() => res.writeHead(200).end(), 5_000).unref();
    } else if (req.url === '/big') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('x'.repeat(300_000));
    } else res.writeHead(204).end();
  });
}

let httpServer: http.Server;
let httpsServer: https.Server;
let httpPort = 0;
let httpsPort = 0;

beforeAll(async () => {
  httpServer = http.createServer(handler);
  httpsServer = https.createServer({ cert, key }, handler);
  await new Promise<void>((r) => httpServer.listen(0, '127.0.0.1', r));
  await new Promise<void>((r) => httpsServer.listen(0, '127.0.0.1', r));
  httpPort = (httpServer.address() as AddressInfo).port;
  httpsPort = (httpsServer.address() as AddressInfo).port;
});
afterAll(async () => {
  httpServer.closeAllConnections();
  httpsServer.closeAllConnections();
  await new Promise((r) => httpServer.close(r));
  await new Promise((r) => httpsServer.close(r));
});

const send = createHttpSender({ tls: { ca: cert } });

describe('pinnedLookup', () => {
  it('answers the pinned address in both callback forms', async () => {
    const lookup = pinnedLookup('127.0.0.1') as unknown as (
      h: string,
      o: object,
      cb: (...a: unknown[]) => void,
    ) => void;
    const single = await new Promise<unknown[]>((r) => lookup('anything.example', {}, (...a) => r(a)));
    expect(single).toEqual([null, '127.0.0.1', 4]);
    const all = await new Promise<unknown[]>((r) =>
      lookup('anything.example', { all: true }, (...a) => r(a)),
    );
    expect(all).toEqual([null, [{ address: '127.0.0.1', family: 4 }]]);
    expect(() => pinnedLookup('not-an-ip')).toThrow();
    expect(
      await send({
        url: 'https://hook.example/',
        address: 'hook.example',
        headers: {},
        body: '{}',
        timeoutMs: 100,
      }),
    ).toEqual({ error: 'Keine geprüfte IP-Adresse für die Verbindung.', durationMs: 0 });
  });
});

describe('createHttpSender', () => {
  it('connects to the pinned address while keeping the host name for Host, SNI and the certificate check', async () => {
    seen.length = 0;
    // hook.example does not resolve anywhere: only the pinned lookup makes this connection possible.
    const response = await send({
      url: `https://hook.example:${httpsPort}/sia?x=1`,
      address: '127.0.0.1',
      headers: { 'webhook-id': 'msg_1' },
      body: '{"a":"ä"}',
      timeoutMs: 5_000,
    });
    expect(response.statusCode).toBe(204);
    expect(response.error).toBeUndefined();
    expect(response.durationMs).toBeGreaterThanOrEqual(0);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      method: 'POST',
      url: '/sia?x=1',
      host: `hook.example:${httpsPort}`,
      servername: 'hook.example',
      body: '{"a":"ä"}',
    });
    expect(seen[0]?.headers).toMatchObject({
      'webhook-id': 'msg_1',
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength('{"a":"ä"}')),
    });
  });

  it('fails the TLS check when the certificate does not match the host name (no silent fallback to the IP)', async () => {
    const response = await send({
      url: `https://other.example:${httpsPort}/sia`,
      address: '127.0.0.1',
      headers: {},
      body: '{}',
      timeoutMs: 5_000,
    });
    expect(response.statusCode).toBeUndefined();
    expect(response.error).toBe('TLS-Zertifikat des Empfängers ungültig (ERR_TLS_CERT_ALTNAME_INVALID).');
  });

  it('does not follow redirects', async () => {
    seen.length = 0;
    const response = await send({
      url: `http://receiver.example:${httpPort}/redirect`,
      address: '127.0.0.1',
      headers: {},
      body: '{}',
      timeoutMs: 5_000,
    });
    expect(response.statusCode).toBe(302);
    expect(seen.map((s) => s.url)).toEqual(['/redirect']);
  });

  it('gives up after the timeout', async () => {
    const response = await send({
      url: `http://receiver.example:${httpPort}/slow`,
      address: '127.0.0.1',
      headers: {},
      body: '{}',
      timeoutMs: 300,
    });
    expect(response.statusCode).toBeUndefined();
    expect(response.error).toBe('Zeitüberschreitung: keine Antwort innerhalb von 0,3 s.');
    expect(response.durationMs).toBeGreaterThanOrEqual(290);
    expect(response.durationMs).toBeLessThan(2_000);
  });

  it('reports a refused connection and reads at most a bounded response', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const refused = await send({
      url: `http://receiver.example:${port}/`,
      address: '127.0.0.1',
      headers: {},
      body: '{}',
      timeoutMs: 2_000,
    });
    expect(refused).toMatchObject({ error: 'Verbindung abgelehnt (ECONNREFUSED).' });
    const big = await send({
      url: `http://receiver.example:${httpPort}/big`,
      address: '127.0.0.1',
      headers: {},
      body: '{}',
      timeoutMs: 5_000,
    });
    expect(big.statusCode).toBe(200);
  });
});
