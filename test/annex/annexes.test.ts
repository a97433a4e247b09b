// The annexes of the Sichuan profile (附件1 部门预算整体绩效自评报告, 附件2 项目支出绩效自评报告 with its
// 得分表; narrative.md A.7, evaluation.md §5): what the 攀枝花 example prints (document tree and the
// PDF's text), the findings on broken figures at the line of the wrong value, the profile declaring
// them as data (another profile declares its own), and no annex under the other profiles.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkNarrativeTemplates, composeNarrative, TemplateError } from '../../src/compose/narrative/index.js';
import { resolveProfile, TEMPLATES_DIR, type Profile } from '../../src/compose/profile.js';
import { derive } from '../../src/derive/index.js';
import type { Block, Table } from '../../src/model/document.js';
import type { ReportModel } from '../../src/model/report.js';
import { loadDictionary } from '../../src/readers/dictionary.js';
import { check, checkText, errors, example, loadDataset, runCli } from '../helpers.js';

const dict = await loadDictionary();
const PZH_FILE = example('panzhihua-jxj-2020.yaml');
const PZH_TEXT = readFileSync(PZH_FILE, 'utf8');
const pzh = derive(await loadDataset(PZH_FILE), dict);
const sichuan = resolveProfile('sichuan');

const blocks = (model: ReportModel, p: Profile, dir?: string): Block[] => composeNarrative(model, dict, p, [], dir).sections.flatMap((s) => s.blocks);
const textOf = (bs: readonly Block[]) => bs.map((b) => ('text' in b ? b.text : '')).join('\n');
const tables = (bs: readonly Block[]) => bs.filter((b): b is Table => b.type === 'table');
const rowTexts = (t: Table) => t.body.map((r) => r.cells.map((c) => c.text));

/** The 1-based line of the first line of `text` containing `needle` after the line containing `after`. */
function lineOf(text: string, needle: string, after?: string): number {
  const lines = text.split('\n');
  const start = after ? lines.findIndex((l) => l.includes(after)) : 0;
  const i = lines.findIndex((l, k) => k >= start && l.includes(needle));
  if (start < 0 || i < 0) throw new Error(`not in the example: ${needle}`);
  return i + 1;
}

/** The example with one line replaced (the line must be there). */
function edited(from: string, to: string): string {
  expect(PZH_TEXT).toContain(from);
  return PZH_TEXT.replace(from, to);
}

