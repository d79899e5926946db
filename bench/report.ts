/**
 * Report benchmark: the whole report of examples/musterstadt through the code path the CLI, the local
 * stack and Lambda use (read the folder, then `produceReport`), against its floor.
 *
 * Method (one process, wall time via performance.now()):
 *   - end to end = readInputFolder + produceReport with the Chromium printer: validation, analysis, charts,
 *     HTML, one print (page, setContent, page.pdf, finishing for PDF/UA), the spreadsheet/CSV export (runs
 *     while Chromium prints), JSON outputs and hashes. Cold = the first run in this process (module JIT,
 *     browser launch overlapped with analysis/charts/HTML through warmUp); warm = median of 5 further runs
 *     with the same printer (browser reused).
 *   - floor = server-side Vega (renderSvg of every chart spec, sequential) + Chromium alone printing the same
 *     HTML once (an already-open browser, same binary and args, fresh page, no interception, setContent +
 *     page.pdf with the printer's options, no finishing). Median of 5, interleaved with the warm runs so
 *     that load from other processes on the machine hits both alike.
 *   - critical path: the warm run's steps in order (each a median), and what runs beside them.
 *   - charts: server-side vs the same Vega-Lite specs rendered in a page by vega-embed (JS on, network off).
 *   - throughput: the HTML printed 20 times with one shared printer and 20 times with a printer (browser
 *     process) per report, interleaved.
 * Targets: warm end to end ≤ 1.3 × floor; server-side charts faster than in-page; shared browser ≥ 3× the
 * throughput of separate processes.
 *
 * Run alone: `npx tsx bench/report.ts` (or `npm run bench -- report`).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import chromium from '@sparticuz/chromium';
import puppeteer, { type Browser } from 'puppeteer-core';
import type { PdfPrinter, PrintOptions } from '../src/core/ports.js';
import type { PrintTiming } from '../src/adapters/chromium-printer.js';

const ROOT = join(fileURLToPath(import.meta.url), '..', '..');
const EXAMPLE_DIR = join(ROOT, 'examples', 'musterstadt');
const WARM_RUNS = 5;
const THROUGHPUT_REPORTS = 20;
const GENERATED_AT = '2025-06-30T10:00:00.000Z';
const PRINT_TIMEOUT_MS = 120_000;

/** The modules, loaded on demand so that their load time is a figure of its own. */
async function loadModules() {
  const [produce, pipeline, charts, version, printer, input, assets, exporter] = await Promise.all([
    import('../src/app/produce-report.js'),
    import('../src/core/pipeline.js'),
    import('../src/core/charts/index.js'),
    import('../src/core/version.js'),
    import('../src/adapters/chromium-printer.js'),
    import('../src/adapters/fs-input.js'),
    import('../src/adapters/fs-assets.js'),
    import('../src/core/export/index.js'),
  ]);
  return {
    produceReport: produce.produceReport,
    prepareReport: pipeline.prepareReport,
    allSpecs: charts.allSpecs,
    renderSvg: charts.renderSvg,
    ENGINE_VERSION: version.ENGINE_VERSION,
    createChromiumPrinter: printer.createChromiumPrinter,
    chromiumPdfOptions: printer.chromiumPdfOptions,
    readInputFolder: input.readInputFolder,
    loadReportAssets: assets.loadReportAssets,
    templateVersionOf: assets.templateVersionOf,
    exportTables: exporter.exportTables,
  };
}
type Modules = Awaited<ReturnType<typeof loadModules>>;
type Assets = Awaited<ReturnType<Modules['loadReportAssets']>>;

const STEPS = ['read', 'validate', 'analyse', 'charts', 'html', 'print'] as const;
type Step = (typeof STEPS)[number];
type RunTimes = Record<Step | 'total', number>;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0
    ? Number.NaN
    : s.length % 2 === 1
      ? (s[(s.length - 1) / 2] as number)
      : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
};
const fmtMs = (ms: number): string => `${ms < 100 ? ms.toFixed(1) : Math.round(ms).toString()} ms`;
const verdict = (ok: boolean): string => (ok ? 'PASS' : 'FAIL');

