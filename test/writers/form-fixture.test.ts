// The writers on a small 绩效自评 form (test/fixtures/documents/evaluation-form.json): the
// indicator rows under their own header rows as a part of their own in HTML and DOCX, text never
// right-aligned, every DOCX run in the document's East Asian font, and a draft marked 草稿 by every
// writer while a published document carries none of it.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/model/document.js';
import { writeDocx } from '../../src/writers/docx.js';
import { writeHtml } from '../../src/writers/html.js';
import { writeXlsx } from '../../src/writers/xlsx.js';
import { fixture } from '../helpers.js';
import { resolveRuns, textParts } from './docx-fonts.js';

const doc = JSON.parse(readFileSync(fixture('documents/evaluation-form.json'), 'utf8')) as Document;
const draft: Document = { ...doc, meta: { ...doc.meta, draft: true } };

describe('HTML', () => {
  const html = writeHtml(doc);
  const tables = [...html.matchAll(/<table class="([^"]*)">([\s\S]*?)<\/table>/g)].map((m) => ({ cls: m[1]!, body: m[2]! }));

  it('prints the indicator rows as a table of their own under their header rows, joined to the part above', () => {
    expect(tables).toHaveLength(2);
    expect(tables[0]!.body).not.toContain('<thead>');
    expect(tables[1]!.cls).toContain('part');
    const thead = /<thead>([\s\S]*?)<\/thead>/.exec(tables[1]!.body)![1]!;
    expect(thead).toContain('绩效指标');
    expect(thead).toContain('一级指标');
    expect(thead).not.toContain('产出指标');
    // both parts have the same columns, so they print as one grid
    const colgroup = (body: string) => /<colgroup>[\s\S]*?<\/colgroup>/.exec(body)![0];
    expect(colgroup(tables[0]!.body)).toBe(colgroup(tables[1]!.body));
  });

  it('keeps figures right-aligned on one line and lets text wrap from the left, even in a column of figures', () => {
    expect(html).toContain('<td class="num">1,950.00</td>');
    expect(html).toContain('<td class="left">超出预算的原因已经说明，并在下一年度改进。</td>');
    expect(html).toMatch(/table\.fitted[^{]*\{ font-size: max\(var\(--fit\), 7pt\)/);
  });

  it('marks every page of a draft 草稿, and a published document not at all', () => {
    expect(html).not.toContain('draft-mark"');
    const marked = writeHtml(draft);
    expect(marked.match(/<div class="draft-mark"[^>]*>草稿<\/div>/g)).toHaveLength(1);
    expect(marked).toMatch(/\.draft-mark \{ position: fixed;/);
  });
});

describe('DOCX', () => {
  it('makes the indicator rows a Word table of its own whose header rows repeat on each page', async () => {
    const xml = await (await JSZip.loadAsync(await writeDocx(doc))).file('word/document.xml')!.async('string');
    const tables = [...xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)].map((m) => m[1]!);
    expect(tables).toHaveLength(2);
    expect(tables[0]).not.toContain('<w:tblHeader/>');
    const rows = [...tables[1]!.matchAll(/<w:tr>([\s\S]*?)<\/w:tr>/g)].map((m) => m[1]!);
    expect(rows.map((r) => r.includes('<w:tblHeader/>'))).toEqual([true, true, false, false, false]);
    expect(rows[1]).toContain('一级指标');
    // the header rows are kept with the first row under them
    expect(rows[1]).toContain('<w:keepNext/>');
    // one paragraph, one point high, between the two
    expect(xml).toMatch(/<\/w:tbl><w:p><w:pPr><w:pStyle w:val="TableJoin"\/><\/w:pPr><\/w:p><w:tbl>/);
  });

  it('sets every run in an East Asian font of the document, through its style chain or the document defaults', async () => {
    const { styles, parts } = await textParts(await writeDocx(draft));
    expect(styles).toMatch(/<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts [^>]*w:eastAsia="宋体"/);
    for (const id of ['Normal', 'TOC1', 'TOC2', 'TOC3', 'TableText', 'TableTextForm', 'TableNote', 'TableMeta', 'TableNumber']) expect(styles).toContain(`w:styleId="${id}"`);
    let runs = 0;
    for (const [name, xml] of parts) {
      for (const r of resolveRuns(styles, xml)) {
        runs++;
        expect(['宋体', '黑体'], `${name}: ${r.text}`).toContain(r.font);
      }
    }
    expect(runs).toBeGreaterThan(20);
  });

  it('lists the headings in the contents as written, before Word updates the field', async () => {
    const xml = await (await JSZip.loadAsync(await writeDocx(doc))).file('word/document.xml')!.async('string');
    const toc = /<w:sdt>[\s\S]*?<\/w:sdt>/.exec(xml)![0];
    expect(toc).toMatch(/<w:instrText[^>]*>TOC /);
    expect(toc).toMatch(/<w:pStyle w:val="TOC1"\/>[\s\S]*?第一部分 绩效自评/);
    expect(toc).toMatch(/<w:pStyle w:val="TOC2"\/>[\s\S]*?一、部门整体支出绩效自评/);
  });

  it('puts a 草稿 watermark in the header of every section of a draft, and no header in a published document', async () => {
    const zip = await JSZip.loadAsync(await writeDocx(draft));
    const xml = await zip.file('word/document.xml')!.async('string');
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    const sections = [...xml.matchAll(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g)].map((m) => m[0]);
    expect(sections).toHaveLength(2);
    for (const s of sections) {
      const id = /<w:headerReference w:type="default" r:id="([^"]+)"\/>/.exec(s)?.[1];
      expect(id).toBeDefined();
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ?? new RegExp(`Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)![1]!;
      const header = await zip.file(`word/${target}`)!.async('string');
      expect(header).toMatch(/<v:textpath[^>]*string="草稿"/);
    }
    const published = await (await JSZip.loadAsync(await writeDocx(doc))).file('word/document.xml')!.async('string');
    expect(published).not.toContain('headerReference');
  });
});

describe('XLSX', () => {
  const read = async (d: Document) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await writeXlsx(d)) as unknown as ArrayBuffer);
    return wb.worksheets[0]!;
  };

  it('says 草稿 in the page header and the title row of every sheet of a draft only', async () => {
    const ws = await read(draft);
    expect(ws.headerFooter.oddHeader).toContain('草稿');
    expect(ws.getCell('A1').value).toBe('项目支出绩效自评表（草稿）');
    const published = await read(doc);
    expect(published.headerFooter.oddHeader ?? '').not.toContain('草稿');
    expect(published.getCell('A1').value).toBe('项目支出绩效自评表');
  });

  it('aligns text left and figures right, and grows a row for the lines of its wrapped text', async () => {
    const ws = await read(doc);
    // grid row 1 (sheet row 5): 年度资金总额, the amount, a sentence in a column of figures
    expect(ws.getCell('C5').alignment.horizontal).toBe('right');
    expect(ws.getCell('D5').alignment).toMatchObject({ horizontal: 'left', wrapText: true });
    const sentence = '超出预算的原因已经说明，并在下一年度改进。';
    const width = ws.getColumn(4).width!;
    // 宋体 10 pt: a character is about two column units; the row holds every line of it
    const lines = Math.ceil((sentence.length * 2) / (width - 1));
    expect(ws.getRow(5).height!).toBeGreaterThanOrEqual(lines * 13);
  });
});
