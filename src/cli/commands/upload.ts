/**
 * `sia upload <ordner>`: sends an analysis to the pipeline (the local stack or AWS), waits for its
 * job and downloads the report version.
 *
 * - Uploads every file of the folder as a new upload set `uploads/<ags>/<id>/sets/<set-id>/` in the
 *   uploads bucket, `analyse.json` last (docs/pipeline-design.md: only the manifest starts a job, and
 *   the report is computed from exactly the files of its set).
 * - Finds the job by the manifest's object version (job id = hash of bucket, key and version id)
 *   and polls its status in the job table, printing German progress.
 * - `ready` → downloads the version's files into `--out` (default `./bericht-<id>-v<n>`), exit 0;
 *   `invalid` → prints the German validation report, exit 1; `failed` or timeout → reason, exit 2.
 *
 * Where to: `--endpoint` (S3) and `--dynamodb-endpoint`; for an endpoint on 127.0.0.1/localhost the
 * local stack's names and credentials are the defaults (DynamoDB on port 4567 of the same host).
 * On AWS: the default credential chain or `--profile`, and the stack outputs as
 * `--uploads-bucket`, `--reports-bucket`, `--table` (or SIA_UPLOADS_BUCKET, SIA_REPORTS_BUCKET, SIA_TABLE).
 */
import { asciiLower } from '../../core/format/ascii.js';
import { STATUS_TEXT } from '../../core/job-status.js';
import { basename, relative, resolve } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDynamoClient, createS3Client, type ClientOptions } from '../../adapters/aws/clients.js';
import { S3ObjectStore } from '../../adapters/s3-store.js';
import { DynamoJobStore } from '../../adapters/dynamo-job-store.js';
import { readInputFolder } from '../../adapters/fs-input.js';
import { writeOutputFolder } from '../../adapters/fs-output.js';
import { jobIdOf, newSetId, parseUploadKey, setPrefix } from '../../app/upload-event.js';
import { randomBytes } from 'node:crypto';
import type { AnalysisRef, InputFile, JobRecord, JobStatus, OutputFile } from '../../core/ports.js';
import { DEFAULT_DYNAMODB_PORT, LOCAL_CREDENTIALS, LOCAL_NAMES, LOCAL_REGION } from '../../local/names.js';
import { EXIT_ERROR, EXIT_INVALID, EXIT_OK, UsageError } from '../exit-codes.js';

export interface UploadOptions {
  readonly endpoint?: string;
  readonly dynamodbEndpoint?: string;
  readonly profile?: string;
  readonly region?: string;
  readonly ags?: string;
  readonly id?: string;
  readonly out?: string;
  /** Seconds to wait for the job (default 900). */
  readonly timeoutSeconds?: number;
  readonly uploadsBucket?: string;
  readonly reportsBucket?: string;
  readonly table?: string;
  /** Interval between status reads (default 1000 ms). */
  readonly pollMs?: number;
}

export interface UploadIo {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
}

export interface UploadTarget {
  readonly s3: S3Client;
  readonly dynamo: DynamoDBClient;
  readonly uploadsBucket: string;
  readonly reportsBucket: string;
  readonly tableName: string;
  /** Where the analysis went, for messages: `s3://…` or the endpoint. */
  readonly description: string;
}

export const STATUS_LABELS: Readonly<Record<JobStatus, string>> = STATUS_TEXT;

const TERMINAL: readonly JobStatus[] = ['ready', 'invalid', 'failed'];

