// compose(model, dictionary, profile) → Document. The tables part: one section per 公开表, in the
// profile's order, each on its own page with the orientation its layout needs.
import type { SubjectDictionary } from '../model/dictionary.js';
import type { Document, Section } from '../model/document.js';
import type { ReportModel } from '../model/report.js';
import type { Profile } from './profile.js';
import { buildTable } from './tables/build.js';
import { TABLE_SPECS } from './tables/specs.js';
import { composeNarrative } from './narrative/index.js';

export { resolveProfile, type Profile, type ProfileSettings } from './profile.js';

export interface ComposeOptions {
  /** ISO timestamp for the files' metadata (kept out of the writers so output is reproducible). */
  readonly createdAt: string;
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
    },
    sections: composeNarrative(model, dict, profile, composeTables(model, dict, profile)).sections,
  };
}
