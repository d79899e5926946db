/**
 * The HTTP API of src/api on 127.0.0.1 (@hono/node-server), wired to the local stack: dynalite as the
 * job store, s3rver as the reports store and behind the presigned URLs, and the stack's in-process
 * jobs queue for regenerations (the same message the SQS adapter sends on AWS). Authentication with
 * bearer tokens from a token table (src/api/auth.ts).
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { createDynamoClient, createS3Client } from '../adapters/aws/clients.js';
import { DynamoAuditLog } from '../adapters/dynamo-audit-log.js';
import { DynamoBatchStore } from '../adapters/dynamo-batch-store.js';
import { DynamoJobStore } from '../adapters/dynamo-job-store.js';
import { loadGemeinden } from '../adapters/gemeinden-file.js';
import { S3ObjectStore } from '../adapters/s3-store.js';
import { createApiApp } from '../api/app.js';
import { DynamoWaveStore } from '../adapters/dynamo-wave-store.js';
import { bearerTokenAuthenticator, type TokenTable } from '../api/auth.js';
import { S3UrlSigner } from '../api/aws/s3-url-signer.js';
import { encodeRegeneration } from '../api/job-message.js';
import type { Authenticator, WebhookAdmin } from '../api/ports.js';
import type { Gemeinde } from '../core/model/gemeinden.js';
import { webhooksNotConfigured } from '../api/no-webhooks.js';
import { allowPortalOrigin, createPortalApp, withPortal } from './portal.js';
import type { LocalStack } from './stack.js';

/** What the API server needs of the local stack. */
export type LocalApiTarget = Pick<
  LocalStack,
  | 's3Endpoint'
  | 'dynamodbEndpoint'
  | 'region'
  | 'credentials'
  | 'uploadsBucket'
  | 'reportsBucket'
  | 'tableName'
  | 'send'
>;

export interface LocalApiOptions {
  /** Port on 127.0.0.1; 0 = any free port (default). */
  readonly port?: number;
  /** Bearer token → principal. */
  readonly tokens: TokenTable;
  /** Decides the caller instead of the token table (tests: a stand-in for API Gateway's JWT authorizer). */
  readonly authenticate?: Authenticator;
  /** Webhook administration; default: refuses with a German message (webhooks not set up). */
  readonly webhooks?: WebhookAdmin;
  /** Told about unexpected errors (500). */
  readonly onError?: (error: unknown) => void;
  /** Also serve the web portal from this folder at /portal/ (src/local/portal.ts). */
  readonly portalDir?: string;
  /** The municipality list; default: the shipped list (or SIA_GEMEINDEN_CSV). */
  readonly gemeinden?: readonly Gemeinde[];
}

export interface LocalApiServer {
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startApiServer(
  target: LocalApiTarget,
  options: LocalApiOptions,
): Promise<LocalApiServer> {
  const client = { endpoint: target.s3Endpoint, region: target.region, credentials: target.credentials };
  const s3 = createS3Client(client);
  const dynamo = createDynamoClient({ ...client, endpoint: target.dynamodbEndpoint });
  const app = createApiApp({
    jobs: new DynamoJobStore(dynamo, target.tableName),
    uploads: new S3ObjectStore(s3, target.uploadsBucket),
    audit: new DynamoAuditLog(dynamo, target.tableName),
    batches: new DynamoBatchStore(dynamo, target.tableName),
    waves: new DynamoWaveStore(dynamo, target.tableName),
    reports: new S3ObjectStore(s3, target.reportsBucket),
    uploadsBucket: target.uploadsBucket,
    reportsBucket: target.reportsBucket,
    signer: new S3UrlSigner(s3),
    queue: {
      enqueue: async (event) => {
        target.send(encodeRegeneration(event));
      },
    },
    webhooks: options.webhooks ?? webhooksNotConfigured,
    authenticate: options.authenticate ?? bearerTokenAuthenticator(options.tokens),
    gemeinden: options.gemeinden ?? loadGemeinden().gemeinden,
    ...(options.onError && { onError: (error: unknown) => options.onError?.(error) }),
  });
  let server: ServerType | undefined;
  const address = await new Promise<AddressInfo>((resolve, reject) => {
    server = serve(
      {
        fetch:
          options.portalDir === undefined
            ? app.fetch
            : withPortal(createPortalApp(options.portalDir), app.fetch),
        port: options.port ?? 0,
        hostname: '127.0.0.1',
      },
      resolve,
    );
    server.once('error', reject);
  });
  if (server && 'keepAliveTimeout' in server) {
    // Longer than clients keep idle connections (undici: 4 s), so the server never closes a socket a
    // client is just reusing (ECONNRESET while the worker keeps the event loop busy).
    server.keepAliveTimeout = 65_000;
    server.headersTimeout = 66_000;
  }
  if (options.portalDir !== undefined)
    await allowPortalOrigin(
      s3,
      [target.uploadsBucket, target.reportsBucket],
      [`http://127.0.0.1:${address.port}`, `http://localhost:${address.port}`],
    );
  return {
    url: `http://127.0.0.1:${address.port}`,
    port: address.port,
    close: async () => {
      await new Promise<void>((resolve) => {
        if (!server) return resolve();
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      s3.destroy();
      dynamo.destroy();
    },
  };
}
