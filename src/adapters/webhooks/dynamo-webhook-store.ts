/**
 * WebhookStore over the single job table (keys in ./table-keys.ts). Every change is conditional:
 * - createDelivery: `attribute_not_exists(pk)` → exactly one delivery per (message, endpoint), and the
 *   message id derives from (jobId, type), so an event told twice is enqueued once;
 * - claimDelivery: only a pending delivery whose due time has come; it moves the due time to the
 *   lease end and stores a claim token, so concurrent dispatchers never send the same attempt twice;
 * - finishAttempt: only by the holder of the claim token;
 * - disableEndpoint: only an active endpoint, so the disabling is reported once.
 */
import { queryPrefix } from '../aws/query-prefix.js';
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { AttemptOutcome, WebhookStore } from '../../core/webhooks/ports.js';
import {
  isWebhookEventType,
  type DeliveryAttempt,
  type DeliveryKey,
  type DeliveryStatus,
  type EndpointSecret,
  type WebhookDelivery,
  type WebhookEndpoint,
} from '../../core/webhooks/types.js';
import {
  DELIVERY_PREFIX,
  deliveryPrefix,
  deliverySk,
  DUE_PARTITION,
  ENDPOINT_PREFIX,
  endpointSk,
  webhooksPk,
  WEBHOOKS_DUE_INDEX,
} from './table-keys.js';

type Item = Record<string, unknown>;

