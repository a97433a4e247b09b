// derive(dataset, dictionary, options) → ReportModel: every figure the documents print, computed
// once, exactly (decimal.js), from an error-free dataset. Formats nothing.
import { Decimal, ZERO, sum } from '../model/decimal.js';
import type { Dataset } from '../model/dataset.js';
import { functionalName, type SubjectDictionary } from '../model/dictionary.js';
import type { Breakdown, ReportModel } from '../model/report.js';
import { completion, PRINTED_PRECISION, yearOverYear, type Precision } from './change.js';
import { completePriorThreePublic, completeTables, type CompletedTables } from './complete.js';
import { money, shares, type RoundingPolicy } from './money.js';
import { evaluationFigures, fundTotal, type GradeBand } from './evaluation.js';
import type { FigureMap } from '../forms/figures.js';
import type { CellRef } from '../forms/formula.js';
import { defaultFigures, FigureReader } from './figures.js';

export { completeTables } from './complete.js';
export * from './evaluation.js';
export { apportion, money, shares, toWan } from './money.js';
export { completion, PRINTED_PRECISION, yearOverYear, type Precision } from './change.js';

export interface DeriveOptions {
  /**
   * rules.md §8.1: each share rounded on its own (default), or by largest remainder so that a
   * breakdown's shares add up to 100.00 (a profile's opt-in). 万元 amounts are always rounded on their own.
   */
  readonly shareRounding: RoundingPolicy;
  /** 自评等级 bands of the profile (evaluation.md §3.2). */
  readonly gradeBands: readonly GradeBand[];
  /**
   * The form's semantic figures (forms/load.ts formFigures): which cells each figure the narrative
   * prints is read from. Absent: the default form's (yunnan-2021).
   */
  readonly figures?: FigureMap;
  /** The decimals the text prints 万元 and percentages with (profile wanDecimals, percentDecimals); default 2 and 2. */
  readonly precision?: Precision;
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
export function breakdown(total: Decimal, parts: readonly { key: string; label: string; yuan: Decimal }[], policy: RoundingPolicy, precision: Precision = PRINTED_PRECISION): Breakdown {
  const percents = shares(
    parts.map((p) => p.yuan),
    total,
    policy,
    precision.percent,
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

function subjectName(ds: Dataset, t: CompletedTables, dict: SubjectDictionary, code: string): string {
  const given = t.T05.byCode.get(code)?.name ?? t.T03.byCode.get(code)?.name ?? t.T02.byCode.get(code)?.name;
  if (given) return given;
  const s = dict.functional.get(code);
  return s ? functionalName(s, ds.department.year) : code;
}

function procurement(p: NonNullable<Dataset['procurement']>, precision: Precision): NonNullable<ReportModel['procurement']> {
  const goods = p.goods ?? ZERO;
  const works = p.works ?? ZERO;
  const services = p.services ?? ZERO;
  const total = goods.plus(works).plus(services);
  // each share of the total on its own: 中小企业 and 小微企业 overlap, they are not one breakdown
  const share = (v: Decimal | undefined) => (total.isZero() ? {} : { percent: shares([v ?? ZERO], total, 'independent', precision.percent)[0]! });
  return {
    total: money(total),
    goods: money(goods),
    works: money(works),
    services: money(services),
    sme: { amount: money(p.smeContracts ?? ZERO), ...share(p.smeContracts) },
    micro: { amount: money(p.microContracts ?? ZERO), ...share(p.microContracts) },
  };
}

/** The prior-year 三公 figure of the same row as `ref`'s cell (priorYear.threePublic is keyed by the table's 行次). */
function priorRow(rows: Readonly<Partial<Record<number, Decimal>>> | undefined, ref: CellRef | undefined): Decimal | undefined {
  const row = ref && /^r(?<n>\d+)$/.exec(ref.row)?.groups?.n;
  return row !== undefined ? rows?.[Number(row)] : undefined;
}

/** The change of `current` against a prior figure, when the prior figure is given. */
const changeFrom = (current: Decimal, prior: Decimal | undefined, precision: Precision) => (prior !== undefined ? { change: yearOverYear(current, prior, precision) } : {});

/**
 * The 三公 items the text names (七（二）, 自评情况 （五）), each read as `threePublic.actual.<item>`,
 * with its budget (`threePublic.budget.<item>`) where the form has one.
 */
const THREE_PUBLIC_ITEMS = ['abroad', 'vehicle', 'vehiclePurchase', 'vehicleOperation', 'reception', 'domesticReception', 'foreignAffairsReception', 'foreignReception'] as const;
const THREE_PUBLIC_PARTS = [
  { key: 'abroad', label: '因公出国（境）费' },
  { key: 'vehicle', label: '公务用车购置及运行维护费' },
  { key: 'reception', label: '公务接待费' },
] as const;

/**
 * Every figure the documents print, from the completed tables through the form's semantic figures
 * (options.figures; forms/figures.ts names them): no row or column of a particular form is named
 * here. Amounts exact in 元, 万元 rounded once (money), wording decided from the printed figures
 * (change.ts). `t` may be passed in when validation completed the tables already: they are
 * completed once per department.
 */
export function derive(
  ds: Dataset,
  dict: SubjectDictionary,
  options: DeriveOptions = defaultDeriveOptions,
  t: CompletedTables = completeTables(ds),
): ReportModel {
  const policy = options.shareRounding;
  const precision = options.precision ?? PRINTED_PRECISION;
  const yoy = (current: Decimal, prior: Decimal) => yearOverYear(current, prior, precision);
  const versusBudget = (actual: Decimal, budget: Decimal) => completion(actual, budget, precision);
  const year = ds.department.year;
  const f = new FigureReader(options.figures ?? defaultFigures(), t);
  const prior = ds.priorYear;

  const totalIncomeExpenditure = f.value('totalIncomeExpenditure');
  const incomeTotal = f.value('income.total');
  const incomeLines = f.lines('income.lines');
  const income = breakdown(
    incomeTotal,
    incomeLines.filter((l) => !l.yuan.isZero()),
    policy,
    precision,
  );
  const priorLines = prior.incomeLines ?? {};
  const incomeLineChanges = Object.fromEntries(
    incomeLines.filter((l) => priorLines[l.key] !== undefined).map((l) => [l.key, yoy(l.yuan, priorLines[l.key]!)]),
  );
  const expenditureTotal = f.value('expenditure.total');
  const expenditure = breakdown(expenditureTotal, f.lines('expenditure.lines'), policy, precision);

  const general = f.column('general.column');
  const generalTotal = f.value('general.total');
  const classes = general.rows.filter((r) => r.level === 'class' && !general.of(r).isZero());
  const generalByClass = breakdown(
    generalTotal,
    classes.map((r) => ({ key: r.code, label: classStem(subjectName(ds, t, dict, r.code)), yuan: general.of(r) })),
    policy,
    precision,
  );
  const budgetItems = ds.budget.items;
  const generalItems = general.rows
    .filter((r) => r.level === 'item' && !general.of(r).isZero())
    .map((r) => {
      const budget = budgetItems[r.code];
      return {
        code: r.code,
        path: [r.code.slice(0, 3), r.code.slice(0, 5), r.code].map((c) => subjectName(ds, t, dict, c)),
        amount: money(general.of(r)),
        ...(budget !== undefined ? { completion: versusBudget(general.of(r), budget) } : {}),
      };
    });
  const generalBudget = ds.budget.generalExpenditure ?? (Object.keys(budgetItems).length ? sum(Object.values(budgetItems)) : undefined);

  const actual3 = (item: string) => f.value(`threePublic.actual.${item}`);
  const budget3 = (item: string) => (f.has(`threePublic.budget.${item}`) ? f.value(`threePublic.budget.${item}`) : undefined);
  const prior3 = completePriorThreePublic(prior.threePublic);
  const threeItem = (item: string) => {
    const budget = budget3(item);
    return {
      amount: money(actual3(item)),
      ...(budget !== undefined ? { completion: versusBudget(actual3(item), budget) } : {}),
      ...changeFrom(actual3(item), priorRow(prior3, f.cell(`threePublic.actual.${item}`)), precision),
    };
  };
  const threeTotal = actual3('total');
  const threeBudget = f.value('threePublic.budget.total');
  const priorBudget3 = priorRow(prior.threePublicBudget, f.cell('threePublic.budget.total'));
  const priorActual3 = priorRow(prior3, f.cell('threePublic.actual.total'));
  const agencyOperation = f.value('agencyOperation');
  const appropriationTotal = f.value('appropriation.total');
  const appropriationCells = new Set(f.cells('income.appropriation').map((c) => `${c.table}.${c.row}.${c.col ?? ''}`));
  const isAppropriation = (line: { key: string }) => {
    const c = f.lineCell('income.lines', line.key);
    return appropriationCells.has(`${c.table}.${c.row}.${c.col ?? ''}`);
  };

  const model: ReportModel = {
    dataset: ds,
    tables: t,
    year,
    priorYear: year - 1,
    totalIncomeExpenditure: money(totalIncomeExpenditure),
    ...(prior.totalIncomeExpenditure ? { totalChange: yoy(totalIncomeExpenditure, prior.totalIncomeExpenditure) } : {}),
    income,
    ...(prior.totalIncome ? { incomeChange: yoy(incomeTotal, prior.totalIncome) } : {}),
    incomeLineChanges,
    expenditure,
    ...(prior.totalExpenditure ? { expenditureChange: yoy(expenditureTotal, prior.totalExpenditure) } : {}),
    carryover: {
      begin: money(f.value('carryover.begin')),
      end: money(f.value('carryover.end')),
      nonFiscalBalance: money(f.value('income.nonFiscalBalance')),
      balanceDistribution: money(f.value('expenditure.balanceDistribution')),
    },
    appropriationTotal: money(appropriationTotal),
    ...(prior.appropriationTotal ? { appropriationChange: yoy(appropriationTotal, prior.appropriationTotal) } : {}),
    generalExpenditure: money(generalTotal),
    ...(expenditureTotal.isZero() ? {} : { generalShareOfExpenditure: shares([generalTotal], expenditureTotal, 'independent', precision.percent)[0]! }),
    ...(prior.generalExpenditure ? { generalChange: yoy(generalTotal, prior.generalExpenditure) } : {}),
    generalByClass,
    generalItems,
    ...(generalBudget !== undefined ? { generalCompletion: versusBudget(generalTotal, generalBudget) } : {}),
    basic: { total: money(f.value('basic.total')), personnel: money(f.value('basic.personnel')), operating: money(f.value('basic.operating')) },
    threePublic: {
      breakdown: breakdown(
        threeTotal,
        THREE_PUBLIC_PARTS.map((p) => ({ ...p, yuan: actual3(p.key) })),
        policy,
    precision,
      ),
      completion: versusBudget(threeTotal, threeBudget),
      items: Object.fromEntries(THREE_PUBLIC_ITEMS.map((item) => [item, threeItem(item)])) as ReportModel['threePublic']['items'],
      ...(priorBudget3 !== undefined ? { budgetChange: yoy(threeBudget, priorBudget3) } : {}),
      budget: {
        total: money(threeBudget),
        abroad: money(budget3('abroad') ?? ZERO),
        vehiclePurchase: money(budget3('vehiclePurchase') ?? ZERO),
        vehicleOperation: money(budget3('vehicleOperation') ?? ZERO),
        reception: money(budget3('reception') ?? ZERO),
      },
      ...(priorActual3 !== undefined ? { change: yoy(threeTotal, priorActual3) } : {}),
      counts: {
        groups: f.count('threePublic.count.groups'),
        travellers: f.count('threePublic.count.travellers'),
        purchased: f.count('threePublic.count.purchased'),
        fleetSize: f.count('threePublic.count.fleetSize'),
        domesticBatches: f.count('threePublic.count.domesticBatches'),
        foreignAffairsBatches: f.count('threePublic.count.foreignAffairsBatches'),
        domesticPeople: f.count('threePublic.count.domesticPeople'),
        foreignAffairsPeople: f.count('threePublic.count.foreignAffairsPeople'),
      },
    },
    govFundExpenditure: money(f.value('govFund.total')),
    stateCapitalExpenditure: money(f.value('stateCapital.total')),
    agencyOperation: money(agencyOperation),
    ...(prior.agencyOperation !== undefined ? { agencyOperationChange: yoy(agencyOperation, prior.agencyOperation) } : {}),
    ...(ds.procurement ? { procurement: procurement(ds.procurement, precision) } : {}),
    ...(ds.threePublicDetails?.vehiclePurchases
      ? { vehiclePurchases: Object.fromEntries(Object.entries(ds.threePublicDetails.vehiclePurchases).map(([k, v]) => [k, { count: v!.count, amount: money(v!.amount) }])) }
      : {}),
    receptionItems: (ds.threePublicDetails?.receptionItems ?? []).map((r) => ({ purpose: r.purpose, amount: money(r.amount) })),
    ...(ds.assets?.vehicles ? { vehicleTotal: Object.values(ds.assets.vehicles).reduce((s, n) => s + (n ?? 0), 0) } : {}),
    evaluation: evaluationFigures(ds.selfEvaluation, options.gradeBands),
    fields: Object.fromEntries(Object.entries(ds.formFields ?? {}).map(([k, v]) => [k, typeof v === 'number' ? new Decimal(v) : v])),
    incomeByKind: breakdown(
      incomeTotal,
      [{ key: 'appropriation', label: '财政拨款', yuan: f.value('income.appropriation') }, ...incomeLines.filter((l) => !isAppropriation(l))].filter((p) => !p.yuan.isZero()),
      policy,
    precision,
    ),
    budget: {
      ...(ds.budget.initial ? { initial: money(ds.budget.initial) } : {}),
      ...(ds.budget.ownFunds ? { ownFunds: money(ds.budget.ownFunds) } : {}),
      ...(ds.budget.adjusted ? { adjusted: money(ds.budget.adjusted) } : {}),
    },
    projects: (ds.selfEvaluation?.projects ?? []).map((p) => {
      const fund = fundTotal(p.funds);
      return { name: p.name ?? '', completion: versusBudget(fund.executed, fund.annualBudget) };
    }),
  };
  return model;
}