describe('the 攀枝花 example under the sichuan profile', () => {
  const doc = blocks(pzh, sichuan);
  const text = textOf(doc);

  it('prints 附件1 and 附件2 with their titles as 第四部分 附件, the 公开表 after them as 第五部分 附表 (seed 004 L843)', () => {
    const headings = doc.filter((b) => b.type === 'heading').map((b) => (b as { text: string }).text);
    expect(headings).toContain('攀枝花市经济和信息化局2020年度部门预算整体绩效自评报告');
    expect(headings).toContain('省级技术改造前期费项目2020年绩效评价报告');
    const at = (h: string) => headings.indexOf(h);
    expect(at('第三部分 名词解释')).toBeGreaterThan(-1);
    expect(at('第四部分 附件')).toBeGreaterThan(at('第三部分 名词解释'));
    expect(at('攀枝花市经济和信息化局2020年度部门预算整体绩效自评报告')).toBeGreaterThan(at('第四部分 附件'));
    expect(at('第五部分 附表')).toBeGreaterThan(at('省级技术改造前期费项目2020年绩效评价报告'));
    expect(headings).not.toContain('第四部分 附表');
    // the part heading opens the first annex's page rather than standing on a page of its own
    const sections = composeNarrative(pzh, dict, sichuan, []).sections;
    const opening = sections.find((s) => s.blocks.some((b) => b.type === 'heading' && b.text === '第四部分 附件'))!;
    expect(textOf(opening.blocks)).toMatch(/^第四部分 附件\n附件1\n攀枝花市经济和信息化局2020年度部门预算整体绩效自评报告/);
    expect(text).toMatch(/附件1\n攀枝花市经济和信息化局2020年度部门预算整体绩效自评报告\n一、部门概况/);
    expect(text).toMatch(/附件2\n省级技术改造前期费项目2020年绩效评价报告\n一、项目概况/);
  });

  it('prints the 固定资产 shares over the 净值, each the rounding of its own value (N-FA; 004 printed 车辆 7.96%)', () => {
    expect(text).toContain(
      '我单位固定资产期末账面数原值1344.68万元（含无线电监测站），净值320.86万元，土地、房屋及构筑物77.49万元，占固定资产的24.15%（其中，房屋77.49万元，占固定资产的24.15%）；通用设备230.43万元，占71.82%（其中，车辆25.56万元，占7.97%，单价50万（含）以上（不含车辆）设备96.05万元，占29.94%）；无专用设备；无单价100万（含）以上设备；家具、用具、装具及动植物12.93万元，占4.03%。',
    );
  });

  it('prints the fund figures in 万元 with counts and rates derived from the items', () => {
    expect(text).toContain('本年年初预算基本支出1957.73万元，其中：人员经费1685.51万元，日常公用经费272.22万元。按功能科目划分：行政运行（2011301）1248.32万元，');
    expect(text).toContain('本年年初预算项目支出175.80万元，共计8个项目，实际完成7个项目，其中：业务运行费17.00万元，');
    expect(text).toContain('攀枝花市政府与北大数字研究院院地合作经费10.00万元（未完成），');
    expect(text).toContain('本年追加基本支出预算47.02万元，为人员经费。其中，无线电监测站追加预算0.23万元。');
    expect(text).toContain('18.2020年省级技术改造前期经费100.00万元，支出63.00万元，结转37.00万元，支出完成率63%。');
    expect(text).toContain('7.2020年工业招商专项资金134.51万元，支出完成率72.09%。');
    expect(text).toContain('2020年年初预算安排财政拨款收入2133.53万元，其中：基本1957.73万元，项目175.80万元。');
    expect(text).toContain('2020年市级项目共21个，实际完成20个。具体完成情况如下：');
    expect(text).toContain('2020年上级项目共5个，实际完成5个。');
    expect(text).toContain('2．资金到位。2020年总到位资金187.00万元，其中：2019年结转结余87.00万元，2020年下达100.00万元。');
  });

  it('puts the 得分表 in the tree as a table: its rows, spans, optional rows left empty and the total', () => {
    const sheets = tables(doc);
    expect(sheets).toHaveLength(1);
    const t = sheets[0]!;
    expect(t.caption.title).toBe('2020年项目支出绩效评价得分表');
    expect(t.head.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['单位名称/项目名称', '攀枝花市经信局省级技术改造前期费'],
      ['一级指标', '二级指标', '三级指标', '分值', '得分'],
    ]);
    const rows = rowTexts(t);
    expect(rows[0]).toEqual(['（20分）项目决策', '（10分）科学决策', '必要性（政策依据）', '5', '5']);
    expect(t.body[0]!.cells[0]!.rowSpan).toBe(4);
    expect(rows).toContainEqual(['（特性指标70分）项目绩效', '（20分）项目完成', '完成数量', '5', '5']);
    expect(rows).toContainEqual(['（50分）项目效益', '经济效益（可选项）', '40', '38']);
    expect(rows).toContainEqual(['社会效益（可选项）', '', '']);
    expect(rows).toContainEqual(['服务对象满意度', '10', '9']);
    expect(rows[rows.length - 1]).toEqual(['总分', '94分']);
    expect(text).toContain('经自评，该项目得分94分，自评等级为“优”。');
  });

  it('grades by the profile’s bands', () => {
    const strict = { ...sichuan, settings: { ...sichuan.settings, gradeBands: [{ grade: '优', min: 95 }, { grade: '良', min: 80 }, { grade: '差', min: 0 }] } };
    expect(textOf(blocks(pzh, strict))).toContain('经自评，该项目得分94分，自评等级为“良”。');
  });
});

