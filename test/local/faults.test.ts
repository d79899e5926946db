/**
 * Faults on the local path (real s3rver, dynalite, handlers, Chromium; 127.0.0.1 only): S3 failing
 * a share of requests, Chromium killed in the middle of a print, and a job that fails every
 * delivery until the dead-letter handler records it. In each: one correct report or one clear
 * failure, no partial objects in the reports bucket, the upload unchanged.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChromiumPrinter, type ChromiumPrinter } from '../../src/adapters/chromium-printer.js';
import { readInputFolder } from '../../src/adapters/fs-input.js';
import { PrinterError } from '../../src/adapters/pdf/printer-error.js';
import { resolveTarget, uploadFiles, waitForJob, type UploadTarget } from '../../src/cli/commands/upload.js';
import type { AnalysisRef, PdfPrinter } from '../../src/core/ports.js';
import { startFaultProxy } from '../support/fault-proxy.js';
import { snapshot, startTestStack, type TestStack } from '../support/local-stack.js';

const AGS = '14522999';
let t: TestStack;
let chromium: ChromiumPrinter;
/** The printer the worker uses; tests swap what it delegates to. */
let delegate: PdfPrinter;
let target: UploadTarget;
const figures: Record<string, unknown> = {};

beforeAll(async () => {
  chromium = createChromiumPrinter();
  delegate = chromium;
  const printer: PdfPrinter = {
    print: (html, options) => delegate.print(html, options),
    close: async () => {},
  };
  t = await startTestStack({ printer, visibilityMs: 200 });
  target = resolveTarget(t.cli, {});
});

afterAll(async () => {
  target?.s3.destroy();
  target?.dynamo.destroy();
  await t?.stop();
  await chromium?.close();
  console.info(`fault figures: ${JSON.stringify(figures)}`);
});

/** Uploads the example under `analysisId` and waits until the queues are idle; returns the uploads' hashes right after the upload. */
async function uploadAndSettle(
  analysisId: string,
): Promise<{ ref: AnalysisRef; uploads: Record<string, string> }> {
  const ref = { ags: AGS, analysisId };
  await uploadFiles(target, ref, await readInputFolder('examples/musterstadt'));
  const uploads = await snapshot(t.uploads, `uploads/${AGS}/${analysisId}/`);
  await t.stack.settled();
  return { ref, uploads };
}

/** Every object under the analysis' reports prefix belongs to a committed version and matches its provenance. */
async function expectOnlyCommittedObjects(ref: AnalysisRef): Promise<void> {
  const versions = await t.jobs.listVersions(ref);
  const keys = await t.reports.list(`reports/${ref.ags}/${ref.analysisId}/`);
  for (const key of keys) expect(versions.some((v) => key.startsWith(v.prefix))).toBe(true);
  for (const v of versions) {
    const provenance = JSON.parse(
      new TextDecoder().decode(await t.reports.get(`${v.prefix}provenance.json`)),
    ) as { outputs: { path: string; sha256: string }[] };
    const inPrefix = keys
      .filter((k) => k.startsWith(v.prefix))
      .map((k) => k.slice(v.prefix.length))
      .sort();
    expect(inPrefix).toEqual([...provenance.outputs.map((o) => o.path), 'provenance.json'].sort());
    for (const o of provenance.outputs) {
      const bytes = await t.reports.get(v.prefix + o.path);
      expect(createHash('sha256').update(bytes!).digest('hex')).toBe(o.sha256);
    }
  }
}

