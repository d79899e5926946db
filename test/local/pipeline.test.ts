/**
 * The whole local path with real s3rver, dynalite, handlers and Chromium on 127.0.0.1:
 * `sia upload` → S3 event → queue → worker → report version → download. Then exactly-once:
 * duplicated, concurrent and reordered events, and a re-upload of the same manifest key.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChromiumPrinter, type ChromiumPrinter } from '../../src/adapters/chromium-printer.js';
import { readInputFolder } from '../../src/adapters/fs-input.js';
import { readPdfLayout } from '../../src/adapters/pdf/outline.js';
import { TIMEOUT_REASON } from '../../src/adapters/dynamo-job-store.js';
import {
  resolveTarget,
  uploadCommand,
  uploadFiles,
  waitForJob,
  type UploadTarget,
} from '../../src/cli/commands/upload.js';
import type { AnalysisRef } from '../../src/core/ports.js';
import { encodeS3Key } from '../../src/local/emulators.js';
import { parseUploadKey, setPrefix } from '../../src/app/upload-event.js';
import { snapshot, startTestStack, type TestStack } from '../support/local-stack.js';

const EXAMPLE = 'examples/musterstadt';
const AGS = '14522999';

let t: TestStack;
let printer: ChromiumPrinter;
let target: UploadTarget;
let work: string;
const measured: Record<string, number> = {};

/** Captures what `sia upload` prints. */
function captureIo(): { io: Parameters<typeof uploadCommand>[2]; out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  const stream = (sink: string[]) =>
    ({ write: (chunk: string) => sink.push(chunk) > 0 }) as unknown as NodeJS.WritableStream;
  return {
    io: { stdout: stream(out), stderr: stream(err), env: {} },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

/** The notification bodies the stack recorded for the manifests of one analysis (any upload set), oldest first. */
function notificationsFor(ref: AnalysisRef): string[] {
  const prefix = encodeS3Key(`uploads/${ref.ags}/${ref.analysisId}/`);
  return t.stack.notifications.filter((b) => b.includes(`"key":"${prefix}`));
}

/** Uploads the example (or a part of it) under another analysis id, as a new upload set. */
async function upload(analysisId: string, folder = EXAMPLE, without: readonly string[] = []) {
  const ref = { ags: AGS, analysisId };
  const files = (await readInputFolder(folder)).filter((f) => !without.includes(f.name));
  const sent = await uploadFiles(target, ref, files);
  return { ref, sent };
}

beforeAll(async () => {
  printer = createChromiumPrinter();
  t = await startTestStack({ printer, concurrency: 10 });
  target = resolveTarget(t.cli, {});
  work = await mkdtemp(join(tmpdir(), 'sia-local-test-'));
});

afterAll(async () => {
  target?.s3.destroy();
  target?.dynamo.destroy();
  await t?.stop();
  await printer?.close();
  if (work) await rm(work, { recursive: true, force: true });
  if (Object.keys(measured).length > 0)
    console.info(`local pipeline timings (ms): ${JSON.stringify(measured)}`);
});

// A report takes 10–20 s; on a loaded 2-core machine the first one (Chromium's start) can take over a minute.
describe('local pipeline: sia upload → report', () => {
  it('turns examples/musterstadt into report version 1 and downloads it', async () => {
    const out = join(work, 'bericht');
    const { io, out: stdout, err } = captureIo();
    const started = performance.now();
    const code = await uploadCommand(EXAMPLE, { ...t.cli, out, pollMs: 100, timeoutSeconds: 120 }, io);
    measured.endToEndMs = Math.round(performance.now() - started);
    expect(err()).toContain('• Status: fertig');
    expect(code).toBe(0);
    expect(err()).toContain('• Status: wird geprüft');
    expect(stdout()).toContain('Bericht Version 1 heruntergeladen');

    const ref = { ags: AGS, analysisId: 'musterstadt' };
    const [job] = await t.jobs.listJobs(ref);
    expect(job).toMatchObject({ status: 'ready', version: 1, attempts: 1 });
    expect(job?.history.map((h) => h.status)).toEqual([
      'received',
      'validating',
      'analysing',
      'rendering',
      'ready',
    ]);
    const versions = await t.jobs.listVersions(ref);
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({
      version: 1,
      jobId: job?.jobId,
      prefix: 'reports/14522999/musterstadt/v1/',
    });

    const pdf = new Uint8Array(await readFile(join(out, 'report.pdf')));
    expect(new TextDecoder().decode(pdf.subarray(0, 5))).toBe('%PDF-');
    const layout = await readPdfLayout(pdf);
    expect(layout.pageCount).toBeGreaterThan(10);
    expect(versions[0]?.pages).toBe(layout.pageCount);
    const provenance = JSON.parse(await readFile(join(out, 'provenance.json'), 'utf8')) as {
      version: number;
      outputs: { path: string }[];
    };
    expect(provenance.version).toBe(1);
    expect(
      (await t.reports.list('reports/14522999/musterstadt/v1/'))
        .map((k) => k.slice('reports/14522999/musterstadt/v1/'.length))
        .sort(),
    ).toEqual([...provenance.outputs.map((o) => o.path), 'provenance.json'].sort());
    // the upload is stored exactly as sent, as one upload set
    const set = parseUploadKey(job?.sourceKey ?? '');
    expect(set?.setId).toMatch(/^\d{8}T\d{9}Z-[0-9a-f]{12}$/);
    for (const f of await readInputFolder(EXAMPLE))
      expect(await t.uploads.get(`${setPrefix(set!)}${f.name}`)).toEqual(f.bytes);
  }, 180_000);

  it('answers an invalid upload with status invalid and the German validation report, and no report version', async () => {
    const folder = join(work, 'kaputt');
    await cp(EXAMPLE, folder, { recursive: true });
    const csv = await readFile(join(folder, 'befragung.csv'));
    await writeFile(
      join(folder, 'befragung.csv'),
      Buffer.from(
        csv.toString('utf8').replace('\n1;03;w;46;papier;', '\n1;03;w;sechsundvierzig;papier;'),
        'utf8',
      ),
    );
    const { io, out: stdout, err } = captureIo();
    const code = await uploadCommand(
      folder,
      { ...t.cli, out: join(work, 'nie'), pollMs: 100, timeoutSeconds: 60 },
      io,
    );
    expect(code).toBe(1);
    expect(err()).toContain('• Status: ungültig');
    expect(stdout()).toContain('Zeile 2, Spalte „alter“: Wert „sechsundvierzig“ ist nicht erlaubt');

    const ref = { ags: AGS, analysisId: 'kaputt' };
    const [job] = await t.jobs.listJobs(ref);
    expect(job).toMatchObject({
      status: 'invalid',
      reason: 'Die Daten enthalten 1 Fehler; siehe Prüfbericht.',
      outputPrefix: `reports/14522999/kaputt/validierung/${job?.jobId}/`,
    });
    expect(job?.version).toBeUndefined();
    expect(await t.jobs.listVersions(ref)).toEqual([]);
    expect(await t.reports.list('reports/14522999/kaputt/')).toEqual([
      `${job?.outputPrefix}validation.json`,
      `${job?.outputPrefix}validation.txt`,
    ]);
    const stored = new TextDecoder().decode(await t.reports.get(`${job?.outputPrefix}validation.txt`));
    expect(stored).toContain('1 Fehler');
  });
});

describe('local pipeline: manifests bound to their municipality', () => {
  it('refuses a manifest that names another municipality than the upload belongs to (invalid, located)', async () => {
    const folder = join(work, 'fremd');
    await cp(EXAMPLE, folder, { recursive: true });
    const manifest = JSON.parse(await readFile(join(folder, 'analyse.json'), 'utf8')) as {
      kommune: { ags: string };
    };
    manifest.kommune.ags = '14511000';
    await writeFile(join(folder, 'analyse.json'), JSON.stringify(manifest, null, 2));
    const { io, out: stdout, err } = captureIo();
    const code = await uploadCommand(
      folder,
      { ...t.cli, ags: AGS, out: join(work, 'nie-fremd'), pollMs: 100, timeoutSeconds: 60 },
      io,
    );
    expect(code).toBe(1);
    expect(err()).toContain('• Status: ungültig');
    expect(stdout()).toContain(
      'Feld „kommune.ags“: Wert „14511000“ passt nicht zu diesem Upload: Er gehört zur Gemeinde mit dem Schlüssel 14522999.',
    );
    const ref = { ags: AGS, analysisId: 'fremd' };
    expect(await t.jobs.listVersions(ref)).toEqual([]);
    expect(await t.reports.list('reports/14522999/fremd/v1/')).toEqual([]);
  });
});

describe('local pipeline: exactly once', () => {
  it('makes one version of one event delivered 2, 5 and 10 times one after the other', async () => {
    const { ref, sent } = await upload('doppelt');
    const job = await waitForJob(target, ref, sent, { timeoutMs: 120_000, pollMs: 100 });
    expect(job).toMatchObject({ status: 'ready', version: 1 });
    await t.stack.settled();
    const [body] = notificationsFor(ref);
    const reports = await snapshot(t.reports, 'reports/14522999/doppelt/');
    const uploads = await snapshot(t.uploads, 'uploads/14522999/doppelt/');
    const printsBefore = printer.stats().prints;
    let delivered = 1;
    for (const total of [2, 5, 10]) {
      for (; delivered < total; delivered++) {
        t.stack.send(body!);
        await t.stack.settled();
      }
      expect((await t.jobs.listVersions(ref)).map((v) => v.version)).toEqual([1]);
      expect(await t.jobs.listJobs(ref)).toHaveLength(1);
      expect(await snapshot(t.reports, 'reports/14522999/doppelt/')).toEqual(reports);
    }
    expect(printer.stats().prints).toBe(printsBefore);
    expect((await t.jobs.getAnalysis(ref))?.versionCounter).toBe(1);
    expect(await snapshot(t.uploads, 'uploads/14522999/doppelt/')).toEqual(uploads);
  }, 180_000);

  it('makes one version of one event delivered 10 times at once', async () => {
    t.stack.setNotify(false);
    const { ref } = await upload('gleichzeitig').finally(() => t.stack.setNotify(true));
    const [body] = notificationsFor(ref);
    const uploads = await snapshot(t.uploads, 'uploads/14522999/gleichzeitig/');
    const printsBefore = printer.stats().prints;
    for (let i = 0; i < 10; i++) t.stack.send(body!);
    await t.stack.settled();
    const jobs = await t.jobs.listJobs(ref);
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ status: 'ready', version: 1, attempts: 1 });
    expect((await t.jobs.listVersions(ref)).map((v) => v.version)).toEqual([1]);
    expect(printer.stats().prints - printsBefore).toBe(1); // one print of one render
    const keys = await t.reports.list('reports/14522999/gleichzeitig/');
    expect(keys.every((k) => k.startsWith('reports/14522999/gleichzeitig/v1/'))).toBe(true);
    expect(keys).toContain('reports/14522999/gleichzeitig/v1/report.pdf');
    expect(await snapshot(t.uploads, 'uploads/14522999/gleichzeitig/')).toEqual(uploads);
  }, 180_000);

  it('makes a new version of a new upload, from exactly its files (a file left out is not used), and keeps the old one', async () => {
    const ref = { ags: AGS, analysisId: 'doppelt' };
    const v1 = await snapshot(t.reports, 'reports/14522999/doppelt/v1/');
    const inputsOf = async (v: number) =>
      (
        JSON.parse(
          new TextDecoder().decode(await t.reports.get(`reports/14522999/doppelt/v${v}/provenance.json`)),
        ) as { inputs: { name: string }[] }
      ).inputs.map((i) => i.name);
    expect(await inputsOf(1)).toContain('ordnungswidrigkeiten.csv');
    // contract §11: the second upload leaves out ordnungswidrigkeiten.csv, so version 2 must not use it
    const { sent } = await upload('doppelt', EXAMPLE, ['ordnungswidrigkeiten.csv']);
    const job = await waitForJob(target, ref, sent, { timeoutMs: 120_000, pollMs: 100 });
    expect(job).toMatchObject({ status: 'ready', version: 2 });
    await t.stack.settled();
    expect((await t.jobs.listVersions(ref)).map((v) => v.version)).toEqual([1, 2]);
    expect(await t.jobs.getAnalysis(ref)).toMatchObject({ currentVersion: 2, versionCounter: 2 });
    expect(await snapshot(t.reports, 'reports/14522999/doppelt/v1/')).toEqual(v1);
    expect(await t.reports.list('reports/14522999/doppelt/v2/')).toContain(
      'reports/14522999/doppelt/v2/report.pdf',
    );
    expect(await inputsOf(2)).not.toContain('ordnungswidrigkeiten.csv');
    expect((await inputsOf(1)).length - (await inputsOf(2)).length).toBe(1);
  }, 180_000);

  it('never lets an older event that arrives late replace the newer result', async () => {
    t.stack.setNotify(false);
    const older = await upload('reihenfolge');
    const newer = await upload('reihenfolge').finally(() => t.stack.setNotify(true));
    const [olderBody, newerBody] = notificationsFor(older.ref);
    expect(olderBody).toBeDefined();
    expect(newerBody).toBeDefined();
    const uploads = await snapshot(t.uploads, 'uploads/14522999/reihenfolge/');

    t.stack.send(newerBody!);
    await t.stack.settled();
    t.stack.send(olderBody!);
    await t.stack.settled();

    const ref = older.ref;
    const jobs = await t.jobs.listJobs(ref);
    const byVersionId = (id: string | undefined) => jobs.find((j) => j.sourceVersionId === id);
    expect(byVersionId(newer.sent.versionId)).toMatchObject({ status: 'ready', version: 1 });
    expect(byVersionId(older.sent.versionId)).toMatchObject({
      status: 'failed',
      reason:
        'Nicht verarbeitet: Für diese Analyse wurde bereits eine neuere Fassung hochgeladen und ausgewertet.',
    });
    expect(byVersionId(older.sent.versionId)?.version).toBeUndefined();
    expect(await t.jobs.getAnalysis(ref)).toMatchObject({ currentVersion: 1, versionCounter: 1 });
    expect((await t.jobs.listVersions(ref)).map((v) => v.version)).toEqual([1]);
    expect(await snapshot(t.uploads, 'uploads/14522999/reihenfolge/')).toEqual(uploads);
  }, 180_000);

  it('reads a job left in progress past its lease as failed with the timeout reason', async () => {
    const ref = { ags: AGS, analysisId: 'liegengeblieben' };
    const job = {
      ...ref,
      jobId: 'abgebrochen',
      sourceBucket: t.stack.uploadsBucket,
      sourceKey: 'uploads/14522999/liegengeblieben/analyse.json',
      sequencer: '1',
    };
    await t.jobs.claim(job, new Date(), 300);
    await t.jobs.advance(job, ['received'], 'rendering', new Date());
    expect((await t.jobs.getJob(job))?.status).toBe('rendering');
    await new Promise((r) => setTimeout(r, 400));
    expect(await t.jobs.getJob(job)).toMatchObject({ status: 'failed', reason: TIMEOUT_REASON });
  });
});
