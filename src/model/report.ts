// The report model: the dataset plus every derived figure the documents print. Derive builds it;
// compose reads it. Decisions are enums (direction, comparison), never words; numbers are Decimal,
// already rounded where the rounding is a decision (万元 display, percentages).
import type { Decimal } from './decimal.js';
import type { Dataset } from './dataset.js';
import type { CompletedTables } from '../derive/complete.js';

/** An amount in both units: 元 exact, 万元 as displayed (roundHalfUp(元 / 10000, 2), never adjusted). */
export interface Money {
  readonly yuan: Decimal;
  readonly wan: Decimal;
}

export type Direction = 'increase' | 'decrease' | 'flat' | 'new';

/** Year-over-year change (narrative.md A.1): wording decided from the displayed 万元 amounts. */
export interface Change {
  readonly current: Money;
  readonly prior: Money;
  readonly direction: Direction;
  /** |Δ|, displayed in 万元. */
  readonly amount: Money;
  /** |Δ| / prior × 100, 2 decimals; absent for 'new' and 'flat'. */
  readonly rate?: Decimal;
}

export type Comparison = 'below' | 'above' | 'equal';

/** 决算 against 预算 (完成预算 X%). */
export interface Completion {
  readonly actual: Money;
  readonly budget: Money;
  /** actual / budget × 100, 2 decimals; absent when the budget is 0. */
  readonly percent?: Decimal;
  readonly comparison: Comparison;
  /** |actual − budget|, 万元 the rounding of its own value (比预算减少X万元); 0 when 'equal'. */
  readonly difference: Money;
}

export interface SharePart {
  readonly key: string;
  readonly label: string;
  readonly amount: Money;
  /** Share of the total in %, 2 decimals, rounded on its own (or by largest remainder where the profile opts in). */
  readonly percent: Decimal;
}

export interface Breakdown {
  readonly total: Money;
  readonly parts: readonly SharePart[];
}

/** One fund row of a 项目支出绩效自评表, in both units, with its 执行率. */
export interface FundRowFigures {
  readonly initialBudget: Money;
  readonly annualBudget: Money;
  readonly executed: Money;
  readonly rate?: Decimal;
}

export interface ProjectFigures {
  readonly funds: Readonly<Record<'total' | 'currentFiscal' | 'priorCarryover' | 'other', FundRowFigures>>;
  readonly rate?: Decimal;
  readonly rateWeight: Decimal;
  /** 执行率得分; absent when the project gives no 执行数 (printed blank; the 总分 counts it as 0). */
  readonly rateScore?: Decimal;
  readonly indicatorWeight: Decimal;
  readonly indicatorScore: Decimal;
  readonly totalScore: Decimal;
  readonly grade: string;
}

export interface DepartmentTaskFigures {
  readonly total: Money;
  readonly fiscal: Money;
  readonly other: Money;
  readonly actual: Money;
  readonly rate?: Decimal;
}

/**
 * One row of the 部门预算资金（元） block (2024 整体表, evaluation.md §1.2): 预算确定数 as typed or
 * 年初预算数 + 预算调整数 (EW24-BUD); 执行率 = roundHalfUp(执行数 / 预算确定数 × 100, 2) (EW24-RATE),
 * absent without an 执行数 or with a zero 预算确定数.
 */
export interface DepartmentBudgetRowFigures {
  readonly initialBudget: Money;
  readonly adjustment: Money;
  readonly finalBudget: Money;
  readonly executed: Money;
  readonly rate?: Decimal;
}

export interface EvaluationFigures {
  /** 部门预算资金 block of the 2024 整体表, every row (a row left out is the sum of its parts, EW24-SUM). */
  readonly departmentBudget?: Readonly<Record<'total' | 'basic' | 'project' | 'currentFiscal' | 'priorCarryover' | 'nonFiscal', DepartmentBudgetRowFigures>>;
  /** Same order as dataset.selfEvaluation.projects. */
  readonly projects: readonly ProjectFigures[];
  readonly tasks: readonly DepartmentTaskFigures[];
  readonly taskTotal?: DepartmentTaskFigures;
}

