// Checks of the fixed-row tables that are not sums (rules.md §1): blank rows of 01表, the 06表 groups
// of the 经济分类 (by the dictionary's codes), the 三公 table's “其中” rows, dashes, counts and their
// links to the amounts, and the budget column. The sums themselves are the form's identities
// (templates/default/forms/yunnan-2021.yaml, validate/rules/identities.ts).
import { sum } from '../../model/decimal.js';
import { canonicalTable } from '../../forms/canonical.js';
import { economicGroups, threePublicColumn, threePublicRows, totalsRows } from '../../forms/layout.js';
import { reportMismatch, t3gCell, t3gPath, tableShort, yuan } from '../describe.js';
import { figureCell } from '../cells.js';
import { defineRule, type Rule, type RuleContext } from '../rule.js';

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
    // counts without an amount are a warning (a trip paid by another unit happens). The cells are the
    // form's figures (2021 公开09表 c2, 2024 公开10表 c3), by name.
    const cell = (name: string) => figureCell(ctx, name);
    const pos = (name: string) => cell(name).value.gt(0);
    const links: { money: string; counts: string[]; what: string; countsAlone: boolean }[] = [
      { money: 'threePublic.actual.abroad', counts: ['threePublic.count.groups', 'threePublic.count.travellers'], what: '因公出国（境）费', countsAlone: false },
      { money: 'threePublic.actual.vehiclePurchase', counts: ['threePublic.count.purchased'], what: '公务用车购置费', countsAlone: false },
      // a fleet may be held without running costs paid from 财政拨款
      { money: 'threePublic.actual.vehicleOperation', counts: ['threePublic.count.fleetSize'], what: '公务用车运行维护费', countsAlone: true },
      { money: 'threePublic.actual.domesticReception', counts: ['threePublic.count.domesticBatches', 'threePublic.count.domesticPeople'], what: '国内接待费', countsAlone: false },
      { money: 'threePublic.actual.foreignReception', counts: ['threePublic.count.foreignReceptionBatches', 'threePublic.count.foreignReceptionPeople'], what: '国（境）外接待费', countsAlone: false },
    ];
    for (const { money, counts, what, countsAlone } of links) {
      const m = cell(money);
      const missing = counts.filter((n) => !pos(n));
      if (pos(money) && missing.length) {
        for (const n of missing.map(cell)) {
          ctx.report({ severity: 'error', message: `有${what} ${yuan(m.value)}，但${n.words}${n.given ? '为0' : '没有填写'}：说明中要写明相应的数量`, path: n.path, related: [m.path] });
        }
      } else if (!pos(money) && counts.some(pos) && !countsAlone) {
        const n = cell(counts.find(pos)!);
        ctx.report({ message: `${n.words}不为0，但没有${what}：请核对`, path: m.path, related: [n.path] });
      }
    }
    const purchased = cell('threePublic.count.purchased');
    const fleet = cell('threePublic.count.fleetSize');
    if (purchased.value.gt(fleet.value)) ctx.report({ message: `${purchased.words}大于${fleet.words}：新购车辆应计入年末保有量`, path: purchased.path, related: [fleet.path] });
  }),
  defineRule({ id: 'T3G-BUD', severity: 'warning' }, (ctx) => {
    // each 三公 item's 决算统计数 against its 预算数 (the form's figures: 2021 c2/c1, 2024 c3/c1)
    for (const item of ['total', 'abroad', 'vehicle', 'vehiclePurchase', 'vehicleOperation', 'reception']) {
      const budget = figureCell(ctx, `threePublic.budget.${item}`);
      const actual = figureCell(ctx, `threePublic.actual.${item}`);
      if (actual.value.gt(budget.value)) {
        ctx.report({
          message: `${actual.words} ${yuan(actual.value)} 超过预算数 ${yuan(budget.value)}：“三公”经费原则上不应超预算，请核对或在说明中写明原因`,
          path: actual.path,
          related: [budget.path],
          expected: `≤ ${budget.value.toFixed(2)}`,
          actual: actual.value.toFixed(2),
        });
      }
    }
  }),
];
