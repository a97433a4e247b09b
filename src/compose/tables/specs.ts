// The layout of every 公开表 of the 2021 set, as data (tables.md §2): titles, header grids with their
// spans, column widths and alignment, notes and empty-table notes. One spec per table; the builder
// in build.ts turns a spec and the report model into a Table node that every writer prints.
import type { Align, Orientation } from '../../model/document.js';
import type { CodeTableKey, TableKey } from '../../model/tables.js';

/** A header cell: text, column span, row span; short labels are letter-spaced in print. */
export type HeadCell = readonly [text: string, colSpan?: number, rowSpan?: number];

export type BodySpec =
  | { readonly kind: 'code'; readonly table: CodeTableKey }
  | { readonly kind: 'totals'; readonly table: 'T01' }
  | { readonly kind: 'fiscalTotals'; readonly table: 'T04' }
  | { readonly kind: 'panels'; readonly table: 'T06' }
  | { readonly kind: 'threePublic'; readonly table: 'T3G' };

export interface TableSpec {
  readonly key: TableKey;
  readonly title: string;
  /** Label before the department name in the header line (tables.md §0.1). */
  readonly reporterLabel: '部门' | '编制单位';
  readonly unit: '元';
  readonly orientation: Orientation;
  readonly density: 'normal' | 'small';
  readonly columns: readonly { readonly width: number; readonly align: Align }[];
  readonly head: readonly (readonly HeadCell[])[];
  readonly body: BodySpec;
  readonly notes: readonly string[];
  /** Printed when the table has no data. */
  readonly emptyNote?: string;
}

const SPACED = new Set(['项目', '栏次', '收入', '支出', '合计', '行次']);
export const isSpacedLabel = (text: string) => SPACED.has(text);

const amounts = (n: number, width = 11) => Array.from({ length: n }, () => ({ width, align: 'right' as const }));
/** 类, 款, 项 code columns and the 科目名称 column of the code tables. */
const codeLabelColumns = (nameWidth: number) => [
  { width: 2.6, align: 'center' as const },
  { width: 2.6, align: 'center' as const },
  { width: 2.6, align: 'center' as const },
  { width: nameWidth, align: 'left' as const },
];
const colNumbers = (n: number): HeadCell[] => Array.from({ length: n }, (_, i) => [String(i + 1)] as HeadCell);

const fundHead = (): HeadCell[][] => [
  [['项目', 4], ['年初结转和结余', 3], ['本年收入', 3], ['本年支出', 5], ['年末结转和结余', 5]],
  [
    ['支出功能分类科目编码', 3, 2],
    ['科目名称', 1, 3],
    ['合计', 1, 3],
    ['基本支出结转', 1, 3],
    ['项目支出结转和结余', 1, 3],
    ['合计', 1, 3],
    ['基本支出', 1, 3],
    ['项目支出', 1, 3],
    ['合计', 1, 3],
    ['基本支出', 3],
    ['项目支出', 1, 3],
    ['合计', 1, 3],
    ['基本支出结转', 1, 3],
    ['项目支出结转和结余', 3],
  ],
  [['小计', 1, 2], ['人员经费', 1, 2], ['公用经费', 1, 2], ['小计', 1, 2], ['项目支出结转', 1, 2], ['项目支出结余', 1, 2]],
  [['类'], ['款'], ['项']],
  [['栏次', 4], ...colNumbers(16)],
];

/** 05表 and 政府性基金表 share one layout: 4 label columns and 16 amount columns (tables.md §2.5, §2.8). */
function fundTable(key: 'T05' | 'TGF', title: string, note: string, emptyNote?: string): TableSpec {
  return {
    key,
    title,
    reporterLabel: '部门',
    unit: '元',
    orientation: 'landscape',
    density: 'small',
    columns: [...codeLabelColumns(21), ...amounts(16, 10)],
    head: fundHead(),
    body: { kind: 'code', table: key },
    notes: [note],
    ...(emptyNote ? { emptyNote } : {}),
  };
}

