/**
 * JobStore over one DynamoDB table (docs/pipeline-design.md, "DynamoDB"): per analysis a `META`
 * item (version counter, current version), one item per job and one per committed report version.
 * Every write is conditional, so duplicates and races resolve in the database, not in the handler:
 *
 * - claim: `PutItem … attribute_not_exists(pk)`; an in-progress job whose lease ran out (or was
 *   released after a retryable failure) is taken over by one conditional `UpdateItem` that bumps
 *   `attempts` and keeps `version` and `history`.
 * - advance: only from the given statuses; appends to `history`.
 * - assignVersion: `ADD versionCounter 1` on META, then set on the job only if it has none.
 * - putVersion: the commit point; written once (a retry of the same job rewrites nothing).
 * - promote: only to a greater sequencer (zero-padded hex, so string order = numeric order).
 *
 * Reads apply the effective status: an in-progress job past its lease reads as `failed`.
 */
import { queryPrefix } from './aws/query-prefix.js';
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type {
  AnalysisDirectory,
  AnalysisOverview,
  AnalysisRecord,
  AnalysisRef,
  AnalysisWorkspace,
  JobRecord,
  JobStatus,
  JobStore,
  JobSummary,
  NewJob,
  OutboxEntry,
  VersionRecord,
  VersionSummary,
} from '../core/ports.js';
import { fromItem } from './aws/attribute-values.js';
import { effectiveStatus, IN_PROGRESS, withEffectiveStatus } from './aws/effective-status.js';
import {
  analysisPk,
  JOB_PREFIX,
  JOB_TTL_SECONDS,
  jobSk,
  META_SK,
  orderKey,
  OUTBOX_PARTITION,
  VERSION_PREFIX,
  versionSk,
} from './aws/table-keys.js';

export { effectiveStatus, TIMEOUT_REASON } from './aws/effective-status.js';

export interface DynamoJobStoreOptions {
  /** Clock for reads (effective status). Default: the system clock. */
  readonly now?: () => Date;
  /**
   * After a retryable failure the attempt releases its lease: the next delivery may take the job over
   * at once, and the job keeps counting as in progress for this long (the queue's visibility timeout
   * plus one attempt) before it reads as timed out. Default 40 minutes (6 × 5 min visibility + margin).
   */
  readonly retryGraceMs?: number;
  /** Lifetime of job records (TTL on `expiresAt`); default JOB_TTL_SECONDS (one year). */
  readonly jobTtlSeconds?: number;
}

type JobRef = AnalysisRef & { readonly jobId: string };
type Item = Record<string, unknown>;

const DEFAULT_RETRY_GRACE_MS = 40 * 60 * 1000;

export class DynamoJobStore implements JobStore, AnalysisDirectory, AnalysisWorkspace {
  private readonly doc: DynamoDBDocumentClient;
  private readonly clock: () => Date;
  private readonly retryGraceMs: number;
  private readonly jobTtlSeconds: number;

  constructor(
    client: DynamoDBClient,
    readonly tableName: string,
    options: DynamoJobStoreOptions = {},
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
    this.clock = options.now ?? (() => new Date());
    this.retryGraceMs = options.retryGraceMs ?? DEFAULT_RETRY_GRACE_MS;
    this.jobTtlSeconds = options.jobTtlSeconds ?? JOB_TTL_SECONDS;
  }

  async claim(
    job: NewJob,
    now: Date,
    leaseMs: number,
  ): Promise<{ readonly claimed: boolean; readonly job: JobRecord }> {
    const at = now.toISOString();
    const item: Item = {
      pk: analysisPk(job),
      sk: jobSk(job.jobId),
      kind: 'job',
      ags: job.ags,
      analysisId: job.analysisId,
      jobId: job.jobId,
      status: 'received',
      sourceBucket: job.sourceBucket,
      sourceKey: job.sourceKey,
      sourceVersionId: job.sourceVersionId,
      sequencer: job.sequencer,
      eventTime: job.eventTime,
      regenerationRequestId: job.regenerationRequestId,
      attempts: 1,
      leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
      history: [{ status: 'received', at }],
      createdAt: at,
      updatedAt: at,
      expiresAt: Math.floor(now.getTime() / 1000) + this.jobTtlSeconds,
    };
    let existing: Item | undefined;
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return { claimed: true, job: toJob(item) };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // DynamoDB returns the old item; emulators without ReturnValuesOnConditionCheckFailure need a read.
      existing = error.Item ? fromItem(error.Item) : await this.getItem(analysisPk(job), jobSk(job.jobId));
    }
    if (!existing) throw new Error(`job ${job.jobId} exists but could not be read`);

