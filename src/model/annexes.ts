// The input of a profile's annexes (附件) — for the Sichuan profile 附件1 部门预算整体绩效自评报告 and
// 附件2 项目支出绩效自评报告 with its 项目支出绩效评价得分表 (narrative.md A.7, evaluation.md §5). Amounts
// are 元 (Decimal, exact to the fen); scores and weights are plain decimals (分). Free texts are the
// department's own words for each part of the outline; every figure the text prints is derived
// (derive/annexes.ts) and checked (validate/rules/annexes.ts).
import type { Decimal } from './decimal.js';

/** One amount of a breakdown: a 功能科目 (`code`) or a project, in 元. */
export interface AnnexItem {
  readonly name: string;
  /** 功能分类 项 code (7 digits) when the item is a subject (F2). */
  readonly code?: string;
  readonly amount?: Decimal;
  /** F3: `false` prints 〔未完成〕 and leaves the project out of the completed count. */
  readonly completed?: boolean;
}

/** 固定资产情况 (F1, rules.md N-FA): 期末账面数 in 元; shares are over `net`. */
export interface FixedAssets {
  /** 含… (the sub-units whose assets are included), as printed in brackets. */
  readonly includes?: string;
  /** 原值 */
  readonly original?: Decimal;
  /** 净值: the base of every share. */
  readonly net?: Decimal;
  /** 土地、房屋及构筑物 */
  readonly land?: Decimal;
  /** 其中：房屋 */
  readonly buildings?: Decimal;
  /** 通用设备 */
  readonly general?: Decimal;
  /** 其中：车辆 */
  readonly vehicles?: Decimal;
  /** 其中：单价50万（含）以上（不含车辆）设备 */
  readonly equipment50?: Decimal;
  /** 专用设备 (0 or absent prints 无专用设备) */
  readonly special?: Decimal;
  /** 其中：单价100万（含）以上设备 (0 or absent prints 无单价100万（含）以上设备) */
  readonly special100?: Decimal;
  /** 家具、用具、装具及动植物 */
  readonly furniture?: Decimal;
}

/** 基本支出安排 (F2): 人员经费 + 日常公用经费 = 基本支出 = Σ 功能科目. */
export interface BasicArrangement {
  /** The sub-unit's name; absent for the department itself. */
  readonly name?: string;
  readonly total?: Decimal;
  readonly personnel?: Decimal;
  readonly operating?: Decimal;
  readonly items: readonly AnnexItem[];
}

/** 年初部门预算项目 (F3): Σ items = total. */
export interface InitialProjects {
  readonly total?: Decimal;
  readonly items: readonly AnnexItem[];
  /** A closing sentence (其中：无线电监测站年初预算项目支出为…). */
  readonly note?: string;
}

/** 追加预算 (F4). */
export interface Supplementary {
  readonly amount?: Decimal;
  /** 人员经费 / 公用经费 … */
  readonly kind?: string;
  readonly units: readonly { readonly name: string; readonly amount?: Decimal }[];
}

/** One 专项资金 item (F5): 支出完成率 = spent / amount. */
export interface SpecialFund {
  readonly name: string;
  readonly amount?: Decimal;
  /** 支出 (absent: the whole amount was spent). */
  readonly spent?: Decimal;
  /** 结转: when given, the sentence names 支出 and 结转 and spent + carried = amount. */
  readonly carried?: Decimal;
}

/** The 绩效目标完成情况 of one list (市级 or 上级 projects). */
export interface GoalList {
  readonly items: readonly { readonly name: string; readonly text?: string; readonly completed?: boolean }[];
}

/** 附件1 部门预算整体绩效自评报告. */
export interface DepartmentAnnex {
  /** 基本职能 (absent: overview.functions). */
  readonly functions?: string;
  readonly fixedAssets?: FixedAssets;
  /** The department first, then each sub-unit (其中：…). */
  readonly basic: readonly BasicArrangement[];
  readonly projects?: InitialProjects;
  readonly supplementary?: Supplementary;
  readonly special: readonly SpecialFund[];
  /** 二（四）其他需要说明的情况 */
  readonly fundNotes?: string;
  /** 三（一）1 after the figures: how the initial projects' goals were met. */
  readonly initialGoals?: string;
  readonly cityGoals?: GoalList;
  readonly upperGoals?: GoalList;
  /** 三（二）满意度指标完成情况分析 */
  readonly satisfaction?: string;
  /** 三（三）其他需要说明的情况 */
  readonly otherNotes?: string;
  /** 三（四）自评结论 */
  readonly conclusion?: string;
  /** 四（一）偏离绩效目标的原因 */
  readonly deviationReasons?: string;
  /** 四（二）下一步改进措施 */
  readonly improvements?: string;
}

