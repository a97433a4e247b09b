// The sheets of the fill-in workbook that are not 公开表: what each asks for, under which input path
// (the paths of the YAML format, docs/input-format.md), with the words the officer reads. The
// workbook generator lays these sheets out from this list; the Excel reader reads them back through
// the keys the generator writes into each sheet (a hidden key column and a hidden key row above each
// block's header), so a row or column moved by the officer is still read at its place.
//
// Keys in a sheet. Column A holds the row key; each block starts with a hidden row whose column A is
// `@` and whose other cells hold the column keys. A cell's input path is the row key with the column
// key put in place of `*` (`priorYear.*.r2` + `threePublic`), else appended (`department.units[]` +
// `name`); the column key `.` is the row key itself; `{}` marks the column holding a map's key (a
// 科目编码); an empty column key is a label or a formula, never read. `[]` is the next element of a
// list (only rows with something typed count), `{}` the map key typed in that row; in a 项目自评 sheet
// `selfEvaluation.projects[]` is the project of that sheet.
import { EXPLANATION_FIELDS } from '../model/explanations.js';
import { defaultFigures, defaultForm } from '../derive/figures.js';

/** The income lines of the default form (figures income.lines): keys of priorYear.incomeLines and explanations.incomeLines. */
function incomeLines(): readonly { readonly key: string; readonly label: string }[] {
  const f = defaultFigures().get('income.lines');
  return f?.kind === 'lines' ? f.lines : [];
}

/** How a value is typed, checked and shown. */
export type FieldType =
  | 'text' // one line of text
  | 'longText' // paragraphs
  | 'amount' // 元, two decimals
  | 'selfAmount' // 绩效自评 amounts, in selfEvaluation.amountUnit
  | 'decimal' // 分值、得分、执行率
  | 'count' // whole number ≥ 0
  | 'year'
  | 'date'
  | 'code' // digits kept as text (部门编码, 科目编码)
  | 'value'; // 指标值 / 实际完成值: a number, a text or a date, as typed

/** One input of a block: its key (relative to the block), its label and type, an optional list to pick from. */
export interface Field {
  readonly key: string;
  readonly label: string;
  readonly type: FieldType;
  /** A drop-down list (the name of a list of LISTS). */
  readonly list?: ListName;
  /** Shown beside the input: what it is for, or the sentence it completes. */
  readonly hint?: string;
  /** Column width in characters (blocks with columns). */
  readonly width?: number;
}

/** A block of a fill-in sheet. */
export type Block =
  /** A heading line. */
  | { readonly kind: 'heading'; readonly label: string; readonly hint?: string }
  /** One value per row: label, input, hint. `base` is prefixed to each field key. */
  | { readonly kind: 'fields'; readonly base: string; readonly fields: readonly Field[] }
  /** A list, one element per row; `rows` blank rows are prepared. */
  | { readonly kind: 'list'; readonly path: string; readonly label: string; readonly columns: readonly Field[]; readonly rows: number; readonly hint?: string }
  /** A map from a 功能分类 项 code to a value, one entry per row; the name is looked up from 科目. */
  | { readonly kind: 'map'; readonly path: string; readonly label: string; readonly value: Field; readonly rows: number; readonly hint?: string }
  /** A grid: a value per (row, column), its path `pattern` with {row} and {col}. */
  | {
      readonly kind: 'grid';
      readonly label: string;
      readonly pattern: string;
      readonly rows: readonly { readonly key: string; readonly label: string }[];
      readonly columns: readonly Field[];
      readonly hint?: string;
    };

/** A fill-in sheet. `project`: one sheet per 项目支出绩效自评表, its paths under selfEvaluation.projects[]. */
export interface FillInSheet {
  readonly name: string;
  readonly title: string;
  readonly intro: string;
  readonly blocks: readonly Block[];
  readonly project?: boolean;
}