export class DynamoWebhookStore implements WebhookStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(
    client: DynamoDBClient,
    readonly tableName: string,
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async createEndpoint(endpoint: WebhookEndpoint): Promise<boolean> {
    const item: Item = {
      pk: webhooksPk(endpoint.ags),
      sk: endpointSk(endpoint.id),
      kind: 'webhook-endpoint',
      endpointId: endpoint.id,
      ags: endpoint.ags,
      url: endpoint.url,
      events: [...endpoint.events],
      coordinatorEmail: endpoint.coordinatorEmail,
      endpointStatus: endpoint.status,
      disabledReason: endpoint.disabledReason,
      disabledAt: endpoint.disabledAt,
      createdAt: endpoint.createdAt,
      updatedAt: endpoint.updatedAt,
      lastSuccessAt: endpoint.lastSuccessAt,
      secrets: endpoint.secrets.map((s) => ({ ...s })),
    };
    return this.conditional(
      new PutCommand({
        TableName: this.tableName,
        Item: item,
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async getEndpoint(ags: string, id: string): Promise<WebhookEndpoint | undefined> {
    const out = await this.doc.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: webhooksPk(ags), sk: endpointSk(id) },
        ConsistentRead: true,
      }),
    );
    return out.Item ? toEndpoint(out.Item) : undefined;
  }

  async listEndpoints(ags: string): Promise<readonly WebhookEndpoint[]> {
    const items = await this.queryPrefix(webhooksPk(ags), ENDPOINT_PREFIX);
    return items
      .map(toEndpoint)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id));
  }

  async deleteEndpoint(ags: string, id: string): Promise<boolean> {
    return this.conditional(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { pk: webhooksPk(ags), sk: endpointSk(id) },
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
  }

  async setSecrets(ags: string, id: string, secrets: readonly EndpointSecret[], now: Date): Promise<boolean> {
    return this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: webhooksPk(ags), sk: endpointSk(id) },
        UpdateExpression: 'SET secrets = :secrets, updatedAt = :now',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':secrets': secrets.map((s) => ({ ...s })), ':now': now.toISOString() },
      }),
    );
  }

  async disableEndpoint(ags: string, id: string, reason: string, now: Date): Promise<boolean> {
    return this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: webhooksPk(ags), sk: endpointSk(id) },
        UpdateExpression:
          'SET endpointStatus = :disabled, disabledReason = :reason, disabledAt = :now, updatedAt = :now',
        ConditionExpression: 'endpointStatus = :active',
        ExpressionAttributeValues: {
          ':disabled': 'disabled',
          ':active': 'active',
          ':reason': reason,
          ':now': now.toISOString(),
        },
      }),
    );
  }

  async recordSuccess(ags: string, id: string, at: Date): Promise<void> {
    await this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: webhooksPk(ags), sk: endpointSk(id) },
        UpdateExpression: 'SET lastSuccessAt = :at',
        ConditionExpression:
          'attribute_exists(pk) AND (attribute_not_exists(lastSuccessAt) OR lastSuccessAt < :at)',
        ExpressionAttributeValues: { ':at': at.toISOString() },
      }),
    );
  }

  async createDelivery(d: WebhookDelivery): Promise<boolean> {
    const item: Item = {
      pk: webhooksPk(d.ags),
      sk: deliverySk(d.endpointId, d.messageId),
      kind: 'webhook-delivery',
      ags: d.ags,
      endpointId: d.endpointId,
      messageId: d.messageId,
      eventType: d.type,
      analysisId: d.analysisId,
      jobId: d.jobId,
      body: d.body,
      deliveryStatus: d.status,
      attempts: d.attempts,
      createdAt: d.createdAt,
      log: d.log.map((a) => ({ ...a })),
      expiresAt: d.expiresAt,
      ...(d.status === 'pending' &&
        d.nextAttemptAt !== undefined && { webhookDue: DUE_PARTITION, nextAttemptAt: d.nextAttemptAt }),
    };
    return this.conditional(
      new PutCommand({
        TableName: this.tableName,
        Item: item,
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async dueDeliveries(now: Date, limit: number): Promise<readonly DeliveryKey[]> {
    const keys: DeliveryKey[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: WEBHOOKS_DUE_INDEX,
          KeyConditionExpression: 'webhookDue = :due AND nextAttemptAt <= :now',
          ExpressionAttributeValues: { ':due': DUE_PARTITION, ':now': now.toISOString() },
          Limit: limit - keys.length,
          ...(start && { ExclusiveStartKey: start }),
        }),
      );
      for (const item of page.Items ?? []) {
        const key = keyOf(item);
        if (key) keys.push(key);
      }
      start = page.LastEvaluatedKey;
    } while (start && keys.length < limit);
    return keys;
  }

  async claimDelivery(
    key: DeliveryKey,
    now: Date,
    leaseUntil: Date,
    token: string,
  ): Promise<WebhookDelivery | undefined> {
    try {
      const out = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: webhooksPk(key.ags), sk: deliverySk(key.endpointId, key.messageId) },
          UpdateExpression: 'SET nextAttemptAt = :lease, claimToken = :token',
          ConditionExpression:
            'deliveryStatus = :pending AND attribute_exists(webhookDue) AND nextAttemptAt <= :now',
          ExpressionAttributeValues: {
            ':pending': 'pending',
            ':now': now.toISOString(),
            ':lease': leaseUntil.toISOString(),
            ':token': token,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return out.Attributes ? toDelivery(out.Attributes) : undefined;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async finishAttempt(key: DeliveryKey, token: string, outcome: AttemptOutcome): Promise<boolean> {
    const sets = ['deliveryStatus = :status'];
    const removes = ['claimToken'];
    const values: Item = { ':status': outcome.status, ':token': token, ':pending': 'pending' };
    if (outcome.attempt) {
      const a = outcome.attempt;
      sets.push(
        'attempts = :n',
        'lastAttemptAt = :at',
        '#log = list_append(if_not_exists(#log, :empty), :entry)',
      );
      Object.assign(values, { ':n': a.attempt, ':at': a.at, ':empty': [], ':entry': [{ ...a }] });
      if (a.statusCode !== undefined) {
        sets.push('lastStatusCode = :code');
        values[':code'] = a.statusCode;
      } else removes.push('lastStatusCode');
      if (a.error !== undefined) {
        sets.push('lastError = :error');
        values[':error'] = a.error;
      } else removes.push('lastError');
      if (outcome.status === 'delivered') sets.push('deliveredAt = :at');
    }
    if (outcome.status === 'pending') {
      if (outcome.nextAttemptAt === undefined) throw new Error('a pending delivery needs nextAttemptAt');
      sets.push('nextAttemptAt = :next');
      values[':next'] = outcome.nextAttemptAt;
    } else {
      removes.push('webhookDue', 'nextAttemptAt');
    }
    return this.conditional(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: webhooksPk(key.ags), sk: deliverySk(key.endpointId, key.messageId) },
        UpdateExpression: `SET ${sets.join(', ')} REMOVE ${removes.join(', ')}`,
        ConditionExpression: 'claimToken = :token AND deliveryStatus = :pending',
        ...(outcome.attempt && { ExpressionAttributeNames: { '#log': 'log' } }),
        ExpressionAttributeValues: values,
      }),
    );
  }

  async listDeliveries(ags: string, endpointId: string, limit: number): Promise<readonly WebhookDelivery[]> {
    const items = await this.queryPrefix(webhooksPk(ags), deliveryPrefix(endpointId));
    return items
      .map(toDelivery)
      .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || a.messageId.localeCompare(b.messageId))
      .slice(0, limit);
  }

  private async queryPrefix(pk: string, prefix: string): Promise<Item[]> {
    return (await queryPrefix(this.doc, this.tableName, pk, prefix)) as Item[];
  }

  /** Runs a conditional write; false when its condition failed. */
  private async conditional(command: PutCommand | UpdateCommand | DeleteCommand): Promise<boolean> {
    try {
      // The union of command types has no common `send` overload; each is a valid input.
      await this.doc.send(command as UpdateCommand);
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

function keyOf(item: Item): DeliveryKey | undefined {
  const pk = str(item.pk);
  const sk = str(item.sk);
  if (!pk?.startsWith('WEBHOOKS#') || !sk?.startsWith(DELIVERY_PREFIX)) return undefined;
  const [endpointId, messageId] = sk.slice(DELIVERY_PREFIX.length).split('#');
  if (!endpointId || !messageId) return undefined;
  return { ags: pk.slice('WEBHOOKS#'.length), endpointId, messageId };
}

function toEndpoint(item: Item): WebhookEndpoint {
  const events = Array.isArray(item.events) ? item.events.filter(isWebhookEventType) : [];
  const secrets = Array.isArray(item.secrets)
    ? (item.secrets as Item[]).map((s) => ({
        secret: String(s.secret),
        createdAt: String(s.createdAt),
        ...(str(s.expiresAt) !== undefined && { expiresAt: str(s.expiresAt) as string }),
      }))
    : [];
  const optional = (name: string) =>
    str(item[name]) !== undefined ? { [name]: str(item[name]) as string } : {};
  return {
    id: String(item.endpointId),
    ags: String(item.ags),
    url: String(item.url),
    events,
    ...optional('coordinatorEmail'),
    status: item.endpointStatus === 'disabled' ? 'disabled' : 'active',
    ...optional('disabledReason'),
    ...optional('disabledAt'),
    createdAt: String(item.createdAt),
    updatedAt: String(item.updatedAt),
    ...optional('lastSuccessAt'),
    secrets,
  };
}

function toDelivery(item: Item): WebhookDelivery {
  const type = isWebhookEventType(item.eventType) ? item.eventType : 'report.failed';
  const log = Array.isArray(item.log)
    ? (item.log as Item[]).map((a): DeliveryAttempt => ({
        attempt: Number(a.attempt),
        at: String(a.at),
        durationMs: Number(a.durationMs),
        ...(num(a.statusCode) !== undefined && { statusCode: num(a.statusCode) as number }),
        ...(str(a.error) !== undefined && { error: str(a.error) as string }),
      }))
    : [];
  return {
    ags: String(item.ags),
    endpointId: String(item.endpointId),
    messageId: String(item.messageId),
    type,
    analysisId: String(item.analysisId),
    jobId: String(item.jobId),
    body: String(item.body),
    status: String(item.deliveryStatus) as DeliveryStatus,
    attempts: Number(item.attempts ?? 0),
    ...(str(item.nextAttemptAt) !== undefined && { nextAttemptAt: str(item.nextAttemptAt) as string }),
    createdAt: String(item.createdAt),
    ...(str(item.lastAttemptAt) !== undefined && { lastAttemptAt: str(item.lastAttemptAt) as string }),
    ...(num(item.lastStatusCode) !== undefined && { lastStatusCode: num(item.lastStatusCode) as number }),
    ...(str(item.lastError) !== undefined && { lastError: str(item.lastError) as string }),
    ...(str(item.deliveredAt) !== undefined && { deliveredAt: str(item.deliveredAt) as string }),
    log,
    expiresAt: Number(item.expiresAt ?? 0),
  };
}
