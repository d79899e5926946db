/**
 * The Lambda bundles as deployed: synthesize the CDK stack with bundling (esbuild, as `cdk deploy`
 * does), find each function's asset folder, and run a bundle the way Lambda does — from a copy of its
 * folder alone, read-only, `/tmp` the only writable place, nothing from the repository (no
 * node_modules; the AWS SDK is bundled, infra/constructs/sia-function.ts). Used by
 * test/infra/bundles.test.ts and bench/bundles.ts.
 */
import { spawn } from 'node:child_process';
import { chmod, cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { App } from 'aws-cdk-lib';
import { SicherheitsanalyseStack } from '../../infra/stack.js';

export const FUNCTIONS = ['worker', 'dead-letter', 'api', 'dispatcher'] as const;
export type FunctionName = (typeof FUNCTIONS)[number];

const LOGICAL_PREFIX: Readonly<Record<FunctionName, string>> = {
  worker: 'WorkerFunction',
  'dead-letter': 'DeadLetterFunction',
  api: 'ApiHandlerFunction',
  dispatcher: 'NotificationsWebhookDispatcherFunction',
};

export interface SynthesizedFunction {
  readonly name: FunctionName;
  /** The asset folder in the cloud assembly (`cdk.out/asset.<hash>`). */
  readonly assetDir: string;
  /** The function's environment as the template sets it (unresolved references as objects). */
  readonly environment: Readonly<Record<string, unknown>>;
  readonly memorySize: number;
}

/** Synthesizes the stack with bundling into `outdir` (one synth for all four functions). */
export async function synthesizeBundles(outdir: string): Promise<Record<FunctionName, SynthesizedFunction>> {
  const app = new App({
    outdir,
    context: {
      // as the CLI does: the template names each function's asset folder
      'aws:cdk:enable-asset-metadata': true,
      'sia:mailSender': 'sicherheitsanalyse@lpr.sachsen.example',
      'sia:alarmEmail': 'betrieb@lpr.sachsen.example',
    },
  });
  new SicherheitsanalyseStack(app, 'Sicherheitsanalyse');
  app.synth();
  const template = JSON.parse(await readFile(join(outdir, 'Sicherheitsanalyse.template.json'), 'utf8')) as {
    Resources: Record<
      string,
      {
        Type: string;
        Metadata?: Record<string, string>;
        Properties: { MemorySize?: number; Environment?: { Variables?: Record<string, unknown> } };
      }
    >;
  };
  const found: Partial<Record<FunctionName, SynthesizedFunction>> = {};
  for (const [id, resource] of Object.entries(template.Resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const name = FUNCTIONS.find((n) => id.startsWith(LOGICAL_PREFIX[n]));
    const asset = resource.Metadata?.['aws:asset:path'];
    if (!name || !asset) continue;
    found[name] = {
      name,
      assetDir: join(outdir, asset),
      environment: resource.Properties.Environment?.Variables ?? {},
      memorySize: resource.Properties.MemorySize ?? 128,
    };
  }
  for (const name of FUNCTIONS)
    if (!found[name]) throw new Error(`no bundled function ${name} in the template`);
  return found as Record<FunctionName, SynthesizedFunction>;
}

export interface BundleSize {
  readonly indexBytes: number;
  readonly mapBytes: number;
  /** Everything in the folder (the code, its source map, templates, fonts, Chromium). */
  readonly totalBytes: number;
}

export async function bundleSize(dir: string): Promise<BundleSize> {
  let totalBytes = 0;
  const walk = async (d: string): Promise<void> => {
    for (const entry of await readdir(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) await walk(p);
      else totalBytes += (await stat(p)).size;
    }
  };
  await walk(dir);
  const size = async (f: string) => (await stat(join(dir, f)).catch(() => ({ size: 0 }))).size;
  return { indexBytes: await size('index.mjs'), mapBytes: await size('index.mjs.map'), totalBytes };
}

/** The npm packages (and own source folders) a bundle contains, from its source map. */
export async function bundledSources(dir: string): Promise<readonly string[]> {
  const map = JSON.parse(await readFile(join(dir, 'index.mjs.map'), 'utf8')) as { sources: string[] };
  return map.sources;
}

/** A read-only copy of the asset folder under a fresh folder in /tmp, as Lambda's `/var/task`. */
export async function sandboxCopy(fn: SynthesizedFunction, root?: string): Promise<string> {
  const base = root ?? (await mkdtemp(join(tmpdir(), 'sia-bundle-')));
  await chmod(base, 0o755);
  const task = join(base, `${fn.name}-task`);
  await cp(fn.assetDir, task, { recursive: true });
  await readOnly(task);
  return task;
}

/** Deletes a folder made by sandboxCopy (its read-only parts writable again first, for non-root runs). */
export async function removeSandbox(root: string): Promise<void> {
  const writable = async (dir: string): Promise<void> => {
    await chmod(dir, 0o755);
    for (const entry of await readdir(dir, { withFileTypes: true }))
      if (entry.isDirectory()) await writable(join(dir, entry.name));
  };
  await writable(root).catch(() => undefined);
  await rm(root, { recursive: true, force: true });
}

async function readOnly(dir: string): Promise<void> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) await readOnly(p);
    else await chmod(p, 0o444);
  }
  await chmod(dir, 0o555);
}

