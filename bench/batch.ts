/**
 * Batch bench ("Alle neu erstellen", issue 15 item 4): the local stack (s3rver, dynalite, the real
 * handlers, Chromium) with ANALYSES analyses of examples/musterstadt, each with a current version;
 * then `POST /regenerations` for all of them as LPR staff, and `GET /regenerations/{id}` until every
 * one is fertig, ungültig or fehlgeschlagen.
 *
 * Set-up: one real upload (version 1 through the whole pipeline); the other analyses are copies of
 * it — the same upload set under their own key, the same version record and analysis.json — so the
 * regeneration of each does exactly the work of a real one (read, validate, analyse, compare with
 * version 1, print, store). Worker concurrency: the local stack's (CONCURRENCY, one per core here).
 *
 * Prints: wall time from the request until the last report, reports per minute, the per-report time
 * (median and p90 of received → fertig of the jobs), the summary, and peak memory sampled every
 * 250 ms: this Node process (the worker, the emulators, the API) and its Chromium processes.
 *
 * Run alone: `npm run bench -- batch` (SIA_BATCH_ANALYSES, SIA_BATCH_CONCURRENCY to change the size).
 */
import { readdir, readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { readInputFolder } from '../src/adapters/fs-input.js';
import { newSetId, setPrefix } from '../src/app/upload-event.js';
import { resolveTarget, uploadFiles, waitForJob } from '../src/cli/commands/upload.js';
import { contentTypeOf } from '../src/cli/commands/upload.js';
import { startTestStack, type TestStack } from '../test/support/local-stack.js';

const ANALYSES = Number(process.env.SIA_BATCH_ANALYSES ?? 50);
const CONCURRENCY = Number(process.env.SIA_BATCH_CONCURRENCY ?? 2);
const AGS = '14522999';
const LPR_TOKEN = 'lpr-bench-token-0123456789abcdef';

/** Resident memory of a process and its descendants (Linux /proc), in bytes. */
async function treeRss(pid: number): Promise<{ self: number; children: number }> {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(entry)) continue;
    const status = await readFile(`/proc/${entry}/status`, 'utf8').catch(() => '');
    const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1] ?? -1);
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    rss.set(Number(entry), kb * 1024);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  let sum = 0;
  const stack = [...(children.get(pid) ?? [])];
  while (stack.length > 0) {
    const p = stack.pop()!;
    sum += rss.get(p) ?? 0;
    stack.push(...(children.get(p) ?? []));
  }
  return { self: rss.get(pid) ?? process.memoryUsage().rss, children: sum };
}

const mb = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MB`;
const pct = (xs: readonly number[], p: number) =>
  [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) * p)] ?? 0;

/** Copies analysis `from` (its upload set, job, version record and analysis.json) to `analysisId`. */
async function cloneAnalysis(t: TestStack, from: { setPrefix: string; version: number }, analysisId: string) {
  const ref = { ags: AGS, analysisId };
  const setId = newSetId(new Date(), randomBytes(6).toString('hex'));
  const prefix = setPrefix({ ...ref, setId });
  const keys = await t.uploads.list(from.setPrefix);
  let manifest: { key: string; versionId: string } | undefined;
  for (const key of keys) {
    const name = key.slice(from.setPrefix.length);
    if (name === 'analyse.json') continue;
    await t.uploads.put(prefix + name, (await t.uploads.get(key))!, contentTypeOf(name));
  }
  // the manifest with notifications off: a copy is not an upload
  t.stack.setNotify(false);
  try {
    const put = await t.uploads.putObject(
      `${prefix}analyse.json`,
      (await t.uploads.get(`${from.setPrefix}analyse.json`))!,
      'application/json',
    );
    manifest = { key: `${prefix}analyse.json`, versionId: put.versionId ?? '' };
  } finally {
    t.stack.setNotify(true);
  }
  const now = new Date();
  const jobId = `bench-${analysisId}`;
  const jobRef = { ...ref, jobId };
  const sequencer = '1';
  await t.jobs.claim(
    {
      ...jobRef,
      sourceBucket: t.stack.uploadsBucket,
      sourceKey: manifest.key,
      sourceVersionId: manifest.versionId,
      sequencer,
      eventTime: now.toISOString(),
    },
    now,
    60_000,
  );
  await t.jobs.advance(jobRef, ['received'], 'validating', now);
  const version = await t.jobs.assignVersion(jobRef, now);
  const versionPrefix = `reports/${AGS}/${analysisId}/v${version}/`;
  const source = `reports/${AGS}/musterstadt-0/v${from.version}/`;
  for (const file of ['analysis.json', 'report.pdf'])
    await t.reports.put(versionPrefix + file, (await t.reports.get(source + file))!, contentTypeOf(file));
  const original = (await t.jobs.listVersions({ ags: AGS, analysisId: 'musterstadt-0' }))[0]!;
  await t.jobs.putVersion({ ...original, ...ref, version, jobId, prefix: versionPrefix });
  await t.jobs.promote(ref, version, `${now.toISOString()}#${sequencer.padStart(32, '0')}`, now);
  await t.jobs.advance(jobRef, ['validating'], 'ready', now, { outputPrefix: versionPrefix });
}