/** One end-to-end run: read the folder, produceReport; the time of each phase (from produceReport's onPhase). */
async function runReport(
  m: Modules,
  printer: PdfPrinter,
  assets: Assets,
): Promise<{ times: RunTimes; html: string; pages: number; pdfBytes: number }> {
  const t0 = performance.now();
  const files = await m.readInputFolder(EXAMPLE_DIR);
  const marks: [Step, number][] = [
    ['read', t0],
    ['validate', performance.now()],
  ];
  const outcome = await m.produceReport(files, {
    printer,
    assets,
    templateVersion: m.templateVersionOf(assets.templates),
    now: () => new Date(GENERATED_AT),
    printTimeoutMs: PRINT_TIMEOUT_MS,
    onPhase: (phase) => {
      if (phase !== 'validate') marks.push([phase, performance.now()]);
    },
  });
  const tEnd = performance.now();
  if (outcome.status !== 'ready') throw new Error('examples/musterstadt is not valid');
  // Each phase lasts until the next one starts; "print" until produceReport returned (export overlapped).
  const times = { total: tEnd - t0 } as RunTimes;
  marks.forEach(([step, at], i) => {
    times[step] = (marks[i + 1]?.[1] ?? tEnd) - at;
  });
  const html = outcome.files.find((f) => f.path === 'report.html');
  const pdf = outcome.files.find((f) => f.path === 'report.pdf');
  return {
    times,
    html: new TextDecoder().decode(html?.bytes),
    pages: outcome.provenance.pages,
    pdfBytes: pdf?.bytes.length ?? 0,
  };
}

function launchPlainBrowser(): Promise<Browser> {
  return chromium
    .executablePath()
    .then((executablePath) =>
      puppeteer.launch({ executablePath, args: chromium.args, headless: 'shell', pipe: true }),
    );
}

/** Chromium alone: fresh page, no interception, setContent + page.pdf with the printer's options. */
async function floorPrint(
  m: Modules,
  browser: Browser,
  html: string,
  options: PrintOptions,
): Promise<number> {
  const t0 = performance.now();
  const page = await browser.newPage();
  try {
    await page.setContent(html, { waitUntil: 'load', timeout: PRINT_TIMEOUT_MS });
    await page.pdf({ ...m.chromiumPdfOptions(options), timeout: PRINT_TIMEOUT_MS });
    return performance.now() - t0;
  } finally {
    await page.close();
  }
}

/** Server-side: renderSvg of every spec, sequentially (Vega is single-threaded); resolves with the wall time. */
async function serverRender(m: Modules, specs: readonly { readonly spec: object }[]): Promise<number> {
  const t0 = performance.now();
  for (const s of specs) await m.renderSvg(s.spec);
  return performance.now() - t0;
}

interface InPageCharts {
  readonly injectMs: number;
  render(): Promise<number>;
  views(): Promise<number>;
  close(): Promise<void>;
}

/** A page that renders the Vega-Lite specs with vega-embed (JS on, network off). */
async function chartsInPage(browser: Browser, specs: readonly object[]): Promise<InPageCharts> {
  // The packages do not export their UMD builds; read them from node_modules directly.
  const builds = await Promise.all(
    ['vega/build/vega.min.js', 'vega-lite/build/vega-lite.min.js', 'vega-embed/build/vega-embed.min.js'].map(
      (p) => readFile(join(ROOT, 'node_modules', p), 'utf8'),
    ),
  );
  const page = await browser.newPage();
  await page.setRequestInterception(true);
  page.on('request', (request) => {
    if (request.url().startsWith('data:')) void request.continue();
    else void request.abort('blockedbyclient');
  });
  const containers = specs.map((_, i) => `<div id="c${i}"></div>`).join('');
  await page.setContent(
    `<!doctype html><html lang="de"><head><meta charset="utf-8"></head><body>${containers}</body></html>`,
  );
  const t0 = performance.now();
  for (const content of builds) await page.addScriptTag({ content });
  const injectMs = performance.now() - t0;
  return {
    injectMs,
    render: async () => {
      const t = performance.now();
      await page.evaluate(async (all: readonly object[]) => {
        const w = window as unknown as {
          vegaEmbed: (el: string, spec: object, opts: object) => Promise<{ view: { finalize(): void } }>;
          __views?: { finalize(): void }[];
        };
        for (const v of w.__views ?? []) v.finalize();
        w.__views = [];
        for (let i = 0; i < all.length; i += 1) {
          const result = await w.vegaEmbed(`#c${i}`, all[i] as object, { renderer: 'svg', actions: false });
          w.__views.push(result.view);
        }
      }, specs);
      return performance.now() - t;
    },
    views: () => page.evaluate(() => document.querySelectorAll('svg.marks').length),
    close: () => page.close(),
  };
}

