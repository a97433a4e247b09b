// The 2024 绩效自评 tables as printed (PDF): 公开13表 grid, 公开14表 in 元 with its 部门预算资金 block,
// one page per project table numbered 公开15表, 公开16表, 公开17表, and a bookmark for each by its own
// number (Table.outline, writers/pdf-outline.ts). The form is the fixture's (the yunnan-2024 form is
// not in this branch).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose, resolveProfile } from '../../src/compose/index.js';
import { derive } from '../../src/derive/index.js';
import { readForm } from '../../src/forms/load.js';
import { loadDictionary } from '../../src/readers/dictionary.js';
import { readYaml } from '../../src/readers/index.js';
import { fontFaceCss } from '../../src/writers/fonts.js';
import { defaultHtmlOptions, writeHtml } from '../../src/writers/html.js';
import { PdfRenderer } from '../../src/writers/pdf.js';
import { tableBookmarks } from '../../src/writers/pdf-outline.js';
import { writeXlsx } from '../../src/writers/xlsx.js';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { writeDocx } from '../../src/writers/docx.js';
import { fixture } from '../helpers.js';

const renderer = new PdfRenderer();
let xlsx: Uint8Array;
let docxXml: string;
afterAll(() => renderer.close());
const PDF = join(mkdtempSync(join(tmpdir(), 'juesuan-eval24-')), 'evaluation-2024.pdf');

beforeAll(async () => {
  const dict = await loadDictionary();
  const file = fixture('evaluation-2024/department-2024.yaml');
  const ds = readYaml(readFileSync(file, 'utf8'), 'department-2024.yaml').dataset!;
  const form = readForm(fixture('evaluation-2024/yunnan-2024-evaluation.yaml'));
  const doc = compose(derive(ds, dict), dict, resolveProfile('yunnan'), { createdAt: '2025-06-30T00:00:00Z', form });
  const html = writeHtml(doc, { ...defaultHtmlOptions, fontFaceCss: fontFaceCss() });
  xlsx = await writeXlsx(doc);
  docxXml = await (await JSZip.loadAsync(await writeDocx(doc))).file('word/document.xml')!.async('string');
  writeFileSync(PDF, await renderer.render(html, { contentsPageNumbers: true, outline: true, bookmarkTitles: tableBookmarks(doc), meta: doc.meta }));
}, 120_000);

const pages = () => execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', PDF, '-'], { encoding: 'utf8' }).split('\f');

describe('2024 绩效自评 PDF', () => {
  it('bookmarks 公开13表, 公开14表 and each project table by its own number', () => {
    const xml = execFileSync('pdftohtml', ['-xml', '-i', '-stdout', PDF], { encoding: 'utf8' });
    const outline = [...xml.matchAll(/<item page="(\d+)">([^<]+)<\/item>/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(outline).toEqual([
      '2 公开13表 2024年度部门整体支出绩效自评情况',
      '3 公开14表 2024年度部门整体支出绩效自评表',
      '4 公开15表 测试能力提升专项资金',
      '5 公开16表 测试设备更新项目',
      '6 公开17表 下属单位测试业务补助',
    ]);
  });

  it('prints 公开14表 in 元 with the 部门预算资金 figures on their rows and the two 备注', () => {
    const p = pages()[2]!;
    expect(p).toContain('2024年度部门整体支出绩效自评表');
    expect(p).toMatch(/公开14表/);
    expect(p).toMatch(/金额单位：元/);
    expect(p).toMatch(/年度资金总额\s+8,000,000.00\s+370,000.00\s+8,370,000.00\s+8,080,000.00\s+96.54/);
    expect(p).toMatch(/当年财政拨款\s+2,800,000.00\s+-300,000.00\s+2,500,000.00\s+2,350,000.00\s+94.00/);
    expect(p).toContain('2．一级指标包含产出指标、效益指标、满意度指标');
  });

  it('prints one project per page, 执行率 with %, amounts on one line, the bare grade and the note set of its fourth row', () => {
    const all = pages();
    expect([3, 4, 5].map((i) => /公开(\d+)表/.exec(all[i]!)?.[1])).toEqual(['15', '16', '17']);
    expect(all[3]).toMatch(/年度资金总额\s+1,200,000.00\s+1,000,000.00\s+980,000.00\s+10.00\s+98.00%\s+9.80/);
    expect(all[3]).toMatch(/总分\s+100.00\s+96.80\s+优/);
    expect(all[3]).not.toContain('自评等级');
    expect(all[3]).toContain('6．全年预算数=年初预算数+调整预算（年度新增项目）。');
    expect(all[5]).toContain('4．非财政拨款含财政专户管理资金和单位资金等。');
    expect(all[5]).not.toContain('6．');
  });
});

describe('2024 绩效自评 XLSX', () => {
  it('has a sheet per table named by its own number, amounts in 元 as numbers', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['公开13表', '公开14表', '公开15表', '公开16表', '公开17表']);
    const values: unknown[] = [];
    wb.getWorksheet('公开14表')!.eachRow((row) => row.eachCell((c) => values.push(c.value)));
    expect(values).toContain(8000000);
    expect(values).toContain(-300000);
    expect(values).toContain('金额单位：元');
    const p16: unknown[] = [];
    wb.getWorksheet('公开16表')!.eachRow((row) => row.eachCell((c) => p16.push(c.value)));
    expect(p16).toContain(620000);
    expect(p16).toContain('良');
  });
});

describe('2024 绩效自评 DOCX', () => {
  it('holds every table number once, the 元 figures and the year in the 整体表 title', () => {
    const text = [...docxXml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');
    for (const n of ['公开13表', '公开14表', '公开15表', '公开16表', '公开17表']) expect(text.split(n).length - 1, n).toBe(1);
    expect(text).toContain('2024年度部门整体支出绩效自评表');
    expect(text).toContain('|8,000,000.00|');
    expect(text).toContain('|-300,000.00|');
    expect(text).toContain('|98.00%|');
  });
});

describe('2024 自评情况 grid in a draft', () => {
  it('highlights a part the department has not written inside its cell', async () => {
    const dict = await loadDictionary();
    const text = readFileSync(fixture('evaluation-2024/department-2024.yaml'), 'utf8').replace(/^ {4}conclusion: .*\n/m, '');
    const form = readForm(fixture('evaluation-2024/yunnan-2024-evaluation.yaml'));
    const doc = compose(derive(readYaml(text, 'x.yaml').dataset!, dict), dict, resolveProfile('yunnan'), { createdAt: '2025-06-30T00:00:00Z', form, draft: true });
    const html = writeHtml(doc, defaultHtmlOptions);
    expect(html).toMatch(/<td[^>]*colspan="2"[^>]*><mark class="placeholder">请填写[^<]*<\/mark><\/td>/);
    const xml = await (await JSZip.loadAsync(await writeDocx(doc))).file('word/document.xml')!.async('string');
    // inside a table cell, in a highlighted run
    expect(xml).toMatch(/<w:tc>(?:(?!<\/w:tc>).)*<w:highlight w:val="yellow"\/>(?:(?!<\/w:r>).)*<w:t[^>]*>请填写/s);
  });
});
