// The department dataset: everything one department's YAML (or Excel) file says, typed, with
// amounts as exact decimals in 元. Readers build it; validate and derive read it; nothing changes it.
// Keys of the table parts follow rules.md §0.1 (r27 = 行次 27, c3 = 栏次 3).
import type { Annexes } from './annexes.js';
import type { Decimal } from './decimal.js';
import type { SourceRef } from './finding.js';
import type { Form } from './form.js';

export type Scope = '本级' | '汇总';
export type UnitKind = '行政单位' | '参公事业单位' | '其他事业单位';

export interface DepartmentInfo {
  readonly name: string;
  readonly shortName?: string;
  /** 部门（单位）编码: stable from year to year, it pairs the department with its prior-year file. */
  readonly code?: string;
  /** ISO date written into the files' metadata (reproducible output); absent: 12-31 of the report year. */
  readonly reportDate?: string;
  readonly year: number;
  readonly scope?: Scope;
  readonly profile?: string;
  readonly units: readonly { readonly name: string; readonly kind?: UnitKind }[];
}

export interface Overview {
  readonly functions?: string;
  readonly keyWork?: string;
  readonly organization?: {
    readonly subordinateUnits?: number;
    readonly administrative?: number;
    readonly civilServiceManaged?: number;
    readonly publicInstitution?: number;
  };
}

/** Cells of one row by column number (栏次); a missing column is blank (0). */
export type Cells = Readonly<Record<number, Decimal>>;

/** A row of a code table (02, 03, 05, 政府性基金, 国有资本经营) as given in the input. */
export interface CodeRow {
  readonly code: string; // '201', '20104', '2010401', or 'total' for the 合计 row
  readonly name?: string;
  readonly cells: Cells;
}

/** A code table as given: 项 rows are primary; 类/款/合计 rows are optional stated totals. */
export interface CodeTable {
  readonly rows: readonly CodeRow[]; // in input order, 'total' included when given
}

export interface Tables {
  readonly T01?: Readonly<Record<number, Decimal>>;
  readonly T02?: CodeTable;
  readonly T03?: CodeTable;
  /** Left side r1–r32: one amount; right side r33–r64: cells c2–c5. */
  readonly T04?: { readonly left: Readonly<Record<number, Decimal>>; readonly right: Readonly<Record<number, Cells>> };
  readonly T05?: CodeTable;
  readonly TGF?: CodeTable;
  readonly TSOE?: CodeTable;
  readonly T06?: {
    readonly items: Readonly<Record<string, Decimal>>; // 经济分类 code (3 or 5 digits) → amount
    readonly personnelTotal?: Decimal;
    readonly operatingTotal?: Decimal;
  };
  readonly T3G?: Readonly<Record<number, Cells>>;
  /**
   * Every other table of the department's form, generically: table key (TPX, T3G1, TAS …) → row →
   * column. A row is `r<行次>` (fixed rows) or an 经济分类 code (panels tables); a one-amount row
   * holds its amount in column 1. Which tables, rows and columns exist is the form's (forms/layout.ts).
   */
  readonly generic?: Readonly<Record<string, GenericTable>>;
}

/** A fixed-row table held generically: row (`r3`, `30101`) → cells by 栏次 (amounts in 元, counts as integers). */
export type GenericTable = Readonly<Record<string, Cells>>;

/** Row numbers of the 三公 table used for prior-year and budget figures (T3G r2–r7, r22). */
export type ThreePublicRows = Readonly<Partial<Record<number, Decimal>>>;

export interface PriorYear {
  readonly totalIncomeExpenditure?: Decimal;
  readonly totalIncome?: Decimal;
  /** Last year's income lines (元), by the key of the form's income.lines (generalBudget, other …). */
  readonly incomeLines?: Readonly<Record<string, Decimal>>;
  readonly totalExpenditure?: Decimal;
  readonly appropriationTotal?: Decimal;
  readonly generalExpenditure?: Decimal;
  readonly threePublic?: ThreePublicRows;
  readonly threePublicBudget?: ThreePublicRows;
  readonly agencyOperation?: Decimal;
}

export interface BudgetFigures {
  readonly initial?: Decimal;
  readonly ownFunds?: Decimal;
  readonly adjusted?: Decimal;
  readonly generalExpenditure?: Decimal;
  readonly items: Readonly<Record<string, Decimal>>;
}

