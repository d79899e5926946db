/**
 * processUpload with a predecessor wave (issue 16), against the local stack's s3rver and dynalite (fake
 * printer): the second wave of the example (examples/musterstadt-2029, after the lighting measure in the
 * Bahnhofsviertel) names `musterstadt` in analyse.json; the worker reads that analysis's current
 * analysis.json from the reports bucket with the measures recorded for it, and the report, analysis.json
 * and changes.json carry the comparison. The chapter "Entwicklung seit der Befragung 2026" states what
 * changed (night-time fear in the Bahnhofsviertel, tested) and what did not.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DynamoWaveStore } from '../../src/adapters/dynamo-wave-store.js';
import { loadReportAssets } from '../../src/adapters/fs-assets.js';
import { readInputFolder } from '../../src/adapters/fs-input.js';
import { processUpload, type ProcessDeps, type UploadEvent } from '../../src/app/process-upload.js';
import { WaveChanges } from '../../src/core/changes/schema.js';
import type { Analysis } from '../../src/core/analysis/schema.js';
import { auditDevelopment, readPublished } from '../../src/core/waves/index.js';
import { twoSampleZ } from '../../src/core/waves/stats.js';
import { fakePrinter, startTestStack, type TestStack } from '../support/local-stack.js';

const AGS = '14522999';
let t: TestStack;
let deps: ProcessDeps;
let waves: DynamoWaveStore;
let analysis: Analysis;
let html = '';

const text = (bytes: Uint8Array | undefined): string => new TextDecoder().decode(bytes);

async function upload(
  id: string,
  folder: string,
  seq: string,
  edit?: (name: string, text: string) => string,
) {
  const prefix = `uploads/${AGS}/${id}/`;
  const files = (await readInputFolder(folder)).filter((f) => f.name !== 'README.md');
  for (const f of files) {
    const bytes =
      edit && f.name === 'analyse.json' ? new TextEncoder().encode(edit(f.name, text(f.bytes))) : f.bytes;
    await t.uploads.put(prefix + f.name, bytes, 'application/octet-stream');
  }
  const event: UploadEvent = {
    bucket: t.stack.uploadsBucket,
    key: `${prefix}analyse.json`,
    eTag: `e-${seq}`,
    sequencer: seq,
  };
  return processUpload(event, deps);
}

beforeAll(async () => {
  t = await startTestStack({ notify: false, printer: fakePrinter() });
  waves = new DynamoWaveStore(t.dynamo, t.stack.tableName);
  deps = {
    uploads: t.uploads,
    reports: t.reports,
    jobs: t.jobs,
    waves,
    printer: fakePrinter(),
    assets: await loadReportAssets(),
    templateVersion: 'tpl-test',
    now: () => new Date(),
    leaseMs: 120_000,
  };
}, 60_000);

afterAll(async () => {
  await t?.stop();
});

describe('processUpload: survey waves', () => {
  it('compares the second wave with the predecessor named in analyse.json, using the measures recorded in the portal', async () => {
    expect(await upload('musterstadt', 'examples/musterstadt', '01')).toMatchObject({
      kind: 'ready',
      version: 1,
    });
    // Recorded in the portal for the earlier analysis: wins over the date in analyse.json.
    await waves.putMeasure(
      { ags: AGS, analysisId: 'musterstadt' },
      {
        recommendationId: 'angstraeume-staedtebau',
        implementedOn: '2027-07-15',
        areas: ['02'],
        note: 'Abnahme der Beleuchtung',
        recordedBy: 'municipality',
        recordedAt: '2027-07-20T09:00:00.000Z',
      },
    );
    const outcome = await upload('musterstadt-2029', 'examples/musterstadt-2029', '02');
    expect(outcome).toMatchObject({
      kind: 'ready',
      version: 1,
      development: { status: 'compared', predecessor: 'musterstadt' },
    });
    const v1 = `reports/${AGS}/musterstadt-2029/v1/`;
    analysis = JSON.parse(text(await t.reports.get(`${v1}analysis.json`))) as Analysis;
    expect(analysis.development?.before).toMatchObject({ analysisId: 'musterstadt', surveyYear: 2026 });
    expect(analysis.development?.after.analysisId).toBe('musterstadt-2029');
    const rec = analysis.development?.recommendations.find((r) => r.id === 'angstraeume-staedtebau');
    expect(rec?.measure).toEqual({
      recommendationId: 'angstraeume-staedtebau',
      implementedOn: '2027-07-15',
      areas: ['02'],
      note: 'Abnahme der Beleuchtung',
    });
    const changes = WaveChanges.parse(JSON.parse(text(await t.reports.get(`${v1}changes.json`))));
    expect(changes.development).toEqual(analysis.development);
    html = text(await t.reports.get(`${v1}report.html`));
    expect(html).toContain('Entwicklung seit der Befragung 2026');
    expect(html).toContain('umgesetzt seit 15.07.2027');
    const before = readPublished(
      JSON.parse(text(await t.reports.get(`reports/${AGS}/musterstadt/v1/analysis.json`))),
    );
    const after = readPublished(analysis);
    expect(
      before.ok && after.ok && auditDevelopment(analysis.development!, before.value, after.value),
    ).toEqual([]);
  }, 120_000);

  it('finds the lower night-time fear in the Bahnhofsviertel, and nothing else that got worse', () => {
    const d = analysis.development;
    expect(d?.matching).toMatchObject({ unmatchedAreas: [], unmatchedItems: [] });
    const sg = d?.items.find((i) => i.code === 'sg_wohngegend_nacht');
    const c = sg?.byArea['02'];
    expect(c?.status).toBe('compared');
    if (c?.status !== 'compared') return;
    // The statistic recomputed from the two published cells (share and n_eff of each wave).
    const z = twoSampleZ(
      { share: c.before.negativeShareWeighted, n: c.before.effectiveN },
      { share: c.after.negativeShareWeighted, n: c.after.effectiveN },
    );
    expect([c.z, c.p]).toEqual([z.z, z.p]);
    expect(c).toMatchObject({ significant: true, direction: 'gesunken' });
    expect(c.difference).toBeLessThan(-0.2);
    expect(sg?.total.status === 'compared' && sg.total.significant).toBe(false);
    expect(d?.summary.worsened).toBe(0);
    // Every significant change is in the Bahnhofsviertel, where the measure was implemented.
    const areas = new Set(
      d?.items.flatMap((i) =>
        Object.entries(i.byArea).flatMap(([id, x]) => (x.status === 'compared' && x.significant ? [id] : [])),
      ),
    );
    expect([...areas]).toEqual(['02']);
    const rec = d?.recommendations.find((r) => r.id === 'angstraeume-staedtebau');
    expect(rec?.result).toBe('verbessert');
    expect(rec?.indicators.find((x) => x.kind === 'survey' && x.areaId === '02')?.result).toBe('verbessert');
  });

  it('prints what changed, what did not, the PKS over 2021–2028 and what is not compared', () => {
    const plain = html
      .replace(/<[^>]+>/g, ' ')
      .replace(/\u00a0/g, ' ')
      .replace(/\s+/g, ' ');
    expect(plain).toContain('Gesichert verändert hat sich:');
    expect(plain).toMatch(
      /Bahnhofsviertel: Anteil „eher\/sehr unsicher“ bei „Wohngegend, nachts“ von [\d,]+ % \(2026\) auf [\d,]+ % \(2029\) gesunken/,
    );
    expect(plain).toContain('Für alle Befragten ohne gesicherte Veränderung sind „Wohngegend, nachts“');
    expect(plain).toContain('Straftaten insgesamt in Musterstadt 2021–2028');
    expect(plain).toContain('nicht verglichen: 2026 nicht ausgewiesen');
    expect(plain).toContain('Zwei-Stichproben-z-Test');
  });

  it('says in the report why a named predecessor could not be compared', async () => {
    const outcome = await upload('musterstadt-2030', 'examples/musterstadt-2029', '03', (_, json) =>
      json.replace('"analyse": "musterstadt"', '"analyse": "gibt-es-nicht"'),
    );
    expect(outcome).toMatchObject({
      kind: 'ready',
      development: {
        status: 'skipped',
        predecessor: 'gibt-es-nicht',
        reason:
          'Die frühere Analyse „gibt-es-nicht“ dieser Kommune hat keinen fertigen Bericht (oder es gibt sie nicht).',
      },
    });
    const v1 = `reports/${AGS}/musterstadt-2030/v1/`;
    expect(await t.reports.list(`${v1}changes.json`)).toEqual([]);
    const html = text(await t.reports.get(`${v1}report.html`));
    expect(html).toContain('Entwicklung seit der früheren Befragung');
    expect(html).toContain('Als frühere Analyse ist „gibt-es-nicht“ angegeben.');
  }, 120_000);
});
