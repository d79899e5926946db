/**
 * Upload sets, regenerations ("Alle neu erstellen") and erasure through the HTTP API, with real
 * stores (dynalite, s3rver and the presigned URLs on 127.0.0.1) and a recording queue instead of the
 * worker: what each route answers, what it stores and what it queues.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoAuditLog } from '../../src/adapters/dynamo-audit-log.js';
import { DynamoBatchStore } from '../../src/adapters/dynamo-batch-store.js';
import { DynamoJobStore } from '../../src/adapters/dynamo-job-store.js';
import { S3ObjectStore } from '../../src/adapters/s3-store.js';
import { createApiApp, type ApiApp } from '../../src/api/app.js';
import { bearerTokenAuthenticator } from '../../src/api/auth.js';
import { S3UrlSigner } from '../../src/api/aws/s3-url-signer.js';
import { jobIdOf, reportPrefix, type UploadEvent } from '../../src/app/upload-event.js';
import type { AnalysisRef } from '../../src/core/ports.js';
import { startTestS3, startTestTable, type TestS3, type TestTable } from '../support/aws-emulators.js';
import { FakeWebhookAdmin, RecordingQueue } from './fakes.js';
import { REPORTS, UPLOADS } from './seed.js';

const A = '14522999';
const B = '14612000';
const TOKENS = {
  'kommune-a-token-0123456789': { kind: 'municipality', ags: A },
  'kommune-b-token-0123456789': { kind: 'municipality', ags: B },
  'lpr-team-token-0123456789ab': { kind: 'lpr' },
} as const;
const AS_A = { Authorization: 'Bearer kommune-a-token-0123456789' };
const AS_LPR = { Authorization: 'Bearer lpr-team-token-0123456789ab' };
const bytes = (s: string) => new TextEncoder().encode(s);

let table: TestTable;
let s3: TestS3;
let jobs: DynamoJobStore;
let uploads: S3ObjectStore;
let reports: S3ObjectStore;
let audit: DynamoAuditLog;
let queue: RecordingQueue;
let app: ApiApp;
let clock = Date.parse('2026-05-04T09:00:00.000Z');
let ids = 0;
const errors: unknown[] = [];

const req = (path: string, init: RequestInit = {}) => app.request(path, init);
const post = (path: string, body: unknown, headers: Record<string, string>) =>
  req(path, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { ...headers, 'Content-Type': 'application/json' },
  });
const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;
const messageOf = async (res: Response) => (await json<{ error: { message: string } }>(res)).error.message;

beforeAll(async () => {
  [table, s3] = await Promise.all([startTestTable(), startTestS3([UPLOADS, REPORTS])]);
  jobs = new DynamoJobStore(table.client, table.tableName);
  uploads = new S3ObjectStore(s3.client, UPLOADS);
  reports = new S3ObjectStore(s3.client, REPORTS);
  audit = new DynamoAuditLog(table.client, table.tableName);
  queue = new RecordingQueue();
  app = createApiApp({
    jobs,
    uploads,
    audit,
    batches: new DynamoBatchStore(table.client, table.tableName),
    reports,
    uploadsBucket: UPLOADS,
    reportsBucket: REPORTS,
    signer: new S3UrlSigner(s3.client),
    queue,
    webhooks: new FakeWebhookAdmin(),
    authenticate: bearerTokenAuthenticator(TOKENS),
    now: () => new Date((clock += 1000)),
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
    onError: (e) => errors.push(e),
  });
});
afterAll(async () => {
  await Promise.all([table?.stop(), s3?.stop()]);
  expect(errors).toEqual([]);
});

/** A submitted upload set (its files in S3) and its job with the given outcome; `ready` also commits a version. */
async function seedSet(
  ref: AnalysisRef,
  setId: string,
  outcome: 'ready' | 'invalid',
  sequencer: string,
): Promise<{ event: UploadEvent; jobId: string; version?: number }> {
  const prefix = `uploads/${ref.ags}/${ref.analysisId}/sets/${setId}/`;
  await uploads.put(`${prefix}befragung.csv`, bytes('id;alter\n1;40\n'), 'text/csv');
  await uploads.put(`${prefix}analyse.json`, bytes(`{"kommune":{"ags":"${ref.ags}"}}`), 'application/json');
  const event: UploadEvent = {
    bucket: UPLOADS,
    key: `${prefix}analyse.json`,
    versionId: `v-${setId}`,
    sequencer,
    eventTime: new Date(clock).toISOString(),
  };
  const jobId = jobIdOf(event);
  const jobRef = { ...ref, jobId };
  const at = new Date(clock);
  await jobs.claim(
    {
      ...jobRef,
      sourceBucket: UPLOADS,
      sourceKey: event.key,
      sourceVersionId: `v-${setId}`,
      sequencer,
      eventTime: event.eventTime!,
    },
    at,
    60_000,
  );
  await jobs.advance(jobRef, ['received'], 'validating', at);
  if (outcome === 'invalid') {
    await jobs.advance(jobRef, ['validating'], 'invalid', at, {
      reason: 'Die Daten enthalten 1 Fehler; siehe Prüfbericht.',
    });
    return { event, jobId };
  }
  const version = await jobs.assignVersion(jobRef, at);
  await jobs.advance(jobRef, ['validating'], 'rendering', at);
  await reports.put(`${reportPrefix(ref, version)}report.pdf`, bytes('%PDF-1.7'), 'application/pdf');
  await jobs.putVersion({
    ...ref,
    version,
    jobId,
    prefix: reportPrefix(ref, version),
    pages: 3,
    createdAt: at.toISOString(),
    engineVersion: '0.1.0',
    templateVersion: 'tpl',
    inputHashes: {},
  });
  await jobs.promote(ref, version, `${event.eventTime}#${sequencer.padStart(32, '0')}`, at);
  await jobs.advance(jobRef, ['rendering'], 'ready', at);
  return { event, jobId, version };
}

