// The 部门决算说明: Handlebars templates looked up through the profile chain (a city overrides one
// section by dropping a file of the same name into templates/<city>/narrative/), rendered on the
// narrative view, parsed into Document blocks, with the charts and the 公开表 put in their places.
// The helpers only format or match, and each checks the kind of value it gets: an amount is a Money
// (元 and 万元), a percentage a Decimal; anything else is a TemplateError at the template's line.
import Handlebars from 'handlebars';
import { Decimal, round } from '../../model/decimal.js';
import type { ExplanationKey, Explanations } from '../../model/dataset.js';
import type { SubjectDictionary } from '../../model/dictionary.js';
import type { Block, Chart, Section } from '../../model/document.js';
import type { Form } from '../../model/form.js';
import { formatPlain, quoted } from '../../model/format.js';
import type { Money, ReportModel } from '../../model/report.js';
import { EXPLANATION_FIELDS, fillInDescription } from '../../model/explanations.js';
import { TEMPLATES_DIR, type Profile, type ProfileSettings } from '../profile.js';
import { evaluationSettings } from '../evaluation/settings.js';
import { reportGrid } from '../evaluation/report-grid.js';
import { buildCharts } from './charts.js';
import { evaluationSections } from '../evaluation/index.js';
import { annexPatternProblems, annexSections, annexTemplates } from '../annex/index.js';
import { fillIn, isPrintedBlock, MarkupError, parseMarkup, type MarkupItem } from './markup.js';
import { NarrativeTemplates, TemplateError, type HelperCall, type LiteralCheck } from './templates.js';
import { narrativeView, oneLine } from './view.js';

export { TemplateError } from './templates.js';

function ensureSentence(text: string): string {
  const line = oneLine(text);
  return /[。！？；…]$/.test(line) ? line : `${line}。`;
}

function isMoney(v: unknown): v is Money {
  return typeof v === 'object' && v !== null && 'wan' in v && 'yuan' in v && Decimal.isDecimal((v as Money).yuan);
}

/** How the text and the charts print 万元 amounts and percentages under a profile's settings. */
export interface NumberFormats {
  /** 5362.92 (438.4 under stripAmountZeros; fewer decimals under wanDecimals, each from its own 元). */
  readonly wan: (m: Money) => string;
  /** 30.63% (16% for 16.00 under dropDotZeroZero; fewer decimals under percentDecimals). */
  readonly percent: (d: Decimal) => string;
}

const TEN_THOUSAND = new Decimal(10000);

/** The number formats of a profile (narrative.md A.1). */
export function numberFormats(settings: ProfileSettings): NumberFormats {
  return {
    wan: (m) => {
      const places = settings.wanDecimals ?? 2;
      const text = places === 2 ? formatPlain(m.wan) : round(m.yuan.div(TEN_THOUSAND), places).toFixed(places);
      // stripAmountZeros: every final zero of the decimals goes (438.40 → 438.4, 12.00 → 12)
      return settings.stripAmountZeros && text.includes('.') ? text.replace(/\.?0+$/, '') : text;
    },
    percent: (d) => {
      const places = settings.percentDecimals ?? 2;
      const text = round(d, places).toFixed(places);
      // dropDotZeroZero: only decimals that are all zero go (16.00 → 16, 96.80 stays)
      return `${settings.dropDotZeroZero ? text.replace(/\.0+$/, '') : text}%`;
    },
  };
}

/** What a value is, in words, for a helper's message. */
function kindOf(v: unknown): string {
  if (v === undefined || v === null) return '没有值（变量不存在或这一项没有填写）';
  if (isMoney(v)) return '一个金额';
  if (Decimal.isDecimal(v)) return `一个数 ${(v as Decimal).toString()}（不是金额：金额带元和万元两种单位）`;
  if (typeof v === 'number') return `数字 ${v}`;
  if (typeof v === 'string') return `文字“${v.length > 20 ? `${v.slice(0, 20)}…` : v}”`;
  if (Array.isArray(v)) return '一个列表';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '一组数据';
}

/** A helper's arguments without the Handlebars options object that comes last. */
function split(args: unknown[]): { values: unknown[]; call: HelperCall } {
  return { values: args.slice(0, -1), call: args[args.length - 1] as HelperCall };
}

