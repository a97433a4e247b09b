// The rows and columns of a form's tables, read from the form file (templates/<profile>/forms/<id>.yaml):
// which 行次 a fixed-row table has and what each says, which 栏次 a code table has, which cells are
// totals of other cells. Every stage that needs a table's rows or columns (readers, the fill-in
// workbook, validate, derive, compose) asks here and nowhere else; no TypeScript names a 行次.
import type { EconomicGroupSpec, FixedRowSpec, Form, FormTable } from '../model/form.js';
import { canonicalForm, canonicalTable } from './canonical.js';
import { expandList, parseCellRef } from './formula.js';

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
export type EconomicGroup = EconomicGroupSpec;

/** A column total within a row (c1 = c2 + c3 …). */
export interface ColumnSum {
  readonly total: number;
  readonly parts: readonly number[];
}

/** A flow of a code table's columns: begin + income − spending = end (栏次; T05-FLOW, TSOE-FLOW). */
export interface ColumnFlow {
  readonly begin: number;
  readonly income: number;
  readonly spending: number;
  readonly end: number;
  readonly label: string;
}

/** A total row of a fixed-row table: 行次 `total` = Σ `parts`, in `columns` (absent: its one amount). */
export interface RowSum {
  readonly total: number;
  readonly parts: readonly number[];
  readonly columns: readonly number[];
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
  const t = canonicalForm().tables.find((x) => x.key === key);
  return t ? tableName(t) : key;
}

/** The short canonical label of a table key (公开05表), for messages. */
export function keyLabel(key: string): string {
  return canonicalForm().tables.find((x) => x.key === key)?.label ?? key;
}

/**
 * A declaration of the table, or — when the table leaves it out (a form table printing a canonical
 * table differently) — of the canonical table it prints.
 */
function declared<K extends keyof FormTable>(table: FormTable, key: K): FormTable[K] {
  if (table[key] !== undefined) return table[key];
  const base = canonicalForm().tables.find((t) => t.key === canonicalKey(table));
  return base?.[key] as FormTable[K];
}

/** The fixed rows of a table as declared (the form's `classes` already laid into `classRows`). */
export function fixedRowSpecs(table: FormTable): readonly FixedRowSpec[] {
  return declared(table, 'fixedRows') ?? [];
}

function labelled(table: FormTable, from: number, to: number): FixedRow[] {
  const specs = new Map(fixedRowSpecs(table).map((s) => [s.r, s]));
  return Array.from({ length: to - from + 1 }, (_, i) => {
    const s = specs.get(from + i);
    return { row: from + i, label: s?.label ?? '', indent: s?.indent ?? 0 };
  });
}

function splitOf(table: FormTable): number {
  const split = declared(table, 'split');
  if (split === undefined) throw new Error(`${tableName(table)} 的表样没有写 split（左边最后一个行次）`);
  return split;
}

/** 01表 (body `totals`): the income rows (left, 行次 1 … split) and the expenditure rows (right). */
export function totalsRows(table: FormTable): { readonly left: readonly FixedRow[]; readonly right: readonly FixedRow[] } {
  const split = splitOf(table);
  return { left: labelled(table, 1, split), right: labelled(table, split + 1, 2 * split) };
}

/** Rows the department types (the form's `input: true` rows; the others are totals or come from another table). */
export function totalsInputRows(table: FormTable): readonly number[] {
  return fixedRowSpecs(table)
    .filter((s) => s.input === true)
    .map((s) => s.r);
}

/** The table's total rows: 行次 `total` and the rows it adds up, in `columns` ([] for a one-amount table). */
export function rowSums(table: FormTable): readonly RowSum[] {
  return (declared(table, 'sums') ?? []).map((s) => ({
    total: s.total,
    parts: typeof s.parts === 'string' ? expandList(s.parts).map(Number) : s.parts,
    columns: s.columns ?? [],
  }));
}

/** 01表 totals: each total row and the rows it adds up. */
export function totalsSums(table: FormTable): readonly { readonly row: number; readonly parts: readonly number[] }[] {
  return rowSums(table).map((s) => ({ row: s.total, parts: s.parts }));
}

/** The rows of a table that print a 功能分类 类 (`classRows`), with the class code, in order. */
export function tableClassRows(table: FormTable): readonly { readonly code: string; readonly label: string; readonly row: number }[] {
  return fixedRowSpecs(table)
    .filter((s): s is FixedRowSpec & { code: string } => s.code !== undefined)
    .map((s) => ({ code: s.code, label: s.label ?? '', row: s.r }));
}

/**
 * The 功能分类 类 in their fixed order, with the row each is printed in by the canonical 01表 and
 * 04表 (`classRows` of those tables in the canonical form file).
 */
export function classRows(): readonly { readonly code: string; readonly label: string; readonly t01Row: number; readonly t04Row: number }[] {
  const t04 = new Map(tableClassRows(canonicalTable('T04')).map((c) => [c.code, c.row]));
  return tableClassRows(canonicalTable('T01')).map((c) => ({ code: c.code, label: c.label, t01Row: c.row, t04Row: t04.get(c.code)! }));
}

