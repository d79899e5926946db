/**
 * The HTTP API with real stores: dynalite (DynamoJobStore) and s3rver (reports bucket, presigned
 * URLs) on 127.0.0.1, the Hono app called in-process. Covers every route and, above all, tenant
 * isolation: a municipality can read, download, regenerate and administer webhooks only for its own AGS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoAuditLog } from '../../src/adapters/dynamo-audit-log.js';
import { DynamoBatchStore } from '../../src/adapters/dynamo-batch-store.js';
import { DynamoJobStore } from '../../src/adapters/dynamo-job-store.js';
import { S3ObjectStore } from '../../src/adapters/s3-store.js';
import { createApiApp, type ApiApp } from '../../src/api/app.js';
import { bearerTokenAuthenticator } from '../../src/api/auth.js';
import { S3UrlSigner } from '../../src/api/aws/s3-url-signer.js';
import { jobIdOf } from '../../src/app/process-upload.js';
import { startTestS3, startTestTable, type TestS3, type TestTable } from '../support/aws-emulators.js';
import { LOCAL_CREDENTIALS } from '../../src/local/names.js';
import { FakeWebhookAdmin, RecordingQueue } from './fakes.js';
import { verifyPresigned } from './sigv4.js';
import { REPORTS, seedInvalid, seedReady, UPLOADS, uploadEvent } from './seed.js';

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

let table: TestTable;
let s3: TestS3;
let jobs: DynamoJobStore;
let reports: S3ObjectStore;
let uploads: S3ObjectStore;
let queue: RecordingQueue;
let webhooks: FakeWebhookAdmin;
let app: ApiApp;
let ids = 0;
const errors: unknown[] = [];
let seeded: {
  aReady: { jobId: string; version: number };
  aInvalid: string;
  bReady: { jobId: string; version: number };
};

const req = async (
  path: string,
  init: RequestInit & { headers?: Record<string, string> } = {},
): Promise<Response> => app.request(path, init);
const post = (path: string, body: unknown, headers: Record<string, string>) =>
  req(path, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { ...headers, 'Content-Type': 'application/json' },
  });
async function errorOf(res: Response): Promise<{ code: string; message: string }> {
  const body = (await res.json()) as { error: { code: string; message: string } };
  return body.error;
}

beforeAll(async () => {
  [table, s3] = await Promise.all([startTestTable(), startTestS3([UPLOADS, REPORTS])]);
  jobs = new DynamoJobStore(table.client, table.tableName);
  reports = new S3ObjectStore(s3.client, REPORTS);
  queue = new RecordingQueue();
  webhooks = new FakeWebhookAdmin();
  uploads = new S3ObjectStore(s3.client, UPLOADS);
  app = createApiApp({
    jobs,
    uploads,
    audit: new DynamoAuditLog(table.client, table.tableName),
    batches: new DynamoBatchStore(table.client, table.tableName),
    reports,
    uploadsBucket: UPLOADS,
    reportsBucket: REPORTS,
    signer: new S3UrlSigner(s3.client),
    queue,
    webhooks,
    authenticate: bearerTokenAuthenticator(TOKENS),
    now: () => new Date('2026-05-02T08:00:00.000Z'),
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
    onError: (e) => errors.push(e),
  });
  const aRef = { ags: A, analysisId: 'befragung-2026' };
  const bRef = { ags: B, analysisId: 'befragung-2026' };
  // the manifests of the seeded uploads (a regeneration needs its upload set's files)
  for (const ref of [aRef, bRef])
    await uploads.put(uploadEvent(ref, '0').key, new TextEncoder().encode('{}'), 'application/json');
  seeded = {
    aReady: await seedReady(jobs, reports, aRef, '0A00'),
    aInvalid: await seedInvalid(jobs, reports, aRef, '0B00'),
    bReady: await seedReady(jobs, reports, bRef, '0C00'),
  };
});

afterAll(async () => {
  await Promise.all([table?.stop(), s3?.stop()]);
  expect(errors).toEqual([]);
});

describe('authentication', () => {
  it('refuses requests without or with an unknown token (401, German)', async () => {
    for (const headers of [
      {},
      { Authorization: 'Bearer falsch-falsch-falsch-falsch' },
      { Authorization: 'Basic a29tbXVuZQ==' },
    ] as Record<string, string>[]) {
      const res = await req(`/analyses/${A}/befragung-2026`, { headers });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
      expect(await errorOf(res)).toEqual({
        code: 'unauthenticated',
        message:
          'Anmeldung erforderlich: Bitte ein gültiges Zugangstoken mitsenden (Authorization: Bearer …).',
      });
    }
  });

  it('serves the OpenAPI description without a token', async () => {
    const res = await req('/openapi.json');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { openapi: string }).openapi).toBe('3.1.0');
  });

  it('answers unknown routes with a German 404', async () => {
    const res = await req('/gibt-es-nicht', { headers: AS_A });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).message).toBe('Diese Adresse gibt es in der API nicht.');
  });
});

describe('tenant isolation', () => {
  const crossTenant: [string, () => Promise<Response>][] = [
    ['status', () => req(`/analyses/${B}/befragung-2026`, { headers: AS_A })],
    ['validation', () => req(`/analyses/${B}/befragung-2026/validation`, { headers: AS_A })],
    ['versions', () => req(`/analyses/${B}/befragung-2026/versions`, { headers: AS_A })],
    [
      'download (JSON)',
      () =>
        req(`/analyses/${B}/befragung-2026/versions/1/download?file=report.pdf`, {
          headers: { ...AS_A, Accept: 'application/json' },
        }),
    ],
    [
      'download (redirect)',
      () => req(`/analyses/${B}/befragung-2026/versions/1/download`, { headers: AS_A }),
    ],
    [
      'upload URLs',
      () =>
        post(
          `/analyses/${B}/befragung-2026/upload-urls`,
          { files: [{ name: 'analyse.json', size: 10, contentType: 'application/json' }] },
          AS_A,
        ),
    ],
    ['regenerate', () => req(`/analyses/${B}/befragung-2026/regenerate`, { method: 'POST', headers: AS_A })],
    ['upload set', () => req(`/analyses/${B}/befragung-2026/upload-set`, { headers: AS_A })],
    [
      'upload set file removal',
      () =>
        req(`/analyses/${B}/befragung-2026/upload-set/files/befragung.csv`, {
          method: 'DELETE',
          headers: AS_A,
        }),
    ],
    ['erasure', () => req(`/analyses/${B}/befragung-2026/uploads`, { method: 'DELETE', headers: AS_A })],
    ['create analysis', () => post('/analyses', { ags: B, analysisId: 'fremd' }, AS_A)],
    ['listing', () => req(`/analyses?ags=${B}`, { headers: AS_A })],
    [
      'webhook register',
      () =>
        post(
          `/webhooks/${B}`,
          { url: 'https://hooks.example/sia', events: ['report.ready'], coordinatorEmail: 'a@example.org' },
          AS_A,
        ),
    ],
    ['webhook list', () => req(`/webhooks/${B}`, { headers: AS_A })],
    ['webhook rotate', () => req(`/webhooks/${B}/wh1/rotate`, { method: 'POST', headers: AS_A })],
    ['webhook remove', () => req(`/webhooks/${B}/wh1`, { method: 'DELETE', headers: AS_A })],
    ['webhook deliveries', () => req(`/webhooks/${B}/wh1/deliveries`, { headers: AS_A })],
  ];

  it.each(crossTenant)('refuses another municipality: %s (403, German)', async (_name, call) => {
    const before = { queued: queue.events.length, webhookCalls: webhooks.calls.length };
    const res = await call();
    expect(res.status).toBe(403);
    expect(await errorOf(res)).toEqual({
      code: 'forbidden',
      message: `Kein Zugriff: Ihr Zugang gilt nicht für den Gemeindeschlüssel ${B}.`,
    });
    expect(res.headers.get('location')).toBeNull();
    // Refused before any work: nothing enqueued, the webhook service never asked.
    expect(queue.events.length).toBe(before.queued);
    expect(webhooks.calls.length).toBe(before.webhookCalls);
  });

  it('answers the same for existing and missing analyses of another municipality (no existence leak)', async () => {
    const existing = await req(`/analyses/${B}/befragung-2026/versions/1/download`, { headers: AS_A });
    const missing = await req(`/analyses/${B}/gibt-es-nicht/versions/9/download`, { headers: AS_A });
    expect([existing.status, missing.status]).toEqual([403, 403]);
    expect(await existing.text()).toBe((await missing.text()).replace('gibt-es-nicht', 'befragung-2026'));
  });

  it('lets LPR staff read every municipality', async () => {
    for (const ags of [A, B]) {
      const res = await req(`/analyses/${ags}/befragung-2026`, { headers: AS_LPR });
      expect(res.status).toBe(200);
    }
  });

  it('does not let a municipality regenerate, even its own analysis', async () => {
    const res = await req(`/analyses/${A}/befragung-2026/regenerate`, { method: 'POST', headers: AS_A });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).message).toBe('Kein Zugriff: Diese Aktion ist dem LPR-Team vorbehalten.');
    expect(queue.events).toHaveLength(0);
  });

  it('treats a webhook id of another municipality as not found under the own AGS (404)', async () => {
    const reg = await post(
      `/webhooks/${B}`,
      { url: 'https://b.example/hook', events: ['report.ready'], coordinatorEmail: 'praevention@b.example' },
      AS_B,
    );
    expect(reg.status).toBe(201);
    const bId = ((await reg.json()) as { endpoint: { id: string } }).endpoint.id;
    for (const res of [
      await req(`/webhooks/${A}/${bId}/rotate`, { method: 'POST', headers: AS_A }),
      await req(`/webhooks/${A}/${bId}`, { method: 'DELETE', headers: AS_A }),
      await req(`/webhooks/${A}/${bId}/deliveries`, { headers: AS_A }),
    ]) {
      expect(res.status).toBe(404);
      expect((await errorOf(res)).message).toBe(`Der Webhook ${bId} wurde nicht gefunden.`);
    }
    expect(webhooks.endpoints.get(bId)?.secret).toBe(`whsec_${bId}`);
    const list = (await (await req(`/webhooks/${A}`, { headers: AS_A })).json()) as { endpoints: unknown[] };
    expect(list.endpoints).toEqual([]);
  });
});

describe('analyses', () => {
  it('creates an analysis for the own AGS, with a generated id when none is given', async () => {
    const res = await post('/analyses', { ags: A, analysisId: 'neu-2026' }, AS_A);
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/analyses/${A}/neu-2026`);
    expect(await res.json()).toMatchObject({
      ags: A,
      analysisId: 'neu-2026',
      uploadPrefix: `uploads/${A}/neu-2026/`,
    });
    expect(await jobs.getAnalysis({ ags: A, analysisId: 'neu-2026' })).toMatchObject({ versionCounter: 0 });

    const again = await post('/analyses', { ags: A, analysisId: 'neu-2026' }, AS_A);
    expect(again.status).toBe(409);
    expect((await errorOf(again)).message).toBe(`Die Analyse ${A}/neu-2026 existiert bereits.`);

    const generated = await post('/analyses', { ags: B }, AS_LPR);
    expect(generated.status).toBe(201);
    expect(((await generated.json()) as { analysisId: string }).analysisId).toMatch(
      /^2026-05-02-[0-9a-f]{8}$/,
    );
  });

  it('validates the body with German messages', async () => {
    const bad = await post('/analyses', { ags: '1234', extra: true }, AS_LPR);
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as {
      error: { code: string; message: string; details: { path: string; message: string }[] };
    };
    expect(body.error.code).toBe('invalid-request');
    expect(body.error.details).toEqual([
      { path: 'ags', message: 'Der Gemeindeschlüssel (AGS) besteht aus genau 8 Ziffern.' },
      { path: '', message: 'Unbekannter Schlüssel: "extra"' },
    ]);
    const notJson = await req('/analyses', {
      method: 'POST',
      body: '{kaputt',
      headers: { ...AS_LPR, 'Content-Type': 'application/json' },
    });
    expect(notJson.status).toBe(400);
    expect((await errorOf(notJson)).message).toBe('Der Inhalt der Anfrage ist kein gültiges JSON.');
  });

  it('shows the status of the latest job with its German reason and history', async () => {
    const res = await req(`/analyses/${A}/befragung-2026`, { headers: AS_A });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown> & {
      latestJob: { history: { status: string }[] };
    };
    expect(body).toMatchObject({
      ags: A,
      analysisId: 'befragung-2026',
      currentVersion: 1,
      status: 'invalid',
      statusText: 'ungültig',
      reason: 'Die Daten enthalten 2 Fehler; siehe Prüfbericht.',
      jobCount: 2,
      latestJob: { jobId: seeded.aInvalid, status: 'invalid' },
    });
    expect(body.latestJob.history.map((h) => h.status)).toEqual(['received', 'validating', 'invalid']);
    const missing = await req(`/analyses/${A}/gibt-es-nicht`, { headers: AS_A });
    expect(missing.status).toBe(404);
    expect((await errorOf(missing)).message).toBe(`Die Analyse ${A}/gibt-es-nicht wurde nicht gefunden.`);
  });

  it('returns the latest validation report', async () => {
    const res = await req(`/analyses/${A}/befragung-2026/validation`, { headers: AS_A });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-sia-job-id')).toBe(seeded.aInvalid);
    expect(await res.json()).toEqual({ errorCount: 2, ags: A, invalid: true });
    const created = await req(`/analyses/${A}/neu-2026/validation`, { headers: AS_A });
    expect(created.status).toBe(404);
    expect((await errorOf(created)).message).toBe('Für diese Analyse liegt noch kein Prüfbericht vor.');
  });

  it('lists versions with the current one marked', async () => {
    const res = await req(`/analyses/${B}/befragung-2026/versions`, { headers: AS_B });
    expect(await res.json()).toEqual({
      ags: B,
      analysisId: 'befragung-2026',
      currentVersion: 1,
      versions: [
        {
          version: 1,
          current: true,
          jobId: seeded.bReady.jobId,
          createdAt: '2026-05-01T10:00:04.000Z',
          pages: 12,
          engineVersion: '0.1.0',
          templateVersion: 'tpl-1',
          inputHashes: { 'analyse.json': 'ab'.repeat(32) },
        },
      ],
    });
  });

  it('signs a 5-minute download URL that s3rver serves', async () => {
    const res = await req(`/analyses/${A}/befragung-2026/versions/1/download?file=report.pdf`, {
      headers: { ...AS_A, Accept: 'application/json' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as { url: string; expiresIn: number; expiresAt: string };
    expect(body).toMatchObject({ expiresIn: 300, expiresAt: '2026-05-02T08:05:00.000Z' });
    expect(new URL(body.url).searchParams.get('X-Amz-Expires')).toBe('300');
    const file = await fetch(body.url);
    expect(file.status).toBe(200);
    expect(await file.text()).toBe(`%PDF-1.7 ${A} v1`);

    const redirect = await req(`/analyses/${A}/befragung-2026/versions/1/download?file=analysis.json`, {
      headers: AS_A,
    });
    expect(redirect.status).toBe(302);
    const fetched = await fetch(redirect.headers.get('location') ?? '');
    expect(await fetched.json()).toEqual({ ags: A, version: 1 });
  });

  it('refuses unknown files, versions and files missing in a version', async () => {
    const cases: [string, number, string][] = [
      [
        `/analyses/${A}/befragung-2026/versions/1/download?file=../../${B}/befragung-2026/v1/report.pdf`,
        400,
        'Unbekannte Datei.',
      ],
      [
        `/analyses/${A}/befragung-2026/versions/7/download`,
        404,
        'Die Berichtsversion 7 wurde nicht gefunden.',
      ],
      [
        `/analyses/${A}/befragung-2026/versions/0/download`,
        400,
        'Die Versionsnummer ist eine ganze Zahl ab 1.',
      ],
      [
        `/analyses/${A}/befragung-2026/versions/1/download?file=changes.json`,
        404,
        'Die Datei changes.json gibt es in Berichtsversion 1 nicht.',
      ],
      [
        `/analyses/${A}/befragung-2026/versions/1/download?file=tabellen.xlsx`,
        404,
        'Die Datei tabellen.xlsx gibt es in Berichtsversion 1 nicht.',
      ],
      [
        `/analyses/${A}/befragung-2026/versions/1/download?file=tabellen/../report.pdf`,
        400,
        'Unbekannte Datei.',
      ],
    ];
    for (const [path, status, message] of cases) {
      const res = await req(path, { headers: AS_A });
      expect(res.status, path).toBe(status);
      expect((await errorOf(res)).message).toContain(message);
    }
  });

  it('lists analyses: LPR all municipalities, a municipality only its own', async () => {
    const lpr = (await (await req('/analyses', { headers: AS_LPR })).json()) as {
      analyses: { ags: string; analysisId: string }[];
    };
    expect(new Set(lpr.analyses.map((a) => a.ags))).toEqual(new Set([A, B]));
    const own = (await (await req('/analyses', { headers: AS_A })).json()) as {
      analyses: { ags: string; analysisId: string; currentVersion?: number }[];
    };
    expect(own.analyses.every((a) => a.ags === A)).toBe(true);
    expect(own.analyses.find((a) => a.analysisId === 'befragung-2026')).toMatchObject({ currentVersion: 1 });
    expect(own.analyses.map((a) => a.analysisId)).toContain('neu-2026');
    const lprFiltered = (await (await req(`/analyses?ags=${B}`, { headers: AS_LPR })).json()) as {
      analyses: { ags: string }[];
    };
    expect(lprFiltered.analyses.length).toBeGreaterThan(0);
    expect(lprFiltered.analyses.every((a) => a.ags === B)).toBe(true);
  });
});

describe('upload URLs', () => {
  const file = (name: string, size: number, contentType: string) => ({ name, size, contentType });

  it('signs PUT URLs for the allowed names, manifest last, valid 15 minutes', async () => {
    const res = await post(
      `/analyses/${A}/neu-2026/upload-urls`,
      {
        files: [
          file('analyse.json', 20, 'application/json'),
          file('befragung.xlsx', 1000, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
          file('pks-kreise-2024.csv', 30, 'text/csv'),
        ],
      },
      AS_A,
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      setId: string;
      expiresIn: number;
      expiresAt: string;
      hinweis: string;
      files: { name: string; key: string; url: string; headers: Record<string, string> }[];
    };
    expect(body.setId).toMatch(/^20260502T080000000Z-[0-9a-f]{12}$/);
    expect(body.expiresIn).toBe(900);
    expect(body.expiresAt).toBe('2026-05-02T08:15:00.000Z');
    expect(body.hinweis).toContain('analyse.json zuletzt');
    expect(body.files.map((f) => f.name)).toEqual(['befragung.xlsx', 'pks-kreise-2024.csv', 'analyse.json']);
    expect(body.files[2]).toMatchObject({
      key: `uploads/${A}/neu-2026/sets/${body.setId}/analyse.json`,
      headers: { 'Content-Type': 'application/json', 'Content-Length': '20' },
    });
    const url = new URL(body.files[2]?.url ?? '');
    expect(url.searchParams.get('X-Amz-Expires')).toBe('900');
    expect(url.searchParams.get('X-Amz-SignedHeaders')?.split(';')).toEqual(
      expect.arrayContaining(['content-length', 'content-type', 'host']),
    );
  });

  it('accepts exactly the announced bytes at the signed URL, and s3rver stores them', async () => {
    const manifest = JSON.stringify({ kommune: { ags: A } }).padEnd(40, ' ');
    const res = await post(
      `/analyses/${A}/neu-2026/upload-urls`,
      { files: [file('analyse.json', manifest.length, 'application/json')] },
      AS_A,
    );
    const { files, setId } = (await res.json()) as {
      setId: string;
      files: { url: string; headers: Record<string, string> }[];
    };
    const [signed] = files;
    const put = await fetch(signed?.url ?? '', {
      method: 'PUT',
      body: manifest,
      headers: { 'Content-Type': 'application/json' },
    });
    expect(put.status).toBe(200);
    const stored = await uploads.get(`uploads/${A}/neu-2026/sets/${setId}/analyse.json`);
    expect(new TextDecoder().decode(stored)).toBe(manifest);
  });

  it('binds size and type into the signature (S3 refuses any other; s3rver does not check signatures)', async () => {
    const res = await post(
      `/analyses/${A}/neu-2026/upload-urls`,
      { files: [file('bevoelkerung.csv', 10, 'text/csv')] },
      AS_A,
    );
    const [signed] = ((await res.json()) as { files: { url: string }[] }).files;
    const url = signed?.url ?? '';
    const secret = LOCAL_CREDENTIALS.secretAccessKey;
    expect(verifyPresigned('PUT', url, { 'content-length': '10', 'content-type': 'text/csv' }, secret)).toBe(
      true,
    );
    expect(
      verifyPresigned('PUT', url, { 'content-length': '5000', 'content-type': 'text/csv' }, secret),
    ).toBe(false);
    expect(verifyPresigned('PUT', url, { 'content-length': '10', 'content-type': 'text/html' }, secret)).toBe(
      false,
    );
    expect(
      verifyPresigned(
        'PUT',
        url.replace('bevoelkerung.csv', 'befragung.csv'),
        { 'content-length': '10', 'content-type': 'text/csv' },
        secret,
      ),
    ).toBe(false);
  });

  it('refuses unknown names, wrong types, oversized files and duplicates (German, per file)', async () => {
    const res = await post(
      `/analyses/${A}/neu-2026/upload-urls`,
      {
        files: [
          file('../analyse.json', 10, 'application/json'),
          file('befragung.csv', 10, 'application/pdf'),
          file(
            'kriminalitaet.xlsx',
            60 * 1024 * 1024,
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          ),
          file('analyse.json', 2 * 1024 * 1024, 'application/json'),
          file('logo.svg', 10, 'image/svg+xml'),
          file('logo.svg', 10, 'image/svg+xml'),
        ],
      },
      AS_A,
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      error: { message: string; details: { path: string; message: string }[] };
    };
    expect(body.error.details).toEqual([
      {
        path: 'files.0',
        message: expect.stringContaining('Der Dateiname „../analyse.json“ ist nicht vorgesehen.'),
      },
      {
        path: 'files.1',
        message:
          'Der Inhaltstyp „application/pdf“ passt nicht zu befragung.csv; erwartet: text/csv oder text/plain oder application/csv oder application/vnd.ms-excel.',
      },
      { path: 'files.2', message: 'kriminalitaet.xlsx ist zu groß (60 MB); erlaubt sind höchstens 50 MB.' },
      { path: 'files.3', message: 'analyse.json ist zu groß (2 MB); erlaubt sind höchstens 1 MB.' },
      { path: 'files.5', message: 'logo.svg ist mehrfach angegeben.' },
    ]);
    expect(body.error.message).toMatch(/^5 Dateien können so nicht hochgeladen werden\./);
  });

  it('needs an existing analysis', async () => {
    const res = await post(
      `/analyses/${A}/nicht-angelegt/upload-urls`,
      { files: [file('analyse.json', 10, 'application/json')] },
      AS_A,
    );
    expect(res.status).toBe(404);
  });
});

describe('regenerate (LPR)', () => {
  it('enqueues the current upload again with a new request id and answers 202 with the job id', async () => {
    const res = await req(`/analyses/${A}/befragung-2026/regenerate`, { method: 'POST', headers: AS_LPR });
    expect(res.status).toBe(202);
    const body = (await res.json()) as {
      requestId: string;
      jobId: string;
      sourceJobId: string;
      sourceVersion: number;
    };
    expect(body.sourceVersion).toBe(seeded.aReady.version);
    const expected = {
      ...uploadEvent({ ags: A, analysisId: 'befragung-2026' }, '0A00'),
      regeneration: { requestId: body.requestId },
    };
    // The current version's upload, not the newer invalid one.
    expect(body.sourceJobId).toBe(seeded.aReady.jobId);
    expect(queue.events.at(-1)).toEqual(expected);
    expect(body.jobId).toBe(jobIdOf(expected));
    expect(body.jobId).not.toBe(seeded.aReady.jobId);
  });

  it('uses the Idempotency-Key as request id: a repeated request names the same job', async () => {
    const call = () =>
      req(`/analyses/${B}/befragung-2026/regenerate`, {
        method: 'POST',
        headers: { ...AS_LPR, 'Idempotency-Key': 'lpr-2026-05-02-1' },
      });
    const first = (await (await call()).json()) as { jobId: string; requestId: string };
    const second = (await (await call()).json()) as { jobId: string };
    expect(first.requestId).toBe('lpr-2026-05-02-1');
    expect(second.jobId).toBe(first.jobId);
    const bad = await req(`/analyses/${B}/befragung-2026/regenerate`, {
      method: 'POST',
      headers: { ...AS_LPR, 'Idempotency-Key': 'mit leerzeichen' },
    });
    expect(bad.status).toBe(400);
  });

  it('answers 409 for an analysis without a valid version and 404 for an unknown one', async () => {
    const created = await req(`/analyses/${A}/neu-2026/regenerate`, { method: 'POST', headers: AS_LPR });
    expect(created.status).toBe(409);
    expect((await errorOf(created)).message).toBe(
      'Für diese Analyse gibt es keine gültige Berichtsversion, die neu erstellt werden könnte. Bitte zuerst gültige Daten hochladen.',
    );
    const unknown = await req(`/analyses/${A}/unbekannt/regenerate`, { method: 'POST', headers: AS_LPR });
    expect(unknown.status).toBe(404);
  });
});

describe('webhooks', () => {
  it('registers, lists, rotates, shows deliveries and removes for the own AGS', async () => {
    const reg = await post(
      `/webhooks/${A}`,
      {
        url: 'https://a.example/hook',
        events: ['report.ready', 'analysis.invalid'],
        coordinatorEmail: 'kpr@a.example',
      },
      AS_A,
    );
    expect(reg.status).toBe(201);
    const { endpoint, secret, hinweis } = (await reg.json()) as {
      endpoint: { id: string; ags: string };
      secret: string;
      hinweis: string;
    };
    expect(endpoint.ags).toBe(A);
    expect(secret).toBe(`whsec_${endpoint.id}`);
    expect(hinweis).toContain('nur jetzt');

    const list = (await (await req(`/webhooks/${A}`, { headers: AS_A })).json()) as {
      endpoints: Record<string, unknown>[];
    };
    expect(list.endpoints).toEqual([
      expect.objectContaining({ id: endpoint.id, url: 'https://a.example/hook' }),
    ]);
    expect(JSON.stringify(list)).not.toContain('whsec_');

    const rotated = (await (
      await req(`/webhooks/${A}/${endpoint.id}/rotate`, { method: 'POST', headers: AS_A })
    ).json()) as { secret: string };
    expect(rotated.secret).toBe(`whsec_${endpoint.id}r`);
    const deliveries = (await (
      await req(`/webhooks/${A}/${endpoint.id}/deliveries`, { headers: AS_A })
    ).json()) as { deliveries: unknown[] };
    expect(deliveries.deliveries).toHaveLength(1);
    expect((await req(`/webhooks/${A}/${endpoint.id}`, { method: 'DELETE', headers: AS_A })).status).toBe(
      204,
    );
    expect((await req(`/webhooks/${A}/${endpoint.id}`, { method: 'DELETE', headers: AS_A })).status).toBe(
      404,
    );
  });

  it('lets LPR staff administer any municipality', async () => {
    const res = await req(`/webhooks/${B}`, { headers: AS_LPR });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { endpoints: unknown[] }).endpoints.length).toBeGreaterThan(0);
  });

  it('validates registrations (German)', async () => {
    const res = await post(
      `/webhooks/${A}`,
      { url: 'ftp://a.example', events: [], coordinatorEmail: 'keine-mail' },
      AS_A,
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { details: { path: string; message: string }[] } };
    expect(body.error.details.map((d) => d.message)).toEqual([
      'Die Webhook-Adresse muss eine http(s)-Adresse sein.',
      'Bitte mindestens ein Ereignis angeben.',
      'Bitte eine gültige E-Mail-Adresse der Koordination angeben.',
    ]);
  });
});
