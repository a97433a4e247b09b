// Identities across tables (rules.md §2, 2021 set). Compared on the completed tables, so a figure
// that was left out (and computed) still meets the figures of the other tables.
import { Decimal, ZERO } from '../../model/decimal.js';
import type { CodeTableKey } from '../../model/tables.js';
import { classRows } from '../../forms/layout.js';
import { figureCell } from '../cells.js';
import { codeCell, codePath, reportMismatch, t01Cell, t04Cell, t04Path, yuan } from '../describe.js';
import { defineRule, type Rule, type RuleContext } from '../rule.js';

const t01 = (r: number) => `tables.T01.r${r}`;
const cell = (ctx: RuleContext, key: CodeTableKey, code: string, c: number) => ctx.tables[key].byCode.get(code)?.cells[c] ?? ZERO;

function equal(ctx: RuleContext, r: { what: string; actual: Decimal; expected: Decimal; rule: string; path: string; related: readonly string[]; severity?: 'warning' }): void {
  if (!r.actual.eq(r.expected)) reportMismatch(ctx, r);
}

/** Codes present in any of the given tables (items only, or every level). */
function codesOf(ctx: RuleContext, keys: readonly CodeTableKey[]): string[] {
  const set = new Set<string>();
  for (const k of keys) for (const r of ctx.tables[k].rows) if (r.code !== 'total') set.add(r.code);
  return [...set].sort();
}

