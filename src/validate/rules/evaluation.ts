// 项目支出绩效自评表 (EP-*) and 部门整体支出绩效自评表 (EW-*) rules, rules.md §3.1–§3.2.
import { Decimal, HUNDRED, ZERO, sum } from '../../model/decimal.js';
import type { DepartmentBudgetFigures, DepartmentBudgetRow, DepartmentEvaluation, FundFigures, FundRow, Indicator, ProjectEvaluation } from '../../model/dataset.js';
import { formatAmount } from '../../model/format.js';
import { executionRate, parseOperator, proportionalScore, rateScore, scoreProject, targetMet } from '../../derive/evaluation.js';
import { excelSerialToIso, isLikelyExcelSerial } from '../../model/dates.js';
import { defineRule, type Rule, type RuleContext } from '../rule.js';

const LEVEL2: Readonly<Record<string, readonly string[]>> = {
  产出指标: ['数量指标', '质量指标', '时效指标', '成本指标'],
  效益指标: ['经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标'],
  满意度指标: ['服务对象满意度指标'],
};
const LEVEL_ORDER = ['产出指标', '效益指标', '满意度指标'];

/** The province's short labels (002: 经济效益, 服务对象满意度) map to the same enum. */
export function canonicalLevel2(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const t = label.trim();
  for (const list of Object.values(LEVEL2)) {
    for (const l of list) if (t === l || `${t}指标` === l) return l;
  }
  if (t === '可持续发展影响' || t === '可持续发展影响指标') return '可持续影响指标';
  return undefined;
}

const projects = (ctx: RuleContext) => ctx.ds.selfEvaluation?.projects ?? [];
const pPath = (i: number, sub?: string) => (sub ? `selfEvaluation.projects[${i}].${sub}` : `selfEvaluation.projects[${i}]`);
const iPath = (base: string, j: number, key?: string) => (key ? `${base}.indicators[${j}].${key}` : `${base}.indicators[${j}]`);

function projectLabel(p: ProjectEvaluation, i: number): string {
  return `第${i + 1}个项目支出绩效自评表（${p.name ?? '未填项目名称'}）`;
}

const unitWord = (ctx: RuleContext) => (ctx.ds.selfEvaluation?.amountUnit === 'wan' ? '万元' : '元');
const WAN = new Decimal(10000);
/** Show an amount in the unit the section was typed in. */
const shown = (ctx: RuleContext, v: Decimal) => `${(ctx.ds.selfEvaluation?.amountUnit === 'wan' ? v.div(WAN) : v).toFixed(2)}${unitWord(ctx)}`;

const FUND_WORDS: Record<FundRow, string> = { total: '年度资金总额', currentFiscal: '当年财政拨款', priorCarryover: '上年结转资金', other: '其他资金' };
const FIGURE_WORDS: Record<keyof FundFigures, string> = { initialBudget: '年初预算数', annualBudget: '全年预算数', executed: '全年执行数' };

function printedCheck(ctx: RuleContext, r: { what: string; printed: Decimal | undefined; computed: Decimal; path: string; how: string; related?: string[] }): void {
  if (r.printed === undefined || r.printed.eq(r.computed)) return;
  ctx.report({
    message: `${r.what}填列 ${r.printed.toFixed(2)}，按${r.how}应为 ${r.computed.toFixed(2)}`,
    path: r.path,
    ...(r.related ? { related: r.related } : {}),
    expected: r.computed.toFixed(2),
    actual: r.printed.toFixed(2),
  });
}

function forIndicators(ctx: RuleContext, visit: (ind: Indicator, path: string, owner: string) => void): void {
  projects(ctx).forEach((p, i) => p.indicators.forEach((ind, j) => visit(ind, iPath(pPath(i), j), projectLabel(p, i))));
  ctx.ds.selfEvaluation?.department?.indicators.forEach((ind, j) => visit(ind, iPath('selfEvaluation.department', j), '部门整体支出绩效自评表'));
}

function indicatorLabel(ind: Indicator, owner: string, path: string): string {
  const n = /\[(\d+)\]$/.exec(path.replace(/\.[a-z]+$/i, ''))?.[1];
  return `${owner}第${Number(n ?? 0) + 1}行指标“${ind.name ?? '（未填三级指标）'}”`;
}