export const TABLE_SPECS: Readonly<Record<TableKey, TableSpec>> = {
  T01: {
    key: 'T01',
    title: '收入支出决算总表',
    reporterLabel: '部门',
    unit: '元',
    orientation: 'portrait',
    density: 'normal',
    columns: [
      { width: 32, align: 'left' },
      { width: 6, align: 'center' },
      { width: 16, align: 'right' },
      { width: 30, align: 'left' },
      { width: 6, align: 'center' },
      { width: 16, align: 'right' },
    ],
    head: [
      [['收入', 3], ['支出', 3]],
      [['项目'], ['行次'], ['金额'], ['项目(按功能分类)'], ['行次'], ['金额']],
      [['栏次'], [''], ['1'], ['栏次'], [''], ['2']],
    ],
    body: { kind: 'totals', table: 'T01' },
    notes: ['注：本表反映部门本年度的总收支和年初、年末结转结余情况。'],
  },
  T02: {
    key: 'T02',
    title: '收入决算表',
    reporterLabel: '部门',
    unit: '元',
    orientation: 'landscape',
    density: 'normal',
    columns: [...codeLabelColumns(32), ...amounts(8)],
    head: [
      [['项目', 4], ['本年收入合计', 1, 3], ['财政拨款收入', 1, 3], ['上级补助收入', 1, 3], ['事业收入', 2], ['经营收入', 1, 3], ['附属单位上缴收入', 1, 3], ['其他收入', 1, 3]],
      [['支出功能分类科目编码', 3], ['科目名称', 1, 2], ['小计', 1, 2], ['其中：教育收费', 1, 2]],
      [['类'], ['款'], ['项']],
      [['栏次', 4], ...colNumbers(8)],
    ],
    body: { kind: 'code', table: 'T02' },
    notes: ['注：本表反映部门本年度取得的各项收入情况。'],
  },
  T03: {
    key: 'T03',
    title: '支出决算表',
    reporterLabel: '部门',
    unit: '元',
    orientation: 'landscape',
    density: 'normal',
    columns: [...codeLabelColumns(30), ...amounts(6, 13)],
    head: [
      [['项目', 4], ['本年支出合计', 1, 3], ['基本支出', 1, 3], ['项目支出', 1, 3], ['上缴上级支出', 1, 3], ['经营支出', 1, 3], ['对附属单位补助支出', 1, 3]],
      [['支出功能分类科目编码', 3], ['科目名称', 1, 2]],
      [['类'], ['款'], ['项']],
      [['栏次', 4], ...colNumbers(6)],
    ],
    body: { kind: 'code', table: 'T03' },
    notes: ['注：本表反映部门本年度各项支出情况。'],
  },
  T04: {
    key: 'T04',
    title: '财政拨款收入支出决算总表',
    reporterLabel: '部门',
    unit: '元',
    // nine columns, five of them amounts: at 7 pt on a portrait page every label wraps; landscape
    // keeps each row on one line and the whole table on one page
    orientation: 'landscape',
    density: 'small',
    columns: [
      { width: 31, align: 'left' },
      { width: 4.5, align: 'center' },
      { width: 12, align: 'right' },
      { width: 31, align: 'left' },
      { width: 4.5, align: 'center' },
      ...amounts(4, 11),
    ],
    head: [
      [['收入', 3], ['支出', 6]],
      [['项目'], ['行次'], ['决算数'], ['项目（按功能分类）'], ['行次'], ['合计'], ['一般公共预算财政拨款'], ['政府性基金预算财政拨款'], ['国有资本经营预算财政拨款']],
      [['栏次'], [''], ['1'], ['栏次'], [''], ['2'], ['3'], ['4'], ['5']],
    ],
    body: { kind: 'fiscalTotals', table: 'T04' },
    notes: ['注：本表反映部门本年度一般公共预算财政拨款、政府性基金预算财政拨款和国有资本经营预算的总收支和年初、年末结转结余情况。'],
  },
  T05: fundTable('T05', '一般公共预算财政拨款收入支出决算表', '注：本表反映部门本年度一般公共预算财政拨款的收支和年初、年末结转结余情况。'),
  T06: {
    key: 'T06',
    title: '一般公共预算财政拨款基本支出决算表',
    reporterLabel: '部门',
    unit: '元',
    orientation: 'landscape',
    density: 'small',
    columns: [
      { width: 6, align: 'left' },
      { width: 22, align: 'left' },
      { width: 12, align: 'right' },
      { width: 6, align: 'left' },
      { width: 18, align: 'left' },
      { width: 12, align: 'right' },
      { width: 6, align: 'left' },
      { width: 26, align: 'left' },
      { width: 12, align: 'right' },
    ],
    head: [
      [['人员经费', 3], ['公用经费', 6]],
      [['科目编码'], ['科目名称'], ['金额'], ['科目编码'], ['科目名称'], ['金额'], ['科目编码'], ['科目名称'], ['金额']],
    ],
    body: { kind: 'panels', table: 'T06' },
    notes: ['注：本表反映部门本年度一般公共预算财政拨款基本支出经济分类支出情况。'],
  },
  TGF: fundTable(
    'TGF',
    '政府性基金预算财政拨款收入支出决算表',
    '注：本表反映部门本年度政府性基金预算财政拨款的收支和年初、年末结转结余情况。',
    '空表说明：未发生政府性基金预算财政拨款收入支出，此表为空表。',
  ),
  TSOE: {
    key: 'TSOE',
    title: '国有资本经营预算财政拨款收入支出决算表',
    reporterLabel: '部门',
    unit: '元',
    orientation: 'landscape',
    density: 'normal',
    columns: [...codeLabelColumns(26), ...amounts(8)],
    head: [
      [['项目', 4], ['年初结转和结余', 3], ['本年收入', 1, 3], ['本年支出', 1, 3], ['年末结转和结余', 3]],
      [['支出功能分类科目编码', 3], ['科目名称', 1, 2], ['合计', 1, 2], ['结转', 1, 2], ['结余', 1, 2], ['合计', 1, 2], ['结转', 1, 2], ['结余', 1, 2]],
      [['类'], ['款'], ['项']],
      [['栏次', 4], ...colNumbers(8)],
    ],
    body: { kind: 'code', table: 'TSOE' },
    notes: ['注：本表反映部门本年度国有资本经营预算财政拨款的收支和年初、年末结转结余情况。'],
    emptyNote: '空表说明：未发生国有资本经营预算财政拨款收入支出，此表为空表。',
  },
  T3G: {
    key: 'T3G',
    title: '“三公”经费、行政参公单位机关运行经费情况表',
    reporterLabel: '编制单位',
    unit: '元',
    orientation: 'portrait',
    density: 'normal',
    columns: [
      { width: 40, align: 'left' },
      { width: 6, align: 'center' },
      { width: 17, align: 'right' },
      { width: 17, align: 'right' },
    ],
    head: [
      [['项目'], ['行次', 1, 2], ['预算数'], ['决算统计数']],
      [['栏次'], ['1'], ['2']],
    ],
    body: { kind: 'threePublic', table: 'T3G' },
    notes: [
      '注：1．“三公”经费为单位使用一般公共预算财政拨款安排的支出，包括当年一般公共预算财政拨款和以前年度一般公共预算财政拨款结转结余资金安排的实际支出。“三公”经费相关统计数是指使用一般公共预算财政拨款负担费用的相关批次、人次及车辆情况。',
      '2．“机关运行经费”为行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的公用经费支出。',
    ],
  },
};

/** 06表 panel C rows of the 2021 set (tables.md §2.6): 310 … 399. Panels A and B follow T06_GROUPS. */
export const T06_PANELS: readonly (readonly string[])[] = [
  ['301', '303'],
  ['302', '307'],
  ['310', '312', '399'],
];
