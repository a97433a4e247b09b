// Cells of the form's tables as identities name them (forms/formula.ts CellRef), read from the
// department's completed tables: the completed value, whether the department gave it, its input
// path (for the finding's location) and its words (公开01表 行次27（本年收入合计）).
import type { Decimal } from '../model/decimal.js';
import type { CellRef } from '../forms/formula.js';
import { cellValue, colNumber, rowNumber } from '../derive/cells.js';
import type { CodeTableKey } from '../model/tables.js';
import { codeCell, codePath, t01Cell, t04Cell, t04Path, t3gCell, t3gPath, tableShort } from './describe.js';
import type { RuleContext } from './rule.js';
import type { FormTable } from '../model/form.js';
import type { SubjectDictionary } from '../model/dictionary.js';
import { columnTitles, fixedRowSpecs } from '../forms/layout.js';
import { FormError, formFigures } from '../forms/load.js';
import type { FigureMap } from '../forms/figures.js';
import { defaultFigures } from '../derive/figures.js';

export interface CellReading {
  readonly value: Decimal;
  readonly given: boolean;
  readonly path: string;
  readonly words: string;
}

/** Reads one cell; an unknown table or row form is a bug in the form file (thrown, with its words). */
export function readCell(ctx: Pick<RuleContext, 'ds' | 'tables' | 'dict'> & { readonly options?: Pick<RuleContext['options'], 'form'> }, ref: CellRef): CellReading {
  const { ds, tables } = ctx;
  const c = colNumber(ref);
  const value = cellValue(tables, ref);
  if (['T02', 'T03', 'T05', 'TGF', 'TSOE'].includes(ref.table)) {
    const key = ref.table as CodeTableKey;
    if (c === undefined) throw new Error(`${ref.table}.${ref.row} 缺少栏次`);
    const row = ref.row === 'total' ? tables[key].total : tables[key].byCode.get(ref.row);
    return {
      value,
      given: row?.given.has(c) ?? false,
      path: codePath(key, ref.row, c),
      words: codeCell(key, ref.row, c, row?.name),
    };
  }
  switch (ref.table) {
    case 'T01': {
      const r = rowNumber(ref);
      return { value, given: ds.tables.T01?.[r] !== undefined, path: `tables.T01.r${r}`, words: t01Cell(r) };
    }
    case 'T04': {
      const r = rowNumber(ref);
      if (c === undefined) return { value, given: ds.tables.T04?.left[r] !== undefined, path: t04Path(r), words: t04Cell(r) };
      return { value, given: ds.tables.T04?.right[r]?.[c] !== undefined, path: t04Path(r, c), words: t04Cell(r, c) };
    }
    case 'T3G': {
      const r = rowNumber(ref);
      if (c === undefined) throw new Error(`T3G.${ref.row} 缺少栏次`);
      return { value, given: ds.tables.T3G?.[r]?.[c] !== undefined, path: t3gPath(r, c), words: t3gCell(r, c) };
    }
    case 'T06': {
      const total = { personnelTotal: '人员经费合计', operatingTotal: '公用经费合计' } as const;
      if (ref.row in total) {
        const label = total[ref.row as keyof typeof total];
        return { value, given: ds.tables.T06?.[ref.row as keyof typeof total] !== undefined, path: `tables.T06.${ref.row}`, words: `${tableShort('T06')}${label}` };
      }
      return {
        value,
        given: ds.tables.T06?.items[ref.row] !== undefined,
        path: `tables.T06.${ref.row}`,
        words: `${tableShort('T06')} ${ref.row} ${ctx.dict.economic.get(ref.row)?.name ?? ''}`.trimEnd(),
      };
    }
    default: {
      const table = ctx.options?.form?.tables.find((t) => t.key === ref.table);
      if (!table || !ctx.tables.generic?.[ref.table]) throw new Error(`表样中没有表“${ref.table}”`);
      return { value, given: ds.tables.generic?.[ref.table]?.[ref.row]?.[c ?? 1] !== undefined, path: genericPath(ref.table, ref.row, c), words: genericCell(table, ref.row, c, ctx.dict) };
    }
  }
}

/** Input path of a cell of a generic table (`tables.TAS.r1.c4`, `tables.TPX.30101`). */
export const genericPath = (table: string, row: string, col?: number): string => (col === undefined ? `tables.${table}.${row}` : `tables.${table}.${row}.c${col}`);

/** Words of a cell of a generic table: 公开12表 行次1（合计）第4栏（固定资产小计·原值）, 公开07表 30101 基本工资. */
export function genericCell(table: FormTable, row: string, col: number | undefined, dict: SubjectDictionary): string {
  const m = /^r(\d+)$/.exec(row);
  if (!m) return `${table.label} ${row} ${dict.economic.get(row)?.name ?? ''}`.trimEnd();
  const label = fixedRowSpecs(table).find((s) => s.r === Number(m[1]))?.label ?? '';
  const title = col === undefined ? undefined : columnTitles(table)[col];
  return `${table.label} 行次${m[1]}（${label.trim()}）${col === undefined ? '' : `第${col}栏${title ? `（${title}）` : ''}`}`;
}

/** The figures of the checked form (its `figures:` with `figuresFrom`), else the default form's (yunnan-2021). */
function checkedFigures(ctx: { readonly options?: Pick<RuleContext['options'], 'form'> }): FigureMap {
  const form = ctx.options?.form;
  if (form) {
    try {
      return formFigures(form);
    } catch (e) {
      // a form for tables only (no figures) or one not read by forms/load.ts: the default mapping
      if (!(e instanceof FormError)) throw e;
    }
  }
  return defaultFigures();
}

/**
 * Reads the one cell a semantic figure names (forms/figures.ts FIGURE_NAMES, e.g.
 * `threePublic.count.fleetSize` → 2021 T3G.r15.c2, 2024 T3G.r15.c3) through the checked form's
 * `figures:`: its value (元, or a count), whether the department gave it, its input path and words.
 * Rules reach the cells of a particular form this way rather than by a row or column number.
 * Throws when the form maps the name to anything but one cell (a bug in the form file).
 */
export function figureCell(ctx: Pick<RuleContext, 'ds' | 'tables' | 'dict'> & { readonly options?: Pick<RuleContext['options'], 'form'> }, name: string): CellReading {
  const figure = checkedFigures(ctx).get(name);
  if (figure?.kind !== 'cells' || figure.terms.length !== 1 || figure.terms[0]!.sign !== 1) {
    throw new Error(`表样的 figures 中“${name}”应为一个单元格`);
  }
  return readCell(ctx, figure.terms[0]!.cell);
}
