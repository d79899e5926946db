/**
 * The first-mile routes with real stores (s3rver for the uploads, dynalite for jobs), the Hono app
 * in-process: the municipality list, checking a manifest draft, the mapping assistant on an
 * uploaded SPSS file, saving the mapping (and starting the next analysis from it), the .lss, and
 * the tenant rule on every route with an AGS.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoJobStore } from '../../src/adapters/dynamo-job-store.js';
import { DynamoAuditLog } from '../../src/adapters/dynamo-audit-log.js';
import { DynamoBatchStore } from '../../src/adapters/dynamo-batch-store.js';
import { S3ObjectStore } from '../../src/adapters/s3-store.js';
import { setPrefix } from '../../src/app/upload-event.js';
import { createApiApp, type ApiApp } from '../../src/api/app.js';
import { bearerTokenAuthenticator } from '../../src/api/auth.js';
import { S3UrlSigner } from '../../src/api/aws/s3-url-signer.js';
import { savedMappingKey } from '../../src/api/routes/first-mile.js';
import type { Gemeinde } from '../../src/core/model/gemeinden.js';
import { startTestS3, startTestTable, type TestS3, type TestTable } from '../support/aws-emulators.js';
import { FakeWebhookAdmin, RecordingQueue } from './fakes.js';
import { REPORTS, UPLOADS } from './seed.js';

const A = '14522999';
const B = '14612000';
const TOKENS = {
  'kommune-a-token-0123456789': { kind: 'municipality', ags: A },
  'lpr-team-token-0123456789ab': { kind: 'lpr' },
} as const;
const AS_A = { Authorization: 'Bearer kommune-a-token-0123456789' };
const AS_LPR = { Authorization: 'Bearer lpr-team-token-0123456789ab' };
const GEMEINDEN: Gemeinde[] = [
  {
    ags: A,
    name: 'Musterstadt, Stadt',
    kreisKey: '14522',
    kreis: 'Mittelsachsen',
    einwohner: 25_000,
    flaecheKm2: 40,
  },
  {
    ags: B,
    name: 'Dresden, Stadt',
    kreisKey: '14612',
    kreis: 'Dresden, Stadt',
    einwohner: 560_000,
    flaecheKm2: 328,
  },
];
const SAV = new Uint8Array(readFileSync(new URL('../fixtures/import/institut.sav', import.meta.url)));
const MANIFEST = {
  kommune: { name: 'Musterstadt', ags: A },
  berichtsjahr: 2025,
  gebiete: [
    { id: '01', name: 'Altstadt' },
    { id: '02', name: 'Nordviertel' },
  ],
};

let table: TestTable;
let s3: TestS3;
let uploads: S3ObjectStore;
let app: ApiApp;

const send = (path: string, method: string, body: unknown, headers: Record<string, string>) =>
  app.request(path, {
    method,
    body: JSON.stringify(body),
    headers: { ...headers, 'Content-Type': 'application/json' },
  });

beforeAll(async () => {
  [table, s3] = await Promise.all([startTestTable(), startTestS3([UPLOADS, REPORTS])]);
  uploads = new S3ObjectStore(s3.client, UPLOADS);
  const jobs = new DynamoJobStore(table.client, table.tableName);
  app = createApiApp({
    jobs,
    audit: new DynamoAuditLog(table.client, table.tableName),
    batches: new DynamoBatchStore(table.client, table.tableName),
    reports: new S3ObjectStore(s3.client, REPORTS),
    uploads,
    gemeinden: GEMEINDEN,
    uploadsBucket: UPLOADS,
    reportsBucket: REPORTS,
    signer: new S3UrlSigner(s3.client),
    queue: new RecordingQueue(),
    webhooks: new FakeWebhookAdmin(),
    authenticate: bearerTokenAuthenticator(TOKENS),
  });
  // each analysis's files in its open upload set, as the upload URLs place them
  const sets = new Map<string, string>();
  const put = async (id: string, name: string, bytes: Uint8Array | string) => {
    const ref = { ags: A, analysisId: id };
    if (!sets.has(id))
      sets.set(id, await jobs.openSet(ref, `20260501T100000000Z-${id}`, undefined, new Date()));
    return uploads.put(
      `${setPrefix({ ...ref, setId: sets.get(id) })}${name}`,
      typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes,
      'application/octet-stream',
    );
  };
  await put('befragung-2026', 'befragung.sav', SAV);
  await put('befragung-2026', 'analyse.json', JSON.stringify(MANIFEST));
  await put('befragung-2027', 'befragung.sav', SAV);
});

afterAll(async () => {
  await Promise.all([table?.stop(), s3?.stop()]);
});

describe('GET /gemeinden', () => {
  it('lists the municipalities with their Kreis and the source', async () => {
    const res = await app.request('/gemeinden', { headers: AS_A });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { quelle: string; gemeinden: { ags: string; kreis: string }[] };
    expect(body.quelle).toContain('Destatis');
    expect(body.gemeinden[0]).toEqual({
      ags: A,
      name: 'Musterstadt, Stadt',
      kreisSchluessel: '14522',
      kreis: 'Mittelsachsen',
      einwohner: 25_000,
    });
  });
});

describe('POST /manifest/pruefen', () => {
  it('says what is wrong per field, in German, with the manifest schema', async () => {
    const res = await send(
      '/manifest/pruefen',
      'POST',
      { manifest: { kommune: { name: 'Musterstadt', ags: '1452299' }, berichtsjahr: 1999, gebiete: [] } },
      AS_LPR,
    );
    const body = (await res.json()) as {
      valid: boolean;
      issues: { severity: string; field: string; message: string }[];
    };
    expect(body.valid).toBe(false);
    expect(body.issues.map((i) => i.field).sort()).toEqual(['berichtsjahr', 'gebiete', 'kommune.ags']);
    expect(body.issues.find((i) => i.field === 'kommune.ags')!.message).toContain(
      'ist kein 8-stelliger Amtlicher Gemeindeschlüssel',
    );
  });

  it('accepts a valid draft, names the municipality, and only warns about an AGS not in the list', async () => {
    const ok = (await (await send('/manifest/pruefen', 'POST', { manifest: MANIFEST }, AS_A)).json()) as {
      valid: boolean;
      issues: unknown[];
      gemeinde: { kreis: string };
    };
    expect(ok).toMatchObject({ valid: true, issues: [], gemeinde: { kreis: 'Mittelsachsen' } });
    const other = { ...MANIFEST, kommune: { name: 'Neu', ags: '14599999' } };
    const warned = (await (await send('/manifest/pruefen', 'POST', { manifest: other }, AS_LPR)).json()) as {
      valid: boolean;
      issues: { severity: string; message: string }[];
    };
    expect(warned.valid).toBe(true);
    expect(warned.issues).toEqual([expect.objectContaining({ severity: 'warning', field: 'kommune.ags' })]);
  });

  it('tells a municipality it can only create analyses of its own AGS', async () => {
    const body = (await (
      await send(
        '/manifest/pruefen',
        'POST',
        { manifest: { ...MANIFEST, kommune: { name: 'Dresden', ags: B } } },
        AS_A,
      )
    ).json()) as {
      valid: boolean;
      issues: { message: string }[];
    };
    expect(body.valid).toBe(false);
    expect(body.issues[0]!.message).toContain(`nur Analysen Ihrer eigenen Kommune (AGS ${A})`);
  });
});

describe('the mapping assistant', () => {
  it('proposes the mapping of the uploaded SPSS file with the areas of analyse.json', async () => {
    const res = await send(`/analyses/${A}/befragung-2026/zuordnung/vorschlag`, 'POST', {}, AS_A);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      datei: string;
      zeilen: number;
      ausgangspunkt: string;
      spalten: {
        column: string;
        target: string;
        recode: Record<string, unknown>;
        values: { value: string; meaning: string }[];
      }[];
      ziele: { code: string }[];
    };
    expect(body).toMatchObject({ datei: 'befragung.sav', zeilen: 8, ausgangspunkt: 'none' });
    const ortsteil = body.spalten.find((c) => c.column === 'ortsteil')!;
    expect(ortsteil.target).toBe('gebiet');
    expect(ortsteil.values.map((v) => v.meaning)).toEqual(['Altstadt', 'Nordviertel']);
    expect(body.ziele.map((z) => z.code)).toContain('sg_wohngegend_nacht');
  });

  it('saves a valid mapping with the upload and starts the next analysis from it', async () => {
    const mapping = {
      spalten: { f01: 'sg_wohngegend_tag', f02: 'sg_wohngegend_nacht' },
      ignorieren: ['bem'],
    };
    // befragung-2027: the survey file is uploaded, analyse.json not yet: the mapping joins the open set
    const res = await send(`/analyses/${A}/befragung-2027/zuordnung`, 'PUT', mapping, AS_A);
    expect(res.status).toBe(200);
    const { gespeichert } = (await res.json()) as { gespeichert: string };
    expect(gespeichert).toBe(
      `uploads/${A}/befragung-2027/sets/20260501T100000000Z-befragung-2027/befragung-zuordnung.json`,
    );
    const stored = JSON.parse(new TextDecoder().decode(await uploads.get(gespeichert)));
    expect(stored).toEqual(mapping);
    expect(await uploads.get(savedMappingKey(A))).toBeDefined();
    const next = (await (
      await send(`/analyses/${A}/befragung-2026/zuordnung/vorschlag`, 'POST', {}, AS_A)
    ).json()) as {
      ausgangspunkt: string;
      spalten: { column: string; target: string | null; ignore: boolean; reason: string }[];
    };
    expect(next.ausgangspunkt).toBe('saved');
    expect(next.spalten.find((c) => c.column === 'f01')).toMatchObject({
      target: 'sg_wohngegend_tag',
      reason: 'aus der gespeicherten Zuordnung der Kommune',
    });
    expect(next.spalten.find((c) => c.column === 'bem')).toMatchObject({ ignore: true });
  });

  it('refuses an invalid mapping with the German message and writes nothing', async () => {
    const before = await uploads.list(`uploads/${A}/befragung-2026/`);
    const res = await send(
      `/analyses/${A}/befragung-2026/zuordnung`,
      'PUT',
      { spalten: { f01: 'sicherheit' } },
      AS_A,
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toContain('Ziel „sicherheit“ ist kein Standardcode');
    expect(await uploads.list(`uploads/${A}/befragung-2026/`)).toEqual(before);
  });

  it('answers 422 with a German message when there is no survey file', async () => {
    const res = await send(`/analyses/${A}/leer/zuordnung/vorschlag`, 'POST', {}, AS_A);
    expect(res.status).toBe(422);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(
      'Keine Befragungsdatei gefunden',
    );
  });

  it('keeps to the tenant rule', async () => {
    expect((await send(`/analyses/${B}/befragung-2026/zuordnung/vorschlag`, 'POST', {}, AS_A)).status).toBe(
      403,
    );
    expect((await send(`/analyses/${B}/befragung-2026/zuordnung`, 'PUT', {}, AS_A)).status).toBe(403);
    expect((await send(`/analyses/${A}/befragung-2026/zuordnung/vorschlag`, 'POST', {}, AS_LPR)).status).toBe(
      200,
    );
  });
});

describe('POST /fragebogen/lss', () => {
  it('returns the LimeSurvey structure with the given areas as a download', async () => {
    const res = await send('/fragebogen/lss', 'POST', { gebiete: MANIFEST.gebiete }, AS_A);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="fragebogen.lss"');
    const xml = await res.text();
    expect(xml).toContain('<LimeSurveyDocType>Survey</LimeSurveyDocType>');
    expect(xml).toContain('<answer><![CDATA[Nordviertel]]></answer>');
  });
});
