/**
 * The HTTP API inside the local stack (real s3rver, dynalite, queue and worker handler; a fake
 * printer): create an analysis, upload through presigned URLs (manifest last), follow the status,
 * download the report through a presigned URL, and let LPR staff regenerate it into version 2.
 * Another municipality is refused at every step.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInputFolder } from '../../src/adapters/fs-input.js';
import { contentTypeOf } from '../../src/cli/commands/upload.js';
import { fakePrinter, startTestStack, type TestStack } from '../support/local-stack.js';

const A = '14522999';
const B = '14612000';
const TOKENS = {
  'kommune-a-token-0123456789': { kind: 'municipality', ags: A },
  'kommune-b-token-0123456789': { kind: 'municipality', ags: B },
  'lpr-team-token-0123456789ab': { kind: 'lpr' },
} as const;
const AS_A = { Authorization: 'Bearer kommune-a-token-0123456789' };
const AS_B = { Authorization: 'Bearer kommune-b-token-0123456789' };
const AS_LPR = { Authorization: 'Bearer lpr-team-token-0123456789ab' };
const ID = 'api-musterstadt';

let t: TestStack;
let api: string;
const printer = fakePrinter();
const measured: Record<string, number> = {};

const call = (path: string, init: RequestInit = {}) => fetch(`${api}${path}`, init);
const postJson = (path: string, body: unknown, headers: Record<string, string>) =>
  call(path, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { ...headers, 'Content-Type': 'application/json' },
  });

interface Status {
  status: string;
  currentVersion?: number;
  latestJob: { jobId: string; status: string; version?: number } | null;
}

async function waitFor(predicate: (s: Status) => boolean, timeoutMs = 90_000): Promise<Status> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const s = (await (await call(`/analyses/${A}/${ID}`, { headers: AS_A })).json()) as Status;
    if (predicate(s)) return s;
    if (Date.now() > deadline) throw new Error(`timed out; last status ${JSON.stringify(s)}`);
    await sleep(100);
  }
}

beforeAll(async () => {
  t = await startTestStack({ printer, api: { tokens: TOKENS } });
  api = t.stack.apiUrl ?? '';
});

afterAll(async () => {
  await t?.stop();
  if (Object.keys(measured).length > 0) console.info(`local API timings (ms): ${JSON.stringify(measured)}`);
});

describe('local stack: HTTP API', () => {
  it('serves the API on 127.0.0.1', () => {
    expect(api).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('takes an analysis from creation through presigned uploads to report version 1', async () => {
    const started = performance.now();
    expect((await postJson('/analyses', { ags: A, analysisId: ID }, AS_A)).status).toBe(201);
    const files = (await readInputFolder('examples/musterstadt')).filter((f) => f.name !== 'README.md');
    const urls = (await (
      await postJson(
        `/analyses/${A}/${ID}/upload-urls`,
        {
          files: files.map((f) => ({
            name: f.name,
            size: f.bytes.length,
            contentType: contentTypeOf(f.name),
          })),
        },
        AS_A,
      )
    ).json()) as {
      files: { name: string; url: string; headers: Record<string, string> }[];
    };
    expect(urls.files.at(-1)?.name).toBe('analyse.json');
    for (const u of urls.files) {
      const file = files.find((f) => f.name === u.name);
      const put = await fetch(u.url, {
        method: 'PUT',
        body: file?.bytes as Uint8Array<ArrayBuffer>,
        headers: { 'Content-Type': u.headers['Content-Type'] ?? '' },
      });
      expect(put.status, u.name).toBe(200);
    }
    const ready = await waitFor(
      (s) => s.status === 'ready' || s.status === 'invalid' || s.status === 'failed',
    );
    measured.uploadToReadyMs = Math.round(performance.now() - started);
    expect(ready).toMatchObject({
      status: 'ready',
      currentVersion: 1,
      latestJob: { status: 'ready', version: 1 },
    });

    const link = (await (
      await call(`/analyses/${A}/${ID}/versions/1/download?file=report.pdf`, {
        headers: { ...AS_A, Accept: 'application/json' },
      })
    ).json()) as { url: string };
    const pdf = await fetch(link.url);
    expect(pdf.status).toBe(200);
    expect(new TextDecoder().decode(await pdf.arrayBuffer())).toContain('%PDF-1.7');

    const validation = await call(`/analyses/${A}/${ID}/validation`, { headers: AS_A });
    expect(validation.status).toBe(200);
    expect(await validation.json()).toMatchObject({ errorCount: 0 });
  });

  it('refuses another municipality everywhere, and a municipality regenerating', async () => {
    const attempts = [
      call(`/analyses/${A}/${ID}`, { headers: AS_B }),
      call(`/analyses/${A}/${ID}/validation`, { headers: AS_B }),
      call(`/analyses/${A}/${ID}/versions`, { headers: AS_B }),
      call(`/analyses/${A}/${ID}/versions/1/download`, { headers: AS_B, redirect: 'manual' }),
      postJson(
        `/analyses/${A}/${ID}/upload-urls`,
        { files: [{ name: 'analyse.json', size: 10, contentType: 'application/json' }] },
        AS_B,
      ),
      call(`/analyses/${A}/${ID}/regenerate`, { method: 'POST', headers: AS_B }),
      call(`/webhooks/${A}`, { headers: AS_B }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(403);
      expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
        `Kein Zugriff: Ihr Zugang gilt nicht für den Gemeindeschlüssel ${A}.`,
      );
    }
    const listing = (await (await call('/analyses', { headers: AS_B })).json()) as { analyses: unknown[] };
    expect(listing.analyses).toEqual([]);
    expect((await call(`/analyses/${A}/${ID}/regenerate`, { method: 'POST', headers: AS_A })).status).toBe(
      403,
    );
    expect(
      (await (await call(`/analyses/${A}/${ID}/versions`, { headers: AS_A })).json()) as {
        versions: unknown[];
      },
    ).toMatchObject({ versions: [{ version: 1 }] });
  });

  it('regenerates the current upload for LPR staff: a new job through the queue, version 2 becomes current', async () => {
    const started = performance.now();
    const res = await call(`/analyses/${A}/${ID}/regenerate`, { method: 'POST', headers: AS_LPR });
    expect(res.status).toBe(202);
    const { jobId, sourceJobId } = (await res.json()) as { jobId: string; sourceJobId: string };
    expect(jobId).not.toBe(sourceJobId);
    const done = await waitFor(
      (s) => s.latestJob?.jobId === jobId && ['ready', 'invalid', 'failed'].includes(s.latestJob.status),
    );
    measured.regenerateToReadyMs = Math.round(performance.now() - started);
    expect(done).toMatchObject({ status: 'ready', currentVersion: 2, latestJob: { jobId, version: 2 } });
    const versions = (await (await call(`/analyses/${A}/${ID}/versions`, { headers: AS_LPR })).json()) as {
      versions: { version: number; current: boolean; jobId: string }[];
    };
    expect(versions.versions.map((v) => [v.version, v.current, v.jobId === jobId])).toEqual([
      [1, false, false],
      [2, true, true],
    ]);
    const lprListing = (await (await call('/analyses', { headers: AS_LPR })).json()) as {
      analyses: { ags: string; analysisId: string; currentVersion?: number }[];
    };
    expect(lprListing.analyses).toContainEqual(
      expect.objectContaining({ ags: A, analysisId: ID, currentVersion: 2 }),
    );
  });
});
