// The one Decimal class of the project: every amount, rate and score is one of these.
// Precision 34 keeps quotients of amounts up to 10^15 元 exact well past the 2 decimals we print;
// ROUND_HALF_UP is the rounding of rules.md §0.2 (decimal half-up, never binary floating point).
import { Decimal as DecimalJs } from 'decimal.js';

export const Decimal = DecimalJs.clone({ precision: 34, rounding: DecimalJs.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);
export const HUNDRED = new Decimal(100);

/** Σ of possibly-absent amounts (absent = blank = 0). */
export function sum(values: Iterable<Decimal | undefined>): Decimal {
  let total = ZERO;
  for (const v of values) if (v) total = total.plus(v);
  return total;
}

export function orZero(v: Decimal | undefined): Decimal {
  return v ?? ZERO;
}

/** Round half-up to `places` decimals (rules.md §0.2). */
export function round(v: Decimal, places = 2): Decimal {
  return v.toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
}
