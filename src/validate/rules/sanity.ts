// The sanity checks a finance reviewer applies (rules.md §5): warnings about values that are
// probably wrong although no identity fails — 元/万元 mix-ups, Excel serial numbers, template words
// in 度量单位, stale years, duplicated phrases, placeholders left in, known typos, 优 at low execution.
import { Decimal } from '../../model/decimal.js';
import type { Dataset, Indicator } from '../../model/dataset.js';
import { excelSerialToIso, isLikelyExcelSerial } from '../../model/dates.js';
import { scoreProject } from '../../derive/evaluation.js';
import { yuan } from '../describe.js';
import { figureCell } from '../cells.js';
import { defineRule, type Rule, type RuleContext } from '../rule.js';
import { isMeasureUnit, normalizeUnit } from '../units.js';

/** Words that are not units: 指标值 or 实际完成值 typed into the unit cell (000 L1162 有效维护 …). */
const NOT_A_UNIT = /^(有效|达标|上升|提高|及时|良好|较好|明显|显著|逐步|持续|下降|完成|合格|是|否)/;

function indicatorsOf(ds: Dataset): { ind: Indicator; path: string; owner: string }[] {
  const out: { ind: Indicator; path: string; owner: string }[] = [];
  ds.selfEvaluation?.projects.forEach((p, i) =>
    p.indicators.forEach((ind, j) => out.push({ ind, path: `selfEvaluation.projects[${i}].indicators[${j}]`, owner: `项目“${p.name ?? i + 1}”` })),
  );
  ds.selfEvaluation?.department?.indicators.forEach((ind, j) => out.push({ ind, path: `selfEvaluation.department.indicators[${j}]`, owner: '部门整体支出绩效自评表' }));
  return out;
}

/** Every free text of the dataset with its input path (indicator values count as text too). */
export function textFields(ds: Dataset): { path: string; text: string }[] {
  const out: { path: string; text: string }[] = [];
  const visit = (v: unknown, path: string) => {
    if (typeof v === 'string') {
      out.push({ path, text: v });
      return;
    }
    if (v === null || typeof v !== 'object' || v instanceof Decimal) return;
    if (Array.isArray(v)) {
      v.forEach((x, i) => visit(x, `${path}[${i}]`));
      return;
    }
    for (const [k, x] of Object.entries(v)) {
      if (k === 'sources' || k === 'file' || k === 'date') continue;
      // an IndicatorValue's text is the value at the parent path
      visit(x, k === 'text' ? path : path ? `${path}.${k}` : k);
    }
  };
  visit(ds, '');
  return out;
}

/** A phrase of ≥ 4 characters with at least 2 Chinese characters, written twice in a row. */
const REPEAT = /([\u4e00-\u9fff][^\s，。；、]{2,}?[\u4e00-\u9fff])\1/u;
const PLACEHOLDER = /<\/?[a-zA-Z][^>]*>|（[^）]{0,20}(具体|请填|填写|饼状图|柱状图|此处)[^）]{0,20}）|[XＸ]{2,}|××|○○/u;

function indicatorWords(ind: Indicator, owner: string): string {
  return `${owner} 指标“${ind.name ?? ''}”`;
}

