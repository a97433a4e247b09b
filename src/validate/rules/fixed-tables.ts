// Identities inside the fixed-row tables: 01表 (T01-*), 04表 (T04-*), 06表 (T06-*) and the 三公 table
// (T3G-*), rules.md §1. A total that was given is compared with the sum of its parts; one that was
// left out is computed and cannot disagree.
import { Decimal, ZERO, sum } from '../../model/decimal.js';
import { T04_CLASS_ROW_BASE, T06_GROUPS, T3G_ROWS, T3G_SUMS, CLASS_ROWS } from '../../model/tables.js';
import { reportMismatch, t01Cell, t04Cell, t04Path, t3gCell, t3gPath, tableShort, yuan } from '../describe.js';
import { defineRule, type Rule, type RuleContext } from '../rule.js';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const t01 = (r: number) => `tables.T01.r${r}`;

function checkT01(ctx: RuleContext, row: number, parts: readonly number[], rule: string): void {
  const given = ctx.ds.tables.T01?.[row];
  if (given === undefined) return;
  const expected = sum(parts.map((p) => ctx.tables.T01[p]));
  if (!expected.eq(given)) reportMismatch(ctx, { what: t01Cell(row), actual: given, expected, rule, path: t01(row), related: parts.map(t01) });
}

export const t01Rules: readonly Rule[] = [
  defineRule({ id: 'T01-INC', severity: 'error' }, (ctx) => checkT01(ctx, 27, range(1, 8), '行次1至8之和')),
  defineRule({ id: 'T01-EXP', severity: 'error' }, (ctx) => checkT01(ctx, 57, range(31, 56), '行次31至56之和')),
  defineRule({ id: 'T01-TOTL', severity: 'error' }, (ctx) => checkT01(ctx, 30, [27, 28, 29], '行次27+28+29')),
  defineRule({ id: 'T01-TOTR', severity: 'error' }, (ctx) => checkT01(ctx, 60, [57, 58, 59], '行次57+58+59')),
  defineRule({ id: 'T01-BAL', severity: 'error' }, (ctx) => {
    const left = ctx.tables.T01[30]!;
    const right = ctx.tables.T01[60]!;
    if (!left.eq(right)) {
      reportMismatch(ctx, {
        what: `${tableShort('T01')} 支出总计（行次60）`,
        actual: right,
        expected: left,
        rule: '收入总计（行次30）',
        path: t01(60),
        related: [t01(30), t01(59), t01(29)],
        note: '收支总计必须平衡：请核对年初、年末结转和结余及各项收支',
      });
    }
  }),
  defineRule({ id: 'T01-BLANK', severity: 'error' }, (ctx) => {
    for (const r of range(9, 26)) {
      const v = ctx.ds.tables.T01?.[r];
      if (v !== undefined && !v.isZero()) {
        ctx.report({ message: `${tableShort('T01')} 行次${r}是空行（只印行次），不能填金额，现为 ${yuan(v)}`, path: t01(r) });
      }
    }
  }),
];

// ------------------------------------------------------------------------------ 04表

function checkT04Left(ctx: RuleContext, row: number, parts: readonly number[], rule: string): void {
  const given = ctx.ds.tables.T04?.left[row];
  if (given === undefined) return;
  const expected = sum(parts.map((p) => ctx.tables.T04.left[p]));
  if (!expected.eq(given)) reportMismatch(ctx, { what: t04Cell(row), actual: given, expected, rule, path: t04Path(row), related: parts.map((p) => t04Path(p)) });
}

function checkT04Right(ctx: RuleContext, row: number, col: number, expected: Decimal, rule: string, related: readonly string[]): void {
  const given = ctx.ds.tables.T04?.right[row]?.[col];
  if (given === undefined) return;
  if (!expected.eq(given)) reportMismatch(ctx, { what: t04Cell(row, col), actual: given, expected, rule, path: t04Path(row, col), related });
}

const right04 = (ctx: RuleContext, r: number, c: number) => ctx.tables.T04.right[r]?.[c] ?? ZERO;
const classRows04 = range(T04_CLASS_ROW_BASE, T04_CLASS_ROW_BASE + CLASS_ROWS.length - 1);

