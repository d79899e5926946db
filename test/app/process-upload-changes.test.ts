/**
 * processUpload against the local stack's s3rver and dynalite (notifications off, a fake printer):
 * a corrected upload becomes report version 2 with the chapter "Änderungen gegenüber Version 1" and
 * changes.json; a previous analysis.json that no longer matches the schema is skipped with a reason.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReportAssets } from '../../src/adapters/fs-assets.js';
import { readInputFolder } from '../../src/adapters/fs-input.js';
import { processUpload, type ProcessDeps, type UploadEvent } from '../../src/app/process-upload.js';
import { ChangeSummary } from '../../src/core/changes/schema.js';
import type { InputFile } from '../../src/core/ports.js';
import { fakePrinter, startTestStack, type TestStack } from '../support/local-stack.js';

const ref = { ags: '14522999', analysisId: 'korrektur' };
const prefix = `uploads/${ref.ags}/${ref.analysisId}/`;
const key = `${prefix}analyse.json`;

let t: TestStack;
let deps: ProcessDeps;
let files: InputFile[];

const event = (n: number, extra: Partial<UploadEvent> = {}): UploadEvent => ({
  bucket: t.stack.uploadsBucket,
  key,
  eTag: `etag-${n}`,
  sequencer: `0${n}`,
  ...extra,
});
const text = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);
const put = (name: string, bytes: Uint8Array) =>
  t.uploads.put(prefix + name, bytes, 'application/octet-stream');

beforeAll(async () => {
  t = await startTestStack({ notify: false, printer: fakePrinter() });
  deps = {
    uploads: t.uploads,
    reports: t.reports,
    jobs: t.jobs,
    printer: fakePrinter(),
    assets: await loadReportAssets(),
    templateVersion: 'tpl-test',
    now: () => new Date(),
    leaseMs: 120_000,
  };
  files = await readInputFolder('examples/musterstadt');
  for (const f of files) await put(f.name, f.bytes);
}, 60_000);

afterAll(async () => {
  await t?.stop();
});

describe('processUpload: versions with change summaries', () => {
  it('produces version 1 without a changes chapter', async () => {
    const outcome = await processUpload(event(1), deps);
    expect(outcome).toEqual({ kind: 'ready', jobId: expect.any(String), version: 1 });
    const keys = await t.reports.list(`reports/${ref.ags}/${ref.analysisId}/v1/`);
    expect(keys.some((k) => k.endsWith('/changes.json'))).toBe(false);
    expect(text(await t.reports.get(`reports/${ref.ags}/${ref.analysisId}/v1/report.html`))).not.toContain(
      'Änderungen gegenüber Version',
    );
  }, 60_000);

  it('turns a corrected upload into version 2 with changes.json and the chapter', async () => {
    const crime = files.find((f) => f.name === 'kriminalitaet.csv')!;
    const corrected = text(crime.bytes).replace(
      '2024;01;------;Straftaten insgesamt;382;',
      '2024;01;------;Straftaten insgesamt;402;',
    );
    expect(corrected).not.toBe(text(crime.bytes));
    await put('kriminalitaet.csv', new TextEncoder().encode(corrected));

    const outcome = await processUpload(event(2), deps);
    expect(outcome).toEqual({
      kind: 'ready',
      jobId: expect.any(String),
      version: 2,
      comparison: { fromVersion: 1 },
    });

    const v2 = `reports/${ref.ags}/${ref.analysisId}/v2/`;
    const parsed = ChangeSummary.safeParse(JSON.parse(text(await t.reports.get(`${v2}changes.json`))));
    expect(parsed.success).toBe(true);
    const changes = parsed.data!;
    expect(changes).toMatchObject({
      fromVersion: 1,
      toVersion: 2,
      inputs: { changed: ['kriminalitaet.csv'], added: [], removed: [] },
      versions: { template: { from: 'tpl-test', to: 'tpl-test', changed: false } },
    });
    const altstadt = changes.crime.find((c) => c.id === 'crime:------:01:2024');
    expect(altstadt).toMatchObject({
      areaName: 'Altstadt',
      cases: { from: 382, to: 402, delta: 20 },
      changed: ['cases', 'rate', 'clearanceRate'],
      shown: true,
    });
    expect(altstadt?.clearanceRate.delta).toBeCloseTo(241 / 402 - 241 / 382, 10);
    // nothing about the survey moved
    expect(changes.survey).toEqual([]);
    expect(changes.suppression).toEqual([]);

    const html = text(await t.reports.get(`${v2}report.html`));
    expect(html).toContain('Änderungen gegenüber Version 1');
    expect(html).toContain('Korrigiert wurde die Datei kriminalitaet.csv.');
    const provenance = JSON.parse(text(await t.reports.get(`${v2}provenance.json`))) as {
      outputs: { path: string }[];
    };
    expect(provenance.outputs.map((o) => o.path)).toContain('changes.json');
    // version 1 is untouched
    expect(await t.reports.list(`reports/${ref.ags}/${ref.analysisId}/v1/changes.json`)).toEqual([]);
  }, 60_000);

  it('skips the comparison with a reason when the previous analysis.json does not match the schema', async () => {
    const v2 = `reports/${ref.ags}/${ref.analysisId}/v2/`;
    const old = JSON.parse(text(await t.reports.get(`${v2}analysis.json`))) as Record<string, unknown>;
    delete old['survey'];
    (old['meta'] as Record<string, unknown>)['engineVersion'] = '0.0.9';
    await t.reports.put(
      `${v2}analysis.json`,
      new TextEncoder().encode(JSON.stringify(old)),
      'application/json',
    );

    const outcome = await processUpload(event(2, { regeneration: { requestId: 'neu-1' } }), deps);
    expect(outcome).toMatchObject({
      kind: 'ready',
      version: 3,
      comparison: { fromVersion: 2, skipped: expect.stringContaining('engine 0.0.9') },
    });
    const keys = await t.reports.list(`reports/${ref.ags}/${ref.analysisId}/v3/`);
    expect(keys).toContain(`reports/${ref.ags}/${ref.analysisId}/v3/report.pdf`);
    expect(keys.some((k) => k.endsWith('/changes.json'))).toBe(false);
  }, 60_000);

  it('compares a regeneration of unchanged files with the current version', async () => {
    const outcome = await processUpload(event(2, { regeneration: { requestId: 'neu-2' } }), deps);
    expect(outcome).toMatchObject({ kind: 'ready', version: 4, comparison: { fromVersion: 3 } });
    const changes = ChangeSummary.parse(
      JSON.parse(text(await t.reports.get(`reports/${ref.ags}/${ref.analysisId}/v4/changes.json`))),
    );
    expect(changes.inputs?.changed).toEqual([]);
    expect(changes.crime).toEqual([]);
    expect(changes.survey).toEqual([]);
    const html = text(await t.reports.get(`reports/${ref.ags}/${ref.analysisId}/v4/report.html`));
    expect(html).toContain('Die übermittelten Dateien sind unverändert; der Bericht wurde neu erstellt.');
  }, 60_000);
});
