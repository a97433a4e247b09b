// The 2024 绩效自评 tables (evaluation.md §1.2, §2.3; tables.md §1, §2.14–§2.15): 公开14表 with its
// 部门预算资金（元） block, project tables 公开15表, 公开16表 … one number each, amounts in 元; the
// EW24-* checks at the cell that is wrong; the settings following the year's form, under the profile.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compose, fillIns, resolveProfile } from '../../src/compose/index.js';
import { mergeEvaluationSettings, projectNumber } from '../../src/compose/evaluation/settings.js';
import { derive } from '../../src/derive/index.js';
import { loadForm, readForm } from '../../src/forms/load.js';
import type { Row, Table } from '../../src/model/document.js';
import type { Finding, SourceRef } from '../../src/model/finding.js';
import { loadDictionary } from '../../src/readers/dictionary.js';
import { readYaml } from '../../src/readers/index.js';
import { placeRows, tableParts } from '../../src/writers/grid.js';
import { tableBookmarks } from '../../src/writers/pdf-outline.js';
import { checkText, fixture, loadDataset } from '../helpers.js';
import { openWorkbook, otherParts, readWorkbook } from '../readers/excel-helpers.js';
import { convertDataset, formForProfile } from '../../src/template/index.js';
import { validate } from '../../src/validate/index.js';
import { defaultValidateOptions } from '../../src/validate/rule.js';

const dict = await loadDictionary();
const FILE = fixture('evaluation-2024/department-2024.yaml');
const TEXT = readFileSync(FILE, 'utf8');
// the yunnan profile's form for 2024 (templates/yunnan/forms/yunnan-2024.yaml), its evaluation block
const form = formForProfile('yunnan', 2024, 'published')!;
const profile = resolveProfile('yunnan');
const doc = compose(derive(await loadDataset(FILE), dict), dict, profile, { createdAt: '2025-06-30T00:00:00Z', form });
const tables = doc.sections.flatMap((s) => s.blocks).filter((b): b is Table => b.type === 'table');
const dept = tables.find((t) => t.id === 'department-evaluation')!;
const projects = tables.filter((t) => t.id.startsWith('project-'));
const texts = (rows: readonly Row[]) => rows.map((r) => r.cells.map((c) => c.text).join('|'));
const rowOf = (t: Table, first: string) => texts(t.body).find((r) => r.startsWith(`${first}|`));

/** The 1-based line of the first line of TEXT that contains `needle` after the line containing `after`. */
function lineOf(text: string, needle: string, after?: string): number {
  const lines = text.split('\n');
  const start = after ? lines.findIndex((l) => l.includes(after)) : 0;
  const i = lines.findIndex((l, j) => j >= start && l.includes(needle));
  expect(i, needle).toBeGreaterThanOrEqual(0);
  return i + 1;
}

/** The fixture with one line replaced (the line must exist once after `after`). */
function edited(after: string, from: string, to: string): string {
  const line = lineOf(TEXT, from, after);
  const lines = TEXT.split('\n');
  lines[line - 1] = lines[line - 1]!.replace(from, to);
  return lines.join('\n');
}

/** The line of a YAML source location. */
const lineAt = (r: SourceRef | undefined) => (r && 'line' in r ? r.line : undefined);
const ew24 = (fs: readonly Finding[]) => fs.filter((f) => f.ruleId.startsWith('EW24-'));

