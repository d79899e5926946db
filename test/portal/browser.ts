/**
 * A Chromium for driving the portal: the project's @sparticuz/chromium headless shell with
 * puppeteer-core, launched like src/adapters/chromium-printer.ts (pipe, own profile directory) but
 * with JavaScript on and with the same-origin policy in force: @sparticuz/chromium's
 * `--disable-web-security` / `--allow-running-insecure-content` are dropped, so CORS and the CSP are
 * really exercised. Every request the pages make is recorded (tests assert all went to 127.0.0.1),
 * and so is every console error, uncaught exception and CSP violation: tests fail on any of them,
 * except a failed resource load the test itself provoked and declared with `allowHttpError`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import chromium from '@sparticuz/chromium';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

const UNSAFE_ARGS = new Set(['--disable-web-security', '--allow-running-insecure-content']);
const FAILED_LOAD = /^Failed to load resource: the server responded with a status of (\d+)/;

export interface PortalBrowser {
  readonly browser: Browser;
  /** URLs of every request any page made that did not go to 127.0.0.1 (or data:/blob:). */
  readonly foreignRequests: string[];
  /** Console errors, page errors and CSP violations of every page (`<text> @ <url>`). */
  readonly consoleErrors: string[];
  /** A failed load of a URL matching `url` with this HTTP status is expected (e.g. a provoked 403). */
  allowHttpError(url: RegExp, status: number): void;
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function launchPortalBrowser(): Promise<PortalBrowser> {
  const profileDir = await mkdtemp(join(tmpdir(), 'sia-portal-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: await chromium.executablePath(),
    args: [...chromium.args.filter((a) => !UNSAFE_ARGS.has(a)), '--lang=de-DE'],
    headless: 'shell',
    userDataDir: profileDir,
    pipe: true,
    timeout: 30_000,
    defaultViewport: { width: 1280, height: 900 },
  });
  const foreignRequests: string[] = [];
  const consoleErrors: string[] = [];
  const allowed: { url: RegExp; status: number }[] = [];
  return {
    browser,
    foreignRequests,
    consoleErrors,
    allowHttpError(url, status) {
      allowed.push({ url, status });
    },
    async newPage() {
      const page = await browser.newPage();
      page.on('request', (request) => {
        const url = request.url();
        if (!/^(http:\/\/127\.0\.0\.1[:/]|data:|blob:)/.test(url)) foreignRequests.push(url);
      });
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        const url = message.location().url ?? '';
        const status = FAILED_LOAD.exec(message.text())?.[1];
        if (status && allowed.some((a) => a.status === Number(status) && a.url.test(url))) return;
        consoleErrors.push(`${message.text()} @ ${url}`);
      });
      page.on('pageerror', (error) => consoleErrors.push(`Uncaught: ${(error as Error).message}`));
      return page;
    },
    async close() {
      await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}
