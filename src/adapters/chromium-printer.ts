/**
 * PdfPrinter on Chromium (@sparticuz/chromium's headless shell + puppeteer-core), the same binary and
 * launch path in tests, locally and in Lambda.
 *
 * - One browser, launched lazily on the first print and reused; recycled after `maxPrintsPerBrowser`
 *   prints, after a failed print, and when it disconnected (crash). In-flight prints on a recycled
 *   browser finish first; then it is closed (raced against a timeout, then SIGKILL) and its profile
 *   (a unique `sia-chromium-*` directory in the temp directory) removed. DevTools runs over a pipe.
 * - Every print gets a fresh page with JavaScript off and request interception on: only `data:` URLs
 *   are continued, everything else is aborted ('blockedbyclient') and counted. Under that, no host name
 *   or IP resolves in the browser at all (NETWORK_OFF_ARGS), because `<link rel=prefetch>` bypasses
 *   interception. The HTML is set with setContent (never a file:// navigation); a page that navigates
 *   away (meta refresh) is refused instead of printing Chromium's error page.
 * - The whole print (including a launch it waits for) is bounded by `timeoutMs` with our own timer;
 *   the page is always closed, with repeated close calls and never waiting longer than closeTimeoutMs.
 * - Chromium's tagged PDF is finished in one rewrite (src/adapters/pdf/finish.ts): header, footer and
 *   decorations become artifacts, figures get a bounding box, links a /Contents, the TOC its page numbers
 *   (PrintOptions.tocPageNumbers), the document XMP metadata with the PDF/UA identification, title, author
 *   and /Lang. Page count, bookmarks and link targets are read back at the same time.
 * - `warmUp()` launches the browser ahead of the first print (the caller overlaps it with its own work).
 * - Housekeeping of the temp directory: stale profiles and `.org.chromium.Chromium.*` leftovers are
 *   removed at launch; live profiles are removed even when the process exits without close().
 */
import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import chromium from '@sparticuz/chromium';
import puppeteer, { type Browser, type HTTPRequest, type Page, type PDFOptions } from 'puppeteer-core';
import type { PdfPrinter, PrintedPdf, PrintOptions } from '../core/ports.js';
import { finishPdf } from './pdf/finish.js';
import { PrinterError } from './pdf/printer-error.js';
import { isAllowedRequestUrl } from './pdf/request-policy.js';
import { createProfileDir, removeDir, removeStaleChromiumFiles } from './pdf/temp-dirs.js';

export { PrinterError, isPrinterError } from './pdf/printer-error.js';

export interface ChromiumPrinterOptions {
  /** Prints per browser before it is replaced by a fresh one (default 50). */
  readonly maxPrintsPerBrowser?: number;
  /** Upper bound for one browser launch (default 30 000 ms; Sparticuz #177 saw launches hang for 30 s). */
  readonly launchTimeoutMs?: number;
  /** Called with every URL a page tried to load and the printer aborted. */
  readonly onBlockedRequest?: (url: string) => void;
  /** Upper bound for closing a page or the browser before we stop waiting / kill it (default 5 000 ms). */
  readonly closeTimeoutMs?: number;
  /** Profile directories of other processes older than this are deleted at launch (default 1 h). */
  readonly staleProfileAgeMs?: number;
  /** `.org.chromium.Chromium.*` entries in the temp directory older than this are deleted at launch (default 10 min). */
  readonly staleLeftoverAgeMs?: number;
  /** Extra Chromium flags, appended to @sparticuz/chromium's. */
  readonly extraArgs?: readonly string[];
  /** Folder with @sparticuz/chromium's `.br` files (Lambda bundle: CHROMIUM_BIN_DIR); default: the package's own `bin`. */
  readonly binDir?: string;
  /** Called after every successful print with the time spent in each of its steps (for the bench). */
  readonly onTiming?: (timing: PrintTiming) => void;
}

/** Milliseconds per step of one print. */
export interface PrintTiming {
  /** Waiting for a browser (its launch, unless warmUp started it early enough). */
  readonly browserMs: number;
  /** New page, JavaScript off, request interception on. */
  readonly pageMs: number;
  /** setContent until the document and its fonts loaded. */
  readonly contentMs: number;
  /** Chromium's page.pdf. */
  readonly pdfMs: number;
  /** The finishing rewrite (src/adapters/pdf/finish.ts). */
  readonly finishMs: number;
}

