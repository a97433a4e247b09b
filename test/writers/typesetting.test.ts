// The three example departments as a reviewer would check them before publishing: no table text
// under 7 pt and no page printed smaller than its CSS (Chromium shrinks a whole document when one
// thing is too wide), no Type 3 font, no near-empty page, 04表 on one landscape page; in the DOCX
// every figure in a column wide enough for it in Word's fonts (and so whole when LibreOffice lays it
// out); in the XLSX every header label with the room or the lines it needs; a draft marked 草稿 on
// every page by every writer.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { Builder } from '../../src/batch/index.js';
import { loadDictionary } from '../../src/readers/dictionary.js';
import { textWidth, unbreakableWidth } from '../../src/writers/measure.js';
import { unitsToEm } from '../../src/writers/xlsx.js';
import { amountCoverage, pdfText, seedTablesText } from '../../scripts/seed-coverage.js';
import { example } from '../helpers.js';
import { resolveRuns, textParts } from './docx-fonts.js';
import { convertToPdf } from './office.js';

const out = mkdtempSync(join(tmpdir(), 'juesuan-typesetting-'));
const NAMES = {
  'yuxi-gxj-2021': '玉溪市工业和信息化局（本级）2021年度部门决算',
  'panzhihua-jxj-2020': '攀枝花市经济和信息化局2020年度部门决算',
  'yunnan-gxt-2023-projects': '云南省工业和信息化厅2023年度绩效自评',
} as const;
type Name = keyof typeof NAMES;
const file = (name: Name, ext: string, dir = 'published') => join(out, dir, name, `${NAMES[name]}${ext}`);

beforeAll(async () => {
  const dict = await loadDictionary();
  const entries = (dir: string, names: readonly Name[]) => names.map((n) => ({ file: example(`${n}.yaml`), outParts: [dir, n] }));
  const options = { outDir: out, formats: ['pdf', 'docx', 'xlsx'] as const, jobs: 2, createdAt: '2022-06-30T00:00:00.000Z' };
  const published = await new Builder(dict, { ...options, formats: [...options.formats] }).buildAll(entries('published', Object.keys(NAMES) as Name[]), () => {});
  const drafts = await new Builder(dict, { ...options, formats: [...options.formats], draft: true }).buildAll(entries('draft', ['yunnan-gxt-2023-projects']), () => {});
  for (const r of [...published, ...drafts]) expect(r.ok, JSON.stringify(r.failure ?? r.findings.filter((f) => f.severity === 'error'))).toBe(true);
  convertToPdf([file('yuxi-gxj-2021', '.docx'), file('yunnan-gxt-2023-projects', '.docx', 'draft')], join(out, 'lo'));
}, 400_000);

interface Page {
  readonly width: number;
  readonly height: number;
  readonly words: readonly { text: string; x0: number; y0: number; x1: number; y1: number }[];
}

function wordPages(pdf: string): Page[] {
  const xml = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return xml.split('<page ').slice(1).map((page) => ({
    width: Number(/width="([\d.]+)"/.exec(page)![1]),
    height: Number(/height="([\d.]+)"/.exec(page)![1]),
    words: [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({ text: m[5]!, x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]) })),
  }));
}

/**
 * The type size of each word of Chinese characters only, in points: every such character is one
 * em wide, so a word's width over its length is its size (letter-spaced labels print one
 * character to a word).
 */
const sizes = (page: Page) => page.words.filter((w) => /^[\u4e00-\u9fff\u3001\u3002\uff08\uff09\uff0c\uff1a\uff1b]+$/.test(w.text)).map((w) => ({ text: w.text, size: (w.x1 - w.x0) / [...w.text].length }));

