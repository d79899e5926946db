/**
 * The Chromium printer against the real @sparticuz/chromium binary: PDF content and metadata, rendering
 * security (engineering notes §2.3 P1–P3, P6), browser reuse, recycling, crash recovery, timeouts and
 * temporary-file housekeeping. No mocks; the only network peer is a counting server on 127.0.0.1.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rm, utimes } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createChromiumPrinter,
  PrinterError,
  type ChromiumPrinter,
} from '../../src/adapters/chromium-printer.js';
import type { PrintOptions } from '../../src/core/ports.js';
import { outlineLines, pdfInfo, pdfText, textByFont, xrefProblems } from '../support/pdf.js';
import { pdfUaProblems } from '../support/pdf-ua.js';
import {
  FIXTURE_AUTHOR,
  FIXTURE_HEADINGS as H,
  FIXTURE_TITLE,
  fixtureFooter,
  fixtureHeader,
  fixtureHtml,
} from './pdf/fixture.js';

const OPTIONS: PrintOptions = { title: FIXTURE_TITLE, author: FIXTURE_AUTHOR, timeoutMs: 30_000 };

function pdfOptions(extra: Partial<PrintOptions> = {}): PrintOptions {
  return { ...OPTIONS, headerTemplate: fixtureHeader(), footerTemplate: fixtureFooter(), ...extra };
}

const tiny = (text: string): string =>
  `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>${text}</title></head><body><h1>${text}</h1></body></html>`;

async function profileDirs(): Promise<Set<string>> {
  return new Set(
    (await readdir(tmpdir())).filter((n) => n.startsWith('sia-chromium-')).map((n) => join(tmpdir(), n)),
  );
}

function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  return new Promise((resolve) => {
    const tick = (): void => {
      try {
        process.kill(pid, 0);
      } catch {
        resolve(true);
        return;
      }
      if (Date.now() > until) resolve(false);
      else setTimeout(tick, 25);
    };
    tick();
  });
}

describe('chromium printer: the fixture report', () => {
  let printer: ChromiumPrinter;
  let bytes: Uint8Array;
  let pageCount: number;
  let outline: Awaited<ReturnType<ChromiumPrinter['print']>>['outline'];
  let printMs: number;

  beforeAll(async () => {
    printer = createChromiumPrinter();
    await printer.print(tiny('Aufwärmen'), OPTIONS); // launch outside the measured print
    const t0 = performance.now();
    const printed = await printer.print(fixtureHtml(), pdfOptions());
    printMs = performance.now() - t0;
    ({ bytes, pageCount, outline } = printed);
  });
  afterAll(async () => {
    await printer.close();
  });

  it('is a tagged PDF in German with title, author and display-title preference', async () => {
    const info = await pdfInfo(bytes);
    expect(info.tagged).toBe(true);
    expect(info.lang).toBe('de');
    expect(info.title).toBe(FIXTURE_TITLE);
    expect(info.author).toBe(FIXTURE_AUTHOR);
    expect(info.displayDocTitle).toBe(true);
    expect(info.creator).toBe('Chromium');
    expect(info.producer).toMatch(/^Skia\/PDF m147/);
    // Rewritten once by the finishing step (one revision), every xref entry points at its object.
    expect(info.revisions).toBe(1);
    expect(xrefProblems(bytes)).toEqual([]);
    expect(new TextDecoder('latin1').decode(bytes.subarray(0, 8))).toBe('%PDF-1.7');
  });

  it('passes the PDF/UA-1 checks (header and footer are artifacts)', async () => {
    expect(await pdfUaProblems(bytes)).toEqual([]);
  });

  it('has the bookmarks of the h1–h3 hierarchy with their target pages', () => {
    expect(pageCount).toBeGreaterThanOrEqual(5);
    expect(outlineLines(outline)).toEqual([
      `${H.h1}@1`,
      `  ${H.h2a}@2`,
      `    ${H.h3a}@2`,
      `    ${H.h3b}@2`,
      `  ${H.h2b}@3`,
      `    ${H.h3c}@3`,
      `  ${H.h2c}@${pageCount}`,
    ]);
  });

  it('reports the same page count and outline as an independent read of the bytes', async () => {
    const info = await pdfInfo(bytes);
    expect(info.pages).toBe(pageCount);
    expect(info.outline).toEqual(outline);
    expect(info.hasOutline).toBe(true);
  });

  it('embeds Source Sans 3 and no other font (body, headings, header and footer)', async () => {
    const { fonts } = await pdfInfo(bytes);
    expect(fonts.length).toBeGreaterThanOrEqual(2); // regular and bold
    for (const font of fonts) expect(font).toMatch(/^SourceSans3/);
  });

  it('draws every character, ẞ and € included, with Source Sans 3 (no fallback font)', async () => {
    const byFont = await textByFont(bytes);
    const all = Object.values(byFont).join('');
    for (const ch of 'äöüÄÖÜßẞ€') expect(all).toContain(ch);
    for (const font of Object.keys(byFont)) expect(font).toMatch(/^SourceSans3/);
  });

  it('keeps German characters and prints "Seite X von N" in the footer', async () => {
    const pages = await pdfText(bytes);
    expect(pages).toHaveLength(pageCount);
    const first = pages[0] ?? '';
    expect(first).toContain('Grüße aus der Straßenbahn: Äpfel, Öfen, Übermut, süß, groß, GROẞ.');
    expect(first).toContain('1.234,56 €');
    expect(first).toContain(`Seite 1 von ${pageCount}`);
    expect(pages[pageCount - 1]).toContain(`Seite ${pageCount} von ${pageCount}`);
    expect(first).toContain('Sicherheitsanalyse – Größenbach');
  });

  it('repeats the table head on every page the table spans', async () => {
    const pages = await pdfText(bytes);
    const withRows = pages.filter((p) => /\n\d+\nBahnhofsviertel|Nordstraße/.test(p));
    expect(withRows.length).toBeGreaterThanOrEqual(2);
    for (const p of withRows) expect(p).toContain('Häufigkeitszahl');
  });

  it('writes /Lang de even when the HTML has no lang attribute', async () => {
    const printed = await printer.print(
      '<!doctype html><html><head><meta charset="utf-8"><title>Ohne Sprache</title></head><body><h1>Überschrift</h1></body></html>',
      OPTIONS,
    );
    const info = await pdfInfo(printed.bytes);
    expect(info).toMatchObject({ lang: 'de', tagged: true, title: FIXTURE_TITLE, author: FIXTURE_AUTHOR });
    expect(xrefProblems(printed.bytes)).toEqual([]);
  });

  it('takes the title from options, else from <title>', async () => {
    const fromTag = await printer.print(fixtureHtml({ rows: 2 }), { ...OPTIONS, title: '' });
    expect((await pdfInfo(fromTag.bytes)).title).toBe(FIXTURE_TITLE);
    const fromOptions = await printer.print(fixtureHtml({ rows: 2, noTitle: true }), {
      ...OPTIONS,
      title: 'Bericht für Größenbach',
    });
    expect((await pdfInfo(fromOptions.bytes)).title).toBe('Bericht für Größenbach');
  });

  it('prints the fixture in well under the budget (figure for the report)', () => {
    console.info(`fixture print: ${printMs.toFixed(0)} ms, ${pageCount} pages, ${bytes.length} bytes`);
    expect(printMs).toBeLessThan(10_000);
  });
});

describe('chromium printer: rendering security', () => {
  let server: Server;
  let origin: string;
  const hits: string[] = [];
  let connections = 0;
  let printer: ChromiumPrinter;
  const blocked: string[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(`${req.method ?? ''} ${req.url ?? ''}`);
      res.setHeader('content-type', 'text/plain');
      res.end('AWS_SECRET_ACCESS_KEY=leak');
    });
    server.on('connection', () => {
      connections += 1;
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    origin = `http://127.0.0.1:${address.port}`;
    printer = createChromiumPrinter({ onBlockedRequest: (url) => blocked.push(url) });
  });
  afterAll(async () => {
    await printer.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('reaches no server by any HTML route and blocks what Chromium attempts (P1–P3)', async () => {
    const o = origin;
    const port = new URL(o).port;
    const payload = `
<img src="${o}/img" alt="">
<link rel="stylesheet" href="${o}/link-stylesheet">
<style>@import url(${o}/css-import); .bg { background: url(${o}/css-background); }
@font-face { font-family: Fremd; src: url(${o}/font-face) format('woff2'); } .fremd { font-family: Fremd; }</style>
<div class="bg fremd">Hintergrund und Fremdschrift</div>
<iframe src="${o}/iframe"></iframe>
<iframe src="http://[::ffff:a9fe:a9fe]/iframe-mapped"></iframe>
<object data="${o}/object"></object>
<embed src="${o}/embed">
<video poster="${o}/video-poster"></video>
<audio src="${o}/audio"></audio>
<script>fetch('${o}/script-fetch')</script>
<script src="${o}/script-src"></script>
<img src="file:///proc/self/environ" alt="">
<iframe src="file:///proc/self/environ"></iframe>
<img src="http://169.254.169.254/latest/meta-data/" alt="">
<img srcset="${o}/srcset-1x 1x, ${o}/srcset-2x 2x" alt="">
<picture><source srcset="${o}/picture-source"><img src="${o}/picture-img" alt=""></picture>
<svg width="10" height="10"><image href="${o}/svg-image" width="10" height="10"/></svg>
<link rel="prefetch" href="${o}/prefetch">
<link rel="preload" as="image" href="${o}/preload">
<link rel="preconnect" href="${o}">
<link rel="dns-prefetch" href="${o}">
<link rel="prefetch" href="http://localhost:${port}/prefetch-localhost">
<link rel="icon" href="${o}/icon">
<input type="image" src="${o}/input-image" alt="">
<table background="${o}/table-background"><tr><td>Zelle</td></tr></table>
<img src="ftp://127.0.0.1:${port}/ftp" alt=""><img src="blob:${o}/blob" alt=""><img src="chrome://version" alt="">
<a href="${o}/anchor" ping="${o}/ping">Verweis</a>`;
    const html = fixtureHtml({ rows: 5, extraBody: payload, extraHead: `<base href="${o}/base/">` });
    const printed = await printer.print(html, {
      ...OPTIONS,
      headerTemplate: `<img src="${o}/header-img" alt=""><span style="font-size:8pt">Kopf</span>`,
      footerTemplate: `<div style="font-size:8pt;background:url(${o}/footer-background)">Fuß</div>`,
    });
    // Give anything the browser might still send on its own (prefetch, preconnect) time to arrive.
    await new Promise((resolve) => setTimeout(resolve, 750));

    expect(hits).toEqual([]);
    expect(connections).toBe(0);
    const stats = printer.stats();
    expect(stats.blockedRequests).toBeGreaterThan(0);
    expect(stats.blockedRequests).toBe(blocked.length);

    // What Chromium attempts (and the interceptor aborts); documented in the report.
    const attempted = new Set(blocked.map((u) => u.replace(o, 'ORIGIN')));
    console.info(`blocked requests (${blocked.length}):\n  ${[...attempted].sort().join('\n  ')}`);
    for (const expected of [
      'ORIGIN/img',
      'ORIGIN/link-stylesheet',
      'ORIGIN/css-import',
      'ORIGIN/css-background',
      'ORIGIN/font-face',
      'ORIGIN/iframe',
      'ORIGIN/object',
      'ORIGIN/embed',
      'ORIGIN/video-poster',
      'ORIGIN/srcset-1x',
      'ORIGIN/picture-source',
      'ORIGIN/svg-image',
      'ORIGIN/preload',
      'ORIGIN/input-image',
      'ORIGIN/table-background',
      'file:///proc/self/environ',
      'http://169.254.169.254/latest/meta-data/',
    ]) {
      expect(attempted, expected).toContain(expected);
    }
    // Never attempted with JavaScript off: script src, fetch(); never via the interceptor: prefetch (see NETWORK_OFF_ARGS).
    expect(attempted).not.toContain('ORIGIN/script-src');
    expect(attempted).not.toContain('ORIGIN/script-fetch');

    const text = (await pdfText(printed.bytes)).join('\n');
    expect(text).not.toMatch(/AWS_|PATH=|HOME=/);
    expect(text).toContain('Hintergrund und Fremdschrift');
  });

  it('runs no JavaScript: a script writing into the page leaves no text, <noscript> shows', async () => {
    const html = fixtureHtml({
      rows: 1,
      extraBody: `<script>document.body.insertAdjacentHTML('beforeend', '<p>SKRIPT-LIEF</p>'); document.write('SKRIPT-SCHRIEB');</script>
<p><noscript>OHNE-SKRIPT</noscript></p><p onclick="x()">Ende</p>`,
    });
    const text = (await pdfText((await printer.print(html, OPTIONS)).bytes)).join('\n');
    expect(text).not.toContain('SKRIPT-LIEF');
    expect(text).not.toContain('SKRIPT-SCHRIEB');
    expect(text).toContain('OHNE-SKRIPT');
  });

  it('treats script text that arrives escaped as text (P1)', async () => {
    const escaped = '&lt;script&gt;fetch(&#39;http://169.254.169.254/&#39;)&lt;/script&gt;';
    const text = (
      await pdfText(
        (await printer.print(fixtureHtml({ rows: 1, extraBody: `<p>${escaped}</p>` }), OPTIONS)).bytes,
      )
    ).join('\n');
    expect(text).toContain("<script>fetch('http://169.254.169.254/')</script>");
    expect(hits).toEqual([]);
  });

  it.each([
    ['to a server', (o: string) => `<meta http-equiv="refresh" content="0;url=${o}/refresh">`],
    ['to the metadata service', () => '<meta http-equiv="refresh" content="0;url=http://169.254.169.254/">'],
    ['reloading itself', () => '<meta http-equiv="refresh" content="0">'],
  ])('refuses to print a page that navigates away (meta refresh %s)', async (_name, head) => {
    await printer.print(tiny('Vorher'), OPTIONS); // the browser runs before we count
    const before = printer.stats().launches;
    const failure = await printer
      .print(fixtureHtml({ rows: 1, extraHead: head(origin) }), OPTIONS)
      .catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(PrinterError);
    expect((failure as PrinterError).code).toBe('navigation');
    expect((failure as PrinterError).retryable).toBe(false);
    // Not the browser's fault: it stays in use, and the page was closed.
    await printer.print(tiny('Danach'), OPTIONS);
    expect(printer.stats().launches).toBe(before);
    expect((await printer.currentBrowser()?.pages())?.length ?? 0).toBeLessThanOrEqual(1);
    expect(hits).toEqual([]);
  });

  it('does not navigate to a data: URL either', async () => {
    const printed = await printer.print(
      fixtureHtml({
        rows: 1,
        extraHead: '<meta http-equiv="refresh" content="0;url=data:text/html,<p>FREMDSEITE</p>">',
      }),
      OPTIONS,
    );
    const text = (await pdfText(printed.bytes)).join('\n');
    expect(text).not.toContain('FREMDSEITE');
    expect(text).toContain(H.h1);
  });
});

describe('chromium printer: browser lifecycle', () => {
  it('reuses one browser for sequential and concurrent prints and closes every page', async () => {
    const printer = createChromiumPrinter();
    try {
      for (const name of ['Eins', 'Zwei', 'Drei']) await printer.print(tiny(name), OPTIONS);
      expect(printer.stats()).toMatchObject({ prints: 3, launches: 1, failedPrints: 0 });
      const browser = printer.currentBrowser();
      const baseline = (await browser?.pages())?.length;
      await Promise.all(['Vier', 'Fünf', 'Sechs'].map((name) => printer.print(tiny(name), OPTIONS)));
      expect(printer.stats()).toMatchObject({ prints: 6, launches: 1 });
      expect(printer.currentBrowser()).toBe(browser);
      // Only the browser's initial blank tab is left (if any): every print page was closed.
      expect((await browser?.pages())?.length).toBe(baseline);
      expect(baseline).toBeLessThanOrEqual(1);
    } finally {
      await printer.close();
    }
  });

  it('warmUp starts the browser ahead of the first print, which then uses it; a second warmUp does nothing', async () => {
    const printer = createChromiumPrinter();
    try {
      printer.warmUp();
      printer.warmUp();
      for (let i = 0; i < 400 && printer.stats().browserPid === undefined; i += 1)
        await new Promise((r) => setTimeout(r, 50));
      const pid = printer.stats().browserPid;
      expect(pid).toBeDefined();
      await printer.print(tiny('Nach dem Vorstart'), OPTIONS);
      expect(printer.stats()).toMatchObject({ launches: 1, prints: 1, browserPid: pid });
    } finally {
      await printer.close();
    }
  });

  it('recycles the browser after maxPrintsPerBrowser prints and ends the old process', async () => {
    const printer = createChromiumPrinter({ maxPrintsPerBrowser: 2 });
    try {
      const pids: number[] = [];
      for (let i = 1; i <= 5; i += 1) {
        await printer.print(tiny(`Druck ${i}`), OPTIONS);
        const pid = printer.stats().browserPid;
        if (pid !== undefined && !pids.includes(pid)) pids.push(pid);
      }
      expect(printer.stats()).toMatchObject({ prints: 5, launches: 3 });
      expect(pids).toHaveLength(3);
      for (const pid of pids.slice(0, -1)) expect(await waitForExit(pid, 10_000)).toBe(true);
    } finally {
      await printer.close();
    }
  });

  it('fails a print whose browser is killed mid-print as retryable, then recovers with a new browser (P6)', async () => {
    const printer = createChromiumPrinter();
    try {
      await printer.print(tiny('Start'), OPTIONS);
      const browser = printer.currentBrowser();
      const pid = printer.stats().browserPid;
      if (!browser || pid === undefined) throw new Error('no browser');
      // Kill Chromium shortly after the page finished loading, i.e. inside page.pdf() of a large document.
      browser.once('targetcreated', (target) => {
        void target
          .page()
          .then((page) => page?.once('load', () => setTimeout(() => process.kill(pid, 'SIGKILL'), 30)));
      });
      const failure = await printer
        .print(fixtureHtml({ rows: 4000 }), pdfOptions())
        .catch((err: unknown) => err);
      expect(failure).toBeInstanceOf(PrinterError);
      expect((failure as PrinterError).retryable).toBe(true);
      expect((failure as PrinterError).code).toBe('crashed');
      expect(await waitForExit(pid, 5_000)).toBe(true);

      const again = await printer.print(fixtureHtml({ rows: 10 }), pdfOptions());
      expect(again.pageCount).toBeGreaterThan(1);
      expect(printer.stats()).toMatchObject({ launches: 2, prints: 2, failedPrints: 1 });
      expect(printer.stats().browserPid).not.toBe(pid);
    } finally {
      await printer.close();
    }
  });

  it('rejects a print that exceeds timeoutMs quickly, and prints again afterwards', async () => {
    const printer = createChromiumPrinter();
    try {
      await printer.print(tiny('Start'), OPTIONS);
      const t0 = performance.now();
      const failure = await printer
        .print(fixtureHtml({ rows: 4000 }), pdfOptions({ timeoutMs: 150 }))
        .catch((err: unknown) => err);
      const elapsed = performance.now() - t0;
      expect(failure).toBeInstanceOf(PrinterError);
      expect((failure as PrinterError).code).toBe('timeout');
      expect((failure as PrinterError).retryable).toBe(true);
      expect(elapsed).toBeLessThan(5_000);
      const again = await printer.print(tiny('Danach'), OPTIONS);
      expect(again.pageCount).toBe(1);
      const pages = await printer.currentBrowser()?.pages();
      expect(pages?.length ?? 0).toBeLessThanOrEqual(1);
    } finally {
      await printer.close();
    }
  });

  it('uses a profile directory per browser and removes it on close and on recycling', async () => {
    const before = await profileDirs();
    const printer = createChromiumPrinter({ maxPrintsPerBrowser: 1 });
    const seen = new Set<string>();
    try {
      for (let i = 0; i < 3; i += 1) {
        await printer.print(tiny(`Profil ${i}`), OPTIONS);
        for (const dir of await profileDirs()) if (!before.has(dir)) seen.add(dir);
      }
      expect(seen.size).toBeGreaterThanOrEqual(2);
    } finally {
      await printer.close();
    }
    for (const dir of seen) expect(existsSync(dir), dir).toBe(false);
    const after = await profileDirs();
    expect([...after].filter((d) => !before.has(d))).toEqual([]);
  });

  it('deletes stale profile directories and Chromium leftovers in the temp directory at launch', async () => {
    const id = `${process.pid}-${Date.now()}`;
    const stale = join(tmpdir(), `sia-chromium-teststale-${id}`);
    const fresh = join(tmpdir(), `sia-chromium-testfresh-${id}`);
    const leftover = join(tmpdir(), `.org.chromium.Chromium.test-${id}`);
    for (const dir of [stale, fresh, leftover]) await mkdir(dir, { recursive: true });
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    await utimes(stale, twoHoursAgo, twoHoursAgo);
    await utimes(leftover, twoHoursAgo, twoHoursAgo);
    const printer = createChromiumPrinter();
    try {
      await printer.print(tiny('Aufräumen'), OPTIONS);
      expect(existsSync(stale)).toBe(false);
      expect(existsSync(leftover)).toBe(false);
      expect(existsSync(fresh)).toBe(true);
      expect(printer.stats().staleRemoved).toBeGreaterThanOrEqual(2);
    } finally {
      await printer.close();
      await rm(fresh, { recursive: true, force: true });
    }
  });

  it.each(['exit', 'throw'])(
    'kills the browser and removes its profile when the process ends without close() (%s)',
    async (how) => {
      const child = join(dirname(fileURLToPath(import.meta.url)), 'pdf', 'exit-child.ts');
      const run = spawnSync(process.execPath, ['--import', 'tsx', child, how], {
        encoding: 'utf8',
        timeout: 60_000,
      });
      const line = run.stdout.trim().split('\n').pop() ?? '';
      const { pid, profile } = JSON.parse(line) as { pid: number; profile: string };
      expect(profile).toMatch(/sia-chromium-/);
      expect(run.status).toBe(how === 'exit' ? 0 : 1);
      expect(existsSync(profile)).toBe(false);
      expect(await waitForExit(pid, 5_000)).toBe(true);
    },
  );

  it('refuses to print after close, with a non-retryable error', async () => {
    const printer = createChromiumPrinter();
    await printer.print(tiny('Einmal'), OPTIONS);
    const pid = printer.stats().browserPid;
    await printer.close();
    expect(pid !== undefined && (await waitForExit(pid, 5_000))).toBe(true);
    const failure = await printer.print(tiny('Zu spät'), OPTIONS).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(PrinterError);
    expect((failure as PrinterError).code).toBe('closed');
    expect((failure as PrinterError).retryable).toBe(false);
  });
});