export async function uploadCommand(
  folder: string,
  options: UploadOptions,
  io: UploadIo = { stdout: process.stdout, stderr: process.stderr, env: process.env },
): Promise<number> {
  io.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const files = await readInputFolder(folder);
  const ref = analysisRefFor(folder, files, options);
  const target = resolveTarget(options, io.env);
  try {
    const sent = await uploadFiles(target, ref, files, (line) => io.stderr.write(line));
    io.stderr.write(
      `Hochgeladen: ${files.length} Dateien nach ${target.description}/${sent.prefix} (Analyse ${ref.ags}/${ref.analysisId}).\n`,
    );
    io.stderr.write('Warte auf die Verarbeitung …\n');

    const job = await waitForJob(target, ref, sent, {
      timeoutMs: (options.timeoutSeconds ?? 900) * 1000,
      pollMs: options.pollMs ?? 1000,
      onStatus: (status) => io.stderr.write(`• Status: ${STATUS_LABELS[status]}\n`),
    });
    if (!job) {
      io.stderr.write(
        `Zeitüberschreitung: Nach ${options.timeoutSeconds ?? 900} s liegt noch kein Ergebnis vor. Die Verarbeitung läuft eventuell weiter; erneut abfragen mit derselben Analyse-ID.\n`,
      );
      return EXIT_ERROR;
    }
    if (job.status === 'invalid') {
      const report = job.outputPrefix
        ? await new S3ObjectStore(target.s3, target.reportsBucket).get(`${job.outputPrefix}validation.txt`)
        : undefined;
      if (report) io.stdout.write(new TextDecoder().decode(report));
      io.stderr.write(`Die Daten sind ungültig: ${job.reason ?? 'siehe Prüfbericht'}\n`);
      return EXIT_INVALID;
    }
    if (job.status === 'failed') {
      io.stderr.write(`Der Bericht wurde nicht erstellt: ${job.reason ?? 'unbekannter Fehler'}\n`);
      return EXIT_ERROR;
    }
    const version = job.version ?? 1;
    const out = options.out ?? `bericht-${ref.analysisId}-v${version}`;
    const downloaded = await downloadVersion(
      target,
      job.outputPrefix ?? `reports/${ref.ags}/${ref.analysisId}/v${version}/`,
      out,
    );
    io.stdout.write(
      `Bericht Version ${version} heruntergeladen: ${relative(process.cwd(), resolve(out)) || '.'}/report.pdf (${downloaded.length} Dateien)\n`,
    );
    return EXIT_OK;
  } finally {
    target.s3.destroy();
    target.dynamo.destroy();
  }
}

/** The flags of `sia upload` (as parsed by main.ts) → options; validates `--timeout`. */
export function uploadOptionsFrom(
  values: Readonly<Record<string, string | boolean | undefined>>,
): UploadOptions {
  const text = (name: string): string | undefined => {
    const v = values[name];
    return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
  };
  const timeoutText = text('timeout');
  const timeoutSeconds = timeoutText === undefined ? undefined : Number(timeoutText);
  if (timeoutSeconds !== undefined && !(Number.isFinite(timeoutSeconds) && timeoutSeconds > 0)) {
    throw new UsageError(`--timeout erwartet Sekunden (eine Zahl größer 0), nicht „${timeoutText}“.`);
  }
  const pick = (name: string, key: keyof UploadOptions): Partial<UploadOptions> => {
    const v = text(name);
    return v === undefined ? {} : { [key]: v };
  };
  return {
    ...pick('endpoint', 'endpoint'),
    ...pick('dynamodb-endpoint', 'dynamodbEndpoint'),
    ...pick('profile', 'profile'),
    ...pick('region', 'region'),
    ...pick('uploads-bucket', 'uploadsBucket'),
    ...pick('reports-bucket', 'reportsBucket'),
    ...pick('table', 'table'),
    ...pick('ags', 'ags'),
    ...pick('id', 'id'),
    ...pick('out', 'out'),
    ...(timeoutSeconds !== undefined && { timeoutSeconds }),
  };
}

