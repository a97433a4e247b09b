// Derived figures against the figures printed in the seeds: where the seed is right we give the
// same figure; where it is wrong, the test says which printed figure is wrong and why.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/model/decimal.js';
import { breakdown, derive, scoreProject } from '../../src/derive/index.js';
import { loadDictionary } from '../../src/readers/dictionary.js';
import { defaultValidateOptions } from '../../src/validate/index.js';
import { example, fixture, loadDataset } from '../helpers.js';

const f2 = (d: Decimal | undefined) => d?.toFixed(2);
const bands = defaultValidateOptions.gradeBands;

describe('seed 004 (攀枝花市经济和信息化局 2020): the explanatory text’s figures', async () => {
  const m = derive(await loadDataset(example('panzhihua-jxj-2020.yaml')), await loadDictionary());
  const parts = (b: typeof m.income) => b.parts.map((p) => [p.label, f2(p.amount.wan), f2(p.percent)]);

  it('一、收、支总计 4619.30, 增加1083.05, 增长30.63% (L23)', () => {
    expect(f2(m.totalIncomeExpenditure.wan)).toBe('4619.30');
    expect(m.totalChange).toMatchObject({ direction: 'increase' });
    expect([f2(m.totalChange!.amount.wan), f2(m.totalChange!.rate)]).toEqual(['1083.05', '30.63']);
  });

  it('二、收入 3929.77 = 3185.87 (81.07%) + 743.52 (18.92%) + 0.38 (0.01%) (L34)', () => {
    expect(f2(m.income.total.wan)).toBe('3929.77');
    expect(parts(m.income)).toEqual([
      ['一般公共预算财政拨款收入', '3185.87', '81.07'],
      ['政府性基金预算财政拨款收入', '743.52', '18.92'],
      ['其他收入', '0.38', '0.01'],
    ]);
  });

  it('三、支出 4060.30 = 基本 2017.87 (49.70%) + 项目 2042.43 (50.30%) + three zero lines (L46; 004 prints “4060.3元”, a unit slip)', () => {
    expect(f2(m.expenditure.total.wan)).toBe('4060.30');
    expect(parts(m.expenditure)).toEqual([
      ['基本支出', '2017.87', '49.70'],
      ['项目支出', '2042.43', '50.30'],
      ['上缴上级支出', '0.00', '0.00'],
      ['经营支出', '0.00', '0.00'],
      ['对附属单位补助支出', '0.00', '0.00'],
    ]);
  });

  it('四、财政拨款收、支总计 4618.44, 增加1085.33, 增长30.72% (L58)', () => {
    expect(f2(m.appropriationTotal.wan)).toBe('4618.44');
    expect([f2(m.appropriationChange!.amount.wan), f2(m.appropriationChange!.rate)]).toEqual(['1085.33', '30.72']);
  });

  it('五（一）一般公共预算财政拨款支出 3377.94, 占83.19%, 增加1288.45, 增长61.66% (L70)', () => {
    expect(f2(m.generalExpenditure.wan)).toBe('3377.94');
    expect(f2(m.generalShareOfExpenditure)).toBe('83.19');
    expect([f2(m.generalChange!.amount.wan), f2(m.generalChange!.rate)]).toEqual(['1288.45', '61.66']);
  });

  it('五（二）by 类: the six shares and amounts of L77, each rounded on its own (rules.md §8.1: 887.79, parts adding to 3377.95)', () => {
    expect(parts(m.generalByClass)).toEqual([
      ['一般公共服务', '1415.15', '41.89'],
      ['科学技术', '114.80', '3.40'],
      ['社会保障和就业', '438.40', '12.98'],
      // 004 prints 887.79, as 五（三） does: each class rounded on its own; the six add up to 3377.95
      // against the total 3377.94, a rounding effect (rules.md §0.2, N-GPB-CLS), never nudged away
      ['城乡社区', '887.79', '26.28'],
      ['资源勘探信息等', '395.98', '11.72'],
      ['住房保障', '125.83', '3.73'],
    ]);
    expect(m.generalByClass.parts.reduce((s, p) => s.plus(p.amount.wan), new Decimal(0)).toFixed(2)).toBe('3377.95');
  });

  it('五（三）21 items, each 100% of its budget (L88–L110)', () => {
    expect(m.generalItems).toHaveLength(21);
    expect(m.generalItems.every((i) => f2(i.completion?.percent) === '100.00')).toBe(true);
    expect(f2(m.generalCompletion?.percent)).toBe('100.00');
    expect(m.generalItems.map((i) => f2(i.amount.wan))).toContain('1193.39');
  });

  it('六、基本支出 1935.80 = 人员经费 1814.06 + 日常公用经费 121.74 (L112–L114)', () => {
    expect([f2(m.basic.total.wan), f2(m.basic.personnel.wan), f2(m.basic.operating.wan)]).toEqual(['1935.80', '1814.06', '121.74']);
  });

  it('七、“三公” 8.07, 完成预算45.83%; 0% / 83.89% / 16.11%; 车 49.42% +3.33 96.80%; 接待 33.25% −2.43 65.15% (L117–L133)', () => {
    const t = m.threePublic;
    expect(f2(t.breakdown.total.wan)).toBe('8.07');
    expect(f2(t.completion.percent)).toBe('45.83');
    expect(t.completion.comparison).toBe('below');
    expect(parts(t.breakdown)).toEqual([
      ['因公出国（境）费', '0.00', '0.00'],
      ['公务用车购置及运行维护费', '6.77', '83.89'],
      ['公务接待费', '1.30', '16.11'],
    ]);
    expect([f2(t.items.vehicle.completion?.percent), t.items.vehicle.change?.direction, f2(t.items.vehicle.change?.amount.wan), f2(t.items.vehicle.change?.rate)]).toEqual(['49.42', 'increase', '3.33', '96.80']);
    expect([f2(t.items.reception.completion?.percent), t.items.reception.change?.direction, f2(t.items.reception.change?.amount.wan), f2(t.items.reception.change?.rate)]).toEqual(['33.25', 'decrease', '2.43', '65.15']);
    // 因公出国（境）: 0 this year and last year — 持平 (L129); 004 prints 完成预算0% for a zero budget
    expect(t.items.abroad.change?.direction).toBe('flat');
    expect(t.items.abroad.completion?.percent).toBeUndefined();
  });

  it('十（一）机关运行经费 102.13, 减少19.46, 下降16.00% (L142, printed “16%”)', () => {
    expect([f2(m.agencyOperation.wan), m.agencyOperationChange?.direction, f2(m.agencyOperationChange?.amount.wan), f2(m.agencyOperationChange?.rate)]).toEqual(['102.13', 'decrease', '19.46', '16.00']);
  });

  it('八、政府性基金预算拨款支出: 004 prints 743.52, which cannot be right', () => {
    // 3377.94 (一般公共预算) + 743.52 = 4121.46 > 本年支出合计 4060.30: fiscal spending cannot exceed all
    // spending. 743.52 is the 基金 income; the example spends 682.36 and carries 61.16 forward.
    expect(f2(m.govFundExpenditure.wan)).toBe('682.36');
    expect(m.generalExpenditure.wan.plus(m.govFundExpenditure.wan).lte(m.expenditure.total.wan)).toBe(true);
  });
});

