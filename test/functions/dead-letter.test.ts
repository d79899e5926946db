/**
 * The dead-letter handler, called as Lambda calls it with a message from the jobs' dead-letter
 * queue, against the local stack's s3rver and dynalite.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { jobIdOf } from '../../src/app/process-upload.js';
import { createLambdaContext } from '../../src/local/lambda-context.js';
import { fakePrinter, startTestStack, type TestStack } from '../support/local-stack.js';

type Handler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;

const DEAD_LETTER_REASON = 'Der Bericht konnte nach 3 Versuchen nicht erstellt werden.';
const ref = { ags: '14522999', analysisId: 'musterstadt-2026' };
const key = 'uploads/14522999/musterstadt-2026/analyse.json';

function deadLetter(versionId: string): SQSEvent {
  const event = JSON.parse(
    readFileSync(new URL('../fixtures/events/sqs-dead-letter-musterstadt.json', import.meta.url), 'utf8'),
  ) as SQSEvent;
  const record = event.Records[0]!;
  const body = JSON.parse(record.body) as { Records: { s3: { object: { versionId: string } } }[] };
  body.Records[0]!.s3.object.versionId = versionId;
  return { Records: [{ ...record, messageId: `dl-${versionId}`, body: JSON.stringify(body) }] };
}
const newJob = (versionId: string) => ({
  ...ref,
  jobId: jobIdOf({ bucket: 'sia-uploads', key, versionId, sequencer: '' }),
  sourceBucket: 'sia-uploads',
  sourceKey: key,
  sourceVersionId: versionId,
  sequencer: '0055AED6DCD90281E5',
});
const context = (): Context => createLambdaContext('sia-dead-letter', 30_000, 512);

let t: TestStack;
let handler: Handler;

beforeAll(async () => {
  t = await startTestStack({ notify: false, printer: fakePrinter() });
  handler = (await import('../../functions/dead-letter.js')).handler as Handler;
});
afterAll(async () => t?.stop());

describe('dead-letter handler', () => {
  it('marks a job stuck in rendering as failed and deletes its uncommitted report files', async () => {
    const job = newJob('stuck');
    await t.jobs.claim(job, new Date(), 300_000);
    await t.jobs.advance(job, ['received'], 'rendering', new Date());
    const version = await t.jobs.assignVersion(job, new Date());
    const prefix = `reports/14522999/musterstadt-2026/v${version}/`;
    await t.reports.put(`${prefix}report.pdf`, new Uint8Array([37, 80, 68, 70]), 'application/pdf');
    await t.reports.put(`${prefix}charts/a.svg`, new TextEncoder().encode('<svg/>'), 'image/svg+xml');

    expect(await handler(deadLetter('stuck'), context())).toEqual({ batchItemFailures: [] });
    expect(await t.jobs.getJob(job)).toMatchObject({ status: 'failed', reason: DEAD_LETTER_REASON, version });
    expect(await t.reports.list(prefix)).toEqual([]);
  });

  it('creates the job as failed when no attempt ever claimed it, so the upload has an outcome', async () => {
    const job = newJob('never-claimed');
    expect(await t.jobs.getJob(job)).toBeUndefined();
    expect(await handler(deadLetter('never-claimed'), context())).toEqual({ batchItemFailures: [] });
    const read = await t.jobs.getJob(job);
    expect(read).toMatchObject({
      status: 'failed',
      reason: DEAD_LETTER_REASON,
      sourceVersionId: 'never-claimed',
    });
    expect(read?.history.map((h) => h.status)).toEqual(['received', 'failed']);
  });

  it('leaves a finished job and its committed report alone', async () => {
    const job = newJob('finished');
    await t.jobs.claim(job, new Date(), 300_000);
    await t.jobs.advance(job, ['received'], 'rendering', new Date());
    const version = await t.jobs.assignVersion(job, new Date());
    const prefix = `reports/14522999/musterstadt-2026/v${version}/`;
    await t.reports.put(`${prefix}report.pdf`, new Uint8Array([37, 80, 68, 70]), 'application/pdf');
    await t.jobs.putVersion({
      ...ref,
      version,
      jobId: job.jobId,
      prefix,
      pages: 1,
      createdAt: new Date().toISOString(),
      engineVersion: '0.1.0',
      templateVersion: 't',
      inputHashes: {},
    });
    await t.jobs.advance(job, ['rendering'], 'ready', new Date(), { outputPrefix: prefix });

    expect(await handler(deadLetter('finished'), context())).toEqual({ batchItemFailures: [] });
    expect(await t.jobs.getJob(job)).toMatchObject({ status: 'ready', version });
    expect(await t.reports.list(prefix)).toEqual([`${prefix}report.pdf`]);
  });

  it('keeps a message it could not record in the queue (batch item failure)', async () => {
    t.stack.setFunctionEnv({ TABLE_NAME: 'no-such-table' });
    try {
      expect(await handler(deadLetter('unrecorded'), context())).toEqual({
        batchItemFailures: [{ itemIdentifier: 'dl-unrecorded' }],
      });
    } finally {
      t.stack.setFunctionEnv({ TABLE_NAME: t.stack.tableName });
    }
  });
});
