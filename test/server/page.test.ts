// The web page in a real browser (Debian's Chromium at 1366×768), as a finance officer uses it:
// upload the 玉溪 example and read its PDF page by page; upload a broken file and find the error at
// its line; upload a city's zip and see every department; too large and hostile uploads refused.
import { mkdtempSync, readdirSync, truncateSync, closeSync, openSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDictionary } from '../../src/readers/dictionary.js';
import { convertDataset } from '../../src/template/index.js';
import { example, fixture, readFixture } from '../helpers.js';
import { pageShown, screenshot, session, texts, upload, type Session } from './harness.js';

let s: Session;
let scratch: string;

beforeAll(async () => {
  s = await session();
  scratch = mkdtempSync(join(tmpdir(), 'juesuan-page-test-'));
}, 30_000);

afterAll(async () => {
  await s?.close();
});

/** Wait for the department page (an upload of one department opens it when it is done). */
async function departmentPage(page: import('puppeteer-core').Page): Promise<void> {
  await page.waitForFunction(() => /^\/jobs\/[^/]+\/\d+$/.test(location.pathname) && document.getElementById('department')?.dataset.pending === 'false', { timeout: 60_000, polling: 200 });
}

describe('juesuan serve in the browser', () => {
  it('shows the upload page in Chinese, with labelled controls', async () => {
    const page = await s.newPage();
    await page.goto(s.server.url);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('上传部门数据，校验并生成决算公开材料');
    // every control has its label
    const unlabelled = await page.$$eval('input:not([type=hidden]), select', (els) => els.filter((e) => !document.querySelector(`label[for="${e.id}"]`)).map((e) => e.outerHTML));
    expect(unlabelled).toEqual([]);
    const profiles = await texts(page, '#profile option');
    expect(profiles).toContain('玉溪市 — yunnan/yuxi');
    expect(await page.$eval('#upload-button', (b) => b.textContent)).toBe('上传并开始校验、生成');
    // the keyboard reaches every control in reading order, the file choosers with a visible focus ring
    const order: string[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      order.push(await page.evaluate(() => {
        const a = document.activeElement as HTMLElement;
        return a.id || a.textContent?.trim() || a.tagName;
      }));
      if (order.at(-1) === 'files') expect(await page.$eval('label[for=files]', (l) => getComputedStyle(l).outlineStyle)).toBe('solid');
    }
    expect(order).toEqual(['跳到主要内容', '决算公开材料生成', 'files', 'prior', 'profile', 'draft', 'upload-button', 't-profile']);
    await screenshot(page, '1-upload');
    await page.close();
  });

  it('builds the 玉溪 example and previews its PDF page by page', async () => {
    const page = await s.newPage();
    await page.goto(s.server.url);
    await upload(page, [example('yuxi-gxj-2021.yaml')]);
    await departmentPage(page);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('玉溪市工业和信息化局（本级）2021年度部门决算');
    expect(await page.$eval('.alert', (a) => (a as HTMLElement).innerText)).toMatch(/^已生成：0 个错误/);
    await pageShown(page, 1);
    await screenshot(page, '2-department');
    const of = await page.$eval('#page-of', (e) => e.textContent ?? '');
    const pages = Number(/共 (\d+) 页/.exec(of)?.[1]);
    expect(pages).toBeGreaterThan(40);
    // the contents page, then a table, from the PDF's own bookmarks
    await page.click('.outline a[data-page="2"]');
    await pageShown(page, 2);
    const tableLink = await page.$$eval('.outline a', (as) => as.find((a) => a.textContent?.includes('收入支出决算总表'))?.getAttribute('data-page'));
    expect(Number(tableLink)).toBeGreaterThan(2);
    await page.click(`.outline a[data-page="${tableLink}"]`);
    await pageShown(page, Number(tableLink));
    expect(await page.$eval('.outline a[aria-current=page]', (a) => a.textContent)).toContain('收入支出决算总表');
    // the buttons and the page number
    await page.click('#page-next');
    await pageShown(page, Number(tableLink) + 1);
    await page.$eval('#page-no', (i) => ((i as HTMLInputElement).value = ''));
    await page.type('#page-no', '1');
    await page.keyboard.press('Enter');
    await pageShown(page, 1);
    // the files to download are the package's
    const downloads = await texts(page, '.downloads a');
    expect(downloads).toEqual(expect.arrayContaining(['PDF（用于公开）', 'DOCX（便于修改）', '公开表 XLSX', '全部材料（ZIP）']));
    const pdf = await page.$eval('.downloads a.primary', (a) => (a as HTMLAnchorElement).href);
    const head = await page.evaluate(async (url) => {
      const r = await fetch(url);
      const b = new Uint8Array(await r.arrayBuffer());
      return { type: r.headers.get('content-type'), start: String.fromCharCode(...b.slice(0, 5)), disposition: r.headers.get('content-disposition') };
    }, pdf);
    expect(head.type).toBe('application/pdf');
    expect(head.start).toBe('%PDF-');
    expect(decodeURIComponent(head.disposition ?? '')).toContain('玉溪市工业和信息化局（本级）2021年度部门决算.pdf');
    // the whole package as one zip, in the department's folder
    const packageHref = await page.$$eval('.downloads a', (as) => as.find((a) => a.textContent === '全部材料（ZIP）')?.getAttribute('href'));
    const zipped = await JSZip.loadAsync(await (await fetch(new URL(packageHref!, s.server.url))).arrayBuffer());
    const names = Object.keys(zipped.files).sort();
    expect(names).toHaveLength(4);
    expect(names).toEqual(expect.arrayContaining(['yuxi-gxj-2021/玉溪市工业和信息化局（本级）2021年度部门决算.pdf', 'yuxi-gxj-2021/玉溪市工业和信息化局（本级）2021年度部门决算.docx', 'yuxi-gxj-2021/玉溪市工业和信息化局（本级）2021年度部门决算公开表.xlsx']));
    await page.click(`.outline a[data-page="${tableLink}"]`);
    await pageShown(page, Number(tableLink));
    await page.evaluate(() => document.getElementById('preview')?.scrollIntoView());
    await screenshot(page, '3-preview');
    // a landscape table, as wide as the viewer
    const wide = await page.$$eval('.outline a', (as) => as.find((a) => a.textContent?.includes('公开05表'))?.getAttribute('data-page'));
    await page.click(`.outline a[data-page="${wide}"]`);
    await pageShown(page, Number(wide));
    expect(await page.$eval('#page-image', (i) => (i as HTMLImageElement).naturalWidth > (i as HTMLImageElement).naturalHeight)).toBe(true);
    await screenshot(page, '3b-preview-landscape');
    // 放大: the page at its own size, read by scrolling inside the viewer
    await page.click('#page-zoom');
    expect(await page.$eval('#page-zoom', (b) => [b.textContent, b.getAttribute('aria-pressed')])).toEqual(['缩小到页宽', 'true']);
    expect(await page.$eval('#page-image', (i) => i.getBoundingClientRect().width > document.getElementById('page-frame')!.clientWidth)).toBe(true);
    await screenshot(page, '3c-preview-zoomed');
    await page.close();
  }, 90_000);

  it('shows the error of a broken file as a row with its line, values and the line in context', async () => {
    const page = await s.newPage();
    await page.goto(s.server.url);
    await upload(page, [fixture('broken/t01.yaml')]);
    await departmentPage(page);
    expect(await page.$eval('.alert', (a) => (a as HTMLElement).innerText)).toMatch(/^有错误，未生成材料/);
    expect(await page.$('#preview')).toBeNull();
    await screenshot(page, '4-findings');
    const row = await page.$$eval('tr.finding', (rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText.trim())).find((cells) => cells[1] === 'T01-INC'),
    );
    expect(row).toBeDefined();
    const [kind, , message, where, expected, actual, difference] = row!;
    expect(kind).toBe('错误');
    expect(message).toContain('公开01表 行次27（本年收入合计）');
    expect(where).toContain('第29行第10列');
    expect(where).toContain('tables.T01.r27');
    expect([expected, actual, difference]).toEqual(['1,010,000.00', '1,010,001.00', '+1.00']);
    // the line it points at, in its surroundings
    const index = await page.$$eval('tr.finding', (rows) => rows.findIndex((r) => r.querySelector('.rule')?.textContent === 'T01-INC'));
    const button = (await page.$$('tr.finding'))[index]!;
    await (await button.$('button.toggle-context'))!.click();
    const context = await page.$$eval('tr.context:not([hidden]) .lines li', (lis) => lis.map((li) => ({ text: (li as HTMLElement).innerText, current: li.classList.contains('current') })));
    expect(context.length).toBe(7);
    expect(context.filter((l) => l.current).map((l) => l.text.replace(/\s+/g, ' ').trim())).toEqual(['29 r27: 1,010,001.00']);
    // filters: by kind and by table
    const tables = await texts(page, '#filter-table option');
    expect(tables).toContain('公开01表');
    await page.select('#filter-table', '公开01表');
    const shown = await page.$$eval('tr.finding:not([hidden]) td:nth-child(3)', (tds) => tds.map((td) => td.textContent ?? ''));
    expect(shown.length).toBeGreaterThan(0);
    for (const m of shown) expect(m).toContain('公开01表');
    await page.select('#filter-table', '');
    await page.select('#filter-severity', 'warning');
    expect(await page.$$eval('tr.finding:not([hidden])', (rows) => rows.filter((r) => r.getAttribute('data-severity') !== 'warning').length)).toBe(0);
    await page.select('#filter-severity', '');
    await page.evaluate(() => document.querySelector('tr.context:not([hidden])')?.previousElementSibling?.scrollIntoView());
    await screenshot(page, '4b-findings-context');
    await page.close();
  }, 60_000);

  it('reads an Excel fill-in workbook like a YAML file, and shows a wrong cell in a grid of its sheet', async () => {
    // the mini department as its fill-in workbook, one figure of 公开01表 changed
    const ds = (await readFixture(fixture('mini/valid.yaml'))).dataset!;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await convertDataset(ds, 'xlsx', { dict: await loadDictionary() })) as unknown as ArrayBuffer);
    const cell = wb.getWorksheet('公开01表')!.getCell('C7');
    expect(cell.value).toBe(1000000);
    cell.value = 1000001;
    const path = join(scratch, '测试局填报表.xlsx');
    await wb.xlsx.writeFile(path);
    const page = await s.newPage();
    await page.goto(s.server.url);
    await upload(page, [path]);
    await departmentPage(page);
    expect(await page.$eval('.alert', (a) => (a as HTMLElement).innerText)).toMatch(/^有错误，未生成材料/);
    const index = await page.$$eval('tr.finding', (rows) => rows.findIndex((r) => (r.querySelector('td:nth-child(4)') as HTMLElement).innerText.includes('公开01表!C7')));
    expect(index).toBeGreaterThanOrEqual(0);
    const row = (await page.$$('tr.finding'))[index]!;
    expect(await row.$eval('td:nth-child(4)', (td) => (td as HTMLElement).innerText)).toContain('测试局填报表.xlsx');
    await (await row.$('button.toggle-context'))!.click();
    const grid = await page.$eval('tr.context:not([hidden]) table.sheet', (t) => ({
      columns: [...t.querySelectorAll(':scope > thead th')].map((th) => th.textContent),
      rows: [...t.querySelectorAll(':scope > tbody th')].map((th) => th.textContent),
      current: [...t.querySelectorAll('td.current')].map((td) => td.textContent),
    }));
    expect(grid.columns).toEqual(['', 'A', 'B', 'C', 'D', 'E', 'F']);
    expect(grid.rows).toEqual(['4', '5', '6', '7', '8', '9', '10']);
    expect(grid.current).toEqual(['1000001']);
    await row.evaluate((r) => r.scrollIntoView());
    await screenshot(page, '4c-findings-sheet');
    await page.close();
  }, 60_000);

  it('builds a city zip of three departments and lists each with its result', async () => {
    const mini = readFileSync(fixture('mini/valid.yaml'), 'utf8');
    const zip = new JSZip();
    zip.file('玉溪市/市直/教育局.yaml', mini.replace('测试市测试局（本级）', '测试市教育局（本级）'));
    zip.file('玉溪市/市直/财政局.yaml', mini.replace('测试市测试局（本级）', '测试市财政局（本级）'));
    zip.file('玉溪市/县区/红塔区测试局.yaml', readFileSync(fixture('broken/t01.yaml')));
    const path = join(scratch, '玉溪市.zip');
    writeFileSync(path, await zip.generateAsync({ type: 'uint8array' }));
    const page = await s.newPage();
    await page.goto(s.server.url);
    await upload(page, [path]);
    await page.waitForSelector('#departments');
    await page.waitForFunction(() => document.getElementById('job-state')?.textContent?.startsWith('全部完成'), { timeout: 60_000 });
    expect(await page.$eval('#job-state', (e) => e.textContent)).toBe('全部完成：2 个已生成，1 个有错误');
    const rows = await page.$$eval('#departments tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText.trim())));
    const byFile = Object.fromEntries(rows.map((r) => [r[1], r]));
    expect(Object.keys(byFile).sort()).toEqual(['玉溪市/县区/红塔区测试局.yaml', '玉溪市/市直/教育局.yaml', '玉溪市/市直/财政局.yaml']);
    const broken = byFile['玉溪市/县区/红塔区测试局.yaml']!;
    expect(broken[2]).toBe('有错误');
    expect(Number(broken[3])).toBeGreaterThan(0);
    expect(broken[5]).toBe('');
    for (const f of ['玉溪市/市直/教育局.yaml', '玉溪市/市直/财政局.yaml']) {
      expect(byFile[f]![2]).toBe('已生成');
      expect(byFile[f]![3]).toBe('0');
      expect(byFile[f]![5]).toBe('PDF · DOCX · 公开表 XLSX · 审核用 XLSX');
    }
    await screenshot(page, '5-batch');
    // each row leads to its department
    const link = await page.$$eval('#departments tbody tr', (trs) => trs.find((tr) => tr.textContent?.includes('红塔区'))?.querySelector<HTMLAnchorElement>('[data-cell=link] a')?.getAttribute('href'));
    await Promise.all([page.waitForNavigation(), page.click(`#departments a[href="${link}"]`)]);
    expect(await page.$eval('h1', (h) => h.textContent)).toBe('玉溪市/县区/红塔区测试局.yaml');
    await page.close();
  }, 90_000);

  it('refuses a 60 MB upload with a Chinese message, in the page and at the server', async () => {
    const big = join(scratch, '大文件.yaml');
    closeSync(openSync(big, 'w'));
    truncateSync(big, 60 * 1024 * 1024);
    const page = await s.newPage();
    await page.goto(s.server.url);
    await upload(page, [big]);
    await page.waitForSelector('#upload-error:not([hidden])');
    expect(await page.$eval('#upload-error', (e) => e.textContent)).toMatch(/所选文件共 60\.0 MB，超过一次最多 50 MB 的上限/);
    // sent anyway (another client, or a page without its script): the server refuses it as well
    const answer = await page.evaluate(async () => {
      const form = new FormData();
      form.append('files', new Blob([new Uint8Array(60 * 1024 * 1024)]), '大文件.yaml');
      const r = await fetch('/api/uploads', { method: 'POST', body: form, headers: { accept: 'application/json' } });
      return { status: r.status, body: (await r.json()) as { error: string } };
    });
    expect(answer.status).toBe(413);
    expect(answer.body.error).toMatch(/^上传的文件太大（这次约 60\.0 MB）：一次最多上传 50 MB/);
    await page.close();
  }, 60_000);

  it('refuses a zip with ../evil with a Chinese message and writes nothing of it', async () => {
    const zip = new JSZip();
    zip.file('市直/教育局.yaml', readFileSync(fixture('mini/valid.yaml')));
    zip.file('../evil.yaml', 'x: 1', { createFolders: false });
    const path = join(scratch, 'evil.zip');
    writeFileSync(path, await zip.generateAsync({ type: 'uint8array' }));
    const before = readdirSync(s.server.root);
    const page = await s.newPage();
    await page.goto(s.server.url);
    await upload(page, [path]);
    await page.waitForSelector('#upload-error:not([hidden])');
    expect(await page.$eval('#upload-error', (e) => e.textContent)).toBe('压缩包“evil.zip”中的“../evil.yaml”含有“..”，会写到压缩包以外的位置，为安全起见整个压缩包未处理；请只把部门数据文件夹打包后重新上传');
    expect(readdirSync(s.server.root)).toEqual(before);
    expect(existsSync(join(s.server.root, '..', 'evil.yaml'))).toBe(false);
    await page.close();
  }, 30_000);
});
