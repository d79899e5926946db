import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConditionalCheckFailedException, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { createDynamoClient } from '../../src/adapters/aws/clients.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../src/local/emulators.js';
import { DynamoJobStore, effectiveStatus, TIMEOUT_REASON } from '../../src/adapters/dynamo-job-store.js';
import { padSequencer } from '../../src/adapters/aws/table-keys.js';
import type { NewJob, VersionRecord } from '../../src/core/ports.js';
import { startTestTable, type TestTable } from '../support/aws-emulators.js';

let table: TestTable;
let store: DynamoJobStore;
let clock = new Date('2026-05-04T10:00:00.000Z');
const at = (seconds: number): Date => new Date(Date.parse('2026-05-04T10:00:00.000Z') + seconds * 1000);

beforeAll(async () => {
  table = await startTestTable();
  store = new DynamoJobStore(table.client, table.tableName, { now: () => clock, retryGraceMs: 60_000 });
});
afterAll(async () => table?.stop());

let counter = 0;
function newJob(overrides: Partial<NewJob> = {}): NewJob {
  counter += 1;
  return {
    ags: '14522999',
    analysisId: `analyse-${counter}`,
    jobId: `job${counter}`,
    sourceBucket: 'uploads',
    sourceKey: `uploads/14522999/analyse-${counter}/analyse.json`,
    sourceVersionId: `v${counter}`,
    sequencer: '0055AED6DCD90281E5',
    ...overrides,
  };
}

function version(job: NewJob, n: number, overrides: Partial<VersionRecord> = {}): VersionRecord {
  return {
    ags: job.ags,
    analysisId: job.analysisId,
    version: n,
    jobId: job.jobId,
    prefix: `reports/${job.ags}/${job.analysisId}/v${n}/`,
    pages: 24,
    createdAt: at(5).toISOString(),
    engineVersion: '0.1.0',
    templateVersion: 't1',
    inputHashes: { 'analyse.json': 'ab'.repeat(32) },
    ...overrides,
  };
}

