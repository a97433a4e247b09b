// compose(model, dictionary, profile) → Document. The tables part: one section per 公开表 of the
// department's form, in the form's order (a profile may list fewer), each on its own page with the
// orientation its layout needs.
import type { SubjectDictionary } from '../model/dictionary.js';
import type { Document, Run, Section } from '../model/document.js';
import type { ReportModel } from '../model/report.js';
import type { Profile } from './profile.js';
import { buildTable } from './tables/build.js';
import { printSettings } from './tables/print.js';
import type { Form } from '../model/form.js';
import { formIdForYear, loadForm } from '../forms/load.js';
import { composeNarrative } from './narrative/index.js';
import { projectSummaryTable } from './evaluation/tables.js';

export { resolveProfile, type Profile, type ProfileSettings } from './profile.js';

export interface ComposeOptions {
  /** ISO timestamp for the files' metadata (kept out of the writers so output is reproducible). */
  readonly createdAt: string;
  /** A draft: placeholders are allowed and every page is marked 草稿 (DocumentMeta.draft). */
  readonly draft?: boolean;
  /** The department's form; when absent, the profile's form of the report year. */
  readonly form?: Form;
}

/** The form of the model's report year under the profile (throws FormError when there is none). */
export function formOf(model: ReportModel, profile: Profile): Form {
  const id = formIdForYear(profile.settings.forms ?? [], model.year);
  if (!id) throw new Error(`模板配置“${profile.name}”没有${model.year}年度的表样`);
  return loadForm(id, profile.dirs);
}

/** A place in a document where the department's text is still missing. */
export interface FillIn {
  /** Input path that would fill it (`explanations.totalChange`, `procurement`). */
  readonly field: string;
  /** The placeholder as a draft prints it: 请填写…… */
  readonly text: string;
}

/** Every placeholder of a document, in reading order, once per field. */
export function fillIns(doc: Document): FillIn[] {
  const out = new Map<string, FillIn>();
  const visit = (runs: readonly Run[] | undefined) => {
    for (const run of runs ?? []) if (run.mark === 'placeholder' && run.field && !out.has(run.field)) out.set(run.field, { field: run.field, text: run.text });
  };
  for (const section of doc.sections)
    for (const block of section.blocks)
      if (block.type === 'paragraph') visit(block.runs);
      // the 2024 自评情况 is a grid of the department's text (evaluation/report-grid.ts)
      else if (block.type === 'table') for (const row of block.body) for (const cell of row.cells) visit(cell.runs);
  return [...out.values()];
}

export function documentTitle(model: ReportModel): string {
  const what = model.dataset.tables.T01 ? '部门决算' : '绩效自评';
  return `${model.dataset.department.name}${model.year}年度${what}`;
}

/** One section per 公开表 of the form (only those the profile's `tables` lists, when it lists any). */
export function composeTables(model: ReportModel, dict: SubjectDictionary, profile: Profile, form: Form = formOf(model, profile)): Section[] {
  const wanted = profile.settings.tables;
  const settings = printSettings(profile, form);
  return form.tables
    .filter((t) => !wanted || wanted.includes(t.key as never))
    .map((t) => ({ type: 'section', orientation: t.orientation, blocks: [buildTable(t, model, dict, settings)] }));
}

/** The whole package: cover, contents, 部门决算说明 (parts 1–3) and the 公开表 as 第四部分. */
export function compose(model: ReportModel, dict: SubjectDictionary, profile: Profile, options: ComposeOptions): Document {
  return {
    type: 'document',
    meta: {
      title: documentTitle(model),
      author: model.dataset.department.name,
      subject: `${model.year}年度部门决算公开`,
      keywords: ['部门决算', String(model.year), model.dataset.department.name],
      lang: 'zh-CN',
      createdAt: options.createdAt,
      ...(options.draft ? { draft: true } : {}),
    },
    sections: composeNarrative(model, dict, profile, composeTables(model, dict, profile, options.form), undefined, options.form).sections,
  };
}

/**
 * The checking aids that are not published (the 项目支出绩效自评汇总表): a document of their own,
 * written as …审核用.xlsx beside the package, never into the public PDF, DOCX or XLSX. Undefined when
 * the profile wants none or there are no projects.
 */
export function composeAudit(model: ReportModel, profile: Profile, options: ComposeOptions): Document | undefined {
  const summary = profile.settings.evaluation.summary ? projectSummaryTable(model) : undefined;
  if (!summary) return undefined;
  return {
    type: 'document',
    meta: {
      title: `${documentTitle(model)}审核用`,
      author: model.dataset.department.name,
      subject: `${model.year}年度部门决算审核用表（不公开）`,
      lang: 'zh-CN',
      createdAt: options.createdAt,
      ...(options.draft ? { draft: true } : {}),
    },
    sections: [{ type: 'section', orientation: 'portrait', blocks: [summary] }],
  };
}