export type ExplanationKey =
  | 'totalChange'
  | 'incomeChange'
  | 'expenditureChange'
  | 'appropriationChange'
  | 'generalExpenditureChange'
  | 'threePublicBudgetGap'
  | 'threePublicBudgetChange'
  | 'threePublicChange'
  | 'abroadChange'
  | 'vehicleChange'
  | 'receptionChange'
  | 'govFund'
  | 'agencyOperationChange';

export interface Explanations extends Readonly<Partial<Record<ExplanationKey, string>>> {
  readonly items: Readonly<Record<string, string>>;
  /** Why an income line changed against last year, by the line's key (figures income.lines): 第二部分 二. */
  readonly incomeLines?: Readonly<Record<string, string>>;
}

export interface ThreePublicDetails {
  readonly vehiclePurchases?: Readonly<Partial<Record<'sedan' | 'suv' | 'bus', { readonly count: number; readonly amount: Decimal }>>>;
  readonly fleet: readonly { readonly type: string; readonly count: number }[];
  readonly vehicleUse?: string;
  readonly receptionUse?: string;
  readonly receptionItems: readonly { readonly purpose: string; readonly amount: Decimal }[];
}

export interface Procurement {
  readonly goods?: Decimal;
  readonly works?: Decimal;
  readonly services?: Decimal;
  readonly smeContracts?: Decimal;
  readonly microContracts?: Decimal;
  readonly use?: string;
}

export interface Assets {
  readonly vehicles?: Readonly<Partial<Record<'leaders' | 'confidential' | 'emergency' | 'other' | 'special', number>>>;
  readonly otherVehicleUse?: string;
  readonly generalEquipment50?: number;
  readonly specialEquipment100?: number;
}

export interface PerformanceManagement {
  readonly preAssessed?: { readonly count?: number; readonly projects: readonly string[] };
  readonly monitored?: number;
  readonly selfEvaluated?: number;
  readonly departmentConclusion?: string;
  readonly ownEvaluations?: { readonly count?: number; readonly conclusion?: string };
}

// ---------------------------------------------------------------- 绩效自评

/** 指标值 / 实际完成值: the text as typed, and its reading as a number or a date when it is one. */
export interface IndicatorValue {
  readonly text: string;
  readonly number?: Decimal;
  readonly date?: string; // ISO yyyy-mm-dd
}

export interface Indicator {
  readonly level1?: string;
  readonly level2?: string;
  readonly name?: string;
  readonly operator?: string;
  readonly target?: IndicatorValue;
  readonly unit?: string;
  readonly actual?: IndicatorValue;
  readonly weight?: Decimal;
  readonly score?: Decimal;
  readonly deviation?: string;
}

export interface FundFigures {
  readonly initialBudget?: Decimal;
  readonly annualBudget?: Decimal;
  readonly executed?: Decimal;
}

export type FundRow = 'total' | 'currentFiscal' | 'priorCarryover' | 'other';

export interface ProjectEvaluation {
  readonly name?: string;
  readonly competentDept?: string;
  readonly implementingUnit?: string;
  readonly funds: Readonly<Partial<Record<FundRow, FundFigures>>>;
  readonly otherFundsLabel?: '其他资金' | '非财政拨款';
  readonly fundsRemark?: string;
  readonly rateWeight?: Decimal;
  readonly rate?: Decimal; // as printed
  readonly rateScore?: Decimal; // as printed
  readonly goals?: { readonly expected?: string; readonly actual?: string };
  readonly indicatorSubtotal?: { readonly weight?: Decimal; readonly score?: Decimal };
  readonly indicators: readonly Indicator[];
  readonly otherNotes?: string;
  readonly totalScore?: Decimal; // as printed
  readonly grade?: string; // as printed
  readonly notes?: string; // footnotes as printed under the table
}

export interface DepartmentTask {
  readonly name?: string;
  readonly level?: string;
  readonly content?: string;
  readonly total?: Decimal;
  readonly fiscal?: Decimal;
  readonly other?: Decimal;
  readonly actual?: Decimal;
  readonly rate?: Decimal;
  readonly reason?: string;
}

/**
 * Rows of the 部门预算资金（元） block of the 2024 部门整体支出绩效自评表 (evaluation.md §1.2):
 * 年度资金总额, 基本支出, 项目支出 and its parts 当年财政拨款 / 上年结转资金 / 非财政拨款.
 */
