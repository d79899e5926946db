/**
 * A Chromium for driving the portal: the project's @sparticuz/chromium headless shell with
 * puppeteer-core, launched like src/adapters/chromium-printer.ts (pipe, own profile directory) but
 * with JavaScript on and with the same-origin policy in force: @sparticuz/chromium's
 * `--disable-web-security` / `--allow-running-insecure-content` are dropped, so CORS and the CSP are
 * really exercised. Every request the pages make is recorded; tests assert all went to 127.0.0.1.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import chromium from '@sparticuz/chromium';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

const UNSAFE_ARGS = new Set(['--disable-web-security', '--allow-running-insecure-content']);

export interface PortalBrowser {
  readonly browser: Browser;
  /** URLs of every request any page made that did not go to 127.0.0.1 (or data:/blob:). */
  readonly foreignRequests: string[];
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
  return {
    browser,
    foreignRequests,
    async newPage() {
      const page = await browser.newPage();
      page.on('request', (request) => {
        const url = request.url();
        if (!/^(http:\/\/127\.0\.0\.1[:/]|data:|blob:)/.test(url)) foreignRequests.push(url);
      });
      return page;
    },
    async close() {
      await browser.close().catch(() => browser.process()?.kill('SIGKILL'));
      await rm(profileDir, { recursive: true, force: true });
    },
  };
}