/** AGS from `--ags` or the manifest, analysis id from `--id` or the folder name. */
export function analysisRefFor(
  folder: string,
  files: readonly InputFile[],
  options: Pick<UploadOptions, 'ags' | 'id'>,
): AnalysisRef {
  const manifest = files.find((f) => f.name === 'analyse.json');
  if (!manifest) throw new UsageError(`Im Ordner ${folder} fehlt die Datei analyse.json.`);
  let ags = options.ags;
  if (ags === undefined) {
    try {
      const parsed = JSON.parse(new TextDecoder().decode(manifest.bytes)) as { kommune?: { ags?: unknown } };
      ags = typeof parsed.kommune?.ags === 'string' ? parsed.kommune.ags : undefined;
    } catch {
      ags = undefined;
    }
    if (ags === undefined)
      throw new UsageError(
        'Der Gemeindeschlüssel (kommune.ags) ist in analyse.json nicht lesbar; bitte mit --ags angeben.',
      );
  }
  if (!/^\d{8}$/.test(ags))
    throw new UsageError(`Der Gemeindeschlüssel muss aus 8 Ziffern bestehen, nicht „${ags}“.`);
  const analysisId = options.id ?? slugify(basename(resolve(folder)));
  const ref = parseUploadKey(`uploads/${ags}/${analysisId}/analyse.json`);
  if (!ref)
    throw new UsageError(
      `Ungültige Analyse-ID „${analysisId}“: erlaubt sind Buchstaben, Ziffern, Punkt, Binde- und Unterstrich (höchstens 64 Zeichen, Beginn mit Buchstabe oder Ziffer). Bitte mit --id angeben.`,
    );
  return ref;
}

/** `Umfrage Köln 2024` → `umfrage-koeln-2024`. */
export function slugify(name: string): string {
  const replaced = asciiLower(name);
  return replaced
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/[-.]+$/, '')
    .slice(0, 64);
}

export function resolveTarget(options: UploadOptions, env: NodeJS.ProcessEnv): UploadTarget {
  const local = options.endpoint !== undefined && isLoopback(options.endpoint);
  const dynamodbEndpoint =
    options.dynamodbEndpoint ??
    env.AWS_ENDPOINT_URL_DYNAMODB ??
    (local && options.endpoint ? withPort(options.endpoint, DEFAULT_DYNAMODB_PORT) : undefined);
  const useLocalCredentials = local && !options.profile && !env.AWS_ACCESS_KEY_ID && !env.AWS_PROFILE;
  const base: ClientOptions = {
    region: options.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? LOCAL_REGION,
    ...(options.profile && { profile: options.profile }),
    ...(useLocalCredentials && { credentials: LOCAL_CREDENTIALS }),
  };
  const name = (flag: string | undefined, variable: string, fallback: string, option: string): string => {
    const value = flag ?? env[variable] ?? (local ? fallback : undefined);
    if (!value)
      throw new UsageError(
        `Bitte ${option} angeben (Ausgabe des Stacks, siehe docs/deploy.md) oder ${variable} setzen.`,
      );
    return value;
  };
  const uploadsBucket = name(
    options.uploadsBucket,
    'SIA_UPLOADS_BUCKET',
    LOCAL_NAMES.uploadsBucket,
    '--uploads-bucket',
  );
  return {
    s3: createS3Client({ ...base, ...(options.endpoint && { endpoint: options.endpoint }) }),
    dynamo: createDynamoClient({ ...base, ...(dynamodbEndpoint && { endpoint: dynamodbEndpoint }) }),
    uploadsBucket,
    reportsBucket: name(
      options.reportsBucket,
      'SIA_REPORTS_BUCKET',
      LOCAL_NAMES.reportsBucket,
      '--reports-bucket',
    ),
    tableName: name(options.table, 'SIA_TABLE', LOCAL_NAMES.tableName, '--table'),
    description: options.endpoint
      ? `${options.endpoint.replace(/\/$/, '')}/${uploadsBucket}`
      : `s3://${uploadsBucket}`,
  };
}

export interface SentUpload {
  readonly prefix: string;
  /** The upload set the files went to. */
  readonly setId: string;
  readonly manifestKey: string;
  readonly versionId?: string;
  readonly eTag?: string;
  /** When the manifest upload started (to find the job on buckets without versions). */
  readonly startedAt: Date;
}

/**
 * Uploads the folder as a new upload set (docs/pipeline-design.md, "Upload sets"): the data files
 * (four at a time), then the manifest. The report is computed from exactly these files; files of
 * earlier uploads of the analysis are not used.
 */
