/**
 * ObjectStore over S3 (AWS, or s3rver locally). One store per bucket. `get` and `getVersion`
 * answer `undefined` for a missing key; every other failure is thrown as the SDK reports it
 * (the worker decides with `isRetryable` whether a redelivery may help).
 */
import {
  DeleteObjectsCommand,
  GetObjectCommand,
  ListObjectsCommand,
  ListObjectVersionsCommand,
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

/** An object as a listing shows it. */
export interface StoredObject {
  readonly key: string;
  readonly size: number;
  /** ISO time of the last write. */
  readonly lastModified: string;
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
    return (await this.listDetailed(prefix)).map((o) => o.key);
  }

  /** Every object under `prefix` with its size and time, sorted by key. */
  async listDetailed(prefix: string): Promise<readonly StoredObject[]> {
    const objects: StoredObject[] = [];
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
      for (const o of page.Contents ?? [])
        if (o.Key !== undefined)
          objects.push({
            key: o.Key,
            size: o.Size ?? 0,
            lastModified: (o.LastModified ?? new Date(0)).toISOString(),
          });
      const last = page.Contents?.at(-1)?.Key;
      if (!page.IsTruncated || last === undefined) break;
      marker = last;
    }
    return objects.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /**
   * Deletes everything under `prefix` for good: on a versioned bucket every version and delete
   * marker (nothing is left to restore), elsewhere (s3rver keeps no versions) the objects. Returns
   * the number of distinct keys that had data.
   */
  async eraseAll(prefix: string): Promise<number> {
    const versions = await this.listVersions(prefix);
    if (versions === undefined) {
      const keys = await this.list(prefix);
      await this.delete(keys);
      return keys.length;
    }
    for (let i = 0; i < versions.length; i += DELETE_BATCH)
      await this.deleteBatch(
        versions.slice(i, i + DELETE_BATCH).map((v) => ({ Key: v.key, VersionId: v.versionId })),
      );
    return new Set(versions.filter((v) => !v.marker).map((v) => v.key)).size;
  }

  /** Every version and delete marker under `prefix`; undefined where the store has no versions (s3rver). */
  private async listVersions(
    prefix: string,
  ): Promise<{ key: string; versionId: string; marker: boolean }[] | undefined> {
    const out: { key: string; versionId: string; marker: boolean }[] = [];
    let keyMarker: string | undefined;
    let versionMarker: string | undefined;
    for (;;) {
      let page;
      try {
        page = await this.client.send(
          new ListObjectVersionsCommand({
            Bucket: this.bucket,
            Prefix: prefix,
            ...(keyMarker !== undefined && { KeyMarker: keyMarker }),
            ...(versionMarker !== undefined && { VersionIdMarker: versionMarker }),
          }),
        );
      } catch (error) {
        const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
        if (status === 405 || status === 501) return undefined;
        throw error;
      }
      for (const v of page.Versions ?? [])
        if (v.Key && v.VersionId) out.push({ key: v.Key, versionId: v.VersionId, marker: false });
      for (const m of page.DeleteMarkers ?? [])
        if (m.Key && m.VersionId) out.push({ key: m.Key, versionId: m.VersionId, marker: true });
      if (!page.IsTruncated) return out;
      keyMarker = page.NextKeyMarker;
      versionMarker = page.NextVersionIdMarker;
    }
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += DELETE_BATCH)
      await this.deleteBatch(keys.slice(i, i + DELETE_BATCH).map((Key) => ({ Key })));
  }

  private async deleteBatch(batch: readonly { Key: string; VersionId?: string }[]): Promise<void> {
    const out = await this.client.send(
      new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: [...batch], Quiet: true } }),
    );
    const failed = out.Errors ?? [];
    if (failed.length === 0) return;
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
