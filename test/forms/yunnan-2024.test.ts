// The 2024 Yunnan set (templates/yunnan/forms/yunnan-2024.yaml): 公开01表–公开12表 as tables.md §1,
// §2 and §3 give them, composed for the 2024 example department, and a 2024 file whose tables do not
// fit the form is an error naming the form and the first mismatch.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkFile } from '../../src/cli/check.js';
import { resolveProfile } from '../../src/compose/profile.js';
import { loadForm } from '../../src/forms/load.js';
import { economicPanels, threePublicColumn, threePublicRows, totalsRows } from '../../src/forms/layout.js';
import { formFigures } from '../../src/forms/load.js';
import type { Table } from '../../src/model/document.js';
import { loadDictionary } from '../../src/readers/dictionary.js';
import { templateWorkbook } from '../../src/template/index.js';
import { example } from '../helpers.js';

const EXAMPLE = example('yunnan-2024-example.yaml');
const dir = mkdtempSync(join(tmpdir(), 'juesuan-2024-'));

/** tables.md §1, the 2024 column: number and exact title. */
const TITLES_2024 = [
  ['公开01表', '收入支出决算表'],
  ['公开02表', '收入决算表'],
  ['公开03表', '支出决算表'],
  ['公开04表', '财政拨款收入支出决算表'],
  ['公开05表', '一般公共预算财政拨款收入支出决算表'],
  ['公开06表', '一般公共预算财政拨款基本支出决算表'],
  ['公开07表', '一般公共预算财政拨款项目支出决算表'],
  ['公开08表', '政府性基金预算财政拨款收入支出决算表'],
  ['公开09表', '国有资本经营预算财政拨款收入支出决算表'],
  ['公开10表', '财政拨款“三公”经费、行政参公单位机关运行经费情况表'],
  ['公开11表', '一般公共预算财政拨款“三公”经费情况表'],
  ['公开12表', '国有资产使用情况表'],
];

async function composed() {
  const r = await checkFile(EXAMPLE, await loadDictionary());
  const tables = (r.document?.sections ?? []).flatMap((s) => s.blocks).filter((b): b is Table => b.type === 'table' && b.id.startsWith('table-'));
  return { r, tables, byNumber: (n: string) => tables.find((t) => t.caption.number === n)! };
}