export async function uploadFiles(
  target: UploadTarget,
  ref: AnalysisRef,
  files: readonly InputFile[],
  log: (line: string) => void = () => undefined,
  setId: string = newSetId(new Date(), randomBytes(6).toString('hex')),
): Promise<SentUpload> {
  const store = new S3ObjectStore(target.s3, target.uploadsBucket);
  const prefix = setPrefix({ ...ref, setId });
  const data = files.filter((f) => f.name !== 'analyse.json');
  const manifest = files.find((f) => f.name === 'analyse.json');
  if (!manifest) throw new UsageError('analyse.json fehlt.');
  log(`Upload-Satz ${setId}: ${files.length} Dateien.\n`);
  for (let i = 0; i < data.length; i += 4) {
    await Promise.all(
      data.slice(i, i + 4).map((f) => store.put(prefix + f.name, f.bytes, contentTypeOf(f.name))),
    );
  }
  const startedAt = new Date();
  const put = await store.putObject(prefix + manifest.name, manifest.bytes, 'application/json');
  return {
    prefix,
    setId,
    manifestKey: prefix + manifest.name,
    ...(put.versionId && { versionId: put.versionId }),
    ...(put.eTag && { eTag: put.eTag }),
    startedAt,
  };
}

/** Polls the job until it finished or the time is up (undefined). Reports every status change. */
export async function waitForJob(
  target: UploadTarget,
  ref: AnalysisRef,
  sent: SentUpload,
  options: {
    readonly timeoutMs: number;
    readonly pollMs: number;
    readonly onStatus?: (status: JobStatus) => void;
  },
): Promise<JobRecord | undefined> {
  const jobs = new DynamoJobStore(target.dynamo, target.tableName);
  const deadline = Date.now() + options.timeoutMs;
  const knownId = sent.versionId
    ? jobIdOf({
        bucket: target.uploadsBucket,
        key: sent.manifestKey,
        versionId: sent.versionId,
        sequencer: '0',
      })
    : undefined;
  let last: JobStatus | undefined;
  for (;;) {
    const job = knownId
      ? await jobs.getJob({ ...ref, jobId: knownId })
      : await newestJobSince(jobs, ref, sent);
    if (job && job.status !== last) {
      // Report the statuses passed between two reads, too (from the history).
      const seen = job.history.map((h) => h.status);
      const from = last === undefined ? 0 : seen.lastIndexOf(last) + 1;
      for (const status of seen.slice(from)) if (status !== job.status) options.onStatus?.(status);
      options.onStatus?.(job.status);
      last = job.status;
    }
    if (job && TERMINAL.includes(job.status)) return job;
    if (Date.now() >= deadline) return undefined;
    await sleep(Math.min(options.pollMs, Math.max(0, deadline - Date.now())));
  }
}

/** Without object versions the job id is not known in advance: the newest job of the key since the upload. */
async function newestJobSince(
  jobs: DynamoJobStore,
  ref: AnalysisRef,
  sent: SentUpload,
): Promise<JobRecord | undefined> {
  const since = new Date(sent.startedAt.getTime() - 60_000).toISOString();
  const candidates = (await jobs.listJobs(ref)).filter(
    (j) => j.sourceKey === sent.manifestKey && j.createdAt >= since,
  );
  return candidates.at(-1);
}

/** Downloads every file under a version prefix into `out` (atomically: all or nothing). */
export async function downloadVersion(
  target: UploadTarget,
  prefix: string,
  out: string,
): Promise<OutputFile[]> {
  const store = new S3ObjectStore(target.s3, target.reportsBucket);
  const keys = await store.list(prefix);
  if (keys.length === 0) throw new Error(`no report files under ${prefix}`);
  const files: OutputFile[] = [];
  for (const key of keys) {
    const bytes = await store.get(key);
    if (bytes) files.push({ path: key.slice(prefix.length), contentType: contentTypeOf(key), bytes });
  }
  await writeOutputFolder(out, files);
  return files;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  csv: 'text/csv',
  txt: 'text/plain; charset=utf-8',
  json: 'application/json',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
};

export function contentTypeOf(name: string): string {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  return CONTENT_TYPES[ext] ?? 'application/octet-stream';
}

function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname;
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]';
  } catch {
    throw new UsageError(`Ungültige Endpunkt-Adresse: ${url}`);
  }
}

function withPort(url: string, port: number): string {
  const u = new URL(url);
  u.port = String(port);
  return u.origin;
}
