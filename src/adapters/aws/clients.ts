/**
 * S3 and DynamoDB clients for AWS and for the local emulators (s3rver, dynalite).
 *
 * Without an explicit endpoint the SDK reads `AWS_ENDPOINT_URL_S3` / `AWS_ENDPOINT_URL_DYNAMODB`
 * (or `AWS_ENDPOINT_URL`) itself. Whenever an S3 endpoint is configured — explicitly or by the
 * environment — the client uses path-style URLs (`http://127.0.0.1:4569/<bucket>/<key>`; s3rver
 * has no virtual hosts on an IP) and computes checksums only where S3 requires them (s3rver does
 * not understand the newer default trailing checksums).
 */
import { S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';

export interface ClientOptions {
  /** Endpoint URL, e.g. `http://127.0.0.1:4569`; default: the SDK's (environment or AWS). */
  readonly endpoint?: string;
  /** Named profile of ~/.aws/config (default credential chain otherwise). */
  readonly profile?: string;
  readonly region?: string;
  /** Static credentials (the local emulators accept fixed keys). */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
  /** SDK attempts per call (default 3, the SDK's standard mode). */
  readonly maxAttempts?: number;
}

/** The S3 endpoint the SDK will use from the environment, if any. */
export function s3EndpointFromEnv(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL ?? undefined;
}

export function createS3Client(options: ClientOptions = {}): S3Client {
  const custom = options.endpoint ?? s3EndpointFromEnv();
  const config: S3ClientConfig = {
    ...common(options),
    ...(options.endpoint && { endpoint: options.endpoint }),
    ...(custom && {
      forcePathStyle: true,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    }),
  };
  return new S3Client(config);
}

export function createDynamoClient(options: ClientOptions = {}): DynamoDBClient {
  const config: DynamoDBClientConfig = {
    ...common(options),
    ...(options.endpoint && { endpoint: options.endpoint }),
  };
  return new DynamoDBClient(config);
}

function common(options: ClientOptions): {
  region?: string;
  profile?: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  maxAttempts?: number;
} {
  return {
    ...(options.region && { region: options.region }),
    ...(options.profile && { profile: options.profile }),
    ...(options.credentials && { credentials: { ...options.credentials } }),
    ...(options.maxAttempts !== undefined && { maxAttempts: options.maxAttempts }),
  };
}