async function findingsOf(edit: (text: string) => string) {
  const file = join(dir, `edited-${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(file, edit(readFileSync(EXAMPLE, 'utf8')));
  return (await checkFile(file, await loadDictionary())).findings;
}

describe('the yunnan-2024 form', () => {
  it('loads under the yunnan profile with 公开01表–公开12表 in 元', () => {
    const form = loadForm('yunnan-2024', resolveProfile('yunnan/yuxi').dirs);
    expect(form.tables.map((t) => [t.label, t.title])).toEqual(TITLES_2024);
    expect(new Set(form.tables.map((t) => t.unit))).toEqual(new Set(['元']));
    expect(new Set(form.tables.map((t) => t.reporter))).toEqual(new Set(['部门']));
    const t01 = form.tables.find((t) => t.key === 'T01')!;
    expect(totalsRows(t01).left.find((r) => r.row === 28)?.label).toBe('使用专用结余');
    expect(totalsRows(t01).right.find((r) => r.row === 56)?.label).toBe('二十六、抗疫特别国债安排的支出');
    const t3g1 = threePublicRows(form.tables.find((t) => t.key === 'T3G1')!);
    expect(t3g1.map((r) => r.row)).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
    expect(t3g1[0]!.label).toBe('“三公”经费支出');
    const tpx = economicPanels(form.tables.find((t) => t.key === 'TPX')!);
    expect(tpx.map((p) => p.map((g) => g.code))).toEqual([['301', '303'], ['302', '307'], ['309', '310'], ['311', '312', '313', '399']]);
    // panel lengths of tables.md §2.7: 27, 33, 30, 20 rows
    expect(tpx.map((p) => p.reduce((n, g) => n + 1 + g.items.length, 0))).toEqual([27, 33, 30, 20]);
    const t06 = economicPanels(form.tables.find((t) => t.key === 'T06')!);
    expect(t06[2]!.flatMap((g) => [g.code, ...g.items])).toContain('31206');
    expect(t06[2]!.flatMap((g) => [g.code, ...g.items])).not.toContain('39906');
  });
});

describe('the 2024 example department', () => {
  it('validates with no errors and composes 公开01表–公开12表 with their titles and units', async () => {
    const { r, tables } = await composed();
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(tables.map((t) => [t.caption.number, t.caption.title])).toEqual(TITLES_2024);
    expect(new Set(tables.map((t) => t.caption.right))).toEqual(new Set(['金额单位：元']));
    expect(new Set(tables.map((t) => t.caption.left))).toEqual(new Set(['部门：玉溪市工业和信息化局（本级）']));
  });

  it('prints the 2024 notes: without 部门, numbered 1． on 08/09表, the 2024 empty-table 说明', async () => {
    const { byNumber } = await composed();
    expect(byNumber('公开01表').notes).toEqual(['注：本表反映本年度的总收支和年初、年末结转结余情况。']);
    expect(byNumber('公开08表').notes).toEqual(['注：1．本表反映本年度政府性基金预算财政拨款的收支和年初、年末结转结余情况。']);
    expect(byNumber('公开09表').notes[0]).toMatch(/^注：1．本表反映本年度国有资本经营预算/);
    // the department had 政府性基金 (no 说明) but no 国有资本经营预算 (说明 with its name and year)
    expect(byNumber('公开08表').emptyNote).toBeUndefined();
    expect(byNumber('公开09表').emptyNote).toBe('说明：玉溪市工业和信息化局（本级）2024年度无国有资本经营预算财政拨款收入，《国有资本经营预算财政拨款收入支出决算表》为空表。');
    expect(byNumber('公开12表').notes).toHaveLength(2);
    expect(byNumber('公开12表').notes[0]).toContain('资产总额=流动资产+固定资产(净值)');
  });

  it('01表 prints 行次28 使用专用结余; 07表 its four panels with the 07表 name of 30399', async () => {
    const { byNumber } = await composed();
    const t01 = byNumber('公开01表');
    expect(t01.body[27]!.cells.slice(0, 2).map((c) => c.text)).toEqual(['使用专用结余', '28']);
    const t07 = byNumber('公开07表');
    const texts = t07.body.flatMap((row) => row.cells.map((c) => c.text));
    expect(t07.body[0]!.cells.filter((_, i) => i % 3 === 0).map((c) => c.text)).toEqual(['301', '302', '309', '311']);
    expect(texts).toContain('其他对个人和家庭的补助');
    // 类 rows are the sums of their 款: 302 = 6,000,000.00 + 3,327,736.31
    const row302 = t07.body.find((row) => row.cells[3]?.text === '302')!;
    expect(row302.cells[5]!.text).toBe('9,327,736.31');
    expect(t07.body).toHaveLength(33);
  });

  it('10表 and 11表 print 预算数, 全年预算数, 决算统计数 as 栏次 1–3; 11表 has rows 1–21', async () => {
    const { byNumber } = await composed();
    const t10 = byNumber('公开10表');
    expect(t10.head[0]!.cells.map((c) => c.text)).toEqual(['项目', '行次', '预算数', '全年预算数', '决算统计数']);
    expect(t10.body[1]!.cells.map((c) => c.text)).toEqual(['（一）支出合计', '2', '169,312.00', '169,312.00', '131,567.39']);
    // 国内接待费: 预算数 and 全年预算数 print “—”
    expect(t10.body[7]!.cells.map((c) => c.text)).toEqual(['（1）国内接待费', '8', '—', '—', '56,721.00']);
    expect(t10.body).toHaveLength(24);
    const t11 = byNumber('公开11表');
    expect(t11.body).toHaveLength(21);
    expect(t11.body[0]!.cells[0]!.text).toBe('“三公”经费支出');
    expect(t11.body[17]!.cells.map((c) => c.text)).toEqual(['6．国内公务接待人次（人）', '18', '—', '—', '677']);
  });

  it('12表 prints one 合计 row of 19 columns', async () => {
    const { byNumber } = await composed();
    const t12 = byNumber('公开12表');
    expect(t12.body).toHaveLength(1);
    const cells = t12.body[0]!.cells.map((c) => c.text);
    expect(cells).toHaveLength(20);
    expect(cells.slice(0, 4)).toEqual(['合计', '4,700,000.00', '8,100,000.00', '1,000,000.00']);
    expect(t12.head.at(-1)!.cells.map((c) => c.text)).toEqual(['栏次', ...Array.from({ length: 19 }, (_, i) => String(i + 1))]);
  });
});

describe('a 2024 file that does not fit its form', () => {
  it('a table key the 2024 form has not got is an error naming the form and the key', async () => {
    const findings = await findingsOf((t) => t.replace('\n  TAS:', '\n  T13:\n    r1: 1.00\n\n  TAS:'));
    const hit = findings.find((f) => f.ruleId === 'FORM-FIT');
    expect(hit?.severity).toBe('error');
    expect(hit?.message).toContain('T13');
    expect(hit?.message).toContain('yunnan-2024');
    expect(hit?.location).toMatchObject({ path: 'tables.T13' });
  });

  it('a row the table has not got (行次22 of 11表, a 10表 row) names the form and the table', async () => {
    const findings = await findingsOf((t) => t.replace('\n  TAS:', '\n    r22: { c2: 5 }\n\n  TAS:'));
    const hit = findings.find((f) => f.ruleId === 'FORM-FIT');
    expect(hit?.message).toBe('表样 yunnan-2024（2024年度部门决算公开表（公开01表至公开12表））的公开11表（一般公共预算财政拨款“三公”经费情况表）没有行“r22”');
    expect(hit?.location).toMatchObject({ path: 'tables.T3G1.r22' });
  });

  it('a 2021-only 06表 row (39906 赠与) is an error under the 2024 form; 31206 is a row of it', async () => {
    const findings = await findingsOf((t) => t.replace('    "31002": 256,820.00         # 办公设备购置', '    "31002": 256,820.00\n    "39906": 0\n    "31206": 0'));
    const rows = findings.filter((f) => f.message.includes('不在本表的固定行中'));
    expect(rows.map((f) => f.location && 'path' in f.location ? f.location.path : undefined)).toEqual(['tables.T06.39906']);
  });

  it('messages name the 2024 table numbers; 全年预算数 prints “—” where 预算数 does', async () => {
    const findings = await findingsOf((t) => t.replace('    r8:                         # （1）国内接待费\n      c3: 56,721.00', '    r8:                         # （1）国内接待费\n      c2: 100.00\n      c3: 56,721.00'));
    const dash = findings.filter((f) => f.ruleId === 'T3G-DASH');
    expect(dash.map((f) => f.message)).toEqual(['公开10表 行次8（（1）国内接待费）全年预算数在表中印“—”，不填数']);
  });

  it('the fill-in workbook refuses the 2024 form rather than drop its 07/10/11/12表 figures', async () => {
    await expect(templateWorkbook({ profile: 'yunnan/yuxi', year: 2024, dict: await loadDictionary() })).rejects.toThrow(/公开07表、公开10表、公开11表、公开12表还不能在 Excel 填报表中填写/);
    // the 2021 set still has its workbook
    await expect(templateWorkbook({ profile: 'yunnan/yuxi', year: 2021, dict: await loadDictionary() })).resolves.toBeInstanceOf(Uint8Array);
  });

  it('the 12表 footnote identity fires at its cell (TAS-TOT), 07表 at 05表 栏11 (X05-07P)', async () => {
    const findings = await findingsOf((t) => t.replace('      c1: 4,700,000.00 ', '      c1: 4,700,001.00 ').replace('    "302": 9,327,736.31', '    "302": 9,327,737.31').replace('    "30299": 3,327,736.31', '    "30299": 3,327,737.31'));
    const tas = findings.find((f) => f.ruleId === 'TAS-TOT');
    expect(tas?.message).toBe('公开12表 行次1（合计）第1栏（资产总额）为 4,700,001.00元，按第3+5+14+15+17+19栏应为 4,700,000.00元（差额 +1.00元）');
    expect(tas?.location).toMatchObject({ path: 'tables.TAS.r1.c1' });
    expect(findings.find((f) => f.ruleId === 'X05-07P')?.severity).toBe('error');
  });
});

// tables.md §2.10: the 2024 三公 tables print 栏次 1 预算数, 2 全年预算数, 3 决算统计数; the data columns
// are the printed ones, so a clerk typing from the printed table puts each figure where it belongs
describe('the 2024 三公 data columns are the printed 栏次', () => {
  const dirs = resolveProfile('yunnan/yuxi').dirs;

  it('the 2024 figures read 决算统计数 from c3 and 预算数 from c1; the 2021 ones are unchanged', () => {
    const f2024 = loadForm('yunnan-2024', dirs);
    const f2021 = loadForm('yunnan-2021', dirs);
    expect(threePublicColumn(f2024, 'actual')).toBe(3);
    expect(threePublicColumn(f2024, 'budget')).toBe(1);
    expect(threePublicColumn(f2021, 'actual')).toBe(2);
    expect(threePublicColumn(undefined, 'actual')).toBe(2);
    const cell = (form: typeof f2024, name: string) => JSON.stringify(formFigures(form).get(name));
    expect(cell(f2024, 'threePublic.actual.total')).toContain('"col":"c3"');
    expect(cell(f2024, 'agencyOperation')).toContain('"col":"c3"');
    expect(cell(f2024, 'threePublic.count.fleetSize')).toContain('"col":"c3"');
    expect(cell(f2024, 'threePublic.budget.total')).toContain('"col":"c1"');
    expect(cell(f2021, 'threePublic.actual.total')).toContain('"col":"c2"');
    // the 2021 identities naming c2 are not taken; the 2024 ones name c3
    const checks = f2024.identities.filter((i) => i.id === 'T3G-JG').map((i) => i.check);
    expect(checks).toEqual(['T3G.r22.c3 = T3G.r23.c3 + T3G.r24.c3']);
    expect(f2021.identities.filter((i) => i.id === 'T3G-JG').map((i) => i.check)).toEqual(['T3G.r22.c2 = T3G.r23.c2 + T3G.r24.c2']);
  });

  it('a 决算统计数 that is not a whole number is found at c3 and named 决算统计数', async () => {
    const findings = await findingsOf((t) => t.replace('    r15: { c3: 3 }', '    r15: { c3: 2.5 }'));
    const hit = findings.find((f) => f.ruleId === 'T3G-CNT');
    expect(hit?.message).toBe('公开10表 行次15（4．公务用车保有量（辆））决算统计数是个数，应为非负整数，现为 2.5');
    expect(hit?.location).toMatchObject({ path: 'tables.T3G.r15.c3' });
  });

  it('a 决算统计数 total that is not the sum of its parts is found at c3 (T3G-SUM); 全年预算数 is not', async () => {
    const findings = await findingsOf((t) => t.replace('      c3: 56,721.00\n    r8:', '      c3: 56,722.00\n    r8:'));
    const sums = findings.filter((f) => f.ruleId === 'T3G-SUM');
    const at = sums.map((f) => (f.location && 'path' in f.location ? f.location.path : undefined));
    expect(at).toContain('tables.T3G.r7.c3');
    expect(at.every((p) => p?.endsWith('.c3'))).toBe(true);
    expect(sums.find((f) => f.location && 'path' in f.location && f.location.path === 'tables.T3G.r7.c3')?.message).toContain('决算统计数');
  });

  it('机关运行经费 above 06表 公用经费 is found at r22.c3 (X06-JG)', async () => {
    const findings = await findingsOf((t) => t.replace('    r22:                        # 二、机关运行经费\n      c3: 5,385,899.57\n    r23:                        # （一）行政单位\n      c3: 5,385,899.57', '    r22:                        # 二、机关运行经费\n      c3: 5,385,900.57\n    r23:                        # （一）行政单位\n      c3: 5,385,900.57'));
    const hit = findings.find((f) => f.ruleId === 'X06-JG');
    expect(hit?.message).toMatch(/^公开10表 行次22（二、机关运行经费）决算统计数 5,385,900\.57元 大于06表公用经费合计/);
    expect(hit?.location).toMatchObject({ path: 'tables.T3G.r22.c3' });
  });
});
