// Long text in the 绩效自评 tables is printed whole: a 3,000-character 预期目标 and 1,800-character
// 偏差原因 (and 实际完成情况, 备注) wrap inside their cells and continue on the next page, where the
// indicator header rows are printed again; every sentence is found in the PDF and in the DOCX as
// LibreOffice lays it out. Built from the 玉溪 example (municipal layout) and the 云南 example
// (province layout) with those texts put in.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { Builder } from '../../src/batch/index.js';
import { loadDictionary } from '../../src/readers/dictionary.js';
import { example } from '../helpers.js';
import { convertToPdf } from './office.js';

const out = mkdtempSync(join(tmpdir(), 'juesuan-long-'));

/** A text of numbered sentences, each unique from end to end, about `chars` characters long. */
function longText(tag: string, chars: number): { text: string; sentences: string[] } {
  const sentences: string[] = [];
  for (let i = 1; sentences.join('').length < chars; i++) {
    const n = `${tag}${String(i).padStart(3, '0')}`;
    sentences.push(`${n}：本年度按计划推进各项工作，完成率达到${i % 100}.5%，情况良好，已形成书面材料${n}备查。`);
  }
  return { text: sentences.join(''), sentences };
}

const yx = {
  goal: longText('目标', 3000),
  deviation: longText('偏差', 1800),
  deptActual: longText('完成', 1800),
  deptDeviation: longText('整体偏差', 1800),
};
const gxt = { goal: longText('预期', 3000), deviation: longText('原因', 1800), remark: longText('备注', 600) };

/** An example with texts put in at the given paths, written where the test can build it. */
function variant(name: string, edits: readonly [readonly (string | number)[], string][]): string {
  const doc = parseDocument(readFileSync(example(`${name}.yaml`), 'utf8'));
  for (const [path, text] of edits) doc.setIn(path, text);
  const file = join(out, `${name}-long.yaml`);
  writeFileSync(file, doc.toString({ lineWidth: 0 }));
  return file;
}

const YX = join(out, 'yx', '玉溪市工业和信息化局（本级）2021年度部门决算');
const GXT = join(out, 'gxt', '云南省工业和信息化厅2023年度绩效自评');

beforeAll(async () => {
  const files = {
    yx: variant('yuxi-gxj-2021', [
      [['selfEvaluation', 'projects', 0, 'goals', 'expected'], yx.goal.text],
      [['selfEvaluation', 'projects', 0, 'indicators', 0, 'deviation'], yx.deviation.text],
      [['selfEvaluation', 'department', 'annualGoals', 0, 'actual'], yx.deptActual.text],
      [['selfEvaluation', 'department', 'indicators', 0, 'deviation'], yx.deptDeviation.text],
    ]),
    gxt: variant('yunnan-gxt-2023-projects', [
      [['selfEvaluation', 'projects', 0, 'goals', 'expected'], gxt.goal.text],
      [['selfEvaluation', 'projects', 0, 'indicators', 0, 'deviation'], gxt.deviation.text],
      [['selfEvaluation', 'projects', 0, 'fundsRemark'], gxt.remark.text],
    ]),
  };
  const builder = new Builder(await loadDictionary(), { outDir: out, formats: ['pdf', 'docx', 'xlsx'], jobs: 2, createdAt: '2022-06-30T00:00:00.000Z' });
  const results = await builder.buildAll(Object.entries(files).map(([dir, file]) => ({ file, outParts: [dir] })), () => {});
  for (const r of results) expect(r.ok, JSON.stringify(r.failure ?? r.findings.filter((f) => f.severity === 'error'))).toBe(true);
  convertToPdf([`${YX}.docx`, `${GXT}.docx`], join(out, 'lo'));
}, 400_000);

/** Each page's text in the order the file draws it (a cell's lines stay together), without white space. */
function rawPages(pdf: string): string[] {
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 })
    .split('\f')
    .map((p) => p.replace(/\s+/g, ''));
}

/**
 * The sentences not printed whole: a sentence is found on one page, or its beginning ends the text
 * of its cell on one page and its end starts the cell's text on the next (a cell that continues).
 */
function missing(pages: readonly string[], sentences: readonly string[]): string[] {
  return sentences.filter((s) => {
    if (pages.some((p) => p.includes(s))) return false;
    for (let k = 4; k < s.length - 4; k++) {
      const head = s.slice(0, k);
      const tail = s.slice(k);
      for (let i = 0; i + 1 < pages.length; i++) if (pages[i]!.includes(head) && pages[i + 1]!.includes(tail)) return false;
    }
    return true;
  });
}

