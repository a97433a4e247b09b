import { describe, expect, it } from 'vitest';
import { Decimal, sum } from '../../src/model/decimal.js';
import { apportion, completion, executionRate, gradeOf, rateScore, shares, toWan, yearOverYear } from '../../src/derive/index.js';
import { defaultValidateOptions } from '../../src/validate/index.js';

const d = (v: string | number) => new Decimal(v);
const fixed = (xs: readonly Decimal[]) => xs.map((x) => x.toFixed(2));

describe('元 → 万元 (rules.md §0.2)', () => {
  it('rounds half-up to two decimals, as seed 000 prints', () => {
    expect(toWan(d('53629163.42')).toFixed(2)).toBe('5362.92');
    expect(toWan(d('169312.00')).toFixed(2)).toBe('16.93');
    expect(toWan(d('131567.39')).toFixed(2)).toBe('13.16');
    expect(toWan(d('50')).toFixed(2)).toBe('0.01'); // exactly half a fen of 万元: up
    expect(toWan(d('49.99')).toFixed(2)).toBe('0.00');
  });

  it('handles amounts past 2^53 and 0.1 + 0.2 exactly', () => {
    expect(toWan(d('99999999999.99').plus(d('0.01'))).toFixed(2)).toBe('10000000.00');
    expect(d('0.1').plus(d('0.2')).eq(d('0.3'))).toBe(true);
  });

  it('rounds each part of a breakdown on its own, never nudged so that the list adds up (§8.1)', () => {
    // three parts whose independent rounding adds up to 0.01 more than the rounded total: that is
    // a rounding effect, and each part still prints its own figure
    const parts = [d('14151450'), d('8877850'), d('1148000')];
    expect(fixed(parts.map(toWan))).toEqual(['1415.15', '887.79', '114.80']);
    expect(toWan(sum(parts)).toFixed(2)).toBe('2417.73');
  });
});

describe('shares (rules.md §8.1)', () => {
  it('are each the rounding of their own ratio by default (4.2541% prints 4.25)', () => {
    expect(fixed(shares([d('42541'), d('957459')], d('1000000')))).toEqual(['4.25', '95.75']);
    expect(fixed(shares([d(1), d(1), d(1)], d(3)))).toEqual(['33.33', '33.33', '33.33']);
  });

  it('add up to exactly 100.00 under a profile\'s largestRemainder opt-in', () => {
    const thirds = shares([d(1), d(1), d(1)], d(3), 'largestRemainder');
    expect(fixed(thirds)).toEqual(['33.34', '33.33', '33.33']);
    expect(sum(thirds).toFixed(2)).toBe('100.00');
    const six = shares([d(1), d(1), d(1), d(1), d(1), d(1)], d(6), 'largestRemainder');
    expect(sum(six).toFixed(2)).toBe('100.00');
    expect(fixed(shares([d(1), d(1), d(1)], d(3), 'independent'))).toEqual(['33.33', '33.33', '33.33']);
  });

  it('give the same figures as independent rounding where that already adds up (004 L34)', () => {
    const income = [d('31858700'), d('7435200'), d('3800')];
    expect(fixed(shares(income, sum(income), 'largestRemainder'))).toEqual(['81.07', '18.92', '0.01']);
    expect(fixed(shares(income, sum(income)))).toEqual(['81.07', '18.92', '0.01']);
  });

  it('of a zero total are zero, not NaN', () => {
    expect(fixed(shares([d(0), d(0)], d(0)))).toEqual(['0.00', '0.00']);
  });

  it('apportion never gives a part more than 0.01 away from its exact value', () => {
    const exact = [d('12.3456'), d('45.6789'), d('41.9755')];
    const out = apportion(exact, d(100));
    expect(sum(out).toFixed(2)).toBe('100.00');
    out.forEach((o, i) => expect(o.minus(exact[i]!).abs().lt(d('0.01'))).toBe(true));
  });
});

