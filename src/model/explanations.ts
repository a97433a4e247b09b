// The free-text explanations the 部门决算说明 needs from the department, with what each one explains.
// One list for the schema's titles, the validator's N-REASON warnings and the template placeholders.
import type { ExplanationKey } from './dataset.js';

export const EXPLANATION_FIELDS: Readonly<Record<ExplanationKey, string>> = {
  totalChange: '收、支总计变动原因（第二部分 一）',
  incomeChange: '收入同比变动原因（部门整体支出绩效自评情况 一（三））',
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