interface UploadSet {
  setId: string;
  state: 'open' | 'submitted';
  files: { name: string; size: number; uploadedAt: string }[];
}

describe('upload sets', () => {
  const id = 'saetze';
  const path = `/analyses/${A}/${id}`;
  const putFiles = async (files: Record<string, string>) => {
    const res = await post(
      `${path}/upload-urls`,
      {
        files: Object.entries(files).map(([name, text]) => ({
          name,
          size: bytes(text).length,
          contentType: name.endsWith('.json') ? 'application/json' : 'text/csv',
        })),
      },
      AS_A,
    );
    const body = await json<{
      setId: string;
      files: { name: string; key: string; url: string; headers: Record<string, string> }[];
    }>(res);
    for (const f of body.files)
      expect(
        (
          await fetch(f.url, {
            method: 'PUT',
            body: files[f.name],
            headers: { 'Content-Type': f.headers['Content-Type']! },
          })
        ).status,
      ).toBe(200);
    return body;
  };

  it('lists the open set, removes a file before submission and refuses it after (409), then opens a new set', async () => {
    expect((await post('/analyses', { ags: A, analysisId: id }, AS_A)).status).toBe(201);
    const empty = await json<UploadSet>(await req(`${path}/upload-set`, { headers: AS_A }));
    expect(empty).toEqual({
      setId: expect.stringMatching(/^\d{8}T\d{9}Z-[0-9a-f]{12}$/),
      state: 'open',
      files: [],
    });

    const first = await putFiles({
      'befragung.csv': 'id;alter\n1;40\n',
      'ordnungswidrigkeiten.csv': 'jahr\n2025\n',
    });
    expect(first.setId).toBe(empty.setId);
    expect(first.files.map((f) => f.key)).toEqual([
      `uploads/${A}/${id}/sets/${empty.setId}/befragung.csv`,
      `uploads/${A}/${id}/sets/${empty.setId}/ordnungswidrigkeiten.csv`,
    ]);
    const open = await json<UploadSet>(await req(`${path}/upload-set`, { headers: AS_A }));
    expect(open).toMatchObject({ setId: empty.setId, state: 'open' });
    expect(open.files).toEqual([
      { name: 'befragung.csv', size: 14, uploadedAt: expect.stringMatching(/Z$/) },
      { name: 'ordnungswidrigkeiten.csv', size: 10, uploadedAt: expect.stringMatching(/Z$/) },
    ]);

    // the file sent by mistake goes before the set is submitted
    expect(
      (await req(`${path}/upload-set/files/ordnungswidrigkeiten.csv`, { method: 'DELETE', headers: AS_A }))
        .status,
    ).toBe(204);
    expect(await uploads.list(`uploads/${A}/${id}/`)).toEqual([
      `uploads/${A}/${id}/sets/${empty.setId}/befragung.csv`,
    ]);
    const missing = await req(`${path}/upload-set/files/pmk.csv`, { method: 'DELETE', headers: AS_A });
    expect(missing.status).toBe(404);
    expect(await messageOf(missing)).toBe('Die Datei „pmk.csv“ ist im offenen Upload-Satz nicht vorhanden.');
    expect(
      (await req(`${path}/upload-set/files/..%2Fanalyse.json`, { method: 'DELETE', headers: AS_A })).status,
    ).toBe(404);

    // analyse.json submits the set: its files are fixed from now on
    await putFiles({ 'analyse.json': `{"kommune":{"ags":"${A}"}}` });
    const submitted = await json<UploadSet>(await req(`${path}/upload-set`, { headers: AS_A }));
    expect(submitted).toMatchObject({ setId: empty.setId, state: 'submitted' });
    expect(submitted.files.map((f) => f.name)).toEqual(['analyse.json', 'befragung.csv']);
    const refused = await req(`${path}/upload-set/files/befragung.csv`, { method: 'DELETE', headers: AS_A });
    expect(refused.status).toBe(409);
    expect(await messageOf(refused)).toBe(
      'Der Upload-Satz ist bereits eingereicht (analyse.json wurde hochgeladen); seine Dateien können nicht mehr entfernt werden. Für eine Korrektur die Dateien neu hochladen.',
    );

    // the next upload goes to a new set, which is current once a file arrived there
    const next = await putFiles({ 'kriminalitaet.csv': 'jahr\n2025\n' });
    expect(next.setId).not.toBe(empty.setId);
    expect(await json<UploadSet>(await req(`${path}/upload-set`, { headers: AS_A }))).toMatchObject({
      setId: next.setId,
      state: 'open',
      files: [{ name: 'kriminalitaet.csv', size: 10 }],
    });
    // and without a file there yet, the submitted set stays current
    expect(
      (await req(`${path}/upload-set/files/kriminalitaet.csv`, { method: 'DELETE', headers: AS_A })).status,
    ).toBe(204);
    expect(await json<UploadSet>(await req(`${path}/upload-set`, { headers: AS_A }))).toMatchObject({
      setId: empty.setId,
      state: 'submitted',
    });
  });
});