export interface ChromiumPrinterStats {
  /** Successful prints. */
  readonly prints: number;
  /** Prints that rejected. */
  readonly failedPrints: number;
  readonly launches: number;
  readonly blockedRequests: number;
  readonly allowedRequests: number;
  /** Stale temp entries removed at launches. */
  readonly staleRemoved: number;
  /** Process id of the current browser, if one is running (for tests and diagnostics). */
  readonly browserPid: number | undefined;
}

export type ChromiumPrinter = PdfPrinter & {
  warmUp(): void;
  stats(): ChromiumPrinterStats;
  /** The current browser, if one is running (tests use it to count pages). */
  currentBrowser(): Browser | undefined;
};

interface BrowserSlot {
  readonly browser: Browser;
  readonly process: ChildProcess | null;
  readonly profileDir: string;
  /** Prints started on this browser. */
  started: number;
  /** Prints currently running on this browser. */
  active: number;
  retired: boolean;
  disconnected: boolean;
  disposing?: Promise<void>;
}

const DEFAULT_MAX_PRINTS = 50;
const DEFAULT_LAUNCH_TIMEOUT_MS = 30_000;
const DEFAULT_CLOSE_TIMEOUT_MS = 5_000;
const HOUR_MS = 3_600_000;

/**
 * Second layer under request interception: no host name or IP literal resolves, so nothing the browser
 * starts on its own can connect anywhere. Needed because `<link rel=prefetch>` requests bypass page
 * request interception (measured: with interception alone they reached a server on 127.0.0.1).
 */
const NETWORK_OFF_ARGS = ['--host-resolver-rules=MAP * ~NOTFOUND'];

/**
 * The page.pdf options of every print (exported for the bench's bare-Chromium floor and for tests that need
 * Chromium's unfinished output).
 */
export function chromiumPdfOptions(
  options: Pick<PrintOptions, 'headerTemplate' | 'footerTemplate'>,
): PDFOptions {
  const headerTemplate = options.headerTemplate ?? '';
  const footerTemplate = options.footerTemplate ?? '';
  return {
    format: 'A4',
    printBackground: true,
    tagged: true,
    outline: true,
    displayHeaderFooter: headerTemplate !== '' || footerTemplate !== '',
    // With header/footer on, an empty template must be explicit, or Chromium prints its default (date, title, URL).
    headerTemplate: headerTemplate === '' ? '<span></span>' : headerTemplate,
    footerTemplate: footerTemplate === '' ? '<span></span>' : footerTemplate,
    margin: { top: '21mm', bottom: '19mm', left: '18mm', right: '18mm' },
    preferCSSPageSize: false,
  };
}

/** Races `promise` against a timer; `onTimeout` builds the rejection. The loser's rejection is swallowed. */
function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  promise.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), Math.max(1, ms));
    timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Calls `close` again every `everyMs` until one call settles or `totalMs` ran out (README FAQ of
 * @sparticuz/chromium: race repeated close calls). Measured: after a page navigated itself (meta
 * refresh) about one close in ten hung until a second Target.closeTarget was sent. Resolves whether it closed.
 */
async function closeRepeatedly(close: () => Promise<void>, totalMs: number, everyMs = 250): Promise<boolean> {
  let settled = false;
  const until = Date.now() + totalMs;
  while (!settled && Date.now() < until) {
    const attempt = close().then(
      () => {
        settled = true;
      },
      () => {
        // Rejects when the target or connection is already gone: closed as well.
        settled = true;
      },
    );
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      attempt,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, Math.max(1, Math.min(everyMs, until - Date.now())));
        timer.unref();
      }),
    ]);
    clearTimeout(timer);
  }
  return settled;
}

function waitForExit(proc: ChildProcess, ms: number): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(done, ms);
    timer.unref();
    proc.once('exit', done);
  });
}

function isConnectionLoss(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (err.name === 'TargetCloseError' || err.name === 'ConnectionClosedError') return true;
  return /Target closed|Session closed|Connection closed|browser has disconnected|Protocol error.*(closed|detached)/i.test(
    err.message,
  );
}

/**
 * Browsers of all printers in this process that are not disposed yet. If the process exits without
 * close() (an uncaught error, process.exit, a test runner tearing down), their processes are killed and
 * their profile directories removed synchronously; otherwise every such exit left a full profile in the
 * temp directory (seen while developing). A SIGKILL of Node itself still leaves them: the stale-profile
 * cleanup at the next launch takes care of those.
 */
const liveBrowsers = new Set<{ readonly process: ChildProcess | null; readonly profileDir: string }>();
let exitHookInstalled = false;

