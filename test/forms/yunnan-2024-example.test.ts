// The 2024 example department built end to end (issue: forms as data): the yunnan profile picks the
// yunnan-2024 form for 2024, and the package prints 公开01表–公开12表 with the 2024 titles (tables.md §1),
// the 2024 三公 table's 全年预算数 column, 公开13表/公开14表 and one number per project table from
// 公开15表 on, every evaluation table in 元 with 公开14表's 部门预算资金 block.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { example, runCli } from '../helpers.js';

const out = mkdtempSync(join(tmpdir(), 'juesuan-2024-'));
let pages: string[] = [];
let dir = '';

beforeAll(() => {
  const r = runCli(['build', example('yunnan-2024-example.yaml'), '--out', out, '--format', 'pdf,xlsx']);
  expect(r.code, r.stdout + r.stderr).toBe(0);
  dir = join(out, readdirSync(out, { withFileTypes: true }).find((e) => e.isDirectory())!.name);
  const pdf = readdirSync(dir).find((n) => n.endsWith('.pdf'))!;
  pages = execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', join(dir, pdf), '-'], { encoding: 'utf8' }).split('\f');
}, 240_000);

/** The page whose first line is `title` and that carries table number `label`. */
const tablePage = (label: string) => pages.find((p) => new RegExp(`^\\s*${label}\\s*$`, 'm').test(p) && /金额单位/.test(p));

describe('the 2024 example (yunnan-2024 form)', () => {
  it('prints 公开01表–公开12表 with the 2024 titles and units', () => {
    const titles: Record<string, string> = {
      公开01表: '收入支出决算表',
      公开02表: '收入决算表',
      公开03表: '支出决算表',
      公开04表: '财政拨款收入支出决算表',
      公开05表: '一般公共预算财政拨款收入支出决算表',
      公开06表: '一般公共预算财政拨款基本支出决算表',
      公开07表: '一般公共预算财政拨款项目支出决算表',
      公开08表: '政府性基金预算财政拨款收入支出决算表',
      公开09表: '国有资本经营预算财政拨款收入支出决算表',
      公开10表: '财政拨款“三公”经费、行政参公单位机关运行经费情况表',
      公开11表: '一般公共预算财政拨款“三公”经费情况表',
      公开12表: '国有资产使用情况表',
    };
    for (const [label, title] of Object.entries(titles)) {
      const page = tablePage(label);
      expect(page, label).toBeDefined();
      expect(page!.trimStart().split('\n')[0]!.trim(), label).toBe(title);
      expect(page, label).toMatch(/部门：玉溪市工业和信息化局（本级）\s+金额单位：元/);
    }
    // the 2021 titles are gone
    expect(pages.join('\n')).not.toContain('收入支出决算总表');
    expect(tablePage('公开01表')).toContain('使用专用结余');
  });

  it('prints the 2024 三公 table with 预算数, 全年预算数 and 决算统计数 as 栏次 1–3', () => {
    const page = tablePage('公开10表')!;
    expect(page).toMatch(/预算数\s+全年预算数\s+决算统计数/);
    // （一）支出合计: 预算数 and 全年预算数 169,312.00, 决算统计数 131,567.39 (the example's figures)
    expect(page).toMatch(/（一）支出合计\s+2\s+169,312\.00\s+169,312\.00\s+131,567\.39/);
  });

  it('numbers 公开13表, 公开14表 and each project table from 公开15表 on, never twice, in 元', () => {
    expect(tablePage('公开13表')).toContain('2024年度部门整体支出绩效自评情况');
    const department = tablePage('公开14表')!;
    expect(department).toContain('2024年度部门整体支出绩效自评表');
    expect(department).toMatch(/金额单位：元/);
    expect(department).toMatch(/年度资金总额\s+26,068,900\.00/);
    const projects = pages.filter((p) => /项目支出绩效自评表/.test(p) && /^\s*公开\d+表\s*$/m.test(p) && /金额单位/.test(p));
    const numbers = projects.map((p) => Number(/^\s*公开(\d+)表\s*$/m.exec(p)![1]));
    expect(numbers).toEqual(Array.from({ length: 17 }, (_, i) => 15 + i));
    for (const p of projects) expect(p).toMatch(/金额单位：元/);
  });

  it('prints the 2024 set’s zeros (0.00, “-” in 公开12表) and only 项 rows in 02表 (the form’s print block)', () => {
    // the empty 公开09表: its 合计 row is all 0.00 (2021 left it blank)
    expect(tablePage('公开09表')).toMatch(/合\s*计\s+0\.00\s+0\.00/);
    // 公开12表 合计: 栏次 8–13 are 600,000.00 200,000.00 - - 1,200,000.00 400,000.00
    expect(tablePage('公开12表')).toMatch(/600,000\.00\s+200,000\.00\s+-\s+-\s+1,200,000\.00\s+400,000\.00/);
    // 公开02表 lists 项 codes (7 digits) and no 类 code on a line of its own
    const t02 = tablePage('公开02表')!;
    expect(t02).toMatch(/^\s*2010401\s/m);
    expect(t02).not.toMatch(/^\s*201\s/m);
  });

  it('writes the same tables into the XLSX, one sheet each', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, readdirSync(dir).find((n) => n.endsWith('.xlsx'))!));
    const names = wb.worksheets.map((w) => w.name);
    for (let n = 1; n <= 31; n++) expect(names.some((s) => s.startsWith(`公开${String(n).padStart(2, '0')}表`)), `公开${n}表`).toBe(true);
    // 公开12表's zero cells are the text “-”, its figures numbers
    const t12 = wb.worksheets.find((w) => w.name.startsWith('公开12表'))!;
    const values: unknown[] = [];
    t12.eachRow((row) => row.eachCell((c) => values.push(c.value)));
    expect(values).toContain('-');
    expect(values).toContain(4700000);
  });
});