describe('PDF', () => {
  it('prints no table text under 7 pt, in any example', () => {
    for (const name of Object.keys(NAMES) as Name[]) {
      const pages = wordPages(file(name, '.pdf'));
      let checked = 0;
      for (const [i, page] of pages.entries()) {
        if (!page.words.some((w) => w.text.startsWith('金额单位'))) continue;
        for (const s of sizes(page)) {
          checked++;
          expect(s.size, `${name} page ${i + 1}: ${s.text}`).toBeGreaterThanOrEqual(6.95);
        }
      }
      expect(checked, name).toBeGreaterThan(300);
    }
  });

  it('prints the text at the sizes the page asks for: nothing shrinks the whole document', () => {
    const pages = wordPages(file('yuxi-gxj-2021', '.pdf'));
    const part1 = pages.find((p) => p.words.some((w) => w.text === '（一）主要职能。'))!;
    // 12 pt body text, as p.body says
    const body = sizes(part1).filter((s) => s.text.length >= 8);
    expect(body.length).toBeGreaterThan(3);
    for (const s of body) expect(s.size).toBeGreaterThanOrEqual(11.9);
  });

  it('embeds every font as a CID TrueType subset, none as Type 3', () => {
    for (const name of Object.keys(NAMES) as Name[]) {
      for (const dir of ['published', ...(name === 'yunnan-gxt-2023-projects' ? ['draft'] : [])]) {
        const fonts = execFileSync('pdffonts', [file(name, '.pdf', dir)], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
        expect(fonts.length).toBeGreaterThan(0);
        for (const line of fonts) expect(line, `${name} ${dir}`).toMatch(/CID TrueType\s+Identity-H\s+yes yes yes/);
      }
    }
  });

  it('never ends a table on a near-empty page: the page with a table’s notes holds rows of it too', () => {
    for (const name of Object.keys(NAMES) as Name[]) {
      const pages = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file(name, '.pdf'), '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).split('\f');
      let ends = 0;
      for (const [i, p] of pages.entries()) {
        const lines = p.split('\n').filter((l) => l.trim());
        // the last page of a table that began on an earlier page: its notes and more than a row or two
        if (p.includes('金额单位') || !lines.some((l) => /^\s*(注：|备注：1)/.test(l))) continue;
        ends++;
        const noteAt = lines.findIndex((l) => /^\s*(注：|备注：1)/.test(l));
        expect(noteAt, `${name} page ${i + 1}`).toBeGreaterThanOrEqual(4);
      }
      if (name === 'yuxi-gxj-2021') expect(ends).toBeGreaterThan(0);
    }
  });

  it('prints 04表 on one landscape page, at 7 pt or more', () => {
    const pages = wordPages(file('yuxi-gxj-2021', '.pdf'));
    // the table's own page (the contents may list it too)
    const at = pages.findIndex((p) => p.words.some((w) => w.text === '公开04表') && p.words.some((w) => w.text.startsWith('金额单位')));
    const page = pages[at]!;
    expect(page.width).toBeGreaterThan(page.height);
    const text = page.words.map((w) => w.text).join('');
    expect(text).toContain('国有资本经营预算财政拨款');
    // its last row (总计, 行次 32 and 64) on the same page
    expect(page.words.some((w) => w.text === '64')).toBe(true);
    expect(pages[at + 1]!.words.some((w) => w.text === '公开05表') && pages[at + 1]!.words.some((w) => w.text.startsWith('金额单位'))).toBe(true);
  });
});

async function docxXml(path: string, part = 'word/document.xml'): Promise<string> {
  return (await JSZip.loadAsync(readFileSync(path))).file(part)!.async('string');
}

describe('DOCX', () => {
  it('sets no Chinese run in a theme font: each resolves to the document’s East Asian fonts', async () => {
    for (const name of Object.keys(NAMES) as Name[]) {
      const { styles, parts } = await textParts(readFileSync(file(name, '.docx')));
      const runs = [...parts.values()].flatMap((xml) => resolveRuns(styles, xml));
      expect(runs.length).toBeGreaterThan(500);
      expect(runs.filter((r) => r.font !== '宋体' && r.font !== '黑体').map((r) => r.text)).toEqual([]);
    }
  });

  it('defines the document defaults, Normal and TOC 1–3 with the East Asian font, and fills the contents with the headings', async () => {
    const styles = await docxXml(file('yuxi-gxj-2021', '.docx'), 'word/styles.xml');
    expect(styles).toMatch(/<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts [^>]*w:eastAsia="宋体"/);
    for (const id of ['Normal', 'TOC1', 'TOC2', 'TOC3']) expect(styles).toMatch(new RegExp(`w:styleId="${id}"[^>]*>(?:(?!</w:style>).)*w:eastAsia="宋体"`, 's'));
    const xml = await docxXml(file('yuxi-gxj-2021', '.docx'));
    const toc = /<w:sdt>[\s\S]*?<\/w:sdt>/.exec(xml)![0];
    for (const heading of ['第一部分 部门概况', '一、基本职能及主要工作', '第三部分 名词解释', '第四部分 附表']) expect(toc).toContain(`>${heading}<`);
    expect(toc.match(/<w:pStyle w:val="TOC1"\/>/g)!.length).toBeGreaterThanOrEqual(4);
  });

  it('sets table text at 7 pt or more', async () => {
    const styles = await docxXml(file('yuxi-gxj-2021', '.docx'), 'word/styles.xml');
    for (const id of ['TableText', 'TableTextForm', 'TableTextSmall']) {
      const size = Number(new RegExp(`w:styleId="${id}"(?:(?!</w:style>).)*<w:sz w:val="(\\d+)"`, 's').exec(styles)![1]);
      expect(size, id).toBeGreaterThanOrEqual(14);
    }
    const xml = await docxXml(file('yuxi-gxj-2021', '.docx'));
    for (const m of xml.matchAll(/<w:sz w:val="(\d+)"\/>/g)) expect(Number(m[1])).toBeGreaterThanOrEqual(14);
  });

  it('makes each column at least as wide as its widest figure or code in Word’s fonts at the table’s size', async () => {
    const xml = await docxXml(file('yuxi-gxj-2021', '.docx'));
    const styles = await docxXml(file('yuxi-gxj-2021', '.docx'), 'word/styles.xml');
    const styleSize = (id: string) => Number(new RegExp(`w:styleId="${id}"(?:(?!</w:style>).)*<w:sz w:val="(\\d+)"`, 's').exec(styles)![1]) / 2;
    let figures = 0;
    for (const table of xml.matchAll(/<w:tbl>([\s\S]*?)<\/w:tbl>/g)) {
      for (const cell of table[1]!.matchAll(/<w:tc>([\s\S]*?)<\/w:tc>/g)) {
        const text = [...cell[1]!.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('');
        if (!/^[\d,.\-%]+$/.test(text)) continue;
        figures++;
        const width = Number(/<w:tcW w:type="dxa" w:w="(\d+)"\/>|<w:tcW w:w="(\d+)" w:type="dxa"\/>/.exec(cell[1]!)!.slice(1).find(Boolean));
        const style = /<w:pStyle w:val="([^"]+)"/.exec(cell[1]!)![1]!;
        const narrow = /w:ascii="Arial Narrow"/.test(cell[1]!);
        const needed = unbreakableWidth(text, narrow ? 'narrow' : 'serif') * styleSize(style) * 20 + 2 * 45;
        expect(width, `${text} in ${style}`).toBeGreaterThanOrEqual(needed);
      }
    }
    expect(figures).toBeGreaterThan(400);
  });

  it('prints every amount of seed 000’s tables whole when LibreOffice lays the DOCX out with Word-compatible fonts', () => {
    const c = amountCoverage(seedTablesText(), pdfText(join(out, 'lo', `${NAMES['yuxi-gxj-2021']}.pdf`)));
    expect(c.missing).toEqual([]);
    expect(c.found).toBe(478);
  });
});

