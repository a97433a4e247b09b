// HTML → PDF through Debian's Chromium (puppeteer-core; never a downloaded browser). One browser per
// process, launched on first use and reused for every department; one page per document. Fonts are
// served from the project's own packages (fonts.ts); any other request is refused, so a document
// can never reach the network.
import { existsSync } from 'node:fs';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { fontFile } from './fonts.js';
import { readDestinations } from './pdf-destinations.js';

export interface PdfOptions {
  /** Fill the contents page with the page numbers of the headings (a second print pass). */
  readonly contentsPageNumbers: boolean;
}

export const defaultPdfOptions: PdfOptions = { contentsPageNumbers: true };

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function chromiumPath(): string {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) throw new Error('找不到 Chromium：请安装 Debian 的 chromium 软件包（apt-get install chromium），或设置环境变量 CHROMIUM_PATH');
  return found;
}

/**
 * Runs in the page: a table wider than its page (large amounts in a 16-column table) gets a smaller
 * font, step by step, until it fits — measured by the browser's own layout, never cut at the edge.
 */
function fitWideTables(): void {
  for (const table of Array.from(document.querySelectorAll<HTMLTableElement>('table.grid:not(.fixed)'))) {
    const box = table.parentElement!;
    let size = parseFloat(getComputedStyle(table.querySelector('td, th')!).fontSize);
    while (table.scrollWidth > box.clientWidth + 0.5 && size > 6) {
      size -= 0.25;
      table.style.setProperty('--fit', `${size}px`);
      table.classList.add('fitted');
    }
  }
}

/** Runs in the page: put each heading's page number into its contents entry. */
function numberContents(pages: Record<string, number>): void {
  for (const slot of Array.from(document.querySelectorAll<HTMLElement>('.pg[data-for]'))) {
    const page = pages[slot.dataset.for!];
    if (page !== undefined) slot.textContent = String(page);
  }
}

export class PdfRenderer {
  private browser: Promise<Browser> | undefined;
  /**
   * Pages are kept and reused from one document to the next: the fonts they loaded stay in the
   * renderer's cache, which saves most of a second per document in a batch.
   */
  private readonly idle: Page[] = [];

  private launch(): Promise<Browser> {
    this.browser ??= puppeteer.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--font-render-hinting=none'],
    });
    return this.browser;
  }

  private async page(): Promise<Page> {
    const reused = this.idle.pop();
    if (reused) return reused;
    const page = await (await this.launch()).newPage();
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      const body = fontFile(req.url());
      // fonts are immutable: let the renderer cache them for the next documents of the batch
      if (body) void req.respond({ status: 200, contentType: 'font/woff2', headers: { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'public, max-age=31536000, immutable' }, body });
      else if (req.url().startsWith('data:')) void req.continue();
      else void req.abort('blockedbyclient');
    });
    return page;
  }

  async render(html: string, options: PdfOptions = defaultPdfOptions): Promise<Uint8Array> {
    const page = await this.page();
    let healthy = false;
    try {
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      await page.evaluate(fitWideTables);
      // page numbers are printed by the page's own CSS (@page margin boxes), not a footer template
      const print = (final: boolean) => page.pdf({ printBackground: true, preferCSSPageSize: true, outline: final, tagged: final });
      if (options.contentsPageNumbers && (await page.$('nav.toc'))) {
        // each contents entry links to its heading, so a first (lighter, untagged) print tells the
        // page of every heading: write the numbers in, then print for real (the numbers take no
        // more room than the blanks did, so nothing moves)
        const pages = Object.fromEntries(readDestinations(await print(false)));
        await page.evaluate(numberContents, pages);
      }
      const pdf = await print(true);
      healthy = true;
      return pdf;
    } finally {
      if (healthy) this.idle.push(page);
      else await page.close().catch(() => undefined);
    }
  }

  async close(): Promise<void> {
    const b = this.browser;
    this.browser = undefined;
    this.idle.length = 0;
    if (b) await (await b).close();
  }
}
