// 度量单位 (evaluation.md §0.3, rules.md S-ENUM): the units officers commonly type pass without a
// warning, in half- or full-width forms; drop-down labels and values typed into the unit cell do not.
import { describe, expect, it } from 'vitest';
import { isMeasureUnit, normalizeUnit } from '../../src/validate/units.js';
import { checkText } from '../helpers.js';

/** evaluation.md §0.3 "units observed in valid use", then units common in 绩效目标 that were warned about. */
const OBSERVED = '人 人次 次 次/年 户 家 个 份 册 篇 篇/组 幅 条 项 件 套 所 级 期 倍 % 年 天 小时 吨 平方米 元 万元 亿元 万元/人 元/人·天 是/否 年-月-日 月';
const COMMON = [
  '万人', '万人次', '万户', '千户', '万亩', '亩', '公顷', '平方公里', '平方千米', 'km', 'km²', 'km2', 'm²', '㎡', 'm³', '立方米', '立方米/日',
  '公里', '千米', '米', '延米', 'kg', '公斤', '千克', '万吨', '吨/日', '万吨/年', '吨标准煤', '千瓦', '万千瓦', '兆瓦', 'MW', 'kW', '千瓦时', '万千瓦时', 'kWh',
  '辆', '辆次', '台（套）', '台(套)', '座', '处', '间', '张', '床', '床位', '株', '棵', '头', '只', '场', '场次', '批', '批次', '期次', '轮', '届', '课时', '学时',
  '个工作日', '工作日', '个月', '季度', '周', '日', '分钟', '秒', '年/月/日', '年月日', '日期',
  '％', '‰', '个百分点', '百分点', '分', '星级', '等次',
  '元/人', '元/人/月', '元/人·月', '元/平方米', '元/吨', '万元/公里', '万元/个', '万元/户', '人/年', '次/人·年', '小时/人', '天/次', '户/村', '册/人', '人·天',
  '元 / 人', 'GB', 'TB', 'Mbps', '分贝', 'dB', '℃', '微克/立方米', 'μg/m³', 'mg/L', '毫克/升', '公里/小时', 'km/h',
];
/** rules.md S-ENUM: what the seeds put into the unit cell that is not a unit. */
const NOT_UNITS = ['0', '上升', '及时', '达标', '有效维护', '人(人次、家)', '个(次、家)', '平方米/公里/立方/亩等', '平方米/公里/立方/亩22', '平方米/公里/立方', '所在县(市)', '较好', '提高', '≥90%', '100人'];

describe('isMeasureUnit', () => {
  it('accepts every unit evaluation.md lists as observed in valid use', () => {
    for (const u of OBSERVED.split(' ')) expect(isMeasureUnit(u), u).toBe(true);
  });

  it('accepts the common units of 绩效指标: prefixes, full-width forms, rates and products', () => {
    expect(COMMON.filter((u) => !isMeasureUnit(u))).toEqual([]);
  });

  it('rejects drop-down labels, values and junk typed into the unit cell', () => {
    expect(NOT_UNITS.filter((u) => isMeasureUnit(u))).toEqual([]);
  });

  it('folds full-width and compatibility forms', () => {
    expect(normalizeUnit('％')).toBe('%');
    expect(normalizeUnit('台（套）')).toBe('台(套)');
    expect(normalizeUnit('㎡')).toBe('m2');
    expect(normalizeUnit('元／人 ・ 天')).toBe('元/人·天');
  });
});

describe('S-ENUM on a project', () => {
  const project = (units: readonly string[]) => `department:
  name: 测试局
  year: 2023
selfEvaluation:
  amountUnit: 万元
  projects:
    - name: 测试项目
      competentDept: 测试局
      implementingUnit: 测试局
      funds:
        currentFiscal: { initialBudget: 10, annualBudget: 10, executed: 10 }
      indicators:
${units.map((u, i) => `        - { level1: 产出指标, level2: 数量指标, name: 指标${i + 1}, operator: ">=", target: 10, unit: "${u}", actual: 10, weight: 1, score: 1 }`).join('\n')}
`;

  it('says nothing about common units', async () => {
    const fs = await checkText(project(COMMON));
    expect(fs.filter((f) => f.ruleId === 'S-ENUM').map((f) => f.message)).toEqual([]);
  });

  it('still names a drop-down label and an unknown word, each at its indicator', async () => {
    const fs = (await checkText(project(['万千瓦时', '人(人次、家)', '宗地块']))).filter((f) => f.ruleId === 'S-ENUM');
    expect(fs.map((f) => (f.location && 'path' in f.location ? f.location.path : ''))).toEqual([
      'selfEvaluation.projects[0].indicators[1].unit',
      'selfEvaluation.projects[0].indicators[2].unit',
    ]);
    expect(fs[0]!.message).toContain('不是计量单位');
    expect(fs[1]!.message).toContain('不在常用计量单位中');
  });
});
