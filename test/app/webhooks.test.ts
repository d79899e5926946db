import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DynamoWebhookStore } from '../../src/adapters/webhooks/dynamo-webhook-store.js';
import { createHttpSender } from '../../src/adapters/webhooks/http-sender.js';
import {
  WebhookService,
  type EndpointDisabledNotice,
  type WebhookEndpointView,
  type WebhookServiceOptions,
} from '../../src/app/webhooks.js';
import type { LifecycleEvent, LifecycleEventType } from '../../src/core/ports.js';
import { err, ok } from '../../src/core/result.js';
import type { WebhookRequest } from '../../src/core/webhooks/ports.js';
import { RETRY_SCHEDULE_MS } from '../../src/core/webhooks/retry.js';
import { REFUSED_URLS } from '../core/webhooks/ssrf-urls.js';
import { Receiver, startTables, verifyAt, type Tables } from './webhooks-support.js';

const T0 = new Date('2026-05-04T10:00:00.000Z');
const plus = (ms: number) => new Date(T0.getTime() + ms);
const AGS = '14522999';
const ALL: LifecycleEventType[] = ['report.ready', 'report.failed', 'analysis.invalid'];

let tables: Tables;
const receivers: Receiver[] = [];
beforeAll(async () => {
  tables = await startTables();
});
afterAll(async () => tables?.stop());
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.stop()));
});

async function receiver(port = 0): Promise<Receiver> {
  const r = await new Receiver().start(port);
  receivers.push(r);
  return r;
}

let jobCounter = 0;
function event(overrides: Partial<LifecycleEvent> = {}): LifecycleEvent {
  jobCounter += 1;
  return {
    type: 'report.ready',
    ags: AGS,
    analysisId: 'befragung-2026',
    jobId: `job-${jobCounter}`,
    version: 2,
    at: T0.toISOString(),
    ...overrides,
  };
}

async function setup(options: Partial<WebhookServiceOptions> = {}) {
  const tableName = await tables.next();
  const store = new DynamoWebhookStore(tables.client, tableName);
  const disabled: Array<[WebhookEndpointView, EndpointDisabledNotice]> = [];
  const errors: unknown[] = [];
  const service = new WebhookService({
    store,
    resolve: async (host) =>
      host === 'localhost' ? ok(['127.0.0.1']) : err(`Der Host „${host}“ ist im DNS nicht bekannt.`),
    send: createHttpSender(),
    apiBaseUrl: 'https://api.sia.example',
    urlPolicy: { allowInsecureLoopback: true },
    jitter: () => 0.5,
    clock: () => T0,
    requestTimeoutMs: 2_000,
    onEndpointDisabled: (endpoint, notice) => {
      disabled.push([endpoint, notice]);
    },
    onError: (error) => errors.push(error),
    ...options,
  });
  return { service, store, disabled, errors };
}

async function registered(
  service: WebhookService,
  url: string,
  events: LifecycleEventType[] = ALL,
  ags = AGS,
) {
  const result = await service.register(
    ags,
    { url, events, coordinatorEmail: 'koordination@gemeinde.example' },
    T0,
  );
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

describe('register / list / remove', () => {
  it('shows the secret once (whsec_ + 32 random bytes) and never in the list', async () => {
    const { service } = await setup();
    const hook = await receiver();
    const { endpoint, secret } = await registered(service, hook.url('/sia'), [
      'report.ready',
      'report.ready',
    ]);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(secret.slice(6), 'base64')).toHaveLength(32);
    expect(endpoint).toEqual({
      id: expect.stringMatching(/^ep_[A-Za-z0-9_-]{16}$/),
      ags: AGS,
      url: hook.url('/sia'),
      events: ['report.ready'],
      coordinatorEmail: 'koordination@gemeinde.example',
      status: 'active',
      active: true,
      createdAt: T0.toISOString(),
      updatedAt: T0.toISOString(),
    });
    const listed = await service.list(AGS, T0);
    expect(listed).toEqual([endpoint]);
    expect(JSON.stringify(listed)).not.toContain(secret.slice(6));
    expect(await service.list('14522000', T0)).toEqual([]);
    // Another municipality's id reads as absent.
    expect(await service.remove('14522000', endpoint.id)).toBe(false);
    expect(await service.deliveries('14522000', endpoint.id, T0)).toBeUndefined();
    expect(await service.rotate('14522000', endpoint.id, T0)).toBeUndefined();
    expect(await service.remove(AGS, endpoint.id)).toBe(true);
    expect(await service.list(AGS, T0)).toEqual([]);
  });

  it('refuses bad input with German messages', async () => {
    const { service } = await setup({ maxEndpointsPerAgs: 1 });
    expect(await service.register('1452', { url: 'https://example.org/', events: ALL })).toMatchObject({
      ok: false,
      error: { code: 'invalid-ags', message: 'Der Gemeindeschlüssel (AGS) besteht aus genau 8 Ziffern.' },
    });
    expect(await service.register(AGS, { url: 'https://example.org/', events: [] })).toMatchObject({
      ok: false,
      error: { code: 'invalid-events' },
    });
    expect(
      await service.register(AGS, { url: 'https://example.org/', events: ['report.deleted'] }),
    ).toMatchObject({
      ok: false,
      error: {
        code: 'invalid-events',
        message:
          'Unbekanntes Ereignis „report.deleted“. Erlaubt: report.ready, report.failed, analysis.invalid.',
      },
    });
    expect(
      await service.register(AGS, {
        url: 'https://example.org/',
        events: ALL,
        coordinatorEmail: 'keine-adresse',
      }),
    ).toMatchObject({ ok: false, error: { code: 'invalid-email' } });
    const hook = await receiver();
    await registered(service, hook.url('/a'));
    expect(await service.register(AGS, { url: hook.url('/b'), events: ALL })).toMatchObject({
      ok: false,
      error: { code: 'too-many-endpoints' },
    });
  });
});

