/**
 * The second wave of the bundled example (examples/musterstadt-2029, after the lighting measure in the
 * Bahnhofsviertel) against the first (examples/musterstadt), through the pipeline up to the HTML: the
 * chapter "Entwicklung seit der Befragung 2026" states what changed (night-time fear in the
 * Bahnhofsviertel, tested) and what did not, the measure with its date and its indicator.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadReportAssets } from '../../../src/adapters/fs-assets.js';
import { analyseUpload, prepareReport, type PreparedReport } from '../../../src/core/pipeline.js';
import type { Analysis } from '../../../src/core/analysis/schema.js';
import type { InputFile } from '../../../src/core/ports.js';
import { twoSampleZ } from '../../../src/core/waves/stats.js';
import { auditDevelopment, readPublished } from '../../../src/core/waves/index.js';

async function folder(dir: string): Promise<InputFile[]> {
  const names = (await readdir(dir)).filter((n) => n !== 'README.md');
  return Promise.all(
    names.map(async (name) => ({ name, bytes: new Uint8Array(await readFile(join(dir, name))) })),
  );
}

let before: Analysis;
let prepared: PreparedReport;
let html: string;

beforeAll(async () => {
  const first = await analyseUpload(await folder('examples/musterstadt'), { engineVersion: 'test' });
  if (!first.ok) throw new Error('examples/musterstadt is invalid');
  before = first.value.analysis;
  const r = await prepareReport(await folder('examples/musterstadt-2029'), {
    assets: await loadReportAssets(),
    engineVersion: 'test',
    templateVersion: 'test',
    generatedAt: '2029-06-01T10:00:00.000Z',
    analysisId: 'musterstadt-2029',
    predecessor: async (named) =>
      named === 'musterstadt' ? { status: 'found', analysisId: named, analysis: before } : undefined,
  });
  if (!r.ok) throw new Error('examples/musterstadt-2029 is invalid');
  prepared = r.value;
  html = prepared.assemble({ version: 1 }).html;
}, 120_000);

const plain = (s: string) =>
  s
    .replace(/<[^>]+>/g, ' ')
    .replace(/\u00a0/g, ' ')
    .replace(/\s+/g, ' ');

describe('the second wave of Musterstadt', () => {
  it('names its predecessor and the implemented measure in analyse.json, and is compared with it', () => {
    expect(prepared.development).toEqual({ status: 'compared', predecessor: 'musterstadt' });
    expect(prepared.analysis.wave).toEqual({
      surveyPeriod: '2029-03-05/2029-04-13',
      surveyYear: 2029,
      predecessor: 'musterstadt',
    });
    const d = prepared.analysis.development;
    expect(d?.before).toMatchObject({ analysisId: 'musterstadt', berichtsjahr: 2025, surveyYear: 2026 });
    expect(d?.matching.unmatchedAreas).toEqual([]);
    expect(d?.matching.unmatchedItems).toEqual([]);
  });

  it('finds the lower night-time fear in the Bahnhofsviertel, with the z statistic of its published figures', () => {
    const d = prepared.analysis.development;
    const c = d?.items.find((i) => i.code === 'sg_wohngegend_nacht')?.byArea['02'];
    expect(c?.status).toBe('compared');
    if (c?.status !== 'compared') return;
    // The test recomputed from the two published cells (share and n_eff of each wave).
    const t = twoSampleZ(
      { share: c.before.negativeShareWeighted, n: c.before.effectiveN },
      { share: c.after.negativeShareWeighted, n: c.after.effectiveN },
    );
    expect([c.z, c.p]).toEqual([t.z, t.p]);
    expect(c).toMatchObject({ significant: true, direction: 'gesunken' });
    expect(c.difference).toBeLessThan(-0.2);
    // Nothing got significantly worse, and the total of the standard indicator did not change significantly.
    expect(d?.summary.worsened).toBe(0);
    const total = d?.items.find((i) => i.code === 'sg_wohngegend_nacht')?.total;
    expect(total?.status === 'compared' && total.significant).toBe(false);
    // Every significant change is in the Bahnhofsviertel, where the measure was implemented.
    const significantAreas = new Set(
      d?.items.flatMap((i) =>
        Object.entries(i.byArea).flatMap(([id, x]) => (x.status === 'compared' && x.significant ? [id] : [])),
      ),
    );
    expect([...significantAreas]).toEqual(['02']);
  });

  it('evaluates the implemented recommendation by its indicator', () => {
    const r = prepared.analysis.development?.recommendations.find((x) => x.id === 'angstraeume-staedtebau');
    expect(r?.measure).toMatchObject({ implementedOn: '2027-06-30', areas: ['02'] });
    expect(r?.result).toBe('verbessert');
    expect(r?.indicators.find((x) => x.kind === 'survey' && x.areaId === '02')?.result).toBe('verbessert');
  });

  it('publishes only cells both waves publish', () => {
    const d = prepared.analysis.development;
    const b = readPublished(before);
    const a = readPublished(prepared.analysis);
    expect(d && b.ok && a.ok && auditDevelopment(d, b.value, a.value)).toEqual([]);
  });

  it('prints the chapter: what changed, what did not, the PKS over 2021–2028 and the measure', () => {
    const text = plain(html);
    expect(text).toContain('Entwicklung seit der Befragung 2026');
    expect(text).toContain('Gesichert verändert hat sich:');
    expect(text).toMatch(
      /Bahnhofsviertel: Anteil „eher\/sehr unsicher“ bei „Wohngegend, nachts“ von [\d,]+ % \(2026\) auf [\d,]+ % \(2029\) gesunken/,
    );
    expect(text).toContain('Für alle Befragten ohne gesicherte Veränderung sind „Wohngegend, nachts“');
    expect(text).toContain('Straftaten insgesamt in Musterstadt 2021–2028');
    expect(text).toContain('umgesetzt seit 30.06.2027 (Bahnhofsviertel)');
    expect(text).toContain('nicht verglichen: 2026 nicht ausgewiesen');
    expect(text).toContain('Zwei-Stichproben-z-Test');
  });
});