describe('regenerate one analysis', () => {
  const ref = { ags: A, analysisId: 'neu-erstellen' };
  const path = `/analyses/${A}/neu-erstellen/regenerate`;
  let good: { event: UploadEvent; jobId: string; version?: number };
  let bad: { event: UploadEvent; jobId: string };

  beforeAll(async () => {
    good = await seedSet(ref, 's1', 'ready', '0100');
    bad = await seedSet(ref, 's2', 'invalid', '0200');
  });

  it('re-runs the upload set of the current version, never the later invalid one', async () => {
    const res = await req(path, { method: 'POST', headers: AS_LPR });
    expect(res.status).toBe(202);
    const body = await json<{
      requestId: string;
      jobId: string;
      sourceJobId: string;
      sourceVersion: number;
      uploadSetId: string;
    }>(res);
    expect(body).toMatchObject({ sourceJobId: good.jobId, sourceVersion: 1, uploadSetId: 's1' });
    expect(queue.events.at(-1)).toEqual({ ...good.event, regeneration: { requestId: body.requestId } });
    expect(body.jobId).toBe(jobIdOf(queue.events.at(-1)!));
  });

  it('re-runs a named version or a named upload set (JSON body), and refuses what cannot be', async () => {
    const byVersion = await post(path, { version: 1 }, AS_LPR);
    expect(await json(byVersion)).toMatchObject({ sourceVersion: 1, uploadSetId: 's1' });
    const bySet = await post(path, { uploadSetId: 's2' }, AS_LPR);
    expect(bySet.status).toBe(202);
    expect(await json(bySet)).toMatchObject({ sourceJobId: bad.jobId, uploadSetId: 's2' });
    expect(queue.events.at(-1)?.key).toBe(bad.event.key);

    const noVersion = await post(path, { version: 7 }, AS_LPR);
    expect([noVersion.status, await messageOf(noVersion)]).toEqual([
      404,
      'Die Berichtsversion 7 wurde nicht gefunden.',
    ]);
    const noSet = await post(path, { uploadSetId: 'gibt-es-nicht' }, AS_LPR);
    expect([noSet.status, await messageOf(noSet)]).toEqual([
      404,
      'Den Upload-Satz „gibt-es-nicht“ gibt es für diese Analyse nicht.',
    ]);
    expect((await post(path, { version: 1, uploadSetId: 's1' }, AS_LPR)).status).toBe(400);
    expect((await post(path, { version: 'eins' }, AS_LPR)).status).toBe(400);
  });

  it('refuses an analysis without a valid version (409, German)', async () => {
    await seedSet({ ags: A, analysisId: 'nur-ungueltig' }, 's1', 'invalid', '0300');
    const res = await req(`/analyses/${A}/nur-ungueltig/regenerate`, { method: 'POST', headers: AS_LPR });
    expect(res.status).toBe(409);
    expect(await messageOf(res)).toBe(
      'Für diese Analyse gibt es keine gültige Berichtsversion, die neu erstellt werden könnte. Bitte zuerst gültige Daten hochladen.',
    );
  });
});

