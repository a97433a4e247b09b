// The 玉溪 example built as a user builds it (PDF, DOCX, XLSX), and the files read back with the
// tools a reviewer would use: pdftotext / pdffonts / pdfinfo, the DOCX XML, exceljs, LibreOffice.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { Builder } from '../../src/batch/index.js';
import { loadDictionary } from '../../src/readers/dictionary.js';
import { amountCoverage, pdfText, seedTablesText } from '../../scripts/seed-coverage.js';
import { example } from '../helpers.js';
import { convertToPdf } from './office.js';

const out = mkdtempSync(join(tmpdir(), 'juesuan-outputs-'));
const dir = join(out, 'yuxi-gxj-2021');
const base = '玉溪市工业和信息化局（本级）2021年度部门决算';
const XLSX_NAME = `${base}公开表.xlsx`;
const PDF = join(dir, `${base}.pdf`);
const DOCX = join(dir, `${base}.docx`);
const XLSX = join(dir, XLSX_NAME);

const TITLES = [
  ['公开01表', '收入支出决算总表'],
  ['公开02表', '收入决算表'],
  ['公开03表', '支出决算表'],
  ['公开04表', '财政拨款收入支出决算总表'],
  ['公开05表', '一般公共预算财政拨款收入支出决算表'],
  ['公开06表', '一般公共预算财政拨款基本支出决算表'],
  ['公开07表', '政府性基金预算财政拨款收入支出决算表'],
  ['公开08表', '国有资本经营预算财政拨款收入支出决算表'],
  ['公开09表', '“三公”经费、行政参公单位机关运行经费情况表'],
] as const;

beforeAll(async () => {
  const builder = new Builder(await loadDictionary(), { outDir: out, formats: ['pdf', 'docx', 'xlsx'], jobs: 1, createdAt: '2022-06-30T00:00:00.000Z' });
  const [r] = await builder.buildAll([{ file: example('yuxi-gxj-2021.yaml'), outParts: ['yuxi-gxj-2021'] }], () => {});
  expect(r!.ok, JSON.stringify(r)).toBe(true);
}, 120_000);