describe('公开13表 2024年度部门整体支出绩效自评情况', () => {
  const report = tables.find((t) => t.id === 'evaluation-report')!;

  it('is a grid numbered 公开13表 with the 部门/万元 header line and the 备注', () => {
    expect(report.caption).toEqual({ title: '2024年度部门整体支出绩效自评情况', number: '公开13表', left: '部门：测试市测试局', right: '金额单位：万元' });
    expect(report.notes).toEqual(['备注：涉密部门和涉密信息按保密规定不公开。']);
    // before the 整体表 and the project tables
    expect(tables.map((t) => t.caption.number)).toEqual(['公开13表', '公开14表', '公开15表', '公开16表', '公开17表']);
  });

  it('puts each part in column 1 over its sub-headings, the 2024 part names, and the text beside them', () => {
    const rows = texts(report.body).map((r) => r.split('|').slice(0, 2).join('|'));
    expect(rows).toEqual([
      '一、部门基本情况|（一）部门概况',
      '（二）部门绩效目标的设立情况|所有申请预算资金的项目都按要求编制了绩效目标，部门整体支出绩效目标与年度工作计划一致。',
      // （三）（五） come from the figures (the same partials as 2021); this file has no 公开表, so only their start is checked
      '（三）部门整体收支情况|' + texts(report.body)[2]!.split('|')[1],
      '（四）部门预算管理制度建设情况|制定了《测试市测试局财务管理制度》和《测试市测试局预算绩效管理办法》。',
      '（五）严控“三公”经费支出情况|' + texts(report.body)[4]!.split('|')[1],
      '二、绩效自评组织情况|（一）前期准备',
      '（二）组织实施|2025年4月，各项目科室完成自评，局绩效管理领导小组审核后报送市财政局。',
      '三、评价情况分析及综合评价结论|2024年度部门整体支出绩效目标基本完成，自评等级为优。',
      '四、存在的问题和整改情况|个别项目预算执行进度偏慢。下一步将加强预算执行监控。',
      '五、绩效自评结果应用情况|自评结果作为下一年度预算安排的依据。',
      '六、主要经验及做法|加强项目前期论证，细化绩效目标。',
      '七、其他需说明的情况|无',
    ]);
    expect(texts(report.body)[2]).toMatch(/^（三）部门整体收支情况\|2024年部门决算数据情况（本级）：一、收入支出预算安排情况。/);
    expect(texts(report.body)[4]).toMatch(/^（五）严控“三公”经费支出情况\|2024年（本级）一般公共预算财政拨款“三公”经费预算/);
    expect(report.body[0]!.cells[0]!.rowSpan).toBe(5);
    expect(report.body[5]!.cells[0]!.rowSpan).toBe(2);
    // a part without sub-headings spans its text over columns 2–3
    expect(report.body[7]!.cells[1]!.colSpan).toBe(2);
  });
});

describe('公开13表 with a part the department has not written', () => {
  it('keeps its placeholder findable (N-FILL) inside the grid cell', () => {
    const text = TEXT.replace(/^ {4}conclusion: .*\n/m, '');
    const d = compose(derive(readYaml(text, 'x.yaml').dataset!, dict), dict, profile, { createdAt: '2025-06-30T00:00:00Z', form, draft: true });
    expect(fillIns(d).map((f) => f.field)).toEqual(['selfEvaluation.report.conclusion']);
    const t = d.sections.flatMap((s) => s.blocks).find((b): b is Table => b.type === 'table' && b.id === 'evaluation-report')!;
    const row = t.body.find((r) => r.cells[0]?.text === '三、评价情况分析及综合评价结论')!;
    expect(row.cells[1]!.text).toMatch(/^请填写/);
    expect(row.cells[1]!.runs?.some((r) => r.mark === 'placeholder' && r.field === 'selfEvaluation.report.conclusion')).toBe(true);
  });
});