const explanationName = (helper: string) => (key: string) =>
  key in EXPLANATION_FIELDS ? undefined : `${helper} 的“${key}”不是说明文字的名称（可用：${Object.keys(EXPLANATION_FIELDS).join('、')}）`;

/** The names helpers take as their first argument, checked in the template text before it runs. */
const LITERAL_CHECKS: Readonly<Record<string, LiteralCheck>> = {
  reason: explanationName('reason'),
  given: explanationName('given'),
  optionalReason: explanationName('optionalReason'),
  reasonClause: explanationName('reasonClause'),
  missing: (field) => (fillInDescription(field) === field ? `missing 的“${field}”不是待填内容的名称（如 procurement、assets、performanceManagement、overview.functions）` : undefined),
};

/** The helpers of the narrative templates, checking what they get; `t` places their errors. */
function narrativeHelpers(t: NarrativeTemplates, settings: ProfileSettings, explanations: Explanations): Handlebars.HelperDeclareSpec {
  const formats = numberFormats(settings);
  const prefix = settings.placeholderPrefix ?? '请填写';
  const fill = (field: string) => fillIn(field, prefix);
  /** The one argument of a helper, checked by `ok`; `what` names the kind it needs. */
  const one = <T>(args: unknown[], name: string, what: string, ok: (v: unknown) => v is T): T => {
    const { values, call } = split(args);
    if (values.length !== 1) t.fail(call, `${name} 需要 1 个参数（${what}），现在有 ${values.length} 个`);
    const v = values[0];
    if (!ok(v)) t.fail(call, `${name} 需要${what}，得到的是${kindOf(v)}`);
    return v;
  };
  const explanationKey = (args: unknown[], name: string): ExplanationKey => {
    const key = one(args, name, '说明文字的名称（如 "totalChange"）', (v): v is string => typeof v === 'string');
    const wrong = LITERAL_CHECKS[name]!(key);
    if (wrong) t.fail(split(args).call, wrong);
    return key as ExplanationKey;
  };
  const isString = (v: unknown): v is string => typeof v === 'string';
  const isDecimal = (v: unknown): v is Decimal => Decimal.isDecimal(v);
  return {
    /** A Money as running text prints it in 万元: 5362.92. */
    wan: (...args: unknown[]) => formats.wan(one(args, 'wan', '一个金额（如 model.income.total）', isMoney)),
    /** A percentage (Decimal, in %): 30.63%. */
    pct: (...args: unknown[]) => formats.percent(one(args, 'pct', '一个百分数（如 percent、rate）', isDecimal)),
    /** A count: 3. */
    num: (...args: unknown[]) => {
      const v = one(args, 'num', '一个数（个数、人数）', (x): x is number | Decimal => typeof x === 'number' || Decimal.isDecimal(x));
      return typeof v === 'number' ? String(v) : v.toFixed(0);
    },
    /** A list of texts joined by `sep` (、 when not given). */
    join: (...args: unknown[]) => {
      const { values, call } = split(args);
      const [list, sep] = values;
      if (!Array.isArray(list) || !list.every(isString)) t.fail(call, `join 需要一个文字的列表，得到的是${kindOf(list)}`);
      return list.join(typeof sep === 'string' ? sep : '、');
    },
    isEq: (...args: unknown[]) => {
      const { values, call } = split(args);
      if (values[0] === undefined) t.fail(call, `isEq 的第一个参数${kindOf(undefined)}`);
      return values[0] === values[1];
    },
    /** Whether a Money is zero. */
    isZero: (...args: unknown[]) => one(args, 'isZero', '一个金额', isMoney).yuan.isZero(),
    /** A block for one value of an enum: {{#is direction "increase"}}…{{else}}…{{/is}}. */
    is(this: unknown, ...args: unknown[]) {
      const options = args[args.length - 1] as Handlebars.HelperOptions & HelperCall;
      if (args[0] === undefined) t.fail(options, `is 的第一个参数${kindOf(undefined)}`);
      return args[0] === args[1] ? options.fn(this) : options.inverse(this);
    },
    /** The department's explanation, or (a finding, and in a draft) a placeholder the officer cannot miss. */
    reason: (...args: unknown[]) => {
      const key = explanationKey(args, 'reason');
      const text = explanations[key];
      return text ? ensureSentence(text) : fill(`explanations.${key}`);
    },
    /** A placeholder for a whole section the department has not supplied (`{{missing "procurement"}}`). */
    missing: (...args: unknown[]) => {
      const field = one(args, 'missing', '待填内容的名称（如 "procurement"）', isString);
      const wrong = LITERAL_CHECKS.missing!(field);
      if (wrong) t.fail(split(args).call, wrong);
      return fill(field);
    },
    /** A user text as a sentence of its own: ends with 。 (or its own ！？…). */
    sentence: (...args: unknown[]) => ensureSentence(one(args, 'sentence', '一段文字', isString)),
    /** A user text in “…”, inner quotes as ‘…’. */
    q: (...args: unknown[]) => quoted(one(args, 'q', '一段文字', isString)),
    /** Whether the department wrote the explanation `key` (for an optional clause). */
    given: (...args: unknown[]) => Boolean(explanations[explanationKey(args, 'given')]),
    /** Strings joined (for a field path built from a partial's parameter). */
    concat: (...args: unknown[]) => split(args).values.map(String).join(''),
    /** The explanation as a sentence when given, else nothing (an optional sentence). */
    optionalReason: (...args: unknown[]) => {
      const text = explanations[explanationKey(args, 'optionalReason')];
      return text ? ensureSentence(text) : '';
    },
    /** A reason inside a sentence that goes on (followed by ；): without its final 。 */
    reasonClause: (...args: unknown[]) => {
      const key = explanationKey(args, 'reasonClause');
      const text = explanations[key];
      return text ? oneLine(text).replace(/[。；]+$/, '') : fill(`explanations.${key}`);
    },
    /**
     * The reason an income line changed (`key`: its key in the form's income.lines), inside a sentence
     * that goes on (without its final 。), or a placeholder for explanations.incomeLines.<key>.
     */
    incomeLineReason: (...args: unknown[]) => {
      const key = one(args, 'incomeLineReason', '收入行的键（如 generalBudget）', isString);
      const text = explanations.incomeLines?.[key];
      return text ? oneLine(text).replace(/[。；]+$/, '') : fill(`explanations.incomeLines.${key}`);
    },
    /** 主要原因是… for a 项 whose 决算 differs from its 预算 (`code`: the 功能分类 code). */
    itemReason: (...args: unknown[]) => {
      const code = one(args, 'itemReason', '科目编码', isString);
      const text = explanations.items[code];
      return `主要原因是${text ? ensureSentence(text) : fill(`explanations.items.${code}`)}`;
    },
  };
}