export const projectRules: readonly Rule[] = [
  defineRule({ id: 'EP-FUND', severity: 'error' }, (ctx) => {
    projects(ctx).forEach((p, i) => {
      if (!p.funds.total) return;
      for (const k of ['initialBudget', 'annualBudget', 'executed'] as const) {
        const given = p.funds.total[k];
        if (given === undefined) continue;
        const parts = [p.funds.currentFiscal?.[k], p.funds.priorCarryover?.[k], p.funds.other?.[k]];
        const expected = sum(parts);
        if (!expected.eq(given)) {
          ctx.report({
            message: `${projectLabel(p, i)} 年度资金总额的${FIGURE_WORDS[k]}为 ${shown(ctx, given)}，应等于当年财政拨款、上年结转资金、其他资金之和 ${shown(ctx, expected)}`,
            path: pPath(i, `funds.total.${k}`),
            related: (['currentFiscal', 'priorCarryover', 'other'] as const).map((r) => pPath(i, `funds.${r}.${k}`)),
            expected: expected.toFixed(2),
            actual: given.toFixed(2),
          });
        }
      }
    });
  }),
  defineRule({ id: 'EP-BUD', severity: 'warning' }, (ctx) => {
    // 全年预算数 = 年初预算数 + 调整: the adjustment is not in the table; a budget without 年初 is a new project
    projects(ctx).forEach((p, i) => {
      for (const row of ['total', 'currentFiscal', 'priorCarryover', 'other'] as const) {
        const f = p.funds[row];
        if (f?.executed !== undefined && f.annualBudget === undefined && !f.executed.isZero()) {
          ctx.report({
            message: `${projectLabel(p, i)} ${FUND_WORDS[row]}有全年执行数 ${shown(ctx, f.executed)}，但没有全年预算数`,
            path: pPath(i, `funds.${row}.annualBudget`),
            note: '全年预算数=年初预算数+调整预算；年度新增项目年初预算数为0',
          });
        }
      }
    });
  }),
  defineRule({ id: 'EP-RATE', severity: 'error' }, (ctx) => {
    projects(ctx).forEach((p, i) => {
      const s = scoreProject(p, ctx.options.gradeBands);
      if (s.rate === undefined) {
        if (p.rate !== undefined && !p.rate.isZero()) {
          ctx.report({ message: `${projectLabel(p, i)} 全年预算数为0，不能计算执行率，但填列了执行率 ${p.rate.toFixed(2)}`, path: pPath(i, 'rate') });
        }
        return;
      }
      // rules.md §0.2: a printed rate within ±0.01 can come from the unrounded 元 amounts
      if (p.rate !== undefined && p.rate.minus(s.rate).abs().gt(new Decimal('0.01'))) {
        printedCheck(ctx, { what: `${projectLabel(p, i)} 执行率`, printed: p.rate, computed: s.rate, path: pPath(i, 'rate'), how: `全年执行数 ${shown(ctx, s.funds.executed)} ÷ 全年预算数 ${shown(ctx, s.funds.annualBudget)}`, related: [pPath(i, 'funds')] });
      }
      if (s.rate.gt(HUNDRED)) {
        ctx.report({
          severity: 'warning',
          message: `${projectLabel(p, i)} 全年执行数 ${shown(ctx, s.funds.executed)} 超过全年预算数 ${shown(ctx, s.funds.annualBudget)}，执行率 ${s.rate.toFixed(2)}%（得分按100%封顶）`,
          path: pPath(i, 'funds.total.executed'),
        });
      }
    });
  }),
  defineRule({ id: 'EP-RSCORE', severity: 'error' }, (ctx) => {
    projects(ctx).forEach((p, i) => {
      const s = scoreProject(p, ctx.options.gradeBands);
      // a printed rate that is within tolerance is the one the score was computed from
      const rate = p.rate !== undefined && s.rate !== undefined && p.rate.minus(s.rate).abs().lte(new Decimal('0.01')) ? p.rate : s.rate;
      const expected = rateScore(rate, s.rateWeight);
      printedCheck(ctx, { what: `${projectLabel(p, i)} 执行率得分`, printed: p.rateScore, computed: expected, path: pPath(i, 'rateScore'), how: `min(执行率 ${rate?.toFixed(2) ?? '—'}, 100) × 分值 ${s.rateWeight.toFixed(2)} ÷ 100` });
    });
  }),
  defineRule({ id: 'EP-W100', severity: 'error' }, (ctx) => {
    projects(ctx).forEach((p, i) => {
      const s = scoreProject(p, ctx.options.gradeBands);
      if (!s.totalWeight.eq(HUNDRED)) {
        ctx.report({
          message: `${projectLabel(p, i)} 执行率分值 ${s.rateWeight.toFixed(2)} 与各指标分值之和 ${s.indicatorWeight.toFixed(2)} 合计 ${s.totalWeight.toFixed(2)}，应为 100`,
          path: pPath(i, 'indicators'),
          expected: '100.00',
          actual: s.totalWeight.toFixed(2),
          note: '指标分值之和应为 90（执行率 10 分）',
        });
      }
    });
  }),
  defineRule({ id: 'EP-WSPLIT', severity: 'warning' }, (ctx) => {
    projects(ctx).forEach((p, i) => {
      const byLevel = new Map<string, Decimal>();
      for (const ind of p.indicators) if (ind.level1) byLevel.set(ind.level1, (byLevel.get(ind.level1) ?? ZERO).plus(ind.weight ?? ZERO));
      const off = Object.entries(ctx.options.levelWeights).filter(([l, w]) => !(byLevel.get(l) ?? ZERO).eq(w));
      if (off.length > 0) {
        ctx.report({
          message: `${projectLabel(p, i)} 各一级指标分值为 ${Object.keys(ctx.options.levelWeights).map((l) => `${l} ${(byLevel.get(l) ?? ZERO).toFixed(2)}`).join('、')}，原则上应为 ${Object.entries(ctx.options.levelWeights).map(([l, w]) => `${l} ${w}`).join('、')}`,
          path: pPath(i, 'indicators'),
        });
      }
    });
  }),
  defineRule({ id: 'EP-SLEW', severity: 'error' }, (ctx) => {
    projects(ctx).forEach((p, i) =>
      p.indicators.forEach((ind, j) => {
        const w = ind.weight ?? ZERO;
        const s = ind.score ?? ZERO;
        if (s.isNegative() || s.gt(w)) {
          ctx.report({
            message: `${indicatorLabel(ind, projectLabel(p, i), iPath(pPath(i), j))}得分 ${s.toFixed(2)} ${s.isNegative() ? '为负数' : `超过分值 ${w.toFixed(2)}`}`,
            path: iPath(pPath(i), j, 'score'),
            related: [iPath(pPath(i), j, 'weight')],
            expected: `0 ≤ 得分 ≤ ${w.toFixed(2)}`,
            actual: s.toFixed(2),
          });
        }
      }),
    );
  }),
  defineRule({ id: 'EP-TOTAL', severity: 'error' }, (ctx) => {
    projects(ctx).forEach((p, i) => {
      const s = scoreProject(p, ctx.options.gradeBands);
      printedCheck(ctx, { what: `${projectLabel(p, i)} 总分`, printed: p.totalScore, computed: s.totalScore, path: pPath(i, 'totalScore'), how: `执行率得分 ${s.rateScore.toFixed(2)} + 各指标得分之和 ${s.indicatorScore.toFixed(2)}` });
    });
  }),
  defineRule({ id: 'EP-SUBROW', severity: 'error' }, (ctx) => {
    projects(ctx).forEach((p, i) => {
      const s = scoreProject(p, ctx.options.gradeBands);
      printedCheck(ctx, { what: `${projectLabel(p, i)} 指标分值小计`, printed: p.indicatorSubtotal?.weight, computed: s.indicatorWeight, path: pPath(i, 'indicatorSubtotal.weight'), how: '各指标分值之和' });
      printedCheck(ctx, { what: `${projectLabel(p, i)} 指标得分小计`, printed: p.indicatorSubtotal?.score, computed: s.indicatorScore, path: pPath(i, 'indicatorSubtotal.score'), how: '各指标得分之和' });
    });
  }),
  defineRule({ id: 'EP-GRADE', severity: 'error' }, (ctx) => {
    projects(ctx).forEach((p, i) => {
      if (!p.grade) return;
      const s = scoreProject(p, ctx.options.gradeBands);
      if (p.grade !== s.grade) {
        ctx.report({
          message: `${projectLabel(p, i)} 自评等级填列“${p.grade}”，按总分 ${s.totalScore.toFixed(2)} 应为“${s.grade}”`,
          path: pPath(i, 'grade'),
          related: [pPath(i, 'totalScore')],
          expected: s.grade,
          actual: p.grade,
          note: '100-90（含）分为优、90-80（含）分为良、80-60（含）分为中、60分以下为差',
        });
      }
    });
  }),
  defineRule({ id: 'EP-ACH', severity: 'warning' }, (ctx) => {
    projects(ctx).forEach((p, i) =>
      p.indicators.forEach((ind, j) => {
        const met = targetMet(ind);
        const w = ind.weight;
        const s = ind.score;
        if (met === undefined || !w || !s) return;
        const label = indicatorLabel(ind, projectLabel(p, i), iPath(pPath(i), j));
        const how = `（指标值 ${ind.operator} ${ind.target?.text}${ind.unit ?? ''}，实际完成 ${ind.actual?.text}）`;
        if (!met && s.eq(w)) {
          const suggestion = proportionalScore(ind);
          ctx.report({
            message: `${label}实际完成值未达到指标值${how}，却得满分 ${s.toFixed(2)}`,
            path: iPath(pPath(i), j, 'score'),
            related: [iPath(pPath(i), j, 'actual'), iPath(pPath(i), j, 'target')],
            ...(suggestion ? { note: `按完成比例得分约为 ${suggestion.toFixed(2)}；如确属达成，请核对指标值或指标性质` } : {}),
          });
        } else if (met && s.lt(w)) {
          ctx.report({
            message: `${label}实际完成值已达到指标值${how}，但得分 ${s.toFixed(2)} 低于分值 ${w.toFixed(2)}`,
            path: iPath(pPath(i), j, 'score'),
            note: '达成指标一般得满分；若扣分有其他原因，请在偏差原因中说明',
          });
        }
        if (s.lt(w) && !ind.deviation) {
          ctx.report({ message: `${label}得分 ${s.toFixed(2)} 低于分值 ${w.toFixed(2)}，但没有填写偏差原因分析及改进措施`, path: iPath(pPath(i), j, 'deviation') });
        }
      }),
    );
  }),
  defineRule({ id: 'EP-SAT', severity: 'warning' }, (ctx) => {
    projects(ctx).forEach((p, i) => {
      if (!p.indicators.some((ind) => ind.level1 === '满意度指标')) {
        ctx.report({ message: `${projectLabel(p, i)} 没有满意度指标`, path: pPath(i, 'indicators'), note: '原则上满意度指标 10 分' });
      }
    });
  }),
  defineRule({ id: 'EP-DUP', severity: 'error' }, (ctx) => {
    projects(ctx).forEach((p, i) => {
      const seen = new Map<string, number>();
      p.indicators.forEach((ind, j) => {
        // the same (一级, 二级, 三级), or the same row printed twice with its 一级/二级 left blank (002 Q26)
        const key = ind.level1 && ind.level2 ? `${ind.level1}|${canonicalLevel2(ind.level2) ?? ind.level2}|${ind.name ?? ''}` : `?|${ind.name ?? ''}`;
        const content = `${ind.name ?? ''}|${ind.target?.text ?? ''}|${ind.unit ?? ''}|${ind.actual?.text ?? ''}|${ind.weight?.toFixed() ?? ''}`;
        const first = seen.get(key) ?? seen.get(`row:${content}`);
        if (first !== undefined) {
          ctx.report({
            message: `${projectLabel(p, i)} 第${j + 1}行指标与第${first + 1}行重复（${ind.level1 ?? ''}/${ind.level2 ?? ''}/${ind.name ?? ''}）`,
            path: iPath(pPath(i), j),
            related: [iPath(pPath(i), first)],
          });
        } else {
          seen.set(key, j);
          seen.set(`row:${content}`, j);
        }
      });
    });
  }),
  defineRule({ id: 'EP-REQ', severity: 'error' }, (ctx) => {
    projects(ctx).forEach((p, i) => {
      for (const [key, word] of [
        ['name', '项目名称'],
        ['competentDept', '主管部门'],
        ['implementingUnit', '实施单位'],
      ] as const) {
        if (!p[key]) ctx.report({ message: `第${i + 1}个项目支出绩效自评表未填写${word}`, path: pPath(i, key) });
      }
    });
  }),
];

