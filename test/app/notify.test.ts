import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OutboxMailer } from '../../src/adapters/mail/outbox-mailer.js';
import { loadEmailTemplates } from '../../src/adapters/mail/templates.js';
import {
  contactsFromUploads,
  createNotifier,
  notifyEndpointDisabled,
  portalLinks,
  recipients,
  validationFromReports,
  type NotifyDeps,
  type NotifyErrorContext,
  type WebhookChannel,
} from '../../src/app/notify.js';
import type { EmailTemplates } from '../../src/core/email/types.js';
import type { AnalysisRef, LifecycleEvent, Mail, Mailer } from '../../src/core/ports.js';
import { validation } from '../core/email/fixtures.js';
import { parseEml } from '../adapters/mail/eml.js';

const NOW = new Date('2026-05-12T08:31:00Z');
const ref: AnalysisRef = { ags: '14627060', analysisId: 'sia-2026' };
const readyEvent: LifecycleEvent = {
  type: 'report.ready',
  ...ref,
  jobId: 'job-1',
  version: 2,
  at: '2026-05-12T08:30:00Z',
};
const invalidEvent: LifecycleEvent = {
  type: 'analysis.invalid',
  ...ref,
  jobId: 'job-2',
  reason: 'Die Daten enthalten 11 Fehler; siehe Prüfbericht.',
  at: '2026-05-12T08:30:00Z',
};
const failedEvent: LifecycleEvent = {
  type: 'report.failed',
  ...ref,
  jobId: 'job-3',
  reason: 'Der Bericht konnte wegen eines internen Fehlers nicht erstellt werden.',
  at: '2026-05-12T08:30:00Z',
};

let templates: EmailTemplates;

beforeAll(async () => {
  templates = await loadEmailTemplates();
});

class RecordingMailer implements Mailer {
  readonly sent: Mail[] = [];
  async send(mail: Mail): Promise<void> {
    this.sent.push(mail);
  }
}

class RecordingWebhooks implements WebhookChannel {
  readonly calls: string[] = [];
  readonly enqueued: { event: LifecycleEvent; now: Date }[] = [];
  constructor(private readonly failWith?: Error) {}
  async enqueue(event: LifecycleEvent, now: Date): Promise<void> {
    this.calls.push('enqueue');
    if (this.failWith) throw this.failWith;
    this.enqueued.push({ event, now });
  }
  async dispatchDue(now: Date): Promise<unknown> {
    this.calls.push(`dispatchDue ${now.toISOString()}`);
    return { delivered: 1 };
  }
}

function setup(overrides: Partial<NotifyDeps> = {}) {
  const mailer = new RecordingMailer();
  const webhooks = new RecordingWebhooks();
  const errors: { error: unknown; context: NotifyErrorContext }[] = [];
  const contactsAsked: AnalysisRef[] = [];
  const deps: NotifyDeps = {
    webhooks,
    mailer,
    templates,
    contactsOf: async (r) => {
      contactsAsked.push(r);
      return {
        gemeinde: 'Großenhain',
        emails: [
          'praevention@grossenhain.example',
          'PRAEVENTION@grossenhain.example',
          'ordnungsamt@grossenhain.example',
        ],
        primaryColor: '#7A1E48',
      };
    },
    validationOf: async (r, jobId) => (r.ags === ref.ags && jobId === 'job-2' ? validation : undefined),
    links: { portalUrl: 'https://portal.example/' },
    now: () => NOW,
    onError: (error, context) => errors.push({ error, context }),
    ...overrides,
  };
  return { deps, mailer, webhooks, errors, contactsAsked, notifier: createNotifier(deps) };
}