describe('公开14表 2024年度部门整体支出绩效自评表', () => {
  it('is numbered 公开14表 with the year in its title and 元 in its header', () => {
    expect(dept.caption).toEqual({ title: '2024年度部门整体支出绩效自评表', number: '公开14表', left: '部门：测试市测试局', right: '金额单位：元' });
    expect(dept.outline).toBe('公开14表 2024年度部门整体支出绩效自评表');
    expect(dept.notes).toEqual(['备注：1．涉密部门和涉密信息按保密规定不公开。 2．一级指标包含产出指标、效益指标、满意度指标，二级指标和三级指标根据项目实际情况设置。']);
  });

  it('prints the 部门预算资金（元） block in 元, computing the 预算确定数 and 执行率 left out', () => {
    const body = texts(dept.body);
    expect(body[1]).toBe('部门预算资金（元）|项目年度支出|年初预算数|预算调整数（调增为“+”；调减为“-”）|预算确定数|执行数（系统提取）|执行率(%)|情况说明');
    expect(body.slice(2, 8)).toEqual([
      '年度资金总额|8,000,000.00|370,000.00|8,370,000.00|8,080,000.00|96.54|预算执行总体正常。',
      // 预算确定数 and 执行率 not typed: 5,000,000.00 + 250,000.00; 5,180,000.00 / 5,250,000.00 = 98.666… → 98.67
      '基本支出|年度资金总额|5,000,000.00|250,000.00|5,250,000.00|5,180,000.00|98.67|人员经费调增。',
      '项目支出|年度资金总额|3,000,000.00|120,000.00|3,120,000.00|2,900,000.00|92.95|',
      // a 调减 prints with its minus sign
      '其中：当年财政拨款|2,800,000.00|-300,000.00|2,500,000.00|2,350,000.00|94.00|部分项目调减。',
      '上年结转资金|0.00|420,000.00|420,000.00|400,000.00|95.24|',
      '非财政拨款|200,000.00|0.00|200,000.00|150,000.00|75.00|',
    ]);
    expect(dept.body[1]!.cells[0]!.rowSpan).toBe(7);
    expect(dept.body[4]!.cells[0]).toMatchObject({ text: '项目支出', rowSpan: 4 });
    expect(rowOf(dept, '部门年度目标')).toBe('部门年度目标|完成年度测试任务，测试覆盖率达到95%以上，服务对象满意度达到90%以上。');
    expect(rowOf(dept, '其他需说明事项')).toBe('其他需说明事项|无');
  });

  it('heads the indicators with the 绩效指标 / 年度指标值 band and spans 偏差原因 over two columns', () => {
    const parts = tableParts(dept);
    expect(texts(parts[1]!.head)).toEqual(['部门整体支出绩效指标', '绩效指标|年度指标值|实际完成值|偏差原因分析及改进措施', '一级指标|二级指标|三级指标|指标性质|指标值|度量单位']);
    const row = parts[1]!.body.find((r) => r.cells[2]?.text === '测试覆盖率')!;
    expect(row.cells.at(-1)).toMatchObject({ text: '无偏差', colSpan: 2 });
    // every row fills the nine columns, and no row span leaves its part
    for (const part of tableParts(dept)) {
      const rows = [...part.head, ...part.body];
      for (const p of placeRows(rows)) {
        expect(p.col + p.colSpan).toBeLessThanOrEqual(9);
        expect(p.row + p.rowSpan).toBeLessThanOrEqual(p.row < part.head.length ? part.head.length : rows.length);
      }
    }
  });
});