/** Rules on indicators of both the project tables and the 整体 table (EP-OP, EP-LEVEL, EP-DATE, EP-PCT; EW-IND for the 整体 table). */
export const indicatorRules: readonly Rule[] = [
  defineRule({ id: 'EP-OP', severity: 'error' }, (ctx) => {
    forIndicators(ctx, (ind, path, owner) => {
      const op = ind.operator?.trim();
      if (op === '定性') return;
      if (!op && ind.target?.number === undefined && ind.target?.date === undefined) return; // 定性 without a word
      if (!parseOperator(op)) {
        ctx.report({
          message: `${indicatorLabel(ind, owner, path)}的指标性质“${op ?? ''}”不是 =、>、<、>=、<= 之一`,
          path: `${path}.operator`,
          note: '定量指标填比较符号；定性指标填“定性”或留空',
        });
      }
    });
  }),
  defineRule({ id: 'EP-LEVEL', severity: 'error' }, (ctx) => {
    const check = (list: readonly Indicator[], base: string, owner: string) => {
      let lastOrder = -1;
      list.forEach((ind, j) => {
        const path = iPath(base, j);
        const l1 = ind.level1?.trim();
        const order = l1 ? LEVEL_ORDER.indexOf(l1) : -1;
        if (!l1 || order < 0) {
          ctx.report({ message: `${indicatorLabel(ind, owner, path)}的一级指标“${l1 ?? ''}”不是产出指标、效益指标、满意度指标之一`, path: `${path}.level1` });
          return;
        }
        const l2 = canonicalLevel2(ind.level2);
        if (!l2 || !LEVEL2[l1]!.includes(l2)) {
          ctx.report({ message: `${indicatorLabel(ind, owner, path)}的二级指标“${ind.level2 ?? ''}”不属于${l1}`, path: `${path}.level2`, note: `${l1}的二级指标：${LEVEL2[l1]!.join('、')}` });
        }
        if (order < lastOrder) {
          ctx.report({ message: `${indicatorLabel(ind, owner, path)}（${l1}）排在${LEVEL_ORDER[lastOrder]}之后：应按产出、效益、满意度的顺序排列`, path });
        }
        lastOrder = Math.max(lastOrder, order);
      });
    };
    projects(ctx).forEach((p, i) => check(p.indicators, pPath(i), projectLabel(p, i)));
    const dep = ctx.ds.selfEvaluation?.department;
    if (dep) check(dep.indicators, 'selfEvaluation.department', '部门整体支出绩效自评表');
  }),
  defineRule({ id: 'EP-DATE', severity: 'error' }, (ctx) => {
    forIndicators(ctx, (ind, path, owner) => {
      for (const key of ['target', 'actual'] as const) {
        const v = ind[key];
        if (!v?.number || !isLikelyExcelSerial(v.number)) continue;
        const isTimely = /时效/.test(ind.level2 ?? '') || /^(年-月-日|年月日|日期|月|年)$/.test(ind.unit ?? '') || /时间|日期|期限|前完成/.test(ind.name ?? '');
        if (!isTimely) continue;
        ctx.report({
          message: `${indicatorLabel(ind, owner, path)}的${key === 'target' ? '指标值' : '实际完成值'}“${v.text}”是 Excel 日期序列号，不是日期`,
          path: `${path}.${key}`,
          note: `应为 ${excelSerialToIso(v.number.toNumber())}（Excel 序列号 ${v.text}）`,
        });
      }
    });
  }),
  defineRule({ id: 'EP-PCT', severity: 'warning' }, (ctx) => {
    forIndicators(ctx, (ind, path, owner) => {
      if (ind.unit?.trim() !== '%') return;
      for (const key of ['target', 'actual'] as const) {
        const n = ind[key]?.number;
        // a 费率/利率/税率 below 1% is real (002 Q25: 担保费率 0.62%)
        if (n && n.gt(0) && n.lte(1) && /率|满意度|比例|占比/.test(ind.name ?? '') && !/费率|利率|税率/.test(ind.name ?? '')) {
          ctx.report({
            message: `${indicatorLabel(ind, owner, path)}的${key === 'target' ? '指标值' : '实际完成值'}为 ${n.toFixed()}%：单位是%，这里可能填成了比例`,
            path: `${path}.${key}`,
            note: `若表示 ${n.times(100).toFixed()}%，请填 ${n.times(100).toFixed()}`,
          });
        }
        if (n && n.gt(1000) && !isLikelyExcelSerial(n)) {
          ctx.report({ message: `${indicatorLabel(ind, owner, path)}的${key === 'target' ? '指标值' : '实际完成值'}为 ${n.toFixed()}%，不像是百分比`, path: `${path}.${key}` });
        }
      }
    });
  }),
];