describe('the annexes’ figures are checked at the line of the wrong value', () => {
  it('the example has no finding', async () => {
    expect(await checkText(PZH_TEXT, 'pz.yaml')).toEqual([]);
  });

  it('ES-TREE: Σ 三级 ≠ 二级 at the 二级 分值, with the expected sum', async () => {
    const findings = errors(await checkText(edited('{ name: 合理性, weight: 5, score: 5 }', '{ name: 合理性, weight: 6, score: 5 }'), 'pz.yaml'));
    expect(findings.map((f) => f.ruleId)).toEqual(['ES-TREE']);
    const f = findings[0]!;
    expect(f.message).toBe('项目“省级技术改造前期费”得分表二级指标“绩效目标”分值 10分，其各三级指标分值合计 11分，应相等');
    expect(f.location).toMatchObject({ file: 'pz.yaml', line: lineOf(PZH_TEXT, 'weight: 10', '- name: 绩效目标') });
    expect(f.expected).toBe('11');
  });

  it('ES-SCORE: a 得分 above its 分值 at the 得分, and the typed 总分 against Σ 得分', async () => {
    const findings = errors(await checkText(edited('{ name: 完成质量, weight: 5, score: 4 }', '{ name: 完成质量, weight: 5, score: 6 }'), 'pz.yaml'));
    expect(findings.map((f) => f.ruleId)).toEqual(['ES-SCORE', 'ES-SCORE']);
    const over = findings.find((f) => f.message.includes('完成质量'))!;
    expect(over.message).toBe('项目“省级技术改造前期费”得分表三级指标“完成质量”得分 6分，超过分值 5分');
    expect(over.location).toMatchObject({ line: lineOf(PZH_TEXT, '完成质量') });
    expect(over.expected).toBe('0–5');
    const total = findings.find((f) => f.message.includes('总分'))!;
    expect(total.message).toBe('项目“省级技术改造前期费”得分表总分 94分，与各三级指标得分之和 96分 不一致');
    expect(total.location).toMatchObject({ line: lineOf(PZH_TEXT, 'totalScore: 94') });
  });

  it('ES-OPT: the chosen optional rows and 服务对象满意度 not adding up to 50, at the chosen row, with the 分值 it should have', async () => {
    const findings = errors(await checkText(edited('{ name: 经济效益（可选项）, optional: true, weight: 40, score: 38 }', '{ name: 经济效益（可选项）, optional: true, weight: 45, score: 38 }'), 'pz.yaml'));
    expect(findings.map((f) => f.ruleId)).toEqual(['ES-OPT']);
    expect(findings[0]!.message).toContain('选用的可选项（经济效益（可选项） 45分）与服务对象满意度 10分 合计 55分，应为项目效益分值 50分（选用的可选项合计应为 40分）');
    expect(findings[0]!.location).toMatchObject({ line: lineOf(PZH_TEXT, '经济效益（可选项）') });
    expect(findings[0]!.expected).toBe('40');
  });

  it('ES-OPT: no optional row chosen, and an optional row scored without a 分值', async () => {
    const none = errors(await checkText(edited('{ name: 经济效益（可选项）, optional: true, weight: 40, score: 38 }', '{ name: 经济效益（可选项）, optional: true }'), 'pz.yaml'));
    expect(none.map((f) => f.ruleId)).toContain('ES-OPT');
    expect(none.find((f) => f.ruleId === 'ES-OPT')!.message).toContain('一项也没有选用');
    const scored = errors(await checkText(edited('{ name: 社会效益（可选项）, optional: true }', '{ name: 社会效益（可选项）, optional: true, score: 3 }'), 'pz.yaml'));
    expect(scored.find((f) => f.ruleId === 'ES-OPT')!.location).toMatchObject({ line: lineOf(PZH_TEXT, '社会效益（可选项）') });
  });

  it('N-FA: the 净值 off its parts, with the expected sum; N-ATTACH-ANNEX: a 功能科目 breakdown off its 基本支出 (004 L856)', async () => {
    const fa = errors(await checkText(edited('      net: 3,208,600.00', '      net: 3,208,700.00'), 'pz.yaml'));
    expect(fa.map((f) => f.ruleId)).toEqual(['N-FA']);
    expect(fa[0]!.location).toMatchObject({ line: lineOf(PZH_TEXT, 'net: 3,208,600.00') });
    expect(fa[0]!.expected).toBe('3208600.00');
    const basic = errors(await checkText(edited('{ name: 事业运行, code: "2010350", amount: 1365100.00 }', '{ name: 事业运行, code: "2010350", amount: 1405100.00 }'), 'pz.yaml'));
    expect(basic.map((f) => f.ruleId)).toEqual(['N-ATTACH-ANNEX']);
    expect(basic[0]!.message).toBe('无线电监测站年初预算基本支出 1,604,000.00元，与按功能科目划分的各项之和 1,644,000.00元 不一致（差额 40,000.00元）');
    expect(basic[0]!.location).toMatchObject({ line: lineOf(PZH_TEXT, 'total: 1,604,000.00') });
  });
});