export const t04Rules: readonly Rule[] = [
  defineRule({ id: 'T04-INC', severity: 'error' }, (ctx) => {
    checkT04Left(ctx, 27, [1, 2, 3], '行次1+2+3');
    checkT04Left(ctx, 28, [29, 30, 31], '行次29+30+31');
    checkT04Left(ctx, 32, [27, 28], '行次27+28');
  }),
  defineRule({ id: 'T04-COL', severity: 'error' }, (ctx) => {
    for (const r of [...classRows04, 59, 60, 64]) {
      checkT04Right(ctx, r, 2, sum([3, 4, 5].map((c) => right04(ctx, r, c))), '第3+4+5栏', [3, 4, 5].map((c) => t04Path(r, c)));
    }
  }),
  defineRule({ id: 'T04-EXP', severity: 'error' }, (ctx) => {
    for (const c of [2, 3, 4, 5]) checkT04Right(ctx, 59, c, sum(classRows04.map((r) => right04(ctx, r, c))), '行次33至58之和', classRows04.map((r) => t04Path(r, c)));
  }),
  defineRule({ id: 'T04-TOT', severity: 'error' }, (ctx) => {
    for (const c of [2, 3, 4, 5]) checkT04Right(ctx, 64, c, right04(ctx, 59, c).plus(right04(ctx, 60, c)), '行次59+60', [t04Path(59, c), t04Path(60, c)]);
    const left = ctx.tables.T04.left[32]!;
    const right = right04(ctx, 64, 2);
    if (!left.eq(right)) {
      reportMismatch(ctx, { what: `${tableShort('T04')} 支出总计（行次64第2栏）`, actual: right, expected: left, rule: '收入总计（行次32）', path: t04Path(64, 2), related: [t04Path(32)] });
    }
  }),
  defineRule({ id: 'T04-FUND', severity: 'error' }, (ctx) => {
    const names = ['一般公共预算', '政府性基金', '国有资本经营'];
    [0, 1, 2].forEach((i) => {
      const income = ctx.tables.T04.left[1 + i]!.plus(ctx.tables.T04.left[29 + i]!);
      const out = right04(ctx, 59, 3 + i).plus(right04(ctx, 60, 3 + i));
      if (!income.eq(out)) {
        reportMismatch(ctx, {
          what: `${tableShort('T04')} ${names[i]}财政拨款本年支出+年末结转和结余（行次59、60第${3 + i}栏）`,
          actual: out,
          expected: income,
          rule: `本年收入+年初结转和结余（行次${1 + i}+${29 + i}）`,
          path: t04Path(59, 3 + i),
          related: [t04Path(1 + i), t04Path(29 + i), t04Path(60, 3 + i)],
        });
      }
    });
  }),
];

// ------------------------------------------------------------------------------ 06表