    const status = existing.status as JobStatus;
    const lease = typeof existing.leaseUntil === 'string' ? existing.leaseUntil : '';
    if (IN_PROGRESS.includes(status) && (lease < at || existing.released === true)) {
      // Takeover: exactly one of several concurrent deliveries passes this condition.
      try {
        const out = await this.doc.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: { pk: analysisPk(job), sk: jobSk(job.jobId) },
            UpdateExpression:
              'SET attempts = attempts + :one, leaseUntil = :lease, updatedAt = :now REMOVE released',
            ConditionExpression: `#status IN (${inList(IN_PROGRESS, 's')}) AND (leaseUntil < :now OR released = :true)`,
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ...inValues(IN_PROGRESS, 's'),
              ':one': 1,
              ':lease': new Date(now.getTime() + leaseMs).toISOString(),
              ':now': at,
              ':true': true,
            },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return { claimed: true, job: toJob(out.Attributes ?? {}) };
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
        existing = (await this.getItem(analysisPk(job), jobSk(job.jobId))) ?? existing;
      }
    }
    return { claimed: false, job: toJob(existing) };
  }

  async advance(
    ref: JobRef,
    from: readonly JobStatus[],
    to: JobStatus,
    now: Date,
    extra: {
      readonly reason?: string;
      readonly outputPrefix?: string;
      readonly leaseUntil?: string;
      readonly notify?: OutboxEntry;
    } = {},
  ): Promise<boolean> {
    if (from.length === 0) return false;
    const at = now.toISOString();
    const sets = [
      '#status = :to',
      'updatedAt = :now',
      'history = list_append(if_not_exists(history, :empty), :entry)',
    ];
    const values: Item = {
      ...inValues(from, 'f'),
      ':to': to,
      ':now': at,
      ':empty': [],
      ':entry': [{ status: to, at }],
    };
    if (extra.reason !== undefined) {
      sets.push('reason = :reason');
      values[':reason'] = extra.reason;
    }
    if (extra.outputPrefix !== undefined) {
      sets.push('outputPrefix = :prefix');
      values[':prefix'] = extra.outputPrefix;
    }
    if (extra.leaseUntil !== undefined) {
      sets.push('leaseUntil = :lease');
      values[':lease'] = extra.leaseUntil;
    }
    if (extra.notify) {
      // the outbox entry (src/adapters/dynamo-outbox-store.ts): written with the status, in the same update
      const { event, token, leaseUntil } = extra.notify;
      sets.push(
        'notification = :note',
        'webhookDue = :outbox',
        'nextAttemptAt = :noteLease',
        'notifyToken = :noteToken',
        'notifyAttempts = :zero',
      );
      values[':note'] = {
        type: event.type,
        at: event.at,
        ...(event.reason !== undefined && { reason: event.reason }),
        ...(event.version !== undefined && { version: event.version }),
      };
      values[':outbox'] = OUTBOX_PARTITION;
      values[':noteLease'] = leaseUntil;
      values[':noteToken'] = token;
      values[':zero'] = 0;
    }
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: analysisPk(ref), sk: jobSk(ref.jobId) },
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: `#status IN (${inList(from, 'f')})`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async releaseLease(ref: JobRef, now: Date): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: analysisPk(ref), sk: jobSk(ref.jobId) },
          UpdateExpression: 'SET released = :true, leaseUntil = :lease, updatedAt = :now',
          ConditionExpression: `#status IN (${inList(IN_PROGRESS, 's')})`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ...inValues(IN_PROGRESS, 's'),
            ':true': true,
            ':lease': new Date(now.getTime() + this.retryGraceMs).toISOString(),
            ':now': now.toISOString(),
          },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async assignVersion(ref: JobRef, now: Date): Promise<number> {
    const key = { pk: analysisPk(ref), sk: jobSk(ref.jobId) };
    const current = await this.getItem(key.pk, key.sk);
    if (!current) throw new Error(`job ${ref.jobId} not found`);
    if (typeof current.version === 'number') return current.version;

    const counter = await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: key.pk, sk: META_SK },
        UpdateExpression: 'ADD versionCounter :one SET ags = :ags, analysisId = :id, updatedAt = :now',
        ExpressionAttributeValues: {
          ':one': 1,
          ':ags': ref.ags,
          ':id': ref.analysisId,
          ':now': now.toISOString(),
        },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    const version = Number(counter.Attributes?.versionCounter);
    if (!Number.isInteger(version) || version < 1) throw new Error('version counter returned no number');
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: 'SET version = :v, updatedAt = :now',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(version)',
          ExpressionAttributeValues: { ':v': version, ':now': now.toISOString() },
        }),
      );
      return version;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      // Another attempt of the same job assigned one first: keep that (the number drawn here stays unused).
      const winner = await this.getItem(key.pk, key.sk);
      if (typeof winner?.version === 'number') return winner.version;
      throw new Error(`job ${ref.jobId} vanished while assigning its version`);
    }
  }

  async putVersion(version: VersionRecord): Promise<void> {
    const item: Item = {
      pk: analysisPk(version),
      sk: versionSk(version.version),
      kind: 'version',
      ...version,
    };
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: item,
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = await this.getItem(analysisPk(version), versionSk(version.version));
      // A retry of the same job finds its own commit: nothing to do.
      if (existing?.jobId !== version.jobId)
        throw new Error(
          `report version ${version.version} of ${version.ags}/${version.analysisId} belongs to another job`,
        );
    }
  }

  async promote(ref: AnalysisRef, version: number, sequencer: string, now: Date): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: analysisPk(ref), sk: META_SK },
          UpdateExpression:
            'SET currentVersion = :v, currentSequencer = :seq, updatedAt = :now, ags = :ags, analysisId = :id',
          ConditionExpression:
            'attribute_not_exists(currentSequencer) OR currentSequencer < :seq OR (currentSequencer = :seq AND currentVersion <= :v)',
          ExpressionAttributeValues: {
            ':v': version,
            ':seq': orderKey(sequencer),
            ':now': now.toISOString(),
            ':ags': ref.ags,
            ':id': ref.analysisId,
          },
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /** The analysis's open upload set (src/api/upload-sets.ts), and the one it replaced. */
  async openSetOf(ref: AnalysisRef): Promise<{ readonly open?: string; readonly previous?: string }> {
    const item = await this.getItem(analysisPk(ref), META_SK);
    const open = str(item?.openSetId);
    const previous = str(item?.previousSetId);
    return { ...(open !== undefined && { open }), ...(previous !== undefined && { previous }) };
  }

  /**
   * Records `setId` as the open upload set unless another set than `replacing` was recorded in the
   * meantime; returns the open set after the call (this one, or the one a concurrent call recorded).
   */
  async openSet(ref: AnalysisRef, setId: string, replacing: string | undefined, now: Date): Promise<string> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: analysisPk(ref), sk: META_SK },
          UpdateExpression:
            'SET openSetId = :set, openSetAt = :now, ags = :ags, analysisId = :id, kind = :kind, ' +
            'versionCounter = if_not_exists(versionCounter, :zero), createdAt = if_not_exists(createdAt, :now), updatedAt = :now' +
            (replacing === undefined ? '' : ', previousSetId = :replacing'),
          ConditionExpression:
            replacing === undefined ? 'attribute_not_exists(openSetId)' : 'openSetId = :replacing',
          ExpressionAttributeValues: {
            ':set': setId,
            ':now': now.toISOString(),
            ':ags': ref.ags,
            ':id': ref.analysisId,
            ':kind': 'analysis',
            ':zero': 0,
            ...(replacing !== undefined && { ':replacing': replacing }),
          },
        }),
      );
      return setId;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const winner = (await this.openSetOf(ref)).open;
      if (winner === undefined) throw new Error(`open upload set of ${ref.ags}/${ref.analysisId} vanished`);
      return winner;
    }
  }

  /** Forgets the open upload set (after the raw uploads were erased). */
  async clearOpenSet(ref: AnalysisRef, now: Date): Promise<void> {
    await this.doc
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: analysisPk(ref), sk: META_SK },
          UpdateExpression: 'REMOVE openSetId, openSetAt, previousSetId SET updatedAt = :now',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':now': now.toISOString() },
        }),
      )
      .catch((error: unknown) => {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      });
  }

  async getAnalysis(ref: AnalysisRef): Promise<AnalysisRecord | undefined> {
    const item = await this.getItem(analysisPk(ref), META_SK);
    return item && toAnalysis(item, ref, String(item.updatedAt ?? ''));
  }

  async getJob(ref: JobRef): Promise<JobRecord | undefined> {
    const item = await this.getItem(analysisPk(ref), jobSk(ref.jobId));
    return item && withEffectiveStatus(toJob(item), this.clock());
  }

  /** Several jobs at once (BatchGetItem, 100 per request), in the order asked; undefined where absent. */
  async getJobs(refs: readonly JobRef[]): Promise<readonly (JobRecord | undefined)[]> {
    const now = this.clock();
    const found = new Map<string, JobRecord>();
    for (let i = 0; i < refs.length; i += 100) {
      let keys: Record<string, unknown>[] = refs
        .slice(i, i + 100)
        .map((r) => ({ pk: analysisPk(r), sk: jobSk(r.jobId) }));
      for (let round = 0; keys.length > 0; round++) {
        const out = await this.doc.send(
          new BatchGetCommand({
            RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } },
          }),
        );
        for (const item of out.Responses?.[this.tableName] ?? [])
          found.set(`${String(item.pk)}|${String(item.sk)}`, withEffectiveStatus(toJob(item), now));
        keys = (out.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
        if (keys.length > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** round)));
      }
    }
    return refs.map((r) => found.get(`${analysisPk(r)}|${jobSk(r.jobId)}`));
  }

  async listJobs(ref: AnalysisRef): Promise<readonly JobRecord[]> {
    const now = this.clock();
    const items = await this.queryPrefix(analysisPk(ref), JOB_PREFIX);
    return items
      .map((i) => withEffectiveStatus(toJob(i), now))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.jobId.localeCompare(b.jobId));
  }

  async listVersions(ref: AnalysisRef): Promise<readonly VersionRecord[]> {
    const items = await this.queryPrefix(analysisPk(ref), VERSION_PREFIX);
    return items.map(toVersion).sort((a, b) => a.version - b.version);
  }

  async createAnalysis(ref: AnalysisRef, now: Date): Promise<boolean> {
    const at = now.toISOString();
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          // versionCounter starts at 0: assignVersion's `ADD versionCounter 1` then yields 1.
          Item: {
            pk: analysisPk(ref),
            sk: META_SK,
            kind: 'analysis',
            ags: ref.ags,
            analysisId: ref.analysisId,
            versionCounter: 0,
            createdAt: at,
            updatedAt: at,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  /**
   * A Scan, on purpose: the table has no index by municipality, and the number of analyses is small
   * (Saxony has about 420 municipalities, each with a few analyses a year; job items expire after a
   * year). It reads `META` and job items with a narrow projection; analyses uploaded directly (no
   * `META` until a version was assigned) are listed from their jobs. If the table grows large, add a
   * GSI over (`ags`, `analysisId`) on `META` items and query it instead.
   */
  async listAnalyses(filter: { readonly ags?: string } = {}): Promise<readonly AnalysisRecord[]> {
    const byPk = new Map<string, { meta?: Item; latest?: string; ags: string; analysisId: string }>();
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: `(sk = :meta OR begins_with(sk, :job))${filter.ags !== undefined ? ' AND ags = :ags' : ''}`,
          ProjectionExpression:
            'pk, sk, ags, analysisId, versionCounter, currentVersion, currentSequencer, updatedAt, title, archived',
          ExpressionAttributeValues: {
            ':meta': META_SK,
            ':job': JOB_PREFIX,
            ...(filter.ags !== undefined && { ':ags': filter.ags }),
          },
          ConsistentRead: true,
          ...(start && { ExclusiveStartKey: start }),
        }),
      );
      for (const item of page.Items ?? []) {
        const pk = String(item.pk);
        const entry = byPk.get(pk) ?? { ags: String(item.ags), analysisId: String(item.analysisId) };
        if (item.sk === META_SK) entry.meta = item;
        const updated = str(item.updatedAt) ?? '';
        if (entry.latest === undefined || updated > entry.latest) entry.latest = updated;
        byPk.set(pk, entry);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return [...byPk.values()]
      .map((e) => toAnalysis(e.meta ?? {}, e, e.latest ?? ''))
      .sort((a, b) => a.ags.localeCompare(b.ags) || a.analysisId.localeCompare(b.analysisId));
  }

  async updateAnalysis(
    ref: AnalysisRef,
    patch: { readonly title?: string | null; readonly archived?: boolean },
    now: Date,
  ): Promise<AnalysisRecord> {
    const at = now.toISOString();
    // The META item may not exist yet (an analysis uploaded directly): created here with a zero counter.
    const sets = [
      'ags = :ags',
      'analysisId = :id',
      'kind = if_not_exists(kind, :kind)',
      'versionCounter = if_not_exists(versionCounter, :zero)',
      'createdAt = if_not_exists(createdAt, :now)',
      'updatedAt = if_not_exists(updatedAt, :now)',
    ];
    const removes: string[] = [];
    const values: Item = {
      ':ags': ref.ags,
      ':id': ref.analysisId,
      ':kind': 'analysis',
      ':zero': 0,
      ':now': at,
    };
    if (patch.title === null) removes.push('title');
    else if (patch.title !== undefined) {
      sets.push('title = :title');
      values[':title'] = patch.title;
    }
    if (patch.archived !== undefined) {
      sets.push('archived = :archived', 'archivedAt = :now');
      values[':archived'] = patch.archived;
    }
    const out = await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: analysisPk(ref), sk: META_SK },
        UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    const item = out.Attributes ?? {};
    return toAnalysis(item, ref, String(item.updatedAt ?? at));
  }

  /**
   * One Scan over META, job and version items with a narrow projection (see listAnalyses on why a
   * Scan), grouped by analysis. `updatedAt` of each analysis is the latest of its items.
   */
  async listOverview(filter: { readonly ags?: string } = {}): Promise<readonly AnalysisOverview[]> {
    const fields = [
      'pk',
      'sk',
      'ags',
      'analysisId',
      'versionCounter',
      'currentVersion',
      'currentSequencer',
      'updatedAt',
      'title',
      'archived',
      'jobId',
      'status',
      'reason',
      'sequencer',
      'version',
      'outputPrefix',
      'leaseUntil',
      'createdAt',
      'prefix',
      'pages',
    ];
    const names = Object.fromEntries(fields.map((f, i) => [`#f${i}`, f]));
    const now = this.clock();
    const byPk = new Map<
      string,
      { meta?: Item; jobs: JobSummary[]; versions: VersionSummary[]; latest: string; ref: AnalysisRef }
    >();
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: `(#f1 = :meta OR begins_with(#f1, :job) OR begins_with(#f1, :version))${filter.ags !== undefined ? ' AND #f2 = :ags' : ''}`,
          ProjectionExpression: Object.keys(names).join(', '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: {
            ':meta': META_SK,
            ':job': JOB_PREFIX,
            ':version': VERSION_PREFIX,
            ...(filter.ags !== undefined && { ':ags': filter.ags }),
          },
          ConsistentRead: true,
          ...(start && { ExclusiveStartKey: start }),
        }),
      );
      for (const item of page.Items ?? []) {
        const pk = String(item.pk);
        const entry = byPk.get(pk) ?? {
          jobs: [],
          versions: [],
          latest: '',
          ref: { ags: String(item.ags), analysisId: String(item.analysisId) },
        };
        const sk = String(item.sk);
        if (sk === META_SK) entry.meta = item;
        else if (sk.startsWith(JOB_PREFIX)) entry.jobs.push(toJobSummary(item, now));
        else entry.versions.push(toVersionSummary(item));
        const updated = str(item.updatedAt) ?? str(item.createdAt) ?? '';
        if (updated > entry.latest) entry.latest = updated;
        byPk.set(pk, entry);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return [...byPk.values()]
      .map((e): AnalysisOverview => ({
        analysis: toAnalysis(e.meta ?? {}, e.ref, e.latest),
        jobs: e.jobs.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.jobId.localeCompare(b.jobId)),
        versions: e.versions.sort((a, b) => a.version - b.version),
      }))
      .sort(
        (a, b) =>
          a.analysis.ags.localeCompare(b.analysis.ags) ||
          a.analysis.analysisId.localeCompare(b.analysis.analysisId),
      );
  }

  private async getItem(pk: string, sk: string): Promise<Item | undefined> {
    const out = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: { pk, sk }, ConsistentRead: true }),
    );
    return out.Item;
  }

  private async queryPrefix(pk: string, prefix: string): Promise<Item[]> {
    return (await queryPrefix(this.doc, this.tableName, pk, prefix)) as Item[];
  }
}