/** 04表 (body `fiscalTotals`): left rows (one 决算数 column), right rows and their 栏次. */
export function fiscalTotalsRows(table: FormTable): {
  readonly left: readonly FixedRow[];
  readonly right: readonly FixedRow[];
  readonly rightColumns: readonly number[];
  /** The last 行次 of the left side. */
  readonly leftLast: number;
} {
  const split = splitOf(table);
  return { left: labelled(table, 1, split), right: labelled(table, split + 1, 2 * split), rightColumns: declared(table, 'amountColumns') ?? [], leftLast: split };
}

/** Every 经济分类 group the table declares (06表: 301, 303, 302 …). */
export function economicGroups(table: FormTable): readonly EconomicGroup[] {
  return declared(table, 'groups') ?? [];
}

/** 06表 (body `panels`): the 经济分类 groups of each panel, in print order. */
export function economicPanels(table: FormTable): readonly (readonly EconomicGroup[])[] {
  const groups = new Map(economicGroups(table).map((g) => [g.code, g]));
  return (table.panels ?? []).map((codes) => codes.map((c) => groups.get(c)).filter((g): g is EconomicGroup => g !== undefined));
}

/** The 三公 table (body `threePublic`): every row with its dashes and counts. */
export function threePublicRows(table: FormTable): readonly ThreePublicRow[] {
  return fixedRowSpecs(table).map((r) => ({ row: r.r, label: r.label ?? '', indent: r.indent ?? 0, dash: r.dash ?? [], count: r.count === true }));
}

/** 三公 totals: cell (row, column) = Σ parts in that column. */
export function threePublicSums(table: FormTable): readonly { readonly total: number; readonly parts: readonly number[]; readonly columns: readonly number[] }[] {
  return rowSums(table);
}

/** The amount columns of a fixed-row table with columns (三公: 1 预算数, 2 决算统计数). */
export function threePublicColumns(table: FormTable): readonly number[] {
  return declared(table, 'amountColumns') ?? [];
}

/** Title of each 栏次 of a table, by 栏次. */
export function columnTitles(table: FormTable): Readonly<Record<number, string>> {
  const titles = declared(table, 'columnTitles') ?? {};
  return Object.fromEntries(Object.entries(titles).map(([c, t]) => [Number(c), t]));
}

/** How many amount columns a code table's canonical layout has (its last 栏次). */
export function codeWidth(table: FormTable): number {
  const cols = Object.keys(columnTitles(table)).map(Number);
  return cols.length ? Math.max(...cols) : 0;
}

/**
 * A code table's amount columns as printed, left to right: each printed 栏次 (1, 2, …) and the
 * canonical column (栏次 of the canonical table, `cN` in the data) it holds, or null for a blank column.
 */
export function codeColumns(table: FormTable): readonly { readonly printed: number; readonly column: number | null; readonly label: string }[] {
  const labels = columnTitles(table);
  const fields = table.fields ?? Array.from({ length: codeWidth(table) }, (_, i) => i + 1);
  return fields.map((column, i) => ({ printed: i + 1, column, label: column === null ? '' : (labels[column] ?? '') }));
}

/** Column totals within a row of a code table (the canonical columns). */
export function codeColumnSums(table: FormTable): readonly ColumnSum[] {
  return declared(table, 'columnSums') ?? [];
}

/** The flows of a code table's columns through the year (begin + income − spending = end). */
export function codeFlows(table: FormTable): readonly ColumnFlow[] {
  return declared(table, 'flows') ?? [];
}

/** Whether the department types a table's figures (its layout is the canonical table's, in 元). */
export function isInputTable(table: FormTable): boolean {
  if (table.unit !== '元' || table.source !== undefined || table.fields !== undefined) return false;
  // the form's own tables beyond the canonical set (2024 07/11/12表) are not in the fill-in workbook yet
  if (!canonicalForm().tables.some((t) => t.key === table.key)) return false;
  return table.body === 'code' || table.body === 'totals' || table.body === 'fiscalTotals' || table.body === 'panels' || table.body === 'threePublic';
}

/** The role of a data column of the 三公 table (T3G): 决算统计数 or 预算数 (年初预算). */
export type ThreePublicRole = 'actual' | 'budget';

const ROLE_FIGURE: Readonly<Record<ThreePublicRole, string>> = { actual: 'threePublic.actual.total', budget: 'threePublic.budget.total' };

/**
 * The data 栏次 (`cN` in the department file) of the 三公 table T3G holding its 决算统计数 (`actual`,
 * where the amounts and the 相关统计数 counts are typed) or its 预算数 (`budget`): the column of the
 * form's figure threePublic.actual.total / threePublic.budget.total (yunnan-2021 公开09表: c2 / c1;
 * yunnan-2024 公开10表: c3 / c1, the printed 栏次, tables.md §2.10). A form that does not map that
 * figure itself (figuresFrom), or no form, takes the canonical form's. Every rule and message about the
 * 三公 决算 column asks here rather than naming a 栏次.
 */
export function threePublicColumn(form: Pick<Form, 'figures'> | undefined, role: ThreePublicRole): number {
  for (const f of [form, canonicalForm()]) {
    const spec = f?.figures?.[ROLE_FIGURE[role]];
    if (typeof spec !== 'string') continue;
    const col = Number(parseCellRef(spec).col?.replace(/^c/, ''));
    if (Number.isInteger(col) && col > 0) return col;
  }
  throw new Error(`表样 ${canonicalForm().id} 的 figures 没有 ${ROLE_FIGURE[role]}`);
}
