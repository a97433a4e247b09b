// Last year's figures from last year's file. When the build pairs a department with its prior-year
// file (`--prior`, batch/prior.ts), the year-over-year sentences compare with that file's completed
// tables instead of a hand-typed `priorYear` section: PRIOR_CELLS says which cell of last year's
// tables gives which figure. The figures are filled into the dataset's `priorYear`, so derive and the
// rules that read it need not know where they came from; the hand-typed section is kept beside them
// (`prior.typed`) to be checked against the file (X-PRIOR-VALUE, validate/rules/prior.ts).
import type { Decimal } from '../model/decimal.js';
import type { Dataset, PriorYear } from '../model/dataset.js';
import type { SourceRef } from '../model/finding.js';
import { parseCellRef, type CellRef } from '../forms/formula.js';
import { cellValue } from './cells.js';
import { completeTables, type CompletedTables } from './complete.js';
import type { FigureMap } from '../forms/figures.js';
import { defaultFigures } from './figures.js';

/** A figure of `priorYear` and the cell of last year's tables it is read from. */
export interface PriorCell {
  /** Path of the figure under `priorYear` (`totalIncome`, `threePublic.r2`). */
  readonly field: string;
  /** The cell in last year's tables (rules.md notation: `T01.r27`, `T3G.r2.c2`). */
  readonly cell: CellRef;
}

const THREE_PUBLIC_ROWS = [2, 3, 4, 5, 6, 7, 8, 9, 10];
const THREE_PUBLIC_BUDGET_ROWS = [2, 3, 4, 5, 6, 7];

/** Which cell of last year's 2021-layout tables gives each prior-year figure (docs/input-format.md, priorYear). */
export const PRIOR_CELLS: readonly PriorCell[] = [
  ['totalIncomeExpenditure', 'T01.r30'],
  ['totalIncome', 'T01.r27'],
  ['totalExpenditure', 'T01.r57'],
  ['appropriationTotal', 'T04.r32'],
  ['generalExpenditure', 'T05.total.c7'],
  ...THREE_PUBLIC_ROWS.map((r) => [`threePublic.r${r}`, `T3G.r${r}.c2`] as const),
  ...THREE_PUBLIC_BUDGET_ROWS.map((r) => [`threePublicBudget.r${r}`, `T3G.r${r}.c1`] as const),
  ['agencyOperation', 'T3G.r22.c2'],
].map(([field, cell]) => ({ field, cell: parseCellRef(cell) }));

/** PRIOR_CELLS and each income line of the form's figures (`incomeLines.<key>`, figures income.lines). */
export function priorCells(figures: FigureMap = defaultFigures()): readonly PriorCell[] {
  const lines = figures.get('income.lines');
  return [...PRIOR_CELLS, ...(lines?.kind === 'lines' ? lines.lines.map((l) => ({ field: `incomeLines.${l.key}`, cell: l.cell })) : [])];
}

/** The key under a keyed priorYear figure: 2 of `threePublic.r2`, `other` of `incomeLines.other`. */
const subKey = (sub: string): string | number => (/^r\d+$/.test(sub) ? Number(sub.slice(1)) : sub);

/** The input path of a cell in its file (`tables.T05.total.c7`): where a finding about it points. */
export function cellPath(cell: CellRef): string {
  return `tables.${cell.table}.${cell.row}${cell.col ? `.${cell.col}` : ''}`;
}

const completed = new WeakMap<Dataset, CompletedTables>();

/** Last year's completed tables, computed once per prior dataset (the rules and the link share them). */
export function priorTables(prior: Dataset): CompletedTables {
  let t = completed.get(prior);
  if (!t) {
    t = completeTables(prior);
    completed.set(prior, t);
  }
  return t;
}

/** The prior-year figures last year's file gives: the cells of tables it has (a file without 三公 table gives no 三公 figures). */
export function priorFigures(prior: Dataset): { readonly cell: PriorCell; readonly value: Decimal }[] {
  if (!prior.tables.T01) return [];
  const tables = priorTables(prior);
  return priorCells().filter((c) => c.cell.table !== 'T3G' || prior.tables.T3G).map((c) => ({ cell: c, value: cellValue(tables, c.cell) }));
}

/** The value of `field` (`threePublic.r2`) in a priorYear section, if given. */
export function typedPrior(p: PriorYear, field: string): Decimal | undefined {
  const [key, row] = field.split('.') as [keyof PriorYear, string | undefined];
  const v = p[key];
  if (row === undefined) return v as Decimal | undefined;
  return (v as Readonly<Record<string | number, Decimal>> | undefined)?.[subKey(row)];
}

/** The source of `path` in `sources`, else of its nearest given parent. */
function nearest(sources: Readonly<Record<string, SourceRef>>, path: string): SourceRef | undefined {
  for (let p = path; p; p = p.includes('.') ? p.slice(0, p.lastIndexOf('.')) : '') if (sources[p]) return sources[p];
  return undefined;
}

/**
 * The department's dataset linked with last year's: `priorYear` filled from the prior file's tables
 * (a figure the file gives replaces a hand-typed one, which X-PRIOR-VALUE compares with it), the
 * prior dataset under `prior`, and its sources under `prior.` (`prior.tables.T01.r59`), so that a
 * finding can point at last year's cell. A figure taken from the prior file has its cell as source.
 */
export function linkPrior(ds: Dataset, prior: Dataset): Dataset {
  const figures = priorFigures(prior);
  const typed = ds.priorYear;
  const sources: Record<string, SourceRef> = { ...ds.sources, prior: { file: prior.file, line: 1, column: 1 } };
  for (const [k, v] of Object.entries(prior.sources)) sources[`prior.${k}`] = v;
  const merged: Record<string, unknown> = { ...typed };
  for (const { cell, value } of figures) {
    const [key, row] = cell.field.split('.') as [string, string | undefined];
    if (row === undefined) merged[key] = value;
    else merged[key] = { ...(merged[key] as Readonly<Record<string | number, Decimal>> | undefined), [subKey(row)]: value };
    const path = `priorYear.${cell.field}`;
    if (!ds.sources[path]) sources[path] = nearest(sources, `prior.${cellPath(cell.cell)}`)!;
  }
  return { ...ds, priorYear: merged as PriorYear, prior: { dataset: prior, typed }, sources };
}
