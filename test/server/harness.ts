// The web page's test harness: the real server on a free loopback port, driven by Debian's
// Chromium through puppeteer-core at 1366×768; screenshots kept under test/server/artifacts/.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { startServer, type RunningServer, type ServeOptions } from '../../src/server/index.js';
import { chromiumPath } from '../../src/writers/pdf.js';
import { ROOT } from '../helpers.js';

export const ARTIFACTS = join(ROOT, 'test/server/artifacts');

/** The server and a browser to drive it. */
export interface Session {
  readonly server: RunningServer;
  readonly browser: Browser;
  /** Log lines the server printed. */
  readonly log: string[];
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export async function session(options: Partial<ServeOptions> = {}): Promise<Session> {
  const log: string[] = [];
  const server = await startServer({ host: '127.0.0.1', port: 0, ...options }, (l) => log.push(l));
  const browser = await puppeteer.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking'],
  });
  return {
    server,
    browser,
    log,
    newPage: async () => {
      const page = await browser.newPage();
      await page.setViewport({ width: 1366, height: 768 });
      return page;
    },
    close: async () => {
      await browser.close().catch(() => undefined);
      await server.close();
    },
  };
}

/** Save a screenshot of what the user sees (the first screen) and print where it is. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: path as `${string}.png`, fullPage });
  process.stdout.write(`screenshot: ${path}\n`);
  return path;
}

/** Choose files in a file input of the upload form and press its button. */
export async function upload(page: Page, files: readonly string[], input = '#files'): Promise<void> {
  const chooser = await page.$(input);
  if (!chooser) throw new Error(`no ${input}`);
  await (chooser as unknown as { uploadFile(...paths: string[]): Promise<void> }).uploadFile(...files);
  await page.click('#upload-button');
}

/** Text of every element matching `selector`. */
export function texts(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (els) => els.map((e) => (e as HTMLElement).innerText.trim()));
}

/** Wait until the preview image shows page `n`, loaded and drawn. */
export async function pageShown(page: Page, n: number): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const img = document.getElementById('page-image') as HTMLImageElement | null;
      return !!img && img.src.endsWith(`/pages/${n}.png`) && img.complete && img.naturalWidth > 0;
    },
    { timeout: 30_000 },
    n,
  );
}