interface Word {
  readonly text: string;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** Each page's words with their boxes, and the page size. */
function wordPages(pdf: string): { width: number; height: number; words: Word[] }[] {
  const xml = execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return xml.split('<page ').slice(1).map((page) => ({
    width: Number(/width="([\d.]+)"/.exec(page)![1]),
    height: Number(/height="([\d.]+)"/.exec(page)![1]),
    words: [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({ text: m[5]!, x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]) })),
  }));
}

const LEVEL1 = new Set(['产出指标', '效益指标', '满意度指标']);

/** Page margins of the PDF (html.ts @page), in points: nothing is printed outside them. */
const MARGIN = { portrait: { x: 68, top: 70 }, landscape: { x: 31, top: 39 } } as const;

/**
 * The lines of a long text (the words holding its sentences' tag) wrap inside their cell: each
 * line no wider than the cell's share of the printable width, every line starting at the same
 * left edge, all inside the page margins. Text cut at a cell edge or run over its neighbours fails.
 */
function expectWrapped(pdf: string, tag: string, share: number): void {
  let lines = 0;
  for (const [i, page] of wordPages(pdf).entries()) {
    const margin = page.width > page.height ? MARGIN.landscape : MARGIN.portrait;
    const printable = page.width - 2 * margin.x;
    const words = page.words.filter((w) => w.text.includes(`${tag}0`) || w.text.includes(`${tag}1`));
    for (const w of words) {
      expect(w.x1 - w.x0, `page ${i + 1}: ${w.text}`).toBeLessThanOrEqual(share * printable);
      expect(w.x0 >= margin.x - 1 && w.x1 <= page.width - margin.x + 1, `page ${i + 1}: ${w.text}`).toBe(true);
    }
    expect(new Set(words.map((w) => Math.round(w.x0))).size, `page ${i + 1}`).toBeLessThanOrEqual(1);
    lines += words.length;
  }
  expect(lines).toBeGreaterThan(5);
}

/** Pages from the first one whose text holds `from` up to (not including) the next one holding `to`. */
function pageRange(pages: readonly string[], from: string, to: string): number[] {
  const start = pages.findIndex((p) => p.includes(from));
  let end = pages.findIndex((p, i) => i > start && p.includes(to));
  if (end < 0) end = pages.length;
  return Array.from({ length: end - start }, (_, i) => start + i);
}

describe('PDF, municipal layout (玉溪)', () => {
  const pdf = () => `${YX}.pdf`;

  it('prints every sentence of the 3,000-character 预期目标 and of the 1,800-character 偏差原因 of a project', () => {
    const pages = rawPages(pdf());
    expect(missing(pages, yx.goal.sentences)).toEqual([]);
    expect(missing(pages, yx.deviation.sentences)).toEqual([]);
  });

  it('prints every sentence of 实际完成情况 and 偏差原因 in the 部门整体支出绩效自评表', () => {
    const pages = rawPages(pdf());
    expect(missing(pages, yx.deptActual.sentences)).toEqual([]);
    expect(missing(pages, yx.deptDeviation.sentences)).toEqual([]);
  });

  it('wraps each long text inside its cell, within the page margins', () => {
    expectWrapped(pdf(), '目标', 0.55); // 预期目标 over five of ten columns
    expectWrapped(pdf(), '偏差', 0.25); // 偏差原因分析及改进措施, the last column
    expectWrapped(pdf(), '完成', 0.35); // 部门年度目标 实际完成情况, three columns
    expectWrapped(pdf(), '整体偏差', 0.25); // 偏差原因 of the 部门整体 indicators, two columns
    for (const [i, page] of wordPages(pdf()).entries()) {
      for (const w of page.words) expect(w.x1 <= page.width + 0.5 && w.y1 <= page.height + 0.5, `page ${i + 1}: ${w.text}`).toBe(true);
    }
  });

  it('prints the indicator header rows again on every page the indicator rows continue on, never alone at the foot', () => {
    const pages = rawPages(pdf());
    const words = wordPages(pdf());
    const tables = [...pageRange(pages, '部门整体支出绩效自评表', '项目支出绩效自评表'), ...pageRange(pages, '兴玉优秀企业家', '规模以上工业企业奖励专项资金')];
    // the long texts push both tables over several pages
    expect(tables.length).toBeGreaterThanOrEqual(5);
    let continued = 0;
    for (const i of tables) {
      const indicators = words[i]!.words.filter((w) => LEVEL1.has(w.text));
      const headers = words[i]!.words.filter((w) => w.text === '一级指标');
      if (indicators.length === 0) continue;
      expect(headers.length, `page ${i + 1}`).toBeGreaterThan(0);
      // under each header an indicator row on the same page
      for (const h of headers) expect(indicators.some((w) => w.y0 > h.y1), `page ${i + 1}`).toBe(true);
      if (!pages[i]!.includes('项目支出绩效自评表') && !pages[i]!.includes('部门整体支出绩效自评表')) continued++;
    }
    expect(continued).toBeGreaterThan(0);
  });

  it('never leaves the 总分 row alone with the page: indicator rows end the table with it', () => {
    const words = wordPages(pdf());
    const ends = words.filter((p) => p.words.some((w) => w.text === '（自评等级）优' || w.text === '总分'));
    expect(ends.length).toBeGreaterThanOrEqual(17);
    for (const p of ends) expect(p.words.some((w) => LEVEL1.has(w.text))).toBe(true);
  });
});

