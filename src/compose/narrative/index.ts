// The 部门决算说明: Handlebars templates looked up through the profile chain (a city overrides one
// section by dropping a file of the same name into templates/<city>/narrative/), rendered on the
// narrative view, parsed into Document blocks, with the charts and the 公开表 put in their places.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import Handlebars from 'handlebars';
import type { Decimal } from '../../model/decimal.js';
import type { SubjectDictionary } from '../../model/dictionary.js';
import type { Block, Chart, Section } from '../../model/document.js';
import { formatPlain, quoted } from '../../model/format.js';
import type { Money, ReportModel } from '../../model/report.js';
import { EXPLANATION_FIELDS } from '../../model/explanations.js';
import { TEMPLATES_DIR, type Profile } from '../profile.js';
import { buildCharts } from './charts.js';
import { evaluationSections } from '../evaluation/index.js';
import { fillIn, parseMarkup } from './markup.js';
import { narrativeView, oneLine } from './view.js';

/** Every narrative/*.hbs of the chain; a file in a more specific profile replaces the same name further up. */
function templateFiles(profile: Profile, dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of [...profile.chain].reverse()) {
    const folder = join(dir, name, 'narrative');
    if (!existsSync(folder)) continue;
    for (const f of readdirSync(folder)) if (f.endsWith('.hbs')) files.set(basename(f, '.hbs'), join(folder, f));
  }
  return files;
}

function ensureSentence(text: string): string {
  const line = oneLine(text);
  return /[。！？；…]$/.test(line) ? line : `${line}。`;
}

function isMoney(v: unknown): v is Money {
  return typeof v === 'object' && v !== null && 'wan' in v && 'yuan' in v;
}

/** 30.63% — or 16% for 16.00 under the profile switch dropDotZeroZero (narrative.md A.1). */
export function percentFormatter(profile: Profile): (d: Decimal) => string {
  return (d) => {
    const s = d.toFixed(2);
    return `${profile.settings.dropDotZeroZero && s.endsWith('.00') ? s.slice(0, -3) : s}%`;
  };
}

function instance(profile: Profile, model: ReportModel, dir: string) {
  const hbs = Handlebars.create();
  const explanations = model.dataset.explanations;
  const percent = percentFormatter(profile);
  hbs.registerHelper({
    /** A Money (or 万元 Decimal) as running text prints it: 5362.92 (438.4 under stripAmountZeros) */
    wan: (v: Money | Decimal | undefined) => {
      const text = v === undefined ? '0.00' : formatPlain(isMoney(v) ? v.wan : v);
      return profile.settings.stripAmountZeros ? text.replace(/\.?0+$/, '') || '0' : text;
    },
    pct: (v: Decimal | undefined) => (v === undefined ? '—' : percent(v)),
    num: (v: number | Decimal | undefined) => (v === undefined ? '0' : typeof v === 'number' ? String(v) : v.toFixed(0)),
    join: (list: readonly string[], sep: string) => list.join(typeof sep === 'string' ? sep : '、'),
    isEq: (a: unknown, b: unknown) => a === b,
    isZero: (v: Money | undefined) => v === undefined || v.yuan.isZero(),
    is(this: unknown, a: unknown, b: unknown, options: Handlebars.HelperOptions) {
      return a === b ? options.fn(this) : options.inverse(this);
    },
    /** The department's explanation, or (a finding, and in a draft) a placeholder the officer cannot miss. */
    reason: (key: keyof typeof EXPLANATION_FIELDS) => {
      const text = explanations[key];
      return text ? ensureSentence(text) : fillIn(`explanations.${key}`);
    },
    /** A placeholder for a whole section the department has not supplied (`{{missing "procurement"}}`). */
    missing: (field: string) => fillIn(field),
    /** A user text as a sentence of its own: ends with 。 (or its own ！？…). */
    sentence: (text: string) => ensureSentence(String(text ?? '')),
    /** A user text in “…”, inner quotes as ‘…’. */
    q: (text: string) => quoted(String(text ?? '')),
    /** Whether the department wrote the explanation `key` (for an optional clause). */
    given: (key: keyof typeof EXPLANATION_FIELDS) => Boolean(explanations[key]),
    /** Strings joined (for a field path built from a partial's parameter). */
    concat: (...args: unknown[]) => args.slice(0, -1).map(String).join(''),
    optionalReason: (key: keyof typeof EXPLANATION_FIELDS) => (explanations[key] ? ensureSentence(explanations[key]!) : ''),
    /** A reason inside a sentence that goes on (followed by ；): without its final 。 */
    reasonClause: (key: keyof typeof EXPLANATION_FIELDS) => {
      const text = explanations[key];
      return text ? oneLine(text).replace(/[。；]+$/, '') : fillIn(`explanations.${key}`);
    },
    itemReason: (code: string) => {
      const text = explanations.items[code];
      return `主要原因是${text ? ensureSentence(text) : fillIn(`explanations.items.${code}`)}`;
    },
  });
  const files = templateFiles(profile, dir);
  for (const [name, file] of files) {
    if (name === 'document') continue;
    const text = readFileSync(file, 'utf8');
    // a one-line partial is used inside a line (`与上年相比{{> delta}}。`): its final newline would
    // break that line; a multi-line partial stands on its own lines and keeps it
    hbs.registerPartial(name, /\n./.test(text.trimEnd()) ? text : text.trimEnd());
  }
  const compile = (name: string) => {
    const file = files.get(name);
    if (!file) throw new Error(`模板配置“${profile.name}”中找不到 narrative/${name}.hbs`);
    return hbs.compile(readFileSync(file, 'utf8'), { noEscape: true });
  };
  return { hbs, compile };
}

export interface NarrativeParts {
  /** The document's sections; the 公开表 go where the template says TABLES. */
  readonly sections: Section[];
  readonly charts: readonly Chart[];
}

export function composeNarrative(model: ReportModel, dict: SubjectDictionary, profile: Profile, tableSections: readonly Section[], dir = TEMPLATES_DIR): NarrativeParts {
  // helpers read this document's explanations, so the templates are compiled per document (a few ms)
  const { compile } = instance(profile, model, dir);
  const view = narrativeView(model, dict, profile.settings);
  const evaluation = profile.settings.evaluation;
  // a department file with only 绩效自评 data (no 公开表) gets just those materials
  const main = compile(model.dataset.tables.T01 ? 'document' : 'evaluationDocument');
  const markup = main(view);
  const byId = buildCharts(model, percentFormatter(profile));
  const charts: Chart[] = [];
  // figures are numbered as they are printed: a chart left out (no prior year) leaves no gap
  const numbered = (caption: string) => caption.replace(/图\d+/, `图${charts.length}`);
  const items = parseMarkup(markup, 'h');

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
        const report = parseMarkup(compile('evaluationReport')({ ...view, reportNumber: evaluation.numbers.report ?? '' }), 'eval').filter((b): b is Block => b.type !== 'tables' && b.type !== 'evaluation' && b.type !== 'chartRef');
        sections.push({ type: 'section', orientation: 'portrait', blocks: report });
      }
      sections.push(...evaluationSections(model, profile));
      continue;
    }
    if (item.type === 'chartRef') {
      if (!byId.has(item.id)) throw new Error(`模板引用了不存在的图“${item.id}”（可用：${[...byId.keys()].join('、')}）`);
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