describe('seed 000 (玉溪市工业和信息化局 2021): 公开10表 figures', async () => {
  const ds = await loadDataset(example('yuxi-gxj-2021.yaml'));
  const m = derive(ds, await loadDictionary());
  const T01 = m.tables.T01;

  it('（三）income 5362.92 = 财政拨款 5350.85 (99.77%) + 其他收入 12.07 (0.23%) (L721–L723)', () => {
    const b = breakdown(
      T01[27]!,
      [
        { key: 'fiscal', label: '财政拨款', yuan: T01[1]!.plus(T01[2]!).plus(T01[3]!) },
        { key: 'other', label: '其他收入', yuan: T01[8]! },
      ],
      'largestRemainder',
    );
    expect(b.parts.map((p) => [f2(p.amount.wan), f2(p.percent)])).toEqual([
      ['5350.85', '99.77'],
      ['12.07', '0.23'],
    ]);
  });

  it('（三）income change: 减少2328.78, 下降30.28% — 000 prints 30.27%, which no 元 amount reproduces (rules.md §0.2)', () => {
    expect(m.incomeChange).toMatchObject({ direction: 'decrease' });
    expect([f2(m.incomeChange!.amount.wan), f2(m.incomeChange!.rate)]).toEqual(['2328.78', '30.28']);
  });

  it('（三）spending 5616.40 = 基本 2451.43 (43.65%) + 项目 3164.97 (56.35%)', () => {
    expect(m.expenditure.parts.slice(0, 2).map((p) => [f2(p.amount.wan), f2(p.percent)])).toEqual([
      ['2451.43', '43.65'],
      ['3164.97', '56.35'],
    ]);
  });

  it('（五）三公 budget 16.93, 减少5.00, 下降22.80%; spending 13.16, 增加1.19, 增长9.92%; 接待 +1.83 47.73% (L735–L742)', () => {
    const t = m.threePublic;
    expect(f2(t.completion.budget.wan)).toBe('16.93');
    expect([t.budgetChange?.direction, f2(t.budgetChange?.amount.wan), f2(t.budgetChange?.rate)]).toEqual(['decrease', '5.00', '22.80']);
    expect([t.change?.direction, f2(t.change?.amount.wan), f2(t.change?.rate)]).toEqual(['increase', '1.19', '9.92']);
    expect([f2(t.items.reception.change?.amount.wan), f2(t.items.reception.change?.rate)]).toEqual(['1.83', '47.73']);
    expect(f2(t.items.vehicleOperation.change?.rate)).toBe('7.94');
    // 000 prints 13.16 = 5.67 + 7.48 (= 13.15): the parts are rounded on their own (rules.md §8.1), the
    // same figure in the breakdown, the sentence about the item and 公开09表
    expect(t.breakdown.parts.map((p) => f2(p.amount.wan))).toEqual(['0.00', '7.48', '5.67']);
    expect(f2(t.items.vehicleOperation.amount.wan)).toBe('7.48');
  });
});