describe('createNotifier', () => {
  it('report.ready: enqueues and dispatches the webhook, and mails the contacts a link to the version', async () => {
    const { notifier, mailer, webhooks, errors, contactsAsked } = setup();
    await notifier.notify(readyEvent);
    expect(webhooks.calls).toEqual(['enqueue', `dispatchDue ${NOW.toISOString()}`]);
    expect(webhooks.enqueued).toEqual([{ event: readyEvent, now: NOW }]);
    expect(contactsAsked).toEqual([ref]);
    expect(mailer.sent).toHaveLength(1);
    const mail = mailer.sent[0]!;
    expect(mail.to).toEqual(['praevention@grossenhain.example', 'ordnungsamt@grossenhain.example']);
    expect(mail.subject).toBe('Sicherheitsanalyse Großenhain: Bericht (Version 2) ist fertig');
    expect(mail.text).toContain('https://portal.example/portal/#/analyse/14627060/sia-2026/version/2');
    expect(mail.html).toContain('#7A1E48');
    expect(errors).toEqual([]);
  });

  it('analysis.invalid: the mail lists the validation problems and links to the Prüfbericht', async () => {
    const { notifier, mailer, webhooks, errors } = setup();
    await notifier.notify(invalidEvent);
    expect(webhooks.enqueued.map((e) => e.event.type)).toEqual(['analysis.invalid']);
    const mail = mailer.sent[0]!;
    expect(mail.subject).toBe(
      'Sicherheitsanalyse Großenhain: Daten fehlerhaft, Bericht nicht erstellt (11 Fehler, 2 Warnungen)',
    );
    expect(mail.text).toContain(' 2. Fehler · Datei: befragung.csv · Zeile: 1.017 · Spalte:');
    expect(mail.text).toContain(
      'https://portal.example/portal/#/analyse/14627060/sia-2026/pruefbericht/job-2',
    );
    expect(errors).toEqual([]);
  });

  it('analysis.invalid without a readable validation report still sends the mail, with the reason', async () => {
    const { notifier, mailer, errors } = setup({
      validationOf: async () => Promise.reject(new Error('S3 down')),
    });
    await notifier.notify(invalidEvent);
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]!.text.replace(/\s+/g, ' ')).toContain(
      'Grund: Die Daten enthalten 11 Fehler; siehe Prüfbericht.',
    );
    expect(errors.map((e) => [(e.error as Error).message, e.context.channel])).toEqual([
      ['S3 down', 'email'],
    ]);
  });

  it('report.failed: mails the reason', async () => {
    const { notifier, mailer } = setup();
    await notifier.notify(failedEvent);
    expect(mailer.sent[0]!.subject).toBe(
      'Sicherheitsanalyse Großenhain: Bericht konnte nicht erstellt werden',
    );
    expect(mailer.sent[0]!.text).toContain('https://portal.example/portal/#/analyse/14627060/sia-2026\n');
  });

  it('a failing webhook channel still sends the mail, and the failure is reported, not thrown', async () => {
    const webhooks = new RecordingWebhooks(new Error('DynamoDB throttled'));
    const { notifier, mailer, errors } = setup({ webhooks });
    await expect(notifier.notify(readyEvent)).resolves.toBeUndefined();
    expect(webhooks.calls).toEqual(['enqueue']);
    expect(mailer.sent).toHaveLength(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.context).toEqual({
      channel: 'webhook',
      event: 'report.ready',
      ags: '14627060',
      analysisId: 'sia-2026',
      jobId: 'job-1',
    });
  });

  it('a failing mailer or contact lookup does not stop the webhooks and does not throw', async () => {
    const failingMailer: Mailer = { send: async () => Promise.reject(new Error('MessageRejected')) };
    const a = setup({ mailer: failingMailer });
    await expect(a.notifier.notify(readyEvent)).resolves.toBeUndefined();
    expect(a.webhooks.enqueued).toHaveLength(1);
    expect(a.errors.map((e) => e.context.channel)).toEqual(['email']);

    const b = setup({ contactsOf: async () => Promise.reject(new Error('manifest missing')) });
    await expect(b.notifier.notify(readyEvent)).resolves.toBeUndefined();
    expect(b.webhooks.enqueued).toHaveLength(1);
    expect(b.errors.map((e) => (e.error as Error).message)).toEqual(['manifest missing']);
  });

  it('a throwing onError does not escape either', async () => {
    const { notifier } = setup({
      webhooks: new RecordingWebhooks(new Error('x')),
      onError: () => {
        throw new Error('logger broken');
      },
    });
    await expect(notifier.notify(readyEvent)).resolves.toBeUndefined();
  });

  it('no contacts, no mailer or no templates: webhooks only, no error', async () => {
    for (const overrides of [
      { contactsOf: async () => ({ gemeinde: 'Riesa', emails: [] }) },
      { mailer: undefined },
      { templates: undefined },
    ]) {
      const { notifier, mailer, webhooks, errors } = setup(overrides);
      await notifier.notify(readyEvent);
      expect(webhooks.enqueued).toHaveLength(1);
      expect(mailer.sent).toHaveLength(0);
      expect(errors).toEqual([]);
    }
  });

  it('invalid contact addresses are skipped and reported; the valid ones get the mail', async () => {
    const { notifier, mailer, errors } = setup({
      contactsOf: async () => ({
        gemeinde: 'Riesa',
        emails: ['ok@riesa.example', 'kaputt', 'x@y.example\nBcc: z@evil.example'],
      }),
    });
    await notifier.notify(readyEvent);
    expect(mailer.sent[0]!.to).toEqual(['ok@riesa.example']);
    expect(errors.map((e) => (e.error as Error).message)).toEqual([
      '2 contact address(es) in the manifest are not valid e-mail addresses; skipped.',
    ]);
  });

  it('report.ready without a version: webhooks still go out, the mail is reported as not sent', async () => {
    const { notifier, mailer, webhooks, errors } = setup();
    const { version: _v, ...noVersion } = readyEvent;
    await notifier.notify(noVersion);
    expect(webhooks.enqueued).toHaveLength(1);
    expect(mailer.sent).toHaveLength(0);
    expect((errors[0]?.error as Error).message).toMatch(/without a version/);
  });

  it('without a webhook channel the mail is sent', async () => {
    const { notifier, mailer } = setup({ webhooks: undefined });
    await notifier.notify(readyEvent);
    expect(mailer.sent).toHaveLength(1);
  });
});

