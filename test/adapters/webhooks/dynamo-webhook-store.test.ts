import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { DynamoWebhookStore } from '../../../src/adapters/webhooks/dynamo-webhook-store.js';
import type { WebhookDelivery, WebhookEndpoint } from '../../../src/core/webhooks/types.js';
import { startTestTable, type TestTable } from '../../support/aws-emulators.js';

let table: TestTable;
let store: DynamoWebhookStore;
const T0 = Date.parse('2026-05-04T10:00:00.000Z');
const at = (seconds: number) => new Date(T0 + seconds * 1000);

beforeAll(async () => {
  table = await startTestTable('sia-webhooks-store');
  store = new DynamoWebhookStore(table.client, table.tableName);
});
afterAll(async () => table?.stop());

let n = 0;
function endpoint(ags: string, overrides: Partial<WebhookEndpoint> = {}): WebhookEndpoint {
  n += 1;
  return {
    id: `ep_${n}`,
    ags,
    url: `https://hooks${n}.example/sia`,
    events: ['report.ready'],
    status: 'active',
    createdAt: at(n).toISOString(),
    updatedAt: at(n).toISOString(),
    secrets: [{ secret: 'whsec_AAAA', createdAt: at(0).toISOString() }],
    ...overrides,
  };
}
function delivery(ep: WebhookEndpoint, messageId: string, due: Date): WebhookDelivery {
  return {
    ags: ep.ags,
    endpointId: ep.id,
    messageId,
    type: 'report.ready',
    analysisId: 'a1',
    jobId: 'j1',
    body: '{"type":"report.ready"}',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: due.toISOString(),
    createdAt: due.toISOString(),
    log: [],
    expiresAt: Math.floor(due.getTime() / 1000) + 30 * 86400,
  };
}

describe('DynamoWebhookStore endpoints (dynalite)', () => {
  it('creates once, lists per AGS, updates secrets, disables once, deletes', async () => {
    const ep = endpoint('14522001', { coordinatorEmail: 'it@gemeinde.example' });
    expect(await store.createEndpoint(ep)).toBe(true);
    expect(await store.createEndpoint(ep)).toBe(false);
    await store.createEndpoint(endpoint('14522002'));
    expect(await store.getEndpoint('14522001', ep.id)).toEqual(ep);
    expect((await store.listEndpoints('14522001')).map((e) => e.id)).toEqual([ep.id]);
    expect(await store.getEndpoint('14522002', ep.id)).toBeUndefined();

    const secrets = [
      { secret: 'whsec_BBBB', createdAt: at(10).toISOString() },
      { secret: 'whsec_AAAA', createdAt: at(0).toISOString(), expiresAt: at(99).toISOString() },
    ];
    expect(await store.setSecrets('14522001', ep.id, secrets, at(10))).toBe(true);
    expect(await store.setSecrets('14522001', 'ep_missing', secrets, at(10))).toBe(false);
    expect((await store.getEndpoint('14522001', ep.id))?.secrets).toEqual(secrets);

    await store.recordSuccess('14522001', ep.id, at(20));
    await store.recordSuccess('14522001', ep.id, at(15)); // older: ignored
    expect((await store.getEndpoint('14522001', ep.id))?.lastSuccessAt).toBe(at(20).toISOString());

    expect(
      await store.disableEndpoint('14522001', ep.id, 'Der Empfänger hat mit HTTP 410 geantwortet.', at(30)),
    ).toBe(true);
    expect(await store.disableEndpoint('14522001', ep.id, 'noch einmal', at(31))).toBe(false);
    expect(await store.getEndpoint('14522001', ep.id)).toMatchObject({
      status: 'disabled',
      disabledReason: 'Der Empfänger hat mit HTTP 410 geantwortet.',
      disabledAt: at(30).toISOString(),
    });

    expect(await store.deleteEndpoint('14522001', ep.id)).toBe(true);
    expect(await store.deleteEndpoint('14522001', ep.id)).toBe(false);
    expect(await store.listEndpoints('14522001')).toEqual([]);
  });

  it('keeps webhook items out of the jobs byStatus index (no `status` attribute)', async () => {
    const ep = endpoint('14522003');
    await store.createEndpoint(ep);
    await store.createDelivery(delivery(ep, 'msg_idx', at(0)));
    const raw = await table.client.send(
      new GetItemCommand({
        TableName: table.tableName,
        Key: { pk: { S: 'WEBHOOKS#14522003' }, sk: { S: `ENDPOINT#${ep.id}` } },
      }),
    );
    expect(raw.Item?.status).toBeUndefined();
    expect(raw.Item?.endpointStatus?.S).toBe('active');
    const byStatus = await table.client.send(
      new QueryCommand({
        TableName: table.tableName,
        IndexName: 'byStatus',
        KeyConditionExpression: '#s = :s',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': { S: 'pending' } },
      }),
    );
    expect(byStatus.Items).toEqual([]);
  });
});