describe('seed 000 project tables: 执行率, 得分, 总分 and 等级 of every table', async () => {
  const ds = await loadDataset(fixture('seed-000/published.yaml'));
  const projects = ds.selfEvaluation!.projects;
  // [label, 执行率, 执行率得分, 总分, 等级] computed — rules.md §3.1 "Results on seed 000"
  const COMPUTED: readonly (readonly [string, string, string, string, string])[] = [
    ['P1', '100.00', '10.00', '93.00', '优'],
    ['P2', '100.00', '10.00', '95.00', '优'],
    ['P3', '100.00', '10.00', '85.00', '良'],
    ['P4', '80.00', '8.00', '97.70', '优'],
    ['P5', '100.00', '10.00', '100.00', '优'],
    ['P6', '13.47', '1.35', '91.35', '优'],
    ['P6a', '100.00', '10.00', '96.00', '优'],
    ['P6b', '30.00', '3.00', '93.00', '优'],
    ['P7', '24.13', '2.41', '89.51', '良'],
    ['P8', '38.33', '3.83', '90.86', '优'],
    ['P9', '99.71', '9.97', '98.57', '优'],
    ['P10', '100.00', '10.00', '97.00', '优'],
    ['P11', '80.98', '8.10', '96.10', '优'],
    ['P12', '100.00', '10.00', '95.00', '优'],
    ['P13', '100.00', '10.00', '100.00', '优'],
    ['P14', '35.82', '3.58', '91.58', '优'],
    ['P15', '57.22', '5.72', '95.72', '优'],
  ];

  it('computes what rules.md computes for all 17 tables', () => {
    expect(projects).toHaveLength(17);
    const got = projects.map((p, i) => {
      const s = scoreProject(p, bands);
      return [COMPUTED[i]![0], f2(s.rate), f2(s.rateScore), f2(s.totalScore), s.grade];
    });
    expect(got).toEqual(COMPUTED);
  });

  it('says which printed figures are wrong, and why', () => {
    const wrong = projects.flatMap((p, i) => {
      const s = scoreProject(p, bands);
      const out: string[] = [];
      const label = COMPUTED[i]![0];
      if (p.rate && !p.rate.eq(s.rate!)) out.push(`${label} 执行率 printed ${f2(p.rate)} computed ${f2(s.rate)}`);
      if (p.totalScore && !p.totalScore.eq(s.totalScore)) out.push(`${label} 总分 printed ${f2(p.totalScore)} computed ${f2(s.totalScore)}`);
      if (p.grade && p.grade !== s.grade) out.push(`${label} 等级 printed ${p.grade} computed ${s.grade}`);
      return out;
    });
    expect(wrong).toEqual([
      // the indicator weights total 80 (no 满意度 row): 10 + 75 = 85, 良; the printed 95/优 is what a missing 10/10 row would give
      'P3 总分 printed 95.00 computed 85.00',
      'P3 等级 printed 优 computed 良',
      // 8.00 + 89.70 = 97.70; the printed total drops the 0.70 of one indicator
      'P4 总分 printed 97.00 computed 97.70',
      // 28.95/120.00 = 24.125 exactly: half-up gives 24.13; 24.12 comes from the unrounded 元 amounts (within tolerance)
      'P7 执行率 printed 24.12 computed 24.13',
    ]);
  });
});

