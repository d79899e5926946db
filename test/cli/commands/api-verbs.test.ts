/**
 * `sia status | versions | regenerate | webhooks` against the real API server (src/local/api-server.ts)
 * on 127.0.0.1 over dynalite and s3rver, with a fake webhook service and a recording queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoJobStore } from '../../../src/adapters/dynamo-job-store.js';
import { S3ObjectStore } from '../../../src/adapters/s3-store.js';
import { regenerateAllCommand, regenerateCommand } from '../../../src/cli/commands/regenerate.js';
import { statusCommand } from '../../../src/cli/commands/status.js';
import { versionsCommand } from '../../../src/cli/commands/versions.js';
import { webhooksCommand } from '../../../src/cli/commands/webhooks.js';
import type { CliIo } from '../../../src/cli/commands/api-client.js';
import { UsageError } from '../../../src/cli/exit-codes.js';
import { startApiServer, type LocalApiServer } from '../../../src/local/api-server.js';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from '../../../src/local/names.js';
import { parseS3Notification } from '../../../functions/lib/s3-events.js';
import { startTestS3, startTestTable, type TestS3, type TestTable } from '../../support/aws-emulators.js';
import { FakeWebhookAdmin } from '../../api/fakes.js';
import { REPORTS, seedInvalid, seedReady, UPLOADS } from '../../api/seed.js';

const A = '14522999';
const B = '14612000';
const TOKEN_A = 'kommune-a-token-0123456789';
const TOKEN_LPR = 'lpr-team-token-0123456789ab';

let table: TestTable;
let s3: TestS3;
let server: LocalApiServer;
const sent: string[] = [];
const webhooks = new FakeWebhookAdmin();

function io(env: Record<string, string> = {}): { io: CliIo; out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  const stream = (sink: string[]) =>
    ({ write: (chunk: string) => sink.push(chunk) > 0 }) as unknown as NodeJS.WritableStream;
  return {
    io: { stdout: stream(out), stderr: stream(err), env },
    out: () => out.join(''),
    err: () => err.join(''),
  };
}

beforeAll(async () => {
  [table, s3] = await Promise.all([startTestTable(), startTestS3([UPLOADS, REPORTS])]);
  const jobs = new DynamoJobStore(table.client, table.tableName);
  const reports = new S3ObjectStore(s3.client, REPORTS);
  await seedReady(jobs, reports, { ags: A, analysisId: 'fertig' }, '0100');
  await seedInvalid(jobs, reports, { ags: A, analysisId: 'kaputt' }, '0200');
  await seedReady(jobs, reports, { ags: B, analysisId: 'fremd' }, '0300');
  // the uploads a regeneration repeats (the API checks that they are still there)
  const uploads = new S3ObjectStore(s3.client, UPLOADS);
  for (const [ags, id] of [
    [A, 'fertig'],
    [B, 'fremd'],
  ])
    await uploads.put(
      `uploads/${ags}/${id}/analyse.json`,
      new TextEncoder().encode('{}'),
      'application/json',
    );
  server = await startApiServer(
    {
      s3Endpoint: s3.endpoint,
      dynamodbEndpoint: table.endpoint,
      region: LOCAL_REGION,
      credentials: LOCAL_CREDENTIALS,
      uploadsBucket: UPLOADS,
      reportsBucket: REPORTS,
      tableName: table.tableName,
      send: (body) => String(sent.push(body)),
    },
    { tokens: { [TOKEN_A]: { kind: 'municipality', ags: A }, [TOKEN_LPR]: { kind: 'lpr' } }, webhooks },
  );
});

afterAll(async () => {
  await server?.close();
  await Promise.all([table?.stop(), s3?.stop()]);
});

describe('sia status', () => {
  it('prints the status in German and exits 0 for a finished analysis', async () => {
    const c = io({ SIA_API_URL: server.url, SIA_TOKEN: TOKEN_A });
    expect(await statusCommand(`${A}/fertig`, {}, c.io)).toBe(0);
    expect(c.out()).toContain(`Analyse ${A}/fertig\nStatus: fertig (seit 01.05.2026, 12:00)`);
    expect(c.out()).toContain('Aktuelle Berichtsversion: 1');
    expect(c.out()).toContain('01.05.2026, 12:00  wird geprüft');
    // The local API serves the portal on its own origin: the link opens the report version there.
    expect(c.out()).toContain(`Bericht im Portal: ${server.url}/portal/#/analyse/${A}/fertig/version/1\n`);
  });

  it('exits 1 with the German reason for invalid data', async () => {
    const c = io();
    expect(await statusCommand(`${A}/kaputt`, { api: server.url, token: TOKEN_A }, c.io)).toBe(1);
    expect(c.out()).toContain('Status: ungültig');
    expect(c.out()).toContain('Grund: Die Daten enthalten 2 Fehler; siehe Prüfbericht.');
    expect(c.out()).toMatch(
      new RegExp(
        `Prüfbericht im Portal: ${server.url}/portal/#/analyse/${A}/kaputt/pruefbericht/[0-9a-f]{32}\n`,
      ),
    );
    const configured = io({ SIA_PORTAL_URL: 'https://sia.example' });
    await statusCommand(`${A}/kaputt`, { api: server.url, token: TOKEN_A }, configured.io);
    expect(configured.out()).toContain(
      `Prüfbericht im Portal: https://sia.example/portal/#/analyse/${A}/kaputt/pruefbericht/`,
    );
  });

  it('refuses another municipality (German, exit 2) and checks its arguments', async () => {
    const c = io();
    expect(await statusCommand(`${B}/fremd`, { api: server.url, token: TOKEN_A }, c.io)).toBe(2);
    expect(c.err()).toBe(`Kein Zugriff: Ihr Zugang gilt nicht für den Gemeindeschlüssel ${B}.\n`);
    await expect(statusCommand('fremd', { api: server.url, token: TOKEN_A }, io().io)).rejects.toThrow(
      UsageError,
    );
    await expect(statusCommand(`${A}/fertig`, { api: server.url }, io().io)).rejects.toThrow(
      'Bitte mit --token oder der Umgebungsvariable SIA_TOKEN ein Zugangstoken angeben.',
    );
    const wrong = io();
    expect(
      await statusCommand(`${A}/fertig`, { api: server.url, token: 'falsch-falsch-falsch-falsch' }, wrong.io),
    ).toBe(2);
    expect(wrong.err()).toContain('(Token prüfen: --token oder SIA_TOKEN.)');
  });

  it('explains an unreachable API', async () => {
    const c = io();
    expect(await statusCommand(`${A}/fertig`, { api: 'http://127.0.0.1:9', token: TOKEN_A }, c.io)).toBe(2);
    expect(c.err()).toContain('Die API unter http://127.0.0.1:9 ist nicht erreichbar.');
  });
});

describe('sia versions', () => {
  it('lists versions as a table and prints a working download link', async () => {
    const c = io();
    expect(await versionsCommand(`${A}/fertig`, { api: server.url, token: TOKEN_A }, c.io)).toBe(0);
    expect(c.out()).toContain(
      'Analyse 14522999/fertig: 1 Berichtsversion\nVersion  Erstellt           Seiten  Engine  Aktuell\n1        01.05.2026, 12:00  12      0.1.0   ja\n',
    );
    const d = io();
    expect(
      await versionsCommand(`${A}/fertig`, { api: server.url, token: TOKEN_A, download: '1' }, d.io),
    ).toBe(0);
    expect(d.err()).toBe('Link zu report.pdf von Version 1, gültig 5 Minuten.\n');
    expect(await (await fetch(d.out().trim())).text()).toBe(`%PDF-1.7 ${A} v1`);
  });

  it('refuses downloads of another municipality', async () => {
    const c = io();
    expect(
      await versionsCommand(`${B}/fremd`, { api: server.url, token: TOKEN_A, download: '1' }, c.io),
    ).toBe(2);
    expect(c.err()).toContain('Kein Zugriff');
    expect(c.out()).toBe('');
  });
});

describe('sia regenerate', () => {
  it('enqueues a regeneration for LPR staff (the message the worker parses)', async () => {
    const c = io();
    expect(await regenerateCommand(`${B}/fremd`, { api: server.url, token: TOKEN_LPR }, c.io)).toBe(0);
    expect(c.out()).toMatch(/^Neuerstellung eingereiht: Auftrag [0-9a-f]{32} \(Anfrage [0-9a-f-]{36}\)\.\n$/);
    expect(c.err()).toBe(
      `Fortschritt: sia status ${B}/fremd oder im Portal: ${server.url}/portal/#/analyse/${B}/fremd\n`,
    );
    const [upload] = parseS3Notification(sent.at(-1) ?? '').uploads;
    expect(upload).toMatchObject({
      bucket: UPLOADS,
      key: `uploads/${B}/fremd/analyse.json`,
      sequencer: '0300',
      regeneration: { requestId: expect.any(String) },
    });
  });

  it('refuses municipalities', async () => {
    const before = sent.length;
    const c = io();
    expect(await regenerateCommand(`${A}/fertig`, { api: server.url, token: TOKEN_A }, c.io)).toBe(2);
    expect(c.err()).toBe('Kein Zugriff: Diese Aktion ist dem LPR-Team vorbehalten.\n');
    expect(sent.length).toBe(before);
  });
});

describe('sia regenerate --alle', () => {
  it('queues every current analysis once, names the batch and follows its progress', async () => {
    const before = sent.length;
    const c = io();
    expect(await regenerateAllCommand({ api: server.url, token: TOKEN_LPR }, c.io)).toBe(0);
    const batchId = /\(Auftrag (\S+)\)/.exec(c.out())?.[1] ?? '';
    // the two analyses with a report version; the invalid one has none to regenerate
    expect(c.out()).toMatch(/^Neuerstellung von 2 Berichten eingereiht \(Auftrag \S+\)\.\n$/);
    expect(sent.length - before).toBe(2);
    // following it (no worker runs here): the progress line, then the deadline
    const w = io();
    expect(
      await regenerateAllCommand(
        { api: server.url, token: TOKEN_LPR, batchId, waitSeconds: 0.2, pollMs: 50 },
        w.io,
      ),
    ).toBe(2);
    expect(w.err()).toContain('• fertig 0 · ungültig 0 · fehlgeschlagen 0 · laufend 0 · wartend 2\n');
    expect(w.err()).toContain(`sia regenerate --alle --auftrag ${batchId} --wait <s>`);
    // the same batch again re-sends its items (the worker's job ids make duplicates harmless), no new batch
    expect(w.out()).toContain(`(Auftrag ${batchId})`);
  });

  it('refuses municipalities', async () => {
    const c = io();
    expect(await regenerateAllCommand({ api: server.url, token: TOKEN_A }, c.io)).toBe(2);
    expect(c.err()).toBe('Kein Zugriff: Diese Aktion ist dem LPR-Team vorbehalten.\n');
  });
});

describe('sia webhooks', () => {
  it('adds, lists, rotates, shows deliveries and removes', async () => {
    const opts = {
      api: server.url,
      token: TOKEN_A,
      url: 'https://kommune.example/sia',
      email: 'kpr@kommune.example',
      events: 'report.ready,analysis.invalid',
    };
    const add = io();
    expect(await webhooksCommand(['add', A], opts, add.io)).toBe(0);
    const id = /Webhook (\S+) registriert/.exec(add.out())?.[1] ?? '';
    expect(add.out()).toContain(
      `Webhook ${id} registriert für https://kommune.example/sia (report.ready, analysis.invalid).\nSignaturgeheimnis: whsec_${id}\n`,
    );
    const list = io();
    expect(await webhooksCommand(['list', A], opts, list.io)).toBe(0);
    expect(list.out()).toContain(
      `${id}  https://kommune.example/sia  report.ready, analysis.invalid  kpr@kommune.example  ja`,
    );
    const rotate = io();
    expect(await webhooksCommand(['rotate', A, id], opts, rotate.io)).toBe(0);
    expect(rotate.out()).toBe(`Neues Signaturgeheimnis für Webhook ${id}: whsec_${id}r\n`);
    const deliveries = io();
    expect(await webhooksCommand(['deliveries', A, id], opts, deliveries.io)).toBe(0);
    expect(deliveries.out()).toContain('report.ready  delivered  1         204');
    const remove = io();
    expect(await webhooksCommand(['remove', A, id], opts, remove.io)).toBe(0);
    expect(remove.out()).toBe(`Webhook ${id} entfernt.\n`);
    const again = io();
    expect(await webhooksCommand(['remove', A, id], opts, again.io)).toBe(2);
    expect(again.err()).toBe(`Der Webhook ${id} wurde nicht gefunden.\n`);
  });

  it('refuses another municipality and checks arguments', async () => {
    const c = io();
    expect(await webhooksCommand(['list', B], { api: server.url, token: TOKEN_A }, c.io)).toBe(2);
    expect(c.err()).toContain(`Gemeindeschlüssel ${B}`);
    await expect(
      webhooksCommand(['add', A], { api: server.url, token: TOKEN_A, url: 'https://x.example' }, io().io),
    ).rejects.toThrow('--email');
    await expect(
      webhooksCommand(
        ['add', A],
        { api: server.url, token: TOKEN_A, url: 'https://x.example', email: 'a@b.de', events: 'report.done' },
        io().io,
      ),
    ).rejects.toThrow('Unbekannte Ereignisse: report.done.');
    await expect(
      webhooksCommand(['rotate', A], { api: server.url, token: TOKEN_A }, io().io),
    ).rejects.toThrow('Bitte die Id des Webhooks angeben');
    await expect(webhooksCommand(['pause', A], { api: server.url, token: TOKEN_A }, io().io)).rejects.toThrow(
      'add|list|rotate|remove|deliveries',
    );
  });
});