/** The drop-down lists of the workbook (the hidden sheet 选项). */
export const LISTS = {
  scope: ['本级', '汇总'],
  unitKind: ['行政单位', '参公事业单位', '其他事业单位'],
  amountUnit: ['元', '万元'],
  level1: ['产出指标', '效益指标', '满意度指标'],
  level2: ['数量指标', '质量指标', '时效指标', '成本指标', '经济效益指标', '社会效益指标', '生态效益指标', '可持续影响指标', '服务对象满意度指标'],
  operator: ['=', '>=', '<=', '>', '<', '定性'],
  unit: ['%', '个', '户', '家', '人', '人次', '次', '批次', '项', '份', '篇', '期', '场', '台', '套', '辆', '元', '万元', '亿元', '天', '月', '年', '小时', '级', '分', '平方米', '公里', '千瓦', '吨'],
  taskLevel: ['本级', '下级'],
  grade: ['优', '良', '中', '差'],
  otherFundsLabel: ['其他资金', '非财政拨款'],
} as const;

export type ListName = keyof typeof LISTS;

/** Lists whose values are the only ones accepted (the others suggest, a value not listed may still be typed). */
export const STRICT_LISTS: ReadonlySet<ListName> = new Set<ListName>(['scope', 'unitKind', 'amountUnit', 'otherFundsLabel']);

const t = (key: string, label: string, hint?: string, width?: number): Field => ({ key, label, type: 'text', ...(hint ? { hint } : {}), ...(width ? { width } : {}) });
const long = (key: string, label: string, hint?: string, width?: number): Field => ({ key, label, type: 'longText', ...(hint ? { hint } : {}), ...(width ? { width } : {}) });
const amount = (key: string, label: string, hint?: string): Field => ({ key, label, type: 'amount', ...(hint ? { hint } : {}) });
const selfAmount = (key: string, label: string): Field => ({ key, label, type: 'selfAmount', width: 13 });
const count = (key: string, label: string, hint?: string): Field => ({ key, label, type: 'count', ...(hint ? { hint } : {}) });
const decimal = (key: string, label: string, hint?: string): Field => ({ key, label, type: 'decimal', ...(hint ? { hint } : {}), width: 10 });
const pick = (key: string, label: string, list: ListName, hint?: string, type: FieldType = 'text'): Field => ({ key, label, type, list, ...(hint ? { hint } : {}) });

/** The sentence each reason completes (the blank is where the text goes). */
export const EXPLANATION_SENTENCES: Readonly<Record<string, string>> = {
  totalChange: '第二部分 一：“与上年相比，收、支总计各增加（减少）××万元，增长（下降）××%。主要变动原因是＿＿”',
  incomeChange: '自评情况 一（三）：“部门实际收入总额为××万元，同比减少（增加）××万元，下降（增长）较大的原因是＿＿”',
  appropriationChange: '第二部分 四：“与上年相比，财政拨款收、支总计各增加（减少）××万元，增长（下降）××%。主要变动原因是＿＿”',
  generalExpenditureChange: '第二部分 五（一）：“与上年相比，一般公共预算财政拨款支出增加（减少）××万元，增长（下降）××%。主要变动原因是＿＿”',
  threePublicBudgetGap: '第二部分 七（一）：““三公”经费财政拨款支出决算为××万元，完成预算××%，决算数小于（大于）预算数的主要原因是＿＿”',
  threePublicBudgetChange: '自评情况 一（五）：““三公”经费预算××万元……与上年对比增加（减少）××万元，增长（下降）的主要原因是＿＿”',
  threePublicChange: '自评情况 一（五）：““三公”经费总支出与上年决算数对比增加（减少）××万元，增长（下降）的主要原因是＿＿”',
  abroadChange: '七（二）1：“因公出国（境）支出决算比上年增加（减少）××万元，增长（下降）××%。主要原因是＿＿”',
  vehicleChange: '七（二）2：“公务用车购置及运行维护费支出决算比上年增加（减少）××万元，增长（下降）××%。主要原因是＿＿”',
  receptionChange: '七（二）3：“公务接待费支出决算比上年增加（减少）××万元，增长（下降）××%。主要原因是＿＿”',
  govFund: '第二部分 八：政府性基金预算财政拨款支出的说明（没有政府性基金支出时不填）',
  agencyOperationChange: '十（一）：“机关运行经费支出××万元，比上年增加（减少）××万元，增长（下降）××%。主要原因是＿＿”',
  expenditureChange: '第二部分 三：“与上年相比，本年支出合计增加（减少）××万元，增长（下降）××%。主要变动原因是＿＿”',
};

