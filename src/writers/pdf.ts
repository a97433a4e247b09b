// HTML → PDF through Debian's Chromium (puppeteer-core; never a downloaded browser). One browser per
// process, launched on first use and reused for every department; one page per document. Fonts are
// served from the project's own packages (fonts.ts); any other request is refused, so a document
// can never reach the network.
//
// Chromium prints each document once. The contents page needs the page numbers of the headings,
// which only the print knows: the first print leaves them blank (they take no room), the page each
// heading landed on is read from the PDF, and then only the cover and contents pages are printed
// again with the numbers and put in place of the blank ones (pdf-document.ts, pdf-lib). Bookmarks and
// the document information are added the same way; Chromium prints untagged, without its outline.
import { existsSync } from 'node:fs';
import { mkdtemp, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import type { DocumentMeta } from '../model/document.js';
import { fontFile } from './fonts.js';
import { destinations, loadPdf, replaceFrontPages, savePdf, setDocumentInfo, setOutline, type Bookmark } from './pdf-document.js';

export interface PdfOptions {
  /** Fill the contents page with the page numbers of the headings (its pages printed a second time). */
  readonly contentsPageNumbers: boolean;
  /** A bookmark for every heading (h1–h4), nested by level (absent: true). */
  readonly outline?: boolean;
  /** Bookmark texts other than the heading's own, by heading text in document order (a table's number and project). */
  readonly bookmarkTitles?: readonly { readonly title: string; readonly outline: string }[];
  /** The document information (title, author, dates …); absent: Chromium's own. */
  readonly meta?: DocumentMeta;
}

export const defaultPdfOptions: PdfOptions = { contentsPageNumbers: true, outline: true };

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
 * font, step by step, until it fits — measured by the browser's own layout, never cut at the edge —
 * but never below 7 pt. A table still too wide at 7 pt lets its figures wrap rather than run off
 * the page (anything wider than the page makes Chromium shrink every page of the document).
 */
function fitWideTables(): void {
  const floor = 28 / 3; // 7 pt in CSS pixels
  for (const table of Array.from(document.querySelectorAll<HTMLTableElement>('table.grid:not(.fixed)'))) {
    const box = table.parentElement!;
    let size = parseFloat(getComputedStyle(table.querySelector('td, th')!).fontSize);
    while (table.scrollWidth > box.clientWidth + 0.5 && size > floor) {
      size = Math.max(floor, size - 0.25);
      table.style.setProperty('--fit', `${size}px`);
      table.classList.add('fitted');
    }
    if (table.scrollWidth > box.clientWidth + 0.5) table.classList.add('overfull');
  }
}

/** Runs in the page: put each heading's page number into its contents entry. */
function numberContents(pages: Record<string, number>): void {
  for (const slot of Array.from(document.querySelectorAll<HTMLElement>('.pg[data-for]'))) {
    const page = pages[slot.dataset.for!];
    if (page !== undefined) slot.textContent = String(page);
  }
}

/** Runs in the page: only the pages up to the contents are left, to be printed again with the numbers. */
function keepFront(): void {
  const sections = Array.from(document.querySelectorAll('body > section'));
  const last = sections.findIndex((s) => s.querySelector('nav.toc'));
  for (const s of sections.slice(last + 1)) s.remove();
}

/**
 * Runs in the page: every heading becomes a link target (an id, and a link to it in a hidden list),
 * so that Chromium writes a named destination for each; returns the headings for the bookmarks.
 */
function markHeadings(): { id: string; level: number; title: string }[] {
  const headings = Array.from(document.querySelectorAll<HTMLElement>('h1, h2, h3, h4'));
  const links = document.createElement('div');
  links.hidden = true;
  const found = headings.map((h, i) => {
    if (!h.id) h.id = `juesuan-heading-${i}`;
    const a = document.createElement('a');
    a.href = `#${h.id}`;
    links.append(a);
    return { id: h.id, level: Number(h.tagName.slice(1)), title: (h.textContent ?? '').replace(/\s+/g, ' ').trim() };
  });
  document.body.append(links);
  return found;
}

/** One print of the page as it is: untagged, without Chromium's outline (pdf-document.ts adds the bookmarks); page numbers come from the page's own CSS (@page margin boxes). */
function printPage(page: Page): Promise<Uint8Array> {
  return page.pdf({ printBackground: true, preferCSSPageSize: true, outline: false, tagged: false });
}

/** Bookmarks with their other texts: each rename applies to the next heading of its title, in order. */
function retitled(headings: readonly Bookmark[], renames: PdfOptions['bookmarkTitles']): Bookmark[] {
  let next = 0;
  return headings.map((h) => {
    const r = renames?.[next];
    if (!r || h.title !== r.title) return h;
    next++;
    return { ...h, title: r.outline };
  });
}

/** Chromium died (killed, out of memory) while printing: the document is not at fault, print it again. */
export class BrowserCrashedError extends Error {
  constructor() {
    super('Chromium 在打印 PDF 时意外退出（可能是内存不足或被其他程序结束）');
  }
}

/** Chromium cannot be started at all: no PDF can be printed in this run. */
export class BrowserUnavailableError extends Error {}

/** The renderer was closed (the run is stopping): nothing more is printed. */
export class RendererClosedError extends Error {
  constructor() {
    super('PDF 打印已停止');
  }
}

/**
 * How many documents one page prints before it is replaced by a fresh one (whose renderer loads the
 * fonts once more): Chromium's memory stays flat however many departments a city has.
 */
const PAGE_USES = 40;

const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic', '--font-render-hinting=none'];

interface Running {
  readonly browser: Browser;
  /** Our own Chromium profile folder, removed when this browser is gone. */
  readonly profileDir: string;
}

/** Prints HTML documents to PDF with one Chromium, started on first use and again when it dies. */
export class PdfRenderer {
  private running: Promise<Running> | undefined;
  /** The browser `running` resolved to, for the synchronous checks. */
  private current: Running | undefined;
  /** Set once Chromium failed to start: the same failure for every later document, one launch attempt per run. */
  private unavailable: BrowserUnavailableError | undefined;
  private closed = false;
  private closing: Promise<void> | undefined;
  /** Temporary folders of every Chromium started (profile, singleton socket), removed when it is gone. */
  private readonly folders = new Set<string>();
  /** How many times Chromium died and was started again. */
  restarts = 0;
  /**
   * Pages are kept and reused from one document to the next: the fonts they loaded stay in the
   * renderer's cache, which saves most of a second per document in a batch.
   */
  private readonly idle: Page[] = [];
  /** Documents printed by each page: a page is closed after PAGE_USES, so that its renderer's memory stays bounded over a city. */
  private readonly uses = new WeakMap<Page, number>();

  private launch(): Promise<Running> {
    if (this.closed) return Promise.reject(new RendererClosedError());
    if (this.unavailable) return Promise.reject(this.unavailable);
    if (this.current && !this.current.browser.connected) this.forget();
    this.running ??= this.start();
    return this.running;
  }

  private forget(): void {
    this.current = undefined;
    this.running = undefined;
    this.idle.length = 0;
    if (!this.closed) this.restarts++;
  }

  private async start(): Promise<Running> {
    let executablePath: string;
    try {
      executablePath = chromiumPath();
    } catch (e) {
      throw (this.unavailable = new BrowserUnavailableError((e as Error).message));
    }
    if (!existsSync(executablePath)) {
      throw (this.unavailable = new BrowserUnavailableError(`找不到 Chromium：${executablePath} 不存在（请安装 Debian 的 chromium 软件包，或把环境变量 CHROMIUM_PATH 设为 Chromium 的路径；只要 DOCX、XLSX 时可加 --format docx,xlsx）`));
    }
    const profileDir = await mkdtemp(join(tmpdir(), 'juesuan-chromium-'));
    let browser: Browser;
    try {
      browser = await puppeteer.launch({
        executablePath,
        headless: true,
        userDataDir: profileDir,
        // through a pipe, Chromium ends with this process however it ends (even killed)
        pipe: true,
        // the batch stops Chromium itself on Ctrl-C, after the departments in hand are settled
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        args: LAUNCH_ARGS,
      });
    } catch (e) {
      await rm(profileDir, { recursive: true, force: true }).catch(() => undefined);
      if (this.closed) throw new RendererClosedError();
      const detail = (e as Error).message.split('\n')[0];
      throw (this.unavailable = new BrowserUnavailableError(`Chromium 无法启动（${executablePath}：${detail}）；请检查 chromium 软件包是否完整安装`));
    }
    const running = { browser, profileDir };
    this.current = running;
    // Chromium keeps its singleton socket in a folder of its own; a killed Chromium leaves it behind
    const socket = await readlink(join(profileDir, 'SingletonSocket')).catch(() => undefined);
    this.folders.add(profileDir);
    if (socket && dirname(socket) !== tmpdir()) this.folders.add(dirname(socket));
    browser.once('disconnected', () => {
      // killed or crashed: forget it and its pages; the next document starts a new one
      if (this.current === running) this.forget();
      // its helper processes may still be writing there for a moment: removed again by `close`
      void this.removeFolders();
    });
    return running;
  }

  private async page(): Promise<Page> {
    for (let reused = this.idle.pop(); reused; reused = this.idle.pop()) {
      if (!reused.isClosed() && reused.browser().connected) return reused;
    }
    const { browser } = await this.launch();
    const page = await browser.newPage();
    await page.setRequestInterception(true);
    page.on('request', (req) => {
      const body = fontFile(req.url());
      // fonts are immutable: let the renderer cache them for the next documents of the batch
      // (a request still open when Chromium dies fails: that is the document's failure, seen by render)
      const ignore = () => undefined;
      if (body) req.respond({ status: 200, contentType: 'font/woff2', headers: { 'Access-Control-Allow-Origin': '*', 'Cache-Control': 'public, max-age=31536000, immutable' }, body }).catch(ignore);
      else if (req.url().startsWith('data:')) req.continue().catch(ignore);
      else req.abort('blockedbyclient').catch(ignore);
    });
    return page;
  }

  /**
   * Print one HTML document. Throws BrowserCrashedError when Chromium died meanwhile (it is started
   * again for the next call), BrowserUnavailableError when it cannot be started, RendererClosedError
   * after `close`.
   */
  async render(html: string, options: PdfOptions = defaultPdfOptions): Promise<Uint8Array> {
    return this.withPage(html, async (page) => {
      const headings = options.outline !== false ? retitled(await page.evaluate(markHeadings), options.bookmarkTitles) : [];
      const print = async () => loadPdf(await printPage(page));
      const pdf = await print();
      const dests = destinations(pdf);
      if (options.contentsPageNumbers && (await page.$('nav.toc'))) {
        const pages = Object.fromEntries([...dests].map(([id, d]) => [id, d.page + 1]));
        await page.evaluate(numberContents, pages);
        await page.evaluate(keepFront);
        await replaceFrontPages(pdf, await print());
      }
      return async () => {
        if (headings.length) setOutline(pdf, headings, dests);
        if (options.meta) setDocumentInfo(pdf, options.meta);
        return savePdf(pdf);
      };
    });
  }

  /**
   * Start Chromium and open a page now, so that the first document does not wait for them (the build
   * reads and checks its first department meanwhile). A failure here is left for the first document.
   */
  warm(): void {
    if (this.closed || this.running || this.unavailable || this.idle.length) return;
    this.page().then(
      (page) => (this.closed ? void page.close().catch(() => undefined) : this.idle.push(page)),
      () => undefined,
    );
  }

  /**
   * Chromium's own print of the HTML — loaded, fonts ready, wide tables fitted, printed once as the
   * documents are — and nothing after it: the floor the build's speed is measured against (bench).
   */
  async print(html: string): Promise<Uint8Array> {
    return this.withPage(html, async (page) => {
      const pdf = await printPage(page);
      return async () => pdf;
    });
  }

  /**
   * The HTML loaded in a page (fonts ready, wide tables fitted), `use`d in it; what `use` returns is
   * then finished without the page, which goes back to the idle ones (or is closed when it failed).
   */
  private async withPage<T>(html: string, use: (page: Page) => Promise<() => Promise<T>>): Promise<T> {
    let page: Page;
    try {
      page = await this.page();
    } catch (e) {
      throw this.explain(e);
    }
    let finish: () => Promise<T>;
    let healthy = false;
    try {
      await page.setContent(html, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      await page.evaluate(fitWideTables);
      finish = await use(page);
      healthy = true;
    } catch (e) {
      throw this.explain(e, page);
    } finally {
      if (healthy && !this.closed) this.release(page);
      else await page.close().catch(() => undefined);
    }
    return finish();
  }

  /** A page back from a document: kept for the next one, or closed when it has served PAGE_USES documents. */
  private release(page: Page): void {
    const used = (this.uses.get(page) ?? 0) + 1;
    this.uses.set(page, used);
    if (used < PAGE_USES) this.idle.push(page);
    else void page.close().catch(() => undefined);
  }

  /** A failure caused by Chromium going away is told apart from a failure of the document. */
  private explain(e: unknown, page?: Page): unknown {
    if (e instanceof BrowserUnavailableError || e instanceof RendererClosedError) return e;
    if (this.closed) return new RendererClosedError();
    if (page ? !page.browser().connected : /Target closed|Connection closed|Session closed|Protocol error/i.test(String((e as Error)?.message))) return new BrowserCrashedError();
    return e;
  }

  /** Stop Chromium and remove its profile folder; later calls to `render` fail with RendererClosedError. */
  close(): Promise<void> {
    // every caller (Ctrl-C, the end of the batch) waits for the same closing, to its end
    this.closing ??= this.shutDown();
    return this.closing;
  }

  private async shutDown(): Promise<void> {
    this.closed = true;
    const running = this.running;
    this.running = undefined;
    this.current = undefined;
    this.idle.length = 0;
    if (running) await this.stop(running);
    // a helper process of a killed Chromium may still write into its profile for a moment
    for (let i = 0; i < 10; i++) {
      await this.removeFolders();
      if (![...this.folders].some((f) => existsSync(f))) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  private async stop(running: Promise<Running>): Promise<void> {
    const r = await running.catch(() => undefined);
    if (!r) return;
    const closing = r.browser.close().catch(() => undefined);
    // a Chromium that does not answer is ended the hard way
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 5000).unref());
    await Promise.race([closing, timeout]);
    if (r.browser.connected || r.browser.process()?.exitCode === null) r.browser.process()?.kill('SIGKILL');
  }

  private async removeFolders(): Promise<void> {
    const live = this.current ? [this.current.profileDir] : [];
    await Promise.all([...this.folders].filter((f) => !live.includes(f)).map((f) => rm(f, { recursive: true, force: true }).catch(() => undefined)));
  }
}
