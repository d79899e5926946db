/**
 * Bundle bench: the four Lambda bundles as deployed (one synth with bundling), each imported from a
 * read-only copy of its asset folder in a fresh Node process with `--enable-source-maps` (as the
 * stack sets NODE_OPTIONS): size, import wall and CPU time, memory right after the import. Median of
 * RUNS imports. Printed next to the figures before the composition roots were split (commit 95fa3e4:
 * one container importing the Chromium printer for every function, the AWS SDK taken from the
 * runtime), measured the same way on the same machine.
 *
 * Target (issue 13): the API, dead-letter and dispatcher bundles import in well under a second (CPU)
 * with no report stack inside. Wall times depend on the machine's load; the CPU time is the steadier figure.
 *
 * Run alone: `npm run bench -- bundles`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  bundleSize,
  FUNCTIONS,
  localEnvironment,
  removeSandbox,
  runBundle,
  sandboxCopy,
  synthesizeBundles,
  type FunctionName,
} from '../test/support/bundles.js';

const RUNS = 3;

/** Before the split (95fa3e4), same method: index.mjs and source map bytes, folder bytes, import wall / CPU ms, RSS MB. */
const BEFORE: Readonly<
  Record<
    FunctionName,
    { index: number; map: number; total: number; wallMs: number; cpuMs: number; rssMb: number }
  >
> = {
  worker: { index: 9_319_504, map: 31_044_889, total: 108_967_261, wallMs: 4560, cpuMs: 2879, rssMb: 406 },
  'dead-letter': {
    index: 6_968_783,
    map: 23_323_297,
    total: 30_292_080,
    wallMs: 3457,
    cpuMs: 2326,
    rssMb: 333,
  },
  api: { index: 7_017_038, map: 23_549_558, total: 30_566_596, wallMs: 6019, cpuMs: 2441, rssMb: 329 },
  dispatcher: { index: 2_223_783, map: 6_993_442, total: 9_463_354, wallMs: 1869, cpuMs: 658, rssMb: 118 },
};

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

export async function benchBundles(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'sia-bench-bundles-'));
  try {
    const started = performance.now();
    const functions = await synthesizeBundles(join(work, 'cdk.out'));
    console.log(`synth with bundling: ${((performance.now() - started) / 1000).toFixed(1)} s`);
    console.log(
      'function      index.mjs (+map)        folder      import wall   import CPU   RSS after import   (before: index, folder, wall, CPU, RSS)',
    );
    for (const name of FUNCTIONS) {
      const fn = functions[name];
      const size = await bundleSize(fn.assetDir);
      const root = await mkdtemp(join(tmpdir(), 'sia-bench-task-'));
      const task = await sandboxCopy(fn, root);
      const env = localEnvironment(fn, task, {
        UPLOADS_BUCKET: 'sia-uploads',
        REPORTS_BUCKET: 'sia-reports',
        TABLE_NAME: 'sia-jobs',
        JOBS_QUEUE_URL: 'http://127.0.0.1:9/q',
        API_BASE_URL: 'http://127.0.0.1:4570',
        AWS_REGION: 'eu-central-1',
      });
      const runs = [];
      for (let i = 0; i < RUNS; i++) runs.push(await runBundle(task, { env }));
      await removeSandbox(root);
      const b = BEFORE[name];
      console.log(
        [
          name.padEnd(13),
          `${mb(size.indexBytes)} (+${mb(size.mapBytes)})`.padEnd(23),
          mb(size.totalBytes).padEnd(11),
          `${median(runs.map((r) => r.importMs))} ms`.padEnd(13),
          `${median(runs.map((r) => r.importCpuMs))} ms`.padEnd(12),
          `${median(runs.map((r) => r.rssMb))} MB`.padEnd(18),
          `(${mb(b.index)}, ${mb(b.total)}, ${b.wallMs} ms, ${b.cpuMs} ms, ${b.rssMb} MB)`,
        ].join(' '),
      );
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