/** The HTML printed THROUGHPUT_REPORTS times with one shared printer and as many times with a printer per report. */
async function throughput(
  m: Modules,
  html: string,
  options: PrintOptions,
): Promise<{ sharedMs: number; separateMs: number }> {
  let sharedMs = 0;
  let separateMs = 0;
  const shared = m.createChromiumPrinter();
  try {
    for (let i = 0; i < THROUGHPUT_REPORTS; i += 1) {
      const t0 = performance.now();
      await shared.print(html, options);
      sharedMs += performance.now() - t0;
      const t1 = performance.now();
      const own = m.createChromiumPrinter();
      try {
        await own.print(html, options);
      } finally {
        await own.close();
      }
      separateMs += performance.now() - t1;
    }
  } finally {
    await shared.close();
  }
  return { sharedMs, separateMs };
}

function phaseLine(label: string, t: RunTimes, print: PrintTiming | undefined): string {
  const inner = print
    ? ` (browser ${fmtMs(print.browserMs)}, page ${fmtMs(print.pageMs)}, setContent ${fmtMs(print.contentMs)}, ` +
      `page.pdf ${fmtMs(print.pdfMs)}, finishing ${fmtMs(print.finishMs)})`
    : '';
  return (
    `report ${label}: total ${fmtMs(t.total)} = read ${fmtMs(t.read)}, validate ${fmtMs(t.validate)}, analyse ${fmtMs(t.analyse)}, ` +
    `charts ${fmtMs(t.charts)}, HTML ${fmtMs(t.html)}, print ${fmtMs(t.print)}${inner}`
  );
}

const medianTiming = (ts: readonly PrintTiming[]): PrintTiming => ({
  browserMs: median(ts.map((t) => t.browserMs)),
  pageMs: median(ts.map((t) => t.pageMs)),
  contentMs: median(ts.map((t) => t.contentMs)),
  pdfMs: median(ts.map((t) => t.pdfMs)),
  finishMs: median(ts.map((t) => t.finishMs)),
});

