import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vega from 'vega';
import {
  ChartRenderError,
  compileSpec,
  externalReferences,
  refusingLoader,
  renderSvg,
  splitInlineData,
} from '../../../src/core/charts/render.js';
import { allSpecs } from '../../../src/core/charts/index.js';
import { sampleAnalysis } from '../../fixtures/analysis/sample-analysis.js';

let server: Server;
let hits = 0;
let base = '';

beforeAll(async () => {
  server = createServer((_req, res) => {
    hits++;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify([{ a: 'x', b: 1 }]));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const urlSpec = (url: string) => ({
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  data: { url },
  mark: 'bar',
  encoding: { x: { field: 'b', type: 'quantitative' }, y: { field: 'a', type: 'nominal' } },
});

describe('renderSvg', () => {
  it('renders an inline-data spec to SVG', async () => {
    const svg = await renderSvg({
      data: { values: [{ a: 'Altstadt', b: 0.42 }] },
      mark: 'bar',
      encoding: {
        x: { field: 'b', type: 'quantitative', axis: { format: '.0%' } },
        y: { field: 'a', type: 'nominal' },
      },
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('Altstadt');
    expect(svg).toContain('40\u00A0%');
  });

  it('refuses a spec that loads data from a URL, and no request reaches the listener', async () => {
    hits = 0;
    await expect(renderSvg(urlSpec(`${base}/data.json`))).rejects.toBeInstanceOf(ChartRenderError);
    await new Promise((r) => setTimeout(r, 100));
    expect(hits).toBe(0);
  });

  it('finds every external reference in a spec (url, href, image marks), but not in data rows', () => {
    expect(externalReferences(urlSpec('http://x'))).toEqual(['$.data.url']);
    expect(externalReferences({ layer: [{ mark: 'image', encoding: { url: { field: 'u' } } }] })).toEqual([
      '$.layer[0].mark',
      '$.layer[0].encoding.url',
    ]);
    expect(externalReferences({ mark: 'text', encoding: { href: { value: 'http://x' } } })).toEqual([
      '$.encoding.href',
    ]);
    expect(externalReferences({ data: { values: [{ url: 'http://x' }] } })).toEqual([]);
  });

  it('the refusing loader stops Vega itself from fetching (second line of defence)', async () => {
    hits = 0;
    const messages: string[] = [];
    const logger = {
      level: () => logger,
      error: (...e: unknown[]) => (messages.push(e.map(String).join(' ')), logger),
      warn: (...e: unknown[]) => (messages.push(e.map(String).join(' ')), logger),
      info: () => logger,
      debug: () => logger,
    };
    const view = new vega.View(vega.parse(compileSpec(urlSpec(`${base}/data.json`)).vega), {
      renderer: 'none',
      loader: refusingLoader(),
      logger: logger as unknown as vega.LoggerInterface,
    });
    const svg = await view.toSVG().catch(() => '');
    view.finalize();
    await new Promise((r) => setTimeout(r, 100));
    expect(hits).toBe(0);
    expect(svg).not.toContain('>x<');
    expect(messages.join(' ')).toMatch(/Loading failed .*gesperrt/);
  });

  it("control: Vega's default loader does fetch (the listener counts requests)", async () => {
    hits = 0;
    const view = new vega.View(vega.parse(compileSpec(urlSpec(`${base}/data.json`)).vega), {
      renderer: 'none',
    });
    await view.toSVG();
    view.finalize();
    expect(hits).toBe(1);
  });
});

describe('renderSvg leaves the spec untouched', () => {
  it("does not let Vega tag the caller's data rows", async () => {
    const rows = [{ a: 'Altstadt', b: 0.42 }];
    const spec = {
      data: { values: rows },
      mark: 'bar',
      encoding: { x: { field: 'b', type: 'quantitative' }, y: { field: 'a', type: 'nominal' } },
    };
    const before = JSON.stringify(spec);
    const a = await renderSvg(spec);
    const b = await renderSvg(spec);
    expect(a).toBe(b);
    expect(JSON.stringify(spec)).toBe(before);
    expect(Object.getOwnPropertySymbols(rows[0] ?? {})).toEqual([]);
  });
});

describe('renderSvg: the cache of compiled chart shapes', () => {
  it('renders every catalogue chart exactly as an uncached compile and parse does, also when rendered again', async () => {
    for (const chart of allSpecs(sampleAnalysis)) {
      expect(splitInlineData(chart.spec), chart.id).toBeDefined();
      const view = new vega.View(vega.parse(compileSpec(structuredClone(chart.spec)).vega), {
        renderer: 'none',
      });
      const uncached = await view.toSVG();
      view.finalize();
      expect(await renderSvg(chart.spec), chart.id).toBe(uncached);
      expect(await renderSvg(chart.spec), chart.id).toBe(uncached);
    }
  });

  it('keeps specs with datasets or formatted data out of the cache', async () => {
    expect(splitInlineData({ datasets: { a: [] }, data: { name: 'a' }, mark: 'bar' })).toBeUndefined();
    expect(
      splitInlineData({ data: { values: [{ x: 1 }], format: { type: 'json' } }, mark: 'bar' }),
    ).toBeUndefined();
    expect(
      splitInlineData({
        layer: [
          { data: { values: [{ x: 1 }] }, mark: 'bar' },
          { data: { values: [{ x: 2 }] }, mark: 'text' },
        ],
      }),
    ).toEqual({
      shape: {
        layer: [
          { data: { name: 'sia_data_0' }, mark: 'bar' },
          { data: { name: 'sia_data_1' }, mark: 'text' },
        ],
        datasets: { sia_data_0: [], sia_data_1: [] },
      },
      data: { sia_data_0: [{ x: 1 }], sia_data_1: [{ x: 2 }] },
    });
  });
});