describe('Alle neu erstellen (regeneration batches)', () => {
  let batchId: string;
  const refs = [
    { ags: B, analysisId: 'stapel-1' },
    { ags: B, analysisId: 'stapel-2' },
  ];

  it('queues every named analysis with a valid version once, with the reason for each skipped one', async () => {
    for (const [i, ref] of refs.entries()) await seedSet(ref, 's1', 'ready', `0${i + 5}00`);
    await seedSet({ ags: B, analysisId: 'stapel-ungueltig' }, 's1', 'invalid', '0700');
    const before = queue.events.length;
    const res = await post(
      '/regenerations',
      {
        analyses: [
          ...refs,
          refs[0],
          { ags: B, analysisId: 'stapel-ungueltig' },
          { ags: B, analysisId: 'unbekannt' },
        ],
      },
      AS_LPR,
    );
    expect(res.status).toBe(202);
    const body = await json<{
      batchId: string;
      total: number;
      skipped: { analysisId: string; reason: string }[];
    }>(res);
    batchId = body.batchId;
    expect(body.total).toBe(2);
    expect(body.skipped).toEqual([
      { ags: B, analysisId: 'stapel-1', reason: 'Die Analyse ist im Auftrag mehrfach angegeben.' },
      {
        ags: B,
        analysisId: 'stapel-ungueltig',
        reason:
          'Für diese Analyse gibt es keine gültige Berichtsversion, die neu erstellt werden könnte. Bitte zuerst gültige Daten hochladen.',
      },
      { ags: B, analysisId: 'unbekannt', reason: 'Die Analyse wurde nicht gefunden.' },
    ]);
    expect(queue.events.length - before).toBe(2);
    expect(queue.events.slice(-2).every((e) => e.regeneration?.requestId.startsWith(`${batchId}.`))).toBe(
      true,
    );
  });

  it('shows the progress per analysis and in sums', async () => {
    let progress = await json<{
      total: number;
      counts: Record<string, number>;
      items: { analysisId: string; status: string }[];
      done: boolean;
    }>(await req(`/regenerations/${batchId}`, { headers: AS_LPR }));
    expect(progress).toMatchObject({
      total: 2,
      done: false,
      counts: { fertig: 0, ungueltig: 0, fehlgeschlagen: 0, laufend: 0, wartend: 2 },
    });
    // the worker takes the first message and finishes it
    const [first, second] = queue.events.slice(-2);
    const jobA = { ...refs[0]!, jobId: jobIdOf(first!) };
    await jobs.claim(
      { ...jobA, sourceBucket: UPLOADS, sourceKey: first!.key, sequencer: first!.sequencer },
      new Date(),
      60_000,
    );
    await jobs.advance(jobA, ['received'], 'ready', new Date());
    const jobB = { ...refs[1]!, jobId: jobIdOf(second!) };
    await jobs.claim(
      { ...jobB, sourceBucket: UPLOADS, sourceKey: second!.key, sequencer: second!.sequencer },
      new Date(),
      60_000,
    );
    progress = await json(await req(`/regenerations/${batchId}`, { headers: AS_LPR }));
    expect(progress.counts).toEqual({ fertig: 1, ungueltig: 0, fehlgeschlagen: 0, laufend: 1, wartend: 0 });
    expect(progress.items.map((i) => [i.analysisId, i.status])).toEqual([
      ['stapel-1', 'fertig'],
      ['stapel-2', 'laufend'],
    ]);
  });

  it('never regenerates the same version twice: a repeated request (same key) and a second batch queue no new job', async () => {
    const firstJobs = queue.events.slice(-2).map(jobIdOf);
    const again = await post('/regenerations', { analyses: refs }, { ...AS_LPR, 'Idempotency-Key': batchId });
    expect(await json(again)).toMatchObject({ batchId, total: 2 });
    const events = queue.events.slice(-2).map(jobIdOf);
    expect(events).toEqual(firstJobs);
    const second = await json<{ total: number; skipped: { reason: string }[] }>(
      await post('/regenerations', { analyses: refs }, AS_LPR),
    );
    expect(second.total).toBe(0);
    expect(second.skipped.map((s) => s.reason)).toEqual([
      'Diese Berichtsversion wird bereits neu erstellt.',
      'Diese Berichtsversion wird bereits neu erstellt.',
    ]);
    // the repeated request re-sent the batch's two jobs (harmless: the same job ids), nothing else
    const items = await json<{ items: { analysisId: string }[] }>(
      await req(`/regenerations/${batchId}`, { headers: AS_LPR }),
    );
    expect(items.items).toHaveLength(2);
    expect(new Set(events).size).toBe(2);
  });

  it('is for LPR staff only, and takes every current analysis without a list', async () => {
    expect((await post('/regenerations', {}, AS_A)).status).toBe(403);
    expect((await req(`/regenerations/${batchId}`, { headers: AS_A })).status).toBe(403);
    expect((await req('/regenerations/gibt-es-nicht', { headers: AS_LPR })).status).toBe(404);
    const all = await json<{ total: number; skipped: { analysisId: string; reason: string }[] }>(
      await req('/regenerations', { method: 'POST', headers: AS_LPR }),
    );
    // every analysis with a current version that no batch holds yet
    expect(all.total).toBeGreaterThanOrEqual(1);
    expect(
      all.skipped
        .filter((s) => s.analysisId.startsWith('stapel-'))
        .map((s) => s.analysisId)
        .sort(),
    ).toEqual(['stapel-1', 'stapel-2']);
  });
});

