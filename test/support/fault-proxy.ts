/**
 * An HTTP proxy on 127.0.0.1 in front of an emulator that answers a share of requests with
 * 503 SlowDown instead of forwarding them (seeded, so a run is reproducible up to request order).
 */
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FaultProxy {
  readonly endpoint: string;
  readonly stats: { requests: number; injected: number };
  /** Changes the share of failed requests (0 … 1). */
  setFailureRate(rate: number): void;
  close(): Promise<void>;
}

/** mulberry32: a small seeded PRNG. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SLOW_DOWN =
  '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>FAULT</RequestId></Error>';

/**
 * `blackout`: requests number `from` … `from + count - 1` (counted from 1 in arrival order) all fail,
 * more than the SDK retries in a row, so the delivery fails and the queue must redeliver.
 */
export async function startFaultProxy(
  target: string,
  options: { failureRate: number; seed: number; blackout?: { from: number; count: number } },
): Promise<FaultProxy> {
  const { hostname, port } = new URL(target);
  const random = seededRandom(options.seed);
  let rate = options.failureRate;
  const stats = { requests: 0, injected: 0 };
  const server: Server = createServer((req: IncomingMessage, res) => {
    stats.requests += 1;
    const n = stats.requests;
    const dark =
      options.blackout !== undefined &&
      n >= options.blackout.from &&
      n < options.blackout.from + options.blackout.count;
    if (random() < rate || dark) {
      stats.injected += 1;
      req.resume();
      req.on('end', () => {
        res.writeHead(503, {
          'content-type': 'application/xml',
          'content-length': Buffer.byteLength(SLOW_DOWN),
        });
        res.end(SLOW_DOWN);
      });
      return;
    }
    const upstream = httpRequest(
      { host: hostname, port: Number(port), method: req.method, path: req.url, headers: req.headers },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    stats,
    setFailureRate: (r) => {
      rate = r;
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
