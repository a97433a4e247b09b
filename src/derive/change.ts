// Year-over-year change and budget completion (narrative.md A.1). The wording is decided from the
// printed figures, never from the 元 difference (rules.md §8.1): two amounts that print alike
// (4619.30 and 4619.30) are 持平 even when their 元 differ, and a rate that prints 0.00% is never
// written beside 增加/减少.
import { Decimal, HUNDRED, ZERO, round } from '../model/decimal.js';
import type { Change, Completion } from '../model/report.js';
import { money } from './money.js';

/**
 * The decimals the text prints: 万元 amounts and percentages (the profile's wanDecimals and
 * percentDecimals, 0–2). Wording and rates are decided at this precision, so a rate is rounded
 * once, to what is printed.
 */
export interface Precision {
  readonly wan: number;
  readonly percent: number;
}

export const PRINTED_PRECISION: Precision = { wan: 2, percent: 2 };

const TEN_THOUSAND = new Decimal(10000);
/** A 元 amount as the text prints it in 万元. */
const printedWan = (yuan: Decimal, p: Precision) => round(yuan.div(TEN_THOUSAND), p.wan);

/**
 * The change from `prior` to `current` (both 元). Direction: 'new' when the prior is 0 and the
 * current is not; 'flat' when both print the same 万元 figure or the change prints 0.00万元;
 * otherwise 'increase'/'decrease'. `amount` is the rounding of |Δ| on its own; `rate` is
 * roundHalfUp(|Δ| / prior × 100, p.percent), absent when it prints 0. `p`: the printed precision.
 */
export function yearOverYear(current: Decimal, prior: Decimal, p: Precision = PRINTED_PRECISION): Change {
  const delta = current.minus(prior);
  const amount = money(delta.abs());
  const base = { current: money(current), prior: money(prior), amount };
  if (prior.isZero()) return current.isZero() ? { ...base, direction: 'flat' } : { ...base, direction: 'new' };
  if (printedWan(current, p).eq(printedWan(prior, p)) || printedWan(delta.abs(), p).isZero()) return { ...base, direction: 'flat' };
  const rate = round(delta.abs().div(prior).times(HUNDRED), p.percent);
  return { ...base, direction: delta.isPositive() ? 'increase' : 'decrease', ...(rate.isZero() ? {} : { rate }) };
}

/**
 * 决算 `actual` against 预算 `budget` (both 元): percent = roundHalfUp(actual / budget × 100, p.percent).
 * 'equal' when both print the same 万元 figure or the percent prints 100.00 (决算 11,933,850.00
 * against 预算 11,933,849.60 is 完成预算100.00% and asks for no reason); else below/above.
 * 'equal' too when |actual − budget| prints 0.00万元. `difference` is |actual − budget| rounded to
 * 万元 on its own (比预算减少X万元), 0 when 'equal', so that it never prints 0.00 beside 减少/增加.
 */
export function completion(actual: Decimal, budget: Decimal, p: Precision = PRINTED_PRECISION): Completion {
  const a = money(actual);
  const b = money(budget);
  const percent = budget.isZero() ? undefined : round(actual.div(budget).times(HUNDRED), p.percent);
  const gap = money(actual.minus(budget).abs());
  // as for a change: 'equal' when the difference itself prints 0.00万元 (never 比预算减少0.00万元)
  const printedEqual =
    printedWan(actual, p).eq(printedWan(budget, p)) || printedWan(actual.minus(budget).abs(), p).isZero() || (percent !== undefined && percent.eq(HUNDRED));
  const cmp = actual.comparedTo(budget);
  return {
    actual: a,
    budget: b,
    ...(percent !== undefined ? { percent } : {}),
    comparison: printedEqual ? 'equal' : cmp < 0 ? 'below' : 'above',
    difference: printedEqual ? money(ZERO) : gap,
  };
}