describe('SSRF protection at registration', () => {
  const DNS: Record<string, string[]> = {
    'example.org': ['93.184.215.14'],
    'evil.example': ['10.0.0.1'],
    'rebind.example': ['93.184.215.14', '127.0.0.1'],
    'metadata.example': ['169.254.169.254'],
    'v6-private.example': ['fd00::1'],
    'mapped.example': ['::ffff:127.0.0.1'],
    'nat64.example': ['64:ff9b::c0a8:0101'],
    'cgnat.example': ['100.64.1.1'],
  };
  const resolve: WebhookServiceOptions['resolve'] = async (host) =>
    DNS[host] ? ok(DNS[host]) : err(`Der Host „${host}“ ist im DNS nicht bekannt.`);
  const DNS_REFUSED = [
    'https://evil.example/hook',
    'https://rebind.example/hook',
    'https://metadata.example/hook',
    'https://v6-private.example/hook',
    'https://mapped.example/hook',
    'https://nat64.example/hook',
    'https://cgnat.example/hook',
    'https://unknown.example/hook',
    'http://127.0.0.1:8080/hook',
    'http://localhost:8080/hook',
  ];

  it(`refuses ${REFUSED_URLS.length + DNS_REFUSED.length} URLs (forms and DNS answers) and stores none; accepts https://example.org → 93.184.215.14`, async () => {
    let sent = 0;
    const { service } = await setup({
      resolve,
      urlPolicy: {},
      send: async () => ((sent += 1), { statusCode: 204, durationMs: 0 }),
    });
    const urls = [...REFUSED_URLS, ...DNS_REFUSED];
    expect(urls.length).toBeGreaterThanOrEqual(25);
    const accepted: string[] = [];
    for (const url of urls) {
      const result = await service.register(AGS, { url, events: ALL });
      if (result.ok) accepted.push(url);
      else expect(result.error.message, url).toMatch(/[a-zäöü]/);
    }
    expect(accepted).toEqual([]);
    expect(await service.list(AGS, T0)).toEqual([]);
    const rebind = await service.register(AGS, { url: 'https://rebind.example/hook', events: ALL });
    expect(rebind).toEqual({
      ok: false,
      error: {
        code: 'forbidden-address',
        message:
          'Der Host „rebind.example“ zeigt auf 127.0.0.1: Die Adresse 127.0.0.1 ist die eigene Maschine (Loopback) und als Webhook-Ziel nicht erlaubt.',
      },
    });

    const good = await service.register(AGS, { url: 'https://example.org/webhooks/sia', events: ALL });
    expect(good).toMatchObject({
      ok: true,
      value: { endpoint: { url: 'https://example.org/webhooks/sia', status: 'active' } },
    });
    expect(sent).toBe(0);
  });

  it('checks DNS again before every attempt and connects to the checked address (rebinding refused)', async () => {
    let answer = ['93.184.215.14'];
    const requests: WebhookRequest[] = [];
    const { service } = await setup({
      urlPolicy: {},
      resolve: async () => ok(answer),
      send: async (r) => (requests.push(r), { statusCode: 204, durationMs: 3 }),
    });
    const { endpoint } = await registered(service, 'https://hooks.gemeinde.example/sia');
    answer = ['10.0.0.7'];
    const e = event();
    await service.enqueue(e, T0);
    expect(await service.dispatchDue(T0)).toMatchObject({ due: 1, rescheduled: 1, delivered: 0 });
    expect(requests).toEqual([]);
    const [d] = (await service.deliveries(AGS, endpoint.id, T0)) ?? [];
    expect(d?.log[0]).toEqual({
      attempt: 1,
      at: T0.toISOString(),
      durationMs: 0,
      error:
        'Der Host „hooks.gemeinde.example“ zeigt auf 10.0.0.7: Die Adresse 10.0.0.7 ist ein privates Netz und als Webhook-Ziel nicht erlaubt.',
    });

    answer = ['93.184.215.14'];
    expect(await service.dispatchDue(plus(5_000))).toMatchObject({ due: 1, delivered: 1 });
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({
      url: 'https://hooks.gemeinde.example/sia',
      address: '93.184.215.14',
      timeoutMs: 2_000,
    });
  });
});