describe('createNotifier with the outbox', () => {
  let dir: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sia-notify-outbox-'));
  });

  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('the outbox receives the mail as .eml and .html', async () => {
    const outbox = new OutboxMailer({ dir, from: 'sia@lpr.example', now: () => NOW });
    const { notifier, errors } = setup({ mailer: outbox });
    await notifier.notify(invalidEvent);
    expect(errors).toEqual([]);
    const files = (await readdir(dir)).sort();
    expect(files).toEqual([
      '20260512T083100000Z-sicherheitsanalyse-grossenhain-daten-fehlerhaft-bericht.eml',
      '20260512T083100000Z-sicherheitsanalyse-grossenhain-daten-fehlerhaft-bericht.html',
    ]);
    const parsed = parseEml(await readFile(join(dir, files[0]!), 'utf8'));
    expect(parsed.headers.subject).toBe(
      'Sicherheitsanalyse Großenhain: Daten fehlerhaft, Bericht nicht erstellt (11 Fehler, 2 Warnungen)',
    );
    expect(parsed.headers.to).toBe('praevention@grossenhain.example, ordnungsamt@grossenhain.example');
    expect(parsed.parts.map((p) => p.contentType)).toEqual(['text/plain', 'text/html']);
    expect(parsed.parts[0]!.body).toContain('Zeile: 1.017');
    expect(parsed.parts[1]!.body).toContain('Zeile: 1.017');
    expect(await readFile(join(dir, files[1]!), 'utf8')).toBe(parsed.parts[1]!.body);
  });
});

describe('notifyEndpointDisabled', () => {
  const endpoint = {
    url: 'https://hooks.grossenhain.example/sia',
    ags: '14627060',
    coordinatorEmail: 'it@grossenhain.example',
  };

  it('mails the coordinator with the cause, the reason and the settings link', async () => {
    const mailer = new RecordingMailer();
    const errors: unknown[] = [];
    await notifyEndpointDisabled(
      {
        mailer,
        templates,
        links: { portalUrl: 'https://portal.example' },
        now: () => NOW,
        gemeindeOf: async () => 'Großenhain',
        onError: (e) => errors.push(e),
      },
      endpoint,
      { cause: 'gone', detail: 'HTTP 410 (Gone)' },
    );
    expect(errors).toEqual([]);
    const mail = mailer.sent[0]!;
    expect(mail.to).toEqual(['it@grossenhain.example']);
    expect(mail.subject).toBe('Webhook-Endpunkt deaktiviert: hooks.grossenhain.example');
    const text = mail.text.replace(/\s+/g, ' ');
    expect(text).toContain('für Großenhain (AGS 14627060) wurde am 12.05.2026, 10:31 MESZ deaktiviert.');
    expect(text).toContain('HTTP-Status 410 (Gone)');
    expect(text).toContain('Grund: HTTP 410 (Gone)');
    expect(mail.text).toContain('https://portal.example/portal/#/webhooks/14627060');
  });

  it('falls back to MAIL_FALLBACK_TO addresses and accepts a plain German reason', async () => {
    const mailer = new RecordingMailer();
    await notifyEndpointDisabled(
      {
        mailer,
        templates,
        links: { portalUrl: 'https://portal.example' },
        now: () => NOW,
        fallbackTo: ['asskomm@lpr.example'],
      },
      { url: endpoint.url, ags: endpoint.ags },
      'Zertifikat abgelaufen',
    );
    expect(mailer.sent[0]!.to).toEqual(['asskomm@lpr.example']);
    expect(mailer.sent[0]!.text).toContain('Grund: Zertifikat abgelaufen');
    expect(mailer.sent[0]!.text).toContain('für AGS 14627060 wurde am');
  });

  it('nobody to tell, or a failing mailer: reported, never thrown', async () => {
    const errors: NotifyErrorContext[] = [];
    const onError = (_: unknown, c: NotifyErrorContext) => errors.push(c);
    await expect(
      notifyEndpointDisabled(
        {
          mailer: new RecordingMailer(),
          templates,
          links: { portalUrl: 'https://portal.example' },
          now: () => NOW,
          onError,
        },
        { url: endpoint.url, ags: endpoint.ags },
        'x',
      ),
    ).resolves.toBeUndefined();
    await expect(
      notifyEndpointDisabled(
        {
          mailer: { send: async () => Promise.reject(new Error('down')) },
          templates,
          links: { portalUrl: 'https://portal.example' },
          now: () => NOW,
          onError,
        },
        endpoint,
        'x',
      ),
    ).resolves.toBeUndefined();
    expect(errors).toEqual([
      { channel: 'email', event: 'endpoint.disabled', ags: '14627060' },
      { channel: 'email', event: 'endpoint.disabled', ags: '14627060' },
    ]);
  });
});

