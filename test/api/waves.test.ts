/**
 * Survey waves and the state overview through the HTTP API, with real stores (dynalite, s3rver on
 * 127.0.0.1): the LPR sees every municipality with its reference-value position, a municipality's token
 * only its own; measures and the predecessor choice stay inside the tenant; the worker's predecessor
 * loader reads the predecessor's current analysis.json and its recorded measures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoAuditLog } from '../../src/adapters/dynamo-audit-log.js';
import { DynamoBatchStore } from '../../src/adapters/dynamo-batch-store.js';
import { DynamoJobStore } from '../../src/adapters/dynamo-job-store.js';
import { DynamoWaveStore } from '../../src/adapters/dynamo-wave-store.js';
import { S3ObjectStore } from '../../src/adapters/s3-store.js';
import { createApiApp, type ApiApp } from '../../src/api/app.js';
import { bearerTokenAuthenticator } from '../../src/api/auth.js';
import { S3UrlSigner } from '../../src/api/aws/s3-url-signer.js';
import { predecessorLoader } from '../../src/app/predecessor.js';
import { reportPrefix } from '../../src/app/process-upload.js';
import type { Overview, OwnPosition } from '../../src/core/overview/schema.js';
import { startTestS3, startTestTable, type TestS3, type TestTable } from '../support/aws-emulators.js';
import { publishedAnalysis } from '../fixtures/waves/published.js';
import { FakeWebhookAdmin, RecordingQueue } from './fakes.js';
import { REPORTS, seedReady, UPLOADS } from './seed.js';

const AGS = ['14522001', '14522002', '14522003', '14522004', '14522005', '14522006'];
const A = AGS[0] as string;
const B = AGS[1] as string;
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
let app: ApiApp;
let jobs: DynamoJobStore;
let reports: S3ObjectStore;
let waves: DynamoWaveStore;
const errors: unknown[] = [];

const call = (path: string, headers: Record<string, string>, method = 'GET', body?: unknown) =>
  app.request(path, {
    method,
    headers: { ...headers, ...(body !== undefined && { 'Content-Type': 'application/json' }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });

beforeAll(async () => {
  [table, s3] = await Promise.all([startTestTable(), startTestS3([UPLOADS, REPORTS])]);
  jobs = new DynamoJobStore(table.client, table.tableName);
  reports = new S3ObjectStore(s3.client, REPORTS);
  waves = new DynamoWaveStore(table.client, table.tableName);
  app = createApiApp({
    uploads: new S3ObjectStore(s3.client, UPLOADS),
    audit: new DynamoAuditLog(table.client, table.tableName),
    batches: new DynamoBatchStore(table.client, table.tableName),
    jobs,
    waves,
    reports,
    uploadsBucket: UPLOADS,
    reportsBucket: REPORTS,
    signer: new S3UrlSigner(s3.client),
    queue: new RecordingQueue(),
    webhooks: new FakeWebhookAdmin(),
    authenticate: bearerTokenAuthenticator(TOKENS),
    now: () => new Date('2029-05-02T08:00:00.000Z'),
    onError: (e) => errors.push(e),
  });
  // Six municipalities with a current report; Ort 1 with two waves.
  const put = async (ags: string, id: string, seq: string, json: unknown) => {
    const ref = { ags, analysisId: id };
    const { version } = await seedReady(jobs, reports, ref, seq);
    await reports.put(
      `${reportPrefix(ref, version)}analysis.json`,
      new TextEncoder().encode(JSON.stringify(json)),
      'application/json',
    );
  };
  await put(
    A,
    'befragung-2026',
    '0A01',
    publishedAnalysis({
      ags: A,
      name: 'Ort 1',
      berichtsjahr: 2025,
      items: { sg_wohngegend_nacht: { total: [0.3, 300], byArea: { '02': [0.56, 32] } } },
      crime: { 2025: [5000, 100_000] },
      recommendations: [{ id: 'angstraeume-staedtebau', title: 'Angsträume entschärfen', areas: ['02'] }],
    }),
  );
  await put(
    A,
    'befragung-2029',
    '0A02',
    publishedAnalysis({
      ags: A,
      name: 'Ort 1',
      berichtsjahr: 2028,
      predecessor: 'befragung-2026',
      items: { sg_wohngegend_nacht: { total: [0.1, 300] } },
      crime: { 2028: [4000, 100_000] },
    }),
  );
  for (const [i, ags] of AGS.slice(1).entries())
    await put(
      ags,
      'befragung',
      `0B0${i}`,
      publishedAnalysis({
        ags,
        name: `Ort ${i + 2}`,
        berichtsjahr: 2025,
        items: { sg_wohngegend_nacht: { total: [0.2 + 0.1 * i, 300] } },
        crime: { 2025: [5000 + 1000 * i, 100_000] },
        recommendations: [{ id: 'kpr-staerken', title: 'KPR stärken' }],
      }),
    );
}, 60_000);

afterAll(async () => {
  await Promise.all([table?.stop(), s3?.stop()]);
  expect(errors).toEqual([]);
});

describe('GET /overview', () => {
  it('gives LPR staff every municipality with its position against the Saxon reference values', async () => {
    const res = await call('/overview', AS_LPR);
    expect(res.status).toBe(200);
    const o = (await res.json()) as Overview;
    expect(o.rows.map((r) => [r.name, r.berichtsjahr])).toEqual([
      ['Ort 1', 2028],
      ['Ort 2', 2025],
      ['Ort 3', 2025],
      ['Ort 4', 2025],
      ['Ort 5', 2025],
      ['Ort 6', 2025],
    ]);
    // Safety at night 0.1, 0.2 … 0.6: Q1 0.225, median 0.35, Q3 0.475.
    const ref = o.references.find((r) => r.indicator === 'survey:sg_wohngegend_nacht');
    expect(ref).toMatchObject({ contributors: 6 });
    expect([ref?.q1, ref?.median, ref?.q3].map((x) => x?.toFixed(3))).toEqual(['0.225', '0.350', '0.475']);
    const position = (name: string) =>
      o.rows.find((r) => r.name === name)?.values.find((v) => v.indicator === 'survey:sg_wohngegend_nacht')
        ?.position;
    expect(['Ort 1', 'Ort 3', 'Ort 4', 'Ort 6'].map(position)).toEqual([
      'unteres-viertel',
      'unter-median',
      'ueber-median',
      'oberes-viertel',
    ]);
    expect(o.rows[0]?.waves.map((w) => w.analysisId)).toEqual(['befragung-2026', 'befragung-2029']);
    expect(o.recommendations[0]).toMatchObject({ id: 'kpr-staerken', count: 5 });
  });

  it('gives a municipality the reference values and its own position, never another municipality', async () => {
    const res = await call('/overview', AS_B);
    expect(res.status).toBe(200);
    const text = await res.text();
    const own = JSON.parse(text) as OwnPosition;
    expect(Object.keys(own).sort()).toEqual([
      'generatedAt',
      'indicators',
      'municipalities',
      'own',
      'references',
      'schemaVersion',
    ]);
    expect(own.own).toMatchObject({ ags: B, name: 'Ort 2' });
    expect(own.own?.values.find((v) => v.indicator === 'survey:sg_wohngegend_nacht')?.position).toBe(
      'unteres-viertel',
    );
    for (const other of AGS.filter((x) => x !== B)) expect(text).not.toContain(other);
    for (const name of ['Ort 1', 'Ort 3', 'Ort 4', 'Ort 5', 'Ort 6', 'befragung-2029'])
      expect(text).not.toContain(name);
  });

  it('offers the spreadsheet to LPR staff only', async () => {
    expect((await call('/overview/xlsx', AS_A)).status).toBe(403);
    const res = await call('/overview/xlsx', AS_LPR);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('Landesueberblick.xlsx');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(String.fromCharCode(bytes[0] ?? 0, bytes[1] ?? 0)).toBe('PK');
  });
});

describe('measures and predecessor', () => {
  const path = `/analyses/${A}/befragung-2026/measures`;

  it('records a measure of the report with its date, lists it and removes it', async () => {
    const put = await call(`${path}/angstraeume-staedtebau`, AS_A, 'PUT', {
      implementedOn: '2027-06-30',
      areas: ['02'],
      note: 'LED-Beleuchtung am Bahnhof',
    });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({
      recommendationId: 'angstraeume-staedtebau',
      recordedBy: 'municipality',
    });
    const list = (await (await call(path, AS_LPR)).json()) as {
      measures: { recommendationId: string; implementedOn: string; areas: string[] }[];
      recommendations: { id: string }[];
    };
    expect(list.measures).toEqual([
      expect.objectContaining({
        recommendationId: 'angstraeume-staedtebau',
        implementedOn: '2027-06-30',
        areas: ['02'],
      }),
    ]);
    expect(list.recommendations.map((r) => r.id)).toEqual(['angstraeume-staedtebau']);
  });

  it('refuses what is not in the report, dates in the future and other tenants (German)', async () => {
    const unknown = await call(`${path}/saubere-stadt`, AS_A, 'PUT', { implementedOn: '2027-01-01' });
    expect(unknown.status).toBe(422);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toBe(
      'Die Empfehlung „saubere-stadt“ steht nicht im aktuellen Bericht dieser Analyse.',
    );
    expect(
      (await call(`${path}/angstraeume-staedtebau`, AS_A, 'PUT', { implementedOn: '2030-01-01' })).status,
    ).toBe(400);
    expect(
      (await call(`${path}/angstraeume-staedtebau`, AS_A, 'PUT', { implementedOn: '2027-02-30' })).status,
    ).toBe(400);
    expect((await call(path, AS_B)).status).toBe(403);
    expect((await call(`${path}/angstraeume-staedtebau`, AS_B, 'DELETE')).status).toBe(403);
    expect(
      (await call(`/analyses/${A}/befragung-2029/predecessor`, AS_B, 'PUT', { predecessor: null })).status,
    ).toBe(403);
  });

  it('gives the worker the predecessor analysis.json with its recorded measures', async () => {
    const ref = { ags: A, analysisId: 'befragung-2029' };
    const load = predecessorLoader({ jobs, reports, waves }, ref);
    expect(await load(null)).toBeUndefined();
    const chosen = await call(`/analyses/${A}/befragung-2029/predecessor`, AS_A, 'PUT', {
      predecessor: 'befragung-2026',
    });
    expect(chosen.status).toBe(200);
    const found = await load(null);
    expect(found?.status).toBe('found');
    if (found?.status !== 'found') return;
    expect(found.analysisId).toBe('befragung-2026');
    expect((found.analysis as { meta: { berichtsjahr: number } }).meta.berichtsjahr).toBe(2025);
    expect(found.measures).toEqual([
      {
        recommendationId: 'angstraeume-staedtebau',
        implementedOn: '2027-06-30',
        areas: ['02'],
        note: 'LED-Beleuchtung am Bahnhof',
      },
    ]);
    expect(await load('gibt-es-nicht')).toEqual({
      status: 'missing',
      reason:
        'Die frühere Analyse „gibt-es-nicht“ dieser Kommune hat keinen fertigen Bericht (oder es gibt sie nicht).',
    });
    expect(
      (
        await call(`/analyses/${A}/befragung-2029/predecessor`, AS_A, 'PUT', {
          predecessor: 'befragung-2029',
        })
      ).status,
    ).toBe(400);
    expect(
      (await call(`/analyses/${A}/befragung-2029/predecessor`, AS_A, 'PUT', { predecessor: 'nie-angelegt' }))
        .status,
    ).toBe(404);
  });

  it('deletes a measure once', async () => {
    expect((await call(`${path}/angstraeume-staedtebau`, AS_LPR, 'DELETE')).status).toBe(204);
    expect((await call(`${path}/angstraeume-staedtebau`, AS_LPR, 'DELETE')).status).toBe(404);
  });
});
