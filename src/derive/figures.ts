// The one accessor derive reads every figure through: a semantic name (forms/figures.ts
// FIGURE_NAMES) → its exact 元 value in the completed tables, by the form's `figures:` mapping.
import { fileURLToPath } from 'node:url';
import { Decimal, ZERO } from '../model/decimal.js';
import type { FigureMap } from '../forms/figures.js';
import type { Form } from '../model/form.js';
import type { CellRef } from '../forms/formula.js';
import { formFigures, loadForm } from '../forms/load.js';
import { cellValue } from './cells.js';
import type { CompletedRow, CompletedTables } from './complete.js';

/** The form derive reads when none is given: the default profile's first form (templates/default/forms). */
export const DEFAULT_FORM = 'yunnan-2021';
const DEFAULT_DIR = fileURLToPath(new URL('../../templates/default/', import.meta.url));

/** The default form (read and checked once): what derive and the fill-in workbook use when no form is given. */
export function defaultForm(): Form {
  return loadForm(DEFAULT_FORM, [DEFAULT_DIR]);
}

/** The figures of the default form. */
export function defaultFigures(): FigureMap {
  return formFigures(defaultForm());
}

/** One labelled line of a `lines` figure with its value (元). */
export interface FigureLineValue {
  readonly key: string;
  readonly label: string;
  readonly yuan: Decimal;
}

/** Reads named figures of one department's completed tables. Every method throws on a name the map lacks or of another kind. */
export class FigureReader {
  constructor(
    readonly map: FigureMap,
    readonly tables: CompletedTables,
  ) {}

  private get(name: string) {
    const f = this.map.get(name);
    if (!f) throw new Error(`表样的 figures 中没有“${name}”`);
    return f;
  }

  /** Whether the form maps `name` (an optional figure). */
  has(name: string): boolean {
    return this.map.has(name);
  }

  /** The cells a cell figure adds up (a one-cell figure: its cell). */
  cells(name: string): CellRef[] {
    const f = this.get(name);
    if (f.kind !== 'cells') throw new Error(`figures 中的“${name}”不是单个数`);
    return f.terms.map((t) => t.cell);
  }

  /** The cell of a one-cell figure, or undefined for a sum (a prior-year figure is paired by its cell's row). */
  cell(name: string): CellRef | undefined {
    if (!this.map.has(name)) return undefined;
    const cells = this.cells(name);
    return cells.length === 1 ? cells[0] : undefined;
  }

  /** The cell of the line `key` of a `lines` figure. */
  lineCell(name: string, key: string): CellRef {
    const f = this.get(name);
    if (f.kind !== 'lines') throw new Error(`figures 中的“${name}”不是各行`);
    const line = f.lines.find((l) => l.key === key);
    if (!line) throw new Error(`figures 中的“${name}”没有“${key}”行`);
    return line.cell;
  }

  /** The exact value (元, or a count) of a cell figure: its cell, or the signed sum of its cells. */
  value(name: string): Decimal {
    const f = this.get(name);
    if (f.kind !== 'cells') throw new Error(`figures 中的“${name}”不是单个数`);
    return f.terms.reduce((s, t) => (t.sign === 1 ? s.plus(cellValue(this.tables, t.cell)) : s.minus(cellValue(this.tables, t.cell))), ZERO);
  }

  /** A count figure (团组, 人次, 辆: whole numbers, kept as Decimal like the table cell). */
  count(name: string): Decimal {
    return this.value(name);
  }

  /** The lines of a `lines` figure, in the form's order, each with its value (元). */
  lines(name: string): FigureLineValue[] {
    const f = this.get(name);
    if (f.kind !== 'lines') throw new Error(`figures 中的“${name}”不是各行`);
    return f.lines.map((l) => ({ key: l.key, label: l.label, yuan: cellValue(this.tables, l.cell) }));
  }

  /** A `column` figure: its value (元) in one row of its code table, and the rows of that table. */
  column(name: string): { readonly rows: readonly CompletedRow[]; readonly of: (row: CompletedRow | undefined) => Decimal } {
    const f = this.get(name);
    if (f.kind !== 'column') throw new Error(`figures 中的“${name}”不是代码行表的一栏`);
    const table = this.tables[f.table as 'T05'];
    return { rows: table.rows, of: (row) => row?.cells[f.col] ?? ZERO };
  }
}
