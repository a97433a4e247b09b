// Display forms of numbers, shared by finding messages and the compose stage. Formatting only:
// the value is already rounded where rounding is a decision (derive does that).
import type { Decimal } from './decimal.js';

/** 1234567.8 → '1,234,567.80' (two decimals, thousands separators): the form of the 元 tables. */
export function formatAmount(v: Decimal, places = 2): string {
  const [int, frac] = v.toFixed(places).split('.');
  const sign = int!.startsWith('-') ? '-' : '';
  const digits = sign ? int!.slice(1) : int!;
  return `${sign}${digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac === undefined ? '' : `.${frac}`}`;
}

/** Plain two-decimal form without separators, as running text prints 万元 amounts ('5362.92'). */
export function formatPlain(v: Decimal, places = 2): string {
  return v.toFixed(places);
}

/**
 * A text in Chinese quotation marks: “…”, with the quotation marks inside it turned into ‘…’ so
 * nested quotes read (“支持‘专精特新’中小企业高质量发展补助资金”, not ““专精特新”…”).
 */
export function quoted(text: string): string {
  return `“${text.replace(/“/g, '‘').replace(/”/g, '’')}”`;
}
