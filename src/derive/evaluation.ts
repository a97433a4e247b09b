// 绩效自评 scoring (evaluation.md §3, rules.md §0.2 and §3): 执行率, 执行率得分, 总分, 自评等级, and
// whether an indicator met its target by its 指标性质. Pure functions on exact decimals.
import { Decimal, HUNDRED, ZERO, orZero, round, sum } from '../model/decimal.js';
import type { DepartmentBudgetFigures, DepartmentBudgetRow, DepartmentEvaluation, FundFigures, FundRow, Indicator, ProjectEvaluation, SelfEvaluation } from '../model/dataset.js';
import type { DepartmentBudgetRowFigures, DepartmentTaskFigures, EvaluationFigures, FundRowFigures, ProjectFigures } from '../model/report.js';
import { money } from './money.js';

export const DEFAULT_RATE_WEIGHT = new Decimal(10);

/** 年度资金总额 of a project: as given, else Σ of the three source rows (EP-FUND). */
export function fundTotal(funds: Readonly<Partial<Record<FundRow, FundFigures>>>): Required<FundFigures> {
  const rows = [funds.currentFiscal, funds.priorCarryover, funds.other];
  const part = (k: keyof FundFigures) => funds.total?.[k] ?? sum(rows.map((r) => r?.[k]));
  return { initialBudget: part('initialBudget'), annualBudget: part('annualBudget'), executed: part('executed') };
}

/** 执行率 = roundHalfUp(执行数 / 预算数 × 100, 2); undefined when the budget is 0 (EP-RATE). */
export function executionRate(executed: Decimal, budget: Decimal): Decimal | undefined {
  if (budget.isZero()) return undefined;
  return round(executed.div(budget).times(HUNDRED));
}

/** 执行率得分 = roundHalfUp(min(执行率, 100) × 分值 / 100, 2), from the rounded 执行率 (EP-RSCORE). */
export function rateScore(rate: Decimal | undefined, weight: Decimal): Decimal {
  if (rate === undefined) return ZERO;
  return round(Decimal.min(rate, HUNDRED).times(weight).div(HUNDRED));
}

export interface GradeBand {
  readonly grade: string;
  readonly min: number;
}

/** 自评等级: the first band whose lower bound (inclusive, evaluation.md §3.2) the score reaches. */
export function gradeOf(totalScore: Decimal, bands: readonly GradeBand[]): string {
  for (const b of bands) if (totalScore.gte(b.min)) return b.grade;
  return bands[bands.length - 1]?.grade ?? '';
}

export interface ProjectScore {
  readonly funds: Required<FundFigures>;
  readonly rate?: Decimal;
  readonly rateWeight: Decimal;
  readonly rateScore: Decimal;
  readonly indicatorWeight: Decimal;
  readonly indicatorScore: Decimal;
  readonly totalWeight: Decimal;
  readonly totalScore: Decimal;
  readonly grade: string;
}

export function scoreProject(p: ProjectEvaluation, bands: readonly GradeBand[]): ProjectScore {
  const funds = fundTotal(p.funds);
  const rate = executionRate(funds.executed, funds.annualBudget);
  const rateWeight = p.rateWeight ?? DEFAULT_RATE_WEIGHT;
  const rScore = rateScore(rate, rateWeight);
  const indicatorWeight = sum(p.indicators.map((i) => i.weight));
  const indicatorScore = sum(p.indicators.map((i) => i.score));
  const totalScore = round(rScore.plus(indicatorScore));
  return {
    funds,
    ...(rate ? { rate } : {}),
    rateWeight,
    rateScore: rScore,
    indicatorWeight,
    indicatorScore,
    totalWeight: rateWeight.plus(indicatorWeight),
    totalScore,
    grade: gradeOf(totalScore, bands),
  };
}

// ------------------------------------------------------------------ 指标性质

export type Operator = '=' | '>' | '<' | '>=' | '<=';