const indicatorColumns = (withScore: boolean): Field[] => [
  { ...pick('level1', '一级指标', 'level1'), width: 11 },
  { ...pick('level2', '二级指标', 'level2'), width: 14 },
  t('name', '三级指标', undefined, 28),
  { ...pick('operator', '指标性质', 'operator', '=、>=、<=、>、< 或“定性”'), width: 9 },
  { key: 'target', label: '指标值', type: 'value', width: 12 },
  { ...pick('unit', '度量单位', 'unit'), width: 9 },
  { key: 'actual', label: '实际完成值', type: 'value', width: 12 },
  ...(withScore ? [decimal('weight', '分值'), decimal('score', '得分')] : []),
  long('deviation', '偏差原因分析及改进措施', undefined, 36),
];

const FUND_ROWS = [
  { key: 'total', label: '年度资金总额（可不填，自动合计并核对）' },
  { key: 'currentFiscal', label: '其中：当年财政拨款' },
  { key: 'priorCarryover', label: '上年结转资金' },
  { key: 'other', label: '其他资金' },
];

const REPORT_PARTS: readonly Field[] = [
  long('overview', '一（一）部门概况'),
  long('goalSetting', '一（二）部门绩效目标的设立情况'),
  long('budgetManagement', '一（四）部门预算管理制度建设情况'),
  long('purpose', '二（一）绩效自评的目的'),
  long('preparation', '二（二）1.前期准备'),
  long('implementation', '二（二）2.组织实施'),
  long('conclusion', '三、评价情况分析及综合评价结论'),
  long('problems', '四、存在的问题和整改情况'),
  long('application', '五、绩效自评结果应用'),
  long('experience', '六、主要经验及做法'),
  long('other', '七、其他需说明的情况'),
];

const THREE_PUBLIC_ROWS = [
  { key: 'r2', label: '（一）支出合计（可不填，自动合计）' },
  { key: 'r3', label: '1．因公出国（境）费' },
  { key: 'r4', label: '2．公务用车购置及运行维护费（可不填）' },
  { key: 'r5', label: '（1）公务用车购置费' },
  { key: 'r6', label: '（2）公务用车运行维护费' },
  { key: 'r7', label: '3．公务接待费' },
];

/** The sheets before the 公开表 (their order in the workbook). */
export const LEADING_SHEETS: readonly FillInSheet[] = [
  {
    name: '部门信息',
    title: '部门信息',
    intro: '填写部门名称、决算年度等；决算年度和模板配置决定公开表的表样。',
    blocks: [
      {
        kind: 'fields',
        base: 'department',
        fields: [
          t('name', '部门名称', '与公开表表头一致，例如“玉溪市工业和信息化局（本级）”'),
          t('shortName', '部门简称', '正文中使用，例如“市工业和信息化局”'),
          { key: 'code', label: '部门编码', type: 'code', hint: '决算软件中的部门（单位）编码，每年不变（可不填）' },
          { key: 'year', label: '决算年度', type: 'year', hint: '4位年份，例如 2021' },
          { key: 'reportDate', label: '编报日期', type: 'date', hint: '写入生成文件属性的日期，例如 2022-06-30（可不填）' },
          pick('scope', '编报范围', 'scope', '本级 或 汇总'),
          t('profile', '模板配置', '例如 yunnan/yuxi（templates/ 下的文件夹名）'),
        ],
      },
      {
        kind: 'list',
        path: 'department.units',
        label: '纳入决算编制范围的单位',
        columns: [t('name', '单位名称', undefined, 40), { ...pick('kind', '单位类型', 'unitKind'), width: 16 }],
        rows: 10,
      },
      { kind: 'heading', label: '机构设置（第一部分 二；可不填）' },
      {
        kind: 'fields',
        base: 'overview.organization',
        fields: [
          count('subordinateUnits', '下属二级单位个数', '填写时核对 = 以下三项之和'),
          count('administrative', '其中：行政单位个数'),
          count('civilServiceManaged', '参照公务员法管理的事业单位个数'),
          count('publicInstitution', '其他事业单位个数'),
        ],
      },
    ],
  },
  {
    name: '部门概况',
    title: '第一部分 部门概况',
    intro: '每段文字填在一个单元格中；单元格内换行按 Alt+Enter，段与段之间空一行。',
    blocks: [
      {
        kind: 'fields',
        base: 'overview',
        fields: [long('functions', '（一）主要职能', '第一部分 一（一）'), long('keyWork', '（二）本年重点工作完成情况', '第一部分 一（二），可分多段')],
      },
    ],
  },
];