describe('year-over-year change (narrative.md A.1)', () => {
  it('words the direction from the displayed amounts', () => {
    expect(yearOverYear(d('46193000'), d('35362500'))).toMatchObject({ direction: 'increase' });
    expect(yearOverYear(d('46193000'), d('35362500')).rate!.toFixed(2)).toBe('30.63');
    const down = yearOverYear(d('13000'), d('37300'));
    expect(down.direction).toBe('decrease');
    expect(down.amount.wan.toFixed(2)).toBe('2.43');
    expect(down.rate!.toFixed(2)).toBe('65.15');
    // a change of 30 元 shows as 0.00万元: 持平, not “增加0.00万元”
    expect(yearOverYear(d('100030'), d('100000')).direction).toBe('flat');
    expect(yearOverYear(d('0'), d('0')).direction).toBe('flat');
    expect(yearOverYear(d('100'), d('0'))).toMatchObject({ direction: 'new' });
    expect(yearOverYear(d('100'), d('0')).rate).toBeUndefined();
  });

  it('is 持平 when both years print alike, although the 元 differ by 0.49 and Δ would round to 0.01', () => {
    // 46,192,950.00 and 46,192,950.49 both print 4619.30; “增加0.01万元，增长0%” would contradict them
    const c = yearOverYear(d('46192950.49'), d('46192950.00'));
    expect([c.current.wan.toFixed(2), c.prior.wan.toFixed(2)]).toEqual(['4619.30', '4619.30']);
    expect(c.direction).toBe('flat');
    expect(c.rate).toBeUndefined();
  });

  it('never prints a rate of 0.00% beside 增加/减少', () => {
    // +1,000.00 on 99,999,000.00: 0.10万元 more, a rate of 0.001% that prints 0.00
    const c = yearOverYear(d('100000000'), d('99999000'));
    expect(c.direction).toBe('increase');
    expect(c.amount.wan.toFixed(2)).toBe('0.10');
    expect(c.rate).toBeUndefined();
  });

  it('budget completion', () => {
    expect(completion(d('80700'), d('176100')).percent!.toFixed(2)).toBe('45.83');
    expect(completion(d('80700'), d('176100')).comparison).toBe('below');
    expect(completion(d('0'), d('0'))).toMatchObject({ comparison: 'equal' });
    expect(completion(d('0'), d('0')).percent).toBeUndefined();
  });

  it('is 等于预算 when 决算 and 预算 print alike (11,933,850.00 against 11,933,849.60: 完成100.00%, no reason asked)', () => {
    const c = completion(d('11933850.00'), d('11933849.60'));
    expect(c.percent!.toFixed(2)).toBe('100.00');
    expect(c.comparison).toBe('equal');
    // printed differently but completing 100.00%: still no 大于/小于 beside 100.00%
    expect(completion(d('119338500.00'), d('119338400.00')).comparison).toBe('equal');
    expect(completion(d('119338500.00'), d('119000000.00')).comparison).toBe('above');
  });
});

describe('绩效自评 scoring (evaluation.md §3)', () => {
  it('computes 执行率得分 from the rounded 执行率 (002 L421, L696)', () => {
    const q16 = executionRate(d('3300'), d('41000'))!;
    expect(q16.toFixed(2)).toBe('8.05');
    expect(rateScore(q16, d(10)).toFixed(2)).toBe('0.81'); // from the raw ratio: 0.80
    const q25 = executionRate(d('75648000'), d('95940000'))!;
    expect(q25.toFixed(2)).toBe('78.85');
    expect(rateScore(q25, d(10)).toFixed(2)).toBe('7.89'); // (78.85/10).toFixed(2) in JS numbers gives 7.88
  });

  it('caps the score at the weight when 执行率 exceeds 100%', () => {
    expect(rateScore(d('120.00'), d(10)).toFixed(2)).toBe('10.00');
    expect(executionRate(d(1), d(0))).toBeUndefined();
    expect(rateScore(undefined, d(10)).toFixed(2)).toBe('0.00');
  });

  it('grades with inclusive lower bounds (rules.md §3.4)', () => {
    const bands = defaultValidateOptions.gradeBands;
    expect(gradeOf(d('90.00'), bands)).toBe('优');
    expect(gradeOf(d('89.99'), bands)).toBe('良');
    expect(gradeOf(d('89.51'), bands)).toBe('良');
    expect(gradeOf(d('80'), bands)).toBe('良');
    expect(gradeOf(d('79.99'), bands)).toBe('中');
    expect(gradeOf(d('60'), bands)).toBe('中');
    expect(gradeOf(d('59.99'), bands)).toBe('差');
  });
});

describe('figures rounded once, at the precision the profile prints (percentDecimals, wanDecimals)', () => {
  const one = { wan: 2, percent: 1 };

  it('a share of 30.649% prints 30.6 at one decimal, not 30.65 rounded again to 30.7', () => {
    expect(shares([d(30649)], d(100000), 'independent', 1)[0]!.toFixed(1)).toBe('30.6');
    expect(shares([d(30649)], d(100000))[0]!.toFixed(2)).toBe('30.65');
  });

  it('largest remainder at one decimal adds up to 100.0', () => {
    const out = shares([d(1), d(1), d(1)], d(3), 'largestRemainder', 1);
    expect(out.map((x) => x.toFixed(1))).toEqual(['33.4', '33.3', '33.3']);
  });

  it('a year-over-year rate is rounded once to the printed decimals', () => {
    // +12.049%: 12.05 at two decimals, 12.0 at one (never 12.1)
    expect(yearOverYear(d(1_120_490), d(1_000_000), one).rate!.toFixed(1)).toBe('12.0');
    expect(yearOverYear(d(1_120_490), d(1_000_000)).rate!.toFixed(2)).toBe('12.05');
  });

  it('a completion that prints 100.0% at one decimal is 等于预算 (99.96% at two decimals is below)', () => {
    expect(completion(d(999_600), d(1_000_000), one)).toMatchObject({ comparison: 'equal' });
    expect(completion(d(999_600), d(1_000_000)).comparison).toBe('below');
  });

  it('two amounts that print alike at one 万元 decimal are 持平', () => {
    expect(yearOverYear(d(46_160_400), d(46_160_000), { wan: 1, percent: 2 }).direction).toBe('flat');
    expect(yearOverYear(d(46_160_400), d(46_160_000)).direction).toBe('increase');
  });
});
