// The annexes (附件) a profile declares in its profile.yaml (`annexes:`): where a template writes
// ANNEXES, each declared annex is rendered from its narrative/<template>.hbs once per instance of its
// data — `department` once (annexes.department), `projects` once per project (annexes.projects) —
// each in a section of its own that starts with its label line (附件1) and its heading (the title
// pattern). The template reads every variable of the narrative view plus `annex` (the figures of
// derive/annexes.ts) and `no`; `TABLE scoreSheet <caption>` puts the project's 得分表 there. Which
// annexes, their order, titles and wording are all data: another profile declares others without
// TypeScript (docs/templates.md §4.3).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';
import type { Block, Section, Table } from '../../model/document.js';
import type { ReportModel } from '../../model/report.js';
import { annexFigures, type DepartmentAnnexFigures, type ProjectAnnexFigures } from '../../derive/annexes.js';
import type { AnnexDeclaration, Profile, ProfileSettings } from '../profile.js';
import { isPrintedBlock, MARKUP_CHARS, type MarkupItem } from '../narrative/markup.js';
import { oneLine } from '../narrative/view.js';
import { Decimal } from '../../model/decimal.js';
import { TemplateError, type NarrativeTemplates } from '../narrative/templates.js';
import { scoreSheetTable } from './score-sheet.js';

/** The narrative templates the profile's annexes use (for `profile check`: each must exist). */
export function annexTemplates(settings: ProfileSettings): string[] {
  return [...new Set((settings.annexes ?? []).map((a) => a.template))];
}

/** Reads a template's markup into items (narrative/index.ts readMarkup, with the profile's settings). */
export type MarkupReader = (template: string, markup: string, idPrefix: string) => MarkupItem[];

/** The profile.yaml that declares `annexes` (the most specific one), for messages about a title pattern. */
function declaringFile(profile: Profile): string {
  for (const dir of profile.dirs) {
    const file = join(dir, 'profile.yaml');
    if (existsSync(file) && /^annexes:/m.test(readFileSync(file, 'utf8'))) return file;
  }
  return join(profile.dirs[0] ?? '', 'profile.yaml');
}

/** The line of the profile.yaml that declares `annexes` holding `text` (1 when not found). */
function lineOf(file: string, text: string): number {
  return Math.max(1, readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(text.slice(0, 20))) + 1);
}

/**
 * The Handlebars syntax problems of the annexes' title and label patterns (for `profile check`), each
 * a TemplateError at its line of the profile.yaml.
 */
export function annexPatternProblems(profile: Profile): TemplateError[] {
  const problems: TemplateError[] = [];
  (profile.settings.annexes ?? []).forEach((a, i) => {
    for (const [key, text] of [['title', a.title], ['label', a.label]] as const) {
      if (text === undefined) continue;
      try {
        Handlebars.parse(text);
      } catch (e) {
        const file = declaringFile(profile);
        problems.push(new TemplateError(`模板配置 annexes[${i}].${key}“${text}”的 Handlebars 写法不对（解析器原文：${(e as Error).message.split('\n')[0]}）`, { file, line: lineOf(file, text), column: 1 }));
      }
    }
  });
  return problems;
}

/** A pattern of the profile (title, label) rendered on `context`; a problem is a TemplateError at the profile.yaml. */
function pattern(t: NarrativeTemplates, profile: Profile, key: string, text: string, context: object): string {
  try {
    return t.hbs.compile(text, { noEscape: true, strict: true })(context).trim();
  } catch (e) {
    const file = declaringFile(profile);
    const raw = (e as Error).message.replace(/ - \d+:\d+$/, '');
    const unknown = /^"(.+)" not defined in/.exec(raw);
    const what = unknown ? `读取了不存在的变量“${unknown[1]}”` : raw;
    throw new TemplateError(`模板配置 ${key}“${text}”无法生成：${what}（可用的变量见 docs/templates.md，附件另有 annex、no）`, { file, line: lineOf(file, text), column: 1 });
  }
}

/** Every user text of the figures on one line, without placeholder markup (as the narrative view does); Decimals kept. */
function flatten<T>(v: T): T {
  if (typeof v === 'string') return oneLine(v.replace(MARKUP_CHARS, '')) as T;
  if (Array.isArray(v)) return v.map(flatten) as T;
  if (v && typeof v === 'object' && !Decimal.isDecimal(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, flatten(x)])) as T;
  return v;
}

interface Instance {
  readonly declaration: AnnexDeclaration;
  readonly index: number;
  readonly annex: DepartmentAnnexFigures | ProjectAnnexFigures;
  readonly tables: Readonly<Record<string, (caption: string, id: string, prefix: string) => Table>>;
}

/** Every annex to print, in the profile's order, with its figures and the tables it may place. */
function instances(model: ReportModel, profile: Profile): Instance[] {
  const ds = model.dataset;
  if (!ds.annexes || !profile.settings.annexes?.length) return [];
  const figures = annexFigures(ds.annexes, ds.department.shortName ?? ds.department.name, profile.settings.gradeBands);
  const out: Instance[] = [];
  profile.settings.annexes.forEach((declaration, index) => {
    if (declaration.data === 'department' && figures.department) out.push({ declaration, index, annex: figures.department, tables: {} });
    if (declaration.data === 'projects')
      for (const p of figures.projects) out.push({ declaration, index, annex: p, tables: { scoreSheet: (caption, id, prefix) => scoreSheetTable(p.scoreSheet, caption, id, prefix) } });
  });
  return out;
}

/**
 * The sections of the profile's annexes for this department (none when the profile declares none or
 * the file has no `annexes:`). `view` is the narrative view the main document was rendered on.
 */
export function annexSections(t: NarrativeTemplates, view: object, model: ReportModel, profile: Profile, read: MarkupReader): Section[] {
  return instances(model, profile).map((inst, i) => {
    const no = i + 1;
    const context = { ...view, annex: flatten(inst.annex), no };
    const { declaration } = inst;
    const blocks: Block[] = [];
    const label = declaration.label ? pattern(t, profile, `annexes[${inst.index}].label`, declaration.label, context) : '';
    if (label) blocks.push({ type: 'paragraph', style: 'body', text: label, align: 'left' });
    blocks.push({ type: 'heading', level: 2, text: pattern(t, profile, `annexes[${inst.index}].title`, declaration.title, context), id: `annex${no}` });
    for (const item of read(declaration.template, t.render(declaration.template, context), `annex${no}`)) {
      if (item.type === 'tableRef') {
        const [id = '', ...caption] = item.id.split(/\s+/);
        const make = inst.tables[id];
        const src = t.sources.get(declaration.template)!;
        if (!make) throw new TemplateError(`模板 ${src.shown} 输出了附件中没有的表“${id}”（${Object.keys(inst.tables).length ? `可用：${Object.keys(inst.tables).join('、')}` : `data: ${declaration.data} 的附件没有表`}）`, { file: src.file, line: 1, column: 1 });
        blocks.push(make(caption.join(' '), `annex${no}-${id}`, label));
        continue;
      }
      if (!isPrintedBlock(item)) continue;
      if (item.type === 'pageBreak' && blocks.length === 0) continue;
      blocks.push(item);
    }
    return { type: 'section', orientation: 'portrait', blocks };
  });
}
