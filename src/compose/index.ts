// compose(model, dictionary, profile) → Document. The tables part: one section per 公开表, in the
// profile's order, each on its own page with the orientation its layout needs.
import type { SubjectDictionary } from '../model/dictionary.js';
import type { Document, Section } from '../model/document.js';
import type { ReportModel } from '../model/report.js';
import type { Profile } from './profile.js';
import { buildTable } from './tables/build.js';
import { TABLE_SPECS } from './tables/specs.js';
import { composeNarrative } from './narrative/index.js';
import { projectSummaryTable } from './evaluation/tables.js';

export { resolveProfile, type Profile, type ProfileSettings } from './profile.js';

export interface ComposeOptions {
  /** ISO timestamp for the files' metadata (kept out of the writers so output is reproducible). */
  readonly createdAt: string;
  /** A draft: placeholders are allowed and every page is marked 草稿 (DocumentMeta.draft). */
  readonly draft?: boolean;
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
  for (const section of doc.sections)
    for (const block of section.blocks)
      if (block.type === 'paragraph')
        for (const run of block.runs ?? []) if (run.mark === 'placeholder' && run.field && !out.has(run.field)) out.set(run.field, { field: run.field, text: run.text });
  return [...out.values()];
}

export function documentTitle(model: ReportModel): string {
  const what = model.dataset.tables.T01 ? '部门决算' : '绩效自评';
  return `${model.dataset.department.name}${model.year}年度${what}`;
}

export function composeTables(model: ReportModel, dict: SubjectDictionary, profile: Profile): Section[] {
  return profile.settings.tables.map((key) => ({
    type: 'section',
    orientation: TABLE_SPECS[key].orientation,
    blocks: [buildTable(key, model, dict, profile.settings)],
  }));
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
    sections: composeNarrative(model, dict, profile, composeTables(model, dict, profile)).sections,
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
