/**
 * The two emulators of the local stack, started in-process on 127.0.0.1: s3rver (S3, objects in a
 * directory) and dynalite (DynamoDB, in memory or on disk).
 *
 * s3rver emits an `event` for every object it stores, whatever the bucket's notification
 * configuration (its `configureBuckets` knows only CORS and website configurations), and it has
 * no object versions. The wrapper here gives every stored object a local version id and a
 * monotonic sequencer: both are returned to the uploader (`x-amz-version-id`, as a versioned AWS
 * bucket does) and put into the event (`s3.object.versionId`, `s3.object.sequencer`).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { LOCAL_REGION } from './names.js';

export { LOCAL_CREDENTIALS, LOCAL_REGION } from './names.js';

export interface RunningServer {
  readonly endpoint: string;
  readonly port: number;
  close(): Promise<void>;
}

/** dynalite on 127.0.0.1: in memory, or on disk (LevelDB) in `path` (kept across restarts). */
export async function startDynalite(port = 0, path?: string): Promise<RunningServer> {
  const server = dynalite({
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
    ...(path !== undefined && { path }),
  });
  await listen(server, port);
  const actual = (server.address() as AddressInfo).port;
  return { endpoint: `http://127.0.0.1:${actual}`, port: actual, close: () => closeServer(server) };
}

/** One S3 object event as s3rver emits it (AWS's notification record shape, partly filled). */
export interface LocalS3Record {
  eventVersion: string;
  eventSource: string;
  awsRegion: string;
  eventTime: string;
  eventName: string;
  s3: {
    s3SchemaVersion: string;
    configurationId: string;
    bucket: { name: string; arn: string; ownerIdentity: { principalId: string } };
    object: { key: string; size?: number; eTag?: string; versionId?: string; sequencer: string };
  };
  [field: string]: unknown;
}

export interface LocalS3 extends RunningServer {
  /** Called for each stored or deleted object, after the local version id and sequencer were set. */
  onEvent(listener: (record: LocalS3Record) => void): void;
}

/** Hex digits of local sequencers (fixed width, so later = greater as strings and as numbers). */
export const LOCAL_SEQUENCER_WIDTH = 20;

/**
 * A clock-seeded counter: strictly increasing within the process and, as long as the clock does not
 * run backwards, across restarts of a stack whose data directory is kept.
 */
export function createSequencer(now: () => number = Date.now): () => string {
  let last = 0n;
  return () => {
    const fromClock = BigInt(now()) * 4096n;
    last = fromClock > last ? fromClock : last + 1n;
    return last.toString(16).toUpperCase().padStart(LOCAL_SEQUENCER_WIDTH, '0');
  };
}

export async function startS3rver(options: {
  port?: number;
  directory: string;
  buckets: readonly string[];
}): Promise<LocalS3> {
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    silent: true,
    directory: options.directory,
    vhostBuckets: false,
    configureBuckets: options.buckets.map((name) => ({ name })),
  });
  const nextSequencer = createSequencer();
  const request = new AsyncLocalStorage<{ versionId?: string }>();
  // First middleware: runs each request in its own context, so the event listener (called
  // synchronously inside the request) can hand the new version id back to the response.
  server.middleware.unshift(async (ctx, next) => {
    const state: { versionId?: string } = {};
    await request.run(state, next);
    if (state.versionId && ctx.method === 'PUT') ctx.set('x-amz-version-id', state.versionId);
  });
  const listeners: ((record: LocalS3Record) => void)[] = [];
  server.on('event', (event: { Records: LocalS3Record[] }) => {
    for (const record of event.Records) {
      const sequencer = nextSequencer();
      record.s3.object.sequencer = sequencer;
      record.awsRegion = LOCAL_REGION;
      if (record.eventName.startsWith('ObjectCreated:')) {
        const versionId = `local-${sequencer}`;
        record.s3.object.versionId = versionId;
        const state = request.getStore();
        if (state) state.versionId = versionId;
      }
      // AWS sends keys URL-encoded (space as '+'); s3rver sends them raw.
      record.s3.object.key = encodeS3Key(record.s3.object.key);
      for (const listener of listeners) listener(record);
    }
  });
  // s3rver leaves a listen error unhandled (the process dies with a stack trace): check the port first
  if (options.port) await assertPortFree(options.port);
  const address = await server.run();
  const endpoint = `http://127.0.0.1:${address.port}`;
  return {
    endpoint,
    port: address.port,
    onEvent: (listener) => void listeners.push(listener),
    close: () => server.close(),
  };
}

/** Encodes a key the way S3 event notifications do: form encoding, `/` kept, space as `+`. */
export function encodeS3Key(key: string): string {
  return encodeURIComponent(key).replace(/%2F/g, '/').replace(/%20/g, '+');
}

/** Rejects with the listen error (EADDRINUSE, …) when `port` on 127.0.0.1 cannot be bound now. */
export async function assertPortFree(port: number): Promise<void> {
  const probe = createServer();
  await listen(probe, port);
  await closeServer(probe);
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections?.();
  });
}