export const crossRules: readonly Rule[] = [
  defineRule({ id: 'X01-04-CLS', severity: 'error' }, (ctx) => {
    for (const c of classRows()) {
      const fiscal = ctx.tables.T04.right[c.t04Row]?.[2] ?? ZERO;
      const all = ctx.tables.T01[c.t01Row]!;
      if (fiscal.gt(all)) {
        ctx.report({
          message: `${t04Cell(c.t04Row, 2)}为 ${yuan(fiscal)}，大于${t01Cell(c.t01Row)}的 ${yuan(all)}：财政拨款支出不能超过全部资金的支出`,
          path: ctx.ds.tables.T04 ? t04Path(c.t04Row, 2) : codePath('T05', c.code, 7),
          related: [t01(c.t01Row)],
          expected: `≤ ${all.toFixed(2)}`,
          actual: fiscal.toFixed(2),
        });
      }
    }
  }),
  defineRule({ id: 'X02-05', severity: 'error' }, (ctx) => {
    if (!ctx.ds.tables.T02) return;
    for (const code of codesOf(ctx, ['T02', 'T05', 'TGF', 'TSOE'])) {
      const expected = cell(ctx, 'T05', code, 4).plus(cell(ctx, 'TGF', code, 4)).plus(cell(ctx, 'TSOE', code, 4));
      equal(ctx, {
        what: codeCell('T02', code, 2),
        actual: cell(ctx, 'T02', code, 2),
        expected,
        rule: '05表、07表、08表同一科目本年收入（第4栏）之和',
        path: codePath('T02', code, 2),
        related: [codePath('T05', code, 4), codePath('TGF', code, 4), codePath('TSOE', code, 4)],
      });
    }
  }),
  defineRule({ id: 'X03-05', severity: 'error' }, (ctx) => {
    if (!ctx.ds.tables.T03) return;
    for (const code of codesOf(ctx, ['T03', 'T05', 'TGF', 'TSOE'])) {
      const basicFiscal = cell(ctx, 'T05', code, 8).plus(cell(ctx, 'TGF', code, 8));
      const projectFiscal = cell(ctx, 'T05', code, 11).plus(cell(ctx, 'TGF', code, 11)).plus(cell(ctx, 'TSOE', code, 5));
      for (const [c, fiscal, what] of [
        [2, basicFiscal, '基本支出'],
        [3, projectFiscal, '项目支出'],
      ] as const) {
        const all = cell(ctx, 'T03', code, c);
        if (all.lt(fiscal)) {
          ctx.report({
            message: `${codeCell('T03', code, c)}为 ${yuan(all)}，小于同一科目的财政拨款${what} ${yuan(fiscal)}（05、07、08表）：全部资金的支出不能少于其中财政拨款的支出`,
            path: codePath('T03', code, c),
            related: [codePath('T05', code, c === 2 ? 8 : 11), codePath('TGF', code, c === 2 ? 8 : 11)],
            expected: `≥ ${fiscal.toFixed(2)}`,
            actual: all.toFixed(2),
          });
        }
      }
    }
  }),
  defineRule({ id: 'X06-3G', severity: 'error' }, (ctx) => {
    if (!ctx.ds.tables.T06 || !ctx.ds.tables.T3G) return;
    // each 三公 item (the form's figure) and the 06表 基本支出 经济分类 款 it includes
    const pairs: [string, string][] = [
      ['threePublic.actual.abroad', '30212'],
      ['threePublic.actual.vehiclePurchase', '31013'],
      ['threePublic.actual.vehicleOperation', '30231'],
      ['threePublic.actual.reception', '30217'],
    ];
    for (const [figure, code] of pairs) {
      const cell = figureCell(ctx, figure);
      const threePublic = cell.value;
      const basic = ctx.tables.T06.items[code] ?? ZERO;
      const name = ctx.dict.economic.get(code)?.name ?? code;
      if (threePublic.lt(basic)) {
        ctx.report({
          message: `${cell.words} ${yuan(threePublic)} 小于06表基本支出中的 ${code} ${name} ${yuan(basic)}：“三公”经费包括基本支出中的该项支出`,
          path: cell.path,
          related: [`tables.T06.${code}`],
          expected: `≥ ${basic.toFixed(2)}`,
          actual: threePublic.toFixed(2),
        });
      }
    }
  }),
  defineRule({ id: 'X06-JG', severity: 'error' }, (ctx) => {
    if (!ctx.ds.tables.T06 || !ctx.ds.tables.T3G) return;
    const cell = figureCell(ctx, 'agencyOperation');
    const running = cell.value;
    const operating = ctx.tables.T06.operating;
    if (running.gt(operating)) {
      ctx.report({
        message: `${cell.words} ${yuan(running)} 大于06表公用经费合计 ${yuan(operating)}：机关运行经费是基本支出中公用经费的一部分`,
        path: cell.path,
        related: ['tables.T06.operatingTotal'],
        expected: `≤ ${operating.toFixed(2)}`,
        actual: running.toFixed(2),
      });
      return;
    }
    const units = ctx.ds.department.units;
    // 行政 and 参公 units publish their 机关运行经费 (narrative.md 十（一）): 0.00万元 beside real 公用经费 is a gap
    const administrative = units.filter((u) => u.kind === '行政单位' || u.kind === '参公事业单位');
    if (administrative.length && operating.gt(0) && running.isZero()) {
      ctx.report({
        message: `纳入决算的${administrative.map((u) => u.name).join('、')}是行政或参公单位，06表公用经费 ${yuan(operating)}，但${cell.words}${cell.given ? '为0' : '没有填写'}：说明中将印出“机关运行经费支出0.00万元”`,
        path: cell.path,
        related: ['tables.T06.operatingTotal', 'department.units'],
        note: `在${cell.words}及其下行政单位、参公单位各行填写机关运行经费`,
      });
      return;
    }
    const allAdministrative = units.length > 0 && units.every((u) => u.kind === '行政单位' || u.kind === '参公事业单位');
    if (allAdministrative && running.lt(operating)) {
      ctx.report({
        severity: 'warning',
        message: `纳入决算的单位都是行政或参公单位，但${cell.words} ${yuan(running)} 小于06表公用经费合计 ${yuan(operating)}`,
        path: cell.path,
        related: ['tables.T06.operatingTotal', 'department.units'],
        expected: operating.toFixed(2),
        actual: running.toFixed(2),
        note: '行政、参公单位的公用经费一般全部计入机关运行经费',
      });
    }
  }),
];