export async function benchBatch(): Promise<void> {
  const t = await startTestStack({
    concurrency: CONCURRENCY,
    functionTimeoutMs: 300_000,
    api: { tokens: { [LPR_TOKEN]: { kind: 'lpr' } } },
  });
  const api = t.stack.apiUrl!;
  const auth = { Authorization: `Bearer ${LPR_TOKEN}`, 'Content-Type': 'application/json' };
  try {
    // the first analysis through the whole pipeline (Chromium starts here, not in the measurement)
    const target = resolveTarget(t.cli, {});
    const first = { ags: AGS, analysisId: 'musterstadt-0' };
    const sent = await uploadFiles(target, first, await readInputFolder('examples/musterstadt'));
    const job = await waitForJob(target, first, sent, { timeoutMs: 300_000, pollMs: 500 });
    target.s3.destroy();
    target.dynamo.destroy();
    if (job?.status !== 'ready') throw new Error(`the first report ended ${job?.status}: ${job?.reason}`);
    await t.stack.settled();
    for (let i = 1; i < ANALYSES; i++)
      await cloneAnalysis(t, { setPrefix: sent.prefix, version: job.version ?? 1 }, `musterstadt-${i}`);
    console.log(
      `${ANALYSES} analyses of examples/musterstadt with version 1, worker concurrency ${CONCURRENCY}`,
    );

    let peak = { self: 0, children: 0, total: 0 };
    const sampler = setInterval(() => {
      void treeRss(process.pid).then((m) => {
        peak = {
          self: Math.max(peak.self, m.self),
          children: Math.max(peak.children, m.children),
          total: Math.max(peak.total, m.self + m.children),
        };
      });
    }, 250);
    const started = performance.now();
    const accepted = (await (
      await fetch(`${api}/regenerations`, { method: 'POST', headers: auth })
    ).json()) as {
      batchId: string;
      total: number;
      skipped: unknown[];
    };
    let progress: {
      done: boolean;
      counts: Record<string, number>;
      items: { ags: string; analysisId: string }[];
    };
    let last = '';
    for (;;) {
      progress = (await (
        await fetch(`${api}/regenerations/${accepted.batchId}`, { headers: auth })
      ).json()) as typeof progress;
      const line = Object.entries(progress.counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      if (line !== last) {
        console.log(`  ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s  ${line}`);
        last = line;
      }
      if (progress.done) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const wallMs = performance.now() - started;
    clearInterval(sampler);
    await t.stack.settled();

    const durations: number[] = [];
    for (const item of progress.items) {
      const jobs = await t.jobs.listJobs(item);
      const regen = jobs.find((j) => j.regenerationRequestId?.startsWith(`${accepted.batchId}.`));
      const from = regen?.history[0]?.at;
      const to = regen?.history.at(-1)?.at;
      if (from && to) durations.push(Date.parse(to) - Date.parse(from));
    }
    console.log(
      `batch of ${accepted.total} (skipped ${accepted.skipped.length}): ${(wallMs / 1000).toFixed(1)} s, ` +
        `${((accepted.total / wallMs) * 60_000).toFixed(1)} reports per minute`,
    );
    console.log(
      `per report (received → fertig, ${CONCURRENCY} at a time): median ${(pct(durations, 0.5) / 1000).toFixed(1)} s, ` +
        `p90 ${(pct(durations, 0.9) / 1000).toFixed(1)} s; one worker alone: ${((wallMs * CONCURRENCY) / accepted.total / 1000).toFixed(1)} s per report`,
    );
    console.log(
      `summary: ${Object.entries(progress.counts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
    console.log(
      `peak memory: Node process ${mb(peak.self)} (worker, emulators, API), Chromium ${mb(peak.children)}, together ${mb(peak.total)}`,
    );
  } finally {
    await t.stop();
  }
}