export const t06Rules: readonly Rule[] = [
  defineRule({ id: 'T06-GRP', severity: 'error' }, (ctx) => {
    const items = ctx.ds.tables.T06?.items ?? {};
    for (const g of T06_GROUPS) {
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
  defineRule({ id: 'T06-PER', severity: 'error' }, (ctx) => {
    const given = ctx.ds.tables.T06?.personnelTotal;
    if (given === undefined) return;
    const expected = sum(['301', '303'].map((c) => ctx.tables.T06.items[c]));
    if (!expected.eq(given)) reportMismatch(ctx, { what: `${tableShort('T06')} 人员经费合计`, actual: given, expected, rule: '301+303', path: 'tables.T06.personnelTotal', related: ['tables.T06.301', 'tables.T06.303'] });
  }),
  defineRule({ id: 'T06-PUB', severity: 'error' }, (ctx) => {
    const given = ctx.ds.tables.T06?.operatingTotal;
    if (given === undefined) return;
    const codes = ['302', '307', '310', '312', '399'];
    const expected = sum(codes.map((c) => ctx.tables.T06.items[c]));
    if (!expected.eq(given)) reportMismatch(ctx, { what: `${tableShort('T06')} 公用经费合计`, actual: given, expected, rule: '302+307+310+312+399', path: 'tables.T06.operatingTotal', related: codes.map((c) => `tables.T06.${c}`) });
  }),
];

// ------------------------------------------------------------------------------ 三公 table

const g3 = (ctx: RuleContext, r: number, c: number) => ctx.ds.tables.T3G?.[r]?.[c];
const v3 = (ctx: RuleContext, r: number, c: number) => ctx.tables.T3G[r]?.[c] ?? ZERO;

export const t3gRules: readonly Rule[] = [
  defineRule({ id: 'T3G-SUM', severity: 'error' }, (ctx) => {
    for (const s of T3G_SUMS.filter((x) => x.total !== 22)) {
      for (const c of s.columns) {
        const given = g3(ctx, s.total, c);
        if (given === undefined) continue;
        const expected = sum(s.parts.map((p) => v3(ctx, p, c)));
        if (!expected.eq(given)) {
          reportMismatch(ctx, { what: t3gCell(s.total, c), actual: given, expected, rule: s.parts.map((p) => `行次${p}`).join('+'), path: t3gPath(s.total, c), related: s.parts.map((p) => t3gPath(p, c)) });
        }
      }
    }
  }),
  defineRule({ id: 'T3G-SUB', severity: 'error' }, (ctx) => {
    for (const [sub, whole] of [
      [9, 8],
      [17, 16],
      [19, 18],
    ] as const) {
      if (v3(ctx, sub, 2).gt(v3(ctx, whole, 2))) {
        ctx.report({
          message: `${t3gCell(sub, 2)}为 ${v3(ctx, sub, 2).toFixed()}，大于${t3gCell(whole, 2)} ${v3(ctx, whole, 2).toFixed()}：“其中”项不能大于总数`,
          path: t3gPath(sub, 2),
          related: [t3gPath(whole, 2)],
        });
      }
    }
  }),
  defineRule({ id: 'T3G-JG', severity: 'error' }, (ctx) => {
    const given = g3(ctx, 22, 2);
    if (given === undefined) return;
    const expected = v3(ctx, 23, 2).plus(v3(ctx, 24, 2));
    if (!expected.eq(given)) reportMismatch(ctx, { what: t3gCell(22, 2), actual: given, expected, rule: '行次23+24', path: t3gPath(22, 2), related: [t3gPath(23, 2), t3gPath(24, 2)] });
  }),
  defineRule({ id: 'T3G-DASH', severity: 'error' }, (ctx) => {
    for (const spec of T3G_ROWS) {
      for (const c of spec.dash) {
        if (g3(ctx, spec.row, c) !== undefined) {
          ctx.report({ message: `${t3gCell(spec.row, c)}在表中印“—”，不填数`, path: t3gPath(spec.row, c) });
        }
      }
    }
  }),
  defineRule({ id: 'T3G-CNT', severity: 'error' }, (ctx) => {
    for (const r of range(12, 21)) {
      const v = g3(ctx, r, 2);
      if (v !== undefined && (!v.isInteger() || v.isNegative())) {
        ctx.report({ message: `${t3gCell(r, 2)}是个数，应为非负整数，现为 ${v.toFixed()}`, path: t3gPath(r, 2) });
      }
    }
  }),
  defineRule({ id: 'T3G-LINK', severity: 'warning' }, (ctx) => {
    // an amount spent without its counts is an error (the text prints “团组0次” beside the money);
    // counts without an amount are a warning (a trip paid by another unit happens)
    const pos = (r: number) => v3(ctx, r, 2).gt(0);
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
          ctx.report({ severity: 'error', message: `有${what} ${yuan(v3(ctx, money, 2))}，但${t3gCell(n, 2)}${g3(ctx, n, 2) === undefined ? '没有填写' : '为0'}：说明中要写明相应的数量`, path: t3gPath(n, 2), related: [t3gPath(money, 2)] });
        }
      } else if (!pos(money) && counts.some(pos) && money !== 6) {
        const n = counts.find(pos)!;
        ctx.report({ message: `${t3gCell(n, 2)}不为0，但没有${what}：请核对`, path: t3gPath(money, 2), related: [t3gPath(n, 2)] });
      }
    }
    if (v3(ctx, 14, 2).gt(v3(ctx, 15, 2))) ctx.report({ message: `${t3gCell(14, 2)}大于${t3gCell(15, 2)}：新购车辆应计入年末保有量`, path: t3gPath(14, 2), related: [t3gPath(15, 2)] });
  }),
  defineRule({ id: 'T3G-BUD', severity: 'warning' }, (ctx) => {
    for (const r of range(2, 7)) {
      const budget = v3(ctx, r, 1);
      const actual = v3(ctx, r, 2);
      if (actual.gt(budget)) {
        ctx.report({
          message: `${t3gCell(r, 2)} ${yuan(actual)} 超过预算数 ${yuan(budget)}：“三公”经费原则上不应超预算，请核对或在说明中写明原因`,
          path: t3gPath(r, 2),
          related: [t3gPath(r, 1)],
          expected: `≤ ${budget.toFixed(2)}`,
          actual: actual.toFixed(2),
        });
      }
    }
  }),
];