/** The sheets after the 公开表. */
export const TRAILING_SHEETS: readonly FillInSheet[] = [
  {
    name: '说明文字',
    title: '说明文字（变动原因等）',
    intro: '只填原因本身，不要重复前面的数字；右边是这段文字所在的句子，＿＿处就是填写的内容。数字与上年相同或没有变化时可不填。',
    blocks: [
      {
        kind: 'fields',
        base: 'explanations',
        fields: Object.entries(EXPLANATION_FIELDS).map(([key, label]) => long(key, label, EXPLANATION_SENTENCES[key])),
      },
      {
        kind: 'map',
        path: 'explanations.items',
        label: '项级科目决算数与预算数不同的原因（第二部分 五（三））',
        value: long('.', '原因', '“……完成预算××%。决算数大于（小于）预算数的主要原因是＿＿”', 60),
        rows: 30,
        hint: '完成预算不是100%的项级科目，每个科目一行',
      },
      {
        kind: 'fields',
        base: 'explanations.incomeLines',
        fields: incomeLines().map((l) => long(l.key, `${l.label}与上年相比的变动原因`, `第二部分 二：“${l.label}××万元，占××%，比上年增加（减少）××万元，增长（下降）××%，增长（下降）的主要原因是＿＿”`)),
      },
      {
        kind: 'fields',
        base: 'formFields',
        fields: Object.entries(defaultForm().fields ?? {}).map(([key, f]) => (f.kind === 'count' ? count(key, f.title, f.unit) : t(key, f.title))),
      },
      {
        kind: 'fields',
        base: 'glossary',
        fields: [t('otherIncome', '名词解释：其他收入的补充说明', '第三部分：“其他收入：指……。＿＿”，例如“主要是利息收入。”')],
      },
    ],
  },
  {
    name: '上年数和预算数',
    title: '上年决算数和预算数（元）',
    intro: '上年决算数取上年决算公开表中的数（元），用于同比增减；不填的项，说明中不写与上年的比较。',
    blocks: [
      {
        kind: 'fields',
        base: 'priorYear',
        fields: [
          amount('totalIncomeExpenditure', '上年收、支总计', '上年公开01表 行次30'),
          amount('totalIncome', '上年本年收入合计', '上年公开01表 行次27'),
          amount('totalExpenditure', '上年本年支出合计', '上年公开01表 行次57'),
          amount('appropriationTotal', '上年财政拨款收、支总计', '上年公开04表 行次32'),
          amount('generalExpenditure', '上年一般公共预算财政拨款支出', '上年公开05表 合计 第7栏'),
          amount('agencyOperation', '上年机关运行经费', '上年三公表 行次22'),
        ],
      },
      { kind: 'heading', label: '上年本年收入各行（元）', hint: '填写后说明第二部分 二 写出各收入行与上年的比较' },
      { kind: 'fields', base: 'priorYear.incomeLines', fields: incomeLines().map((l) => amount(l.key, `上年${l.label}`)) },
      {
        kind: 'grid',
        label: '上年“三公”经费',
        pattern: 'priorYear.{col}.{row}',
        rows: THREE_PUBLIC_ROWS,
        columns: [amount('threePublic', '上年决算数'), amount('threePublicBudget', '上年预算数')],
        hint: '按三公表行次',
      },
      { kind: 'heading', label: '预算数（元）' },
      {
        kind: 'fields',
        base: 'budget',
        fields: [
          amount('initial', '年初部门预算批复收入总计'),
          amount('ownFunds', '其中：本级财力安排'),
          amount('adjusted', '调整预算数'),
          amount('generalExpenditure', '一般公共预算财政拨款支出全年预算数', '可不填：等于下面各项之和'),
        ],
      },
      {
        kind: 'map',
        path: 'budget.items',
        label: '一般公共预算财政拨款支出全年预算数（按项级科目，第二部分 五（三））',
        value: { ...amount('.', '全年预算数'), width: 18 },
        rows: 40,
      },
    ],
  },
  {
    name: '三公经费明细',
    title: '“三公”经费具体情况',
    intro: '“三公”经费的金额和批次、人次、车辆数填在三公表中；这里填说明文字需要的明细。',
    blocks: [
      {
        kind: 'grid',
        label: '本年购置公务用车',
        pattern: 'threePublicDetails.vehiclePurchases.{row}.{col}',
        rows: [
          { key: 'sedan', label: '轿车' },
          { key: 'suv', label: '越野车' },
          { key: 'bus', label: '载客汽车' },
        ],
        columns: [count('count', '辆数'), amount('amount', '金额（元）')],
      },
      { kind: 'list', path: 'threePublicDetails.fleet', label: '年末公务用车（按车型）', columns: [t('type', '车型', undefined, 24), count('count', '辆数')], rows: 6 },
      {
        kind: 'fields',
        base: 'threePublicDetails',
        fields: [
          t('vehicleUse', '公务用车运行维护费主要用于', '“公务用车运行维护费支出××万元。主要用于＿＿等所需的公务用车燃料费、维修费……”'),
          t('receptionUse', '国内公务接待主要用于', '“国内公务接待支出××万元，主要用于＿＿。”'),
        ],
      },
      {
        kind: 'list',
        path: 'threePublicDetails.receptionItems',
        label: '国内公务接待明细（金额合计等于三公表国内接待费）',
        columns: [t('purpose', '事由', undefined, 50), { ...amount('amount', '金额（元）'), width: 16 }],
        rows: 20,
      },
    ],
  },
  {
    name: '政府采购',
    title: '政府采购支出情况（元）',
    intro: '第二部分 十（二）',
    blocks: [
      {
        kind: 'fields',
        base: 'procurement',
        fields: [
          amount('goods', '政府采购货物支出'),
          amount('works', '政府采购工程支出'),
          amount('services', '政府采购服务支出'),
          amount('smeContracts', '授予中小企业合同金额'),
          amount('microContracts', '其中：授予小微企业合同金额'),
          t('use', '主要用于', '“……政府采购服务支出××万元。主要用于＿＿。”'),
        ],
      },
    ],
  },
  {
    name: '国有资产',
    title: '国有资产占有使用情况',
    intro: '第二部分 十（三）：截至年底的车辆和大型设备',
    blocks: [
      {
        kind: 'fields',
        base: 'assets',
        fields: [
          count('vehicles.leaders', '主要领导干部用车（辆）'),
          count('vehicles.confidential', '机要通信用车（辆）'),
          count('vehicles.emergency', '应急保障用车（辆）'),
          count('vehicles.other', '其他用车（辆）'),
          count('vehicles.special', '特种专业技术用车（辆）'),
          t('otherVehicleUse', '其他用车主要用于', '“其他用车主要用于＿＿。”'),
          count('generalEquipment50', '单价50万元以上通用设备（台套）'),
          count('specialEquipment100', '单价100万元以上专用设备（台套）'),
        ],
      },
    ],
  },
  {
    name: '预算绩效管理',
    title: '预算绩效管理情况',
    intro: '第二部分 十（四）',
    blocks: [
      {
        kind: 'fields',
        base: 'performanceManagement',
        fields: [count('preAssessed.count', '事前绩效评估项目个数')],
      },
      { kind: 'list', path: 'performanceManagement.preAssessed.projects', label: '列举的事前评估项目', columns: [t('.', '项目名称', undefined, 50)], rows: 6 },
      {
        kind: 'fields',
        base: 'performanceManagement',
        fields: [
          count('monitored', '绩效监控项目个数'),
          count('selfEvaluated', '绩效自评项目个数'),
          long('departmentConclusion', '部门整体支出绩效自评结论'),
          count('ownEvaluations.count', '自行组织的项目支出绩效评价项目个数'),
          long('ownEvaluations.conclusion', '自行组织的项目支出绩效评价结论'),
        ],
      },
    ],
  },
  {
    name: '自评情况',
    title: '部门整体支出绩效自评情况（文字）',
    intro: '一（三）和一（五）由公开表、上年数、预算数和说明文字生成，不用填写。绩效自评各表的金额单位在下面选择。',
    blocks: [
      { kind: 'fields', base: 'selfEvaluation', fields: [pick('amountUnit', '绩效自评表的金额单位', 'amountUnit', '部门整体自评表和项目自评表中的金额按此单位填写')] },
      { kind: 'fields', base: 'selfEvaluation.report', fields: REPORT_PARTS },
    ],
  },
  {
    name: '部门整体自评',
    title: '部门整体支出绩效自评表',
    intro: '金额单位见“自评情况”工作表；预算执行率、合计行可不填（自动计算并核对）。',
    blocks: [
      {
        kind: 'fields',
        base: 'selfEvaluation.department',
        fields: [t('name', '部门名称'), long('duties', '部门职责'), long('overallGoal', '总体绩效目标')],
      },
      {
        kind: 'grid',
        label: '部门预算资金（2024年起的版式；预算确定数、执行率可不填，自动计算并核对）',
        pattern: 'selfEvaluation.department.budget.{row}.{col}',
        rows: [
          { key: 'total', label: '年度资金总额' },
          { key: 'basic', label: '基本支出' },
          { key: 'project', label: '项目支出' },
          { key: 'currentFiscal', label: '其中：当年财政拨款' },
          { key: 'priorCarryover', label: '上年结转资金' },
          { key: 'nonFiscal', label: '非财政拨款' },
        ],
        columns: [
          selfAmount('initialBudget', '年初预算数'),
          selfAmount('adjustment', '预算调整数（调减为负数）'),
          selfAmount('finalBudget', '预算确定数'),
          selfAmount('executed', '执行数（系统提取）'),
          decimal('rate', '执行率(%)'),
          t('remark', '情况说明', undefined, 30),
        ],
      },
      { kind: 'fields', base: 'selfEvaluation.department', fields: [long('annualGoal', '部门年度目标（2024年起的版式，一段文字）')] },
      {
        kind: 'list',
        path: 'selfEvaluation.department.annualGoals',
        label: '部门年度目标（本年及以后两年）',
        columns: [{ key: 'year', label: '财年', type: 'year', width: 8 }, long('goal', '目标', undefined, 50), long('actual', '实际完成情况', undefined, 50)],
        rows: 3,
      },
      {
        kind: 'list',
        path: 'selfEvaluation.department.tasks',
        label: '部门年度重点工作任务',
        columns: [
          t('name', '任务名称', undefined, 24),
          { ...pick('level', '项目级次', 'taskLevel'), width: 9 },
          long('content', '主要内容', undefined, 36),
          selfAmount('total', '批复金额·总额'),
          selfAmount('fiscal', '批复金额·财政拨款'),
          selfAmount('other', '批复金额·其他资金'),
          selfAmount('actual', '实际支出金额'),
          decimal('rate', '预算执行率(%)'),
          long('reason', '预算执行偏低原因及改进措施', undefined, 36),
        ],
        rows: 10,
      },
      {
        kind: 'grid',
        label: '重点工作任务合计行（原表印出的数，可不填）',
        pattern: 'selfEvaluation.department.taskTotal.{col}',
        rows: [{ key: '', label: '合计' }],
        columns: [selfAmount('total', '总额'), selfAmount('fiscal', '财政拨款'), selfAmount('other', '其他资金'), selfAmount('actual', '实际支出金额'), decimal('rate', '预算执行率(%)')],
      },
      { kind: 'list', path: 'selfEvaluation.department.indicators', label: '部门整体支出绩效指标', columns: indicatorColumns(false), rows: 30 },
      { kind: 'fields', base: 'selfEvaluation.department', fields: [long('otherNotes', '其他需说明事项')] },
    ],
  },
];