/** The profile's templates with the helpers registered (reading `explanations`), not yet prepared. */
function templatesWithHelpers(profile: Profile, explanations: Explanations, dir: string): NarrativeTemplates {
  const t = new NarrativeTemplates(profile, dir);
  t.hbs.registerHelper(narrativeHelpers(t, profile.settings, explanations));
  t.hbs.registerHelper('helperMissing', (...args: unknown[]) => t.fail(split(args).call, `没有名为“${split(args).call.name}”的帮助函数`));
  t.literals = LITERAL_CHECKS;
  return t;
}

/**
 * Every problem of a profile's narrative templates that shows before they run: Handlebars syntax,
 * missing partials, unknown helpers, lines without a markup directive (all templates, all problems).
 */
export function checkNarrativeTemplates(profile: Profile, dir = TEMPLATES_DIR): TemplateError[] {
  const t = templatesWithHelpers(profile, { items: {} } as unknown as Explanations, dir);
  return [...t.problems(), ...t.missing(['document', 'evaluationDocument', 'evaluationReport', ...annexTemplates(profile.settings)]), ...annexPatternProblems(profile)];
}

/** The markup a template produced, read into blocks; a line without a directive is the template's error. */
function readMarkup(t: NarrativeTemplates, name: string, markup: string, idPrefix: string, settings: ProfileSettings): MarkupItem[] {
  try {
    return parseMarkup(markup, idPrefix, { headingNumbers: settings.headingNumbers });
  } catch (e) {
    if (!(e instanceof MarkupError)) throw e;
    const src = t.sources.get(name)!;
    throw new TemplateError(`模板 ${src.shown}（及其引用的段落模板）${e.message.replace(/^模板/, '')}：请检查输出这一行的模板，行首应写指令`, { file: src.file, line: 1, column: 1 });
  }
}