// ------------------------------------------------------------------ 部门整体支出绩效自评表

const dPath = (sub: string) => `selfEvaluation.department.${sub}`;

export const departmentEvaluationRules: readonly Rule[] = [
  defineRule({ id: 'EW-TASK-SPLIT', severity: 'error' }, (ctx) => {
    ctx.ds.selfEvaluation?.department?.tasks.forEach((t, i) => {
      if (t.total === undefined) return;
      const expected = (t.fiscal ?? ZERO).plus(t.other ?? ZERO);
      if (!expected.eq(t.total)) {
        ctx.report({
          message: `部门整体支出绩效自评表 重点工作任务“${t.name ?? i + 1}”批复金额总额 ${shown(ctx, t.total)}，应等于财政拨款与其他资金之和 ${shown(ctx, expected)}`,
          path: dPath(`tasks[${i}].total`),
          related: [dPath(`tasks[${i}].fiscal`), dPath(`tasks[${i}].other`)],
          expected: expected.toFixed(2),
          actual: t.total.toFixed(2),
        });
      }
    });
  }),
  defineRule({ id: 'EW-TASK-SUM', severity: 'error' }, (ctx) => {
    const dep = ctx.ds.selfEvaluation?.department;
    if (!dep?.taskTotal) return;
    const words = { total: '总额', fiscal: '财政拨款', other: '其他资金', actual: '实际支出金额' } as const;
    for (const k of ['total', 'fiscal', 'other', 'actual'] as const) {
      const given = dep.taskTotal[k];
      if (given === undefined) continue;
      const expected = sum(dep.tasks.map((t) => (k === 'total' ? (t.total ?? (t.fiscal ?? ZERO).plus(t.other ?? ZERO)) : t[k])));
      if (!expected.eq(given)) {
        ctx.report({
          message: `部门整体支出绩效自评表 重点工作任务合计行的${words[k]} ${shown(ctx, given)}，应等于各任务之和 ${shown(ctx, expected)}`,
          path: dPath(`taskTotal.${k}`),
          related: dep.tasks.map((_, i) => dPath(`tasks[${i}].${k}`)),
          expected: expected.toFixed(2),
          actual: given.toFixed(2),
        });
      }
    }
  }),
  defineRule({ id: 'EW-TASK-RATE', severity: 'error' }, (ctx) => {
    const dep = ctx.ds.selfEvaluation?.department;
    if (!dep) return;
    dep.tasks.forEach((t, i) => {
      const total = t.total ?? (t.fiscal ?? ZERO).plus(t.other ?? ZERO);
      const rate = executionRate(t.actual ?? ZERO, total);
      if (rate && t.rate !== undefined && !t.rate.eq(rate)) {
        printedCheck(ctx, { what: `部门整体支出绩效自评表 重点工作任务“${t.name ?? i + 1}”预算执行率`, printed: t.rate, computed: rate, path: dPath(`tasks[${i}].rate`), how: '实际支出金额 ÷ 批复金额总额' });
      }
    });
    if (dep.taskTotal && dep.tasks.length > 0) {
      const total = dep.taskTotal.total ?? sum(dep.tasks.map((t) => t.total ?? (t.fiscal ?? ZERO).plus(t.other ?? ZERO)));
      const actual = dep.taskTotal.actual ?? sum(dep.tasks.map((t) => t.actual));
      const rate = executionRate(actual, total);
      if (rate && dep.taskTotal.rate === undefined) {
        ctx.report({
          severity: 'warning',
          message: `部门整体支出绩效自评表 重点工作任务合计行的预算执行率为空，应为 ${rate.toFixed(2)}`,
          path: dPath('taskTotal'),
          expected: rate.toFixed(2),
          note: '生成时将印出合计行的执行率',
        });
      } else if (rate && dep.taskTotal.rate !== undefined) {
        printedCheck(ctx, { what: '部门整体支出绩效自评表 重点工作任务合计行预算执行率', printed: dep.taskTotal.rate, computed: rate, path: dPath('taskTotal.rate'), how: '实际支出金额合计 ÷ 批复金额总额合计' });
      }
    }
  }),
  defineRule({ id: 'EW-YEAR', severity: 'error' }, (ctx) => {
    const dep = ctx.ds.selfEvaluation?.department;
    if (!dep || dep.annualGoals.length === 0) return;
    const y = ctx.ds.department.year;
    dep.annualGoals.forEach((g, i) => {
      const expected = y + i;
      if (i < 3 && g.year !== expected) {
        ctx.report({
          message: `部门整体支出绩效自评表 部门年度目标第${i + 1}行的财年为“${g.year ?? ''}”，应为 ${expected}（决算年度及以后两年）`,
          path: dPath(`annualGoals[${i}].year`),
          expected: String(expected),
          actual: String(g.year ?? ''),
        });
      }
    });
  }),
  defineRule({ id: 'EW-IND', severity: 'warning' }, (ctx) => {
    ctx.ds.selfEvaluation?.department?.indicators.forEach((ind, j) => {
      const met = targetMet(ind);
      const path = iPath('selfEvaluation.department', j);
      const saysNoDeviation = /无偏差|已完成|按时完成/.test(ind.deviation ?? '');
      if (met === false && saysNoDeviation) {
        ctx.report({
          message: `部门整体支出绩效自评表 指标“${ind.name ?? j + 1}”实际完成值 ${ind.actual?.text} 未达到指标值（${ind.operator} ${ind.target?.text}${ind.unit ?? ''}），偏差原因却写“${ind.deviation}”`,
          path: `${path}.actual`,
          related: [`${path}.target`, `${path}.deviation`],
          note: ind.operator === '>' && ind.actual?.number?.eq(ind.target?.number ?? -1) ? '“>”要求严格大于；若等于即达标，指标性质应为“>=”' : undefined,
        });
      }
    });
  }),
];

