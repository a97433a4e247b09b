// derive(dataset, dictionary, options) → ReportModel: every figure the documents print, computed
// once, exactly (decimal.js), from an error-free dataset. Formats nothing.
import { Decimal, ZERO, sum } from '../model/decimal.js';
import type { Dataset } from '../model/dataset.js';
import { functionalName, type SubjectDictionary } from '../model/dictionary.js';
import type { Breakdown, ReportModel } from '../model/report.js';
import { T01_ROWS } from '../model/tables.js';
import { completion, yearOverYear } from './change.js';
import { completePriorThreePublic, completeTables, type CompletedTables } from './complete.js';
import { money, shares, type RoundingPolicy } from './money.js';
import { evaluationFigures, fundTotal, type GradeBand } from './evaluation.js';

export { completeTables } from './complete.js';
export * from './evaluation.js';
export { apportion, money, shares, toWan } from './money.js';
export { completion, yearOverYear } from './change.js';

export interface DeriveOptions {
  /**
   * rules.md §8.1: each share rounded on its own (default), or by largest remainder so that a
   * breakdown's shares add up to 100.00 (a profile's opt-in). 万元 amounts are always rounded on their own.
   */
  readonly shareRounding: RoundingPolicy;
  /** 自评等级 bands of the profile (evaluation.md §3.2). */
  readonly gradeBands: readonly GradeBand[];
}

export const defaultDeriveOptions: DeriveOptions = {
  shareRounding: 'independent',
  gradeBands: [
    { grade: '优', min: 90 },
    { grade: '良', min: 80 },
    { grade: '中', min: 60 },
    { grade: '差', min: 0 },
  ],
};

/** A breakdown of `total` (元) into labelled parts: each 万元 amount and share the rounding of its own value. */
export function breakdown(total: Decimal, parts: readonly { key: string; label: string; yuan: Decimal }[], policy: RoundingPolicy): Breakdown {
  const percents = shares(
    parts.map((p) => p.yuan),
    total,
    policy,
  );
  return {
    total: money(total),
    parts: parts.map((p, i) => ({ key: p.key, label: p.label, amount: money(p.yuan), percent: percents[i]! })),
  };
}

/** 类名 without the trailing 支出, as the text writes `一般公共服务（类）` (narrative.md A.4 五（二））. */
export function classStem(name: string): string {
  return name.replace(/支出$/, '');
}

const INCOME_LINES = [1, 2, 3, 4, 5, 6, 7, 8].map((r) => ({ key: `r${r}`, row: r, label: T01_ROWS[r]!.replace(/^[一二三四五六七八]、/, '') }));
const EXPENDITURE_COLUMNS = [
  { key: 'basic', col: 2, label: '基本支出' },
  { key: 'project', col: 3, label: '项目支出' },
  { key: 'remitUpper', col: 4, label: '上缴上级支出' },
  { key: 'operating', col: 5, label: '经营支出' },
  { key: 'subsidiary', col: 6, label: '对附属单位补助支出' },
];

function subjectName(ds: Dataset, t: CompletedTables, dict: SubjectDictionary, code: string): string {
  const given = t.T05.byCode.get(code)?.name ?? t.T03.byCode.get(code)?.name ?? t.T02.byCode.get(code)?.name;
  if (given) return given;
  const s = dict.functional.get(code);
  return s ? functionalName(s, ds.department.year) : code;
}

function procurement(p: NonNullable<Dataset['procurement']>): NonNullable<ReportModel['procurement']> {
  const goods = p.goods ?? ZERO;
  const works = p.works ?? ZERO;
  const services = p.services ?? ZERO;
  const total = goods.plus(works).plus(services);
  // each share of the total on its own: 中小企业 and 小微企业 overlap, they are not one breakdown
  const share = (v: Decimal | undefined) => (total.isZero() ? {} : { percent: shares([v ?? ZERO], total, 'independent')[0]! });
  return {
    total: money(total),
    goods: money(goods),
    works: money(works),
    services: money(services),
    sme: { amount: money(p.smeContracts ?? ZERO), ...share(p.smeContracts) },
    micro: { amount: money(p.microContracts ?? ZERO), ...share(p.microContracts) },
  };
}

