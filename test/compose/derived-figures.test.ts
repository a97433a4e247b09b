// The derived figures the narrative prints beyond the published seeds (issue 10, “Derived figures the
// forms need”): 本年支出合计 against last year with its reason, each income line against last year with
// its reason, 比预算减少X万元 beside a completion rate, and 收入总计/支出总计 with 年初/年末结转和结余. The
// 玉溪 example is read through the real reader with prior-year figures set in its YAML, its narrative
// composed, and the sentences checked as printed — including 持平 when the printed figures are equal.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { composeNarrative } from '../../src/compose/narrative/index.js';
import { resolveProfile } from '../../src/compose/profile.js';
import { derive } from '../../src/derive/index.js';
import { loadDictionary } from '../../src/readers/dictionary.js';
import { readYaml } from '../../src/readers/index.js';
import type { Paragraph } from '../../src/model/document.js';
import { check, checkText, example } from '../helpers.js';

const dict = await loadDictionary();
const profile = resolveProfile('yunnan/yuxi');
const YUXI = readFileSync(example('yuxi-gxj-2021.yaml'), 'utf8');

/** The 玉溪 example with `set` applied to its YAML (path → value), composed; its paragraphs' text and placeholder fields. */
function compose(set: readonly (readonly [readonly string[], unknown])[]) {
  const doc = parseDocument(YUXI);
  for (const [path, value] of set) doc.setIn(path, value);
  const read = readYaml(doc.toString(), 'yuxi.yaml');
  expect(read.findings.filter((f) => f.severity === 'error')).toEqual([]);
  const model = derive(read.dataset!, dict);
  const paragraphs = composeNarrative(model, dict, profile, [])
    .sections.flatMap((s) => s.blocks)
    .filter((b): b is Paragraph => b.type === 'paragraph');
  const text = paragraphs.map((p) => p.text).join('\n');
  const fields = paragraphs.flatMap((p) => p.runs ?? []).flatMap((r) => (r.mark === 'placeholder' && r.field ? [r.field] : []));
  return { model, text, fields };
}

describe('本年支出合计 against last year (第二部分 三)', () => {
  it('prints the change and its reason; the reason missing is a placeholder for explanations.expenditureChange', () => {
    // 56,163,999.54 − 51,163,999.54 = 5,000,000.00 → 500.00万元; 5,000,000 / 51,163,999.54 = 9.7725…% → 9.77%
    const given = compose([
      [['priorYear', 'totalExpenditure'], '51,163,999.54'],
      [['explanations', 'expenditureChange'], '新增产业发展专项资金支出。'],
    ]);
    expect(given.text).toContain(
      '2021年本年支出合计5616.40万元，其中：基本支出2451.43万元，占43.65%；项目支出3164.97万元，占56.35%；上缴上级支出0.00万元，占0.00%；经营支出0.00万元，占0.00%；对附属单位补助支出0.00万元，占0.00%。与2020年相比，本年支出合计增加500.00万元，增长9.77%。主要变动原因是新增产业发展专项资金支出。',
    );
    expect(given.fields).not.toContain('explanations.expenditureChange');

    const missing = compose([[['priorYear', 'totalExpenditure'], '61,163,999.54']]);
    expect(missing.text).toContain('与2020年相比，本年支出合计减少500.00万元，下降8.17%。主要变动原因是');
    expect(missing.fields).toContain('explanations.expenditureChange');
  });

  it('a missing reason is an N-REASON error of the department naming what to write; none when 持平', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'juesuan-derived-'));
    const write = (prior: string) => {
      const doc = parseDocument(YUXI);
      doc.setIn(['priorYear', 'totalExpenditure'], prior);
      doc.setIn(['priorYear', 'incomeLines'], { other: '220,667.00' });
      const file = join(dir, `yuxi-${prior.replace(/\D/g, '')}.yaml`);
      writeFileSync(file, doc.toString());
      return file;
    };
    const changed = (await check(write('61,163,999.54'))).filter((f) => f.ruleId === 'N-REASON');
    expect(changed.map((f) => [f.severity, f.message])).toEqual([
      ['error', '说明文字缺少“其他收入与上年相比的变动原因（第二部分 二）”：正式公开材料不能留空，请填写后再生成（或加 --draft 先生成草稿）'],
      ['error', '说明文字缺少“本年支出合计变动原因（第二部分 三）”：正式公开材料不能留空，请填写后再生成（或加 --draft 先生成草稿）'],
    ]);
    const flat = (await check(write('56,163,999.00'))).filter((f) => f.ruleId === 'N-REASON');
    expect(flat.map((f) => f.message).join()).not.toContain('本年支出合计');
  });

  it('is 持平 when last year prints the same 万元 figure, though the 元 differ, and asks for no reason', () => {
    // 5616.3999954 and 5616.3999 both print 5616.40
    const flat = compose([[['priorYear', 'totalExpenditure'], '56,163,999.00']]);
    expect(flat.model.expenditureChange?.direction).toBe('flat');
    expect(flat.text).toContain('对附属单位补助支出0.00万元，占0.00%。本年支出合计与2020年持平。');
    expect(flat.fields).not.toContain('explanations.expenditureChange');
  });

  it('without a prior figure the paragraph says nothing of last year', () => {
    const none = compose([]);
    expect(none.model.expenditureChange).toBeUndefined();
    expect(none.text).not.toMatch(/本年支出合计(增加|减少|与2020年持平)/);
  });
});