describe('PDF', () => {
  const text = () => pdfText(PDF);

  it('prints every table title and number, and the header line', () => {
    const t = text();
    for (const [no, title] of TITLES) {
      expect(t).toContain(no);
      expect(t).toContain(title);
    }
    expect(t).toContain('部门：玉溪市工业和信息化局（本级）');
    expect(t).toContain('编制单位：玉溪市工业和信息化局（本级）');
    expect(t).toContain('空表说明：未发生国有资本经营预算财政拨款收入支出，此表为空表。');
  });

  it('prints every amount of seed 000’s tables 01–09 as printed there', () => {
    const c = amountCoverage(seedTablesText(), text());
    expect(c.missing).toEqual([]);
    expect(c.found).toBe(478);
  });

  it('embeds every font, none as Type 3', () => {
    const fonts = execFileSync('pdffonts', [PDF], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(fonts.length).toBeGreaterThan(0);
    for (const line of fonts) {
      expect(line).not.toMatch(/Type 3/);
      expect(line).toMatch(/CID TrueType\s+Identity-H\s+yes yes yes/);
    }
    expect(fonts.some((l) => /NotoSerifSC/.test(l))).toBe(true);
  });

  it('has title and author metadata, an outline entry per table, and landscape pages for the wide tables', () => {
    const info = execFileSync('pdfinfo', [PDF], { encoding: 'utf8' });
    expect(info).toMatch(/Title:\s+玉溪市工业和信息化局（本级）2021年度部门决算\n/);
    expect(info).toMatch(/Author:\s+玉溪市工业和信息化局（本级）/);
    const xml = execFileSync('pdftohtml', ['-xml', '-i', '-stdout', PDF], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const outline = [...xml.matchAll(/<item page="(\d+)">([^<]+)<\/item>/g)].map((m) => m[2]);
    // the outline mirrors the headings: the parts of the 说明, then one entry per table
    expect(outline.slice(0, 3)).toEqual(['目 录', '第一部分 部门概况', '一、基本职能及主要工作']);
    expect(outline).toContain('第三部分 名词解释');
    // one entry per table, by its number and title
    const first = outline.indexOf('公开01表 收入支出决算总表');
    expect(outline.slice(first, first + 9)).toEqual(TITLES.map(([number, title]) => `${number} ${title}`));
    // then the 绩效自评 materials: 公开10表 text, 公开11表, one 公开12表 per project, each by its project
    expect(outline).toContain('2021年度部门整体支出绩效自评情况');
    expect(outline).toContain('公开11表 部门整体支出绩效自评表');
    const projects = outline.filter((t) => t!.startsWith('公开12表 '));
    expect(projects).toHaveLength(17);
    expect(new Set(projects).size).toBe(17);
    expect(projects).toContain('公开12表 玉溪云计算数据中心购买华为云服务专项资金');
    expect(outline).not.toContain('项目支出绩效自评表');
    // 05表 starts on a landscape page, 01表 on a portrait one
    const page05 = Number(/<item page="(\d+)">公开05表 一般公共预算财政拨款收入支出决算表/.exec(xml)![1]);
    const sizes = execFileSync('pdfinfo', ['-f', '1', '-l', '99', PDF], { encoding: 'utf8' });
    expect(sizes).toMatch(/Page\s+1 size:\s+594\.\d+ x 841\.\d+/);
    expect(sizes).toMatch(new RegExp(`Page\\s+${page05} size:\\s+841\\.\\d+ x 594\\.\\d+`));
  });

  it('repeats the header rows on every page of a table and numbers the pages', () => {
    const xml = execFileSync('pdftohtml', ['-xml', '-i', '-stdout', PDF], { encoding: 'utf8', maxBuffer: 64 << 20 });
    const start = Number(/<item page="(\d+)">公开02表 收入决算表/.exec(xml)![1]);
    const next = Number(/<item page="(\d+)">公开03表 支出决算表/.exec(xml)![1]);
    expect(next - start).toBeGreaterThanOrEqual(2); // 02表 runs over two pages
    for (let p = start; p < next; p++) {
      const page = execFileSync('pdftotext', ['-f', String(p), '-l', String(p), PDF, '-'], { encoding: 'utf8' });
      expect(page).toContain('本年收入合计');
      expect(page).toContain('上级补助收入');
      expect(page).toMatch(new RegExp(`—\\s*${p}\\s*—`));
    }
  });
});

async function docxXml(part: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(DOCX));
  return zip.file(part)!.async('string');
}

describe('DOCX', () => {
  it('has real Word tables: merged header cells, repeated header rows, rows that cannot split', async () => {
    const xml = await docxXml('word/document.xml');
    expect(xml).toContain('<w:gridSpan w:val="16"/>'.replace('16', '3')); // 类/款/项 code cell
    expect(xml).toMatch(/<w:vMerge w:val="restart"\/>/);
    expect(xml).toMatch(/<w:vMerge w:val="continue"\/>/);
    expect(xml).toMatch(/<w:tblHeader\/>/);
    expect(xml).toMatch(/<w:cantSplit\/>/);
    // 9 公开表; the 部门整体 table in three parts (tasks and indicators under their own header rows);
    // 17 project tables, each with its indicator part
    expect((xml.match(/<w:tbl>/g) ?? []).length).toBe(9 + 3 + 17 * 2);
  });

  it('puts the wide tables on landscape pages and the others on portrait pages', async () => {
    const xml = await docxXml('word/document.xml');
    const sizes = [...xml.matchAll(/<w:pgSz w:w="(\d+)" w:h="(\d+)" w:orient="(\w+)"\/>/g)].map((m) => m[3]);
    expect(sizes[0]).toBe('portrait');
    expect(sizes).toContain('landscape');
    expect(xml).toMatch(/<w:pgSz w:w="16840" w:h="11907" w:orient="landscape"\/>/);
  });

  it('prints amounts right-aligned, in the printed format, with the East Asian font on the runs', async () => {
    const xml = await docxXml('word/document.xml');
    expect(xml).toMatch(/<w:jc w:val="right"\/>.*?<w:t[^>]*>56,201,049\.73<\/w:t>/s);
    expect(xml).toContain('w:eastAsia="宋体"');
    expect(xml).toContain('<w:t xml:space="preserve">部门：玉溪市工业和信息化局（本级）</w:t>');
  });

  it('uses named Word styles: headings, table text, a table style', async () => {
    const styles = await docxXml('word/styles.xml');
    for (const id of ['Heading1', 'Heading2', 'Heading3', 'TableText', 'TableNote', 'JuesuanGrid']) expect(styles).toContain(`w:styleId="${id}"`);
    const xml = await docxXml('word/document.xml');
    expect(xml).toContain('<w:pStyle w:val="Heading2"/>');
    expect(xml).toContain('<w:tblStyle w:val="JuesuanGrid"/>');
  });
});

describe('XLSX', () => {
  const book = async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(XLSX);
    return wb;
  };

  it('has one sheet per table, named by its number; the summary of the projects is in the 审核用 file', async () => {
    const names = (await book()).worksheets.map((w) => w.name);
    expect(names.slice(0, 9)).toEqual(TITLES.map(([no]) => no));
    expect(names.slice(9, 12)).toEqual(['公开11表', '公开12表-1', '公开12表-2']);
    expect(names).toHaveLength(9 + 1 + 17);
    expect(names).not.toContain('项目自评汇总');
  });

  it('repeats no rows when printing a form without header rows, and never names an empty range', async () => {
    const ws = (await book()).getWorksheet('公开12表-1')!;
    expect(ws.pageSetup.printTitlesRow).toBeUndefined();
    expect(ws.pageSetup.orientation).toBe('landscape');
  });

  it('keeps the scores of the evaluation tables as numbers', async () => {
    const audit = new ExcelJS.Workbook();
    await audit.xlsx.readFile(join(dir, `${base}审核用.xlsx`));
    const ws = audit.getWorksheet('项目自评汇总')!;
    const values: unknown[] = [];
    ws.eachRow((row) => row.eachCell((c) => values.push(c.value)));
    expect(values).toContain(97.7); // P4: 8.00 + 89.70 (published: 97.00)
    expect(values).toContain(89.51); // P7, graded 良
    expect(values).toContain('良');
  });

  it('keeps amounts as numbers formatted #,##0.00 and totals as SUM formulas with the exact total as result', async () => {
    const ws = (await book()).getWorksheet('公开01表')!;
    const cells: ExcelJS.Cell[] = [];
    ws.eachRow((row) => row.eachCell((c) => cells.push(c)));
    const total = cells.find((c) => typeof c.value === 'object' && c.value !== null && 'formula' in c.value && (c.value as { result: number }).result === 56201049.73)!;
    expect(total).toBeDefined();
    expect((total.value as { formula: string }).formula).toMatch(/^SUM\(/);
    expect(total.numFmt).toBe('#,##0.00');
    const plain = cells.find((c) => c.value === 34008496.42)!;
    expect(plain.numFmt).toBe('#,##0.00');
    // 本年收入合计 r27 = SUM of rows 1–8 of the 金额 column
    const r27 = cells.find((c) => typeof c.value === 'object' && c.value !== null && 'result' in c.value && (c.value as { result: number }).result === 53629163.42)!;
    expect((r27.value as { formula: string }).formula).toBe(`SUM(C${Number(r27.row) - 26}:C${Number(r27.row) - 19})`);
  });

  it('makes each column wide enough for its longest 科目名称 (a CJK character counts two)', async () => {
    const ws = (await book()).getWorksheet('公开02表')!;
    const name = '其他国有土地使用权出让收入安排的支出';
    let col = 0;
    ws.eachRow((row) => row.eachCell((c) => {
      if (c.value === name) col = Number(c.col);
    }));
    expect(col).toBe(4);
    expect(ws.getColumn(col).width).toBeGreaterThanOrEqual(name.length * 2);
  });

  it('merges the header cells of 05表 as printed and repeats its header rows when printed', async () => {
    const ws = (await book()).getWorksheet('公开05表')!;
    const merges = (ws.model as unknown as { merges: string[] }).merges;
    expect(merges).toContain('E4:G4'); // 年初结转和结余 over three columns
    expect(merges).toContain('A5:C6'); // 支出功能分类科目编码
    expect(ws.getCell('E4').value).toBe('年初结转和结余');
    expect(ws.pageSetup.orientation).toBe('landscape');
    expect(ws.pageSetup.fitToWidth).toBe(1);
    expect(ws.pageSetup.printTitlesRow).toBe('4:8');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 8 });
  });
});

describe('LibreOffice opens the files', () => {
  const converted = mkdtempSync(join(tmpdir(), 'juesuan-lo-'));
  it('converts the DOCX and the XLSX to PDF, and the result shows the tables', () => {
    convertToPdf([DOCX, XLSX], converted);
    const pdfs = readdirSync(converted).filter((f) => f.endsWith('.pdf'));
    expect(pdfs).toHaveLength(2);
    for (const p of pdfs) {
      const t = pdfText(join(converted, p));
      expect(t).toContain('收入支出决算总表');
      expect(t).toContain('56,201,049.73');
    }
  }, 240_000);
});
