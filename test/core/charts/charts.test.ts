import { beforeAll, describe, expect, it } from 'vitest';
import { Analysis } from '../../../src/core/analysis/schema.js';
import { allSpecs, buildCharts, type Chart } from '../../../src/core/charts/index.js';
import { DEFAULT_BRANDING } from '../../../src/core/charts/palette.js';
import { FIGURE_WIDTH } from '../../../src/core/charts/theme.js';
import { prepareChartSvg } from '../../../src/core/report/svg.js';
import { sampleAnalysis } from '../../fixtures/analysis/sample-analysis.js';

const NBSP = '\u00A0';
const EXPECTED_IDS = [
  'profil-bevoelkerungspyramide',
  'pks-entwicklung-index',
  'pks-hz-vergleich',
  'pks-deliktsstruktur',
  'pmk-phaenomenbereiche',
  'owi-kategorien',
  'befragung-sicherheitsgefuehl',
  'befragung-ort-tageszeit',
  'befragung-wohngegend-nacht-gebiete',
  'befragung-kriminalitaetsfurcht',
  'befragung-furcht-geschlecht-alter',
  'befragung-incivilities',
  'befragung-incivilities-rangfolge',
  'befragung-opfer-anzeige',
  'befragung-institutionen',
  'befragung-nachbarschaft',
  'befragung-kriminalitaetsentwicklung',
  'vergleich-quadranten-beunruhigt-einbruch-435-00',
  'vergleich-quadranten-problem-graffiti-899500',
  'vergleich-quadranten-problem-drogen-730000',
  'vergleich-furcht-paradox',
];
const BAD = /NaN|undefined|\[object Object\]|Infinity/;

let charts: readonly Chart[];
const chart = (id: string): Chart => {
  const c = charts.find((x) => x.id === id);
  if (!c) throw new Error(`chart ${id} missing`);
  return c;
};
type Layered = { layer: { data: { values: Record<string, unknown>[] } }[] };

beforeAll(async () => {
  charts = await buildCharts(sampleAnalysis, DEFAULT_BRANDING);
});

