// 图1–图7 of the 部门决算说明 (narrative.md A.5) as chart nodes: the figures and labels are the same
// rounded 万元 amounts and percentages as the text.
import type { Chart } from '../../model/document.js';
import type { Breakdown, Change, Money, ReportModel } from '../../model/report.js';

/** How the labels print 万元 amounts and percentages: as the text does (narrative/index.ts numberFormats). */
export interface LabelFormats {
  readonly wan: (m: Money) => string;
  readonly percent: (d: Breakdown['parts'][number]['percent']) => string;
}

/** The ids a template may name in a CHART line. */
export const CHART_IDS: readonly string[] = ['figure1', 'figure2', 'figure3', 'figure4', 'figure5', 'figure6', 'figure7'];

function pie(id: string, caption: string, b: Breakdown, { wan, percent }: LabelFormats, keepZero = false): Chart {
  const parts = keepZero ? b.parts : b.parts.filter((p) => !p.amount.yuan.isZero());
  return {
    type: 'chart',
    id,
    kind: 'pie',
    caption,
    unit: '万元',
    categories: parts.map((p) => p.label),
    series: [{ name: caption, values: parts.map((p) => p.amount.wan.toFixed(2)) }],
    labels: [parts.map((p) => `${wan(p.amount)}万元 ${percent(p.percent)}`)],
  };
}

/** Two years side by side; a 变动 chart needs both, so without the prior year it is not drawn. */
function years(id: string, caption: string, model: ReportModel, categories: readonly string[], current: Money, change: Change | undefined, { wan }: LabelFormats): Chart | undefined {
  if (!change) return undefined;
  const series = [
    { name: `${model.priorYear}年`, money: change.prior },
    { name: `${model.year}年`, money: current },
  ];
  return {
    type: 'chart',
    id,
    kind: 'bar',
    caption,
    unit: '万元',
    categories,
    series: series.map((s) => ({ name: s.name, values: categories.map(() => s.money.wan.toFixed(2)) })),
    labels: series.map((s) => categories.map(() => wan(s.money))),
  };
}

/** 图1–图7 by id; an id whose chart is not drawn (a 变动 chart without the prior year) maps to undefined. */
export function buildCharts(model: ReportModel, formats: LabelFormats): ReadonlyMap<string, Chart | undefined> {
  const charts: [string, Chart | undefined][] = [
    years('figure1', '收、支决算总计变动情况图', model, ['收入总计', '支出总计'], model.totalIncomeExpenditure, model.totalChange, formats),
    pie('figure2', '收入决算结构图', model.income, formats),
    pie('figure3', '支出决算结构图', model.expenditure, formats),
    years('figure4', '财政拨款收、支决算总计变动情况', model, ['财政拨款收入总计', '财政拨款支出总计'], model.appropriationTotal, model.appropriationChange, formats),
    years('figure5', '一般公共预算财政拨款支出决算变动情况', model, ['一般公共预算财政拨款支出'], model.generalExpenditure, model.generalChange, formats),
    pie('figure6', '一般公共预算财政拨款支出决算结构', model.generalByClass, formats),
    pie('figure7', '“三公”经费财政拨款支出结构', model.threePublic.breakdown, formats, true),
  ].map((c, i) => [CHART_IDS[i]!, c]);
  return new Map(charts);
}
