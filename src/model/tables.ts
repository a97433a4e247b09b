// Generic names of the dataset's tables (TableKey, codeLevel) and the canonical form's table names and
// 功能分类 类 order, read from the canonical form file. The rows and columns of a table are asked of
// forms/layout.ts with the department's form (or forms/canonical.ts), never written here.
import { classRows, keyName } from '../forms/layout.js';

export type TableKey = 'T01' | 'T02' | 'T03' | 'T04' | 'T05' | 'TGF' | 'TSOE' | 'T06' | 'T3G';
export type CodeTableKey = 'T02' | 'T03' | 'T05' | 'TGF' | 'TSOE';

/** Table names for messages (公开05表（一般公共预算财政拨款收入支出决算表）), from the canonical form. */
export const TABLE_NAMES: Readonly<Record<TableKey, string>> = Object.fromEntries(
  (['T01', 'T02', 'T03', 'T04', 'T05', 'TGF', 'TSOE', 'T06', 'T3G'] as const).map((k) => [k, keyName(k)]),
) as Record<TableKey, string>;

/** The 功能分类 类 in the fixed order of the canonical 01表/04表 (the form's `classes`). */
export const CLASS_ROWS: readonly { readonly code: string; readonly label: string }[] = classRows().map((c) => ({ code: c.code, label: c.label }));

export function codeLevel(code: string): 'class' | 'section' | 'item' | undefined {
  if (/^\d{3}$/.test(code)) return 'class';
  if (/^\d{5}$/.test(code)) return 'section';
  if (/^\d{7}$/.test(code)) return 'item';
  return undefined;
}