describe('DynamoWebhookStore deliveries (dynalite)', () => {
  it('creates each (message, endpoint) once and lists due ones by time through the sparse index', async () => {
    const ep = endpoint('14522010');
    await store.createEndpoint(ep);
    expect(await store.createDelivery(delivery(ep, 'msg_a', at(100)))).toBe(true);
    expect(await store.createDelivery(delivery(ep, 'msg_a', at(100)))).toBe(false);
    expect(await store.createDelivery(delivery(ep, 'msg_b', at(200)))).toBe(true);

    const due = (await store.dueDeliveries(at(150), 100)).filter((k) => k.ags === '14522010');
    expect(due).toEqual([{ ags: '14522010', endpointId: ep.id, messageId: 'msg_a' }]);
    expect(
      (await store.dueDeliveries(at(250), 100)).filter((k) => k.ags === '14522010').map((k) => k.messageId),
    ).toEqual(['msg_a', 'msg_b']);

    const raw = await table.client.send(
      new GetItemCommand({
        TableName: table.tableName,
        Key: { pk: { S: 'WEBHOOKS#14522010' }, sk: { S: `DELIVERY#${ep.id}#msg_a` } },
      }),
    );
    expect(raw.Item?.expiresAt?.N).toBe(String(Math.floor(at(100).getTime() / 1000) + 30 * 86400));
    expect(raw.Item?.webhookDue?.S).toBe('DUE');
  });

  it('claims a due delivery exactly once among concurrent dispatchers, and only the claim holder finishes it', async () => {
    const ep = endpoint('14522011');
    await store.createEndpoint(ep);
    const d = delivery(ep, 'msg_c', at(0));
    await store.createDelivery(d);
    const key = { ags: d.ags, endpointId: d.endpointId, messageId: d.messageId };
    const claims = await Promise.all(
      ['t1', 't2', 't3', 't4'].map((t) => store.claimDelivery(key, at(1), at(61), t)),
    );
    expect(claims.filter((c) => c !== undefined)).toHaveLength(1);
    const winner = ['t1', 't2', 't3', 't4'][claims.findIndex((c) => c !== undefined)] as string;
    expect(claims.find((c) => c)?.nextAttemptAt).toBe(at(61).toISOString());
    // Not due any more until the lease ends.
    expect((await store.dueDeliveries(at(30), 100)).some((k) => k.messageId === 'msg_c')).toBe(false);

    const attempt = {
      attempt: 1,
      at: at(1).toISOString(),
      durationMs: 12,
      error: 'Verbindung abgelehnt (ECONNREFUSED).',
    };
    expect(
      await store.finishAttempt(key, 'wrong', {
        status: 'pending',
        attempt,
        nextAttemptAt: at(6).toISOString(),
      }),
    ).toBe(false);
    expect(
      await store.finishAttempt(key, winner, {
        status: 'pending',
        attempt,
        nextAttemptAt: at(6).toISOString(),
      }),
    ).toBe(true);
    expect(
      await store.finishAttempt(key, winner, {
        status: 'pending',
        attempt,
        nextAttemptAt: at(6).toISOString(),
      }),
    ).toBe(false); // token consumed

    const again = await store.claimDelivery(key, at(6), at(66), 't5');
    expect(again).toMatchObject({
      attempts: 1,
      lastError: 'Verbindung abgelehnt (ECONNREFUSED).',
      log: [attempt],
    });
    const ok = { attempt: 2, at: at(6).toISOString(), durationMs: 8, statusCode: 204 };
    expect(await store.finishAttempt(key, 't5', { status: 'delivered', attempt: ok })).toBe(true);

    const [listed] = await store.listDeliveries('14522011', ep.id, 10);
    expect(listed).toMatchObject({
      status: 'delivered',
      attempts: 2,
      lastStatusCode: 204,
      deliveredAt: at(6).toISOString(),
      log: [attempt, ok],
    });
    expect(listed?.lastError).toBeUndefined();
    expect(listed?.nextAttemptAt).toBeUndefined();
    // Finished deliveries leave the due index.
    expect((await store.dueDeliveries(at(10_000), 100)).some((k) => k.messageId === 'msg_c')).toBe(false);
    expect(await store.claimDelivery(key, at(10_000), at(10_060), 't6')).toBeUndefined();
  });

  it('lists an endpoint’s deliveries newest first, limited, and not those of other endpoints', async () => {
    const ep = endpoint('14522012');
    const other = endpoint('14522012');
    await store.createEndpoint(ep);
    await store.createEndpoint(other);
    for (let i = 0; i < 5; i++) await store.createDelivery(delivery(ep, `msg_l${i}`, at(1000 + i)));
    await store.createDelivery(delivery(other, 'msg_other', at(2000)));
    expect((await store.listDeliveries('14522012', ep.id, 3)).map((d) => d.messageId)).toEqual([
      'msg_l4',
      'msg_l3',
      'msg_l2',
    ]);
    expect((await store.listDeliveries('14522012', other.id, 10)).map((d) => d.messageId)).toEqual([
      'msg_other',
    ]);
  });
});