async function book(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

describe('XLSX', () => {
  /** Merged ranges of a sheet by their top-left cell: [columns, rows] spanned. */
  function spans(ws: ExcelJS.Worksheet): Map<string, [number, number, number, number]> {
    const out = new Map<string, [number, number, number, number]>();
    for (const range of (ws.model as unknown as { merges: string[] }).merges) {
      const [a, b] = range.split(':');
      const from = ws.getCell(a!);
      const to = ws.getCell(b!);
      out.set(a!, [Number(from.col), Number(to.col), Number(from.row), Number(to.row)]);
    }
    return out;
  }

  it('gives every header label of every 公开表 the width or the lines it needs (merged cells together)', async () => {
    for (const name of ['yuxi-gxj-2021', 'panzhihua-jxj-2020'] as const) {
      const wb = await book(file(name, '公开表.xlsx'));
      let checked = 0;
      for (const ws of wb.worksheets.filter((w) => /^公开0\d表$/.test(w.name))) {
        const merged = spans(ws);
        const headRows = ws.pageSetup.printTitlesRow!.split(':').map(Number);
        for (let r = headRows[0]!; r <= headRows[1]!; r++) {
          ws.getRow(r).eachCell((cell) => {
            const text = String(cell.value ?? '');
            if (!text || cell.isMerged && cell.master !== cell) return;
            const [c0, c1, r0, r1] = merged.get(cell.address) ?? [Number(cell.col), Number(cell.col), r, r];
            let units = 0;
            for (let c = c0; c <= c1; c++) units += ws.getColumn(c).width!;
            let height = 0;
            for (let rr = r0; rr <= r1; rr++) height += ws.getRow(rr).height!;
            // 宋体 10 pt: a Chinese character is one em of 10 pt; a line about 14 pt high
            const lines = Math.max(1, Math.floor((height - 3) / 14));
            expect(unitsToEm(units) * lines, `${name} ${ws.name}!${cell.address} ${text}`).toBeGreaterThanOrEqual(textWidth(text, 'song') - 1e-6);
            checked++;
          });
        }
      }
      expect(checked).toBeGreaterThan(100);
    }
  });

  it('prints “国有资本经营预算财政拨款” of 04表 whole, and every figure on one line', async () => {
    const ws = (await book(file('yuxi-gxj-2021', '公开表.xlsx'))).getWorksheet('公开04表')!;
    let header: ExcelJS.Cell | undefined;
    ws.eachRow((row) => row.eachCell((c) => {
      if (c.value === '国有资本经营预算财政拨款') header = c;
    }));
    const width = unitsToEm(ws.getColumn(Number(header!.col)).width!);
    const lines = Math.floor((ws.getRow(Number(header!.row)).height! - 3) / 14);
    expect(width * lines).toBeGreaterThanOrEqual(12);
    ws.eachRow((row) => row.eachCell((c) => {
      if (typeof c.value !== 'number' && !(typeof c.value === 'object' && c.value && 'result' in c.value)) return;
      const shown = c.text;
      expect(unitsToEm(ws.getColumn(Number(c.col)).width!), `${c.address} ${shown}`).toBeGreaterThanOrEqual(textWidth(shown, 'song'));
    }));
  });
});

describe('drafts', () => {
  it('PDF: a large 草稿 across every page of a draft, none in a published document', () => {
    const big = (p: Page) => p.words.filter((w) => /^[草稿]+$/.test(w.text) && w.x1 - w.x0 > 40);
    const draft = wordPages(file('yunnan-gxt-2023-projects', '.pdf', 'draft'));
    expect(draft.length).toBeGreaterThan(20);
    for (const [i, p] of draft.entries()) {
      const marks = big(p).map((w) => w.text).join('');
      expect(marks, `page ${i + 1}`).toContain('草');
      expect(marks, `page ${i + 1}`).toContain('稿');
    }
    for (const p of wordPages(file('yunnan-gxt-2023-projects', '.pdf'))) expect(big(p)).toEqual([]);
  });

  it('DOCX: every page of a draft shows 草稿 in LibreOffice; a published document has no header', async () => {
    const pages = execFileSync('pdftotext', ['-enc', 'UTF-8', join(out, 'lo', `${NAMES['yunnan-gxt-2023-projects']}.pdf`), '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
    expect(pages.length).toBeGreaterThan(20);
    for (const [i, p] of pages.entries()) expect(p, `page ${i + 1}`).toContain('草稿');
    const zip = await JSZip.loadAsync(readFileSync(file('yunnan-gxt-2023-projects', '.docx', 'draft')));
    const headers = Object.keys(zip.files).filter((f) => /^word\/header\d+\.xml$/.test(f));
    expect(headers.length).toBeGreaterThan(0);
    for (const h of headers) expect(await zip.file(h)!.async('string')).toMatch(/<v:textpath[^>]*string="草稿"/);
    expect(await docxXml(file('yunnan-gxt-2023-projects', '.docx'))).not.toContain('headerReference');
  });

  it('XLSX: 草稿 in the page header and the title row of every sheet of a draft', async () => {
    const draft = await book(file('yunnan-gxt-2023-projects', '表.xlsx', 'draft'));
    expect(draft.worksheets.length).toBe(26);
    for (const ws of draft.worksheets) {
      expect(ws.headerFooter.oddHeader, ws.name).toContain('草稿');
      expect(String(ws.getCell('A1').value), ws.name).toContain('（草稿）');
    }
    for (const ws of (await book(file('yunnan-gxt-2023-projects', '表.xlsx'))).worksheets) {
      expect(ws.headerFooter.oddHeader ?? '').not.toContain('草稿');
      expect(String(ws.getCell('A1').value)).not.toContain('草稿');
    }
  });
});
