import { describe, expect, it } from 'vitest';
import { asWebhookAdmin } from '../../src/app/webhooks/admin.js';
import { WebhookService } from '../../src/app/webhooks.js';
import { WebhookAdminError } from '../../src/api/ports.js';
import { ok } from '../../src/core/result.js';
import type { WebhookStore } from '../../src/core/webhooks/ports.js';
import type { WebhookEndpoint } from '../../src/core/webhooks/types.js';
import { readWebhookConfig } from '../../functions/lib/webhooks.js';

/** Just enough of a store for the administration calls. */
function memoryStore(): WebhookStore {
  const endpoints = new Map<string, WebhookEndpoint>();
  const k = (ags: string, id: string) => `${ags}/${id}`;
  return {
    createEndpoint: async (e) =>
      endpoints.has(k(e.ags, e.id)) ? false : (endpoints.set(k(e.ags, e.id), e), true),
    getEndpoint: async (ags, id) => endpoints.get(k(ags, id)),
    listEndpoints: async (ags) => [...endpoints.values()].filter((e) => e.ags === ags),
    deleteEndpoint: async (ags, id) => endpoints.delete(k(ags, id)),
    setSecrets: async (ags, id, secrets) => {
      const e = endpoints.get(k(ags, id));
      if (!e) return false;
      endpoints.set(k(ags, id), { ...e, secrets });
      return true;
    },
    disableEndpoint: async () => false,
    recordSuccess: async () => undefined,
    createDelivery: async () => true,
    dueDeliveries: async () => [],
    claimDelivery: async () => undefined,
    finishAttempt: async () => false,
    listDeliveries: async () => [],
  };
}

describe('asWebhookAdmin (the API port)', () => {
  const service = new WebhookService({
    store: memoryStore(),
    resolve: async () => ok(['93.184.215.14']),
    send: async () => ({ statusCode: 204, durationMs: 0 }),
    apiBaseUrl: 'https://api.example',
    clock: () => new Date('2026-05-04T10:00:00.000Z'),
  });
  const admin = asWebhookAdmin(service);

  it('passes registrations through and turns refusals into WebhookAdminError with the German message', async () => {
    const { endpoint, secret } = await admin.register('14522999', {
      url: 'https://example.org/hook',
      events: ['report.ready'],
      coordinatorEmail: 'it@gemeinde.example',
    });
    expect(secret).toMatch(/^whsec_/);
    expect(await admin.list('14522999')).toEqual([endpoint]);
    const refusal = admin.register('14522999', {
      url: 'https://169.254.169.254/',
      events: ['report.ready'],
      coordinatorEmail: 'it@gemeinde.example',
    });
    await expect(refusal).rejects.toBeInstanceOf(WebhookAdminError);
    await expect(refusal).rejects.toMatchObject({
      code: 'invalid-url',
      message:
        'Die Adresse 169.254.169.254 ist ein link-lokales Netz (z. B. Cloud-Metadaten) und als Webhook-Ziel nicht erlaubt.',
    });
    expect(await admin.rotate('14522999', endpoint.id)).toMatchObject({
      secret: expect.stringMatching(/^whsec_/),
    });
    expect(await admin.rotate('14522999', 'ep_missing')).toBeUndefined();
    expect(await admin.deliveries('14522999', endpoint.id)).toEqual([]);
    expect(await admin.remove('14522999', endpoint.id)).toBe(true);
  });
});

describe('readWebhookConfig (dispatcher environment)', () => {
  it('reads the settings with defaults', () => {
    expect(readWebhookConfig({ TABLE_NAME: 'sia-jobs', API_BASE_URL: 'https://api.sia.example' })).toEqual({
      tableName: 'sia-jobs',
      apiBaseUrl: 'https://api.sia.example',
      requestTimeoutMs: 10_000,
      concurrency: 8,
      maxPerDispatch: 100,
      rotationOverlapMs: 86_400_000,
      allowInsecureLoopback: false,
    });
    expect(
      readWebhookConfig({
        TABLE_NAME: 't',
        API_BASE_URL: 'http://127.0.0.1:4570',
        WEBHOOK_ALLOW_INSECURE_LOOPBACK: 'true',
        WEBHOOK_ROTATION_OVERLAP_HOURS: '2',
        AWS_ENDPOINT_URL_DYNAMODB: 'http://127.0.0.1:4567',
      }),
    ).toMatchObject({
      allowInsecureLoopback: true,
      rotationOverlapMs: 7_200_000,
      dynamodbEndpoint: 'http://127.0.0.1:4567',
    });
  });

  it('refuses missing settings and the loopback switch on Lambda', () => {
    expect(() => readWebhookConfig({ TABLE_NAME: 't' })).toThrow('API_BASE_URL');
    expect(() =>
      readWebhookConfig({ TABLE_NAME: 't', API_BASE_URL: 'https://a.example', WEBHOOK_TIMEOUT_MS: '-1' }),
    ).toThrow('WEBHOOK_TIMEOUT_MS');
    expect(() =>
      readWebhookConfig({
        TABLE_NAME: 't',
        API_BASE_URL: 'https://a.example',
        WEBHOOK_ALLOW_INSECURE_LOOPBACK: 'true',
        AWS_EXECUTION_ENV: 'AWS_Lambda_nodejs22.x',
      }),
    ).toThrow('local stack only');
  });
});

describe('asWebhookChannel (the notifier port)', () => {
  it('enqueues and dispatches through the service', async () => {
    const { asWebhookChannel } = await import('../../src/app/webhooks/channel.js');
    const calls: string[] = [];
    const fake = {
      enqueue: async () => (calls.push('enqueue'), { messageId: 'msg_x', created: 1, duplicates: 0 }),
      dispatchDue: async () => (calls.push('dispatch'), { due: 0 }),
    } as unknown as WebhookService;
    const channel = asWebhookChannel(fake);
    await channel.enqueue(
      { type: 'report.ready', ags: '14522999', analysisId: 'a', jobId: 'j', at: '2026-05-04T10:00:00.000Z' },
      new Date(),
    );
    await channel.dispatchDue(new Date());
    expect(calls).toEqual(['enqueue', 'dispatch']);
  });
});
