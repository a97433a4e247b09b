// What the rows and columns of the 公开表 mean (tables.md §2, 2021 set): data, shared by the schema,
// the validator, derive and the table specs of compose. Layout (header grids, spans) lives in compose.

export type TableKey = 'T01' | 'T02' | 'T03' | 'T04' | 'T05' | 'TGF' | 'TSOE' | 'T06' | 'T3G';
export type CodeTableKey = 'T02' | 'T03' | 'T05' | 'TGF' | 'TSOE';

/** Table names for messages: the 2021 numbering of seed 000 (公开07表 = 政府性基金 …). */
export const TABLE_NAMES: Readonly<Record<TableKey, string>> = {
  T01: '公开01表（收入支出决算总表）',
  T02: '公开02表（收入决算表）',
  T03: '公开03表（支出决算表）',
  T04: '公开04表（财政拨款收入支出决算总表）',
  T05: '公开05表（一般公共预算财政拨款收入支出决算表）',
  TGF: '公开07表（政府性基金预算财政拨款收入支出决算表）',
  TSOE: '公开08表（国有资本经营预算财政拨款收入支出决算表）',
  T06: '公开06表（一般公共预算财政拨款基本支出决算表）',
  T3G: '公开09表（“三公”经费、行政参公单位机关运行经费情况表）',
};

/** The 26 支出功能分类 类 in the fixed order of 01表 r31–r56 and 04表 r33–r58. */
export const CLASS_ROWS: readonly { readonly code: string; readonly label: string }[] = [
  { code: '201', label: '一、一般公共服务支出' },
  { code: '202', label: '二、外交支出' },
  { code: '203', label: '三、国防支出' },
  { code: '204', label: '四、公共安全支出' },
  { code: '205', label: '五、教育支出' },
  { code: '206', label: '六、科学技术支出' },
  { code: '207', label: '七、文化旅游体育与传媒支出' },
  { code: '208', label: '八、社会保障和就业支出' },
  { code: '210', label: '九、卫生健康支出' },
  { code: '211', label: '十、节能环保支出' },
  { code: '212', label: '十一、城乡社区支出' },
  { code: '213', label: '十二、农林水支出' },
  { code: '214', label: '十三、交通运输支出' },
  { code: '215', label: '十四、资源勘探工业信息等支出' },
  { code: '216', label: '十五、商业服务业等支出' },
  { code: '217', label: '十六、金融支出' },
  { code: '219', label: '十七、援助其他地区支出' },
  { code: '220', label: '十八、自然资源海洋气象等支出' },
  { code: '221', label: '十九、住房保障支出' },
  { code: '222', label: '二十、粮油物资储备支出' },
  { code: '223', label: '二十一、国有资本经营预算支出' },
  { code: '224', label: '二十二、灾害防治及应急管理支出' },
  { code: '229', label: '二十三、其他支出' },
  { code: '231', label: '二十四、债务还本支出' },
  { code: '232', label: '二十五、债务付息支出' },
  { code: '234', label: '二十六、抗疫特别国债安排的支出' },
];

/** 01表 row of a 类 code (r31 …) and 04表 row (r33 …). */
export const T01_CLASS_ROW_BASE = 31;
export const T04_CLASS_ROW_BASE = 33;

export const T01_ROWS: Readonly<Record<number, string>> = {
  1: '一、一般公共预算财政拨款收入',
  2: '二、政府性基金预算财政拨款收入',
  3: '三、国有资本经营预算财政拨款收入',
  4: '四、上级补助收入',
  5: '五、事业收入',
  6: '六、经营收入',
  7: '七、附属单位上缴收入',
  8: '八、其他收入',
  27: '本年收入合计',
  28: '使用非财政拨款结余',
  29: '年初结转和结余',
  30: '总计',
  ...Object.fromEntries(CLASS_ROWS.map((c, i) => [T01_CLASS_ROW_BASE + i, c.label])),
  57: '本年支出合计',
  58: '结余分配',
  59: '年末结转和结余',
  60: '总计',
};

/** Rows of 01表 that are input (the others are totals or the 类 rows that 03表 also gives). */
export const T01_PRIMARY_ROWS = [1, 2, 3, 4, 5, 6, 7, 8, 28, 29, 58, 59] as const;

export const T04_LEFT_ROWS: Readonly<Record<number, string>> = {
  1: '一、一般公共预算财政拨款',
  2: '二、政府性基金预算财政拨款',
  3: '三、国有资本经营预算财政拨款',
  27: '本年收入合计',
  28: '年初财政拨款结转和结余',
  29: '一、一般公共预算财政拨款',
  30: '二、政府性基金预算财政拨款',
  31: '三、国有资本经营预算财政拨款',
  32: '总计',
};