// ------------------------------------------------------------------ 2024 部门预算资金 block (EW24-*)

const BUDGET_ROW_WORDS: Record<DepartmentBudgetRow, string> = {
  total: '年度资金总额',
  basic: '基本支出',
  project: '项目支出',
  currentFiscal: '项目支出中“其中：当年财政拨款”',
  priorCarryover: '项目支出中“上年结转资金”',
  nonFiscal: '项目支出中“非财政拨款”',
};
const BUDGET_COLUMN_WORDS = { initialBudget: '年初预算数', adjustment: '预算调整数', finalBudget: '预算确定数', executed: '执行数（系统提取）' } as const;
type BudgetColumn = keyof typeof BUDGET_COLUMN_WORDS;
const BUDGET_TABLE = '部门整体支出绩效自评表“部门预算资金”';
const bPath = (row: DepartmentBudgetRow, col?: string) => dPath(col ? `budget.${row}.${col}` : `budget.${row}`);

/** An amount as the section was typed (元 with separators: 8,892.00元; or 万元). */
const budgetShown = (ctx: RuleContext, v: Decimal) => `${formatAmount(ctx.ds.selfEvaluation?.amountUnit === 'wan' ? v.div(WAN) : v)}${unitWord(ctx)}`;

/** 预算确定数 of a typed row: as typed, else 年初预算数 + 预算调整数 (blank = 0). */
function finalBudgetOf(f: DepartmentBudgetFigures): Decimal {
  return f.finalBudget ?? (f.initialBudget ?? ZERO).plus(f.adjustment ?? ZERO);
}

