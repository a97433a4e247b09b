// Reading typed values out of the input text, exactly. An amount is either the source text of a
// YAML number or a string written as printed (`15,433,353.26`); both become a Decimal without ever
// being a JS float. Problems are returned as a Chinese reason, never thrown.
import { Decimal } from '../model/decimal.js';

export type ReadResult<T> = { ok: true; value: T } | { ok: false; reason: string; note?: string };

const FULL_WIDTH = /[０-９．，－＋]/g;
const PLAIN_NUMBER = /^[+-]?(\d+)(\.\d+)?$/;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

function normaliseWidth(text: string): string {
  return text.replace(FULL_WIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

/**
 * The text of a number as the user wrote it: the raw source for plain YAML scalars, the string value
 * for quoted ones. `null`/empty means blank.
 */
export function numberText(value: unknown, raw: string | undefined): string | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return raw ?? undefined; // raw is always there for plain scalars
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  return undefined;
}

/** Parse an exact decimal: `1234.5`, `1,234.50`, full-width digits; `%`, `元`, `万元` are refused with a hint. */
export function parseDecimal(text: string): ReadResult<Decimal> {
  const t = normaliseWidth(text.trim());
  if (PLAIN_NUMBER.test(t) || GROUPED_NUMBER.test(t)) {
    const d = new Decimal(t.replace(/,/g, ''));
    // `-0` and `-0.00` are zero, not a negative amount
    return { ok: true, value: d.isZero() ? new Decimal(0) : d };
  }
  if (/万元$/.test(t)) return { ok: false, reason: `“${text}”带有单位“万元”`, note: '本节金额单位为元，请换算为元后只填数字' };
  if (/元$/.test(t)) return { ok: false, reason: `“${text}”带有单位“元”`, note: '只填数字，例如 1,234.56' };
  if (/%$/.test(t)) return { ok: false, reason: `“${text}”带有百分号`, note: '只填数字' };
  if (/^[+-]?\d+(\.\d+)?e[+-]?\d+$/i.test(t)) return { ok: false, reason: `“${text}”是科学计数法`, note: '请写出完整数字，例如 1234567.89' };
  if (/^[+-]?[\d,]+(\.\d+)?$/.test(t)) return { ok: false, reason: `“${text}”的千分位逗号位置不对`, note: '千分位逗号每三位一个，例如 1,234,567.89' };
  return { ok: false, reason: `“${text}”不是数字` };
}

/** Whole number ≥ 0 (counts, years). */
export function parseCount(value: unknown, raw: string | undefined): ReadResult<number> | null {
  const text = numberText(value, raw);
  if (text === null) return null;
  if (text === undefined) return { ok: false, reason: `“${String(value)}”不是整数` };
  const d = parseDecimal(text);
  if (!d.ok) return { ok: false, reason: d.reason.replace('不是数字', '不是整数'), note: d.note };
  if (!d.value.isInteger() || d.value.isNegative()) return { ok: false, reason: `“${text}”不是非负整数` };
  return { ok: true, value: d.value.toNumber() };
}