export const T04_RIGHT_ROWS: Readonly<Record<number, string>> = {
  ...Object.fromEntries(CLASS_ROWS.map((c, i) => [T04_CLASS_ROW_BASE + i, c.label])),
  59: '本年支出合计',
  60: '年末财政拨款结转和结余',
  64: '总计',
};

export const T04_RIGHT_COLUMNS: Readonly<Record<number, string>> = {
  2: '合计',
  3: '一般公共预算财政拨款',
  4: '政府性基金预算财政拨款',
  5: '国有资本经营预算财政拨款',
};

/** Column titles of the code tables, by 栏次. */
export const CODE_TABLE_COLUMNS: Readonly<Record<CodeTableKey, Readonly<Record<number, string>>>> = {
  T02: {
    1: '本年收入合计',
    2: '财政拨款收入',
    3: '上级补助收入',
    4: '事业收入·小计',
    5: '事业收入·其中：教育收费',
    6: '经营收入',
    7: '附属单位上缴收入',
    8: '其他收入',
  },
  T03: {
    1: '本年支出合计',
    2: '基本支出',
    3: '项目支出',
    4: '上缴上级支出',
    5: '经营支出',
    6: '对附属单位补助支出',
  },
  T05: fundColumns(),
  TGF: fundColumns(),
  TSOE: {
    1: '年初结转和结余·合计',
    2: '年初结转和结余·结转',
    3: '年初结转和结余·结余',
    4: '本年收入',
    5: '本年支出',
    6: '年末结转和结余·合计',
    7: '年末结转和结余·结转',
    8: '年末结转和结余·结余',
  },
};

function fundColumns(): Record<number, string> {
  return {
    1: '年初结转和结余·合计',
    2: '年初结转和结余·基本支出结转',
    3: '年初结转和结余·项目支出结转和结余',
    4: '本年收入·合计',
    5: '本年收入·基本支出',
    6: '本年收入·项目支出',
    7: '本年支出·合计',
    8: '本年支出·基本支出·小计',
    9: '本年支出·基本支出·人员经费',
    10: '本年支出·基本支出·公用经费',
    11: '本年支出·项目支出',
    12: '年末结转和结余·合计',
    13: '年末结转和结余·基本支出结转',
    14: '年末结转和结余·项目支出结转和结余·小计',
    15: '年末结转和结余·项目支出结转',
    16: '年末结转和结余·项目支出结余',
  };
}

/**
 * Column identities within one row of a code table: total column = Σ parts (rules T02-COL, T03-COL,
 * T05-COL, TSOE-COL). Columns that are a total are computed when not given.
 */
export const COLUMN_SUMS: Readonly<Record<CodeTableKey, readonly { readonly total: number; readonly parts: readonly number[] }[]>> = {
  T02: [{ total: 1, parts: [2, 3, 4, 6, 7, 8] }],
  T03: [{ total: 1, parts: [2, 3, 4, 5, 6] }],
  // order matters: inner totals (c8, c14) before the totals that use them
  T05: fundColumnSums(),
  TGF: fundColumnSums(),
  TSOE: [
    { total: 1, parts: [2, 3] },
    { total: 6, parts: [7, 8] },
  ],
};

function fundColumnSums() {
  return [
    { total: 1, parts: [2, 3] },
    { total: 4, parts: [5, 6] },
    { total: 8, parts: [9, 10] },
    { total: 7, parts: [8, 11] },
    { total: 14, parts: [15, 16] },
    { total: 12, parts: [13, 14] },
  ];
}

export const CODE_TABLE_WIDTH: Readonly<Record<CodeTableKey, number>> = { T02: 8, T03: 6, T05: 16, TGF: 16, TSOE: 8 };

/** Column that flows into the year (T05-FLOW, TSOE-FLOW): begin + income − spending = end. */
export const FLOWS: Readonly<Partial<Record<CodeTableKey, readonly { readonly begin: number; readonly income: number; readonly spending: number; readonly end: number; readonly label: string }[]>>> = {
  T05: fundFlows(),
  TGF: fundFlows(),
  TSOE: [{ begin: 1, income: 4, spending: 5, end: 6, label: '合计' }],
};

function fundFlows() {
  return [
    { begin: 1, income: 4, spending: 7, end: 12, label: '合计' },
    { begin: 2, income: 5, spending: 8, end: 13, label: '基本支出' },
    { begin: 3, income: 6, spending: 11, end: 14, label: '项目支出' },
  ];
}

// ------------------------------------------------------------------------------ 06表 (2021)