function trackBrowser(entry: { readonly process: ChildProcess | null; readonly profileDir: string }): void {
  liveBrowsers.add(entry);
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const { process: proc, profileDir } of liveBrowsers) {
      try {
        if (proc && proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
      } catch {
        // Already gone.
      }
      try {
        rmSync(profileDir, { recursive: true, force: true, maxRetries: 2 });
      } catch {
        // Best effort at exit.
      }
    }
  });
}

function isNavigationError(err: unknown): boolean {
  return err instanceof Error && /Execution context was destroyed|because of a navigation/i.test(err.message);
}

/** Maps whatever a print threw to a PrinterError. */
function classify(
  err: unknown,
  slot: BrowserSlot | undefined,
  navigated: boolean,
  navigationError: () => PrinterError,
): PrinterError {
  if (err instanceof PrinterError) return err;
  // A navigation destroys the execution context puppeteer waits in (setContent, pdf's font check).
  if (navigated || isNavigationError(err)) return navigationError();
  if (slot && (slot.disconnected || !slot.browser.connected || isConnectionLoss(err))) {
    return new PrinterError('crashed', 'Chromium ist beim Erzeugen des PDF abgestürzt.', {
      retryable: true,
      cause: err,
    });
  }
  if (err instanceof Error && err.name === 'TimeoutError') {
    return new PrinterError('timeout', 'Zeitüberschreitung beim Erzeugen des PDF.', {
      retryable: true,
      cause: err,
    });
  }
  return new PrinterError('print', 'Das PDF konnte nicht erzeugt werden.', { retryable: true, cause: err });
}