/** One row of the 得分表 tree: 一级 / 二级 / 三级 指标 with 分值 and 得分 (evaluation.md §5). */
export interface ScoreNode {
  readonly name: string;
  /** 分值; absent on an optional row that was not chosen. */
  readonly weight?: Decimal;
  /** 得分 (三级 only). */
  readonly score?: Decimal;
  /** An optional 项目效益 row (经济效益（可选项）…): chosen when it has a 分值. */
  readonly optional?: boolean;
  /** Printed instead of 「N分」 in the label's bracket (特性指标70分). */
  readonly weightLabel?: string;
  readonly children: readonly ScoreNode[];
  /** Input path (`annexes.projects[0].scoreSheet.indicators[2]`) for findings. */
  readonly path: string;
}

/** 附件2 项目支出绩效自评报告 of one project. */
export interface ProjectAnnex {
  readonly name: string;
  /** 一（一）1．项目基本情况 */
  readonly basics?: string;
  /** 一（一）2．项目立项、资金申报的依据 */
  readonly basis?: string;
  /** 一（一）3．资金分配的原则及考虑因素 */
  readonly allocation?: string;
  /** 一（二）项目绩效目标, one entry a numbered line */
  readonly goals: readonly string[];
  /** 一（三）项目自评步骤及方法 */
  readonly method?: string;
  /** 二（一）项目资金申报及批复情况 */
  readonly approval?: string;
  /** 二（二）1．资金计划 */
  readonly plan?: string;
  /** 二（二）2．资金到位: the sources, Σ = the 到位 total */
  readonly sources: readonly { readonly name: string; readonly amount?: Decimal }[];
  /** 到位 total as the department typed it (checked against Σ sources). */
  readonly arrived?: Decimal;
  /** 二（二）3．资金使用 */
  readonly use?: string;
  /** 二（三）项目财务管理情况 */
  readonly finance?: string;
  /** 三、项目实施及管理情况 */
  readonly implementation?: string;
  /** 四（一）项目完成情况 */
  readonly completion?: string;
  /** 四（二）项目效益情况 */
  readonly benefit?: string;
  /** 五（一）the 得分表's 单位名称/项目名称 cell (absent: 简称 + 项目名称) */
  readonly unitProject?: string;
  /** The 得分表 tree: the 一级指标 rows. */
  readonly scores: readonly ScoreNode[];
  /** Total score as typed (checked: = Σ 三级得分). */
  readonly totalScore?: Decimal;
  /** 五（二）存在的问题 */
  readonly problems?: string;
  /** 五（三）相关建议 */
  readonly suggestions?: string;
}

/** The annexes' data of a department file (`annexes:`). */
export interface Annexes {
  readonly department?: DepartmentAnnex;
  readonly projects: readonly ProjectAnnex[];
}

/** The free texts of the annexes, by key, in words (for a draft's placeholder: 请填写附件…). */
export const ANNEX_TEXTS: Readonly<Record<string, string>> = {
  fixedAssets: '附件1 一（二）固定资产情况（annexes.department.fixedAssets）',
  fundNotes: '附件1 二（四）其他需要说明的情况',
  initialGoals: '附件1 三（一）1.年初部门预算绩效目标完成情况',
  satisfaction: '附件1 三（二）满意度指标完成情况分析',
  otherNotes: '附件1 三（三）其他需要说明的情况',
  conclusion: '附件1 三（四）自评结论',
  deviationReasons: '附件1 四（一）偏离绩效目标的原因',
  improvements: '附件1 四（二）下一步改进措施',
  basics: '附件2 一（一）1．项目基本情况',
  basis: '附件2 一（一）2．项目立项、资金申报的依据',
  allocation: '附件2 一（一）3．资金分配的原则及考虑因素',
  goals: '附件2 一（二）项目绩效目标',
  method: '附件2 一（三）项目自评步骤及方法',
  approval: '附件2 二（一）项目资金申报及批复情况',
  plan: '附件2 二（二）1．资金计划',
  use: '附件2 二（二）3．资金使用',
  finance: '附件2 二（三）项目财务管理情况',
  implementation: '附件2 三、项目实施及管理情况',
  completion: '附件2 四（一）项目完成情况',
  benefit: '附件2 四（二）项目效益情况',
  problems: '附件2 五（二）存在的问题',
  suggestions: '附件2 五（三）相关建议',
};