const OPERATOR_FORMS: Readonly<Record<string, Operator>> = {
  '=': '=',
  '＝': '=',
  '>': '>',
  '＞': '>',
  '<': '<',
  '＜': '<',
  '>=': '>=',
  '≥': '>=',
  '＞＝': '>=',
  '<=': '<=',
  '≤': '<=',
  '＜＝': '<=',
};

/** Canonical operator of an 指标性质 cell, or undefined when it is not one (EP-OP). */
export function parseOperator(text: string | undefined): Operator | undefined {
  return text === undefined ? undefined : OPERATOR_FORMS[text.trim()];
}

/**
 * Whether a quantitative indicator's actual value satisfies its target under its operator
 * (EP-ACH); undefined when that cannot be decided (text values, missing values, bad operator).
 */
export function targetMet(i: Indicator): boolean | undefined {
  const op = parseOperator(i.operator);
  if (!op || !i.target || !i.actual) return undefined;
  const cmp = compareValues(i.actual, i.target);
  if (cmp === undefined) return undefined;
  switch (op) {
    case '=':
      return cmp === 0;
    case '>':
      return cmp > 0;
    case '<':
      return cmp < 0;
    case '>=':
      return cmp >= 0;
    case '<=':
      return cmp <= 0;
  }
}

function compareValues(a: NonNullable<Indicator['actual']>, b: NonNullable<Indicator['target']>): number | undefined {
  if (a.number && b.number) return a.number.comparedTo(b.number);
  if (a.date && b.date) return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
  return undefined;
}

/**
 * Proportional score suggested when a target is missed (rules.md §8.4): actual/target × 分值 for
 * ≥/>, target/actual × 分值 for ≤/<, capped at 分值.
 */
export function proportionalScore(i: Indicator): Decimal | undefined {
  const op = parseOperator(i.operator);
  const w = i.weight;
  const a = i.actual?.number;
  const t = i.target?.number;
  if (!op || !w || !a || !t) return undefined;
  let ratio: Decimal;
  if (op === '>=' || op === '>' || op === '=') {
    if (t.isZero()) return undefined;
    ratio = a.div(t);
  } else {
    if (a.isZero()) return w;
    ratio = t.div(a);
  }
  return round(Decimal.min(Decimal.max(ratio, ZERO), new Decimal(1)).times(w));
}

/** A fund row; without a 执行数 its 执行率 is absent (printed blank, as published), never 0.00. */
function fundRow(f: FundFigures | undefined): FundRowFigures {
  const budget = f?.annualBudget ?? ZERO;
  const rate = f?.executed === undefined ? undefined : executionRate(f.executed, budget);
  return { initialBudget: money(f?.initialBudget ?? ZERO), annualBudget: money(budget), executed: money(f?.executed ?? ZERO), ...(rate ? { rate } : {}) };
}

/** Whether any fund row of the project gives a 执行数 (a project not yet executed leaves them blank). */
function hasExecuted(p: ProjectEvaluation): boolean {
  return Object.values(p.funds).some((f) => f?.executed !== undefined);
}

export function projectFigures(p: ProjectEvaluation, bands: readonly GradeBand[]): ProjectFigures {
  const s = scoreProject(p, bands);
  const executed = hasExecuted(p);
  return {
    funds: {
      total: executed ? fundRow(s.funds) : fundRow({ initialBudget: s.funds.initialBudget, annualBudget: s.funds.annualBudget }),
      currentFiscal: fundRow(p.funds.currentFiscal),
      priorCarryover: fundRow(p.funds.priorCarryover),
      other: fundRow(p.funds.other),
    },
    ...(s.rate && executed ? { rate: s.rate } : {}),
    rateWeight: s.rateWeight,
    ...(executed ? { rateScore: s.rateScore } : {}),
    indicatorWeight: s.indicatorWeight,
    indicatorScore: s.indicatorScore,
    totalScore: s.totalScore,
    grade: s.grade,
  };
}

function taskFigures(t: { total?: Decimal; fiscal?: Decimal; other?: Decimal; actual?: Decimal }): DepartmentTaskFigures {
  const total = t.total ?? orZero(t.fiscal).plus(orZero(t.other));
  const rate = executionRate(orZero(t.actual), total);
  return { total: money(total), fiscal: money(orZero(t.fiscal)), other: money(orZero(t.other)), actual: money(orZero(t.actual)), ...(rate ? { rate } : {}) };
}