export const sanityRules: readonly Rule[] = [
  defineRule({ id: 'S-UNIT', severity: 'warning' }, (ctx) => {
    // the 01表 and 05表 cells by the form's figure names (forms/figures.ts), not by 行次
    const total = figureCell(ctx, 'totalIncomeExpenditure').value;
    if (total.gt(0) && total.lt(100_000)) {
      ctx.report({ message: `收入支出总计只有 ${yuan(total)}：公开表金额单位是元，是否按万元填写了？`, path: 'tables.T01', note: '公开表金额请填元，例如 5362.92万元填 53,629,200.00' });
    }
    const pairs: [Decimal | undefined, Decimal, string, string][] = [
      [ctx.ds.priorYear.totalIncomeExpenditure, total, 'priorYear.totalIncomeExpenditure', '收、支总计'],
      [ctx.ds.priorYear.totalIncome, figureCell(ctx, 'income.total').value, 'priorYear.totalIncome', '本年收入合计'],
      [ctx.ds.priorYear.generalExpenditure, figureCell(ctx, 'general.total').value, 'priorYear.generalExpenditure', '一般公共预算财政拨款支出'],
    ];
    for (const [prior, current, path, what] of pairs) {
      if (!prior || prior.isZero() || current.isZero()) continue;
      const ratio = current.div(prior);
      if (ratio.gt(1000) || ratio.lt(0.001)) {
        ctx.report({ message: `上年${what} ${yuan(prior)} 与本年 ${yuan(current)} 相差上千倍：是否一个按元、一个按万元填写了？`, path });
      }
    }
    const wan = ctx.ds.selfEvaluation?.amountUnit === 'wan';
    if (wan) {
      // 元 figures written into the text of a 万元 table (000 L2195: 270000.00元 in a 27.00万元 project)
      for (const { path, text } of textFields(ctx.ds)) {
        if (!path.startsWith('selfEvaluation.')) continue;
        const m = /(?<![万亿\d.,])(\d{5,}(?:\.\d{1,2})?)元/u.exec(text);
        if (m) ctx.report({ message: `文字中的金额“${m[0]}”以元为单位，而本表金额单位为万元`, path, note: `同一张表内请统一用万元（${m[1]}元 = ${new Decimal(m[1]!).div(10000).toFixed(2)}万元）` });
      }
    }
    if (wan) {
      // a 元 amount typed into a 万元 part: larger than the department's whole 收支总计, or about
      // 10,000 times another amount of the same project (000 P5: 270000.00 beside 27.00). The reader
      // holds these amounts in 元 already (typed × 10000).
      const departmentTotal = ctx.ds.tables.T01 && total.gt(0) ? total : undefined;
      ctx.ds.selfEvaluation?.projects.forEach((p, i) => {
        const amounts: { path: string; value: Decimal }[] = [];
        for (const [row, fund] of Object.entries(p.funds ?? {}))
          for (const [col, v] of Object.entries(fund ?? {})) if (v instanceof Decimal && v.gt(0)) amounts.push({ path: `selfEvaluation.projects[${i}].funds.${row}.${col}`, value: v });
        const smallest = amounts.length ? Decimal.min(...amounts.map((a) => a.value)) : undefined;
        for (const a of amounts) {
          const aboveDepartment = departmentTotal !== undefined && a.value.gt(departmentTotal);
          const farAboveSibling = smallest !== undefined && a.value.gte(smallest.times(2000));
          if (!aboveDepartment && !farAboveSibling) continue;
          const typed = a.value.div(10000);
          const intended = typed.div(10000).toFixed(2);
          ctx.report({
            message: `项目“${p.name ?? i + 1}”的金额 ${typed.toFixed(2)}万元${aboveDepartment ? `超过本部门收支总计 ${departmentTotal!.div(10000).toFixed(2)}万元` : `是同一项目另一金额 ${smallest!.div(10000).toFixed(2)}万元 的 ${a.value.div(smallest!).toFixed(0)} 倍`}：本节金额单位为万元，是否按元填写了？`,
            path: a.path,
            expected: intended,
            actual: typed.toFixed(2),
            note: `若按元填写，应为 ${intended}（万元）`,
          });
        }
      });
    }
    ctx.ds.selfEvaluation?.projects.forEach((p, i) => {
      const s = scoreProject(p, ctx.options.gradeBands);
      const budget = s.funds.annualBudget;
      if (!wan && budget.gt(0) && budget.lt(1000)) {
        ctx.report({ message: `项目“${p.name ?? i + 1}”全年预算数只有 ${yuan(budget)}：本节金额单位为元，是否按万元填写了？`, path: `selfEvaluation.projects[${i}].funds`, note: '按万元填写时请设 selfEvaluation.amountUnit: 万元' });
      }
      p.indicators.forEach((ind, j) => {
        const n = ind.target?.number ?? ind.actual?.number;
        if (!n || !/成本/.test(ind.level2 ?? '') || budget.isZero()) return;
        const inYuan = ind.unit === '万元' ? n.times(10000) : ind.unit === '元' ? n : undefined;
        if (inYuan && inYuan.gt(budget.times(3))) {
          ctx.report({
            message: `${indicatorWords(ind, `项目“${p.name ?? i + 1}”`)}的成本 ${n.toFixed()}${ind.unit} 是项目全年预算数 ${yuan(budget)} 的 ${inYuan.div(budget).toFixed(1)} 倍：单位是否填错（元/万元）？`,
            path: `selfEvaluation.projects[${i}].indicators[${j}]`,
          });
        }
      });
    });
  }),
  defineRule({ id: 'S-SERIAL', severity: 'warning' }, (ctx) => {
    for (const { ind, path, owner } of indicatorsOf(ctx.ds)) {
      // 时效 rows are EP-DATE errors; elsewhere a serial with a date-like unit is only suspicious
      if (/时效/.test(ind.level2 ?? '')) continue;
      for (const key of ['target', 'actual'] as const) {
        const n = ind[key]?.number;
        if (n && isLikelyExcelSerial(n) && /年|月|日|及时/.test(ind.unit ?? '')) {
          ctx.report({ message: `${indicatorWords(ind, owner)}的值 ${n.toFixed()} 像是 Excel 日期序列号`, path: `${path}.${key}`, note: `若是日期，应为 ${excelSerialToIso(n.toNumber())}` });
        }
      }
    }
  }),
  defineRule({ id: 'S-ENUM', severity: 'warning' }, (ctx) => {
    for (const { ind, path, owner } of indicatorsOf(ctx.ds)) {
      const unit = ind.unit?.trim();
      if (!unit) continue;
      const numeric = ind.target?.number !== undefined || ind.target?.date !== undefined;
      const known = isMeasureUnit(unit);
      const percent = normalizeUnit(unit) === '%';
      if (known && (numeric || !ind.target || !percent)) continue;
      if (!known && (NOT_A_UNIT.test(unit) || /等$|\d|[（(].*[、/].*[）)]/.test(unit) || unit === '0')) {
        ctx.report({ message: `${indicatorWords(ind, owner)}的度量单位“${unit}”不是计量单位（像是下拉选项或指标值填进了单位栏）`, path: `${path}.unit`, note: numeric ? '请填具体单位，如 个、%、万元' : '定性指标的度量单位留空' });
      } else if (!numeric && ind.target && percent) {
        ctx.report({ message: `${indicatorWords(ind, owner)}的指标值“${ind.target.text}”是文字，度量单位却是“%”`, path: `${path}.unit`, note: '定性指标的度量单位留空' });
      } else if (!known) {
        ctx.report({ message: `${indicatorWords(ind, owner)}的度量单位“${unit}”不在常用计量单位中，请核对`, path: `${path}.unit` });
      }
    }
  }),
  defineRule({ id: 'S-YEAR', severity: 'warning' }, (ctx) => {
    const y = ctx.ds.department.year;
    for (const { ind, path, owner } of indicatorsOf(ctx.ds)) {
      for (const key of ['target', 'actual'] as const) {
        const d = ind[key]?.date;
        if (d && Math.abs(Number(d.slice(0, 4)) - y) > 1) {
          ctx.report({ message: `${indicatorWords(ind, owner)}的日期 ${d} 不在决算年度 ${y} 前后`, path: `${path}.${key}` });
        }
      }
    }
    // a notice received on a date earlier than the year in its own document number (000 L759)
    for (const { path, text } of textFields(ctx.ds)) {
      for (const m of text.matchAll(/(\d{4})年\d{1,2}月\d{1,2}日[^。；]{0,12}?〔(\d{4})〕/gu)) {
        if (Number(m[2]) > Number(m[1])) {
          ctx.report({ message: `文字“${m[0]}”中收文日期为${m[1]}年，但文号年份为${m[2]}年：年份可能写错`, path });
        }
      }
    }
  }),
  defineRule({ id: 'S-DUP', severity: 'warning' }, (ctx) => {
    for (const { path, text } of textFields(ctx.ds)) {
      const m = REPEAT.exec(text);
      if (m) ctx.report({ message: `文字中“${m[1]}”连续重复了两次（“${m[0]}”）`, path, note: `删去一个“${m[1]}”` });
    }
    // a part of the 自评情况 that repeats a long sentence of another part (000 L798: 六 copies 三)
    const seen = new Map<string, string>();
    for (const { path, text } of textFields(ctx.ds)) {
      if (!path.startsWith("selfEvaluation.report.")) continue;
      for (const sentence of text.split(/[。；！？\n]/u).map((x) => x.trim())) {
        if ([...sentence].length < 25) continue;
        const first = seen.get(sentence);
        if (first && first !== path) {
          ctx.report({ message: `“${sentence.slice(0, 20)}…”一句与另一部分文字重复`, path, related: [first], note: '各部分应写各自的内容' });
          break;
        }
        if (!first) seen.set(sentence, path);
      }
    }
  }),
  defineRule({ id: 'S-PLACEHOLDER', severity: 'warning' }, (ctx) => {
    for (const { path, text } of textFields(ctx.ds)) {
      const m = PLACEHOLDER.exec(text);
      if (m) ctx.report({ message: `文字中留有模板提示或标记“${m[0]}”`, path, note: '请替换为实际内容或删除' });
    }
  }),
  defineRule({ id: 'S-TYPO', severity: 'warning' }, (ctx) => {
    for (const { path, text } of textFields(ctx.ds)) {
      for (const t of ctx.dict.typos) {
        if (text.includes(t.wrong)) ctx.report({ message: `文字中“${t.wrong}”疑为错别字`, path, note: `应为“${t.right}”` });
      }
    }
  }),
  defineRule({ id: 'S-EXEC', severity: 'warning' }, (ctx: RuleContext) => {
    ctx.ds.selfEvaluation?.projects.forEach((p, i) => {
      const s = scoreProject(p, ctx.options.gradeBands);
      if (s.grade === ctx.options.gradeBands[0]?.grade && s.rate !== undefined && s.rate.lt(60)) {
        ctx.report({
          message: `项目“${p.name ?? i + 1}”执行率只有 ${s.rate.toFixed(2)}%，自评等级却为“${s.grade}”（总分 ${s.totalScore.toFixed(2)}）：请复核指标得分`,
          path: `selfEvaluation.projects[${i}]`,
        });
      }
    });
  }),
];