describe('delivery', () => {
  it('sends a thin, signed report.ready that the reference library verifies', async () => {
    const { service } = await setup();
    const hook = await receiver();
    const { endpoint, secret } = await registered(service, hook.url('/sia'));
    const e = event({ jobId: 'job-ready-1', version: 4 });
    const enq = await service.enqueue(e, T0);
    expect(enq).toEqual({ messageId: expect.stringMatching(/^msg_/), created: 1, duplicates: 0 });
    const now = plus(1_000);
    expect(await service.dispatchDue(now)).toEqual({
      due: 1,
      delivered: 1,
      rescheduled: 0,
      failed: 0,
      cancelled: 0,
      skipped: 0,
      errors: 0,
      disabled: [],
    });

    expect(hook.requests).toHaveLength(1);
    const [request] = hook.requests;
    if (!request) throw new Error('no request');
    expect(request.headers['webhook-id']).toBe(enq.messageId);
    expect(request.headers['webhook-timestamp']).toBe(String(now.getTime() / 1000));
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['webhook-signature']?.split(' ')).toHaveLength(1);
    expect(verifyAt(secret, request, now)).toEqual({
      type: 'report.ready',
      timestamp: T0.toISOString(),
      data: {
        ags: AGS,
        analysisId: 'befragung-2026',
        jobId: 'job-ready-1',
        version: 4,
        links: {
          status: 'https://api.sia.example/analyses/14522999/befragung-2026',
          report: 'https://api.sia.example/analyses/14522999/befragung-2026/versions/4/download',
        },
      },
    });
    expect(() => verifyAt('whsec_' + Buffer.alloc(32, 9).toString('base64'), request, now)).toThrow(
      'No matching signature found',
    );

    const deliveries = await service.deliveries(AGS, endpoint.id, now);
    expect(deliveries).toEqual([
      {
        id: enq.messageId,
        type: 'report.ready',
        status: 'delivered',
        statusText: 'zugestellt',
        attempts: 1,
        analysisId: 'befragung-2026',
        jobId: 'job-ready-1',
        createdAt: T0.toISOString(),
        lastAttemptAt: now.toISOString(),
        deliveredAt: now.toISOString(),
        responseStatus: 204,
        log: [{ attempt: 1, at: now.toISOString(), durationMs: expect.any(Number), statusCode: 204 }],
      },
    ]);
    expect((await service.list(AGS, now))[0]?.lastSuccessAt).toBe(now.toISOString());
    // Nothing left to do.
    expect(await service.dispatchDue(plus(3_600_000))).toMatchObject({ due: 0 });
  });

  it('enqueues exactly once per (jobId, type, endpoint), only to active subscribed endpoints of the AGS', async () => {
    const { service } = await setup();
    const hook = await receiver();
    await registered(service, hook.url('/all'));
    await registered(service, hook.url('/failed-only'), ['report.failed']);
    await registered(service, hook.url('/other-ags'), ALL, '14522000');
    const ready = event();
    const told = await Promise.all([
      service.enqueue(ready, T0),
      service.enqueue(ready, T0),
      service.enqueue({ ...ready, at: plus(9).toISOString() }, plus(9)),
    ]);
    expect(told.reduce((s, t) => s + t.created, 0)).toBe(1);
    expect(told.reduce((s, t) => s + t.duplicates, 0)).toBe(2);
    const failed = event({
      type: 'report.failed',
      version: undefined,
      reason: 'Bericht konnte nach 3 Versuchen nicht erstellt werden',
    });
    expect(await service.enqueue(failed, T0)).toMatchObject({ created: 2 });
    expect(await service.dispatchDue(plus(10))).toMatchObject({ due: 3, delivered: 3 });
    expect(
      hook
        .on('/all')
        .map((r) => JSON.parse(r.body).type)
        .sort(),
    ).toEqual(['report.failed', 'report.ready']);
    expect(hook.on('/failed-only').map((r) => JSON.parse(r.body).data)).toEqual([
      {
        ags: AGS,
        analysisId: 'befragung-2026',
        jobId: failed.jobId,
        reason: 'Bericht konnte nach 3 Versuchen nicht erstellt werden',
        links: { status: 'https://api.sia.example/analyses/14522999/befragung-2026' },
      },
    ]);
    expect(hook.on('/other-ags')).toEqual([]);
    // Telling the event again after delivery sends nothing again.
    expect(await service.enqueue(ready, plus(20))).toMatchObject({ created: 0, duplicates: 1 });
    expect(await service.dispatchDue(plus(30))).toMatchObject({ due: 0 });
  });

  it('a receiver that fails, goes down and comes back gets the event, with the same webhook-id on every attempt', async () => {
    const { service } = await setup();
    const hook = await receiver();
    hook.answers.set('/sia', (n) => (n <= 2 ? { status: 503 } : { status: 200 }));
    const { endpoint, secret } = await registered(service, hook.url('/sia'));
    const { messageId } = await service.enqueue(event(), T0);

    const times = [T0];
    expect(await service.dispatchDue(T0)).toMatchObject({ rescheduled: 1 }); // 503
    expect(await service.dispatchDue(plus(4_999))).toMatchObject({ due: 0 }); // not yet due
    times.push(plus(5_000));
    expect(await service.dispatchDue(plus(5_000))).toMatchObject({ rescheduled: 1 }); // 503 again
    const port = hook.port;
    await hook.stop(); // down
    times.push(plus(5_000 + 300_000));
    expect(await service.dispatchDue(times[2] as Date)).toMatchObject({ rescheduled: 1 }); // connection refused
    await hook.start(port); // back
    times.push(plus(5_000 + 300_000 + 1_800_000));
    expect(await service.dispatchDue(plus(5_000 + 300_000 + 1_799_999))).toMatchObject({ due: 0 });
    expect(await service.dispatchDue(times[3] as Date)).toMatchObject({ delivered: 1 });

    const received = hook.on('/sia');
    expect(received).toHaveLength(3);
    expect(received.map((r) => r.headers['webhook-id'])).toEqual([messageId, messageId, messageId]);
    expect(new Set(received.map((r) => r.body)).size).toBe(1);
    const attemptTimes = [times[0], times[1], times[3]] as Date[];
    received.forEach((r, i) => {
      expect(r.headers['webhook-timestamp']).toBe(String((attemptTimes[i] as Date).getTime() / 1000));
      expect(verifyAt(secret, r, attemptTimes[i] as Date)).toMatchObject({ type: 'report.ready' });
    });

    const [d] = (await service.deliveries(AGS, endpoint.id, times[3])) ?? [];
    expect(d).toMatchObject({ status: 'delivered', attempts: 4, responseStatus: 200 });
    expect(d?.lastError).toBeUndefined();
    expect(d?.log.map((a) => [a.attempt, a.at, a.statusCode ?? a.error])).toEqual([
      [1, times[0]?.toISOString(), 503],
      [2, times[1]?.toISOString(), 503],
      [3, times[2]?.toISOString(), 'Verbindung abgelehnt (ECONNREFUSED).'],
      [4, times[3]?.toISOString(), 200],
    ]);
  });

  it('does not follow redirects: a 3xx is a failed attempt', async () => {
    const { service } = await setup();
    const hook = await receiver();
    hook.answers.set('/moved', { status: 302, headers: { location: '/target' } });
    const { endpoint } = await registered(service, hook.url('/moved'));
    await service.enqueue(event(), T0);
    expect(await service.dispatchDue(T0)).toMatchObject({ rescheduled: 1, delivered: 0 });
    expect(hook.requests.map((r) => r.path)).toEqual(['/moved']);
    const [d] = (await service.deliveries(AGS, endpoint.id, T0)) ?? [];
    expect(d).toMatchObject({
      status: 'pending',
      statusText: 'wird zugestellt',
      attempts: 1,
      responseStatus: 302,
      lastError: 'Weiterleitung (HTTP 302) wird nicht verfolgt.',
      nextAttemptAt: plus(5_000).toISOString(),
    });
  });

  it('410 Gone disables the endpoint at once, tells onEndpointDisabled once and cancels its other deliveries', async () => {
    const { service, disabled } = await setup();
    const hook = await receiver();
    hook.answers.set('/gone', (n) => (n === 1 ? { status: 500 } : { status: 410 }));
    const { endpoint } = await registered(service, hook.url('/gone'));
    const first = event();
    await service.enqueue(first, T0);
    await service.dispatchDue(T0); // 500 → retry in 5 s
    await service.enqueue(
      event({ type: 'analysis.invalid', version: undefined, reason: 'Datei fehlt' }),
      plus(1_000),
    );
    // Both due now: the 410 of one disables the endpoint; the other is sent or cancelled, never retried.
    const summary = await service.dispatchDue(plus(5_000));
    expect(summary.disabled).toEqual([`${AGS}/${endpoint.id}`]);
    expect(summary.due).toBe(2);
    expect(await service.dispatchDue(plus(10 * 3_600_000))).toMatchObject({ due: 0 });

    expect(disabled).toHaveLength(1);
    const [view, notice] = disabled[0] ?? [];
    expect(notice).toEqual({ cause: 'gone', detail: 'HTTP 410 (Gone)' });
    expect(view).toMatchObject({
      id: endpoint.id,
      url: hook.url('/gone'),
      coordinatorEmail: 'koordination@gemeinde.example',
      status: 'disabled',
      active: false,
    });
    const [listed] = await service.list(AGS, plus(6_000));
    expect(listed).toMatchObject({
      status: 'disabled',
      active: false,
      disabledAt: plus(5_000).toISOString(),
      disabledReason:
        'Der Empfänger hat mit HTTP 410 (Gone) geantwortet: Er möchte keine Webhooks mehr erhalten.',
    });
    expect(
      (await service.deliveries(AGS, endpoint.id, plus(6_000)))?.every(
        (d) => d.status === 'failed' || d.status === 'cancelled',
      ),
    ).toBe(true);
    // A disabled endpoint gets no new deliveries.
    expect(await service.enqueue(event(), plus(7_000))).toMatchObject({ created: 0 });
  });

  it('disables an endpoint after the whole schedule failed (8 attempts at 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h)', async () => {
    const { service, disabled } = await setup();
    const hook = await receiver();
    hook.answers.set('/broken', { status: 500 });
    const { endpoint } = await registered(service, hook.url('/broken'));
    const { messageId } = await service.enqueue(event(), T0);
    let now = T0;
    const at: Date[] = [];
    for (let i = 0; i < 8; i++) {
      at.push(now);
      const summary = await service.dispatchDue(now);
      expect(summary.due, `attempt ${i + 1}`).toBe(1);
      const [d] = (await service.deliveries(AGS, endpoint.id, now)) ?? [];
      if (i < 7) now = new Date(d?.nextAttemptAt ?? '');
      else
        expect(d).toMatchObject({
          status: 'failed',
          statusText: 'fehlgeschlagen',
          attempts: 8,
          responseStatus: 500,
        });
    }
    const gaps = at.slice(1).map((t, i) => t.getTime() - (at[i] as Date).getTime());
    expect(gaps).toEqual(RETRY_SCHEDULE_MS.slice(1));
    expect(hook.on('/broken').map((r) => r.headers['webhook-id'])).toEqual(Array(8).fill(messageId));
    expect(disabled.map(([e, n]) => [e.id, n])).toEqual([
      [endpoint.id, { cause: 'retries-exhausted', detail: 'zuletzt HTTP 500 nach 8 Versuchen' }],
    ]);
    expect((await service.list(AGS, now))[0]).toMatchObject({
      status: 'disabled',
      disabledReason: 'Alle 8 Zustellversuche sind fehlgeschlagen (zuletzt HTTP 500 nach 8 Versuchen).',
    });
  });

  it('keeps an endpoint active when its schedule ran out but another delivery succeeded meanwhile', async () => {
    const { service, disabled } = await setup();
    const hook = await receiver();
    // The receiver rejects one job's events (e.g. a bug on its side) but accepts the others.
    hook.answers.set('/picky', () => ({ status: 204 }));
    const { endpoint } = await registered(service, hook.url('/picky'));
    const bad = event({ jobId: 'job-bad' });
    hook.answers.set('/picky', () => ({
      status: hook.requests.at(-1)?.body.includes('job-bad') ? 422 : 204,
    }));
    await service.enqueue(bad, T0);
    let now = T0;
    for (let i = 0; i < 8; i++) {
      if (i === 3) await service.enqueue(event({ jobId: 'job-good' }), now);
      await service.dispatchDue(now);
      const d = (await service.deliveries(AGS, endpoint.id, now))?.find((x) => x.jobId === 'job-bad');
      if (d?.status === 'pending') now = new Date(d.nextAttemptAt ?? '');
    }
    const views = (await service.deliveries(AGS, endpoint.id, now)) ?? [];
    expect(views.map((d) => [d.jobId, d.status]).sort()).toEqual([
      ['job-bad', 'failed'],
      ['job-good', 'delivered'],
    ]);
    expect(disabled).toEqual([]);
    expect((await service.list(AGS, now))[0]?.status).toBe('active');
  });

  it('rotation: both secrets sign during the overlap, only the new one afterwards', async () => {
    const { service } = await setup({ rotationOverlapMs: 24 * 3_600_000 });
    const hook = await receiver();
    const { endpoint, secret: oldSecret } = await registered(service, hook.url('/sia'));
    const rotated = await service.rotate(AGS, endpoint.id, T0);
    if (!rotated) throw new Error('not rotated');
    expect(rotated.secret).not.toBe(oldSecret);
    expect(rotated.previousSecretValidUntil).toBe(plus(24 * 3_600_000).toISOString());
    expect((await service.list(AGS, plus(1)))[0]?.previousSecretValidUntil).toBe(
      plus(24 * 3_600_000).toISOString(),
    );

    const during = plus(3_600_000);
    await service.enqueue(event(), during);
    await service.dispatchDue(during);
    const [first] = hook.requests;
    if (!first) throw new Error('nothing received');
    expect(first.headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(verifyAt(rotated.secret, first, during)).toMatchObject({ type: 'report.ready' });
    expect(verifyAt(oldSecret, first, during)).toMatchObject({ type: 'report.ready' });

    const after = plus(25 * 3_600_000);
    await service.enqueue(event(), after);
    await service.dispatchDue(after);
    const second = hook.requests[1];
    if (!second) throw new Error('nothing received');
    expect(second.headers['webhook-signature']?.split(' ')).toHaveLength(1);
    expect(verifyAt(rotated.secret, second, after)).toMatchObject({ type: 'report.ready' });
    expect(() => verifyAt(oldSecret, second, after)).toThrow('No matching signature found');
    expect((await service.list(AGS, after))[0]?.previousSecretValidUntil).toBeUndefined();
  });

  it('concurrent dispatchers send every delivery once', async () => {
    const first = await setup();
    const hook = await receiver();
    await registered(first.service, hook.url('/sia'));
    const second = new WebhookService({
      store: first.store,
      resolve: async () => ok(['127.0.0.1']),
      send: createHttpSender(),
      apiBaseUrl: 'https://api.sia.example',
      urlPolicy: { allowInsecureLoopback: true },
    });
    for (let i = 0; i < 6; i++) await first.service.enqueue(event(), T0);
    const [a, b] = await Promise.all([first.service.dispatchDue(T0), second.dispatchDue(T0)]);
    expect((a?.delivered ?? 0) + (b?.delivered ?? 0)).toBe(6);
    expect(hook.requests).toHaveLength(6);
    expect(new Set(hook.requests.map((r) => r.headers['webhook-id'])).size).toBe(6);
  });

  it('cancels pending deliveries of a removed endpoint', async () => {
    const { service } = await setup();
    const hook = await receiver();
    hook.answers.set('/sia', { status: 503 });
    const { endpoint } = await registered(service, hook.url('/sia'));
    await service.enqueue(event(), T0);
    await service.dispatchDue(T0);
    expect(await service.remove(AGS, endpoint.id)).toBe(true);
    expect(await service.dispatchDue(plus(5_000))).toMatchObject({ due: 1, cancelled: 1 });
    expect(hook.requests).toHaveLength(1);
    expect(await service.deliveries(AGS, endpoint.id, plus(5_000))).toBeUndefined();
  });
});
