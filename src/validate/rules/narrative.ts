// What the 部门决算说明 needs from the department beyond the tables (narrative.md A.9): the reason
// for every change the text reports (N-REASON), and the prior-year figures the changes are
// computed from (N-PRIOR). Both are warnings: the document is still built, with a highlighted
// placeholder the officer cannot miss.
import type { Decimal } from '../../model/decimal.js';
import type { ExplanationKey } from '../../model/dataset.js';
import { EXPLANATION_FIELDS } from '../../model/explanations.js';
import { formatPlain } from '../../model/format.js';
import { completion, toWan, yearOverYear } from '../../derive/index.js';
import { completePriorThreePublic } from '../../derive/complete.js';
import { defineRule, type Rule, type RuleContext } from '../rule.js';

interface Need {
  readonly key: ExplanationKey;
  readonly what: string;
  readonly current: Decimal;
  readonly prior?: Decimal;
  readonly priorPath: string;
}

function needs(ctx: RuleContext): Need[] {
  const t = ctx.tables;
  const p = { ...ctx.ds.priorYear, threePublic: completePriorThreePublic(ctx.ds.priorYear.threePublic) };
  const g3 = (r: number) => t.T3G[r]![2]!;
  const list: Need[] = [
    { key: 'totalChange', what: '收、支总计', current: t.T01[30]!, prior: p.totalIncomeExpenditure, priorPath: 'priorYear.totalIncomeExpenditure' },
    { key: 'appropriationChange', what: '财政拨款收、支总计', current: t.T04.left[32]!, prior: p.appropriationTotal, priorPath: 'priorYear.appropriationTotal' },
    { key: 'generalExpenditureChange', what: '一般公共预算财政拨款支出', current: t.T05.total.cells[7]!, prior: p.generalExpenditure, priorPath: 'priorYear.generalExpenditure' },
    { key: 'abroadChange', what: '因公出国（境）费', current: g3(3), prior: p.threePublic?.[3], priorPath: 'priorYear.threePublic.r3' },
    { key: 'vehicleChange', what: '公务用车购置及运行维护费', current: g3(4), prior: p.threePublic?.[4], priorPath: 'priorYear.threePublic.r4' },
    { key: 'receptionChange', what: '公务接待费', current: g3(7), prior: p.threePublic?.[7], priorPath: 'priorYear.threePublic.r7' },
    { key: 'agencyOperationChange', what: '机关运行经费', current: g3(22), prior: p.agencyOperation, priorPath: 'priorYear.agencyOperation' },
  ];
  if (ctx.ds.selfEvaluation?.report) {
    list.push(
      { key: 'incomeChange', what: '本年收入合计', current: t.T01[27]!, prior: p.totalIncome, priorPath: 'priorYear.totalIncome' },
      { key: 'threePublicBudgetChange', what: '“三公”经费预算', current: t.T3G[2]![1]!, prior: p.threePublicBudget?.[2], priorPath: 'priorYear.threePublicBudget.r2' },
      { key: 'threePublicChange', what: '“三公”经费支出', current: g3(2), prior: p.threePublic?.[2], priorPath: 'priorYear.threePublic.r2' },
    );
  }
  return list;
}

const wan = (v: Decimal) => `${formatPlain(toWan(v))}万元`;

export const narrativeRules: readonly Rule[] = [
  defineRule({ id: 'N-PRIOR', severity: 'warning' }, (ctx) => {
    if (!ctx.ds.tables.T01) return;
    for (const n of needs(ctx)) {
      if (n.prior !== undefined || n.current.isZero()) continue;
      ctx.report({
        message: `缺少上年${n.what}（${n.priorPath}）：说明中将不写与上年的比较`,
        path: n.priorPath,
        note: '填写上年决算公开表中的对应数（元）',
      });
    }
  }),
  defineRule({ id: 'N-REASON', severity: 'warning' }, (ctx) => {
    if (!ctx.ds.tables.T01) return;
    const given = ctx.ds.explanations;
    for (const n of needs(ctx)) {
      if (n.prior === undefined || given[n.key]) continue;
      const c = yearOverYear(n.current, n.prior);
      if (c.direction === 'flat') continue;
      ctx.report({
        message: `缺少说明文字“${EXPLANATION_FIELDS[n.key]}”（explanations.${n.key}）：${n.what}${c.direction === 'decrease' ? '减少' : '增加'}${wan(c.amount.yuan)}，说明中此处将留出醒目的待填位置`,
        path: `explanations.${n.key}`,
      });
    }
    const t3 = ctx.tables.T3G[2]!;
    const gap = completion(t3[2]!, t3[1]!);
    if (gap.comparison !== 'equal' && !given.threePublicBudgetGap) {
      ctx.report({
        message: `缺少说明文字“${EXPLANATION_FIELDS.threePublicBudgetGap}”（explanations.threePublicBudgetGap）：“三公”经费决算 ${wan(t3[2]!)}${gap.comparison === 'below' ? '小于' : '大于'}预算 ${wan(t3[1]!)}，说明中此处将留出醒目的待填位置`,
        path: 'explanations.threePublicBudgetGap',
      });
    }
  }),
];