describe('2024 项目支出绩效自评表', () => {
  it('numbers the projects 公开15表, 公开16表, 公开17表 in the order listed, never twice', () => {
    expect(projects.map((t) => t.caption.number)).toEqual(['公开15表', '公开16表', '公开17表']);
    expect(projects.map((t) => t.label)).toEqual(['公开15表', '公开16表', '公开17表']);
    expect(projects.map((t) => t.outline)).toEqual(['公开15表 测试能力提升专项资金', '公开16表 测试设备更新项目', '公开17表 下属单位测试业务补助']);
    for (const t of projects) expect(t.caption).toMatchObject({ title: '项目支出绩效自评表', left: '部门：测试市测试局', right: '金额单位：元' });
  });

  it('bookmarks each project table by its own number', () => {
    const marks = tableBookmarks(doc);
    expect(marks.filter((m) => m.title === '项目支出绩效自评表').map((m) => m.outline)).toEqual(['公开15表 测试能力提升专项资金', '公开16表 测试设备更新项目', '公开17表 下属单位测试业务补助']);
    expect(marks).toContainEqual({ title: '2024年度部门整体支出绩效自评表', outline: '公开14表 2024年度部门整体支出绩效自评表' });
  });

  it('prints the funds in 元, 执行率 with %, — in the sub-rows, and the grade bare', () => {
    const [p1, p2, p3] = projects;
    expect(rowOf(p1!, '项目资金（元）')).toBe('项目资金（元）||年初预算数|全年预算数|全年执行数|分值|执行率|得分');
    expect(texts(p2!.body).slice(3, 7)).toEqual([
      '年度资金总额|500,000.00|620,000.00|600,000.00|10.00|96.77%|9.68',
      '其中：当年财政拨款|500,000.00|500,000.00|500,000.00|—|100.00%|—',
      '上年结转资金|0.00|120,000.00|100,000.00|—|83.33%|—',
      '其他资金|0.00|0.00|0.00|—|—|—',
    ]);
    expect(rowOf(p3!, '非财政拨款')).toBe('非财政拨款|50,000.00|50,000.00|50,000.00|—|—|—');
    expect(projects.map((t) => rowOf(t, '总分'))).toEqual(['总分|100.00|96.80|优', '总分|100.00|89.68|良', '总分|100.00|93.29|优']);
    expect(rowOf(p1!, '其他需要说明的事项')).toBe('其他需要说明的事项|无');
    for (const t of projects) expect(texts(t.body).join('\n')).not.toContain('（自评等级）');
  });

  it('prints the six notes under a table with 其他资金 and the five under one with 非财政拨款', () => {
    expect(projects[0]!.notes).toHaveLength(6);
    expect(projects[0]!.notes[4]).toBe('5．其他资金含财政专户资金和单位资金（本年度无需填列）。');
    expect(projects[2]!.notes).toHaveLength(5);
    expect(projects[2]!.notes[0]).toBe('备注：1．一级指标包含产出指标、效益指标、满意度指标，二级指标和三级指标根据项目实际情况设置。');
    expect(projects[2]!.notes[3]).toBe('4．非财政拨款含财政专户管理资金和单位资金等。');
  });

  it('prints a project without 执行数 as 0.00, 0.00% and score 0.00 (evaluation.md §2.3)', async () => {
    const text = edited('name: 测试能力提升专项资金', 'executed: "980,000.00"', 'executed: null');
    const r = readYaml(text, 'edited.yaml');
    const d = compose(derive(r.dataset!, dict), dict, profile, { createdAt: '2025-06-30T00:00:00Z', form });
    const p = d.sections.flatMap((s) => s.blocks).find((b): b is Table => b.type === 'table' && b.id === 'project-1')!;
    expect(rowOf(p, '年度资金总额')).toBe('年度资金总额|1,200,000.00|1,000,000.00|0.00|10.00|0.00%|0.00');
  });
});