describe('buildCharts(sampleAnalysis)', () => {
  it('renders the whole catalogue in report order', () => {
    expect(charts.map((c) => c.id)).toEqual(EXPECTED_IDS);
    const order = ['profile', 'crime', 'survey', 'comparison'];
    const sections = charts.map((c) => order.indexOf(c.section));
    expect([...sections].sort((a, b) => a - b)).toEqual(sections);
  });

  it('gives every chart a German title, an alt text and a clean SVG', () => {
    for (const c of charts) {
      expect(c.svg.startsWith('<svg'), c.id).toBe(true);
      expect(c.title.length, c.id).toBeGreaterThan(5);
      expect(c.alt.length, c.id).toBeGreaterThan(60);
      for (const s of [c.svg, c.alt, c.title]) expect(s, c.id).not.toMatch(BAD);
      // No English decimals in the alt text ("42.3 %").
      expect(c.alt, c.id).not.toMatch(/\d\.\d+\s?%/);
    }
  });

  it('fits the 680 px column with readable type (≥ 9 px), in Source Sans 3', () => {
    for (const c of charts) {
      const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(c.svg)?.[1]);
      expect(width, c.id).toBeLessThanOrEqual(FIGURE_WIDTH);
      expect(width, c.id).toBeGreaterThan(600);
      const sizes = [...c.svg.matchAll(/font-size="([\d.]+)px"/g)].map((m) => Number(m[1]));
      expect(sizes.length, c.id).toBeGreaterThan(0);
      expect(Math.min(...sizes), c.id).toBeGreaterThanOrEqual(9);
      expect(c.svg, c.id).toContain(`font-family="'Source Sans 3', sans-serif"`);
    }
  });

  it("passes the report's SVG check (no active or external content)", () => {
    for (const c of charts) expect(prepareChartSvg(c.svg, c.id, c.alt), c.id).toMatchObject({ ok: true });
  });

  it('is an accessible SVG file on its own: role="img" named by its <title> (caption) and <desc> (text alternative)', () => {
    const escaped = (t: string) => t.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
    for (const c of charts) {
      const open = /^<svg[^>]*>/.exec(c.svg)?.[0] ?? '';
      expect(open, c.id).toContain(`role="img" aria-labelledby="${c.id}-title ${c.id}-desc"`);
      expect(c.svg.slice(open.length), c.id).toMatch(
        new RegExp(`^<title id="${c.id}-title">[^<]+</title><desc id="${c.id}-desc">[^<]+</desc>`),
      );
      expect(c.svg, c.id).toContain(`<title id="${c.id}-title">${escaped(c.title)}</title>`);
      expect(c.svg, c.id).toContain(`<desc id="${c.id}-desc">${escaped(c.alt)}</desc>`);
    }
  });

  it('prints numbers in German format', () => {
    expect(chart('befragung-sicherheitsgefuehl').svg).toContain(`>22${NBSP}%<`);
    expect(chart('befragung-sicherheitsgefuehl').svg).toContain(`>100${NBSP}%<`);
    expect(chart('pks-hz-vergleich').svg).toContain('>6.158,3<');
    expect(chart('pks-hz-vergleich').svg).toContain('>2.000<');
    expect(chart('pks-deliktsstruktur').svg).toContain(`>15,5${NBSP}% (237)<`);
    expect(chart('profil-bevoelkerungspyramide').svg).toContain('>2.687<');
    expect(chart('owi-kategorien').svg).toContain('>1.395<');
    expect(chart('befragung-incivilities-rangfolge').svg).toContain(`>52,0${NBSP}%<`);
    const trend = chart('pks-entwicklung-index').svg;
    expect(trend).toContain('>2021<');
    expect(trend).not.toContain('2.021');
  });

  it('shows suppressed areas as a labelled empty row, never as bars', () => {
    const c = chart('befragung-wohngegend-nacht-gebiete');
    const spec = c.spec as Layered;
    // Layers: bars, interval rules, interval ticks, value labels, suppression texts (charts/bars.ts).
    const [bars, , , labels, suppressed] = spec.layer.map((l) => l.data.values);
    expect(bars?.some((r) => String(r['row']).startsWith('Wiesenau'))).toBe(false);
    expect(labels?.some((r) => String(r['row']).startsWith('Wiesenau'))).toBe(false);
    expect(suppressed).toEqual([
      { row: 'Wiesenau', series: '', x: expect.any(Number), text: 'zu geringe Fallzahl' },
    ]);
    expect(c.svg).toContain('>Wiesenau<');
    expect(c.svg).toContain('>zu geringe Fallzahl<');
    // Limited area: values in parentheses and a note.
    expect(
      bars
        ?.filter((r) => String(r['row']).startsWith('Am Mühlgraben'))
        .every((r) => /^\(\d+,\d\u00A0%\)$/.test(String(r['text']))),
    ).toBe(true);
    expect(c.svg).toMatch(/>\(\d+,\d\u00A0%\)</);
    expect(c.svg).toContain('eingeschränkt aussagekräftig');
  });

  it('marks suppressed cells in the other charts', () => {
    expect(chart('befragung-furcht-geschlecht-alter').svg).toContain('>zu geringe Fallzahl<');
    expect(chart('befragung-opfer-anzeige').svg).toContain('>zu geringe Fallzahl<');
    const quadrant = chart('vergleich-quadranten-problem-graffiti-899500');
    const points = (quadrant.spec as Layered).layer.flatMap((l) => l.data.values).filter((v) => 'rate' in v);
    expect(points.map((p) => p['name'])).toEqual([
      'Altstadt',
      'Nordvorstadt',
      '(Am Mühlgraben)',
      'Altstadt',
      'Nordvorstadt',
      '(Am Mühlgraben)',
    ]);
    expect(quadrant.svg).toContain('Nicht dargestellt (zu geringe Fallzahl in der Befragung): Wiesenau.');
    for (const q of [
      'begründete Furcht',
      'Furcht ohne Hellfeld-Korrelat',
      'unterschätztes Risiko',
      'unauffällig',
    ])
      expect(quadrant.svg).toContain(`>${q}<`);
  });

  it('writes alt texts with the extreme values in German format and the suppressed groups', () => {
    expect(chart('befragung-wohngegend-nacht-gebiete').alt).toContain(
      `Am Mühlgraben (48,3${NBSP}%, eingeschränkt aussagekräftig)`,
    );
    expect(chart('befragung-wohngegend-nacht-gebiete').alt).toContain(`Nordvorstadt (24,8${NBSP}%)`);
    expect(chart('befragung-wohngegend-nacht-gebiete').alt).toContain('Wiesenau: zu geringe Fallzahl');
    expect(chart('befragung-incivilities-rangfolge').alt).toContain(`Hundekot (52,0${NBSP}%)`);
    expect(chart('befragung-incivilities-rangfolge').alt).toContain(`Drogen (29,0${NBSP}%)`);
    expect(chart('befragung-ort-tageszeit').alt).toContain(`Bus und Bahn nachts (61,0${NBSP}%)`);
    expect(chart('befragung-furcht-geschlecht-alter').alt).toContain(`Frauen ab 75 Jahren (48,0${NBSP}%)`);
    expect(chart('befragung-furcht-geschlecht-alter').alt).toContain(
      'Vermeideverhalten (konativ) bei Männern von 16 bis 29 Jahren',
    );
    expect(chart('pks-hz-vergleich').alt).toContain(
      'Musterstadt 6.158,3, Landkreis 4.873,2, Sachsen 6.712,4',
    );
    expect(chart('pks-entwicklung-index').alt).toContain(
      'Höchster Index im letzten Jahr: Sachbeschädigung durch Graffiti (142)',
    );
    expect(chart('befragung-opfer-anzeige').alt).toContain('Wohnungseinbruch 2,4');
    // A quadrant only where both intervals support the difference; areas with < 10 cases are not placed.
    expect(chart('vergleich-quadranten-beunruhigt-einbruch-435-00').alt).toContain(
      `Begründete Furcht: kein Gebiet. Unauffällig: Nordvorstadt (31,9${NBSP}%, Häufigkeitszahl 101,3).`,
    );
    expect(chart('vergleich-quadranten-beunruhigt-einbruch-435-00').alt).toContain(
      'Nicht einzuordnen (weniger als 10 Fälle): Altstadt und Am Mühlgraben.',
    );
    expect(chart('profil-bevoelkerungspyramide').alt).toContain('24.812 Einwohnerinnen und Einwohner');
  });

  it('is deterministic: the same analysis gives byte-identical SVGs and specs', async () => {
    const again = await buildCharts(structuredClone(sampleAnalysis), DEFAULT_BRANDING);
    expect(again.map((c) => c.svg)).toEqual(charts.map((c) => c.svg));
    expect(again.map((c) => JSON.stringify(c.spec))).toEqual(charts.map((c) => JSON.stringify(c.spec)));
  });

  it('uses the brand colours', async () => {
    const red = await buildCharts(sampleAnalysis, { primary: '#8B0000', accent: '#E8A33D' });
    expect(red.find((c) => c.id === 'pks-deliktsstruktur')?.svg).toContain('fill="#8B0000"');
    expect(chart('pks-deliktsstruktur').svg).toContain('fill="#005CA9"');
  });
});

