// 元 → 万元 (rules.md §0.2) and percent shares. Every printed figure is the rounding of its own
// exact value (rules.md §8.1, revised): a 万元 amount is never adjusted so that a list adds up. A
// profile may opt in to largest-remainder rounding for shares only (`shareRounding`).
import { Decimal, ZERO, round, sum } from '../model/decimal.js';
import type { Money } from '../model/report.js';

const TEN_THOUSAND = new Decimal(10000);

/** 万元 = roundHalfUp(元 / 10000, 2). */
export function toWan(yuan: Decimal): Decimal {
  return round(yuan.div(TEN_THOUSAND));
}

export function money(yuan: Decimal): Money {
  return { yuan, wan: toWan(yuan) };
}

/**
 * Largest-remainder apportioning (Hamilton's method) in units of 0.01 (of 10^-places).
 *
 * Policy, applied to shares (%) only, and only where a profile asks for it: each part gets the floor of its
 * exact value in hundredths; the hundredths still missing to reach the rounded target go one each to
 * the parts with the largest remainders (ties: the larger exact value first, then input order). So
 * the displayed parts always add up to the displayed target, and each part differs from its own
 * half-up rounding by at most 0.01. Where independent half-up rounding already adds up — every case
 * in the seeds — both give the same figures.
 */
export function apportion(exact: readonly Decimal[], target: Decimal, places = 2): Decimal[] {
  const scale = new Decimal(10).pow(places);
  const units = exact.map((v) => v.times(scale));
  const floors = units.map((u) => u.floor());
  let missing = target.times(scale).minus(sum(floors)).toNumber(); // a count of hundredths (at 2 places), small
  const order = units
    .map((u, i) => ({ i, rem: u.minus(floors[i]!), u }))
    .sort((a, b) => b.rem.comparedTo(a.rem) || b.u.comparedTo(a.u) || a.i - b.i);
  const result = [...floors];
  for (let k = 0; missing > 0 && order.length > 0; k = (k + 1) % order.length, missing--) result[order[k]!.i] = result[order[k]!.i]!.plus(1);
  // a target below the floors (cannot happen for positive parts) is left as the floors
  return result.map((h) => h.div(scale));
}

export type RoundingPolicy = 'largestRemainder' | 'independent';

/**
 * Percent shares of `parts` in `total` (both 元), `places` decimals (2 unless the profile prints
 * fewer, percentDecimals): each `roundHalfUp(part / total × 100, places)` (independent, rules.md
 * §8.1), or adding up to 100 under largestRemainder (a profile's opt-in). Rounded once, at the
 * precision printed: a share is never rounded to 2 places and then again to 1.
 */
export function shares(parts: readonly Decimal[], total: Decimal, policy: RoundingPolicy = 'independent', places = 2): Decimal[] {
  if (total.isZero()) return parts.map(() => ZERO);
  const exact = parts.map((p) => p.div(total).times(100));
  if (policy === 'independent') return exact.map((e) => round(e, places));
  const partsSum = sum(parts);
  // only a complete breakdown is forced to 100; a partial one keeps its own rounded total
  const target = partsSum.eq(total) ? new Decimal(100) : round(partsSum.div(total).times(100), places);
  return apportion(exact, target, places);
}