describe('DynamoJobStore.claim (against dynalite)', () => {
  it('creates a received job with lease, attempt 1, history and a one-year TTL', async () => {
    const job = newJob();
    const { claimed, job: record } = await store.claim(job, at(0), 300_000);
    expect(claimed).toBe(true);
    expect(record).toMatchObject({
      status: 'received',
      attempts: 1,
      leaseUntil: '2026-05-04T10:05:00.000Z',
      sequencer: '0055AED6DCD90281E5',
      sourceVersionId: job.sourceVersionId,
    });
    expect(record.history).toEqual([{ status: 'received', at: '2026-05-04T10:00:00.000Z' }]);
    const raw = await table.client.send(
      new GetItemCommand({
        TableName: table.tableName,
        Key: { pk: { S: 'ANALYSIS#14522999#' + job.analysisId }, sk: { S: `JOB#${job.jobId}` } },
      }),
    );
    expect(Number(raw.Item?.expiresAt?.N)).toBe(Math.floor(at(0).getTime() / 1000) + 365 * 24 * 3600);
  });

  it('answers a duplicate with the existing record, claimed false, while the lease holds', async () => {
    const job = newJob();
    await store.claim(job, at(0), 300_000);
    const again = await store.claim(job, at(10), 300_000);
    expect(again.claimed).toBe(false);
    expect(again.job).toMatchObject({ jobId: job.jobId, status: 'received', attempts: 1 });
  });

  it('lets exactly one of 10 concurrent claims win', async () => {
    const job = newJob();
    const results = await Promise.all(Array.from({ length: 10 }, () => store.claim(job, at(0), 300_000)));
    expect(results.filter((r) => r.claimed)).toHaveLength(1);
  });

  it('takes over an in-progress job whose lease ran out: attempts + 1, version and history kept; one winner', async () => {
    const job = newJob();
    await store.claim(job, at(0), 60_000);
    await store.advance(job, ['received'], 'validating', at(1));
    await store.advance(job, ['validating'], 'analysing', at(2));
    expect(await store.assignVersion(job, at(3))).toBe(1);
    const results = await Promise.all(Array.from({ length: 5 }, () => store.claim(job, at(61), 60_000)));
    const winners = results.filter((r) => r.claimed);
    expect(winners).toHaveLength(1);
    expect(winners[0]?.job).toMatchObject({
      attempts: 2,
      version: 1,
      status: 'analysing',
      leaseUntil: at(121).toISOString(),
    });
    expect(winners[0]?.job.history.map((h) => h.status)).toEqual(['received', 'validating', 'analysing']);
  });

  it('never takes over a finished job', async () => {
    const job = newJob();
    await store.claim(job, at(0), 1_000);
    await store.advance(job, ['received'], 'validating', at(0));
    await store.advance(job, ['validating'], 'invalid', at(0), {
      reason: 'Die Daten enthalten 2 Fehler; siehe Prüfbericht.',
    });
    const late = await store.claim(job, at(3600), 1_000);
    expect(late.claimed).toBe(false);
    expect(late.job).toMatchObject({
      status: 'invalid',
      reason: 'Die Daten enthalten 2 Fehler; siehe Prüfbericht.',
    });
  });

  it('after releaseLease a redelivery takes over at once, and the job still reads as in progress', async () => {
    const job = newJob();
    await store.claim(job, at(0), 300_000);
    await store.advance(job, ['received'], 'validating', at(1));
    await store.releaseLease(job, at(2));
    clock = at(3);
    expect((await store.getJob(job))?.status).toBe('validating');
    const retry = await store.claim(job, at(3), 300_000);
    expect(retry).toMatchObject({ claimed: true, job: { attempts: 2, leaseUntil: at(303).toISOString() } });
    // the released flag is gone: a third delivery is a duplicate again
    expect((await store.claim(job, at(4), 300_000)).claimed).toBe(false);
  });

  it('uses the old item DynamoDB returns with the failed condition (ReturnValuesOnConditionCheckFailure)', async () => {
    // dynalite ignores ReturnValuesOnConditionCheckFailure; this client answers PutItem as DynamoDB does.
    const client = createDynamoClient({
      endpoint: table.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
    });
    const seen: string[] = [];
    client.middlewareStack.add(
      (next, context) => async (args) => {
        seen.push(context.commandName ?? '');
        if (context.commandName === 'PutItemCommand') {
          expect(
            (args.input as { ReturnValuesOnConditionCheckFailure?: string })
              .ReturnValuesOnConditionCheckFailure,
          ).toBe('ALL_OLD');
          throw new ConditionalCheckFailedException({
            message: 'The conditional request failed',
            $metadata: {},
            Item: {
              ags: { S: '14522999' },
              analysisId: { S: 'a' },
              jobId: { S: 'j' },
              status: { S: 'ready' },
              sourceBucket: { S: 'b' },
              sourceKey: { S: 'k' },
              sequencer: { S: '1' },
              attempts: { N: '1' },
              version: { N: '3' },
              history: { L: [{ M: { status: { S: 'ready' }, at: { S: 'x' } } }] },
              createdAt: { S: 'c' },
              updatedAt: { S: 'u' },
            },
          });
        }
        return next(args);
      },
      { step: 'initialize' },
    );
    const awsLike = new DynamoJobStore(client, table.tableName);
    const result = await awsLike.claim(newJob({ analysisId: 'a', jobId: 'j' }), at(0), 1000);
    expect(result).toMatchObject({
      claimed: false,
      job: { status: 'ready', version: 3, history: [{ status: 'ready', at: 'x' }] },
    });
    expect(seen).toEqual(['PutItemCommand']);
    client.destroy();
  });
});

describe('DynamoJobStore.advance', () => {
  it('moves only from the given statuses, appends history, records reason and output prefix', async () => {
    const job = newJob();
    await store.claim(job, at(0), 300_000);
    expect(await store.advance(job, ['validating'], 'analysing', at(1))).toBe(false);
    expect(await store.advance(job, ['received'], 'validating', at(1))).toBe(true);
    expect(await store.advance(job, ['received'], 'validating', at(2))).toBe(false);
    expect(
      await store.advance(job, ['validating'], 'failed', at(3), {
        reason: 'Der Bericht konnte nicht erstellt werden.',
        outputPrefix: 'reports/x/',
      }),
    ).toBe(true);
    expect(await store.advance(job, [], 'ready', at(4))).toBe(false);
    const read = await store.getJob(job);
    expect(read).toMatchObject({
      status: 'failed',
      reason: 'Der Bericht konnte nicht erstellt werden.',
      outputPrefix: 'reports/x/',
      updatedAt: at(3).toISOString(),
    });
    expect(read?.history).toEqual([
      { status: 'received', at: at(0).toISOString() },
      { status: 'validating', at: at(1).toISOString() },
      { status: 'failed', at: at(3).toISOString() },
    ]);
  });

  it('does nothing for a job that does not exist', async () => {
    expect(
      await store.advance(
        { ags: '14522999', analysisId: 'nope', jobId: 'nope' },
        ['received'],
        'failed',
        at(0),
      ),
    ).toBe(false);
    expect(await store.getJob({ ags: '14522999', analysisId: 'nope', jobId: 'nope' })).toBeUndefined();
  });
});

