// The 绩效自评 tables (evaluation.md §1–§2): 部门整体支出绩效自评表 (2021 layout), 项目支出绩效自评表
// in the municipal 2021 layout (seed 000) and the province layout (seed 002), and the summary of all
// projects a reviewing finance bureau asks for first. Every figure comes from derive
// (model.evaluation); here the grid is laid out and the figures formatted.
import { ZERO, type Decimal } from '../../model/decimal.js';
import type { Indicator, ProjectEvaluation } from '../../model/dataset.js';
import type { Cell, Row, Table } from '../../model/document.js';
import { formatAmount } from '../../model/format.js';
import type { DepartmentBudgetRowFigures, FundRowFigures, Money, ProjectFigures, ReportModel } from '../../model/report.js';
import type { ProfileSettings } from '../profile.js';
import type { EvaluationSettings } from './settings.js';

export type ProjectLayout = 'municipal2021' | 'province' | 'yunnan2024';

const t = (text: string, extra: Partial<Cell> = {}): Cell => ({ text, kind: 'text', ...extra });
/** Free text the department wrote (names, goals, reasons): read from the left, wrapped in its cell. */
const prose = (text: string, extra: Partial<Cell> = {}): Cell => t(text, { align: 'left', ...extra });
const label = (text: string, extra: Partial<Cell> = {}): Cell => t(text, { align: 'center', ...extra });
/** A row of labels that heads the rows under it and is printed again on each page they continue on. */
const headerRow = (cells: Cell[]): Row => ({ cells, header: true });
const DASH = t('—', { align: 'center' });

/** 万元 with thousands separators (1,950.00); blank when zero, as the published tables print it. */
function wanCell(m: Money | undefined, keepZero = false): Cell {
  if (!m || (m.yuan.isZero() && !keepZero)) return t('', { kind: 'amount', align: 'right' });
  return { text: formatAmount(m.wan), value: m.wan.toFixed(2), kind: 'amount', align: 'right' };
}

/** 元 with thousands separators (8,892.00); zero printed 0.00, as the 2024 tables print it (tables.md §3 item 6). */
function yuanCell(m: Money | undefined): Cell {
  const v = m?.yuan;
  if (!v) return t('', { kind: 'amount', align: 'right' });
  return { text: formatAmount(v), value: v.toFixed(2), kind: 'amount', align: 'right' };
}

/** An amount in the unit the tables print in: 元 (2024) or 万元 (2021, province). */
function moneyCell(m: Money | undefined, unit: '元' | '万元', keepZero = false): Cell {
  return unit === '元' ? yuanCell(m) : wanCell(m, keepZero);
}

/** A title with `{year}` replaced by the report year. */
const titled = (template: string | undefined, fallback: string, year: number) => (template ?? fallback).replace(/\{year\}/g, String(year));

/** 执行率 with `%` (2024 project tables): `100.00%`, or `100%` under dropDotZeroZero (evaluation.md §2.3). */
function percentCell(d: Decimal | undefined, dropDotZeroZero: boolean): Cell {
  if (d === undefined) return t('', { align: 'right' });
  const text = `${dropDotZeroZero ? d.toFixed(2).replace(/\.00$/, '') : d.toFixed(2)}%`;
  return { text, value: d.toFixed(2), kind: 'amount', align: 'right' };
}

function numberCell(d: Decimal | undefined, extra: Partial<Cell> = {}): Cell {
  if (d === undefined) return t('', { align: 'right' });
  return { text: d.toFixed(2), value: d.toFixed(2), kind: 'amount', align: 'right', ...extra };
}

function valueText(v: Indicator['target']): string {
  return v?.date ? `${Number(v.date.slice(0, 4))}年${Number(v.date.slice(5, 7))}月${Number(v.date.slice(8, 10))}日` : (v?.text ?? '');
}

/** Operators as the profile prints them: ASCII `>=` (000, 2024) or `≥` (province). */
function operatorText(op: string | undefined, glyphs: 'ascii' | 'math'): string {
  if (!op) return '';
  if (glyphs === 'math') return op.replace('>=', '≥').replace('<=', '≤');
  return op.replace('≥', '>=').replace('≤', '<=');
}