export function createChromiumPrinter(options: ChromiumPrinterOptions = {}): ChromiumPrinter {
  const maxPrints = Math.max(1, options.maxPrintsPerBrowser ?? DEFAULT_MAX_PRINTS);
  const launchTimeoutMs = options.launchTimeoutMs ?? DEFAULT_LAUNCH_TIMEOUT_MS;
  const closeTimeoutMs = options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS;

  const counters = { prints: 0, failedPrints: 0, launches: 0, blocked: 0, allowed: 0, staleRemoved: 0 };
  const slots = new Set<BrowserSlot>();
  let current: BrowserSlot | undefined;
  let launching: Promise<BrowserSlot> | undefined;
  let closed = false;

  function dispose(slot: BrowserSlot): Promise<void> {
    slot.disposing ??= (async () => {
      try {
        await withTimeout(slot.browser.close(), closeTimeoutMs, () => new Error('browser.close timed out'));
      } catch {
        // Hung or already gone: kill below.
      }
      const proc = slot.process;
      if (proc && proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGKILL');
        await waitForExit(proc, closeTimeoutMs);
      }
      await removeDir(slot.profileDir).catch(() => undefined);
      slots.delete(slot);
      liveBrowsers.delete(slot);
    })();
    return slot.disposing;
  }

  function retire(slot: BrowserSlot): void {
    if (current === slot) current = undefined;
    slot.retired = true;
    if (slot.active === 0) void dispose(slot);
  }

  async function launch(): Promise<BrowserSlot> {
    const keep = new Set([...liveBrowsers].map((b) => b.profileDir));
    const removed = await removeStaleChromiumFiles({
      profileMaxAgeMs: options.staleProfileAgeMs ?? HOUR_MS,
      leftoverMaxAgeMs: options.staleLeftoverAgeMs ?? HOUR_MS / 6,
      keep,
      now: Date.now(),
    });
    counters.staleRemoved += removed.length;

    const profileDir = await createProfileDir();
    const started = (async (): Promise<Browser> => {
      const executablePath = await chromium.executablePath(options.binDir);
      return puppeteer.launch({
        executablePath,
        args: [...chromium.args, ...NETWORK_OFF_ARGS, ...(options.extraArgs ?? [])],
        headless: 'shell',
        userDataDir: profileDir,
        // No DevTools port on 127.0.0.1: the protocol runs over a pipe only this process holds.
        pipe: true,
        timeout: launchTimeoutMs,
        // Our own timers bound every print; this only catches a protocol call that never answers.
        protocolTimeout: Math.max(launchTimeoutMs, 180_000),
      });
    })();
    let browser: Browser;
    try {
      browser = await withTimeout(
        started,
        launchTimeoutMs + 1_000,
        () => new Error(`launch timed out after ${launchTimeoutMs} ms`),
      );
    } catch (err) {
      // A launch that completes after our timeout must not leak a browser.
      void started.then((late) => late.close()).catch(() => undefined);
      await removeDir(profileDir).catch(() => undefined);
      throw new PrinterError('launch', 'Der PDF-Drucker (Chromium) konnte nicht gestartet werden.', {
        retryable: true,
        cause: err,
      });
    }
    counters.launches += 1;
    const slot: BrowserSlot = {
      browser,
      process: browser.process(),
      profileDir,
      started: 0,
      active: 0,
      retired: false,
      disconnected: false,
    };
    browser.once('disconnected', () => {
      slot.disconnected = true;
      retire(slot);
    });
    slots.add(slot);
    trackBrowser(slot);
    if (closed) {
      void dispose(slot);
      throw new PrinterError('closed', 'Der PDF-Drucker wurde bereits geschlossen.', { retryable: false });
    }
    return slot;
  }

  async function acquire(): Promise<BrowserSlot> {
    if (current && (current.disconnected || !current.browser.connected || current.started >= maxPrints))
      retire(current);
    if (!current) {
      launching ??= launch().finally(() => {
        launching = undefined;
      });
      const slot = await launching;
      if (!slot.retired && !closed) current ??= slot;
    }
    const slot = current;
    if (!slot)
      throw new PrinterError('crashed', 'Chromium war nach dem Start nicht mehr verfügbar.', {
        retryable: true,
      });
    slot.started += 1;
    slot.active += 1;
    return slot;
  }

  function release(slot: BrowserSlot): void {
    slot.active -= 1;
    if (slot.retired && slot.active === 0) void dispose(slot);
  }

  /**
   * The interception policy of one print. A navigation of the main frame (meta refresh, a form, …) is
   * aborted like any request, and also remembered: Chromium would replace the document with an error
   * page, so such a print must fail instead of printing it.
   */
  function requestHandler(page: Page, state: { navigationBlocked: boolean }): (request: HTTPRequest) => void {
    return (request) => {
      if (request.isInterceptResolutionHandled()) return;
      const url = request.url();
      const leavesDocument = request.isNavigationRequest() && request.frame() === page.mainFrame();
      if (!leavesDocument && isAllowedRequestUrl(url)) {
        counters.allowed += 1;
        request.continue().catch(() => undefined);
        return;
      }
      counters.blocked += 1;
      // Even to a data: URL: the document we print is the one we set, nothing else.
      if (leavesDocument) state.navigationBlocked = true;
      try {
        options.onBlockedRequest?.(url);
      } catch {
        // A failing observer must neither let the request through nor stall it.
      }
      request.abort('blockedbyclient').catch(() => undefined);
    };
  }

  /** Closes a page once (later calls share the first attempt), never waiting longer than closeTimeoutMs; a page that cannot be closed retires its browser. */
  const pageClosings = new WeakMap<Page, Promise<void>>();
  function closePage(page: Page, slot: BrowserSlot): Promise<void> {
    let closing = pageClosings.get(page);
    if (!closing) {
      closing = slot.disconnected
        ? Promise.resolve()
        : closeRepeatedly(() => page.close(), closeTimeoutMs).then((ok) => {
            if (!ok) retire(slot);
          });
      pageClosings.set(page, closing);
    }
    return closing;
  }

  async function print(html: string, printOptions: PrintOptions): Promise<PrintedPdf> {
    if (closed)
      throw new PrinterError('closed', 'Der PDF-Drucker wurde bereits geschlossen.', { retryable: false });
    // Never 0: puppeteer reads 0 as "no timeout".
    const timeoutMs = printOptions.timeoutMs > 0 ? printOptions.timeoutMs : 60_000;
    const deadline = Date.now() + timeoutMs;
    const remaining = (): number => Math.max(1, deadline - Date.now());
    const navigationError = (): PrinterError =>
      new PrinterError(
        'navigation',
        'Das HTML des Berichts versucht, eine andere Seite zu laden (z. B. per meta refresh); es wurde nicht gedruckt.',
        {
          retryable: false,
        },
      );
    const abandonedError = (): PrinterError =>
      new PrinterError('timeout', `Zeitüberschreitung beim Erzeugen des PDF (über ${timeoutMs} ms).`, {
        retryable: true,
      });

    let slot: BrowserSlot | undefined;
    let page: Page | undefined;
    let abandoned = false;
    /** Set when the main frame navigated or tried to (see requestHandler). */
    const navigation = { navigationBlocked: false };

    const work = async (): Promise<PrintedPdf> => {
      const t0 = performance.now();
      const acquired = await acquire();
      const t1 = performance.now();
      let t2 = t1;
      let t3 = t1;
      slot = acquired;
      let raw: Uint8Array;
      try {
        if (abandoned) throw abandonedError();
        const opened = await acquired.browser.newPage();
        page = opened;
        if (abandoned) throw abandonedError();
        await opened.setJavaScriptEnabled(false);
        await opened.setRequestInterception(true);
        opened.on('request', requestHandler(opened, navigation));
        // setContent itself commits no navigation; any later commit of the main frame (a meta refresh, even
        // one reloading about:blank without any request) replaced the document we set.
        opened.on('framenavigated', (frame) => {
          if (frame === opened.mainFrame()) navigation.navigationBlocked = true;
        });
        t2 = performance.now();
        await opened.setContent(html, { waitUntil: 'load', timeout: remaining() });
        t3 = performance.now();
        const leftDocument = (): boolean => navigation.navigationBlocked || opened.url() !== 'about:blank';
        if (leftDocument()) throw navigationError();
        const rendering = opened.pdf({ ...chromiumPdfOptions(printOptions), timeout: remaining() });
        try {
          printOptions.onRendering?.();
        } catch {
          // The caller's work must not fail the print.
        }
        raw = await rendering;
        if (abandoned) throw abandonedError();
        // A navigation during printing leaves an error page (chrome-error://chromewebdata/) behind: never deliver that.
        if (leftDocument()) throw navigationError();
      } finally {
        if (page) await closePage(page, acquired);
        release(acquired);
      }
      // The browser is free for the next print while this one is finished here.
      const t4 = performance.now();
      let finished: Awaited<ReturnType<typeof finishPdf>>;
      try {
        finished = await finishPdf(raw, {
          title: printOptions.title,
          author: printOptions.author,
          lang: 'de',
          tocPageNumbers: printOptions.tocPageNumbers === true,
        });
      } catch (err) {
        throw new PrinterError('finish', 'Das PDF konnte nicht barrierefrei aufbereitet werden.', {
          retryable: false,
          cause: err,
        });
      }
      if (abandoned) throw abandonedError();
      try {
        options.onTiming?.({
          browserMs: t1 - t0,
          pageMs: t2 - t1,
          contentMs: t3 - t2,
          pdfMs: t4 - t3,
          finishMs: performance.now() - t4,
        });
      } catch {
        // A failing observer must not fail the print.
      }
      return {
        bytes: finished.bytes,
        pageCount: finished.pageCount,
        outline: finished.outline,
        linkTargets: finished.linkTargets,
      };
    };

    try {
      const result = await withTimeout(work(), timeoutMs, () => {
        abandoned = true;
        return abandonedError();
      });
      counters.prints += 1;
      return result;
    } catch (err) {
      counters.failedPrints += 1;
      const failed = slot as BrowserSlot | undefined;
      const error = classify(err, failed, navigation.navigationBlocked, navigationError);
      // After a failure the next print gets a fresh browser: cheap, and no state of a troubled one survives.
      // A page that navigated away is the HTML's fault, not the browser's.
      if (failed && error.code !== 'navigation' && error.code !== 'finish') retire(failed);
      throw error;
    } finally {
      abandoned = true;
      // On a timeout the work may still be inside page.pdf(): closing the page ends it. Never waits longer than closeTimeoutMs.
      const open = page as Page | undefined;
      const used = slot as BrowserSlot | undefined;
      if (open && used) await closePage(open, used);
    }
  }

  function warmUp(): void {
    if (closed || current || launching) return;
    launching = launch().finally(() => {
      launching = undefined;
    });
    launching.then(
      (slot) => {
        if (!slot.retired && !closed) current ??= slot;
      },
      // A failed launch surfaces again (and is classified) on the first print, which launches anew.
      () => undefined,
    );
  }

  async function close(): Promise<void> {
    closed = true;
    current = undefined;
    const pending = launching;
    if (pending) await pending.catch(() => undefined);
    await Promise.all([...slots].map((slot) => dispose(slot)));
  }

  return {
    warmUp,
    print,
    close,
    stats: () => ({
      prints: counters.prints,
      failedPrints: counters.failedPrints,
      launches: counters.launches,
      blockedRequests: counters.blocked,
      allowedRequests: counters.allowed,
      staleRemoved: counters.staleRemoved,
      browserPid: current?.process?.pid,
    }),
    currentBrowser: () => current?.browser,
  };
}
