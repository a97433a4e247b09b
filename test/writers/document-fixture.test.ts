// Writers tested from a small Document (pandoc's .native fixtures): user text never becomes markup
// or a formula, merges and sums land where the tree says.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { Document } from '../../src/model/document.js';
import { placeRows } from '../../src/writers/grid.js';
import { writeHtml } from '../../src/writers/html.js';
import { writeXlsx } from '../../src/writers/xlsx.js';
import { fixture } from '../helpers.js';

const doc = JSON.parse(readFileSync(fixture('documents/escaping.json'), 'utf8')) as Document;

describe('HTML writer', () => {
  it('escapes every user text', () => {
    const html = writeHtml(doc);
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<b>部门概况</b>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('部门：&lt;测试局&gt;');
    expect(html).toContain('<th rowspan="2"><span class="spaced">项目</span></th>');
    expect(html).toContain('<th colspan="2">金额</th>');
  });

  it('is one tree in, one string out: the same tree gives the same HTML', () => {
    expect(writeHtml(doc)).toBe(writeHtml(JSON.parse(JSON.stringify(doc)) as Document));
  });
});

describe('grid placement', () => {
  it('places cells after row and column spans, as HTML does', () => {
    const table = doc.sections[0]!.blocks[2] as Extract<Document['sections'][0]['blocks'][0], { type: 'table' }>;
    const placed = placeRows([...table.head, ...table.body]);
    expect(placed.slice(0, 4).map((p) => [p.cell.text, p.row, p.col])).toEqual([
      ['项目', 0, 0],
      ['金额', 0, 1],
      ['甲', 1, 1],
      ['乙', 1, 2],
    ]);
  });
});

describe('XLSX writer', () => {
  it('writes user text as text, never as a formula, and sums as formulas with their results', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await writeXlsx(doc)) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('公开01表')!;
    // title rows 1–3, head rows 4–5, body from row 6
    expect(ws.getCell('A6').value).toBe('=SUM(A1:A9)');
    expect(ws.getCell('A6').type).toBe(ExcelJS.ValueType.String);
    expect(ws.getCell('A7').value).toBe("+cmd|' /C calc'!A0");
    expect(ws.getCell('B6').value).toBe(1234.5);
    expect(ws.getCell('B8').value).toEqual({ formula: 'SUM(B6:B7)', result: 1236.5 });
    expect(ws.getCell('C8').value).toEqual({ formula: 'SUM(C6:C7)', result: 0.3 });
    expect(ws.getCell('B8').numFmt).toBe('#,##0.00');
    expect((ws.model as unknown as { merges: string[] }).merges).toEqual(expect.arrayContaining(['A4:A5', 'B4:C4']));
    expect(wb.creator).toBe('测试局 & 公司');
  });
});