/** Rough printed width in characters: Latin letters and figures count half. */
const ems = (text: string) => [...text].reduce((w, ch) => w + (ch <= '\u00ff' ? 0.5 : 1), 0);

/** 指标值 and 实际完成值: centred as printed, but a sentence that wraps in the narrow column reads from the left. */
const indicatorValue = (text: string): Cell => (ems(text) > 8 ? prose(text) : label(text));

function indicatorRow(i: Indicator, withScores: boolean, glyphs: 'ascii' | 'math'): Row {
  const cells: Cell[] = [
    prose(i.level1 ?? ''),
    prose(i.level2 ?? ''),
    prose(i.name ?? ''),
    label(operatorText(i.operator, glyphs)),
    indicatorValue(valueText(i.target)),
    label(i.unit ?? ''),
    indicatorValue(valueText(i.actual)),
  ];
  if (withScores) cells.push(numberCell(i.weight), numberCell(i.score), prose(i.deviation ?? ''));
  else cells.push(prose(i.deviation ?? '', { colSpan: 2 }));
  return { cells };
}

const INDICATOR_HEAD: Row[] = [
  headerRow([label('绩效指标', { colSpan: 3 }), label('年度指标值', { colSpan: 3 }), label('实际完成值', { rowSpan: 2 }), label('分值', { rowSpan: 2 }), label('得分', { rowSpan: 2 }), label('偏差原因分析及改进措施', { rowSpan: 2 })]),
  headerRow(['一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位'].map((x) => label(x))),
];

const FUND_ROWS: readonly { key: keyof ProjectFigures['funds']; label: string }[] = [
  { key: 'total', label: '年度资金总额' },
  { key: 'currentFiscal', label: '其中：当年财政拨款' },
  { key: 'priorCarryover', label: '上年结转资金' },
  { key: 'other', label: '其他资金' },
];

/** 10 columns: 一级, 二级, 三级, 指标性质, 指标值, 度量单位, 实际完成值, 分值, 得分, 偏差原因 */
const PROJECT_COLUMNS = [
  { width: 9, align: 'left' as const },
  { width: 11, align: 'left' as const },
  { width: 22, align: 'left' as const },
  { width: 8, align: 'center' as const },
  { width: 11, align: 'center' as const },
  { width: 9, align: 'center' as const },
  { width: 11, align: 'center' as const },
  { width: 8, align: 'right' as const },
  { width: 8, align: 'right' as const },
  { width: 24, align: 'left' as const },
];

/** The same 10 columns for amounts in 元 (2024): 指标性质/指标值/度量单位 hold 1,200,000.00 on one line. */
const PROJECT_COLUMNS_YUAN = PROJECT_COLUMNS.map((c, i) => ({ ...c, width: [9, 10, 17, 13, 13, 13, 11, 8, 8, 19][i]! }));

function fundCells(f: FundRowFigures, weight: Cell, rate: Cell, score: Cell, tail: Cell[], unit: '元' | '万元' = '万元'): Cell[] {
  return [moneyCell(f.initialBudget, unit), moneyCell(f.annualBudget, unit), moneyCell(f.executed, unit), weight, rate, score, ...tail];
}

/**
 * The fund rows of a 2024 project table (evaluation.md §2.3): amounts in 元, 0.00 printed; 执行率 with
 * `%` on the first three rows; `—` in the 分值/得分 cells of the sub-rows and in every cell but the
 * amounts of the fourth row (其他资金 or 非财政拨款). A project without 执行数 prints 0.00% and 0.00.
 */