describe('text from the analysis is data, never markup', () => {
  it('escapes area names and labels with markup in every SVG', async () => {
    const evil = structuredClone(sampleAnalysis);
    const script = '<script>alert(1)</script>';
    const img = '<img src="http://169.254.169.254/">';
    evil.meta.gebiete = evil.meta.gebiete.map((g) =>
      g.id === '01' ? { ...g, name: script } : g.id === '02' ? { ...g, name: img } : g,
    );
    for (const p of evil.comparison.pairs)
      p.areas = p.areas.map((a) =>
        a.areaId === '01' ? { ...a, name: script } : a.areaId === '02' ? { ...a, name: img } : a,
      );
    const item = evil.survey.items['problem_hundekot'];
    if (item) item.label = '<svg onload=alert(1)>';
    for (const f of evil.survey.incivilityRanking)
      if (f.item === 'problem_hundekot') f.label = '<svg onload=alert(1)>';
    const first = evil.crime.structure[0];
    if (first) first.label = '<foreignObject><iframe src="file:///etc/passwd"></iframe></foreignObject>';
    expect(Analysis.safeParse(evil).success).toBe(true);

    const out = await buildCharts(evil, DEFAULT_BRANDING);
    expect(out.length).toBe(EXPECTED_IDS.length);
    const all = out.map((c) => c.svg).join('\n');
    expect(all).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(all).toContain('&lt;img src=');
    for (const c of out) {
      expect(c.svg, c.id).not.toMatch(/<script/i);
      expect(c.svg, c.id).not.toMatch(/<img/i);
      expect(c.svg, c.id).not.toMatch(/<iframe|<foreignObject/i);
      expect(c.svg.match(/<svg/g)?.length, c.id).toBe(1);
      expect(prepareChartSvg(c.svg, c.id, c.alt), c.id).toMatchObject({ ok: true });
    }
  });
});

