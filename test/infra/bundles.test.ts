/**
 * The Lambda bundles as deployed (issue 13 item 4): one synth with bundling, then each function's
 * bundle is run from a read-only copy of its asset folder alone — no node_modules, `/tmp` the only
 * writable place, as `nobody` when the tests run as root — with a realistic event against real
 * emulators on 127.0.0.1: the worker prints a PDF, the dead-letter function marks the job failed and
 * renders its e-mail, the API answers, the dispatcher delivers a notification the outbox still holds.
 * The small bundles carry no Chromium, Vega or PDF code. (Sizes, import time and memory: npm run bench -- bundles.)
 */
import { chmod, mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SQSEvent } from 'aws-lambda';
import { DynamoJobStore } from '../../src/adapters/dynamo-job-store.js';
import { readInputFolder } from '../../src/adapters/fs-input.js';
import { S3ObjectStore } from '../../src/adapters/s3-store.js';
import { jobIdOf } from '../../src/app/upload-event.js';
import { contentTypeOf } from '../../src/cli/commands/upload.js';
import { encodeS3Key } from '../../src/local/emulators.js';
import { LOCAL_CREDENTIALS, LOCAL_NAMES } from '../../src/local/names.js';
import { startTestS3, startTestTable, type TestS3, type TestTable } from '../support/aws-emulators.js';
import {
  bundledSources,
  localEnvironment,
  removeSandbox,
  runBundle,
  sandboxCopy,
  synthesizeBundles,
  type FunctionName,
  type RunResult,
  type SynthesizedFunction,
} from '../support/bundles.js';

const AGS = '14522999';
const ID = 'buendel';
let work: string;
let functions: Record<FunctionName, SynthesizedFunction>;
let s3: TestS3;
let table: TestTable;
let uploads: S3ObjectStore;
let reports: S3ObjectStore;
let jobs: DynamoJobStore;
let outbox: string;

/** Runs one function's bundle from its read-only copy, with the stack's environment pointed at the emulators. */
async function invoke(name: FunctionName, event: unknown): Promise<RunResult> {
  const fn = functions[name];
  const root = await mkdtemp(join(tmpdir(), 'sia-task-'));
  const task = await sandboxCopy(fn, root);
  const env = localEnvironment(fn, task, {
    UPLOADS_BUCKET: LOCAL_NAMES.uploadsBucket,
    REPORTS_BUCKET: LOCAL_NAMES.reportsBucket,
    TABLE_NAME: table.tableName,
    JOBS_QUEUE_URL: 'http://127.0.0.1:9/000000000000/sia-jobs',
    API_BASE_URL: 'http://127.0.0.1:4570',
    PORTAL_URL: 'http://127.0.0.1:4570/portal',
    OUTBOX_DIR: outbox,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_ENDPOINT_URL_DYNAMODB: table.endpoint,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'eu-central-1',
    POWERTOOLS_LOG_LEVEL: 'WARN',
    POWERTOOLS_METRICS_DISABLED: 'true',
    POWERTOOLS_TRACE_ENABLED: 'false',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  const run = await runBundle(task, { env, event, functionName: `sia-${name}`, timeoutMs: 300_000 });
  await removeSandbox(root);
  if (run.error) throw new Error(`${name}: ${run.error}\n${run.output.slice(-3000)}`);
  return run;
}

/** An SQS message with the S3 notification of a manifest (as the jobs queue and its DLQ deliver it). */
function s3Message(key: string, versionId: string, sequencer: string): SQSEvent {
  const record = {
    eventVersion: '2.1',
    eventSource: 'aws:s3',
    awsRegion: 'eu-central-1',
    eventTime: new Date().toISOString(),
    eventName: 'ObjectCreated:Put',
    s3: {
      s3SchemaVersion: '1.0',
      bucket: { name: LOCAL_NAMES.uploadsBucket, arn: `arn:aws:s3:::${LOCAL_NAMES.uploadsBucket}` },
      object: { key: encodeS3Key(key), versionId, sequencer, size: 1 },
    },
  };
  return {
    Records: [
      {
        messageId: `msg-${sequencer}`,
        receiptHandle: `rh-${sequencer}`,
        body: JSON.stringify({ Records: [record] }),
        attributes: {
          ApproximateReceiveCount: '1',
          SentTimestamp: String(Date.now()),
          SenderId: 'sia',
          ApproximateFirstReceiveTimestamp: String(Date.now()),
        },
        messageAttributes: {},
        md5OfBody: '',
        eventSource: 'aws:sqs',
        eventSourceARN: 'arn:aws:sqs:eu-central-1:000000000000:sia-jobs',
        awsRegion: 'eu-central-1',
      },
    ],
  };
}

/** Uploads files as one upload set; returns the manifest's key and version. */
async function uploadSet(setId: string, names?: readonly string[]) {
  const prefix = `uploads/${AGS}/${ID}/sets/${setId}/`;
  const files = (await readInputFolder('examples/musterstadt')).filter(
    (f) => !names || names.includes(f.name),
  );
  for (const f of files.filter((x) => x.name !== 'analyse.json'))
    await uploads.put(prefix + f.name, f.bytes, contentTypeOf(f.name));
  const manifest = files.find((f) => f.name === 'analyse.json')!;
  const put = await uploads.putObject(`${prefix}analyse.json`, manifest.bytes, 'application/json');
  return { key: `${prefix}analyse.json`, versionId: put.versionId ?? '' };
}

const mails = async (): Promise<string[]> => (await readdir(outbox)).filter((f) => f.endsWith('.eml')).sort();

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sia-bundles-'));
  await chmod(work, 0o755);
  [functions, s3, table] = await Promise.all([
    synthesizeBundles(join(work, 'cdk.out')),
    startTestS3([LOCAL_NAMES.uploadsBucket, LOCAL_NAMES.reportsBucket]),
    startTestTable(LOCAL_NAMES.tableName),
  ]);
  uploads = new S3ObjectStore(s3.client, LOCAL_NAMES.uploadsBucket);
  reports = new S3ObjectStore(s3.client, LOCAL_NAMES.reportsBucket);
  jobs = new DynamoJobStore(table.client, table.tableName);
  outbox = join(work, 'outbox');
  await mkdir(outbox);
  await chmod(outbox, 0o777);
}, 300_000);

