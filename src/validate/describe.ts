// Words and input paths for table cells, and the one way an identity failure is reported, so every
// message reads alike: what, given value, expected value, difference.
import type { Decimal } from '../model/decimal.js';
import { formatAmount } from '../model/format.js';
import { TABLE_NAMES, type CodeTableKey } from '../model/tables.js';
import { canonicalTable } from '../forms/canonical.js';
import { columnTitles, fixedRowSpecs, threePublicColumn } from '../forms/layout.js';

/** The label of a 行次 of a canonical table (the form file's `fixedRows`). */
const rowLabel = (key: string, row: number): string => fixedRowSpecs(canonicalTable(key)).find((s) => s.r === row)?.label ?? '';
import type { RuleContext } from './rule.js';
import type { Form } from '../model/form.js';

/** The table numbers of the form being checked (validate sets them for the run), by table key. */
let formLabels: ReadonlyMap<string, string> | undefined;
/** The form being checked (its 三公 table's column titles and roles), while validate runs with one. */
let checkedForm: Form | undefined;

/**
 * Run `fn` with messages naming tables by the labels of `form` (a 2024 department's 三公 table is
 * 公开10表, not the canonical 公开09表); without a form, by the canonical labels. Synchronous only.
 */
export function withFormLabels<T>(form: Form | undefined, fn: () => T): T {
  const before = formLabels;
  const beforeForm = checkedForm;
  formLabels = form ? new Map(form.tables.map((t) => [t.key, t.label])) : undefined;
  checkedForm = form;
  try {
    return fn();
  } finally {
    formLabels = before;
    checkedForm = beforeForm;
  }
}

/** The printed number of a table (公开05表): the form's label when validate runs with a form, else the canonical one. */
export function tableShort(key: keyof typeof TABLE_NAMES): string {
  return formLabels?.get(key) ?? (TABLE_NAMES[key] ?? key).replace(/（.*$/, '');
}

export const codePath = (key: CodeTableKey, code: string, col?: number): string =>
  col === undefined ? `tables.${key}.${code}` : `tables.${key}.${code}.c${col}`;

export function codeCell(key: CodeTableKey, code: string, col: number, name?: string): string {
  const row = code === 'total' ? '合计行' : `${code}${name ? ` ${name}` : ''}`;
  return `${tableShort(key)} ${row} 第${col}栏（${columnTitles(canonicalTable(key))[col]}）`;
}

export function t01Cell(row: number): string {
  return `${tableShort('T01')} 行次${row}（${rowLabel('T01', row)}）`;
}

export function t04Cell(row: number, col?: number): string {
  if (col === undefined) return `${tableShort('T04')} 行次${row}（${rowLabel('T04', row)}）`;
  return `${tableShort('T04')} 行次${row}（${rowLabel('T04', row)}）第${col}栏（${columnTitles(canonicalTable('T04'))[col]}）`;
}

export const t04Path = (row: number, col?: number) => (col === undefined ? `tables.T04.r${row}` : `tables.T04.r${row}.c${col}`);

/**
 * Words for a cell of the 三公 table: “公开10表 行次15（4．公务用车保有量（辆））决算统计数”. The column is
 * named by the checked form's `columnTitles` (2024: c2 全年预算数, c3 决算统计数), else by its role
 * (forms/layout.ts threePublicColumn: 决算统计数, 预算数); another column by its 栏次.
 */
export function t3gCell(row: number, col: number): string {
  const label = rowLabel('T3G', row);
  const table = checkedForm?.tables.find((t) => t.key === 'T3G');
  const title =
    (table ? columnTitles(table)[col] : undefined) ??
    (col === threePublicColumn(checkedForm, 'actual') ? '决算统计数' : col === threePublicColumn(checkedForm, 'budget') ? '预算数' : `第${col}栏`);
  return `${tableShort('T3G')} 行次${row}（${label}）${title}`;
}

export const t3gPath = (row: number, col: number) => `tables.T3G.r${row}.c${col}`;

export function yuan(v: Decimal): string {
  return `${formatAmount(v)}元`;
}

/**
 * Report `actual ≠ expected` for an identity: the message names the cell, both values and the
 * difference; `expected`/`actual` carry the decimal strings.
 */
export function reportMismatch(
  ctx: RuleContext,
  r: { what: string; actual: Decimal; expected: Decimal; rule: string; path?: string; related?: readonly string[]; note?: string; severity?: 'error' | 'warning'; unit?: string },
): void {
  const unit = r.unit ?? '元';
  const fmt = (v: Decimal) => (unit === '元' ? yuan(v) : `${v.toFixed(2)}${unit}`);
  const diff = r.actual.minus(r.expected);
  ctx.report({
    message: `${r.what}为 ${fmt(r.actual)}，按${r.rule}应为 ${fmt(r.expected)}（差额 ${diff.isPositive() ? '+' : ''}${unit === '元' ? formatAmount(diff) : diff.toFixed(2)}${unit}）`,
    ...(r.path ? { path: r.path } : {}),
    ...(r.related ? { related: r.related } : {}),
    expected: r.expected.toFixed(2),
    actual: r.actual.toFixed(2),
    ...(r.note ? { note: r.note } : {}),
    ...(r.severity ? { severity: r.severity } : {}),
  });
}
