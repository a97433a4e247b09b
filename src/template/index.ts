// The inputs juesuan writes for a department to fill in or keep: the fill-in workbook (填报表) of a
// profile and year, blank or prefilled with a department's data, and a department's data as YAML.
// Everything converts through one plain tree (plain.ts), so YAML → workbook → YAML keeps every value
// the form holds. The CLI (`template`, `import`, `convert`) and the web page call these functions.
import { ProfileError, resolveProfile } from '../compose/profile.js';
import type { Dataset } from '../model/dataset.js';
import type { SubjectDictionary } from '../model/dictionary.js';
import { SECTION_FIELDS, EXPLANATION_FIELDS } from '../model/explanations.js';
import { writeFillInWorkbook } from './fill-in.js';
import { formForProfile, notFillableForYear, profileOrDefault } from './forms.js';
import { datasetToPlain } from './plain.js';
import { writeYaml } from './yaml-out.js';

export { writeFillInWorkbook, type FillInOptions } from './fill-in.js';
export { datasetToPlain, Figure, type Plain } from './plain.js';
export { writeYaml, type YamlOutOptions } from './yaml-out.js';
export { formForProfile } from './forms.js';

/** A profile or year for which no fill-in workbook can be made: one Chinese sentence. */
export class TemplateError extends Error {}

/** What a fill-in workbook is made for. */
export interface TemplateOptions {
  readonly dict: SubjectDictionary;
  /** Profile name (templates/<name>); default: the department's, else the default profile. */
  readonly profile?: string;
  /** Report year; default: the department's. */
  readonly year?: number;
  /** The department whose data prefills the workbook. */
  readonly from?: Dataset;
  /** ISO date for the workbook's properties. */
  readonly createdAt?: string;
}

/**
 * The fill-in workbook of a profile and year, blank or prefilled with a department's data (`from`).
 * @throws TemplateError when the profile does not exist or has no form for the year.
 */
export async function templateWorkbook(options: TemplateOptions): Promise<Uint8Array> {
  const name = options.profile ?? options.from?.department.profile;
  const year = options.year ?? (options.from?.department.year || undefined);
  if (year === undefined) throw new TemplateError('不知道决算年度：请用 --year 指定');
  // a profile asked for must exist; a department's own may be wrong (its check says so): the default serves
  if (options.profile !== undefined) {
    try {
      resolveProfile(options.profile);
    } catch (e) {
      if (e instanceof ProfileError) throw new TemplateError(e.message);
      throw e;
    }
  }
  const profile = profileOrDefault(name);
  if (!profile) throw new TemplateError('找不到默认模板配置（templates/default）');
  const form = formForProfile(name, year, 'fill-in');
  const missing = form ? [] : notFillableForYear(name, year);
  if (missing.length) {
    throw new TemplateError(`${year}年度表样的${missing.map((t) => t.label).join('、')}还不能在 Excel 填报表中填写（这些表的数会丢失）：请用 YAML 填写（格式见 data/examples/yunnan-2024-example.yaml）`);
  }
  if (!form) throw new TemplateError(`模板配置“${profile.name}”没有${year}年度可填报的公开表表样`);
  return writeFillInWorkbook({
    form,
    dict: options.dict,
    year,
    ...(options.from ? { data: datasetToPlain(options.from) } : {}),
    ...(name ? { profile: name } : {}),
    // a city printing 表一 for 公开01表 types in sheets named as it prints them
    ...(profile.settings.tableNumbers ? { tableNumbers: profile.settings.tableNumbers as Readonly<Record<string, string>> } : {}),
    ...(options.createdAt ? { createdAt: options.createdAt } : {}),
  });
}

/** Options of a conversion. */
export interface ConvertOptions {
  readonly dict: SubjectDictionary;
  /** For YAML: the path of department.schema.json relative to the written file (editor support). */
  readonly schemaPath?: string;
  /** For YAML: comment lines at the top (what the file was made from). */
  readonly header?: readonly string[];
  /** For YAML: leave every text part the package needs as an empty key with a comment, to fill in. */
  readonly blanks?: boolean;
  readonly createdAt?: string;
}

/** The text parts a package needs, as input paths with what each is (for a YAML to fill in). */
function textBlanks(): { path: string; comment: string }[] {
  return [
    ...Object.entries(SECTION_FIELDS)
      .filter(([path]) => path.includes('.'))
      .map(([path, what]) => ({ path, comment: ` 请填写：${what}` })),
    ...Object.entries(EXPLANATION_FIELDS).map(([key, what]) => ({ path: `explanations.${key}`, comment: ` 请填写：${what}` })),
  ];
}

/**
 * A department's data as a YAML file (`to: 'yaml'`, text) or as its fill-in workbook (`to: 'xlsx'`,
 * bytes), for its profile and year.
 * @throws TemplateError (xlsx) when its profile has no form for its year.
 */
export async function convertDataset(ds: Dataset, to: 'yaml', options: ConvertOptions): Promise<string>;
export async function convertDataset(ds: Dataset, to: 'xlsx', options: ConvertOptions): Promise<Uint8Array>;
export async function convertDataset(ds: Dataset, to: 'yaml' | 'xlsx', options: ConvertOptions): Promise<string | Uint8Array> {
  if (to === 'xlsx') return templateWorkbook({ dict: options.dict, from: ds, ...(options.createdAt ? { createdAt: options.createdAt } : {}) });
  return writeYaml(datasetToPlain(ds), {
    ...(options.schemaPath ? { schemaPath: options.schemaPath } : {}),
    ...(options.header ? { header: options.header } : {}),
    ...(options.blanks ? { blanks: textBlanks() } : {}),
  });
}
