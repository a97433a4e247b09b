// Year-over-year change and budget completion (narrative.md A.1). The wording is decided from the
// displayed (万元) amounts: a change that displays as 0.00万元 is 持平, not “增加0.00万元”.
import { Decimal, HUNDRED, round } from '../model/decimal.js';
import type { Change, Completion } from '../model/report.js';
import { money, toWan } from './money.js';

export function yearOverYear(current: Decimal, prior: Decimal): Change {
  const delta = current.minus(prior);
  const amount = money(delta.abs());
  const base = { current: money(current), prior: money(prior), amount };
  if (prior.isZero()) return current.isZero() ? { ...base, direction: 'flat' } : { ...base, direction: 'new' };
  if (toWan(delta).isZero()) return { ...base, direction: 'flat' };
  const rate = round(delta.abs().div(prior).times(HUNDRED));
  return { ...base, direction: delta.isPositive() ? 'increase' : 'decrease', rate };
}

export function completion(actual: Decimal, budget: Decimal): Completion {
  const cmp = actual.comparedTo(budget);
  return {
    actual: money(actual),
    budget: money(budget),
    ...(budget.isZero() ? {} : { percent: round(actual.div(budget).times(HUNDRED)) }),
    comparison: cmp < 0 ? 'below' : cmp > 0 ? 'above' : 'equal',
  };
}