function inList(statuses: readonly JobStatus[], tag: string): string {
  return statuses.map((_, i) => `:${tag}${i}`).join(', ');
}

function inValues(statuses: readonly JobStatus[], tag: string): Item {
  return Object.fromEntries(statuses.map((s, i) => [`:${tag}${i}`, s]));
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function toJob(item: Item): JobRecord {
  const history = Array.isArray(item.history)
    ? (item.history as { status: JobStatus; at: string }[]).map((h) => ({ status: h.status, at: h.at }))
    : [];
  const reason = str(item.reason);
  const sourceVersionId = str(item.sourceVersionId);
  const leaseUntil = str(item.leaseUntil);
  const outputPrefix = str(item.outputPrefix);
  const eventTime = str(item.eventTime);
  const regenerationRequestId = str(item.regenerationRequestId);
  return {
    ags: String(item.ags),
    analysisId: String(item.analysisId),
    jobId: String(item.jobId),
    status: item.status as JobStatus,
    ...(reason !== undefined && { reason }),
    sourceBucket: String(item.sourceBucket),
    sourceKey: String(item.sourceKey),
    ...(sourceVersionId !== undefined && { sourceVersionId }),
    sequencer: String(item.sequencer),
    ...(eventTime !== undefined && { eventTime }),
    ...(regenerationRequestId !== undefined && { regenerationRequestId }),
    ...(typeof item.version === 'number' && { version: item.version }),
    attempts: Number(item.attempts ?? 1),
    ...(leaseUntil !== undefined && { leaseUntil }),
    history,
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
    ...(outputPrefix !== undefined && { outputPrefix }),
  };
}

/** The analysis record of a META item (possibly empty: an analysis known only through its jobs). */
function toAnalysis(item: Item, ref: AnalysisRef, updatedAt: string): AnalysisRecord {
  const title = str(item.title);
  return {
    ags: String(item.ags ?? ref.ags),
    analysisId: String(item.analysisId ?? ref.analysisId),
    versionCounter: Number(item.versionCounter ?? 0),
    ...(typeof item.currentVersion === 'number' && { currentVersion: item.currentVersion }),
    ...(typeof item.currentSequencer === 'string' && { currentSequencer: item.currentSequencer }),
    updatedAt,
    ...(title !== undefined && title !== '' && { title }),
    ...(item.archived === true && { archived: true }),
  };
}

function toJobSummary(item: Item, now: Date): JobSummary {
  const effective = effectiveStatus(
    {
      status: item.status as JobStatus,
      ...(str(item.reason) !== undefined && { reason: str(item.reason) }),
      ...(str(item.leaseUntil) !== undefined && { leaseUntil: str(item.leaseUntil) }),
    },
    now,
  );
  const outputPrefix = str(item.outputPrefix);
  return {
    jobId: String(item.jobId),
    ...effective,
    sequencer: String(item.sequencer ?? ''),
    ...(typeof item.version === 'number' && { version: item.version }),
    ...(outputPrefix !== undefined && { outputPrefix }),
    createdAt: String(item.createdAt ?? ''),
    updatedAt: String(item.updatedAt ?? ''),
  };
}

function toVersionSummary(item: Item): VersionSummary {
  return {
    version: Number(item.version),
    prefix: String(item.prefix),
    pages: Number(item.pages),
    createdAt: String(item.createdAt),
  };
}

function toVersion(item: Item): VersionRecord {
  return {
    ags: String(item.ags),
    analysisId: String(item.analysisId),
    version: Number(item.version),
    jobId: String(item.jobId),
    prefix: String(item.prefix),
    pages: Number(item.pages),
    createdAt: String(item.createdAt),
    engineVersion: String(item.engineVersion),
    templateVersion: String(item.templateVersion),
    inputHashes: (item.inputHashes ?? {}) as Record<string, string>,
  };
}