/** Runs the report benchmark and prints its figures and targets. */
export async function benchReport(): Promise<void> {
  const tLoad = performance.now();
  const m = await loadModules();
  const moduleMs = performance.now() - tLoad;
  const assets = await m.loadReportAssets(ROOT);
  console.log(
    `report: examples/musterstadt; ${WARM_RUNS} warm runs, medians; module load ${fmtMs(moduleMs)} (not in the phases)`,
  );

  const timings: PrintTiming[] = [];
  const printer = m.createChromiumPrinter({ onTiming: (t) => timings.push(t) });
  let floorBrowser: Browser | undefined;
  try {
    const cold = await runReport(m, printer, assets);
    const coldTiming = timings.at(-1);

    // What the floor prints: the same HTML and templates (assembled once more, deterministic).
    const files = await m.readInputFolder(EXAMPLE_DIR);
    const prepared = await m.prepareReport(files, {
      assets,
      engineVersion: m.ENGINE_VERSION,
      templateVersion: m.templateVersionOf(assets.templates),
      generatedAt: GENERATED_AT,
    });
    if (!prepared.ok) throw new Error('examples/musterstadt is not valid');
    const report = prepared.value.assemble({ version: 1 });
    const printOptions: PrintOptions = {
      title: report.title,
      author: report.author,
      headerTemplate: report.headerTemplate,
      footerTemplate: report.footerTemplate,
      timeoutMs: PRINT_TIMEOUT_MS,
      tocPageNumbers: true,
    };
    const specs = m.allSpecs(prepared.value.analysis, {
      primary: prepared.value.dataset.manifest.branding.primaerfarbe,
      accent: prepared.value.dataset.manifest.branding.akzentfarbe,
    });
    const tLaunch = performance.now();
    floorBrowser = await launchPlainBrowser();
    const launchMs = performance.now() - tLaunch;
    await floorPrint(m, floorBrowser, report.html, printOptions); // warm-up
    await serverRender(m, specs);

    // Interleaved: our end to end, Chromium alone on the same HTML, Vega alone.
    const warmRuns: Awaited<ReturnType<typeof runReport>>[] = [];
    const warmTimings: PrintTiming[] = [];
    const floors: number[] = [];
    const vegas: number[] = [];
    for (let i = 0; i < WARM_RUNS; i += 1) {
      warmRuns.push(await runReport(m, printer, assets));
      warmTimings.push(timings.at(-1) as PrintTiming);
      floors.push(await floorPrint(m, floorBrowser, report.html, printOptions));
      vegas.push(await serverRender(m, specs));
    }
    const pick = (k: keyof RunTimes): number => median(warmRuns.map((r) => r.times[k]));
    const warm = {} as RunTimes;
    for (const k of [...STEPS, 'total'] as const) warm[k] = pick(k);
    const warmPrint = medianTiming(warmTimings);
    const last = warmRuns.at(-1) ?? cold;
    console.log(
      `report: ${last.pages} pages, ${(last.pdfBytes / 2 ** 20).toFixed(2)} MB PDF, ` +
        `${(Buffer.byteLength(last.html) / 2 ** 20).toFixed(2)} MB HTML; printer launches ${printer.stats().launches}`,
    );
    console.log(
      phaseLine(
        'cold (first run; browser launch overlapped with analysis, charts and HTML)',
        cold.times,
        coldTiming,
      ),
    );
    console.log(phaseLine('warm', warm, warmPrint));

    // The export runs beside the print; measured alone here to show what the overlap hides.
    const exportRuns: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const t0 = performance.now();
      await m.exportTables(report.tables, { title: report.title, version: 1, generatedAt: GENERATED_AT });
      exportRuns.push(performance.now() - t0);
    }
    const exportMs = median(exportRuns);
    const beforePrint = warm.read + warm.validate + warm.analyse + warm.charts + warm.html;
    console.log(
      `report critical path (warm): read ${fmtMs(warm.read)} → validate ${fmtMs(warm.validate)} → analyse ${fmtMs(warm.analyse)} → ` +
        `charts ${fmtMs(warm.charts)} → HTML ${fmtMs(warm.html)} → page ${fmtMs(warmPrint.pageMs)} → setContent ${fmtMs(warmPrint.contentMs)} → ` +
        `page.pdf ${fmtMs(warmPrint.pdfMs)} → finishing ${fmtMs(warmPrint.finishMs)}; beside it: tables export ${fmtMs(exportMs)} ` +
        `(during the print), browser launch ${fmtMs(launchMs)} (cold runs: during analyse…HTML, ${fmtMs(coldTiming?.browserMs ?? Number.NaN)} left to wait)`,
    );

    const floor = median(floors);
    const vega = median(vegas);
    const budget = 1.3 * (vega + floor);
    console.log(
      `report floor: Vega ${fmtMs(vega)} (${specs.length} charts, server-side) + Chromium alone printing the same HTML ${fmtMs(floor)} = ${fmtMs(vega + floor)}`,
    );
    console.log(
      `report target warm end to end ≤ 1.3 × floor = ${fmtMs(budget)}: ${fmtMs(warm.total)} (${(warm.total / (vega + floor)).toFixed(2)} × floor; ` +
        `${fmtMs(beforePrint)} before the print) ${verdict(warm.total <= budget)}`,
    );

    // Charts: server-side vs in a page.
    const inPage = await chartsInPage(
      floorBrowser,
      specs.map((s) => s.spec),
    );
    const inPageCold = await inPage.render();
    const pageRuns: number[] = [];
    for (let i = 0; i < WARM_RUNS; i += 1) pageRuns.push(await inPage.render());
    const views = await inPage.views();
    await inPage.close();
    const inPageWarm = median(pageRuns);
    console.log(
      `report charts (${specs.length}): server-side renderSvg ${fmtMs(vega)} warm (cold pipeline ${fmtMs(cold.times.charts)}, warm ${fmtMs(warm.charts)}); ` +
        `in-page vega-embed ${fmtMs(inPageWarm)} warm, ${fmtMs(inPageCold)} cold + ${fmtMs(inPage.injectMs)} script injection (${views} views)`,
    );
    console.log(
      `report target server-side charts faster than in-page: ${fmtMs(vega)} vs ${fmtMs(inPageWarm)} warm ${verdict(vega < inPageWarm)}; ` +
        `cold ${fmtMs(cold.times.charts)} vs ${fmtMs(inPageCold + inPage.injectMs)} ${verdict(cold.times.charts < inPageCold + inPage.injectMs)}`,
    );

    // Throughput.
    const { sharedMs, separateMs } = await throughput(m, report.html, printOptions);
    const perMin = (ms: number): number => (THROUGHPUT_REPORTS * 60_000) / ms;
    const ratio = separateMs / sharedMs;
    console.log(
      `report throughput (${THROUGHPUT_REPORTS} prints of the report HTML): shared browser ${fmtMs(sharedMs)} (${perMin(sharedMs).toFixed(1)}/min), ` +
        `browser per report ${fmtMs(separateMs)} (${perMin(separateMs).toFixed(1)}/min); ratio ${ratio.toFixed(2)}×`,
    );
    console.log(
      `report target shared browser ≥ 3× throughput of separate processes: ${ratio.toFixed(2)}× ${verdict(ratio >= 3)}`,
    );
  } finally {
    await printer.close();
    await floorBrowser?.close();
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await benchReport();
}