describe('a text of an annex not written', () => {
  it('is N-FILL naming the part of the annex; in a draft a placeholder is printed instead', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-annex-fill-'));
    const file = join(dir, 'pz.yaml');
    writeFileSync(file, edited('    conclusion: 项目绩效目标整体完成较好', '    otherConclusion: 项目绩效目标整体完成较好').replace('    otherConclusion: ', '    # '));
    const findings = await check(file);
    const fill = findings.filter((f) => f.ruleId === 'N-FILL');
    expect(fill.map((f) => f.message)).toEqual(['说明文字缺少“附件1 三（四）自评结论”：正式公开材料不能留空，请填写后再生成（或加 --draft 先生成草稿）']);
    expect(fill[0]!.location).toMatchObject({ line: lineOf(PZH_TEXT, 'fixedAssets:', 'annexes:') });
    const model = derive(await loadDataset(file), dict);
    const runs = blocks(model, sichuan).flatMap((b) => (b.type === 'paragraph' ? (b.runs ?? []) : []));
    expect(runs.filter((r) => r.mark === 'placeholder').map((r) => [r.field, r.text])).toEqual([['annexes.department.conclusion', '请填写附件1 三（四）自评结论']]);
  });
});

describe('annexes are data of the profile', () => {
  it('the other profiles print no annex for the same department', () => {
    for (const name of ['default', 'yunnan/yuxi', 'national']) {
      const doc = blocks(pzh, resolveProfile(name));
      expect(textOf(doc)).not.toContain('绩效评价报告');
      expect(textOf(doc)).not.toContain('部门预算整体绩效自评报告');
      expect(tables(doc)).toHaveLength(0);
      expect(textOf(doc)).toContain('第四部分 附表');
    }
  });

  it('another profile declares its own annex with its own template, title and label, without code', () => {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-annex-'));
    for (const d of readdirSync(TEMPLATES_DIR)) cpSync(join(TEMPLATES_DIR, d), join(dir, d), { recursive: true });
    mkdirSync(join(dir, 'sichuan', 'city', 'narrative'), { recursive: true });
    writeFileSync(
      join(dir, 'sichuan', 'city', 'profile.yaml'),
      'name: sichuan/city\nextends: sichuan\nannexes:\n  - { data: projects, template: scoreOnly, label: "附表{{no}}", title: "{{annex.name}}得分情况" }\n',
    );
    writeFileSync(join(dir, 'sichuan', 'city', 'narrative', 'scoreOnly.hbs'), 'P 总分{{annex.scoreSheet.totalText}}分。\nTABLE scoreSheet 项目得分表\n');
    const doc = blocks(pzh, resolveProfile('sichuan/city', `${dir}/`), `${dir}/`);
    const text = textOf(doc);
    expect(text).toContain('附表1\n省级技术改造前期费得分情况\n总分94分。');
    expect(text).not.toContain('部门预算整体绩效自评报告');
    expect(tables(doc).map((t) => t.caption.title)).toEqual(['项目得分表']);
  });

  it('a title pattern with a syntax error or an unknown variable is an error at its line of the profile.yaml', () => {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-annex-'));
    for (const d of readdirSync(TEMPLATES_DIR)) cpSync(join(TEMPLATES_DIR, d), join(dir, d), { recursive: true });
    mkdirSync(join(dir, 'sichuan', 'bad'), { recursive: true });
    const file = join(dir, 'sichuan', 'bad', 'profile.yaml');
    writeFileSync(file, 'name: sichuan/bad\nextends: sichuan\nannexes:\n  - { data: projects, template: annexProject, title: "{{annex.name}项目" }\n');
    const syntax = checkNarrativeTemplates(resolveProfile('sichuan/bad', `${dir}/`), `${dir}/`);
    expect(syntax.map((e) => [e.location.file, e.location.line])).toEqual([[file, 4]]);
    expect(syntax[0]!.message).toMatch(/^模板配置 annexes\[0\]\.title“\{\{annex\.name\}项目”的 Handlebars 写法不对/);
    writeFileSync(file, 'name: sichuan/bad\nextends: sichuan\nannexes:\n  - { data: projects, template: annexProject, title: "{{annex.nmae}}项目" }\n');
    let error: unknown;
    try {
      blocks(pzh, resolveProfile('sichuan/bad', `${dir}/`), `${dir}/`);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).location).toMatchObject({ file, line: 4 });
    expect((error as TemplateError).message).toContain('模板配置 annexes[0].title“{{annex.nmae}}项目”无法生成：读取了不存在的变量“nmae”');
  });

  it('profile check names an annex template that does not exist', () => {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-annex-'));
    for (const d of readdirSync(TEMPLATES_DIR)) cpSync(join(TEMPLATES_DIR, d), join(dir, d), { recursive: true });
    mkdirSync(join(dir, 'sichuan', 'town'), { recursive: true });
    writeFileSync(join(dir, 'sichuan', 'town', 'profile.yaml'), 'name: sichuan/town\nextends: sichuan\nannexes:\n  - { data: department, template: nowhere, title: "x" }\n');
    expect(() => blocks(pzh, resolveProfile('sichuan/town', `${dir}/`), `${dir}/`)).toThrow(/narrative\/nowhere\.hbs/);
  });
});

