/**
 * The local stack with a data folder (`npm run local`): it keeps analyses, versions, webhooks and
 * unfinished messages across a restart, resumes a job a stop interrupted mid-render (or marks one
 * failed whose message is gone), and never writes into a folder it did not create.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readInputFolder } from '../../src/adapters/fs-input.js';
import { PrinterError } from '../../src/adapters/pdf/printer-error.js';
import { resolveTarget, uploadFiles, waitForJob } from '../../src/cli/commands/upload.js';
import type { PdfPrinter } from '../../src/core/ports.js';
import { LocalStackError, MARKER } from '../../src/local/data-dir.js';
import { INTERRUPTED_REASON } from '../../src/local/resume.js';
import { fakePrinter, startTestStack, type TestStack } from '../support/local-stack.js';

const AGS = '14522999';
let work: string;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sia-persist-'));
});
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** A printer that holds every print until `release` (then fails it as a retryable crash). */
function blockingPrinter(): PdfPrinter & { started: Promise<void>; release: () => void } {
  let started!: () => void;
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const printer = {
    started: new Promise<void>((r) => (started = r)),
    release: () => release(),
    async print(): Promise<never> {
      started();
      await gate;
      throw new PrinterError('crashed', 'Chromium wurde beendet.', { retryable: true });
    },
    async close() {},
  };
  return printer;
}

async function uploadExample(t: TestStack, analysisId: string) {
  const target = resolveTarget(t.cli, {});
  try {
    const ref = { ags: AGS, analysisId };
    const sent = await uploadFiles(target, ref, await readInputFolder('examples/musterstadt'));
    return { ref, sent };
  } finally {
    target.s3.destroy();
    target.dynamo.destroy();
  }
}

describe('local stack with a data folder', () => {
  it('keeps analyses and versions across a restart and resumes a job a stop interrupted', async () => {
    const dataDir = join(work, 'daten');
    // 1st run: one report, and one job stopped mid-render
    const blocking = blockingPrinter();
    let printer: PdfPrinter = fakePrinter();
    const delegate: PdfPrinter = {
      print: (html, options) => printer.print(html, options),
      close: async () => undefined,
    };
    let t = await startTestStack({ dataDir, printer: delegate });
    expect(t.stack.persistent).toBe(true);
    expect(await readdir(dataDir)).toContain(MARKER);
    const first = await uploadExample(t, 'bleibt');
    const target = resolveTarget(t.cli, {});
    expect(await waitForJob(target, first.ref, first.sent, { timeoutMs: 60_000, pollMs: 100 })).toMatchObject(
      {
        status: 'ready',
        version: 1,
      },
    );
    target.s3.destroy();
    target.dynamo.destroy();
    await t.stack.settled();
    printer = blocking;
    const second = await uploadExample(t, 'unterbrochen');
    await blocking.started;
    // a job whose message is gone (as after a lost journal): it cannot be resumed
    const orphan = {
      ags: AGS,
      analysisId: 'verwaist',
      jobId: 'verwaist-1',
      sourceBucket: t.stack.uploadsBucket,
      sourceKey: `uploads/${AGS}/verwaist/sets/s1/analyse.json`,
      sequencer: '1',
    };
    await t.jobs.claim(orphan, new Date(), 300_000);
    await t.jobs.advance(orphan, ['received'], 'analysing', new Date());
    await t.stop();
    blocking.release();

    // 2nd run on the same folder
    printer = fakePrinter();
    t = await startTestStack({ dataDir, printer: delegate });
    try {
      expect(t.stack.restored).toEqual({ messages: 1, resumed: 1, failed: 1 });
      const listed = (await t.jobs.listAnalyses({ ags: AGS })).map((a) => a.analysisId);
      expect(listed).toEqual(expect.arrayContaining(['bleibt', 'unterbrochen', 'verwaist']));
      expect((await t.jobs.getAnalysis(first.ref))?.currentVersion).toBe(1);
      expect(await t.reports.list('reports/14522999/bleibt/v1/')).toContain(
        'reports/14522999/bleibt/v1/report.pdf',
      );
      const again = resolveTarget(t.cli, {});
      const resumed = await waitForJob(again, second.ref, second.sent, { timeoutMs: 60_000, pollMs: 100 });
      again.s3.destroy();
      again.dynamo.destroy();
      expect(resumed).toMatchObject({ status: 'ready', version: 1 });
      expect(resumed?.attempts).toBe(2);
      expect(await t.jobs.getJob(orphan)).toMatchObject({ status: 'failed', reason: INTERRUPTED_REASON });
      await t.stack.settled();
    } finally {
      await t.stop();
    }
    // nothing left unfinished: a third start has nothing to take over
    t = await startTestStack({ dataDir, printer: fakePrinter() });
    expect(t.stack.restored).toEqual({ messages: 0, resumed: 0, failed: 0 });
    await t.stop();
  }, 180_000);

  it('refuses a folder with content it did not create, and leaves it untouched', async () => {
    const foreign = join(work, 'fremd');
    await mkdir(join(foreign, 'src'), { recursive: true });
    await writeFile(join(foreign, 'package.json'), '{"name":"irgendwas"}');
    const error = await startTestStack({ dataDir: foreign }).then(
      async (t) => {
        await t.stop();
        return undefined;
      },
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LocalStackError);
    expect((error as Error).message).toBe(
      `Der Ordner ${foreign} ist nicht leer und wurde nicht von der lokalen Pipeline angelegt. Sie schreibt nur in Ordner, die sie selbst angelegt hat: bitte mit --data-dir einen neuen oder leeren Ordner angeben.`,
    );
    expect((await readdir(foreign)).sort()).toEqual(['package.json', 'src']);
    expect(await readFile(join(foreign, 'package.json'), 'utf8')).toBe('{"name":"irgendwas"}');
  });
});