describe('each income line against last year (第二部分 二)', () => {
  it('prints each line’s change with its reason; a line printed alike is 持平; a line without a prior figure has no clause', () => {
    // generalBudget 34,008,496.42 − 30,008,496.42 = 4,000,000 → 400.00万元, 13.3295…% → 13.33%
    // govFund 19,500,000.00 against 19,500,000.40: 1950.00 both → 持平
    const r = compose([
      [['priorYear', 'incomeLines'], { generalBudget: '30,008,496.42', govFund: '19,500,000.40' }],
      [['explanations', 'incomeLines'], { generalBudget: '新增中央和省级专项资金。' }],
    ]);
    expect(r.text).toContain(
      '2021年本年收入合计5362.92万元，其中：一般公共预算财政拨款收入3400.85万元，占63.41%，比2020年增加400.00万元，增长13.33%，增长的主要原因是新增中央和省级专项资金；政府性基金预算财政拨款收入1950.00万元，占36.36%，与2020年持平；其他收入12.07万元，占0.23%。',
    );
    expect(r.fields.filter((f) => f.startsWith('explanations.incomeLines'))).toEqual([]);
  });

  it('a changed line without its reason is a placeholder for explanations.incomeLines.<key>', () => {
    const r = compose([[['priorYear', 'incomeLines'], { other: '220,667.00' }]]);
    expect(r.text).toContain('其他收入12.07万元，占0.23%，比2020年减少10.00万元，下降45.32%，下降的主要原因是');
    expect(r.fields).toContain('explanations.incomeLines.other');
  });
});

describe('比预算减少X万元 beside a completion rate', () => {
  it('prints the difference of each project below its budget, rounded from its own 元, and nothing for one at 100%', () => {
    const r = compose([]);
    // 482,000 − 385,600 = 96,400 → 9.64万元
    expect(r.text).toContain('项目全年预算数48.20万元，执行数为38.56万元，完成预算的80.00%，比预算减少9.64万元。');
    // 1,346,900 − 1,343,000 (134.69 / 134.30) → 0.39万元
    expect(r.text).toContain('完成预算的99.71%，比预算减少0.39万元。');
    expect(r.text).toContain('项目全年预算数55.00万元，执行数为55.00万元，完成预算的100.00%。');
  });

  it('prints the difference of a 项 against its 全年预算数, and 比预算增加 when above it', () => {
    const r = compose([[['budget', 'items'], { '2010401': '12,000,000.00', '2010402': '300,000.00' }]]);
    expect(r.text).toMatch(/行政运行（项）：支出决算为1214\.27万元，完成预算101\.19%，比预算增加14\.27万元。/);
    expect(r.text).toMatch(/一般行政管理事务（项）：支出决算为29\.40万元，完成预算98\.00%，比预算减少0\.60万元。/);
  });
});

describe('收入总计、支出总计 with 年初/年末结转和结余 (第二部分 一)', () => {
  it('prints both carry-overs in 万元 from the form’s figures', () => {
    const r = compose([]);
    expect(r.model.carryover.begin.wan.toFixed(2)).toBe('257.19');
    expect(r.text).toContain('2021年度收入总计5620.10万元，包括本年收入5362.92万元、年初结转和结余257.19万元；支出总计5620.10万元，包括本年支出5616.40万元、年末结转和结余3.71万元。');
  });
});

describe('counts split as the form asks (fields: 出国团组 by own / other units)', () => {
  it('prints the split the department gives under formFields beside the 团组 count', () => {
    const r = compose([
      [['tables', 'T3G', 'r12'], { c2: 3 }],
      [['formFields'], { abroadGroupsOwn: 1, abroadGroupsOther: 2 }],
    ]);
    expect(r.text).toMatch(/全年安排因公出国（境）团组3次（其中本单位组织1次、参加其他单位组织2次），出国（境）\d+人。/);
  });

  it('prints no split when it is not given (the published text)', () => {
    expect(compose([]).text).toMatch(/全年安排因公出国（境）团组\d+次，出国（境）\d+人。/);
  });

  it('N-FIELD: parts that do not add up to the count, a name the form does not declare, a text for a count', async () => {
    const doc = parseDocument(YUXI);
    doc.setIn(['tables', 'T3G', 'r12'], { c2: 3 });
    doc.setIn(['formFields'], { abroadGroupsOwn: 1, abroadGroupsOther: 1, abroadGroupsSelf: 2 });
    const findings = (await checkText(doc.toString(), 'yuxi.yaml')).filter((f) => f.ruleId === 'N-FIELD');
    expect(findings.map((f) => f.message)).toEqual([
      '表样“yunnan-2021”没有要填写的“abroadGroupsSelf”',
      '因公出国（境）团组数中本单位组织的团组与因公出国（境）团组数中参加其他单位组织的团组之和为 2，与因公出国（境）团组数 3 不等',
    ]);
    expect(findings[0]!.location).toMatchObject({ line: lineOf(doc.toString(), 'abroadGroupsSelf') });
    expect(findings[0]!.note).toContain('abroadGroupsOwn（因公出国（境）团组数中本单位组织的团组）');

    doc.setIn(['formFields'], { abroadGroupsOwn: '一个', abroadGroupsOther: 2 });
    const text = (await checkText(doc.toString(), 'yuxi.yaml')).filter((f) => f.ruleId === 'N-FIELD');
    expect(text.map((f) => f.message)).toEqual(['formFields.abroadGroupsOwn（因公出国（境）团组数中本单位组织的团组）应为个数（整数）']);
  });
});

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
