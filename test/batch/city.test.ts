// A city's years built as a finance bureau builds them: `build 2021/ --prior 2020/` (and 2020 against
// 2019), read back from the files written — the year-over-year sentences of the DOCX, 汇总.xlsx through
// exceljs, index.html in Chromium with every link followed to a file that exists.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import puppeteer from 'puppeteer-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Decimal } from '../../src/model/decimal.js';
import { SUMMARY_FIGURES } from '../../src/batch/summary.js';
import { cityBalances, cityName, makeCity } from '../fixtures/city.js';
import { runCli } from '../helpers.js';

const root = mkdtempSync(join(tmpdir(), 'juesuan-city-'));
const years = makeCity(root);
const out = mkdtempSync(join(tmpdir(), 'juesuan-city-out-'));
const out2020 = mkdtempSync(join(tmpdir(), 'juesuan-city-out-'));
let run2021: ReturnType<typeof runCli>;
let run2020: ReturnType<typeof runCli>;

beforeAll(() => {
  run2021 = runCli(['build', years[2021]!, '--prior', years[2020]!, '--out', out, '--format', 'docx,xlsx']);
  run2020 = runCli(['build', years[2020]!, '--prior', years[2019]!, '--out', out2020, '--format', 'xlsx']);
}, 300_000);

async function docxText(dir: string): Promise<string> {
  const { readdirSync } = await import('node:fs');
  const name = readdirSync(dir).find((n) => n.endsWith('.docx'))!;
  const zip = await JSZip.loadAsync(readFileSync(join(dir, name)));
  return (await zip.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
}

describe('a city built with its prior year', () => {
  it('pairs every department with last year’s file, a renamed one by its code, and warns about the one without', () => {
    expect(run2021.code, run2021.stderr).toBe(0);
    expect(run2020.code, run2020.stderr).toBe(0);
    const report = readFileSync(join(out, '生成报告.txt'), 'utf8');
    const pairings = report.split('\n').filter((l) => l.includes('[X-PRIOR-PAIR]'));
    expect(pairings).toEqual([expect.stringMatching(/d5\.yaml:\d+:\d+ {2}警告 \[X-PRIOR-PAIR\] 上年文件中没有本部门（部门编码 A05、名称“测试市第5局（本级）”）2020年度的文件/)]);
    expect(readFileSync(join(out2020, '生成报告.txt'), 'utf8')).not.toContain('X-PRIOR-PAIR');
  });

  it('writes the year-over-year sentences from the prior file’s tables', async () => {
    // 收、支总计 = 01表 行次30 of each year's file: 1,010,000.00 + 年初结转和结余
    const [now, last] = [2021, 2020].map((y) => new Decimal(1_010_000 + cityBalances(y).opening));
    const delta = now!.minus(last!);
    const sentence = `与2020年相比，收、支总计各增加${delta.div(10_000).toFixed(2)}万元，增长${delta.div(last!).times(100).toFixed(2)}%`;
    expect(sentence).toBe('与2020年相比，收、支总计各增加1.00万元，增长0.93%');
    // the renamed department is compared with its old name's file
    expect(await docxText(join(out, 'd4'))).toContain(sentence);
    expect(await docxText(join(out, 'd4'))).toContain(cityName(4, 2021));
    // no prior file, no hand-typed figures: no comparison
    expect(await docxText(join(out, 'd5'))).not.toContain('与2020年相比');
  });

  it('summarises the city in 汇总.xlsx: a row per department, its figures, and totals that are their sums', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, '汇总.xlsx'));
    const ws = wb.getWorksheet('汇总')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(['序号', '部门', '部门编码', '状态']);
    const rows = [2, 3, 4, 5, 6].map((r) => ws.getRow(r));
    expect(rows.map((r) => r.getCell(2).value)).toEqual([1, 2, 3, 4, 5].map((d) => cityName(d, 2021)));
    expect(rows.map((r) => r.getCell(3).value)).toEqual(['A01', 'A02', 'A03', 'A04', 'A05']);
    expect(rows.map((r) => r.getCell(4).value)).toEqual(Array(5).fill('已生成'));
    // 收支总计 in 万元, as each department's own documents print it
    expect(rows.map((r) => r.getCell(5).value)).toEqual(Array(5).fill(108));
    // warnings: d5 only (no prior file, so no prior-year figures)
    const warnings = rows.map((r) => r.getCell(5 + SUMMARY_FIGURES.length + 1).value as number);
    expect(warnings.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(warnings[4]).toBeGreaterThan(0);
    const total = ws.getRow(7);
    expect(total.getCell(2).value).toBe('总计');
    for (let k = 0; k < SUMMARY_FIGURES.length; k++) {
      const cell = total.getCell(5 + k);
      const column = cell.address.replace(/\d+$/, '');
      const parts = rows.map((r) => new Decimal(String(r.getCell(5 + k).value)));
      const value = cell.value as { formula: string; result?: number };
      expect(value.formula).toBe(`SUM(${column}2:${column}6)`);
      // (exceljs reads a stored <v>0</v> back as no result)
      expect(value.result ?? 0).toBe(Number(Decimal.sum(...parts).toFixed(2)));
    }
    // each department's row links to its folder
    for (const r of rows) {
      const link = r.getCell(header.length).value as { hyperlink: string };
      expect(existsSync(join(out, decodeURIComponent(link.hyperlink)))).toBe(true);
    }
  });

  it('summarises the city in index.html, which opens in Chromium from the folder and links only to files that exist', async () => {
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//); // nothing from outside
    const browser = await puppeteer.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, pipe: true, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(join(out, 'index.html')).href);
      const seen = await page.evaluate(() => ({
        rows: Array.from(document.querySelectorAll('tbody tr')).map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent)),
        total: Array.from(document.querySelectorAll('tfoot td')).map((td) => td.textContent),
        links: Array.from(document.querySelectorAll('a')).map((a) => a.href),
        anchors: Array.from(document.querySelectorAll('[id]')).map((e) => e.id),
      }));
      expect(seen.rows.map((r) => r[1])).toEqual([1, 2, 3, 4, 5].map((d) => cityName(d, 2021)));
      expect(seen.rows.map((r) => r[3])).toEqual(Array(5).fill('已生成'));
      expect(seen.rows.map((r) => r[4])).toEqual(Array(5).fill('108.00'));
      expect(seen.total[4]).toBe('540.00');
      // every department's DOCX and XLSX, its folder, and its findings
      const files = seen.links.filter((l) => l.startsWith('file:') && !l.includes('#'));
      expect(files.filter((l) => l.endsWith('.docx'))).toHaveLength(5);
      for (const link of files) expect(existsSync(fileURLToPath(link)), link).toBe(true);
      for (const link of seen.links.filter((l) => l.includes('#'))) expect(seen.anchors).toContain(link.split('#')[1]);
    } finally {
      await browser.close();
    }
  });
});
