// 绩效自评 validation (rules.md §3): the findings name each printed value of seed 002 that is wrong,
// with the computed value, and a project with the typical slips gets the matching findings.
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/model/finding.js';
import { check, checkText, errors, example, fixture } from '../helpers.js';

const at = (fs: readonly Finding[], rule: string, path: string) => fs.find((f) => f.ruleId === rule && f.location && 'path' in f.location && f.location.path === path);
const q = (n: number, sub: string) => `selfEvaluation.projects[${n - 1}].${sub}`;

describe('seed 002 as published (云南省工业和信息化厅, 26 project tables)', async () => {
  const findings = await check(fixture('seed-002/published.yaml'));

  it('names each printed 执行率, 得分 and 总分 that is wrong, with the computed value', () => {
    expect(at(findings, 'EP-RATE', q(2, 'rate'))).toMatchObject({ actual: '91.37', expected: '90.14' });
    expect(at(findings, 'EP-FUND', q(2, 'funds.total.executed'))).toMatchObject({ actual: '1469300.00', expected: '1489300.00' });
    expect(at(findings, 'EP-W100', q(2, 'indicators'))!.message).toContain('执行率分值 16.00');
    expect(at(findings, 'EP-RSCORE', q(21, 'rateScore'))).toMatchObject({ actual: '9.42', expected: '9.62' });
    expect(at(findings, 'EP-TOTAL', q(6, 'totalScore'))).toMatchObject({ actual: '99.97', expected: '90.00' });
    expect(at(findings, 'EP-W100', q(15, 'indicators'))).toMatchObject({ actual: '110.00' });
    expect(at(findings, 'EP-SUBROW', q(15, 'indicatorSubtotal.weight'))).toMatchObject({ actual: '90.00', expected: '100.00' });
    expect(at(findings, 'EP-SUBROW', q(20, 'indicatorSubtotal.score'))).toMatchObject({ actual: '90.00', expected: '88.00' });
    expect(at(findings, 'EP-W100', q(26, 'indicators'))).toMatchObject({ actual: '125.00' });
    expect(at(findings, 'EP-DUP', q(26, 'indicators[2]'))!.message).toContain('与第2行重复');
  });

  it('flags the blank names, the junk operators and the ratios typed as percentages', () => {
    for (const n of [5, 11, 16]) expect(at(findings, 'EP-REQ', q(n, 'name')), `Q${n}`).toBeDefined();
    expect(at(findings, 'EP-OP', q(3, 'indicators[0].operator'))!.message).toContain('“-”');
    expect(at(findings, 'EP-OP', q(21, 'indicators[0].operator'))!.message).toContain('“□=”');
    expect(at(findings, 'EP-PCT', q(7, 'indicators[3].target'))!.note).toContain('80');
    expect(at(findings, 'S-ENUM', q(16, 'indicators[1].unit'))!.message).toContain('“0”');
  });

  it('agrees with every printed grade (the bands include their lower bound)', () => {
    expect(findings.filter((f) => f.ruleId === 'EP-GRADE')).toEqual([]);
  });

  it('the corrected example has no error', async () => {
    expect(errors(await check(example('yunnan-gxt-2023-projects.yaml')))).toEqual([]);
  });
});

describe('a project with the usual slips', () => {
  const file = `department:
  name: 测试局
  year: 2021
selfEvaluation:
  amountUnit: 万元
  projects:
    - name: 测试项目
      competentDept: 测试局
      implementingUnit: 测试局
      funds:
        currentFiscal: { initialBudget: 10, annualBudget: 10, executed: 8 }
      indicators:
        - { level1: 产出指标, level2: 数量指标, name: 培训人数, operator: 3, target: 100, unit: 人, actual: 120, weight: 40, score: 40 }
        - { level1: 产出指标, level2: 时效指标, name: 完成时间, operator: "<=", target: 44531, unit: 年-月-日, actual: 44525, weight: 10, score: 10 }
        - { level1: 效益指标, level2: 社会效益指标, name: 覆盖企业, operator: ">=", target: 50, unit: 家, actual: 40, weight: 30, score: 32 }
        - { level1: 满意度指标, level2: 服务对象满意度指标, name: 满意度, operator: ">=", target: 90, unit: "%", actual: 85, weight: 10, score: 8 }
`;

  it('yields the matching findings, each at its line', async () => {
    const fs = await checkText(file, 'slips.yaml');
    const line = (rule: string) => fs.find((f) => f.ruleId === rule)?.location;
    expect(fs.find((f) => f.ruleId === 'EP-OP')!.message).toContain('指标性质“3”');
    expect(line('EP-OP')).toMatchObject({ line: 13 });
    const dates = fs.filter((f) => f.ruleId === 'EP-DATE');
    expect(dates.map((f) => f.note)).toEqual(['应为 2021-12-01（Excel 序列号 44531）', '应为 2021-11-25（Excel 序列号 44525）']);
    expect(dates[0]!.location).toMatchObject({ line: 14 });
    expect(fs.find((f) => f.ruleId === 'EP-SLEW')).toMatchObject({ severity: 'error', actual: '32.00', location: { line: 15 } });
    const noReason = fs.find((f) => f.ruleId === 'EP-ACH' && f.message.includes('没有填写偏差原因'));
    expect(noReason!.location).toMatchObject({ line: 16 });
  });
});
