// The completed value of one cell of the canonical tables, named as forms name cells
// (forms/formula.ts CellRef: T01.r27, T04.r59.c2, T05.total.c7, T06.30101, T3G.r2.c1). Used where a
// form lays out a table from cells of the canonical tables (a 三公 table of one row, 表五 with three
// of the sixteen 05表 columns) and by the identities of validate.
import { ZERO, type Decimal } from '../model/decimal.js';
import type { CodeTableKey } from '../model/tables.js';
import type { CellRef } from '../forms/formula.js';
import type { CompletedTables } from './complete.js';

const CODE_TABLES = new Set<string>(['T02', 'T03', 'T05', 'TGF', 'TSOE']);

/** 行次 of `r27`; throws for another row form (a mistake in a form file). */
export function rowNumber(ref: CellRef): number {
  const m = /^r(\d+)$/.exec(ref.row);
  if (!m) throw new Error(`${ref.table} 的行应写作 r<行次>，现为“${ref.row}”`);
  return Number(m[1]);
}

/** 栏次 of `c3`, or undefined for a one-column row. */
export const colNumber = (ref: CellRef): number | undefined => (ref.col ? Number(ref.col.slice(1)) : undefined);

/** The completed value (元) of a cell; 0 for a row the department has not got. Throws on a table the canonical set has not. */
export function cellValue(tables: CompletedTables, ref: CellRef): Decimal {
  const c = colNumber(ref);
  if (CODE_TABLES.has(ref.table)) {
    const t = tables[ref.table as CodeTableKey];
    const row = ref.row === 'total' ? t.total : t.byCode.get(ref.row);
    return c === undefined ? ZERO : (row?.cells[c] ?? ZERO);
  }
  switch (ref.table) {
    case 'T01':
      return tables.T01[rowNumber(ref)] ?? ZERO;
    case 'T04':
      return c === undefined ? (tables.T04.left[rowNumber(ref)] ?? ZERO) : (tables.T04.right[rowNumber(ref)]?.[c] ?? ZERO);
    case 'T3G':
      // a 三公 cell names its column (forms/figures.ts and formula.ts ask for it): no default 栏次
      if (c === undefined) throw new Error(`T3G.${ref.row} 缺少栏次`);
      return tables.T3G[rowNumber(ref)]?.[c] ?? ZERO;
    case 'T06':
      if (ref.row === 'personnelTotal') return tables.T06.personnel;
      if (ref.row === 'operatingTotal') return tables.T06.operating;
      return tables.T06.items[ref.row] ?? ZERO;
    default: {
      const table = tables.generic?.[ref.table];
      if (!table) throw new Error(`表样中没有表“${ref.table}”`);
      return table[ref.row]?.[c ?? 1] ?? ZERO;
    }
  }
}
