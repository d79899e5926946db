/**
 * Chart benchmark: server-side rendering of the whole catalogue for the sample analysis
 * (test/fixtures/analysis/sample-analysis.ts, 21 charts).
 *
 * - cold: a fresh child process (`node --import tsx`) that imports the chart module (vega,
 *   vega-lite, locale, fonts metrics), then renders the catalogue once; reported as import time,
 *   first render per chart and first catalogue total;
 * - warm: in this process, after one discarded run, 10 runs of the catalogue; p50 and p95 per
 *   chart and for the total;
 * - size: SVG bytes per chart and in total.
 *
 * `allSpecs(analysis)` is exported so a browser bench can render the same specs with vega-embed.
 *
 * Run alone: `npx tsx bench/charts.ts`.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Analysis } from '../src/core/analysis/schema.js';
import { allSpecs as catalogueSpecs, type Branding, type ChartSpec } from '../src/core/charts/index.js';
import { DEFAULT_BRANDING } from '../src/core/charts/palette.js';
import { renderSvg } from '../src/core/charts/render.js';
import { sampleAnalysis } from '../test/fixtures/analysis/sample-analysis.js';

export const WARM_RUNS = 10;

/** The catalogue's specs (id, title, alt, section, Vega-Lite spec) for an analysis, in report order. */
export function allSpecs(analysis: Analysis, branding: Branding = DEFAULT_BRANDING): readonly ChartSpec[] {
  return catalogueSpecs(analysis, branding);
}

interface ColdResult {
  importMs: number;
  totalMs: number;
  perChart: { id: string; ms: number; bytes: number }[];
}

/**
 * The cold run, as a module evaluated in a fresh child: this file imports the chart module
 * statically, so the child must not load it; it imports the fixture first, then the charts.
 */
function coldScript(): string {
  const root = new URL('..', import.meta.url);
  const fixture = new URL('test/fixtures/analysis/sample-analysis.ts', root).href;
  const charts = new URL('src/core/charts/index.ts', root).href;
  return `
    const { sampleAnalysis } = await import(${JSON.stringify(fixture)});
    const t0 = performance.now();
    const charts = await import(${JSON.stringify(charts)});
    const importMs = performance.now() - t0;
    const specs = charts.allSpecs(sampleAnalysis);
    const perChart = [];
    const t1 = performance.now();
    for (const s of specs) {
      const c0 = performance.now();
      const svg = await charts.renderSvg(s.spec);
      perChart.push({ id: s.id, ms: performance.now() - c0, bytes: Buffer.byteLength(svg) });
    }
    console.log(JSON.stringify({ importMs, totalMs: performance.now() - t1, perChart }));
  `;
}

function runColdChild(): ColdResult {
  const res = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '--eval', coldScript()],
    { encoding: 'utf8', maxBuffer: 4 * 1024 * 1024, cwd: fileURLToPath(new URL('..', import.meta.url)) },
  );
  if (res.status !== 0) throw new Error(`bench child failed: ${res.stderr}`);
  return JSON.parse(res.stdout.trim().split('\n').pop() ?? '{}') as ColdResult;
}

const quantile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
};
const fmtMs = (ms: number): string => `${ms.toFixed(1)} ms`;
const fmtKb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** Prints cold and warm render times per chart and for the catalogue, and the SVG sizes. */
export async function benchCharts(): Promise<void> {
  const cold = runColdChild();
  const specs = allSpecs(sampleAnalysis);
  // One discarded warm-up run, then WARM_RUNS timed runs of the whole catalogue.
  for (const s of specs) await renderSvg(s.spec);
  const perChart = new Map<string, number[]>(specs.map((s) => [s.id, []]));
  const totals: number[] = [];
  const bytes = new Map<string, number>();
  for (let run = 0; run < WARM_RUNS; run++) {
    const t0 = performance.now();
    for (const s of specs) {
      const c0 = performance.now();
      const svg = await renderSvg(s.spec);
      perChart.get(s.id)?.push(performance.now() - c0);
      bytes.set(s.id, Buffer.byteLength(svg));
    }
    totals.push(performance.now() - t0);
  }
  const totalBytes = [...bytes.values()].reduce((a, b) => a + b, 0);
  console.log(
    `charts: ${specs.length} charts for the sample analysis (Node ${process.version}); cold = fresh process, warm = p50/p95 of ${WARM_RUNS} runs`,
  );
  console.log(
    `charts: import of the chart module (vega, vega-lite) in a fresh process: ${fmtMs(cold.importMs)}`,
  );
  console.log(
    `charts: catalogue cold (first render after import): ${fmtMs(cold.totalMs)}; warm p50 ${fmtMs(quantile(totals, 0.5))}, p95 ${fmtMs(quantile(totals, 0.95))}`,
  );
  console.log(`charts: total SVG size ${fmtKb(totalBytes)}`);
  const width = Math.max(...specs.map((s) => s.id.length));
  console.log(
    `${'chart'.padEnd(width)}  ${'cold'.padStart(9)}  ${'warm p50'.padStart(9)}  ${'warm p95'.padStart(9)}  ${'SVG'.padStart(9)}`,
  );
  for (const s of specs) {
    const ms = perChart.get(s.id) ?? [];
    const c = cold.perChart.find((x) => x.id === s.id);
    console.log(
      `${s.id.padEnd(width)}  ${fmtMs(c?.ms ?? NaN).padStart(9)}  ${fmtMs(quantile(ms, 0.5)).padStart(9)}  ${fmtMs(quantile(ms, 0.95)).padStart(9)}  ${fmtKb(bytes.get(s.id) ?? 0).padStart(9)}`,
    );
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await benchCharts();
}