export interface ReportModel {
  readonly dataset: Dataset;
  readonly tables: CompletedTables;
  readonly year: number;
  readonly priorYear: number;
  /** 第二部分 一：收、支总计 and its change. */
  readonly totalIncomeExpenditure: Money;
  readonly totalChange?: Change;
  /** 二：本年收入合计 by 01表 income line (non-zero lines). */
  readonly income: Breakdown;
  readonly incomeChange?: Change;
  /** Each income line's change against priorYear.incomeLines, by the line's key (figures income.lines); lines without a prior figure are absent. */
  readonly incomeLineChanges: Readonly<Record<string, Change>>;
  /** 三：本年支出合计 by 03表 column (all five). */
  readonly expenditure: Breakdown;
  /** 本年支出合计 against priorYear.totalExpenditure (figure expenditure.total). */
  readonly expenditureChange?: Change;
  /**
   * 年初/年末结转和结余 (figures carryover.begin, carryover.end), 使用非财政拨款结余
   * (income.nonFiscalBalance) and 结余分配 (expenditure.balanceDistribution).
   */
  readonly carryover: { readonly begin: Money; readonly end: Money; readonly nonFiscalBalance: Money; readonly balanceDistribution: Money };
  /** 四：财政拨款收、支总计. */
  readonly appropriationTotal: Money;
  readonly appropriationChange?: Change;
  /** 五（一）：一般公共预算财政拨款支出, its share of 本年支出合计 and change. */
  readonly generalExpenditure: Money;
  readonly generalShareOfExpenditure?: Decimal;
  readonly generalChange?: Change;
  /** 五（二）：by 类. */
  readonly generalByClass: Breakdown;
  /** 五（三）：by 项 with completion against the 全年预算数. */
  readonly generalItems: readonly { readonly code: string; readonly path: readonly string[]; readonly amount: Money; readonly completion?: Completion }[];
  readonly generalCompletion?: Completion;
  /** 六：基本支出 = 人员经费 + 日常公用经费. */
  readonly basic: { readonly total: Money; readonly personnel: Money; readonly operating: Money };
  /** 七：“三公”经费 (决算统计数) by item, completion against the budget, change against last year. */
  readonly threePublic: {
    readonly breakdown: Breakdown;
    readonly completion: Completion;
    readonly items: Readonly<Record<'abroad' | 'vehicle' | 'vehiclePurchase' | 'vehicleOperation' | 'reception' | 'domesticReception' | 'foreignAffairsReception' | 'foreignReception', { readonly amount: Money; readonly completion?: Completion; readonly change?: Change }>>;
    readonly budgetChange?: Change;
    readonly change?: Change;
    /** 预算数 of each item (figures threePublic.budget.*), for the 自评情况 （五）. */
    readonly budget: Readonly<Record<'total' | 'abroad' | 'vehiclePurchase' | 'vehicleOperation' | 'reception', Money>>;
    /** 相关统计数 (figures threePublic.count.*): 团组 个, 人次 人, 车辆 辆, 批次 个. */
    readonly counts: Readonly<Record<'groups' | 'travellers' | 'purchased' | 'fleetSize' | 'domesticBatches' | 'foreignAffairsBatches' | 'domesticPeople' | 'foreignAffairsPeople', Decimal>>;
  };
  /** 本年收入 with the three 财政拨款 lines as one (自评情况 （三）): 财政拨款, then each other non-zero line. */
  readonly incomeByKind: Breakdown;
  /** 年初预算批复, 其中本级财力, 调整预算 (自评情况 （三）). */
  readonly budget: { readonly initial?: Money; readonly ownFunds?: Money; readonly adjusted?: Money };
  readonly govFundExpenditure: Money;
  readonly stateCapitalExpenditure: Money;
  readonly agencyOperation: Money;
  readonly agencyOperationChange?: Change;
  /** 十（二）政府采购: total = 货物 + 工程 + 服务; shares of the contracts awarded to SMEs and micro firms. */
  readonly procurement?: {
    readonly total: Money;
    readonly goods: Money;
    readonly works: Money;
    readonly services: Money;
    readonly sme: { readonly amount: Money; readonly percent?: Decimal };
    readonly micro: { readonly amount: Money; readonly percent?: Decimal };
  };
  /** 七（二）2: vehicles bought this year by type (count, amount). */
  readonly vehiclePurchases?: Readonly<Partial<Record<'sedan' | 'suv' | 'bus', { readonly count: number; readonly amount: Money }>>>;
  /** 七（二）3: the itemised domestic receptions. */
  readonly receptionItems: readonly { readonly purpose: string; readonly amount: Money }[];
  /** 十（三）: vehicles held, all categories. */
  readonly vehicleTotal?: number;
  readonly evaluation: EvaluationFigures;
  /** The counts (Decimal) and texts the form's `fields` ask for, as the department gave them (formFields), by name. */
  readonly fields: Readonly<Record<string, Decimal | string>>;
  /** 十（四）: each project's 全年预算数, 执行数 and completion (from its 项目支出绩效自评表). */
  readonly projects: readonly { readonly name: string; readonly completion: Completion }[];
}