describe('erasure of raw uploads', () => {
  const ref = { ags: A, analysisId: 'loeschen' };

  it('erases every upload set of the analysis, keeps the report versions and records who, what and when', async () => {
    await seedSet(ref, 's1', 'ready', '0900');
    await seedSet(ref, 's2', 'invalid', '0901');
    const res = await req(`/analyses/${A}/loeschen/uploads`, { method: 'DELETE', headers: AS_A });
    expect(res.status).toBe(200);
    const body = await json<{ erased: number; auditId: string }>(res);
    expect(body.erased).toBe(4);
    expect(await uploads.list(`uploads/${A}/loeschen/`)).toEqual([]);
    expect((await jobs.listVersions(ref)).map((v) => v.version)).toEqual([1]);
    expect(await reports.list('reports/14522999/loeschen/v1/')).toEqual([
      'reports/14522999/loeschen/v1/report.pdf',
    ]);
    const [entry, ...more] = await audit.list(ref);
    expect(more).toEqual([]);
    expect(entry).toEqual({
      auditId: body.auditId,
      action: 'uploads.erased',
      ags: A,
      analysisId: 'loeschen',
      actor: 'municipality',
      actorAgs: A,
      at: expect.stringMatching(/^2026-05-04T/),
      files: 4,
    });
    // afterwards there is nothing to regenerate from
    const regenerate = await req(`/analyses/${A}/loeschen/regenerate`, { method: 'POST', headers: AS_LPR });
    expect(regenerate.status).toBe(409);
    expect(await messageOf(regenerate)).toContain('nicht mehr vorhanden');
  });

  it('waits while a job runs (409)', async () => {
    const running = { ags: A, analysisId: 'laeuft' };
    await seedSet(running, 's1', 'ready', '0950');
    await jobs.claim(
      { ...running, jobId: 'j-laeuft', sourceBucket: UPLOADS, sourceKey: 'uploads/x', sequencer: '1' },
      new Date(),
      600_000,
    );
    const res = await req(`/analyses/${A}/laeuft/uploads`, { method: 'DELETE', headers: AS_LPR });
    expect(res.status).toBe(409);
    expect((await uploads.list(`uploads/${A}/laeuft/`)).length).toBe(2);
  });
});