describe('PDF, province layout (云南)', () => {
  it('prints every sentence of 预期目标, 偏差原因 and the 备注 column', () => {
    const pages = rawPages(`${GXT}.pdf`);
    expect(missing(pages, gxt.goal.sentences)).toEqual([]);
    expect(missing(pages, gxt.deviation.sentences)).toEqual([]);
    expect(missing(pages, gxt.remark.sentences)).toEqual([]);
  });

  it('wraps the 备注, 预期目标 and 偏差原因 inside their columns, left-aligned, within the page', () => {
    expectWrapped(`${GXT}.pdf`, '备注', 0.25);
    expectWrapped(`${GXT}.pdf`, '预期', 0.55);
    expectWrapped(`${GXT}.pdf`, '原因', 0.25);
    // the 备注 lines start under the 备注 header, in the last column
    const page = wordPages(`${GXT}.pdf`).find((p) => p.words.some((w) => w.text.startsWith('备注001')))!;
    const head = page.words.find((w) => w.text === '备注')!;
    for (const w of page.words.filter((x) => x.text.includes('备注0'))) expect(w.x0).toBeGreaterThan(page.width * 0.7);
    expect(head.x0).toBeGreaterThan(page.width * 0.7);
  });

  it('prints no page of notes alone: every page with the notes holds the end of its table', () => {
    const pages = rawPages(`${GXT}.pdf`);
    for (const [i, p] of pages.entries()) if (p.includes('备注：1.涉密部门')) expect(p, `page ${i + 1}`).toContain('总得分');
  });
});

describe('DOCX as LibreOffice lays it out', () => {
  it('prints every sentence of the long texts, in both layouts', () => {
    const yxPages = rawPages(join(out, 'lo', '玉溪市工业和信息化局（本级）2021年度部门决算.pdf'));
    for (const t of Object.values(yx)) expect(missing(yxPages, t.sentences)).toEqual([]);
    const gxtPages = rawPages(join(out, 'lo', '云南省工业和信息化厅2023年度绩效自评.pdf'));
    for (const t of Object.values(gxt)) expect(missing(gxtPages, t.sentences)).toEqual([]);
  });

  it('prints the indicator header again where the indicator rows continue', () => {
    const pages = rawPages(join(out, 'lo', '玉溪市工业和信息化局（本级）2021年度部门决算.pdf'));
    const range = pageRange(pages, '部门整体支出绩效自评表', '项目支出绩效自评表');
    const withIndicators = range.filter((i) => /产出指标|效益指标|满意度指标/.test(pages[i]!));
    expect(withIndicators.length).toBeGreaterThan(1);
    for (const i of withIndicators) expect(pages[i], `page ${i + 1}`).toContain('一级指标');
  });
});

describe('XLSX', () => {
  it('keeps the long texts whole in their cells, wrapped', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(`${YX}公开表.xlsx`);
    const ws = wb.getWorksheet('公开12表-1')!;
    const cells: ExcelJS.Cell[] = [];
    ws.eachRow((row) => row.eachCell((c) => cells.push(c)));
    for (const t of [yx.goal.text, yx.deviation.text]) {
      const cell = cells.find((c) => c.value === t);
      expect(cell).toBeDefined();
      expect(cell!.alignment).toMatchObject({ wrapText: true, horizontal: 'left' });
    }
  });
});
