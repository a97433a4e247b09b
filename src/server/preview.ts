// The PDF shown page by page in the web page: each page drawn to a PNG on the server by poppler's
// pdftoppm (once, then kept in the job's folder), the page count from pdfinfo, and the PDF's own
// bookmarks (the headings of the 部门决算说明 and every table) as the viewer's contents.
import { execFile } from 'node:child_process';
import { access, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readOutline, type OutlineItem } from './pdf-outline.js';

const run = promisify(execFile);

/**
 * Resolution of the page images: an A4 portrait page is about 1075 pixels wide, a landscape one
 * (the wide tables) about 1520, so that “放大” shows their figures at a readable size.
 */
export const PAGE_DPI = 130;

/** Poppler is missing or failed: said in Chinese on the page. */
export class PreviewError extends Error {}

function explain(e: unknown, tool: string): PreviewError {
  if ((e as { code?: string }).code === 'ENOENT') return new PreviewError(`服务器上没有 ${tool}（poppler-utils 软件包），无法预览；请下载 PDF 查看，或安装 poppler-utils（bash scripts/setup.sh）`);
  return new PreviewError(`预览生成失败（${tool}：${String((e as Error).message).split('\n')[0]}）；请下载 PDF 查看`);
}

/** What the viewer needs to know about one PDF. */
export interface PdfFacts {
  readonly pages: number;
  readonly outline: readonly OutlineItem[];
}

/** Page images and facts of PDFs, each made once. */
export class Previews {
  private readonly facts = new Map<string, Promise<PdfFacts>>();
  private readonly images = new Map<string, Promise<string>>();

  /** Page count and bookmarks of `pdf`. */
  about(pdf: string): Promise<PdfFacts> {
    let p = this.facts.get(pdf);
    if (!p) {
      p = (async () => {
        let stdout: string;
        try {
          ({ stdout } = await run('pdfinfo', [pdf], { timeout: 30_000 }));
        } catch (e) {
          throw explain(e, 'pdfinfo');
        }
        const pages = Number(/^Pages:\s+(\d+)/m.exec(stdout)?.[1] ?? 0);
        // bookmarks are a help to find a page: a PDF whose outline cannot be read is shown without
        const outline = (await readOutline(await readFile(pdf)).catch(() => [])).filter((o) => o.page >= 1 && o.page <= pages);
        return { pages, outline };
      })();
      p.catch(() => this.facts.delete(pdf));
      this.facts.set(pdf, p);
    }
    return p;
  }

  /** The PNG of page `page` (1-based) of `pdf`, drawn into `cacheDir` on first request. */
  page(pdf: string, page: number, cacheDir: string): Promise<string> {
    const png = join(cacheDir, `${page}.png`);
    let p = this.images.get(png);
    if (!p) {
      p = (async () => {
        const done = await access(png).then(() => true, () => false);
        if (done) return png;
        await mkdir(cacheDir, { recursive: true });
        try {
          await run('pdftoppm', ['-png', '-f', String(page), '-l', String(page), '-singlefile', '-r', String(PAGE_DPI), '-aa', 'yes', '-aaVector', 'yes', pdf, join(cacheDir, String(page))], { timeout: 60_000 });
        } catch (e) {
          throw explain(e, 'pdftoppm');
        }
        return png;
      })();
      p.catch(() => this.images.delete(png));
      this.images.set(png, p);
    }
    return p;
  }

  /** Forget everything about the files under `dir` (its job was removed). */
  forget(dir: string): void {
    for (const m of [this.facts, this.images] as Map<string, unknown>[]) for (const k of [...m.keys()]) if (k.startsWith(dir)) m.delete(k);
  }
}
