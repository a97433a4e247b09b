// One Excel cell read the way the department typed it. exceljs hands numbers over as JS doubles; an
// Excel cell holds 15 significant digits, so the number is written back to those digits as text
// (toPrecision, a formatting — never arithmetic) and read as a decimal from there: 12142723.19 stays
// 12142723.19 even when the file stores 12142723.189999999. A formula is read through the result
// Excel saved with it; a formula without a saved result is said to be one, never read as 0.
import type ExcelJS from 'exceljs';
import { Decimal } from '../model/decimal.js';

/** What a cell holds, as far as reading data is concerned. */
export type CellValue =
  | { readonly kind: 'blank' }
  | { readonly kind: 'number'; readonly value: number; readonly text: string }
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'date'; readonly text: string }
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'error'; readonly text: string };

/** A cell's content: a value, or a formula with the value Excel saved for it (absent when none was saved). */
export type CellContent = CellValue | { readonly kind: 'formula'; readonly formula: string; readonly result?: CellValue };

const BLANK: CellValue = { kind: 'blank' };

/** The decimal text of a number read from a cell, to Excel's 15 significant digits, in plain notation. */
export function exactNumberText(n: number): string {
  const d = new Decimal(n.toPrecision(15));
  return d.isZero() ? '0' : d.toFixed();
}

function plainValue(v: unknown): CellValue {
  if (v === null || v === undefined) return BLANK;
  if (typeof v === 'number') return Number.isFinite(v) ? { kind: 'number', value: v, text: exactNumberText(v) } : { kind: 'error', text: String(v) };
  if (typeof v === 'string') return v === '' ? BLANK : { kind: 'text', text: v };
  if (typeof v === 'boolean') return { kind: 'bool', value: v };
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? { kind: 'error', text: '无效日期' } : { kind: 'date', text: v.toISOString().slice(0, 10) };
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) {
      const text = (o.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
      return text === '' ? BLANK : { kind: 'text', text };
    }
    if ('error' in o) return { kind: 'error', text: String(o.error) };
    if ('text' in o) return plainValue(o.text);
  }
  return { kind: 'text', text: String(v) };
}

/** The content of one cell (a merged cell's value is read at its top-left cell only: the others are blank). */
export function cellContent(cell: ExcelJS.Cell): CellContent {
  if (cell.isMerged && cell.master.address !== cell.address) return BLANK;
  const v = cell.value as unknown;
  if (v && typeof v === 'object' && !(v instanceof Date) && ('formula' in v || 'sharedFormula' in v)) {
    const o = v as { formula?: string; sharedFormula?: string; result?: unknown };
    const result = o.result === undefined ? undefined : plainValue(o.result);
    return { kind: 'formula', formula: o.formula ?? o.sharedFormula ?? '', ...(result ? { result } : {}) };
  }
  return plainValue(v);
}

/** The value shown in a cell: a formula's saved result, the top-left value of a merged range. */
export function shownValue(cell: ExcelJS.Cell): CellValue {
  const target = cell.isMerged ? cell.master : cell;
  const c = cellContent(target);
  return c.kind === 'formula' ? (c.result ?? BLANK) : c;
}

/** A cell's text as shown, for labels: trimmed; numbers as their digits. */
export function shownText(cell: ExcelJS.Cell): string {
  const v = shownValue(cell);
  switch (v.kind) {
    case 'blank':
      return '';
    case 'number':
    case 'text':
    case 'date':
    case 'error':
      return v.text.trim();
    case 'bool':
      return v.value ? 'TRUE' : 'FALSE';
  }
}

/** A label compared loosely: no spaces of any width, full-width brackets and colons as ASCII. */
export function normalLabel(text: string): string {
  return text
    .replace(/[\s\u3000]+/g, '')
    .replace(/（/g, '(')
    .replace(/）/g, ')')
    .replace(/：/g, ':')
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}
