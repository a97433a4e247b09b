// Complete the tables a form declares beyond the canonical set (2024: TPX 项目支出经济分类, T3G1
// 一般公共预算三公, TAS 国有资产): every row the form's table has, with the cells given by the department
// and the totals the form declares (`sums`: a total row from its parts per column; `groups`: a
// 经济分类 类 from its 款) computed where they were not given. Pure; amounts exact (元).
import { ZERO, sum, type Decimal } from '../model/decimal.js';
import type { Dataset } from '../model/dataset.js';
import type { Form, FormTable } from '../model/form.js';
import { economicGroups, fixedRowSpecs, rowSums, threePublicColumns } from '../forms/layout.js';

/** A completed generic table: row (`r3`, `30101`) → cells by 栏次 (index 0 unused). */
export type CompletedGenericTable = Readonly<Record<string, readonly Decimal[]>>;

const CANONICAL = new Set(['T01', 'T02', 'T03', 'T04', 'T05', 'TGF', 'TSOE', 'T06', 'T3G']);

/** Whether the form table's figures are held generically in the dataset (its key is not a canonical table). */
export function isGenericTable(table: FormTable): boolean {
  return table.source === undefined && !CANONICAL.has(table.key);
}

/** The amount columns of a generic table: `amountColumns`, else one column (panels). */
function columnsOf(table: FormTable): readonly number[] {
  const cols = threePublicColumns(table);
  return cols.length ? cols : [1];
}

/** One generic table completed from the department's cells (absent table: every row 0). */
export function completeGenericTable(ds: Dataset, table: FormTable): CompletedGenericTable {
  const given = ds.tables.generic?.[table.key] ?? {};
  const cols = columnsOf(table);
  const width = Math.max(...cols);
  const out: Record<string, Decimal[]> = {};
  const row = (id: string): Decimal[] => {
    const cells = Array.from({ length: width + 1 }, () => ZERO);
    for (const c of cols) cells[c] = given[id]?.[c] ?? ZERO;
    return cells;
  };
  for (const spec of fixedRowSpecs(table)) out[`r${spec.r}`] = row(`r${spec.r}`);
  for (const g of economicGroups(table)) {
    for (const item of g.items) out[item] = row(item);
    const cls = row(g.code);
    for (const c of cols) if (given[g.code]?.[c] === undefined) cls[c] = sum(g.items.map((i) => out[i]![c]));
    out[g.code] = cls;
  }
  // declared totals, inner first (the order of the form)
  for (const s of rowSums(table)) {
    const total = out[`r${s.total}`];
    if (!total) continue;
    for (const c of s.columns.length ? s.columns : cols) {
      if (given[`r${s.total}`]?.[c] === undefined) total[c] = sum(s.parts.map((p) => out[`r${p}`]?.[c]));
    }
  }
  return out;
}

/** Every generic table of the form, completed, by key. */
export function completeGeneric(ds: Dataset, form: Form | undefined): Readonly<Record<string, CompletedGenericTable>> {
  if (!form) return {};
  return Object.fromEntries(form.tables.filter(isGenericTable).map((t) => [t.key, completeGenericTable(ds, t)]));
}