/** `t` may be passed in when validation completed the tables already: they are completed once per department. */
export function derive(
  ds: Dataset,
  dict: SubjectDictionary,
  options: DeriveOptions = defaultDeriveOptions,
  t: CompletedTables = completeTables(ds),
): ReportModel {
  const policy = options.shareRounding;
  const year = ds.department.year;
  const T01 = t.T01;

  const totalIncomeExpenditure = T01[30]!;
  const income = breakdown(
    T01[27]!,
    INCOME_LINES.filter((l) => !T01[l.row]!.isZero()).map((l) => ({ key: l.key, label: l.label, yuan: T01[l.row]! })),
    policy,
  );
  const expenditureTotal = T01[57]!;
  const expenditure = breakdown(
    expenditureTotal,
    EXPENDITURE_COLUMNS.map((c) => ({ key: c.key, label: c.label, yuan: t.T03.total.cells[c.col]! })),
    policy,
  );

  const generalTotal = t.T05.total.cells[7]!;
  const classes = t.T05.rows.filter((r) => r.level === 'class' && !r.cells[7]!.isZero());
  const generalByClass = breakdown(
    generalTotal,
    classes.map((r) => ({ key: r.code, label: classStem(subjectName(ds, t, dict, r.code)), yuan: r.cells[7]! })),
    policy,
  );
  const budgetItems = ds.budget.items;
  const generalItems = t.T05.rows
    .filter((r) => r.level === 'item' && !r.cells[7]!.isZero())
    .map((r) => {
      const budget = budgetItems[r.code];
      return {
        code: r.code,
        path: [r.code.slice(0, 3), r.code.slice(0, 5), r.code].map((c) => subjectName(ds, t, dict, c)),
        amount: money(r.cells[7]!),
        ...(budget !== undefined ? { completion: completion(r.cells[7]!, budget) } : {}),
      };
    });
  const generalBudget = ds.budget.generalExpenditure ?? (Object.keys(budgetItems).length ? sum(Object.values(budgetItems)) : undefined);

  const g3 = (r: number, c: number) => t.T3G[r]?.[c] ?? ZERO;
  const prior3 = completePriorThreePublic(ds.priorYear.threePublic);
  const threeItem = (row: number) => ({
    amount: money(g3(row, 2)),
    ...([2, 3, 4, 5, 6, 7].includes(row) ? { completion: completion(g3(row, 2), g3(row, 1)) } : {}),
    ...(prior3?.[row] !== undefined ? { change: yearOverYear(g3(row, 2), prior3[row]!) } : {}),
  });
  const threeTotal = g3(2, 2);
  const priorBudget3 = ds.priorYear.threePublicBudget;

  const model: ReportModel = {
    dataset: ds,
    tables: t,
    year,
    priorYear: year - 1,
    totalIncomeExpenditure: money(totalIncomeExpenditure),
    ...(ds.priorYear.totalIncomeExpenditure ? { totalChange: yearOverYear(totalIncomeExpenditure, ds.priorYear.totalIncomeExpenditure) } : {}),
    income,
    ...(ds.priorYear.totalIncome ? { incomeChange: yearOverYear(T01[27]!, ds.priorYear.totalIncome) } : {}),
    expenditure,
    appropriationTotal: money(t.T04.left[32]!),
    ...(ds.priorYear.appropriationTotal ? { appropriationChange: yearOverYear(t.T04.left[32]!, ds.priorYear.appropriationTotal) } : {}),
    generalExpenditure: money(generalTotal),
    ...(expenditureTotal.isZero() ? {} : { generalShareOfExpenditure: shares([generalTotal], expenditureTotal, 'independent')[0]! }),
    ...(ds.priorYear.generalExpenditure ? { generalChange: yearOverYear(generalTotal, ds.priorYear.generalExpenditure) } : {}),
    generalByClass,
    generalItems,
    ...(generalBudget !== undefined ? { generalCompletion: completion(generalTotal, generalBudget) } : {}),
    basic: { total: money(t.T05.total.cells[8]!), personnel: money(t.T05.total.cells[9]!), operating: money(t.T05.total.cells[10]!) },
    threePublic: {
      breakdown: breakdown(
        threeTotal,
        [
          { key: 'abroad', label: '因公出国（境）费', yuan: g3(3, 2) },
          { key: 'vehicle', label: '公务用车购置及运行维护费', yuan: g3(4, 2) },
          { key: 'reception', label: '公务接待费', yuan: g3(7, 2) },
        ],
        policy,
      ),
      completion: completion(threeTotal, g3(2, 1)),
      items: {
        abroad: threeItem(3),
        vehicle: threeItem(4),
        vehiclePurchase: threeItem(5),
        vehicleOperation: threeItem(6),
        reception: threeItem(7),
        domesticReception: threeItem(8),
        foreignAffairsReception: threeItem(9),
        foreignReception: threeItem(10),
      },
      ...(priorBudget3?.[2] !== undefined ? { budgetChange: yearOverYear(g3(2, 1), priorBudget3[2]) } : {}),
      budget: { total: money(g3(2, 1)), abroad: money(g3(3, 1)), vehiclePurchase: money(g3(5, 1)), vehicleOperation: money(g3(6, 1)), reception: money(g3(7, 1)) },
      ...(prior3?.[2] !== undefined ? { change: yearOverYear(threeTotal, prior3[2]) } : {}),
    },
    govFundExpenditure: money(t.TGF.total.cells[7]!),
    stateCapitalExpenditure: money(t.TSOE.total.cells[5]!),
    agencyOperation: money(g3(22, 2)),
    ...(ds.priorYear.agencyOperation !== undefined ? { agencyOperationChange: yearOverYear(g3(22, 2), ds.priorYear.agencyOperation) } : {}),
    ...(ds.procurement ? { procurement: procurement(ds.procurement) } : {}),
    ...(ds.threePublicDetails?.vehiclePurchases
      ? { vehiclePurchases: Object.fromEntries(Object.entries(ds.threePublicDetails.vehiclePurchases).map(([k, v]) => [k, { count: v!.count, amount: money(v!.amount) }])) }
      : {}),
    receptionItems: (ds.threePublicDetails?.receptionItems ?? []).map((r) => ({ purpose: r.purpose, amount: money(r.amount) })),
    ...(ds.assets?.vehicles ? { vehicleTotal: Object.values(ds.assets.vehicles).reduce((s, n) => s + (n ?? 0), 0) } : {}),
    evaluation: evaluationFigures(ds.selfEvaluation, options.gradeBands),
    incomeByKind: breakdown(
      T01[27]!,
      [
        { key: 'appropriation', label: '财政拨款', yuan: T01[1]!.plus(T01[2]!).plus(T01[3]!) },
        ...INCOME_LINES.filter((l) => l.row > 3).map((l) => ({ key: l.key, label: l.label, yuan: T01[l.row]! })),
      ].filter((p) => !p.yuan.isZero()),
      policy,
    ),
    budget: {
      ...(ds.budget.initial ? { initial: money(ds.budget.initial) } : {}),
      ...(ds.budget.ownFunds ? { ownFunds: money(ds.budget.ownFunds) } : {}),
      ...(ds.budget.adjusted ? { adjusted: money(ds.budget.adjusted) } : {}),
    },
    projects: (ds.selfEvaluation?.projects ?? []).map((p) => {
      const f = fundTotal(p.funds);
      return { name: p.name ?? '', completion: completion(f.executed, f.annualBudget) };
    }),
  };
  return model;
}

