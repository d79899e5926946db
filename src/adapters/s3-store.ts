/**
 * ObjectStore over S3 (AWS, or s3rver locally). One store per bucket. `get` and `getVersion`
 * answer `undefined` for a missing key; every other failure is thrown as the SDK reports it
 * (the worker decides with `isRetryable` whether a redelivery may help).
 */
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { ObjectStore } from '../core/ports.js';

/** S3 accepts at most 1000 keys per DeleteObjects request. */
const DELETE_BATCH = 1000;

export interface PutResult {
  /** Set when the bucket is versioned (on AWS; the local stack sets one too). */
  readonly versionId?: string;
  readonly eTag?: string;
}

export interface S3ObjectStoreOptions {
  /** Keys per listing page (S3's maximum and default: 1000). */
  readonly pageSize?: number;
}

export class S3ObjectStore implements ObjectStore {
  private readonly pageSize: number | undefined;

  constructor(
    readonly client: S3Client,
    readonly bucket: string,
    options: S3ObjectStoreOptions = {},
  ) {
    this.pageSize = options.pageSize;
  }

  async get(key: string): Promise<Uint8Array | undefined> {
    return this.read(key, undefined);
  }

  async getVersion(key: string, versionId: string): Promise<Uint8Array | undefined> {
    return this.read(key, versionId);
  }

  async put(key: string, bytes: Uint8Array, contentType: string): Promise<void> {
    await this.putObject(key, bytes, contentType);
  }

  /** Like `put`, but returns the version id and ETag S3 assigned (used by `sia upload`). */
  async putObject(key: string, bytes: Uint8Array, contentType: string): Promise<PutResult> {
    const out = await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: bytes,
        ContentType: contentType,
        ContentLength: bytes.length,
      }),
    );
    return {
      ...(out.VersionId && { versionId: out.VersionId }),
      ...(out.ETag && { eTag: out.ETag.replace(/"/g, '') }),
    };
  }

  /**
   * Pages with ListObjects (v1) and `Marker` = the last key of the previous page: supported by S3
   * and by s3rver alike. (s3rver's ListObjectsV2 continuation tokens use DES, which OpenSSL 3 no
   * longer offers: any truncated v2 listing fails there with InternalError.)
   */
  async list(prefix: string): Promise<readonly string[]> {
    const keys: string[] = [];
    let marker: string | undefined;
    for (;;) {
      const page = await this.client.send(
        new ListObjectsCommand({
          Bucket: this.bucket,
          Prefix: prefix,
          ...(this.pageSize !== undefined && { MaxKeys: this.pageSize }),
          ...(marker !== undefined && { Marker: marker }),
        }),
      );
      const pageKeys = (page.Contents ?? []).map((o) => o.Key).filter((k): k is string => k !== undefined);
      keys.push(...pageKeys);
      const last = pageKeys.at(-1);
      if (!page.IsTruncated || last === undefined) break;
      marker = last;
    }
    return keys.sort();
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += DELETE_BATCH) {
      const batch = keys.slice(i, i + DELETE_BATCH);
      const out = await this.client.send(
        new DeleteObjectsCommand({
          Bucket: this.bucket,
          Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true },
        }),
      );
      const failed = out.Errors ?? [];
      if (failed.length > 0) {
        const first = failed[0];
        const error = new Error(
          `S3 could not delete ${failed.length} of ${batch.length} objects (first: ${first?.Key ?? '?'}: ${first?.Code ?? '?'})`,
        );
        // InternalError / SlowDown per key are worth another try; AccessDenied is not.
        Object.assign(error, {
          name: first?.Code ?? 'DeleteError',
          retryable: first?.Code === 'InternalError' || first?.Code === 'SlowDown',
        });
        throw error;
      }
    }
  }

  private async read(key: string, versionId: string | undefined): Promise<Uint8Array | undefined> {
    try {
      const out = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: key, ...(versionId && { VersionId: versionId }) }),
      );
      if (!out.Body) return new Uint8Array();
      return await out.Body.transformToByteArray();
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }
}

function isNotFound(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { name?: string; Code?: string; $metadata?: { httpStatusCode?: number } };
  if (e.name === 'NoSuchBucket' || e.Code === 'NoSuchBucket') return false;
  return (
    e.name === 'NoSuchKey' ||
    e.name === 'NoSuchVersion' ||
    e.name === 'NotFound' ||
    e.Code === 'NoSuchKey' ||
    e.$metadata?.httpStatusCode === 404
  );
}