/** The sheet of one 项目支出绩效自评表 (copy it for more projects: 项目自评2, 项目自评3 …). */
export const PROJECT_SHEET: FillInSheet = {
  name: '项目自评',
  title: '项目支出绩效自评表',
  intro: '每个项目一个工作表（项目自评1、项目自评2……）：项目多时右键工作表标签“移动或复制”并勾选“建立副本”。金额单位见“自评情况”工作表。',
  project: true,
  blocks: [
    {
      kind: 'fields',
      base: 'selfEvaluation.projects[]',
      fields: [t('name', '项目名称'), t('competentDept', '主管部门'), t('implementingUnit', '实施单位')],
    },
    {
      kind: 'grid',
      label: '项目资金',
      pattern: 'selfEvaluation.projects[].funds.{row}.{col}',
      rows: FUND_ROWS,
      columns: [selfAmount('initialBudget', '年初预算数'), selfAmount('annualBudget', '全年预算数'), selfAmount('executed', '全年执行数')],
    },
    {
      kind: 'fields',
      base: 'selfEvaluation.projects[]',
      fields: [
        pick('otherFundsLabel', '第四行资金名称', 'otherFundsLabel', '其他资金 或 非财政拨款（可不填）'),
        t('fundsRemark', '资金备注栏（省级版式）'),
        decimal('rateWeight', '执行率分值', '不填为10'),
        decimal('rate', '执行率（原表印出的数，可不填）'),
        decimal('rateScore', '执行率得分（原表印出的数，可不填）'),
        long('goals.expected', '年度总体目标·预期目标'),
        long('goals.actual', '年度总体目标·实际完成情况'),
      ],
    },
    {
      kind: 'grid',
      label: '指标分值、得分小计行（原表印出的数，可不填）',
      pattern: 'selfEvaluation.projects[].indicatorSubtotal.{col}',
      rows: [{ key: '', label: '小计' }],
      columns: [decimal('weight', '分值小计'), decimal('score', '得分小计')],
    },
    { kind: 'list', path: 'selfEvaluation.projects[].indicators', label: '绩效指标', columns: indicatorColumns(true), rows: 25 },
    {
      kind: 'fields',
      base: 'selfEvaluation.projects[]',
      fields: [
        long('otherNotes', '其他需要说明事项'),
        decimal('totalScore', '总分（原表印出的数，可不填）'),
        pick('grade', '自评等级（原表印出的，可不填）', 'grade'),
        long('notes', '表下备注（原表印出的文字）'),
      ],
    },
  ],
};

