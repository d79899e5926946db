/**
 * The worker handler, called as Lambda calls it (SQS event fixture + context), against the local
 * stack's s3rver and dynalite. A fake printer keeps these tests free of Chromium; test/local runs
 * the same path with the real one.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { readInputFolder } from '../../src/adapters/fs-input.js';
import { PrinterError } from '../../src/adapters/pdf/printer-error.js';
import { jobIdOf } from '../../src/app/process-upload.js';
import { createLambdaContext } from '../../src/local/lambda-context.js';
import { fakePrinter, snapshot, startTestStack, type TestStack } from '../support/local-stack.js';

type Handler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

const fixture = (name: string): SQSEvent =>
  JSON.parse(readFileSync(new URL(`../fixtures/events/${name}`, import.meta.url), 'utf8')) as SQSEvent;

/** The fixture's message for another version of the manifest (a re-upload: a new job). */
function withVersion(event: SQSEvent, versionId: string, sequencer: string): SQSEvent {
  const record = event.Records[0]!;
  const body = JSON.parse(record.body) as {
    Records: { s3: { object: { versionId: string; sequencer: string } } }[];
  };
  body.Records[0]!.s3.object.versionId = versionId;
  body.Records[0]!.s3.object.sequencer = sequencer;
  return { Records: [{ ...record, messageId: `msg-${versionId}`, body: JSON.stringify(body) }] };
}

const ref = { ags: '14522999', analysisId: 'musterstadt-2026' };
const jobOf = (versionId: string) => ({
  ...ref,
  jobId: jobIdOf({
    bucket: 'sia-uploads',
    key: 'uploads/14522999/musterstadt-2026/analyse.json',
    versionId,
    sequencer: '',
  }),
});

let t: TestStack;
let worker: Handler;
let setPrinterOverride: (p: import('../../src/core/ports.js').PdfPrinter | undefined) => void;
const printer = fakePrinter();
let uploadsBefore: Record<string, string>;

beforeAll(async () => {
  t = await startTestStack({ notify: false, printer });
  worker = (await import('../../functions/worker.js')).handler as Handler;
  setPrinterOverride = (await import('../../functions/lib/reporting.js')).setPrinterOverride;
  for (const f of await readInputFolder('examples/musterstadt'))
    await t.uploads.put(`uploads/14522999/musterstadt-2026/${f.name}`, f.bytes, 'application/octet-stream');
  uploadsBefore = await snapshot(t.uploads, 'uploads/');
});
afterAll(async () => {
  // No scenario may change or lose an upload.
  if (t) expect(await snapshot(t.uploads, 'uploads/')).toEqual(uploadsBefore);
  await t?.stop();
});

/** Runs `work` with the handlers' logger at DEBUG and returns what it wrote. */
async function captureLogs(work: () => Promise<void>): Promise<string> {
  const { logger } = await import('../../functions/lib/observability.js');
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(String(chunk));
    return true;
  });
  logger.setLogLevel('DEBUG');
  try {
    await work();
  } finally {
    logger.setLogLevel(process.env.SIA_DEBUG ? 'DEBUG' : 'SILENT');
    spy.mockRestore();
  }
  return lines.join('');
}

