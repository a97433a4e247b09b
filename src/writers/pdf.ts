// HTML → PDF through Debian's Chromium (puppeteer-core; never a downloaded browser). One browser per
// process, launched on first use and reused for every department; one page per document. Fonts are
// served from the project's own packages (fonts.ts); any other request is refused, so a document
// can never reach the network.
import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer-core';
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

  private launch(): Promise<Browser> {
    this.browser ??= puppeteer.launch({
      executablePath: chromiumPath(),
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--font-render-hinting=none'],
    });
    return this.browser;
  }

  async render(html: string, options: PdfOptions = defaultPdfOptions): Promise<Uint8Array> {
    const browser = await this.launch();
    const page = await browser.newPage();
    try {
      await page.setRequestInterception(true);
      page.on('request', (req) => {
        const body = fontFile(req.url());
        if (body) void req.respond({ status: 200, contentType: 'font/woff2', headers: { 'Access-Control-Allow-Origin': '*' }, body });
        else if (req.url().startsWith('data:')) void req.continue();
        else void req.abort('blockedbyclient');
      });
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      await page.evaluate(fitWideTables);
      // page numbers are printed by the page's own CSS (@page margin boxes), not a footer template
      const print = () => page.pdf({ printBackground: true, preferCSSPageSize: true, outline: true, tagged: true });
      let pdf = await print();
      if (options.contentsPageNumbers && (await page.$('nav.toc'))) {
        // each contents entry links to its heading, so the PDF knows the heading's page: write the
        // numbers in and print again (they take no more room than the blanks did)
        const pages = Object.fromEntries(readDestinations(pdf));
        await page.evaluate(numberContents, pages);
        pdf = await print();
      }
      return pdf;
    } finally {
      await page.close();
    }
  }

  async close(): Promise<void> {
    const b = this.browser;
    this.browser = undefined;
    if (b) await (await b).close();
  }
}
