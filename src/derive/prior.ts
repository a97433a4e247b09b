// Last year's figures from last year's file. When the build pairs a department with its prior-year
// file (`--prior`, batch/prior.ts), the year-over-year sentences compare with that file's completed
// tables instead of a hand-typed `priorYear` section: PRIOR_CELLS says which cell of last year's
// tables gives which figure. The figures are filled into the dataset's `priorYear`, so derive and the
// rules that read it need not know where they came from; the hand-typed section is kept beside them
// (`prior.typed`) to be checked against the file (X-PRIOR-VALUE, validate/rules/prior.ts).
import type { Decimal } from '../model/decimal.js';
import type { Dataset, PriorYear } from '../model/dataset.js';
import type { SourceRef } from '../model/finding.js';
import type { CellRef } from '../forms/formula.js';
import { cellValue } from './cells.js';
import { completeTables, type CompletedTables } from './complete.js';
import type { FigureMap } from '../forms/figures.js';
import { defaultFigures } from './figures.js';
import type { Form } from '../model/form.js';
import { formFigures } from '../forms/load.js';

/** A figure of `priorYear` and the cell of last year's tables it is read from. */
export interface PriorCell {
  /** Path of the figure under `priorYear` (`totalIncome`, `threePublic.r2`). */
  readonly field: string;
  /** The cell in last year's tables (rules.md notation: `T01.r27`, `T3G.r2.c2`). */
  readonly cell: CellRef;
}

/** The priorYear figures and the semantic figure each is last year's value of (forms/figures.ts). */
const PRIOR_FIGURES: readonly (readonly [field: string, figure: string])[] = [
  ['totalIncomeExpenditure', 'totalIncomeExpenditure'],
  ['totalIncome', 'income.total'],
  ['totalExpenditure', 'expenditure.total'],
  ['appropriationTotal', 'appropriation.total'],
  ['generalExpenditure', 'general.total'],
];

/** The 三公 items whose last-year 决算数 (threePublic) and 预算数 (threePublicBudget) priorYear holds, by the table's 行次. */
const THREE_PUBLIC_ITEMS = ['total', 'abroad', 'vehicle', 'vehiclePurchase', 'vehicleOperation', 'reception', 'domesticReception', 'foreignAffairsReception', 'foreignReception'];

/** The one cell of a figure (a sum of cells has none). */
function oneCell(figures: FigureMap, name: string): CellRef | undefined {
  const f = figures.get(name);
  return f?.kind === 'cells' && f.terms.length === 1 && f.terms[0]!.sign === 1 ? f.terms[0]!.cell : undefined;
}

/**
 * Which cell of last year's tables gives each prior-year figure (docs/input-format.md, priorYear),
 * read from the form's figures: the totals by name, the 三公 rows under the 行次 of their cells
 * (`threePublic.r3` ← threePublic.actual.abroad), each income line under its key (`incomeLines.other`).
 */
export function priorCells(figures: FigureMap = defaultFigures()): readonly PriorCell[] {
  const out: PriorCell[] = [];
  for (const [field, name] of PRIOR_FIGURES) {
    const cell = oneCell(figures, name);
    if (cell) out.push({ field, cell });
  }
  for (const [group, side] of [['threePublic', 'actual'], ['threePublicBudget', 'budget']] as const) {
    for (const item of THREE_PUBLIC_ITEMS) {
      const cell = oneCell(figures, `threePublic.${side}.${item}`);
      if (cell && /^r\d+$/.test(cell.row)) out.push({ field: `${group}.${cell.row}`, cell });
    }
  }
  const agency = oneCell(figures, 'agencyOperation');
  if (agency) out.push({ field: 'agencyOperation', cell: agency });
  const lines = figures.get('income.lines');
  if (lines?.kind === 'lines') out.push(...lines.lines.map((l) => ({ field: `incomeLines.${l.key}`, cell: l.cell })));
  return out;
}

/** The key under a keyed priorYear figure: 2 of `threePublic.r2`, `other` of `incomeLines.other`. */
const subKey = (sub: string): string | number => (/^r\d+$/.test(sub) ? Number(sub.slice(1)) : sub);

/** The input path of a cell in its file (`tables.T05.total.c7`): where a finding about it points. */
export function cellPath(cell: CellRef): string {
  return `tables.${cell.table}.${cell.row}${cell.col ? `.${cell.col}` : ''}`;
}

const completed = new WeakMap<Dataset, CompletedTables>();

/** Last year's completed tables in its own form, computed once per prior dataset (the rules and the link share them). */
export function priorTables(prior: Dataset, form?: Form): CompletedTables {
  let t = completed.get(prior);
  if (!t) {
    t = completeTables(prior, form);
    completed.set(prior, t);
  }
  return t;
}

/**
 * The prior-year figures last year's file gives, read through the figures of its own `form` (absent:
 * the 2021 form's): the cells of tables it has (a file without 三公 table gives no 三公 figures).
 */
export function priorFigures(prior: Dataset, form?: Form): { readonly cell: PriorCell; readonly value: Decimal }[] {
  if (!prior.tables.T01) return [];
  const tables = priorTables(prior, form);
  return priorCells(form ? formFigures(form) : defaultFigures()).filter((c) => c.cell.table !== 'T3G' || prior.tables.T3G).map((c) => ({ cell: c, value: cellValue(tables, c.cell) }));
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
 * `form`: the form of last year's file (its figures name the cells).
 */
export function linkPrior(ds: Dataset, prior: Dataset, form?: Form): Dataset {
  const figures = priorFigures(prior, form);
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
  return { ...ds, priorYear: merged as PriorYear, prior: { dataset: prior, typed, ...(form ? { form } : {}) }, sources };
}