describe('worker handler', () => {
  it('acknowledges the s3:TestEvent without touching anything', async () => {
    const response = await worker(
      fixture('sqs-s3-test-event.json'),
      createLambdaContext('sia-worker', 300_000),
    );
    expect(response).toEqual({ batchItemFailures: [] });
    expect(printer.prints).toBe(0);
    expect(await t.reports.list('')).toEqual([]);
  });

  it('turns the musterstadt upload event into report version 1 and answers a redelivery as a duplicate', async () => {
    const event = fixture('sqs-s3-put-musterstadt.json');
    const logs = await captureLogs(async () => {
      expect(await worker(event, createLambdaContext('sia-worker', 300_000))).toEqual({
        batchItemFailures: [],
      });
    });
    // The log names ids, keys, statuses and durations, never survey content.
    expect(logs).toContain('"message":"upload processed"');
    expect(logs).toContain('"outcome":"ready"');
    expect(logs).toContain(`"jobId":"${jobOf('3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY').jobId}"`);
    expect(logs).toMatch(/"durationMs":\d+/);
    expect(logs).toMatch(/"renderMs":\d+/);
    expect(logs).not.toContain('Garagenhof');
    expect(logs).not.toContain('papier');
    expect(logs).not.toContain('Musterstadt');
    const job = await t.jobs.getJob(jobOf('3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY'));
    expect(job).toMatchObject({
      status: 'ready',
      version: 1,
      attempts: 1,
      sourceVersionId: '3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY',
      sequencer: '0055AED6DCD90281E5',
      outputPrefix: 'reports/14522999/musterstadt-2026/v1/',
    });
    expect(job?.history.map((h) => h.status)).toEqual([
      'received',
      'validating',
      'analysing',
      'rendering',
      'ready',
    ]);
    expect(printer.prints).toBe(1); // one print pass: the printer fills the TOC page numbers itself
    const files = await t.reports.list('reports/14522999/musterstadt-2026/');
    expect(files).toContain('reports/14522999/musterstadt-2026/v1/report.pdf');
    expect(files).toContain('reports/14522999/musterstadt-2026/v1/provenance.json');
    expect(files.every((k) => k.startsWith('reports/14522999/musterstadt-2026/v1/'))).toBe(true);
    expect(await t.jobs.getAnalysis(ref)).toMatchObject({ currentVersion: 1, versionCounter: 1 });

    expect(await worker(event, createLambdaContext('sia-worker', 300_000))).toEqual({
      batchItemFailures: [],
    });
    expect(printer.prints).toBe(1);
    expect((await t.jobs.listVersions(ref)).map((v) => v.version)).toEqual([1]);
    expect(await t.reports.list('reports/14522999/musterstadt-2026/')).toEqual(files);
  });

  it('leases the job for the remaining time of the invocation', async () => {
    // A manifest key whose folder holds nothing: the job ends invalid at once; the lease is what counts here.
    const event = fixture('sqs-s3-put-musterstadt.json');
    event.Records[0]!.body = event.Records[0]!.body.replace('musterstadt-2026', 'leer');
    await worker(event, createLambdaContext('sia-worker', 42_000));
    const [job] = await t.jobs.listJobs({ ags: '14522999', analysisId: 'leer' });
    expect(job?.status).toBe('invalid');
    const leaseMs = Date.parse(job!.leaseUntil!) - Date.parse(job!.createdAt);
    expect(leaseMs).toBeGreaterThan(41_000);
    expect(leaseMs).toBeLessThanOrEqual(42_000);
  });

  it('acknowledges a manifest key that is no valid analysis folder (spaces, umlauts) without creating a job', async () => {
    expect(
      await worker(fixture('sqs-s3-put-umlaut-key.json'), createLambdaContext('sia-worker', 300_000)),
    ).toEqual({ batchItemFailures: [] });
    expect(await t.jobs.listJobs({ ags: '05315000', analysisId: 'Umfrage Köln 2024' })).toEqual([]);
  });

  it('reports a transient printer failure as a batch item failure, leaves no files, and the redelivery succeeds', async () => {
    const event = withVersion(fixture('sqs-s3-put-musterstadt.json'), 'transient', '0055AED6DCD90281F1');
    setPrinterOverride({
      print: () =>
        Promise.reject(
          new PrinterError('crashed', 'Chromium ist beim Erzeugen des PDF abgestürzt.', { retryable: true }),
        ),
      close: async () => {},
    });
    const before = await t.reports.list('reports/');
    expect(await worker(event, createLambdaContext('sia-worker', 300_000))).toEqual({
      batchItemFailures: [{ itemIdentifier: 'msg-transient' }],
    });
    const failed = await t.jobs.getJob(jobOf('transient'));
    // released for the redelivery, still counts as in progress (not as timed out)
    expect(failed).toMatchObject({ status: 'rendering', attempts: 1 });
    expect(await t.reports.list('reports/')).toEqual(before);

    setPrinterOverride(printer);
    expect(await worker(event, createLambdaContext('sia-worker', 300_000))).toEqual({
      batchItemFailures: [],
    });
    const done = await t.jobs.getJob(jobOf('transient'));
    expect(done).toMatchObject({ status: 'ready', attempts: 2, version: failed?.version });
  });

  it('records a permanent failure as status failed with a German reason and acknowledges the message', async () => {
    const event = withVersion(fixture('sqs-s3-put-musterstadt.json'), 'permanent', '0055AED6DCD90281F2');
    setPrinterOverride({
      print: () =>
        Promise.reject(
          new PrinterError('navigation', 'Das HTML des Berichts versucht, eine andere Seite zu laden.', {
            retryable: false,
          }),
        ),
      close: async () => {},
    });
    try {
      expect(await worker(event, createLambdaContext('sia-worker', 300_000))).toEqual({
        batchItemFailures: [],
      });
    } finally {
      setPrinterOverride(printer);
    }
    const job = await t.jobs.getJob(jobOf('permanent'));
    expect(job).toMatchObject({
      status: 'failed',
      reason:
        'Der Bericht konnte wegen eines internen Fehlers nicht erstellt werden. Das LPR-Team wurde informiert.',
    });
    expect(await t.reports.list(`reports/14522999/musterstadt-2026/v${job!.version}/`)).toEqual([]);
    expect((await t.jobs.listVersions(ref)).map((v) => v.version)).not.toContain(job!.version);
  });

  it('acknowledges a message that is not an S3 notification', async () => {
    const event: SQSEvent = {
      Records: [{ ...fixture('sqs-s3-test-event.json').Records[0]!, messageId: 'junk', body: 'kein JSON' }],
    };
    expect(await worker(event, createLambdaContext('sia-worker', 300_000))).toEqual({
      batchItemFailures: [],
    });
  });
});
