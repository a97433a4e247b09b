// The Excel side of the page: the blank fill-in workbook of a profile and year, and a department's
// data turned into its fill-in workbook — the functions of `juesuan template` and `juesuan convert`
// (src/template), with their problems said in Chinese on the page.
import { basename, extname } from 'node:path';
import { safeFileName } from '../batch/names.js';
import type { SubjectDictionary } from '../model/dictionary.js';
import { readDataset } from '../readers/index.js';
import { convertDataset, formForProfile, TemplateError, templateWorkbook as makeTemplate } from '../template/index.js';
import { Refusal } from './options.js';

/** A workbook to download, or why there is none. */
export type WorkbookResult =
  | { readonly kind: 'workbook'; readonly name: string; readonly bytes: Uint8Array }
  | { readonly kind: 'unavailable'; readonly message: string };

/** Said where the fill-in workbook would be, were it not there. */
export const TEMPLATE_UNAVAILABLE = '尚未提供：生成 Excel 填报模板的功能还在开发中。目前请按 YAML 格式填写部门数据（见 docs/input-format.md 和 data/examples/ 中的示例）。';

/** Said where the converted workbook would be, were it not there. */
export const CONVERT_UNAVAILABLE = '尚未提供：把 YAML 数据转换为 Excel 填报表的功能还在开发中';

/** Whether each function is there (the page shows its notice otherwise). */
export const fillInAvailable = { template: true, convert: true } as const;

/** A problem of the template (no form for that profile and year …) as a refusal with its sentence. */
function explained(e: unknown): never {
  if (e instanceof TemplateError) throw new Refusal(e.message);
  throw e;
}

/** The blank fill-in workbook of `profile` for the report year `year`. */
export async function templateWorkbook(dict: SubjectDictionary, profile: string, year: number): Promise<WorkbookResult> {
  const bytes = await makeTemplate({ dict, profile, year }).catch(explained);
  return { kind: 'workbook', name: safeFileName(`${year}年度部门决算填报表（${profile.replace(/\//g, '-')}）`, '.xlsx'), bytes };
}

/** The department file at `path` (shown as `shown`) as its fill-in workbook. */
export async function convertWorkbook(dict: SubjectDictionary, path: string, shown: string): Promise<WorkbookResult> {
  const read = await readDataset(path, shown, { formFor: (profile, year, kind) => formForProfile(profile, year, kind) });
  if (!read.dataset) {
    const first = read.findings.find((f) => f.severity === 'error');
    throw new Refusal(`${shown} 读不出部门数据，无法转换为填报表${first ? `：${first.message}` : ''}；请先按问题清单改正`);
  }
  const bytes = await convertDataset(read.dataset, 'xlsx', { dict }).catch(explained);
  return { kind: 'workbook', name: safeFileName(`${basename(shown, extname(shown))}-填报表`, '.xlsx'), bytes };
}
