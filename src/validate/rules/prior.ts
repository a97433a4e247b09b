// Cross-year rules: a department paired with last year's file (`--prior`, derive/prior.ts linkPrior).
// X-PRIOR-CARRY: what a department carries into the year is what it carried out of the last one — 01表
// 年初结转和结余 = last year's 年末结转和结余, 04表 by fund, and 05表/政府性基金/国有资本经营表 per 功能分类
// 项. X-PRIOR-VALUE: a prior-year figure typed by hand must be the prior file's. Each finding points at
// this year's cell and, as related, at last year's cell in its own file.
import type { Dataset } from '../../model/dataset.js';
import type { CodeTableKey } from '../../model/tables.js';
import type { CarryOver } from '../../model/form.js';
import { canonicalForm } from '../../forms/canonical.js';
import { parseCellRef, type CellRef } from '../../forms/formula.js';
import { priorFigures, priorTables, typedPrior } from '../../derive/prior.js';
import { readCell, type CellReading } from '../cells.js';
import { reportMismatch, yuan } from '../describe.js';
import { defineRule, type Rule, type RuleContext } from '../rule.js';

/**
 * The carry-over pairs of the department's form (its `carryOver:`; without a form, the canonical 2021
 * form's): this year's opening cell and last year's closing cell, and per 功能分类 项 of the fund tables.
 */
function carryOver(ctx: RuleContext): CarryOver {
  return ctx.options.form?.carryOver ?? canonicalForm().carryOver ?? {};
}

interface Years {
  readonly prior: Dataset;
  /** Reads a cell of last year's tables; its path is under `prior.` (a place in the prior file). */
  readonly last: (ref: CellRef) => CellReading;
}

function years(ctx: RuleContext): Years | undefined {
  const prior = ctx.ds.prior?.dataset;
  if (!prior || !ctx.ds.tables.T01 || !prior.tables.T01) return undefined;
  const priorCtx = { ds: prior, tables: priorTables(prior, ctx.ds.prior?.form), dict: ctx.dict };
  return {
    prior,
    last: (ref) => {
      const r = readCell(priorCtx, ref);
      return { ...r, path: `prior.${r.path}` };
    },
  };
}

/** “上年（2020年）文件 2020/教育局.yaml 公开01表 行次59（年末结转和结余）” */
function lastYearWords(y: Years, cell: CellReading): string {
  return `上年（${y.prior.department.year}年）文件 ${y.prior.file} ${cell.words}`;
}

function checkCarry(ctx: RuleContext, y: Years, now: CellReading, last: CellReading): void {
  if (now.value.eq(last.value)) return;
  reportMismatch(ctx, {
    what: now.words,
    actual: now.value,
    expected: last.value,
    rule: lastYearWords(y, last),
    path: now.path,
    related: [last.path],
    note: '本年年初结转和结余应等于上年年末结转和结余：请核对本年数，或改正上年文件',
  });
}

/** Item codes (项, and codes of no level) of a code table in either year. */
function itemCodes(ctx: RuleContext, y: Years, table: CodeTableKey): string[] {
  const codes = new Set<string>();
  for (const t of [ctx.tables[table], priorTables(y.prior, ctx.ds.prior?.form)[table]]) for (const r of t.rows) if (r.level === 'item') codes.add(r.code);
  return [...codes].sort();
}

export const priorRules: readonly Rule[] = [
  defineRule({ id: 'X-PRIOR-CARRY', severity: 'error' }, (ctx) => {
    const y = years(ctx);
    if (!y) return;
    const pairs = carryOver(ctx);
    for (const { opening, closing } of pairs.cells ?? []) checkCarry(ctx, y, readCell(ctx, parseCellRef(opening)), y.last(parseCellRef(closing)));
    for (const { table: key, opening, closing } of pairs.byCode ?? []) {
      const table = key as CodeTableKey;
      for (const code of itemCodes(ctx, y, table)) {
        checkCarry(ctx, y, readCell(ctx, { table, row: code, col: opening }), y.last({ table, row: code, col: closing }));
      }
    }
  }),
  defineRule({ id: 'X-PRIOR-VALUE', severity: 'error' }, (ctx) => {
    const linked = ctx.ds.prior;
    const y = years(ctx);
    if (!linked || !y) return;
    for (const { cell, value } of priorFigures(y.prior, linked.form)) {
      const typed = typedPrior(linked.typed, cell.field);
      if (typed === undefined || typed.eq(value)) continue;
      const last = y.last(cell.cell);
      ctx.report({
        message: `手工填写的上年数 priorYear.${cell.field} 为 ${yuan(typed)}，与${lastYearWords(y, last)}的 ${yuan(value)} 不一致`,
        path: `priorYear.${cell.field}`,
        related: [last.path],
        expected: value.toFixed(2),
        actual: typed.toFixed(2),
        note: '上年数已按上年文件自动取得，可删去手工填写的这一项；如上年文件有误，请改正上年文件',
      });
    }
  }),
];