export interface NarrativeParts {
  /** The document's sections; the 公开表 go where the template says TABLES. */
  readonly sections: Section[];
  readonly charts: readonly Chart[];
}

export function composeNarrative(model: ReportModel, dict: SubjectDictionary, profile: Profile, tableSections: readonly Section[], dir = TEMPLATES_DIR, form?: Form): NarrativeParts {
  // helpers read this document's explanations, so the templates are compiled per document (a few ms)
  const t = templatesWithHelpers(profile, model.dataset.explanations, dir);
  t.prepare();
  const view = narrativeView(model, dict, profile.settings);
  // the 绩效自评 layout and numbers follow the report year's form (evaluation/settings.ts)
  const evaluation = evaluationSettings(model, profile, form);
  // a department file with only 绩效自评 data (no 公开表) gets just those materials
  const main = model.dataset.tables.T01 ? 'document' : 'evaluationDocument';
  const markup = t.render(main, view);
  const byId = buildCharts(model, numberFormats(profile.settings));
  const charts: Chart[] = [];
  // figures are numbered as they are printed: a chart left out (no prior year) leaves no gap
  const numbered = (caption: string) => caption.replace(/图\d+/, `图${charts.length}`);
  const items = readMarkup(t, main, markup, 'h', profile.settings);

  const sections: Section[] = [];
  let blocks: Block[] = [];
  const flush = () => {
    if (blocks.length) sections.push({ type: 'section', orientation: 'portrait', blocks });
    blocks = [];
  };
  let first = true;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item.type === 'tables') {
      flush();
      sections.push(...tableSections);
      continue;
    }
    if (item.type === 'evaluation') {
      flush();
      if (model.dataset.selfEvaluation?.report) {
        // 2021 prints the report as headed text (公开10表); 2024 the same parts in a grid (公开13表)
        const grid = evaluation.layout === 'yunnan2024';
        const name = grid ? 'evaluationReport2024' : 'evaluationReport';
        const report = readMarkup(t, name, t.render(name, { ...view, reportNumber: evaluation.numbers.report ?? '' }), 'eval', profile.settings).filter(isPrintedBlock);
        const dept = model.dataset.selfEvaluation.department?.name ?? model.dataset.department.name;
        sections.push({ type: 'section', orientation: 'portrait', blocks: grid ? [reportGrid(report, evaluation.numbers.report, dept)] : report });
      }
      sections.push(...evaluationSections(model, profile, form));
      continue;
    }
    if (item.type === 'annexes') {
      const [firstAnnex, ...otherAnnexes] = annexSections(t, view, model, profile, (name, text, prefix) => readMarkup(t, name, text, prefix, profile.settings));
      if (!firstAnnex) {
        flush();
        continue;
      }
      // the part heading written just before ANNEXES opens the first annex's page (seed 004 L843), not a page of its own
      sections.push({ ...firstAnnex, blocks: [...blocks, ...firstAnnex.blocks] }, ...otherAnnexes);
      blocks = [];
      continue;
    }
    if (item.type === 'tableRef') continue; // a table of an annex: only annex templates print one
    if (item.type === 'chartRef') {
      if (!byId.has(item.id)) throw new TemplateError(`模板 ${t.sources.get(main)!.shown}（及其引用的段落模板）输出了不存在的图“${item.id}”（可用：${[...byId.keys()].join('、')}）`, { file: t.sources.get(main)!.file, line: 1, column: 1 });
      const chart = byId.get(item.id);
      // the caption line under a chart is the chart's caption: they are printed (or left out) together
      const next = items[i + 1];
      const caption = next?.type === 'paragraph' && next.style === 'caption' ? next.text : undefined;
      if (caption !== undefined) i++;
      if (!chart) continue;
      charts.push(chart);
      blocks.push(caption !== undefined ? { ...chart, caption: numbered(caption) } : chart);
      continue;
    }
    if (item.type === 'pageBreak') {
      // the cover is a section of its own: its page carries no number
      if (first) {
        sections.push({ type: 'section', orientation: 'portrait', role: 'cover', blocks: blocks as Block[] });
        blocks = [];
        first = false;
        continue;
      }
      if (blocks.length === 0) continue;
      flush();
      continue;
    }
    blocks.push(item);
  }
  flush();
  return { sections, charts };
}