describe('seed 002 project tables (province layout): every table', async () => {
  const ds = await loadDataset(fixture('seed-002/published.yaml'));
  const projects = ds.selfEvaluation!.projects;

  it('computes 执行率, 得分 and 总分 of the 26 tables, and names each printed value that is wrong', () => {
    expect(projects).toHaveLength(26);
    const wrong = projects.flatMap((p, i) => {
      const s = scoreProject(p, bands);
      const q = `Q${i + 1}`;
      const out: string[] = [];
      if (p.rate && s.rate && p.rate.minus(s.rate).abs().gt(new Decimal('0.01'))) out.push(`${q} 执行率 ${f2(p.rate)}→${f2(s.rate)}`);
      if (p.rateScore && !p.rateScore.eq(s.rateScore)) out.push(`${q} 得分 ${f2(p.rateScore)}→${f2(s.rateScore)}`);
      if (p.totalScore && !p.totalScore.eq(s.totalScore)) out.push(`${q} 总分 ${f2(p.totalScore)}→${f2(s.totalScore)}`);
      if (p.grade && p.grade !== s.grade) out.push(`${q} 等级 ${p.grade}→${s.grade}`);
      return out;
    });
    expect(wrong).toEqual([
      // Q2: 执行数 146.93 in the 总额 row but 148.93 in the 财政拨款 row; 91.37 = 148.93/163.00; and 执行率分值 printed 16.00
      'Q2 执行率 91.37→90.14',
      'Q2 得分 9.14→14.42',
      'Q2 总分 99.14→104.42',
      // Q6 and Q17: no 执行数 printed, so no rate can be computed from the table
      'Q6 执行率 99.67→0.00',
      'Q6 得分 9.97→0.00',
      'Q6 总分 99.97→90.00',
      'Q17 执行率 44.27→0.00',
      'Q17 得分 4.43→0.00',
      'Q17 总分 94.43→90.00',
      // Q21: 25.00/26.00 = 96.15 → 9.62, printed 9.42 (the 总分 99.62 uses 9.62)
      'Q21 得分 9.42→9.62',
      // Q26: the duplicated indicator row adds 25 points (115/115)
      'Q26 总分 98.00→123.00',
    ]);
  });

  it('agrees with the printed grade everywhere a grade can be computed from printed figures', () => {
    const grades = projects.map((p) => scoreProject(p, bands).grade);
    expect(grades.filter((g) => g === '良')).toHaveLength(2); // Q10 88.00, Q11 89.00
    expect(grades[9]).toBe('良');
    expect(grades[10]).toBe('良');
  });
});