describe('absent data', () => {
  it('skips every chart whose data is missing, without failing', async () => {
    const empty = structuredClone(sampleAnalysis);
    empty.pmk = null;
    empty.owi = null;
    empty.crime = {
      ...empty.crime,
      years: [],
      keys: [],
      trends: [],
      structure: [],
      regional: null,
      byYear: {},
      byArea: {},
    };
    empty.survey = {
      ...empty.survey,
      items: {},
      placeTime: [],
      fear: { ...empty.survey.fear, bySexAge: [] },
      incivilityRanking: [],
      victimisation: [],
      institutions: [],
      neighbourhood: [],
      perceivedTrend: null,
    };
    empty.comparison = {
      pairs: [],
      paradox: {
        rows: [],
        present: null,
        summary: '',
        rho: null,
        p: null,
        cells: 0,
        minCellN: 30,
        highFear: [],
      },
    };
    empty.profile = { ...empty.profile, population: { ...empty.profile.population, pyramid: [] } };
    expect(Analysis.safeParse(empty).success).toBe(true);
    expect(await buildCharts(empty, DEFAULT_BRANDING)).toEqual([]);
  });

  it('renders what is there: without regional PKS, PMK and OWi the rest stays', () => {
    const partial = structuredClone(sampleAnalysis);
    partial.pmk = null;
    partial.owi = null;
    partial.crime.regional = null;
    const ids = allSpecs(partial).map((s) => s.id);
    expect(ids).not.toContain('pks-hz-vergleich');
    expect(ids).not.toContain('pmk-phaenomenbereiche');
    expect(ids).not.toContain('owi-kategorien');
    expect(ids).toContain('pks-entwicklung-index');
    expect(ids.length).toBe(EXPECTED_IDS.length - 3);
  });

  it('renders an area chart with every area suppressed as labelled rows only', async () => {
    const small = structuredClone(sampleAnalysis);
    const item = small.survey.items['sg_wohngegend_nacht'];
    if (!item) throw new Error('fixture');
    for (const id of Object.keys(item.byArea))
      item.byArea[id] = { n: 5, suppressed: true, reason: 'primary', rule: 'primary' };
    const spec = allSpecs(small).find((s) => s.id === 'befragung-wohngegend-nacht-gebiete');
    expect(spec).toBeDefined();
    const layers = (spec?.spec as unknown as Layered).layer;
    expect(layers[4]?.data.values.map((v) => v['row'])).toEqual([
      'Altstadt',
      'Nordvorstadt',
      'Am Mühlgraben',
      'Wiesenau',
    ]);
    expect(spec?.alt).toContain('Altstadt, Nordvorstadt, Am Mühlgraben und Wiesenau: zu geringe Fallzahl');
  });

  it('switches the PKS index lines to small multiples above 6 keys', async () => {
    const many = structuredClone(sampleAnalysis);
    const base = many.crime.trends[1];
    if (!base) throw new Error('fixture');
    for (let i = 0; i < 4; i++)
      many.crime.trends.push({ ...base, key: `99${i}000`, label: `Testdelikt ${i + 1}` });
    const spec = allSpecs(many).find((s) => s.id === 'pks-entwicklung-index');
    expect(spec?.spec).toHaveProperty('facet');
    const { renderSvg } = await import('../../../src/core/charts/render.js');
    const svg = await renderSvg(spec?.spec ?? {});
    expect(svg).toContain('>Testdelikt 4<');
    expect(Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1])).toBeLessThanOrEqual(FIGURE_WIDTH);
  });
});
