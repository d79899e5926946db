/**
 * Support for the webhook service tests: a real receiver on 127.0.0.1 whose answers the test
 * controls, one dynalite with a fresh table per test, and verification with the reference library
 * at the simulated time (the library checks the timestamp against the clock).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { vi } from 'vitest';
import { Webhook } from 'standardwebhooks';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoClient } from '../../src/adapters/aws/clients.js';
import { createJobTable } from '../../src/adapters/aws/create-table.js';
import {
  LOCAL_CREDENTIALS,
  LOCAL_REGION,
  startDynalite,
  type RunningServer,
} from '../../src/local/emulators.js';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

export interface Received {
  readonly path: string;
  readonly headers: Record<string, string>;
  readonly body: string;
}

export type Answer = { readonly status: number; readonly headers?: Record<string, string> };

export class Receiver {
  readonly requests: Received[] = [];
  /** Answer per path; default 204. */
  answers = new Map<string, Answer | ((n: number) => Answer)>();
  private server: http.Server | undefined;
  port = 0;

  async start(port = 0): Promise<this> {
    const server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const path = req.url ?? '/';
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
        this.requests.push({ path, headers, body });
        const answer = this.answers.get(path);
        const { status, headers: out } =
          typeof answer === 'function'
            ? answer(this.requests.filter((r) => r.path === path).length)
            : (answer ?? { status: 204 });
        res.writeHead(status, out).end();
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    return this;
  }

  url(path: string): string {
    return `http://127.0.0.1:${this.port}${path}`;
  }

  on(path: string): Received[] {
    return this.requests.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}

/** Verifies like a receiver would at time `at` (the library compares the timestamp with Date.now()). */
export function verifyAt(secret: string, request: Received, at: Date): unknown {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(at);
  try {
    return new Webhook(secret).verify(request.body, request.headers);
  } finally {
    vi.useRealTimers();
  }
}

export interface Tables {
  readonly client: DynamoDBClient;
  /** A fresh, empty table (so due deliveries of one test never reach another). */
  next(): Promise<string>;
  stop(): Promise<void>;
}

export async function startTables(): Promise<Tables> {
  const server: RunningServer = await startDynalite();
  const client = createDynamoClient({
    endpoint: server.endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
  });
  let n = 0;
  return {
    client,
    async next() {
      n += 1;
      const name = `sia-webhooks-${n}`;
      await createJobTable(client, name);
      return name;
    },
    async stop() {
      client.destroy();
      await server.close();
    },
  };
}
