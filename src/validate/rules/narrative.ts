// What the 部门决算说明 needs from the department beyond the tables (narrative.md A.9): the
// prior-year figures the changes are computed from (N-PRIOR, a warning: the comparison is left out).
// The reasons and sections the text needs (N-REASON, N-FILL) are found where the text is composed
// (cli/check.ts), by the templates themselves, so the two can never disagree.
import type { Decimal } from '../../model/decimal.js';
import type { ExplanationKey } from '../../model/dataset.js';
import { completePriorThreePublic } from '../../derive/complete.js';
import { defineRule, type Rule, type RuleContext } from '../rule.js';
import { defaultFigures, defaultForm, FigureReader } from '../../derive/figures.js';
import { FIGURE_NAMES } from '../../forms/figures.js';
import { formFigures } from '../../forms/load.js';

interface Need {
  readonly key: ExplanationKey;
  readonly what: string;
  readonly current: Decimal;
  readonly prior?: Decimal;
  readonly priorPath: string;
}

/** The figures of the department's form (derive's default when validated without a profile). */
function figuresOf(ctx: RuleContext): FigureReader {
  const form = ctx.options.form;
  return new FigureReader(form && (form.figures || form.figuresFrom) ? formFigures(form) : defaultFigures(), ctx.tables);
}

/** The prior-year 三公 figure of the same 行次 as the cell of `name` (priorYear.threePublic is keyed by the table's rows). */
function priorRow(f: FigureReader, rows: Readonly<Partial<Record<number, Decimal>>> | undefined, name: string): { prior?: Decimal; row: string } {
  const row = f.cell(name)?.row ?? '';
  const n = /^r(?<n>\d+)$/.exec(row)?.groups?.n;
  const prior = n === undefined ? undefined : rows?.[Number(n)];
  return { ...(prior !== undefined ? { prior } : {}), row };
}

function needs(ctx: RuleContext): Need[] {
  const f = figuresOf(ctx);
  const p = { ...ctx.ds.priorYear, threePublic: completePriorThreePublic(ctx.ds.priorYear.threePublic) };
  const three = (key: ExplanationKey, what: string, item: string, rows: 'threePublic' | 'threePublicBudget' = 'threePublic'): Need => {
    const name = `threePublic.${rows === 'threePublic' ? 'actual' : 'budget'}.${item}`;
    const { prior, row } = priorRow(f, p[rows], name);
    return { key, what, current: f.value(name), ...(prior !== undefined ? { prior } : {}), priorPath: `priorYear.${rows}.${row}` };
  };
  const list: Need[] = [
    { key: 'totalChange', what: '收、支总计', current: f.value('totalIncomeExpenditure'), prior: p.totalIncomeExpenditure, priorPath: 'priorYear.totalIncomeExpenditure' },
    { key: 'appropriationChange', what: '财政拨款收、支总计', current: f.value('appropriation.total'), prior: p.appropriationTotal, priorPath: 'priorYear.appropriationTotal' },
    { key: 'generalExpenditureChange', what: '一般公共预算财政拨款支出', current: f.value('general.total'), prior: p.generalExpenditure, priorPath: 'priorYear.generalExpenditure' },
    three('abroadChange', '因公出国（境）费', 'abroad'),
    three('vehicleChange', '公务用车购置及运行维护费', 'vehicle'),
    three('receptionChange', '公务接待费', 'reception'),
    { key: 'agencyOperationChange', what: '机关运行经费', current: f.value('agencyOperation'), prior: p.agencyOperation, priorPath: 'priorYear.agencyOperation' },
  ];
  if (ctx.ds.selfEvaluation?.report) {
    list.push(
      { key: 'incomeChange', what: '本年收入合计', current: f.value('income.total'), prior: p.totalIncome, priorPath: 'priorYear.totalIncome' },
      three('threePublicBudgetChange', '“三公”经费预算', 'total', 'threePublicBudget'),
      three('threePublicChange', '“三公”经费支出', 'total'),
    );
  }
  return list;
}

/**
 * N-FIELD: the department's formFields against its form's `fields` (model/form.ts FormField): a name
 * the form does not declare, a text where a count is asked (or the reverse), and parts of a count
 * that do not add up to it (本单位组织 + 参加其他单位组织 = 因公出国（境）团组数), checked when every
 * part is given.
 */
function checkFormFields(ctx: RuleContext): void {
  const given = ctx.ds.formFields;
  if (!given) return;
  const form = ctx.options.form ?? defaultForm();
  const declared = form.fields ?? {};
  const names = Object.keys(declared);
  for (const [name, value] of Object.entries(given)) {
    const field = declared[name];
    if (!field) {
      ctx.report({
        message: `表样“${form.id}”没有要填写的“${name}”`,
        path: `formFields.${name}`,
        note: names.length ? `可填写的有：${names.map((n) => `${n}（${declared[n]!.title}）`).join('、')}` : '这一表样不需要另填个数或文字：请删去 formFields',
      });
    } else if ((field.kind === 'count') !== (typeof value === 'number')) {
      ctx.report({ message: `formFields.${name}（${field.title}）应为${field.kind === 'count' ? '个数（整数）' : '文字'}`, path: `formFields.${name}` });
    }
  }
  if (!form.figures && !form.figuresFrom) return;
  const figures = new FigureReader(formFigures(form), ctx.tables);
  const wholes = new Set(Object.values(declared).flatMap((f) => (f.partOf ? [f.partOf] : [])));
  for (const whole of wholes) {
    const parts = names.filter((n) => declared[n]!.partOf === whole);
    if (parts.some((n) => typeof given[n] !== 'number')) continue;
    const total = parts.reduce((s, n) => s + (given[n] as number), 0);
    const expected = figures.count(whole);
    if (expected.eq(total)) continue;
    ctx.report({
      message: `${parts.map((n) => declared[n]!.title).join('与')}之和为 ${total}，与${FIGURE_NAMES[whole]?.meaning ?? whole} ${expected.toFixed(0)} 不等`,
      path: `formFields.${parts[0]}`,
      related: parts.slice(1).map((n) => `formFields.${n}`),
      expected: expected.toFixed(0),
      actual: String(total),
    });
  }
}

export const narrativeRules: readonly Rule[] = [
  defineRule({ id: 'N-FIELD', severity: 'error' }, checkFormFields),
  defineRule({ id: 'N-PRIOR', severity: 'warning' }, (ctx) => {
    if (!ctx.ds.tables.T01) return;
    for (const n of needs(ctx)) {
      if (n.prior !== undefined || n.current.isZero()) continue;
      ctx.report({
        message: `缺少上年${n.what}（${n.priorPath}）：说明中将不写与上年的比较`,
        path: n.priorPath,
        note: '填写上年决算公开表中的对应数（元）',
      });
    }
  }),
];
