// A table too wide for its page even at 7 pt (sixteen columns of ten-digit amounts on a portrait
// page) is printed at 7 pt with its figures wrapped inside their cells: nothing runs off the page,
// and the rest of the document keeps its sizes (Chromium would otherwise shrink every page).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Cell, Document } from '../../src/model/document.js';
import { fontFaceCss } from '../../src/writers/fonts.js';
import { defaultHtmlOptions, writeHtml } from '../../src/writers/html.js';
import { PdfRenderer } from '../../src/writers/pdf.js';

const renderer = new PdfRenderer();
afterAll(() => renderer.close());

const amount: Cell = { text: '9,876,543,210.99', value: '9876543210.99', kind: 'amount' };
const doc: Document = {
  type: 'document',
  meta: { title: '测试', author: '测试局', lang: 'zh-CN', createdAt: '2022-06-30T00:00:00.000Z' },
  sections: [
    { type: 'section', orientation: 'portrait', blocks: [{ type: 'paragraph', style: 'body', text: '本部门按要求编制了部门决算，各项数字均与报表一致，此处为正文。' }] },
    {
      type: 'section',
      orientation: 'portrait',
      blocks: [
        {
          type: 'table',
          id: 'wide',
          label: '公开05表',
          caption: { title: '一般公共预算财政拨款收入支出决算表', number: '公开05表', left: '部门：测试局', right: '金额单位：元' },
          columns: [{ width: 20, align: 'left' }, ...Array.from({ length: 16 }, () => ({ width: 10, align: 'right' as const }))],
          head: [{ cells: [{ text: '科目名称', kind: 'text' }, ...Array.from({ length: 16 }, (_, i) => ({ text: `栏${i + 1}`, kind: 'text' as const }))] }],
          body: [{ cells: [{ text: '一般公共服务支出', kind: 'text' }, ...Array.from({ length: 16 }, () => amount)] }],
          notes: ['注：本表为测试。'],
          density: 'small',
        },
      ],
    },
  ],
};

describe('a table wider than its page at 7 pt', () => {
  it('keeps 7 pt, wraps its figures in their cells, and leaves the other pages at their sizes', async () => {
    const pdf = join(mkdtempSync(join(tmpdir(), 'juesuan-fit-')), 'wide.pdf');
    writeFileSync(pdf, await renderer.render(writeHtml(doc, { ...defaultHtmlOptions, fontFaceCss: fontFaceCss() }), { contentsPageNumbers: false }));
    const xml = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' });
    const pages = xml.split('<page ').slice(1);
    for (const page of pages) {
      const width = Number(/width="([\d.]+)"/.exec(page)![1]);
      for (const m of page.matchAll(/xMin="([\d.]+)"[^>]*xMax="([\d.]+)"[^>]*>([^<]*)</g)) {
        expect(Number(m[2]), m[3]).toBeLessThanOrEqual(width - 60);
        // a Chinese word's width over its length is its size
        if (/^[\u4e00-\u9fff]+$/.test(m[3]!)) expect((Number(m[2]) - Number(m[1])) / m[3]!.length, m[3]).toBeGreaterThanOrEqual(6.95);
      }
    }
    const body = /xMin="([\d.]+)"[^>]*xMax="([\d.]+)"[^>]*>本部门按要求编制了部门决算/.exec(pages[0]!)!;
    expect(body).not.toBeNull();
    // the first page's text at 12 pt: not shrunk because of the table
    const firstWord = /<word[^>]*xMin="([\d.]+)"[^>]*xMax="([\d.]+)"[^>]*>([\u4e00-\u9fff]+)，/.exec(pages[0]!);
    expect(firstWord).not.toBeNull();
    expect((Number(firstWord![2]) - Number(firstWord![1])) / (firstWord![3]!.length + 1)).toBeGreaterThanOrEqual(11.9);
  }, 60_000);
});