describe('helpers', () => {
  it('portalLinks builds encoded fragment links on the portal page from a site or the page itself', () => {
    const links = portalLinks('https://portal.example/sia/');
    expect(links.version(ref, 3)).toBe(
      'https://portal.example/sia/portal/#/analyse/14627060/sia-2026/version/3',
    );
    expect(links.pruefbericht(ref, 'v1/ä')).toBe(
      'https://portal.example/sia/portal/#/analyse/14627060/sia-2026/pruefbericht/v1%2F%C3%A4',
    );
    expect(portalLinks('http://127.0.0.1:4570/portal').webhooks('14627060')).toBe(
      'http://127.0.0.1:4570/portal/#/webhooks/14627060',
    );
  });

  it('recipients dedupes case-insensitively and separates malformed addresses', () => {
    expect(recipients([' a@b.example ', 'A@B.example', 'c@d.example', 'no-at', 'x y@z.example'])).toEqual({
      to: ['a@b.example', 'c@d.example'],
      invalid: ['no-at', 'x y@z.example'],
    });
  });
});

describe('lookups over the object stores', () => {
  function memoryStore(files: Record<string, string>) {
    return {
      get: async (key: string) => (key in files ? new TextEncoder().encode(files[key]) : undefined),
      put: async () => undefined,
      list: async () => [],
      delete: async () => undefined,
    };
  }

  it('contactsFromUploads reads name, contacts and colour from the uploaded manifest', async () => {
    const manifest = {
      kommune: { name: 'Großenhain', ags: '14627060' },
      berichtsjahr: 2025,
      gebiete: [],
      branding: { primaerfarbe: '#7A1E48' },
      kontakte: [{ name: 'KPR', email: 'kpr@grossenhain.example' }, { email: 'it@grossenhain.example' }],
    };
    const contactsOf = contactsFromUploads(
      memoryStore({ 'uploads/14627060/sia-2026/analyse.json': `\uFEFF${JSON.stringify(manifest)}` }),
    );
    expect(await contactsOf(ref)).toEqual({
      gemeinde: 'Großenhain',
      emails: ['kpr@grossenhain.example', 'it@grossenhain.example'],
      primaryColor: '#7A1E48',
    });
    await expect(contactsFromUploads(memoryStore({}))(ref)).rejects.toThrow(/No manifest/);
    await expect(
      contactsFromUploads(memoryStore({ 'uploads/14627060/sia-2026/analyse.json': '{' }))(ref),
    ).rejects.toThrow(/not JSON/);
    await expect(
      contactsFromUploads(memoryStore({ 'uploads/14627060/sia-2026/analyse.json': '{"kommune":{}}' }))(ref),
    ).rejects.toThrow(/kommune\.name/);
  });

  it('validationFromReports reads the stored validation.json of the job', async () => {
    const store = memoryStore({
      'reports/14627060/sia-2026/validierung/job-2/validation.json': JSON.stringify(validation),
      'reports/14627060/sia-2026/validierung/job-9/validation.json': '{"x":1}',
    });
    const validationOf = validationFromReports(store);
    expect(await validationOf(ref, 'job-2')).toEqual(validation);
    expect(await validationOf(ref, 'job-9')).toBeUndefined();
    expect(await validationOf(ref, 'job-404')).toBeUndefined();
  });
});