function fundRows2024(p: ProjectEvaluation, fig: ProjectFigures, settings: ProfileSettings, unit: '元' | '万元'): Row[] {
  const dash = () => ({ ...DASH });
  const drop = settings.dropDotZeroZero;
  const zeroIfBudget = (f: FundRowFigures, rate: Decimal | undefined) => rate ?? (f.annualBudget.yuan.isZero() ? undefined : ZERO);
  return FUND_ROWS.map((r, i) => {
    const f = fig.funds[r.key];
    const name = r.key === 'other' ? (p.otherFundsLabel ?? '其他资金') : r.label;
    if (i === 0) {
      const score = fig.rateScore ?? (f.annualBudget.yuan.isZero() ? undefined : ZERO);
      return { cells: [label(name, { colSpan: 2 }), ...fundCells(f, numberCell(fig.rateWeight), percentCell(zeroIfBudget(f, fig.rate), drop), { ...numberCell(score), colSpan: 2 }, [], unit)] };
    }
    const rate = i === 3 ? dash() : percentCell(zeroIfBudget(f, f.rate), drop);
    return { cells: [label(name, { colSpan: 2 }), ...fundCells(f, dash(), rate, { ...dash(), colSpan: 2 }, [], unit)] };
  });
}

/**
 * One 项目支出绩效自评表 (evaluation.md §2): `layout` municipal2021 (000, 万元), province (002, 备注 column
 * and Σ row) or yunnan2024 (003: 元, 执行率 with %, — in the sub-rows, bare grade, the note set of the
 * fourth fund row from `ev.projectNotes`). `number` is this table's printed number (projectNumber).
 */
export function projectTable(
  p: ProjectEvaluation,
  fig: ProjectFigures,
  model: ReportModel,
  settings: ProfileSettings,
  layout: ProjectLayout,
  number: string | undefined,
  index: number,
  ev?: EvaluationSettings,
): Table {
  const province = layout === 'province';
  const y2024 = layout === 'yunnan2024';
  const unit = ev?.unit ?? (y2024 ? '元' : '万元');
  const glyphs = province ? 'math' : 'ascii';
  const rate = (d: Decimal | undefined) => numberCell(d);
  const otherLabel = p.otherFundsLabel ?? '其他资金';
  const body: Row[] = [
    { cells: [label('项目名称', { colSpan: 2 }), prose(p.name ?? '', { colSpan: 8 })] },
    { cells: [label('主管部门', { colSpan: 2 }), prose(p.competentDept ?? '', { colSpan: 4 }), label('实施单位'), prose(p.implementingUnit ?? '', { colSpan: 3 })] },
    {
      cells: [
        label(`项目资金（${unit}）`, { rowSpan: 5 }),
        label('', { colSpan: 2 }),
        ...['年初预算数', '全年预算数', '全年执行数', '分值', '执行率'].map((x) => label(x)),
        ...(province ? [label('得分'), label('备注')] : [label('得分', { colSpan: 2 })]),
      ],
    },
  ];
  if (y2024) body.push(...fundRows2024(p, fig, settings, unit));
  else FUND_ROWS.forEach((r, i) => {
    const f = fig.funds[r.key];
    const main = i === 0;
    // the 年度资金总额 row carries 分值/执行率/得分; 当年财政拨款 repeats them (municipal) or only the rate (province)
    const weight = main || (i === 1 && !province) ? numberCell(fig.rateWeight) : t('');
    const score = main || (i === 1 && !province) ? numberCell(fig.rateScore) : i >= 2 ? DASH : t('');
    const remark = province ? [prose(main ? (p.fundsRemark ?? '') : '')] : [];
    const scoreCell = province ? score : { ...score, colSpan: 2 };
    body.push({ cells: [label(r.key === 'other' ? otherLabel : r.label, { colSpan: 2 }), ...fundCells(f, weight, i === 3 && !f.rate ? t('') : rate(main ? fig.rate : f.rate), scoreCell, remark, unit)] });
  });
  body.push(
    { cells: [label('年度总体目标', { rowSpan: 2 }), label('预期目标', { colSpan: 5 }), label('实际完成情况', { colSpan: 4 })] },
    { cells: [prose(p.goals?.expected ?? '', { colSpan: 5 }), prose(p.goals?.actual ?? '', { colSpan: 4 })] },
  );
  if (province) body.push(headerRow([label('项目支出绩效指标表', { colSpan: 10 })]));
  body.push(...INDICATOR_HEAD);
  if (province) body.push({ cells: [t('', { colSpan: 7 }), numberCell(fig.indicatorWeight), numberCell(fig.indicatorScore), t('')] });
  for (const i of p.indicators) body.push(indicatorRow(i, true, glyphs));
  body.push({ cells: [label(province || y2024 ? '其他需要说明的事项' : '其他需要说明事项', { colSpan: 3 }), prose(p.otherNotes ?? '无', { colSpan: 7 })] });
  if (province) {
    body.push(
      { cells: [label('总分', { colSpan: 7, rowSpan: 2 }), label('总分值'), label('总得分'), label('自评等级')] },
      { cells: [numberCell(fig.rateWeight.plus(fig.indicatorWeight)), numberCell(fig.totalScore), label(fig.grade)] },
    );
  } else {
    // 2021 prints `（自评等级）优` in the last cell; 2024 the bare grade (evaluation.md §3.2)
    body.push({ cells: [label('总分', { colSpan: 7 }), numberCell(fig.rateWeight.plus(fig.indicatorWeight)), numberCell(fig.totalScore), label(y2024 ? fig.grade : `（自评等级）${fig.grade}`)] });
  }
  // 2024: the note set follows the label of the fourth fund row (evaluation.md §3.4)
  const notes = province ? (settings.evaluationNotes ?? []) : y2024 ? ((p.otherFundsLabel === '非财政拨款' ? ev?.projectNotes.nonFiscal : ev?.projectNotes.other) ?? []) : [];
  const dept = model.dataset.department;
  return {
    type: 'table',
    id: `project-${index + 1}`,
    label: number ? (ev?.projectNumbering === 'consecutive' ? number : `${number}-${index + 1}`) : `项目${index + 1}`,
    // the bookmark names the project: seventeen “项目支出绩效自评表” entries say nothing
    outline: `${number ? `${number} ` : ''}${p.name ?? `项目${index + 1}`}`,
    caption: { title: titled(ev?.titles.project, '项目支出绩效自评表', model.year), ...(number ? { number } : {}), left: `${province ? '编制单位' : '部门'}：${p.competentDept ?? dept.name}`, right: `金额单位：${unit}` },
    columns: unit === '元' ? PROJECT_COLUMNS_YUAN : PROJECT_COLUMNS,
    head: [],
    body,
    notes,
    density: 'normal',
    layout: 'fixed',
  };
}