export type DepartmentBudgetRow = 'total' | 'basic' | 'project' | 'currentFiscal' | 'priorCarryover' | 'nonFiscal';

/**
 * One row of the 部门预算资金 block as typed, amounts in 元 (converted when the section is in 万元).
 * 预算确定数 and 执行率 may be left out: derive computes them (rules.md EW24-BUD, EW24-RATE) and the
 * validator checks them when given. 预算调整数 may be negative (调减); 执行数 is 系统提取, an input.
 */
export interface DepartmentBudgetFigures {
  /** 年初预算数 */
  readonly initialBudget?: Decimal;
  /** 预算调整数（调增为“+”；调减为“-”） */
  readonly adjustment?: Decimal;
  /** 预算确定数 as typed */
  readonly finalBudget?: Decimal;
  /** 执行数（系统提取） */
  readonly executed?: Decimal;
  /** 执行率(%) as typed */
  readonly rate?: Decimal;
  /** 情况说明 */
  readonly remark?: string;
}

export interface DepartmentEvaluation {
  /** 部门预算资金（元） block of the 2024 layout (evaluation.md §1.2); absent in the 2021 layout. */
  readonly budget?: Readonly<Partial<Record<DepartmentBudgetRow, DepartmentBudgetFigures>>>;
  /** 部门年度目标 of the 2024 layout: one text (2021 has three years in annualGoals). */
  readonly annualGoal?: string;
  readonly name?: string;
  readonly duties?: string;
  readonly overallGoal?: string;
  readonly annualGoals: readonly { readonly year?: number; readonly goal?: string; readonly actual?: string }[];
  readonly tasks: readonly DepartmentTask[];
  readonly taskTotal?: { readonly total?: Decimal; readonly fiscal?: Decimal; readonly other?: Decimal; readonly actual?: Decimal; readonly rate?: Decimal };
  readonly indicators: readonly Indicator[];
  readonly otherNotes?: string;
}

export type ReportPart =
  | 'overview'
  | 'goalSetting'
  | 'budgetManagement'
  | 'purpose'
  | 'preparation'
  | 'implementation'
  | 'conclusion'
  | 'problems'
  | 'application'
  | 'experience'
  | 'other';

export interface SelfEvaluation {
  /** Unit the amounts of this section were typed in; the dataset holds 元 either way. */
  readonly amountUnit: 'yuan' | 'wan';
  readonly report?: Readonly<Partial<Record<ReportPart, string>>>;
  readonly department?: DepartmentEvaluation;
  readonly projects: readonly ProjectEvaluation[];
}

export interface Dataset {
  readonly file: string;
  readonly department: DepartmentInfo;
  readonly overview?: Overview;
  readonly tables: Tables;
  readonly priorYear: PriorYear;
  readonly budget: BudgetFigures;
  readonly explanations: Explanations;
  readonly threePublicDetails?: ThreePublicDetails;
  /** The counts and texts the department's form declares under `fields` (model/form.ts FormField), by name. */
  readonly formFields?: Readonly<Record<string, number | string>>;
  readonly procurement?: Procurement;
  readonly assets?: Assets;
  readonly performanceManagement?: PerformanceManagement;
  readonly glossary?: { readonly otherIncome?: string };
  readonly selfEvaluation?: SelfEvaluation;
  /** The profile's annexes (附件1/附件2 of the Sichuan profile): model/annexes.ts. */
  readonly annexes?: Annexes;
  /**
   * Last year's file of the same department, when the build paired one (`--prior`): its figures fill
   * `priorYear`, and its sources are under `prior.` in `sources` (`prior.tables.T01.r59`).
   */
  readonly prior?: LinkedPrior;
  /** Where each value came from, keyed by its input path (`tables.T05.2010401.c7`). */
  readonly sources: Readonly<Record<string, SourceRef>>;
}

/** A department's prior-year file, paired with this year's (derive/prior.ts linkPrior). */
export interface LinkedPrior {
  readonly dataset: Dataset;
  /** This year's `priorYear` section as typed, before the prior file's figures filled it. */
  readonly typed: PriorYear;
  /**
   * The form last year's file is in (its profile's form for its year): its figures say which cell
   * gives each prior-year figure (the 2024 三公 决算 is 栏次3, the 2021 one 栏次2). Absent: the 2021 form's.
   */
  readonly form?: Form;
}
