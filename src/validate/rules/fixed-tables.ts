// Checks of the fixed-row tables that are not sums (rules.md §1): blank rows of 01表, the 06表 groups
// of the 经济分类 (by the dictionary's codes), the 三公 table's “其中” rows, dashes, counts and their
// links to the amounts, and the budget column. The sums themselves are the form's identities
// (templates/default/forms/yunnan-2021.yaml, validate/rules/identities.ts).
import { ZERO, sum } from '../../model/decimal.js';
import { canonicalTable } from '../../forms/canonical.js';
import { economicGroups, threePublicColumn, threePublicRows, totalsRows } from '../../forms/layout.js';
import { reportMismatch, t3gCell, t3gPath, tableShort, yuan } from '../describe.js';
import { defineRule, type Rule, type RuleContext } from '../rule.js';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const t01 = (r: number) => `tables.T01.r${r}`;

export const t01Rules: readonly Rule[] = [
  defineRule({ id: 'T01-BLANK', severity: 'error' }, (ctx) => {
    // the rows of 01表 that print only their 行次 (no label in the form)
    for (const { row: r } of totalsRows(canonicalTable('T01')).left.filter((x) => !x.label)) {
      const v = ctx.ds.tables.T01?.[r];
      if (v !== undefined && !v.isZero()) {
        ctx.report({ message: `${tableShort('T01')} 行次${r}是空行（只印行次），不能填金额，现为 ${yuan(v)}`, path: t01(r) });
      }
    }
  }),
];

// ------------------------------------------------------------------------------ 06表

export const t06Rules: readonly Rule[] = [
  defineRule({ id: 'T06-GRP', severity: 'error' }, (ctx) => {
    const items = ctx.ds.tables.T06?.items ?? {};
    for (const g of economicGroups(ctx.options.form?.tables.find((t) => t.key === 'T06') ?? canonicalTable('T06'))) {
      const given = items[g.code];
      if (given === undefined) continue;
      const expected = sum(g.items.map((i) => items[i]));
      if (!expected.eq(given)) {
        reportMismatch(ctx, {
          what: `${tableShort('T06')} ${g.code} ${ctx.dict.economic.get(g.code)?.name ?? ''}`,
          actual: given,
          expected,
          rule: '所属各款之和',
          path: `tables.T06.${g.code}`,
          related: g.items.filter((i) => items[i] !== undefined).map((i) => `tables.T06.${i}`),
        });
      }
    }
  }),
];

// ------------------------------------------------------------------------------ 三公 table

const g3 = (ctx: RuleContext, r: number, c: number) => ctx.ds.tables.T3G?.[r]?.[c];
const v3 = (ctx: RuleContext, r: number, c: number) => ctx.tables.T3G[r]?.[c] ?? ZERO;

export const t3gRules: readonly Rule[] = [
  // T3G-SUB (“其中” ≤ its whole: r9 ≤ r8 …) is an identity of the form file
  defineRule({ id: 'T3G-DASH', severity: 'error' }, (ctx) => {
    // the form's dashes (2024 公开10表 also dashes 全年预算数), else the canonical table's
    for (const spec of threePublicRows(ctx.options.form?.tables.find((t) => t.key === 'T3G') ?? canonicalTable('T3G'))) {
      for (const c of spec.dash) {
        if (g3(ctx, spec.row, c) !== undefined) {
          ctx.report({ message: `${t3gCell(spec.row, c)}在表中印“—”，不填数`, path: t3gPath(spec.row, c) });
        }
      }
    }
  }),
  defineRule({ id: 'T3G-CNT', severity: 'error' }, (ctx) => {
    const k = threePublicColumn(ctx.options.form, 'actual');
    for (const { row: r } of threePublicRows(canonicalTable('T3G')).filter((x) => x.count)) {
      const v = g3(ctx, r, k);
      if (v !== undefined && (!v.isInteger() || v.isNegative())) {
        ctx.report({ message: `${t3gCell(r, k)}是个数，应为非负整数，现为 ${v.toFixed()}`, path: t3gPath(r, k) });
      }
    }
  }),
  defineRule({ id: 'T3G-LINK', severity: 'warning' }, (ctx) => {
    // an amount spent without its counts is an error (the text prints “团组0次” beside the money);
    // counts without an amount are a warning (a trip paid by another unit happens)
    const k = threePublicColumn(ctx.options.form, 'actual');
    const pos = (r: number) => v3(ctx, r, k).gt(0);
    const links: { money: number; counts: number[]; what: string }[] = [
      { money: 3, counts: [12, 13], what: '因公出国（境）费' },
      { money: 5, counts: [14], what: '公务用车购置费' },
      { money: 6, counts: [15], what: '公务用车运行维护费' },
      { money: 8, counts: [16, 18], what: '国内接待费' },
      { money: 10, counts: [20, 21], what: '国（境）外接待费' },
    ];
    for (const { money, counts, what } of links) {
      const missing = counts.filter((n) => !pos(n));
      if (pos(money) && missing.length) {
        for (const n of missing) {
          ctx.report({ severity: 'error', message: `有${what} ${yuan(v3(ctx, money, k))}，但${t3gCell(n, k)}${g3(ctx, n, k) === undefined ? '没有填写' : '为0'}：说明中要写明相应的数量`, path: t3gPath(n, k), related: [t3gPath(money, k)] });
        }
      } else if (!pos(money) && counts.some(pos) && money !== 6) {
        const n = counts.find(pos)!;
        ctx.report({ message: `${t3gCell(n, k)}不为0，但没有${what}：请核对`, path: t3gPath(money, k), related: [t3gPath(n, k)] });
      }
    }
    if (v3(ctx, 14, k).gt(v3(ctx, 15, k))) ctx.report({ message: `${t3gCell(14, k)}大于${t3gCell(15, k)}：新购车辆应计入年末保有量`, path: t3gPath(14, k), related: [t3gPath(15, k)] });
  }),
  defineRule({ id: 'T3G-BUD', severity: 'warning' }, (ctx) => {
    const k = threePublicColumn(ctx.options.form, 'actual');
    const b = threePublicColumn(ctx.options.form, 'budget');
    for (const r of range(2, 7)) {
      const budget = v3(ctx, r, b);
      const actual = v3(ctx, r, k);
      if (actual.gt(budget)) {
        ctx.report({
          message: `${t3gCell(r, k)} ${yuan(actual)} 超过预算数 ${yuan(budget)}：“三公”经费原则上不应超预算，请核对或在说明中写明原因`,
          path: t3gPath(r, k),
          related: [t3gPath(r, b)],
          expected: `≤ ${budget.toFixed(2)}`,
          actual: actual.toFixed(2),
        });
      }
    }
  }),
];
