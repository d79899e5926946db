/**
 * The workspace routes with real stores (dynalite, s3rver): the analyses with the municipality's name
 * and Kreis, status, versions, last upload and open problems; rename and archive; one analysis with the
 * comparisons it can show; the municipality list; download names; and the tenant rule on each.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoJobStore } from '../../../src/adapters/dynamo-job-store.js';
import { DynamoAuditLog } from '../../../src/adapters/dynamo-audit-log.js';
import { DynamoBatchStore } from '../../../src/adapters/dynamo-batch-store.js';
import { S3ObjectStore } from '../../../src/adapters/s3-store.js';
import { createApiApp, type ApiApp } from '../../../src/api/app.js';
import { bearerTokenAuthenticator } from '../../../src/api/auth.js';
import { S3UrlSigner } from '../../../src/api/aws/s3-url-signer.js';
import type { Gemeinde } from '../../../src/core/model/gemeinden.js';
import { startTestS3, startTestTable, type TestS3, type TestTable } from '../../support/aws-emulators.js';
import { FakeWebhookAdmin, RecordingQueue } from '../fakes.js';
import { REPORTS, seedInvalid, seedReady, UPLOADS } from '../seed.js';

const A = '14522999';
const B = '14612000';
const TOKENS = {
  'kommune-a-token-0123456789': { kind: 'municipality', ags: A },
  'kommune-b-token-0123456789': { kind: 'municipality', ags: B },
  'lpr-team-token-0123456789ab': { kind: 'lpr' },
} as const;
const AS_A = { Authorization: 'Bearer kommune-a-token-0123456789' };
const AS_LPR = { Authorization: 'Bearer lpr-team-token-0123456789ab' };
const GEMEINDEN: Gemeinde[] = [
  {
    ags: A,
    name: 'Musterstadt',
    kreisKey: '14522',
    kreis: 'Mittelsachsen',
    einwohner: 25020,
    flaecheKm2: 41,
  },
  {
    ags: B,
    name: 'Dresden, Stadt',
    kreisKey: '14612',
    kreis: 'Dresden, Stadt',
    einwohner: 1,
    flaecheKm2: null,
  },
  {
    ags: '14625020',
    name: 'Bautzen, Stadt',
    kreisKey: '14625',
    kreis: 'Bautzen',
    einwohner: null,
    flaecheKm2: null,
  },
];

let table: TestTable;
let s3: TestS3;
let jobs: DynamoJobStore;
let reports: S3ObjectStore;
let app: ApiApp;
const errors: unknown[] = [];

const req = (path: string, init: RequestInit = {}) => app.request(path, init);
const patch = (path: string, body: unknown, headers: Record<string, string>) =>
  req(path, {
    method: 'PATCH',
    body: JSON.stringify(body),
    headers: { ...headers, 'Content-Type': 'application/json' },
  });

beforeAll(async () => {
  [table, s3] = await Promise.all([startTestTable(), startTestS3([UPLOADS, REPORTS])]);
  jobs = new DynamoJobStore(table.client, table.tableName, {
    now: () => new Date('2026-05-02T08:00:00.000Z'),
  });
  reports = new S3ObjectStore(s3.client, REPORTS);
  app = createApiApp({
    jobs,
    reports,
    uploads: new S3ObjectStore(s3.client, UPLOADS),
    audit: new DynamoAuditLog(table.client, table.tableName),
    batches: new DynamoBatchStore(table.client, table.tableName),
    uploadsBucket: UPLOADS,
    reportsBucket: REPORTS,
    signer: new S3UrlSigner(s3.client),
    queue: new RecordingQueue(),
    webhooks: new FakeWebhookAdmin(),
    authenticate: bearerTokenAuthenticator(TOKENS),
    gemeinden: GEMEINDEN,
    now: () => new Date('2026-05-02T08:00:00.000Z'),
    onError: (e) => errors.push(e),
  });
  const ready = { ags: A, analysisId: 'fertig-2026' };
  await seedReady(jobs, reports, ready, '0A00', 0);
  await seedReady(jobs, reports, ready, '0B00', 10);
  // Version 2 has a change summary (against version 1).
  await reports.put(
    `reports/${A}/fertig-2026/v2/changes.json`,
    new TextEncoder().encode('{}'),
    'application/json',
  );
  await seedInvalid(jobs, reports, { ags: A, analysisId: 'kaputt' }, '0C00');
  await jobs.createAnalysis({ ags: A, analysisId: 'leer' }, new Date('2026-05-01T09:00:00.000Z'));
  await seedReady(jobs, reports, { ags: B, analysisId: 'dresden' }, '0D00', 200);
});

afterAll(async () => {
  await Promise.all([table?.stop(), s3?.stop()]);
  expect(errors).toEqual([]);
});

interface Entry {
  ags: string;
  analysisId: string;
  title?: string;
  archived: boolean;
  gemeinde: { name: string; kreis: string } | null;
  status: string;
  statusText: string;
  currentVersion?: number;
  versions: { version: number; current: boolean }[];
  lastUploadAt?: string;
  problems: { errors: number; warnings: number } | null;
  regenerable: boolean;
  comparisons?: { from: number; to: number }[];
}
const list = async (query: string, headers: Record<string, string>) =>
  ((await (await req(`/workspace/analyses${query}`, { headers })).json()) as { analyses: Entry[] }).analyses;

describe('GET /workspace/analyses', () => {
  it('lists the municipality its own analyses with name, Kreis, status, versions, last upload and problems', async () => {
    const mine = await list('', AS_A);
    expect(mine.map((e) => e.analysisId)).toEqual(['fertig-2026', 'kaputt', 'leer']);
    const [ready, invalid, empty] = mine;
    expect(ready).toMatchObject({
      gemeinde: { name: 'Musterstadt', kreis: 'Mittelsachsen' },
      status: 'ready',
      statusText: 'fertig',
      currentVersion: 2,
      versions: [
        { version: 1, current: false },
        { version: 2, current: true },
      ],
      lastUploadAt: '2026-05-01T10:00:10.000Z',
      problems: { errors: 0, warnings: 1 },
      regenerable: true,
      archived: false,
    });
    expect(invalid).toMatchObject({ status: 'invalid', problems: { errors: 2 }, regenerable: false });
    expect(invalid?.currentVersion).toBeUndefined();
    expect(empty).toMatchObject({ status: 'waiting', statusText: 'wartet auf Dateien', problems: null });
  });

  it('lists every municipality for the LPR, and refuses another AGS to a municipality', async () => {
    expect((await list('', AS_LPR)).map((e) => `${e.ags}/${e.analysisId}`)).toEqual([
      `${A}/fertig-2026`,
      `${A}/kaputt`,
      `${A}/leer`,
      `${B}/dresden`,
    ]);
    expect((await list(`?ags=${B}`, AS_LPR)).map((e) => e.gemeinde?.name)).toEqual(['Dresden, Stadt']);
    expect((await req(`/workspace/analyses?ags=${B}`, { headers: AS_A })).status).toBe(403);
    expect((await req(`/workspace/analyses/${B}/dresden`, { headers: AS_A })).status).toBe(403);
    expect((await req('/workspace/analyses?archived=vielleicht', { headers: AS_A })).status).toBe(400);
  });
});

describe('PATCH /analyses/{ags}/{id}', () => {
  it('renames and clears the title, refusing control characters and overlong titles in German', async () => {
    const renamed = await patch(`/analyses/${A}/leer`, { title: '  Befragung Frühjahr 2026 ' }, AS_A);
    expect(renamed.status).toBe(200);
    expect(((await renamed.json()) as Entry).title).toBe('Befragung Frühjahr 2026');
    expect((await list('', AS_A)).find((e) => e.analysisId === 'leer')?.title).toBe(
      'Befragung Frühjahr 2026',
    );

    const bad = await patch(`/analyses/${A}/leer`, { title: 'a\u0007b' }, AS_A);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toBe(
      'Die Anfrage ist ungültig. Der Titel darf keine Steuerzeichen enthalten.',
    );
    expect((await patch(`/analyses/${A}/leer`, { title: 'x'.repeat(101) }, AS_A)).status).toBe(400);
    expect((await patch(`/analyses/${A}/leer`, {}, AS_A)).status).toBe(400);
    expect((await patch(`/analyses/${A}/gibt-es-nicht`, { title: 'x' }, AS_A)).status).toBe(404);
    expect((await patch(`/analyses/${B}/dresden`, { title: 'x' }, AS_A)).status).toBe(403);

    const cleared = (await (await patch(`/analyses/${A}/leer`, { title: '' }, AS_A)).json()) as Entry;
    expect(cleared.title).toBeUndefined();
  });

  it('archives: the analysis leaves the list, shows under archived=only, and its versions stay downloadable', async () => {
    const res = await patch(`/analyses/${A}/fertig-2026`, { archived: true }, AS_A);
    expect(((await res.json()) as Entry).archived).toBe(true);
    expect((await list('', AS_A)).map((e) => e.analysisId)).toEqual(['kaputt', 'leer']);
    expect((await list('?archived=only', AS_LPR)).map((e) => e.analysisId)).toEqual(['fertig-2026']);
    const download = await req(`/analyses/${A}/fertig-2026/versions/2/download?file=report.pdf`, {
      headers: { ...AS_LPR, Accept: 'application/json' },
    });
    expect(download.status).toBe(200);
    await patch(`/analyses/${A}/fertig-2026`, { archived: false }, AS_A);
    expect((await list('', AS_A)).map((e) => e.analysisId)).toContain('fertig-2026');
  });
});

describe('GET /workspace/analyses/{ags}/{id}', () => {
  it('offers only the comparisons a change summary exists for', async () => {
    const res = await req(`/workspace/analyses/${A}/fertig-2026`, { headers: AS_A });
    const entry = (await res.json()) as Entry;
    expect(entry.comparisons).toEqual([{ from: 1, to: 2 }]);
    expect(
      ((await (await req(`/workspace/analyses/${A}/kaputt`, { headers: AS_A })).json()) as Entry).comparisons,
    ).toEqual([]);
    expect((await req(`/workspace/analyses/${A}/gibt-es-nicht`, { headers: AS_A })).status).toBe(404);
  });
});

describe('GET /gemeinden', () => {
  it('lists the municipalities with Kreis and the source', async () => {
    const body = (await (await req('/gemeinden', { headers: AS_A })).json()) as {
      quelle: string;
      gemeinden: { ags: string; name: string; kreis: string }[];
    };
    expect(body.gemeinden.map((g) => g.name)).toEqual(['Musterstadt', 'Dresden, Stadt', 'Bautzen, Stadt']);
    expect(body.quelle).toContain('Destatis');
  });
});

describe('download names', () => {
  it('sends the report as Sicherheitsanalyse-<Gemeinde>-<Jahr>-v<n>.pdf and the rest as attachments', async () => {
    const url = async (file: string) =>
      (
        (await (
          await req(`/analyses/${A}/fertig-2026/versions/2/download?file=${file}`, {
            headers: { ...AS_A, Accept: 'application/json' },
          })
        ).json()) as { url: string }
      ).url;
    const pdf = await fetch(await url('report.pdf'));
    expect(pdf.headers.get('content-disposition')).toBe(
      `attachment; filename="Sicherheitsanalyse-Musterstadt-2026-v2.pdf"; filename*=UTF-8''Sicherheitsanalyse-Musterstadt-2026-v2.pdf`,
    );
    const json = await fetch(await url('analysis.json'));
    expect(json.headers.get('content-disposition')).toContain(
      'filename="Sicherheitsanalyse-Musterstadt-2026-v2-analysis.json"',
    );
    expect(await json.json()).toEqual({ ags: A, version: 2 });
  });
});
