// Generic names of the dataset's tables (TableKey, codeLevel) and — deprecated — the canonical table
// set's rows and columns as constants, read from the canonical form file (no 行次 is written here).
import { canonicalTable } from '../forms/canonical.js';
import {
  classRows,
  codeColumnSums,
  codeFlows,
  codeWidth,
  columnTitles,
  economicGroups,
  fiscalTotalsRows,
  fixedRowSpecs,
  keyName,
  threePublicRows,
  threePublicSums,
  totalsInputRows,
  type ColumnFlow,
  type EconomicGroup,
} from '../forms/layout.js';

export type TableKey = 'T01' | 'T02' | 'T03' | 'T04' | 'T05' | 'TGF' | 'TSOE' | 'T06' | 'T3G';
export type CodeTableKey = 'T02' | 'T03' | 'T05' | 'TGF' | 'TSOE';

/**
 * The canonical table set's rows and columns, read from its form file (forms/canonical.ts,
 * templates/default/forms/yunnan-2021.yaml). Deprecated: new code asks forms/layout.ts with the
 * department's form; these remain for the modules not yet moved over.
 * TODO(figures): src/derive/index.ts and src/compose/narrative/view.ts still read T01_ROWS / T06_GROUPS.
 */
const t = (key: TableKey) => canonicalTable(key);
const labels = (key: TableKey, from = 1, to = Infinity): Record<number, string> =>
  Object.fromEntries(
    fixedRowSpecs(t(key))
      .filter((r) => r.r >= from && r.r <= to && r.label !== undefined)
      .map((r) => [r.r, r.label!]),
  );

/** Table names for messages (公开05表（一般公共预算财政拨款收入支出决算表）), from the canonical form. */
export const TABLE_NAMES: Readonly<Record<TableKey, string>> = Object.fromEntries(
  (['T01', 'T02', 'T03', 'T04', 'T05', 'TGF', 'TSOE', 'T06', 'T3G'] as const).map((k) => [k, keyName(k)]),
) as Record<TableKey, string>;

/** The 功能分类 类 in the fixed order of the canonical 01表/04表 (the form's `classes`). */
export const CLASS_ROWS: readonly { readonly code: string; readonly label: string }[] = classRows().map((c) => ({ code: c.code, label: c.label }));

/** 01表 row of the first 类 code and 04表 row (the canonical tables' `classRows`). */
export const T01_CLASS_ROW_BASE = classRows()[0]!.t01Row;
export const T04_CLASS_ROW_BASE = classRows()[0]!.t04Row;

/** Labels of 01表 by 行次. */
export const T01_ROWS: Readonly<Record<number, string>> = labels('T01');

/** Rows of 01表 that are input (the others are totals or the 类 rows that 03表 also gives). */
export const T01_PRIMARY_ROWS: readonly number[] = totalsInputRows(t('T01'));

const t04 = fiscalTotalsRows(t('T04'));
export const T04_LEFT_ROWS: Readonly<Record<number, string>> = labels('T04', 1, t04.leftLast);
export const T04_RIGHT_ROWS: Readonly<Record<number, string>> = labels('T04', t04.leftLast + 1);
export const T04_RIGHT_COLUMNS: Readonly<Record<number, string>> = Object.fromEntries(t04.rightColumns.map((c) => [c, columnTitles(t('T04'))[c] ?? '']));

const CODE_KEYS: readonly CodeTableKey[] = ['T02', 'T03', 'T05', 'TGF', 'TSOE'];
const perCode = <V>(f: (k: CodeTableKey) => V): Record<CodeTableKey, V> => Object.fromEntries(CODE_KEYS.map((k) => [k, f(k)])) as Record<CodeTableKey, V>;

/** Column titles of the code tables, by 栏次. */
export const CODE_TABLE_COLUMNS: Readonly<Record<CodeTableKey, Readonly<Record<number, string>>>> = perCode((k) => columnTitles(t(k)));

/** Column identities within one row of a code table (T02-COL, T03-COL, T05-COL, TSOE-COL); inner first. */
export const COLUMN_SUMS: Readonly<Record<CodeTableKey, readonly { readonly total: number; readonly parts: readonly number[] }[]>> = perCode((k) => codeColumnSums(t(k)));

export const CODE_TABLE_WIDTH: Readonly<Record<CodeTableKey, number>> = perCode((k) => codeWidth(t(k)));

/** Column that flows into the year (T05-FLOW, TSOE-FLOW): begin + income − spending = end. */
export const FLOWS: Readonly<Partial<Record<CodeTableKey, readonly ColumnFlow[]>>> = perCode((k) => codeFlows(t(k)));

/** Economic classification groups of 06表 and which total each belongs to (T06-PER / T06-PUB). */
export const T06_GROUPS: readonly EconomicGroup[] = economicGroups(t('T06'));

export interface ThreePublicRowSpec {
  readonly row: number;
  readonly label: string;
  readonly indent: number;
  /** Columns printed as `—` (no value allowed). */
  readonly dash: readonly number[];
  readonly count?: boolean;
}

/** Rows of the canonical 三公 table. */
export const T3G_ROWS: readonly ThreePublicRowSpec[] = threePublicRows(t('T3G'));

/** 三公 sums per amount column (T3G-SUM, T3G-JG). */
export const T3G_SUMS: readonly { readonly total: number; readonly parts: readonly number[]; readonly columns: readonly number[] }[] = threePublicSums(t('T3G'));

export function codeLevel(code: string): 'class' | 'section' | 'item' | undefined {
  if (/^\d{3}$/.test(code)) return 'class';
  if (/^\d{5}$/.test(code)) return 'section';
  if (/^\d{7}$/.test(code)) return 'item';
  return undefined;
}