/** 部门整体支出绩效自评表, 2021 municipal layout (evaluation.md §1.1), 9 columns. */
export function departmentTable(model: ReportModel, number: string | undefined): Table | undefined {
  const dep = model.dataset.selfEvaluation?.department;
  if (!dep) return undefined;
  const fig = model.evaluation;
  const name = dep.name ?? model.dataset.department.name;
  const year = model.year;
  const goals = [0, 1, 2].map((i) => dep.annualGoals[i]);
  const body: Row[] = [
    { cells: [label('部门名称', { colSpan: 2 }), prose(name, { colSpan: 7 })] },
    { cells: [label('内容', { colSpan: 2 }), label('说明', { colSpan: 7 })] },
    { cells: [label('部门总体目标', { rowSpan: 2 }), label('部门职责'), prose(dep.duties ?? '', { colSpan: 7 })] },
    { cells: [label('总体绩效目标'), prose(dep.overallGoal ?? '', { colSpan: 7 })] },
    { cells: [label('部门年度目标', { rowSpan: 4 }), label('财年'), label('目标', { colSpan: 4 }), label('实际完成情况', { colSpan: 3 })] },
    ...goals.map((g, i) => ({
      cells: [label(String(g?.year ?? year + i)), prose(g?.goal ?? '', { colSpan: 4 }), i === 0 ? prose(g?.actual ?? '', { colSpan: 3 }) : label('---', { colSpan: 3 })],
    })),
    headerRow([label('部门年度重点工作任务', { colSpan: 9 })]),
    headerRow([
      label('任务名称', { rowSpan: 2 }),
      label('项目级次', { rowSpan: 2 }),
      label('主要内容', { rowSpan: 2 }),
      label('批复金额（万元）', { colSpan: 3 }),
      label('实际支出金额（万元）', { rowSpan: 2 }),
      label('预算执行率', { rowSpan: 2 }),
      label('预算执行偏低原因及改进措施', { rowSpan: 2 }),
    ]),
    headerRow([label('总额'), label('财政拨款'), label('其他资金')]),
  ];
  if (fig.taskTotal) {
    const tt = fig.taskTotal;
    body.push({ cells: [t('合计', { colSpan: 3, align: 'center' }), wanCell(tt.total), wanCell(tt.fiscal), wanCell(tt.other), wanCell(tt.actual), numberCell(tt.rate), t('')] });
  }
  dep.tasks.forEach((task, i) => {
    const f = fig.tasks[i]!;
    body.push({ cells: [prose(task.name ?? ''), label(task.level ?? ''), prose(task.content ?? ''), wanCell(f.total), wanCell(f.fiscal), wanCell(f.other), wanCell(f.actual), numberCell(f.rate), prose(task.reason ?? '')] });
  });
  body.push(headerRow([label('部门整体支出绩效指标', { colSpan: 9 })]));
  body.push(headerRow(['一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '实际完成值'].map((x) => label(x)).concat([label('偏差原因分析及改进措施', { colSpan: 2 })])));
  for (const ind of dep.indicators) body.push(indicatorRow(ind, false, 'ascii'));
  body.push({ cells: [label('其他需说明事项', { colSpan: 2 }), prose(dep.otherNotes ?? '无', { colSpan: 7 })] });
  return {
    type: 'table',
    id: 'department-evaluation',
    label: number ?? '部门整体支出绩效自评表',
    outline: `${number ? `${number} ` : ''}部门整体支出绩效自评表`,
    caption: { title: '部门整体支出绩效自评表', ...(number ? { number } : {}), left: `部门：${name}`, right: '金额单位：万元' },
    columns: [
      { width: 14, align: 'left' },
      { width: 10, align: 'center' },
      { width: 26, align: 'left' },
      { width: 9, align: 'center' },
      { width: 11, align: 'right' },
      { width: 11, align: 'right' },
      { width: 11, align: 'right' },
      { width: 9, align: 'right' },
      { width: 22, align: 'left' },
    ],
    head: [],
    body,
    notes: [],
    density: 'normal',
    layout: 'fixed',
  };
}

const BUDGET_HEAD = ['年初预算数', '预算调整数（调增为“+”；调减为“-”）', '预算确定数', '执行数（系统提取）', '执行率(%)', '情况说明'];

/** 年初预算数 … 执行率 of one budget row (元, 0.00 printed, a negative 调整 with `-`), then its 情况说明. */
function budgetCells(f: DepartmentBudgetRowFigures, remark: string | undefined): Cell[] {
  return [yuanCell(f.initialBudget), yuanCell(f.adjustment), yuanCell(f.finalBudget), yuanCell(f.executed), numberCell(f.rate), prose(remark ?? '')];
}

/**
 * 部门整体支出绩效自评表, 2024 layout (evaluation.md §1.2, seed 003 公开14表), 9 columns, amounts in
 * 元: the 部门预算资金（元） block (figures from derive, EW24-*), 部门年度目标, the indicators under the
 * 绩效指标/年度指标值 band, 其他需说明事项, and the form's two 备注.
 */
export function departmentTable2024(model: ReportModel, number: string | undefined, ev: EvaluationSettings): Table | undefined {
  const dep = model.dataset.selfEvaluation?.department;
  if (!dep) return undefined;
  const name = dep.name ?? model.dataset.department.name;
  const fig = model.evaluation.departmentBudget;
  const typed = dep.budget ?? {};
  const row = (k: keyof NonNullable<typeof fig>) => (fig ? budgetCells(fig[k], typed[k]?.remark) : BUDGET_HEAD.map(() => t('')));
  const title = titled(ev.titles.department, '{year}年度部门整体支出绩效自评表', model.year);
  const body: Row[] = [
    { cells: [label('部门名称', { colSpan: 3 }), prose(name, { colSpan: 6 })] },
    { cells: [label('部门预算资金（元）', { rowSpan: 7 }), label('项目年度支出', { colSpan: 2 }), ...BUDGET_HEAD.map((x) => label(x))] },
    { cells: [label('年度资金总额', { colSpan: 2 }), ...row('total')] },
    { cells: [label('基本支出'), label('年度资金总额'), ...row('basic')] },
    { cells: [label('项目支出', { rowSpan: 4 }), label('年度资金总额'), ...row('project')] },
    { cells: [label('其中：当年财政拨款'), ...row('currentFiscal')] },
    { cells: [label('上年结转资金'), ...row('priorCarryover')] },
    { cells: [label('非财政拨款'), ...row('nonFiscal')] },
    { cells: [label('部门年度目标', { colSpan: 3 }), prose(dep.annualGoal ?? dep.overallGoal ?? '', { colSpan: 6 })] },
    headerRow([label('部门整体支出绩效指标', { colSpan: 9 })]),
    headerRow([label('绩效指标', { colSpan: 3 }), label('年度指标值', { colSpan: 3 }), label('实际完成值', { rowSpan: 2 }), label('偏差原因分析及改进措施', { colSpan: 2, rowSpan: 2 })]),
    headerRow(['一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位'].map((x) => label(x))),
  ];
  for (const ind of dep.indicators) body.push(indicatorRow(ind, false, 'ascii'));
  body.push({ cells: [label('其他需说明事项', { colSpan: 3 }), prose(dep.otherNotes ?? '无', { colSpan: 6 })] });
  return {
    type: 'table',
    id: 'department-evaluation',
    label: number ?? '部门整体支出绩效自评表',
    outline: `${number ? `${number} ` : ''}${title}`,
    caption: { title, ...(number ? { number } : {}), left: `部门：${name}`, right: '金额单位：元' },
    columns: [
      { width: 12, align: 'left' },
      { width: 11, align: 'center' },
      { width: 20, align: 'left' },
      { width: 13, align: 'right' },
      { width: 15, align: 'right' },
      { width: 13, align: 'right' },
      { width: 13, align: 'right' },
      { width: 9, align: 'right' },
      { width: 20, align: 'left' },
    ],
    head: [],
    body,
    notes: ev.departmentNotes,
    density: 'normal',
    layout: 'fixed',
  };
}

/** 项目支出绩效自评汇总表: not a published table, the overview a reviewer asks for first. */
export function projectSummaryTable(model: ReportModel): Table | undefined {
  const projects = model.dataset.selfEvaluation?.projects ?? [];
  if (projects.length === 0) return undefined;
  const figs = model.evaluation.projects;
  const head: Row[] = [{ cells: ['序号', '项目名称', '全年预算数', '全年执行数', '执行率(%)', '执行率得分', '总得分', '自评等级'].map((x) => label(x)) }];
  const body: Row[] = projects.map((p, i) => {
    const f = figs[i]!;
    return {
      cells: [
        label(String(i + 1)),
        prose(p.name ?? ''),
        wanCell(f.funds.total.annualBudget, true),
        wanCell(f.funds.total.executed, true),
        numberCell(f.rate),
        numberCell(f.rateScore),
        numberCell(f.totalScore),
        label(f.grade),
      ],
    };
  });
  return {
    type: 'table',
    id: 'project-summary',
    label: '项目自评汇总',
    caption: { title: '项目支出绩效自评汇总表', left: `部门：${model.dataset.department.name}`, right: '金额单位：万元' },
    columns: [
      { width: 5, align: 'center' },
      { width: 40, align: 'left' },
      { width: 12, align: 'right' },
      { width: 12, align: 'right' },
      { width: 9, align: 'right' },
      { width: 9, align: 'right' },
      { width: 9, align: 'right' },
      { width: 8, align: 'center' },
    ],
    head,
    body,
    notes: ['注：本表汇总本部门全部项目支出绩效自评结果，供审核使用，不属于公开表。执行率、得分和等级由 juesuan 按各项目自评表的数据计算。'],
    density: 'normal',
  };
}