describe('DynamoJobStore versions', () => {
  it("numbers versions per analysis, keeps a job's number across calls, and is race-safe", async () => {
    const a = newJob();
    const b = newJob({ analysisId: a.analysisId, sourceKey: a.sourceKey });
    const c = newJob({ analysisId: a.analysisId, sourceKey: a.sourceKey });
    for (const j of [a, b, c]) await store.claim(j, at(0), 300_000);
    expect(await store.assignVersion(a, at(1))).toBe(1);
    expect(await store.assignVersion(a, at(2))).toBe(1);
    expect(await store.assignVersion(b, at(3))).toBe(2);
    const concurrent = await Promise.all(Array.from({ length: 6 }, () => store.assignVersion(c, at(4))));
    expect(new Set(concurrent).size).toBe(1);
    expect((await store.getJob(c))?.version).toBe(concurrent[0]);
    expect((await store.getAnalysis(a))?.versionCounter).toBeGreaterThanOrEqual(3);
  });

  it('commits a version once: the same job may rewrite it, another job may not', async () => {
    const job = newJob();
    await store.putVersion(version(job, 1));
    await store.putVersion(version(job, 1));
    await expect(store.putVersion(version(job, 1, { jobId: 'someone-else' }))).rejects.toThrow(
      /belongs to another job/,
    );
    await store.putVersion(version(job, 2));
    await store.putVersion(version(job, 10));
    const listed = await store.listVersions(job);
    expect(listed.map((v) => v.version)).toEqual([1, 2, 10]);
    expect(listed[0]).toEqual(version(job, 1));
  });

  it('moves the current version only forward by sequencer, comparing hex of different lengths numerically', async () => {
    const job = newJob();
    expect(await store.promote(job, 1, 'FF', at(1))).toBe(true);
    expect(await store.promote(job, 2, '100', at(2))).toBe(true);
    expect(await store.promote(job, 1, 'FF', at(3))).toBe(false);
    expect(await store.promote(job, 2, '0100', at(4))).toBe(true);
    expect(await store.getAnalysis(job)).toMatchObject({
      currentVersion: 2,
      currentSequencer: padSequencer('100'),
    });
    expect(await store.promote(job, 3, '0055AED6DCD90281E5', at(5))).toBe(true);
    expect(await store.promote(job, 4, '0055AED6DCD90281E4', at(6))).toBe(false);
    expect((await store.getAnalysis(job))?.currentVersion).toBe(3);
  });

  it('pads sequencers to 32 upper-case hex digits and rejects what is not hex', () => {
    expect(padSequencer('0055aed6dcd90281e5')).toBe('0000000000000055AED6DCD90281E5'.padStart(32, '0'));
    expect(padSequencer('ff') < padSequencer('100')).toBe(true);
    expect(() => padSequencer('xyz')).toThrow();
    expect(() => padSequencer('1'.repeat(33))).toThrow();
  });
});

describe('effective status', () => {
  it('reads an in-progress job past its lease as failed with the German timeout reason', async () => {
    const job = newJob();
    await store.claim(job, at(0), 60_000);
    await store.advance(job, ['received'], 'validating', at(1));
    clock = at(30);
    expect((await store.getJob(job))?.status).toBe('validating');
    clock = at(61);
    expect(await store.getJob(job)).toMatchObject({ status: 'failed', reason: TIMEOUT_REASON });
    expect((await store.listJobs(job)).map((j) => j.status)).toEqual(['failed']);
  });

  it('is a pure function of the record and the time', () => {
    const lease = '2026-05-04T10:05:00.000Z';
    expect(
      effectiveStatus({ status: 'rendering', leaseUntil: lease }, new Date('2026-05-04T10:04:59.999Z')),
    ).toEqual({ status: 'rendering' });
    expect(
      effectiveStatus({ status: 'rendering', leaseUntil: lease }, new Date('2026-05-04T10:05:00.001Z')),
    ).toEqual({ status: 'failed', reason: TIMEOUT_REASON });
    expect(effectiveStatus({ status: 'ready', leaseUntil: lease }, new Date('2027-01-01T00:00:00Z'))).toEqual(
      { status: 'ready' },
    );
    expect(
      effectiveStatus(
        { status: 'invalid', reason: 'x', leaseUntil: lease },
        new Date('2027-01-01T00:00:00Z'),
      ),
    ).toEqual({ status: 'invalid', reason: 'x' });
    expect(TIMEOUT_REASON).toBe(
      'Zeitüberschreitung: Die Verarbeitung wurde nicht rechtzeitig abgeschlossen.',
    );
  });
});