type BudgetCells = { initialBudget: Decimal; adjustment: Decimal; finalBudget: Decimal; executed?: Decimal };

/** A row's cells: 预算确定数 as typed, else 年初预算数 + 预算调整数 (EW24-BUD); blank = 0. */
function budgetCells(f: DepartmentBudgetFigures): BudgetCells {
  const initialBudget = orZero(f.initialBudget);
  const adjustment = orZero(f.adjustment);
  return { initialBudget, adjustment, finalBudget: f.finalBudget ?? initialBudget.plus(adjustment), ...(f.executed !== undefined ? { executed: f.executed } : {}) };
}

/** A row left out: the sum of its parts, cell by cell (EW24-SUM); 执行数 only when a part gives one. */
function sumCells(parts: readonly BudgetCells[]): BudgetCells {
  const executed = parts.some((p) => p.executed !== undefined) ? sum(parts.map((p) => p.executed)) : undefined;
  return {
    initialBudget: sum(parts.map((p) => p.initialBudget)),
    adjustment: sum(parts.map((p) => p.adjustment)),
    finalBudget: sum(parts.map((p) => p.finalBudget)),
    ...(executed !== undefined ? { executed } : {}),
  };
}

function budgetRowFigures(c: BudgetCells): DepartmentBudgetRowFigures {
  const rate = c.executed === undefined ? undefined : executionRate(c.executed, c.finalBudget);
  return { initialBudget: money(c.initialBudget), adjustment: money(c.adjustment), finalBudget: money(c.finalBudget), executed: money(c.executed ?? ZERO), ...(rate ? { rate } : {}) };
}

/**
 * Every row of the 部门预算资金（元） block (evaluation.md §1.2, rules.md EW24-*): rows as typed with
 * 预算确定数 and 执行率 computed when left out; 项目支出 left out = 当年财政拨款 + 上年结转资金 + 非财政拨款,
 * 年度资金总额 left out = 基本支出 + 项目支出. Undefined when the department gives no block (2021 layout).
 */
export function departmentBudgetFigures(budget: DepartmentEvaluation['budget']): EvaluationFigures['departmentBudget'] {
  if (!budget) return undefined;
  const row = (k: DepartmentBudgetRow) => (budget[k] ? budgetCells(budget[k]) : undefined);
  const parts = (['currentFiscal', 'priorCarryover', 'nonFiscal'] as const).map((k) => row(k) ?? sumCells([]));
  const project = row('project') ?? sumCells(parts);
  const basic = row('basic') ?? sumCells([]);
  const total = row('total') ?? sumCells([basic, project]);
  return {
    total: budgetRowFigures(total),
    basic: budgetRowFigures(basic),
    project: budgetRowFigures(project),
    currentFiscal: budgetRowFigures(parts[0]!),
    priorCarryover: budgetRowFigures(parts[1]!),
    nonFiscal: budgetRowFigures(parts[2]!),
  };
}

/** Every figure of the 绩效自评 tables: fund rows in 元 and 万元, rates, scores, grades. */
export function evaluationFigures(se: SelfEvaluation | undefined, bands: readonly GradeBand[]): EvaluationFigures {
  const tasks = se?.department?.tasks ?? [];
  const taskFig = tasks.map(taskFigures);
  const departmentBudget = departmentBudgetFigures(se?.department?.budget);
  return {
    ...(departmentBudget ? { departmentBudget } : {}),
    projects: (se?.projects ?? []).map((p) => projectFigures(p, bands)),
    tasks: taskFig,
    ...(tasks.length
      ? {
          taskTotal: taskFigures({
            total: sum(taskFig.map((t) => t.total.yuan)),
            fiscal: sum(taskFig.map((t) => t.fiscal.yuan)),
            other: sum(taskFig.map((t) => t.other.yuan)),
            actual: sum(taskFig.map((t) => t.actual.yuan)),
          }),
        }
      : {}),
  };
}