afterAll(async () => {
  await Promise.all([s3?.stop(), table?.stop()]);
  if (work) await rm(work, { recursive: true, force: true });
});

describe('the synthesized bundles', () => {
  it('keep Chromium, Vega and the PDF code in the worker alone', async () => {
    const heavy =
      /node_modules\/(puppeteer-core|@sparticuz\/chromium|vega|vega-lite|pdf-lib|pdfjs-dist|exceljs)\/|src\/(adapters\/chromium-printer|adapters\/pdf|core\/charts|core\/pipeline)/;
    for (const name of ['api', 'dead-letter', 'dispatcher'] as const) {
      // The API writes the state overview's XLSX (GET /overview/xlsx): ExcelJS is in its bundle, loaded on first use.
      const sources = (await bundledSources(functions[name].assetDir)).filter(
        (s) => !(name === 'api' && /node_modules\/exceljs\//.test(s)),
      );
      expect(
        sources.filter((s) => heavy.test(s)),
        name,
      ).toEqual([]);
      expect(await readdir(functions[name].assetDir), name).not.toContain('chromium');
    }
    expect((await bundledSources(functions.worker.assetDir)).some((s) => heavy.test(s))).toBe(true);
    expect(await readdir(functions.worker.assetDir)).toEqual(
      expect.arrayContaining(['chromium', 'fonts', 'templates']),
    );
    // the functions that send e-mail carry their templates (the dead-letter function lacked them)
    for (const name of ['worker', 'dead-letter', 'dispatcher'] as const)
      expect(await readdir(join(functions[name].assetDir, 'templates', 'email')), name).toContain(
        'report-failed.mjml',
      );
    // the API carries the municipality list (names and Kreise, download names), no templates
    expect(await readdir(functions.api.assetDir)).toEqual(['data', 'index.mjs', 'index.mjs.map']);
    for (const name of ['api', 'worker', 'dead-letter', 'dispatcher'] as const)
      expect(await readdir(join(functions[name].assetDir, 'data')), name).toEqual(['gemeinden-sachsen.csv']);
  });

  it('worker: an upload set becomes report version 1, printed by the bundled Chromium', async () => {
    const manifest = await uploadSet('s1');
    const run = await invoke('worker', s3Message(manifest.key, manifest.versionId, '0A0000000000000001'));
    expect(run.result).toEqual({ batchItemFailures: [] });
    const ref = { ags: AGS, analysisId: ID };
    const [job] = await jobs.listJobs(ref);
    expect(job).toMatchObject({ status: 'ready', version: 1 });
    const pdf = await reports.get('reports/14522999/buendel/v1/report.pdf');
    expect(new TextDecoder().decode(pdf?.subarray(0, 5))).toBe('%PDF-');
    expect(pdf!.length).toBeGreaterThan(100_000);
    // report.ready mail, rendered by the bundle's templates
    expect((await mails()).length).toBe(1);
  }, 300_000);

  it('dead-letter: marks the job failed and renders its e-mail from the bundle', async () => {
    const manifest = await uploadSet('s2', ['analyse.json']);
    const event = s3Message(manifest.key, manifest.versionId, '0A0000000000000002');
    const before = await mails();
    const run = await invoke('dead-letter', event);
    expect(run.result).toEqual({ batchItemFailures: [] });
    const jobId = jobIdOf({
      bucket: LOCAL_NAMES.uploadsBucket,
      key: manifest.key,
      versionId: manifest.versionId,
      sequencer: '',
    });
    expect(await jobs.getJob({ ags: AGS, analysisId: ID, jobId })).toMatchObject({
      status: 'failed',
      reason: 'Der Bericht konnte nach 3 Versuchen nicht erstellt werden.',
    });
    const added = (await mails()).filter((m) => !before.includes(m));
    expect(added).toHaveLength(1);
    const eml = await readFile(join(outbox, added[0]!), 'utf8');
    expect(eml).toContain('praevention@musterstadt.example');
    expect(eml).toMatch(/Content-Type: text\/html/);
  }, 120_000);

  it('api: answers the status and signs upload URLs with the bundled SDK', async () => {
    const claims = { 'custom:ags': AGS, 'cognito:groups': '[kommune]' };
    const request = (method: string, path: string, body?: unknown) => ({
      version: '2.0',
      routeKey: '$default',
      rawPath: path,
      rawQueryString: '',
      headers: { host: 'api.example', 'content-type': 'application/json' },
      requestContext: {
        accountId: '000000000000',
        apiId: 'api',
        domainName: 'api.example',
        domainPrefix: 'api',
        http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'test' },
        requestId: 'r1',
        routeKey: '$default',
        stage: '$default',
        time: '04/May/2026:09:00:00 +0000',
        timeEpoch: 0,
        authorizer: { jwt: { claims, scopes: [] } },
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
      isBase64Encoded: false,
    });
    const status = (await invoke('api', request('GET', `/analyses/${AGS}/${ID}`))).result as {
      statusCode: number;
      body: string;
    };
    expect(status.statusCode).toBe(200);
    expect(JSON.parse(status.body)).toMatchObject({ ags: AGS, analysisId: ID, currentVersion: 1 });
    const urls = (
      await invoke(
        'api',
        request('POST', `/analyses/${AGS}/${ID}/upload-urls`, {
          files: [{ name: 'analyse.json', size: 20, contentType: 'application/json' }],
        }),
      )
    ).result as { statusCode: number; body: string };
    expect(urls.statusCode).toBe(200);
    const body = JSON.parse(urls.body) as { setId: string; files: { url: string }[] };
    expect(body.files[0]?.url).toContain(`/sets/${body.setId}/analyse.json?`);
    expect(body.files[0]?.url).toContain('X-Amz-Signature=');
  }, 120_000);

  it('dispatcher: delivers a notification the outbox still holds (its writer crashed)', async () => {
    const manifest = await uploadSet('s3', ['analyse.json']);
    const ref = { ags: AGS, analysisId: ID, jobId: 'abgestuerzt' };
    await jobs.claim(
      {
        ...ref,
        sourceBucket: LOCAL_NAMES.uploadsBucket,
        sourceKey: manifest.key,
        sourceVersionId: manifest.versionId,
        sequencer: '1',
      },
      new Date(),
      60_000,
    );
    const reason =
      'Der Bericht konnte wegen eines internen Fehlers nicht erstellt werden. Das LPR-Team wurde informiert.';
    const at = new Date(Date.now() - 300_000);
    await jobs.advance(ref, ['received'], 'failed', at, {
      reason,
      notify: {
        event: { type: 'report.failed', ...ref, reason, at: at.toISOString() },
        token: 'tot',
        leaseUntil: at.toISOString(),
      },
    });
    const before = await mails();
    const run = await invoke('dispatcher', {
      'detail-type': 'Scheduled Event',
      source: 'aws.events',
      detail: {},
    });
    expect(run.result).toMatchObject({ outbox: { due: 1, done: 1, retried: 0, failed: 0 } });
    expect((await mails()).filter((m) => !before.includes(m))).toHaveLength(1);
  }, 120_000);
});