/** Name of the n-th project sheet (1-based). */
export function projectSheetName(n: number): string {
  return `${PROJECT_SHEET.name}${n}`;
}

/** The number of a project sheet from its name (项目自评3 → 3), or undefined. */
export function projectSheetNumber(name: string): number | undefined {
  const m = new RegExp(`^${PROJECT_SHEET.name}\\s*(\\d+)`).exec(name.trim());
  return m ? Number(m[1]) : undefined;
}

/** Marker in column A of a key row. */
export const KEY_ROW = '@';

/** A path with its list indices and map keys generalised (`units[3].name` → `units[].name`). */
export function pathPattern(path: string): string {
  return path.replace(/\[\d+\]/g, '[]');
}

/** Every input path pattern the fill-in sheets hold, with its type. */
export function fieldTypes(): ReadonlyMap<string, Field> {
  const out = new Map<string, Field>();
  const join = (a: string, b: string) => (b === '.' ? a : a === '' ? b : `${a}.${b}`);
  for (const sheet of [...LEADING_SHEETS, ...TRAILING_SHEETS, PROJECT_SHEET]) {
    for (const b of sheet.blocks) {
      if (b.kind === 'fields') for (const f of b.fields) out.set(join(b.base, f.key), f);
      else if (b.kind === 'list') for (const f of b.columns) out.set(join(`${b.path}[]`, f.key), f);
      else if (b.kind === 'map') out.set(`${b.path}{}`, b.value);
      else if (b.kind === 'grid') for (const r of b.rows) for (const c of b.columns) out.set(b.pattern.replace('{row}', r.key).replace('{col}', c.key).replace(/\.\./g, '.').replace(/\.$/, ''), c);
    }
  }
  return out;
}