describe('EW24 checks of the 部门预算资金 block', () => {
  it('finds nothing wrong in the consistent fixture', async () => {
    expect(ew24(await checkText(TEXT, 'department-2024.yaml'))).toEqual([]);
  });

  it('EW24-SUM: a 年初预算数 年度资金总额 8,892.00 元 off its parts is an error at that cell', async () => {
    const text = edited('total:', 'initialBudget: 8,000,000.00', 'initialBudget: 8,008,892.00');
    const found = ew24(await checkText(text, 'department-2024.yaml')).filter((f) => f.ruleId === 'EW24-SUM');
    expect(found).toHaveLength(1);
    const f = found[0]!;
    expect(f.severity).toBe('error');
    expect(f.location).toMatchObject({ file: 'department-2024.yaml', line: lineOf(text, 'initialBudget: 8,008,892.00') });
    expect(f.message).toBe('部门整体支出绩效自评表“部门预算资金” 年度资金总额行“年初预算数”栏填列 8,008,892.00元，应等于基本支出与项目支出之和 8,000,000.00元（多 8,892.00元）');
    expect(f.expected).toBe('8000000.00');
    expect(f.related?.map(lineAt)).toEqual([lineOf(text, 'initialBudget: 5,000,000.00'), lineOf(text, 'initialBudget: 3,000,000.00')]);
  });

  it('EW24-SUM: 项目支出 must be the sum of its three parts, column by column', async () => {
    const text = edited('project:', 'executed: 2,900,000.00', 'executed: 2,950,000.00');
    const found = ew24(await checkText(text, 'department-2024.yaml'));
    const sum = found.filter((f) => f.ruleId === 'EW24-SUM');
    // the 年度资金总额 now disagrees with 基本支出 + 项目支出 as well: both cells are named
    expect(sum.map((f) => lineAt(f.location))).toEqual([lineOf(text, 'executed: 8,080,000.00'), lineOf(text, 'executed: 2,950,000.00')]);
    expect(sum[1]!.message).toContain('项目支出行“执行数（系统提取）”栏填列 2,950,000.00元，应等于当年财政拨款、上年结转资金、非财政拨款之和 2,900,000.00元');
  });

  it('EW24-BUD: a typed 预算确定数 that is not 年初预算数 + 预算调整数 is an error at it', async () => {
    const text = edited('total:', 'finalBudget: 8,370,000.00', 'finalBudget: 8,360,000.00');
    const found = ew24(await checkText(text, 'department-2024.yaml')).filter((f) => f.ruleId === 'EW24-BUD');
    expect(found).toHaveLength(1);
    expect(lineAt(found[0]!.location)).toBe(lineOf(text, 'finalBudget: 8,360,000.00'));
    expect(found[0]!.message).toBe('部门整体支出绩效自评表“部门预算资金” 年度资金总额行“预算确定数”栏填列 8,360,000.00元，应等于年初预算数 8,000,000.00元 加预算调整数 370,000.00元，即 8,370,000.00元');
  });

  it('EW24-RATE: a typed 执行率 that is not roundHalfUp(执行数 / 预算确定数 × 100, 2) is an error at it', async () => {
    // 8,080,000.00 / 8,370,000.00 = 96.5352… → 96.54; 96.53 is the truncation
    const text = edited('total:', 'rate: 96.54', 'rate: 96.53');
    const found = ew24(await checkText(text, 'department-2024.yaml'));
    expect(found.map((f) => f.ruleId)).toEqual(['EW24-RATE']);
    expect(lineAt(found[0]!.location)).toBe(lineOf(text, 'rate: 96.53'));
    expect(found[0]!.message).toBe('部门整体支出绩效自评表“部门预算资金” 年度资金总额行“执行率(%)”栏填列 96.53，按执行数 8,080,000.00元 ÷ 预算确定数 8,370,000.00元 × 100 应为 96.54');
    expect(found[0]!.expected).toBe('96.54');
  });

  it('computes a 项目支出 row left out from its parts, so the total is checked against them', async () => {
    const lines = TEXT.split('\n');
    const from = lineOf(TEXT, 'project:                  #') - 1;
    lines.splice(from, 4);
    const text = lines.join('\n');
    expect(ew24(await checkText(text, 'department-2024.yaml'))).toEqual([]);
    const r = readYaml(text, 'x.yaml');
    const d = compose(derive(r.dataset!, dict), dict, profile, { createdAt: '2025-06-30T00:00:00Z', form });
    const t = d.sections.flatMap((s) => s.blocks).find((b): b is Table => b.type === 'table' && b.id === 'department-evaluation')!;
    expect(rowOf(t, '项目支出')).toBe('项目支出|年度资金总额|3,000,000.00|120,000.00|3,120,000.00|2,900,000.00|92.95|');
  });

  it('EW24-REQ: a department of the 2024 form without the 部门预算资金 block is an error at its 整体表', async () => {
    const lines = TEXT.split('\n');
    const from = lineOf(TEXT, 'budget:                     #') - 1;
    const to = lineOf(TEXT, 'annualGoal:') - 1;
    lines.splice(from, to - from);
    const text = lines.join('\n');
    const ds = readYaml(text, 'x.yaml').dataset!;
    const found = validate(ds, dict, { ...defaultValidateOptions, form }).filter((f) => f.ruleId === 'EW24-REQ');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toBe('2024年度的部门整体支出绩效自评表（公开14表）要印“部门预算资金（元）”，但没有填写 selfEvaluation.department.budget');
    // at the 整体表's data (the block would go there)
    expect(lineAt(found[0]!.location)).toBe(lineOf(text, 'name: 测试市测试局', 'department:                   #'));
    // with the block, or under a 2021 form, nothing to say
    expect(validate(readYaml(TEXT, 'y.yaml').dataset!, dict, { ...defaultValidateOptions, form }).filter((f) => f.ruleId === 'EW24-REQ')).toEqual([]);
    expect(validate(ds, dict, { ...defaultValidateOptions, form: loadForm('yunnan-2021', profile.dirs) }).filter((f) => f.ruleId === 'EW24-REQ')).toEqual([]);
  });

  it('accepts a negative 预算调整数 but no negative 年初预算数', async () => {
    const text = edited('basic:', 'initialBudget: 5,000,000.00', 'initialBudget: -5,000,000.00');
    const found = (await checkText(text, 'department-2024.yaml')).filter((f) => f.ruleId === 'D-NONNEG');
    expect(found.map((f) => lineAt(f.location))).toEqual([lineOf(text, 'initialBudget: -5,000,000.00')]);
  });
});

