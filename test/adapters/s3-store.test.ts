import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HeadObjectCommand, type DeleteObjectsCommand, type S3Client } from '@aws-sdk/client-s3';
import { S3ObjectStore } from '../../src/adapters/s3-store.js';
import { startTestS3, type TestS3 } from '../support/aws-emulators.js';

const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);
const text = (b: Uint8Array | undefined): string | undefined =>
  b === undefined ? undefined : new TextDecoder().decode(b);

let s3: TestS3;
let store: S3ObjectStore;

beforeAll(async () => {
  s3 = await startTestS3(['store-test']);
  store = new S3ObjectStore(s3.client, 'store-test');
});
afterAll(async () => s3?.stop());

describe('S3ObjectStore (against s3rver)', () => {
  it('puts and gets bytes with their content type, also for keys with umlauts and spaces', async () => {
    const key = 'uploads/14522999/koeln/Umfrage Köln 2024.csv';
    await store.put(key, bytes('Straße;Größe\n1;2\n'), 'text/csv; charset=utf-8');
    expect(text(await store.get(key))).toBe('Straße;Größe\n1;2\n');
    const head = await s3.client.send(new HeadObjectCommand({ Bucket: 'store-test', Key: key }));
    expect(head.ContentType).toBe('text/csv; charset=utf-8');
    expect(head.ContentLength).toBe(bytes('Straße;Größe\n1;2\n').length);
  });

  it('answers undefined for a missing key (NoSuchKey), for get and getVersion', async () => {
    expect(await store.get('does/not/exist')).toBeUndefined();
    expect(await store.getVersion('does/not/exist', 'v1')).toBeUndefined();
  });

  it('throws for a missing bucket instead of pretending the object is missing', async () => {
    const other = new S3ObjectStore(s3.client, 'no-such-bucket');
    await expect(other.get('x')).rejects.toMatchObject({ name: 'NoSuchBucket' });
  });

  it('returns the version id the (local) bucket assigned to a put', async () => {
    const first = await store.putObject('versions/a.json', bytes('{"n":1}'), 'application/json');
    const second = await store.putObject('versions/a.json', bytes('{"n":2}'), 'application/json');
    expect(first.versionId).toMatch(/^local-[0-9A-F]{20}$/);
    expect(second.versionId).toMatch(/^local-[0-9A-F]{20}$/);
    expect(second.versionId! > first.versionId!).toBe(true);
    expect(first.eTag).toMatch(/^[0-9a-f]{32}$/);
    // s3rver keeps no versions: getVersion reads the current object.
    expect(text(await store.getVersion('versions/a.json', first.versionId!))).toBe('{"n":2}');
  });

  it('lists every key under a prefix across pages, sorted, and nothing outside it', async () => {
    const paged = new S3ObjectStore(s3.client, 'store-test', { pageSize: 7 });
    const keys = Array.from({ length: 30 }, (_, i) => `many/${String(i).padStart(4, '0')}.txt`);
    await Promise.all(keys.map((k) => paged.put(k, bytes(k), 'text/plain')));
    await paged.put('manyother/x.txt', bytes('x'), 'text/plain');
    const listed = await paged.list('many/');
    expect(listed).toEqual(keys);
    expect(await paged.list('nothing-here/')).toEqual([]);
  });

  it('deletes what it is given and nothing else', async () => {
    await store.delete(await store.list('many/'));
    expect(await store.list('many/')).toEqual([]);
    expect(await store.list('manyother/')).toEqual(['manyother/x.txt']);
    await store.delete([]);
  });
});

describe('S3ObjectStore.delete batching', () => {
  it('sends at most 1000 keys per DeleteObjects request and reports per-key errors', async () => {
    const batches: number[] = [];
    const client = {
      send: async (command: DeleteObjectsCommand) => {
        batches.push(command.input.Delete?.Objects?.length ?? 0);
        return {};
      },
    } as unknown as S3Client;
    const keys = Array.from({ length: 2500 }, (_, i) => `k/${i}`);
    await new S3ObjectStore(client, 'b').delete(keys);
    expect(batches).toEqual([1000, 1000, 500]);

    const failing = {
      send: async () => ({ Errors: [{ Key: 'k/1', Code: 'AccessDenied' }] }),
    } as unknown as S3Client;
    await expect(new S3ObjectStore(failing, 'b').delete(['k/1'])).rejects.toMatchObject({
      name: 'AccessDenied',
      retryable: false,
    });
  });
});
