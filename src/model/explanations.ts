// What the 部门决算说明 needs the department to write (beyond the tables), with what each one is. One
// list for the schema's titles, the fill-in findings (N-REASON, N-FILL) and the draft placeholders.
// Keys are input paths; the wording is what a finance officer reads, never the key.
import { ANNEX_TEXTS } from './annexes.js';
import type { ExplanationKey } from './dataset.js';
import { defaultFigures } from '../derive/figures.js';

/** The printed label of income line `key` in the default form (figures income.lines), else the key in quotes. */
function incomeLineLabel(key: string): string {
  const lines = defaultFigures().get('income.lines');
  const label = lines?.kind === 'lines' ? lines.lines.find((l) => l.key === key)?.label : undefined;
  return label ?? `收入行“${key}”`;
}

export const EXPLANATION_FIELDS: Readonly<Record<ExplanationKey, string>> = {
  totalChange: '收、支总计变动原因（第二部分 一）',
  incomeChange: '收入同比变动原因（部门整体支出绩效自评情况 一（三））',
  expenditureChange: '本年支出合计变动原因（第二部分 三）',
  appropriationChange: '财政拨款收、支总计变动原因（第二部分 四）',
  generalExpenditureChange: '一般公共预算财政拨款支出变动原因（第二部分 五（一））',
  threePublicBudgetGap: '“三公”经费决算数与预算数差异原因（第二部分 七（一））',
  threePublicBudgetChange: '“三公”经费预算与上年对比的原因（自评情况 一（五））',
  threePublicChange: '“三公”经费支出与上年对比的原因（自评情况 一（五））',
  abroadChange: '因公出国（境）费变动原因（七（二）1）',
  vehicleChange: '公务用车购置及运行维护费变动原因（七（二）2）',
  receptionChange: '公务接待费变动原因（七（二）3）',
  govFund: '政府性基金预算支出说明（第二部分 八，可省略）',
  agencyOperationChange: '机关运行经费变动原因（十（一））',
};

/** Sections of text (not reasons) the document needs, by input path. */
export const SECTION_FIELDS: Readonly<Record<string, string>> = {
  'overview.functions': '部门主要职能（第一部分 一（一））',
  'overview.keyWork': '本年重点工作完成情况（第一部分 一（二））',
  procurement: '政府采购支出情况（第二部分 十（二））',
  assets: '国有资产占有使用情况（第二部分 十（三））',
  performanceManagement: '预算绩效管理情况（第二部分 十（四））',
  'selfEvaluation.report.overview': '部门整体支出绩效自评情况 一（一）部门概况',
  'selfEvaluation.report.goalSetting': '部门整体支出绩效自评情况 一（二）部门绩效目标的设立情况',
  'selfEvaluation.report.budgetManagement': '部门整体支出绩效自评情况 一（四）部门预算管理制度建设情况',
  'selfEvaluation.report.purpose': '部门整体支出绩效自评情况 二（一）绩效自评的目的',
  'selfEvaluation.report.preparation': '部门整体支出绩效自评情况 二（二）1.前期准备',
  'selfEvaluation.report.implementation': '部门整体支出绩效自评情况 二（二）2.组织实施',
  'selfEvaluation.report.conclusion': '部门整体支出绩效自评情况 三、评价情况分析及综合评价结论',
  'selfEvaluation.report.problems': '部门整体支出绩效自评情况 四、存在的问题和整改情况',
  'selfEvaluation.report.application': '部门整体支出绩效自评情况 五、绩效自评结果应用',
  'selfEvaluation.report.experience': '部门整体支出绩效自评情况 六、主要经验及做法',
  'selfEvaluation.report.other': '部门整体支出绩效自评情况 七、其他需说明的情况',
};

/**
 * What the officer must supply at input path `field`, in words: a reason, a section, a 项 reason
 * (`explanations.items.2010401`) or a 名词解释 the dictionary lacks (`glossary.2010401`).
 */
export function fillInDescription(field: string): string {
  const explanation = /^explanations\.([A-Za-z]+)$/.exec(field);
  if (explanation && explanation[1]! in EXPLANATION_FIELDS) return EXPLANATION_FIELDS[explanation[1] as ExplanationKey];
  const line = /^explanations\.incomeLines\.([A-Za-z0-9]+)$/.exec(field);
  if (line) return `${incomeLineLabel(line[1]!)}与上年相比的变动原因（第二部分 二）`;
  const item = /^explanations\.items\.(\d+)$/.exec(field);
  if (item) return `科目${item[1]}决算数与预算数不同的原因（第二部分 五（三））`;
  const glossary = /^glossary\.(\d+)$/.exec(field);
  if (glossary) return `科目${glossary[1]}的名词解释（第三部分）`;
  // the annexes' free texts (model/annexes.ts): annexes.department.conclusion, annexes.projects.problems
  const annex = /^annexes\.(?:department|projects)\.(\w+)$/.exec(field);
  if (annex && ANNEX_TEXTS[annex[1]!]) return ANNEX_TEXTS[annex[1]!]!;
  return SECTION_FIELDS[field] ?? field;
}