describe('the 部门预算资金 block in the fill-in workbook', () => {
  // the yunnan-2024 form (公开01表–公开12表) is not in this branch: the workbook is made under the default profile
  const underDefault = (text: string) => text.replace('profile: yunnan', 'profile: default');

  it('goes YAML → workbook → dataset unchanged, a negative 预算调整数 included', async () => {
    const original = readYaml(underDefault(TEXT), 'department-2024.yaml').dataset!;
    const back = await readWorkbook(await convertDataset(original, 'xlsx', { dict }), 'department-2024.xlsx');
    expect(back.findings).toEqual([]);
    expect(otherParts(back.dataset!)).toEqual(otherParts(original));
    expect(back.dataset!.selfEvaluation!.department!.budget!.currentFiscal!.adjustment!.toFixed(2)).toBe('-300000.00');
  });

  it('EW24-SUM from a workbook names the sheet and cell of the wrong 年初预算数', async () => {
    const text = underDefault(edited('total:', 'initialBudget: 8,000,000.00', 'initialBudget: 8,008,892.00'));
    const book = await readWorkbook(await convertDataset(readYaml(text, 'x.yaml').dataset!, 'xlsx', { dict }), 'department-2024.xlsx');
    const f = ew24(validate(book.dataset!, dict)).find((x) => x.ruleId === 'EW24-SUM')!;
    expect(f.location).toMatchObject({ file: 'department-2024.xlsx', sheet: '部门整体自评' });
    const wb = await openWorkbook(await convertDataset(readYaml(text, 'x.yaml').dataset!, 'xlsx', { dict }));
    const cell = (f.location as { cell: string }).cell;
    expect(wb.getWorksheet('部门整体自评')!.getCell(cell).value).toBe(8008892);
  });
});

describe('绩效自评 settings follow the year', () => {
  it('2021 (yunnan-2021 form): municipal layout in 万元, every project table 公开12表', () => {
    const e = mergeEvaluationSettings(profile, loadForm('yunnan-2021', profile.dirs).evaluation);
    expect(e).toMatchObject({ layout: 'municipal2021', unit: '万元', numbers: { report: '公开10表', department: '公开11表', project: '公开12表' }, projectNumbering: 'same' });
    expect([0, 1, 2].map((i) => projectNumber(e, i))).toEqual(['公开12表', '公开12表', '公开12表']);
  });

  it('2024 (yunnan-2024 form): 元, 公开13表 / 公开14表 and consecutive project numbers from 公开15表', () => {
    const e = mergeEvaluationSettings(profile, form.evaluation);
    expect(e).toMatchObject({ layout: 'yunnan2024', unit: '元', numbers: { report: '公开13表', department: '公开14表', project: '公开15表' }, projectNumbering: 'consecutive' });
    expect([0, 1, 24].map((i) => projectNumber(e, i))).toEqual(['公开15表', '公开16表', '公开39表']);
  });

  it("the profile's own evaluation key overrides the form's", () => {
    const province = resolveProfile('yunnan/province');
    const e = mergeEvaluationSettings(province, form.evaluation);
    expect(e.layout).toBe('province');
    expect(e.numbers).toEqual({});
  });
});

describe('the evaluation-only fixture form of the PDF test', () => {
  it('carries the same evaluation block as the yunnan-2024 form', () => {
    expect(readForm(fixture('evaluation-2024/yunnan-2024-evaluation.yaml')).evaluation).toEqual(form.evaluation);
  });
});