describe('faults on the local pipeline', () => {
  it("ends with exactly one correct report when S3 answers 30 % of the worker's requests with 503 (SDK retries + redelivery)", async () => {
    // Besides the random 30 %: forty failures in a row while the report files are written (eight
    // puts at a time, five SDK attempts each), so some put runs out of attempts: the first delivery
    // fails half-way, leaving part of the files behind, and the queue redelivers.
    const proxy = await startFaultProxy(t.stack.s3Endpoint, {
      failureRate: 0.3,
      seed: 20260504,
      blackout: { from: 25, count: 40 },
    });
    t.stack.setFunctionEnv({ AWS_ENDPOINT_URL_S3: proxy.endpoint });
    const before = t.stack.jobsQueue.stats();
    try {
      const { ref, uploads } = await uploadAndSettle('s3-stoerung');
      const jobs = await t.jobs.listJobs(ref);
      expect(jobs).toHaveLength(1);
      expect(jobs[0]).toMatchObject({ status: 'ready', version: 1 });
      expect((await t.jobs.listVersions(ref)).map((v) => v.version)).toEqual([1]);
      await expectOnlyCommittedObjects(ref);
      expect(await snapshot(t.uploads, `uploads/${AGS}/s3-stoerung/`)).toEqual(uploads);
      const after = t.stack.jobsQueue.stats();
      figures.s3Faults = {
        requests: proxy.stats.requests,
        injected503: proxy.stats.injected,
        deliveries: after.deliveries - before.deliveries,
        attempts: jobs[0]?.attempts,
      };
      expect(proxy.stats.injected).toBeGreaterThan(10);
      expect(after.deliveries - before.deliveries).toBeGreaterThanOrEqual(2);
      expect(jobs[0]?.attempts).toBeGreaterThanOrEqual(2);
    } finally {
      t.stack.setFunctionEnv({ AWS_ENDPOINT_URL_S3: t.stack.s3Endpoint });
      await proxy.close();
    }
    // SDK backoff and a redelivery with real Chromium: 30–55 s on a busy 2-core machine
  }, 120_000);

  it('retries a job whose Chromium was killed (SIGKILL) mid-print and makes exactly one report', async () => {
    let killed = 0;
    delegate = {
      async print(html, options) {
        if (killed > 0) return chromium.print(html, options);
        const printing = chromium.print(html, options);
        // Kill the browser once it is up and the page is being printed.
        for (let i = 0; i < 200 && chromium.stats().browserPid === undefined; i++)
          await new Promise((r) => setTimeout(r, 25));
        await new Promise((r) => setTimeout(r, 300));
        const pid = chromium.stats().browserPid;
        if (pid !== undefined) {
          process.kill(pid, 'SIGKILL');
          killed += 1;
        }
        return printing;
      },
      close: async () => {},
    };
    const launchesBefore = chromium.stats().launches;
    try {
      const { ref, uploads } = await uploadAndSettle('renderer-absturz');
      expect(killed).toBe(1);
      const jobs = await t.jobs.listJobs(ref);
      expect(jobs).toHaveLength(1);
      expect(jobs[0]).toMatchObject({ status: 'ready', version: 1, attempts: 2 });
      expect((await t.jobs.listVersions(ref)).map((v) => v.version)).toEqual([1]);
      await expectOnlyCommittedObjects(ref);
      expect(await snapshot(t.uploads, `uploads/${AGS}/renderer-absturz/`)).toEqual(uploads);
      expect(chromium.stats().launches).toBeGreaterThan(launchesBefore);
      figures.rendererKilled = {
        attempts: jobs[0]?.attempts,
        launches: chromium.stats().launches - launchesBefore,
        failedPrints: chromium.stats().failedPrints,
      };
    } finally {
      delegate = chromium;
    }
  });

  it('records a clear failure after three failed deliveries (dead-letter handler) and leaves no report files', async () => {
    let prints = 0;
    delegate = {
      print: async () => {
        prints += 1;
        throw new PrinterError('crashed', 'Chromium ist beim Erzeugen des PDF abgestürzt.', {
          retryable: true,
        });
      },
      close: async () => {},
    };
    const dlqBefore = t.stack.deadLetterQueue.stats();
    try {
      const { ref, uploads } = await uploadAndSettle('immer-kaputt');
      const jobs = await t.jobs.listJobs(ref);
      expect(jobs).toHaveLength(1);
      expect(jobs[0]).toMatchObject({
        status: 'failed',
        reason: 'Der Bericht konnte nach 3 Versuchen nicht erstellt werden.',
        attempts: 3,
      });
      expect(prints).toBe(3);
      expect(t.stack.deadLetterQueue.stats().deleted - dlqBefore.deleted).toBe(1);
      expect(await t.jobs.listVersions(ref)).toEqual([]);
      expect(await t.reports.list(`reports/${AGS}/immer-kaputt/`)).toEqual([]);
      expect(await snapshot(t.uploads, `uploads/${AGS}/immer-kaputt/`)).toEqual(uploads);
      const job = await waitForJob(
        target,
        ref,
        {
          prefix: '',
          setId: '',
          manifestKey: jobs[0]!.sourceKey,
          ...(jobs[0]!.sourceVersionId && { versionId: jobs[0]!.sourceVersionId }),
          startedAt: new Date(0),
        },
        { timeoutMs: 1000, pollMs: 100 },
      );
      expect(job?.status).toBe('failed');
    } finally {
      delegate = chromium;
    }
  });
});