/** Economic classification groups of 06表 and which total each belongs to (T06-PER / T06-PUB). */
export const T06_GROUPS: readonly { readonly code: string; readonly kind: 'personnel' | 'operating'; readonly items: readonly string[] }[] = [
  { code: '301', kind: 'personnel', items: ['30101', '30102', '30103', '30106', '30107', '30108', '30109', '30110', '30111', '30112', '30113', '30114', '30199'] },
  { code: '303', kind: 'personnel', items: ['30301', '30302', '30303', '30304', '30305', '30306', '30307', '30308', '30309', '30310', '30311', '30399'] },
  {
    code: '302',
    kind: 'operating',
    items: ['30201', '30202', '30203', '30204', '30205', '30206', '30207', '30208', '30209', '30211', '30212', '30213', '30214', '30215', '30216', '30217', '30218', '30224', '30225', '30226', '30227', '30228', '30229', '30231', '30239', '30240', '30299'],
  },
  { code: '307', kind: 'operating', items: ['30701', '30702', '30703', '30704'] },
  { code: '310', kind: 'operating', items: ['31001', '31002', '31003', '31005', '31006', '31007', '31008', '31009', '31010', '31011', '31012', '31013', '31019', '31021', '31022', '31099'] },
  { code: '312', kind: 'operating', items: ['31201', '31203', '31204', '31205', '31299'] },
  { code: '399', kind: 'operating', items: ['39906', '39907', '39908', '39999'] },
];

// ------------------------------------------------------------------------------ 三公 table (2021 公开09表)

export interface ThreePublicRowSpec {
  readonly row: number;
  readonly label: string;
  readonly indent: number;
  /** Columns printed as `—` (no value allowed). */
  readonly dash: readonly number[];
  readonly count?: boolean;
}

export const T3G_ROWS: readonly ThreePublicRowSpec[] = [
  { row: 1, label: '一、“三公”经费支出', indent: 0, dash: [1, 2] },
  { row: 2, label: '（一）支出合计', indent: 0, dash: [] },
  { row: 3, label: '1．因公出国（境）费', indent: 1, dash: [] },
  { row: 4, label: '2．公务用车购置及运行维护费', indent: 1, dash: [] },
  { row: 5, label: '（1）公务用车购置费', indent: 2, dash: [] },
  { row: 6, label: '（2）公务用车运行维护费', indent: 2, dash: [] },
  { row: 7, label: '3．公务接待费', indent: 1, dash: [] },
  { row: 8, label: '（1）国内接待费', indent: 2, dash: [1] },
  { row: 9, label: '其中：外事接待费', indent: 3, dash: [1] },
  { row: 10, label: '（2）国（境）外接待费', indent: 2, dash: [1] },
  { row: 11, label: '（二）相关统计数', indent: 0, dash: [1, 2] },
  { row: 12, label: '1．因公出国（境）团组数（个）', indent: 1, dash: [1], count: true },
  { row: 13, label: '2．因公出国（境）人次数（人）', indent: 1, dash: [1], count: true },
  { row: 14, label: '3．公务用车购置数（辆）', indent: 1, dash: [1], count: true },
  { row: 15, label: '4．公务用车保有量（辆）', indent: 1, dash: [1], count: true },
  { row: 16, label: '5．国内公务接待批次（个）', indent: 1, dash: [1], count: true },
  { row: 17, label: '其中：外事接待批次（个）', indent: 2, dash: [1], count: true },
  { row: 18, label: '6．国内公务接待人次（人）', indent: 1, dash: [1], count: true },
  { row: 19, label: '其中：外事接待人次（人）', indent: 2, dash: [1], count: true },
  { row: 20, label: '7．国（境）外公务接待批次（个）', indent: 1, dash: [1], count: true },
  { row: 21, label: '8．国（境）外公务接待人次（人）', indent: 1, dash: [1], count: true },
  { row: 22, label: '二、机关运行经费', indent: 0, dash: [1] },
  { row: 23, label: '（一）行政单位', indent: 0, dash: [1] },
  { row: 24, label: '（二）参照公务员法管理事业单位', indent: 0, dash: [1] },
];

/** 三公 sums per amount column (T3G-SUM, T3G-JG); r7 = r8 + r10 only in the 决算 column. */
export const T3G_SUMS: readonly { readonly total: number; readonly parts: readonly number[]; readonly columns: readonly number[] }[] = [
  { total: 4, parts: [5, 6], columns: [1, 2] },
  { total: 7, parts: [8, 10], columns: [2] },
  { total: 2, parts: [3, 4, 7], columns: [1, 2] },
  { total: 22, parts: [23, 24], columns: [2] },
];

export function codeLevel(code: string): 'class' | 'section' | 'item' | undefined {
  if (/^\d{3}$/.test(code)) return 'class';
  if (/^\d{5}$/.test(code)) return 'section';
  if (/^\d{7}$/.test(code)) return 'item';
  return undefined;
}
