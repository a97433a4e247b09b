// The rows and columns of a form's tables as the Excel reader and the fill-in workbook need them:
// which 行次 a fixed-row table has and what each says, which 栏次 a code table has, which cells are
// totals of other cells. Today these come from src/model/tables.ts (the 2021 set); as the form files
// take them over, only this module changes — the reader and the workbook ask here and nowhere else.
import type { FormTable } from '../model/form.js';
import {
  CLASS_ROWS,
  CODE_TABLE_COLUMNS,
  CODE_TABLE_WIDTH,
  COLUMN_SUMS,
  T01_PRIMARY_ROWS,
  T01_ROWS,
  T04_LEFT_ROWS,
  T04_RIGHT_COLUMNS,
  T04_RIGHT_ROWS,
  T06_GROUPS,
  T3G_ROWS,
  T3G_SUMS,
  TABLE_NAMES,
  type CodeTableKey,
  type TableKey,
} from '../model/tables.js';

/** One printed row of a fixed-row table: its 行次 and label (a row without a label prints only its 行次). */
export interface FixedRow {
  readonly row: number;
  readonly label: string;
  readonly indent: number;
}

/** A row of the 三公 table: which columns print “—” and whether it holds counts. */
export interface ThreePublicRow extends FixedRow {
  readonly dash: readonly number[];
  readonly count: boolean;
}

/** A panel group of 06表: a 经济分类 类 and its 款. */
export interface EconomicGroup {
  readonly code: string;
  readonly kind: 'personnel' | 'operating';
  readonly items: readonly string[];
}

/** A column total within a row (c1 = c2 + c3 …). */
export interface ColumnSum {
  readonly total: number;
  readonly parts: readonly number[];
}

/** The canonical table a form table prints (its `source`, else its key). */
export function canonicalKey(table: FormTable): string {
  return table.source ?? table.key;
}

/** The table's name for messages (公开05表（一般公共预算财政拨款收入支出决算表）). */
export function tableName(table: FormTable): string {
  return `${table.label}（${table.title}）`;
}

/** The canonical name of a table key, for messages about data that no form table names. */
export function keyName(key: string): string {
  return TABLE_NAMES[key as TableKey] ?? key;
}

const INDENTED_T01 = new Set([28, 29, 58, 59]);

/** 01表 (body `totals`): the income rows (left, 行次 1–30) and the expenditure rows (right, 31–60). */
export function totalsRows(_table: FormTable): { readonly left: readonly FixedRow[]; readonly right: readonly FixedRow[] } {
  const row = (r: number): FixedRow => ({ row: r, label: T01_ROWS[r] ?? '', indent: INDENTED_T01.has(r) ? 1 : 0 });
  return { left: Array.from({ length: 30 }, (_, i) => row(i + 1)), right: Array.from({ length: 30 }, (_, i) => row(i + 31)) };
}

/** 01表 rows the department types (the others are totals or the 类 rows 03表 gives). */
export function totalsInputRows(_table: FormTable): readonly number[] {
  return T01_PRIMARY_ROWS;
}

/** 01表 totals: each total row and the rows it adds up. */
export function totalsSums(_table: FormTable): readonly { readonly row: number; readonly parts: readonly number[] }[] {
  return [
    { row: 27, parts: [1, 2, 3, 4, 5, 6, 7, 8] },
    { row: 30, parts: [27, 28, 29] },
    { row: 57, parts: CLASS_ROWS.map((_, i) => 31 + i) },
    { row: 60, parts: [57, 58, 59] },
  ];
}

/** The 26 功能分类 类 in their fixed order, with the 01表 and 04表 row each is printed in. */
export function classRows(): readonly { readonly code: string; readonly label: string; readonly t01Row: number; readonly t04Row: number }[] {
  return CLASS_ROWS.map((c, i) => ({ ...c, t01Row: 31 + i, t04Row: 33 + i }));
}

/** 04表 (body `fiscalTotals`): left rows (one 决算数 column), right rows and their 栏次. */
export function fiscalTotalsRows(_table: FormTable): {
  readonly left: readonly FixedRow[];
  readonly right: readonly FixedRow[];
  readonly rightColumns: readonly number[];
  /** The last 行次 of the left side (r1–r32). */
  readonly leftLast: number;
} {
  const left = Array.from({ length: 32 }, (_, i) => ({ row: i + 1, label: T04_LEFT_ROWS[i + 1] ?? '', indent: i + 1 >= 29 && i + 1 <= 31 ? 1 : 0 }));
  const right = Array.from({ length: 32 }, (_, i) => ({ row: i + 33, label: T04_RIGHT_ROWS[i + 33] ?? '', indent: 0 }));
  return { left, right, rightColumns: Object.keys(T04_RIGHT_COLUMNS).map(Number), leftLast: 32 };
}

/** 06表 (body `panels`): the 经济分类 groups of each panel, in print order. */
export function economicPanels(table: FormTable): readonly (readonly EconomicGroup[])[] {
  const groups = new Map(T06_GROUPS.map((g) => [g.code, g]));
  return (table.panels ?? []).map((codes) => codes.map((c) => groups.get(c)).filter((g): g is EconomicGroup => g !== undefined));
}

/** The 三公 table (body `threePublic`): every row with its dashes and counts. */
export function threePublicRows(_table: FormTable): readonly ThreePublicRow[] {
  return T3G_ROWS.map((r) => ({ row: r.row, label: r.label, indent: r.indent, dash: r.dash, count: r.count === true }));
}

/** 三公 totals: cell (row, column) = Σ parts in that column. */
export function threePublicSums(_table: FormTable): readonly { readonly total: number; readonly parts: readonly number[]; readonly columns: readonly number[] }[] {
  return T3G_SUMS;
}

/** The amount columns of a 三公 table. */
export function threePublicColumns(_table: FormTable): readonly number[] {
  return [1, 2];
}

/**
 * A code table's amount columns as printed, left to right: each printed 栏次 (1, 2, …) and the
 * canonical column (栏次 of the canonical table, `cN` in the data) it holds, or null for a blank column.
 */
export function codeColumns(table: FormTable): readonly { readonly printed: number; readonly column: number | null; readonly label: string }[] {
  const key = canonicalKey(table) as CodeTableKey;
  const labels = CODE_TABLE_COLUMNS[key] ?? {};
  const fields = table.fields ?? Array.from({ length: CODE_TABLE_WIDTH[key] ?? 0 }, (_, i) => i + 1);
  return fields.map((column, i) => ({ printed: i + 1, column, label: column === null ? '' : (labels[column] ?? '') }));
}

/** Column totals within a row of a code table (the canonical columns). */
export function codeColumnSums(table: FormTable): readonly ColumnSum[] {
  return COLUMN_SUMS[canonicalKey(table) as CodeTableKey] ?? [];
}

/** Whether the department types a table's figures (its layout is the canonical table's, in 元). */
export function isInputTable(table: FormTable): boolean {
  if (table.unit !== '元' || table.source !== undefined || table.fields !== undefined) return false;
  return table.body === 'code' || table.body === 'totals' || table.body === 'fiscalTotals' || table.body === 'panels' || table.body === 'threePublic';
}