/** A row's cell as derive will use it: typed, else (a row left out) the sum of its parts. */
function budgetCell(budget: NonNullable<DepartmentEvaluation['budget']>, row: DepartmentBudgetRow, col: BudgetColumn): Decimal {
  const f = budget[row];
  if (f) return col === 'finalBudget' ? finalBudgetOf(f) : (f[col] ?? ZERO);
  if (row === 'project') return sum((['currentFiscal', 'priorCarryover', 'nonFiscal'] as const).map((r) => budgetCell(budget, r, col)));
  if (row === 'total') return budgetCell(budget, 'basic', col).plus(budgetCell(budget, 'project', col));
  return ZERO;
}

/**
 * The 部门预算资金（元） block of the 2024 整体表 (rules.md §3.2 EW24-BUD, EW24-RATE, EW24-SUM; EW24-REQ
 * its presence under a 2024 form). Each finding is at the typed cell (元, or the section's unit), names
 * the table, row and column, and gives the expected value.
 */
export const departmentBudgetRules: readonly Rule[] = [
  defineRule({ id: 'EW24-REQ', severity: 'error' }, (ctx) => {
    // the 2024 整体表 (公开14表) prints the 部门预算资金 block: without it the block would print blank
    const dep = ctx.ds.selfEvaluation?.department;
    if (!dep || dep.budget || ctx.options.form?.evaluation?.layout !== 'yunnan2024') return;
    ctx.report({
      message: `${ctx.ds.department.year}年度的部门整体支出绩效自评表（${ctx.options.form.evaluation.numbers?.department ?? '2024年版式'}）要印“部门预算资金（元）”，但没有填写 selfEvaluation.department.budget`,
      path: dPath('budget'),
      note: '按年度资金总额、基本支出、项目支出（当年财政拨款、上年结转资金、非财政拨款）各行填写年初预算数、预算调整数、执行数',
    });
  }),
  defineRule({ id: 'EW24-BUD', severity: 'error' }, (ctx) => {
    // rules.md §3.2: 预算确定数 = 年初预算数 + 预算调整数, per row; a 预算确定数 left out is computed
    const budget = ctx.ds.selfEvaluation?.department?.budget;
    if (!budget) return;
    for (const row of Object.keys(BUDGET_ROW_WORDS) as DepartmentBudgetRow[]) {
      const f = budget[row];
      if (f?.finalBudget === undefined) continue;
      const expected = (f.initialBudget ?? ZERO).plus(f.adjustment ?? ZERO);
      if (expected.eq(f.finalBudget)) continue;
      ctx.report({
        message: `${BUDGET_TABLE} ${BUDGET_ROW_WORDS[row]}行“预算确定数”栏填列 ${budgetShown(ctx, f.finalBudget)}，应等于年初预算数 ${budgetShown(ctx, f.initialBudget ?? ZERO)} 加预算调整数 ${budgetShown(ctx, f.adjustment ?? ZERO)}，即 ${budgetShown(ctx, expected)}`,
        path: bPath(row, 'finalBudget'),
        related: [bPath(row, 'initialBudget'), bPath(row, 'adjustment')],
        expected: expected.toFixed(2),
        actual: f.finalBudget.toFixed(2),
        note: '预算确定数可以不填，按年初预算数＋预算调整数计算；调减的预算调整数写负数',
      });
    }
  }),
  defineRule({ id: 'EW24-RATE', severity: 'error' }, (ctx) => {
    // rules.md §3.2: 执行率(%) = roundHalfUp(执行数 / 预算确定数 × 100, 2); a rate left out is computed
    const budget = ctx.ds.selfEvaluation?.department?.budget;
    if (!budget) return;
    for (const row of Object.keys(BUDGET_ROW_WORDS) as DepartmentBudgetRow[]) {
      const f = budget[row];
      if (f?.rate === undefined) continue;
      const base = finalBudgetOf(f);
      const executed = f.executed ?? ZERO;
      const expected = executionRate(executed, base);
      if (expected === undefined) {
        if (!f.rate.isZero()) {
          ctx.report({ message: `${BUDGET_TABLE} ${BUDGET_ROW_WORDS[row]}行预算确定数为0，不能计算执行率，但“执行率(%)”栏填列了 ${f.rate.toFixed(2)}`, path: bPath(row, 'rate'), actual: f.rate.toFixed(2) });
        }
        continue;
      }
      if (expected.eq(f.rate)) continue;
      ctx.report({
        message: `${BUDGET_TABLE} ${BUDGET_ROW_WORDS[row]}行“执行率(%)”栏填列 ${f.rate.toFixed(2)}，按执行数 ${budgetShown(ctx, executed)} ÷ 预算确定数 ${budgetShown(ctx, base)} × 100 应为 ${expected.toFixed(2)}`,
        path: bPath(row, 'rate'),
        related: [bPath(row, 'executed'), bPath(row, 'finalBudget')],
        expected: expected.toFixed(2),
        actual: f.rate.toFixed(2),
        note: '执行率可以不填，按执行数÷预算确定数×100四舍五入保留两位小数计算',
      });
    }
  }),
  defineRule({ id: 'EW24-SUM', severity: 'error' }, (ctx) => {
    // rules.md §3.2: per column, 年度资金总额 = 基本支出 + 项目支出; 项目支出 = 当年财政拨款 + 上年结转资金 + 非财政拨款.
    // Only cells that were typed are checked: a row left out is computed from its parts (derive).
    const budget = ctx.ds.selfEvaluation?.department?.budget;
    if (!budget) return;
    const identities = [
      { row: 'total', parts: ['basic', 'project'], words: '基本支出与项目支出之和' },
      { row: 'project', parts: ['currentFiscal', 'priorCarryover', 'nonFiscal'], words: '当年财政拨款、上年结转资金、非财政拨款之和' },
    ] as const;
    for (const { row, parts, words } of identities) {
      const f = budget[row];
      if (!f) continue;
      for (const col of Object.keys(BUDGET_COLUMN_WORDS) as BudgetColumn[]) {
        const given = f[col];
        if (given === undefined) continue;
        const expected = sum(parts.map((p) => budgetCell(budget, p, col)));
        if (expected.eq(given)) continue;
        const diff = given.minus(expected);
        ctx.report({
          message: `${BUDGET_TABLE} ${BUDGET_ROW_WORDS[row]}行“${BUDGET_COLUMN_WORDS[col]}”栏填列 ${budgetShown(ctx, given)}，应等于${words} ${budgetShown(ctx, expected)}（${diff.isPositive() ? '多' : '少'} ${budgetShown(ctx, diff.abs())}）`,
          path: bPath(row, col),
          related: parts.map((p) => bPath(p, col)),
          expected: expected.toFixed(2),
          actual: given.toFixed(2),
        });
      }
    }
  }),
];
