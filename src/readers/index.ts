// readDataset(path): read one input file and pick the reader (YAML, or Excel for an .xlsx workbook).
// Everything that can be wrong with an input a user hands us is a finding of that input, never an
// exception: a file that cannot be read (permission, symlink loop, a folder), a file that is not what
// its name says (a renamed PDF or ZIP, an old .xls, an encrypted workbook, a CSV renamed .xlsx), a
// text in the wrong encoding, and everything wrong inside the YAML or the workbook.
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Finding } from '../model/finding.js';
import { describeIoError, isIoError } from './io-errors.js';
import { readExcel, type FormResolver } from './excel.js';
import { sniff } from './sniff.js';
import { readYaml, type ReadResult } from './yaml.js';

export type { ReadResult } from './yaml.js';
export { readYaml } from './yaml.js';
export { readExcel, type ExcelOptions, type FormResolver, type WorkbookKind } from './excel.js';

/** Extensions read as department data. */
export const INPUT_EXTENSIONS = ['.yaml', '.yml', '.xlsx', '.xlsm'] as const;

/** Options of readDataset. */
export interface ReadOptions {
  /** Which form the 公开表 of a workbook follow (by profile and year): needed to read a workbook's tables. */
  readonly formFor?: FormResolver;
  /** The report year of a workbook that states none (a published 公开表 workbook). */
  readonly year?: number;
}

/** Far larger than any department (a complete one is about 100 KB): beyond it, it is not department data. */
const MAX_INPUT_BYTES = 50 * 1024 * 1024;

/** A finding about the input file as a whole (it points at its first line). */
export function fileFinding(file: string, ruleId: string, message: string, note?: string): Finding {
  return { ruleId, severity: 'error', message, location: { file, line: 1, column: 1 }, ...(note ? { note } : {}) };
}

/** Read one input file: its dataset, or the findings that say why there is none. Never throws for what a user can cause. */
export async function readDataset(path: string, displayName = path, options: ReadOptions = {}): Promise<ReadResult> {
  const ext = extname(path).toLowerCase();
  let bytes: Uint8Array;
  try {
    const s = await stat(path);
    if (s.isDirectory()) return { findings: [fileFinding(displayName, 'IN-FILE', '这是文件夹，不是部门数据文件')] };
    // a named pipe or a device would never end (or never start) being read
    if (!s.isFile()) return { findings: [fileFinding(displayName, 'IN-FILE', '这不是普通文件（是管道、设备或套接字），不是部门数据文件')] };
    if (s.size > MAX_INPUT_BYTES) {
      return { findings: [fileFinding(displayName, 'IN-FILE', `文件太大（${(s.size / 1024 / 1024).toFixed(0)} MB），不像是部门数据文件（一个部门的 YAML 文件或填报表通常不到 1 MB）`)] };
    }
    bytes = await readFile(path);
  } catch (e) {
    if (!isIoError(e)) throw e;
    return { findings: [fileFinding(displayName, 'IN-FILE', describeIoError(e, '读取', displayName))] };
  }
  const sniffed = await sniff(bytes, ext);
  if (sniffed.kind === 'refused') return { findings: [fileFinding(displayName, sniffed.ruleId, sniffed.message, sniffed.note)] };
  if (sniffed.kind === 'workbook') return readExcel(bytes, displayName, { ...(options.formFor ? { formFor: options.formFor } : {}), ...(options.year ? { year: options.year } : {}) });
  if (ext === '.yaml' || ext === '.yml') return readYaml(sniffed.text, displayName);
  const what = ext ? `“${ext}”文件` : '没有扩展名的文件';
  const note = /\.ya?ml\.txt$/i.test(path)
    ? 'Windows 可能隐藏了文件的扩展名 .txt：请把文件名最后的 .txt 去掉'
    : '如果这是 YAML 格式的部门数据，请把文件扩展名改为 .yaml';
  return { findings: [fileFinding(displayName, 'IN-FILE', `不支持${what}，部门数据应为 .yaml 文件或 .xlsx 填报表`, note)] };
}