const RUNNER = fileURLToPath(new URL('./lambda-runner.mjs', import.meta.url));

export interface RunOptions {
  /** The function's environment (strings only), e.g. resolved from the template. */
  readonly env: Readonly<Record<string, string>>;
  /** An event to call the handler with; without one the bundle is only imported. */
  readonly event?: unknown;
  readonly functionName?: string;
  readonly timeoutMs?: number;
}

export interface RunResult {
  readonly importMs: number;
  readonly importCpuMs: number;
  readonly rssMb: number;
  readonly heapMb: number;
  readonly result?: unknown;
  readonly error?: string;
  /** What the function wrote to stdout and stderr (its logs). */
  readonly output: string;
}

/**
 * Runs the bundle in `taskDir` in a child process: cwd the read-only folder, a minimal environment,
 * a fresh folder under /tmp as its TMPDIR and HOME for everything written. As root (this machine,
 * CI) the child runs as `nobody`, so the read-only folder really is read-only to it.
 */
export async function runBundle(taskDir: string, options: RunOptions): Promise<RunResult> {
  const work = await mkdtemp(join(tmpdir(), 'sia-run-'));
  await chmod(work, 0o777);
  await cp(RUNNER, join(work, 'runner.mjs'));
  await chmod(join(work, 'runner.mjs'), 0o444);
  const resultFile = join(work, 'result.json');
  const args = [join(work, 'runner.mjs'), join(taskDir, 'index.mjs'), resultFile];
  if (options.event !== undefined) {
    const eventFile = join(work, 'event.json');
    await writeFile(eventFile, JSON.stringify(options.event), { mode: 0o444 });
    args.push(eventFile, options.functionName ?? 'sia-function', String(options.timeoutMs ?? 300_000));
  }
  const root = process.getuid?.() === 0;
  // the function's own /tmp (Lambda gives each sandbox one; Chromium unpacks itself into it)
  const tmp = join(work, 'tmp');
  await mkdir(tmp, { mode: 0o777 });
  await chmod(tmp, 0o777);
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: taskDir,
      env: {
        PATH: process.env.PATH ?? '/usr/bin:/bin',
        HOME: tmp,
        TMPDIR: tmp,
        TZ: 'UTC',
        LANG: 'C.UTF-8',
        ...options.env,
      },
      ...(root && { uid: 65534, gid: 65534 }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    child.once('error', reject);
    child.once('close', resolve);
  });
  const text = await readFile(resultFile, 'utf8').catch(() => undefined);
  if (text === undefined)
    throw new Error(
      `the bundle in ${taskDir} ended (exit ${code}) without a result:\n${output.join('').slice(-4000)}`,
    );
  // the function's /tmp (with Chromium unpacked, some 200 MB) goes with it
  await rm(work, { recursive: true, force: true }).catch(() => undefined);
  return { ...(JSON.parse(text) as Omit<RunResult, 'output'>), output: output.join('') };
}

/**
 * The function's environment from the template, with the references CloudFormation would resolve
 * replaced by local values (bucket and table names, the API URL) and `/var/task` by the task folder.
 */
export function localEnvironment(
  fn: SynthesizedFunction,
  taskDir: string,
  values: Readonly<Record<string, string>>,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(fn.environment)) {
    if (name in values) env[name] = values[name] as string;
    else if (typeof value === 'string') env[name] = value.replaceAll('/var/task', taskDir);
  }
  for (const [name, value] of Object.entries(values)) env[name] ??= value;
  return env;
}
