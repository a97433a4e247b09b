// The Excel side of the page: the blank fill-in workbook of a profile and year, and a department's
// data turned into its fill-in workbook — the functions of `juesuan template` and `juesuan convert`
// (src/template), with their problems said in Chinese on the page.
import { basename, extname } from 'node:path';
import { safeFileName } from '../batch/names.js';
import type { SubjectDictionary } from '../model/dictionary.js';
import { readDataset } from '../readers/index.js';
import { convertDataset, formForProfile, TemplateError, templateWorkbook as makeTemplate } from '../template/index.js';
import { Refusal } from './options.js';

/** A workbook to download. */
export interface Workbook {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** A problem of the template (no form for that profile and year …) as a refusal with its sentence. */
function explained(e: unknown): never {
  if (e instanceof TemplateError) throw new Refusal(e.message);
  throw e;
}

/** The blank fill-in workbook of `profile` for the report year `year`. */
export async function templateWorkbook(dict: SubjectDictionary, profile: string, year: number): Promise<Workbook> {
  const bytes = await makeTemplate({ dict, profile, year }).catch(explained);
  return { name: safeFileName(`${year}年度部门决算填报表（${profile.replace(/\//g, '-')}）`, '.xlsx'), bytes };
}

/** The department file at `path` (shown as `shown`) as its fill-in workbook. */
export async function convertWorkbook(dict: SubjectDictionary, path: string, shown: string): Promise<Workbook> {
  const read = await readDataset(path, shown, { formFor: (profile, year, kind) => formForProfile(profile, year, kind) });
  if (!read.dataset) {
    const first = read.findings.find((f) => f.severity === 'error');
    throw new Refusal(`${shown} 读不出部门数据，无法转换为填报表${first ? `：${first.message}` : ''}；请先按问题清单改正`);
  }
  const bytes = await convertDataset(read.dataset, 'xlsx', { dict }).catch(explained);
  return { name: safeFileName(`${basename(shown, extname(shown))}-填报表`, '.xlsx'), bytes };
}