describe('the built PDF', () => {
  it('shows both annexes, the 得分表 rows and total, and the 固定资产 shares', () => {
    const out = mkdtempSync(join(tmpdir(), 'juesuan-annex-pdf-'));
    const r = runCli(['build', PZH_FILE, '--out', out, '--format', 'pdf', '--jobs', '1', '--force']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const folder = join(out, 'panzhihua-jxj-2020');
    const pdf = readdirSync(folder).find((f) => f.endsWith('.pdf'))!;
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(folder, pdf), '-'], { encoding: 'utf8', maxBuffer: 64 << 20 }).replace(/\s+/g, '');
    expect(text).toContain('附件1攀枝花市经济和信息化局2020年度部门预算整体绩效自评报告');
    expect(text).toContain('附件2省级技术改造前期费项目2020年绩效评价报告');
    expect(text).toContain('车辆25.56万元，占7.97%');
    expect(text).toContain('2020年项目支出绩效评价得分表');
    expect(text).toMatch(/单位名称\/项目名称.{0,10}攀枝花市经信局省级技术改造前期费/);
    expect(text).toContain('必要性（政策依据）55');
    expect(text).toContain('完成质量54');
    expect(text).toContain('经济效益（可选项）4038');
    expect(text).toMatch(/服务对象满意度.{0,4}10.{0,4}9.{0,4}94分/);
    expect(text).toContain('经自评，该项目得分94分，自评等级为“优”。');
  }, 120_000);
});
