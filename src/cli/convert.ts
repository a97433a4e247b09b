// The Excel commands of the CLI: `template` (a fill-in workbook of a profile and year, blank or
// prefilled from a department), `import` (a published 公开表 workbook → a department file with its
// tables filled in and the text parts left to write) and `convert` (a department file to YAML or to
// its fill-in workbook). Each reads through readDataset, so every input problem is a finding printed
// with its place (exit 1); a mistake in the command is a UsageError (exit 2).
import { mkdir } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import { writeFileAtomically } from '../batch/output.js';
import { ProfileError, resolveProfile } from '../compose/profile.js';
import type { Dataset } from '../model/dataset.js';
import { hasErrors, type Finding } from '../model/finding.js';
import { DATA_DIR, loadDictionary } from '../readers/dictionary.js';
import { readDataset } from '../readers/index.js';
import { describeIoError, isIoError } from '../readers/io-errors.js';
import { convertDataset, formForProfile, TemplateError, templateWorkbook } from '../template/index.js';
import { formatFinding, summaryLine } from './format-finding.js';
import { UsageError } from './inputs.js';

const say = (line: string) => process.stdout.write(`${line}\n`);

function parseYear(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^20\d{2}$/.test(value.trim())) throw new UsageError(`--year 应为4位年份（如 2021），现为“${value}”`);
  return Number(value.trim());
}

function checkProfile(name: string | undefined): void {
  if (name === undefined) return;
  try {
    resolveProfile(name);
  } catch (e) {
    if (!(e instanceof ProfileError)) throw e;
    throw new UsageError(`--profile：${e.message}`);
  }
}

function printFindings(file: string, findings: readonly Finding[]): void {
  if (!findings.length) return;
  say(`${hasErrors(findings) ? '✗' : '!'} ${file}：${summaryLine(findings)}`);
  for (const f of findings) say(formatFinding(f));
}

/** Read a department file (YAML or workbook); its findings are printed when it cannot be read. */
async function readInput(file: string, profile?: string, year?: number): Promise<Dataset | undefined> {
  const read = await readDataset(file, file, { formFor: (p, y, kind) => formForProfile(profile ?? p, year ?? y, kind), ...(year ? { year } : {}) });
  if (!read.dataset) {
    printFindings(file, read.findings);
    return undefined;
  }
  const errors = read.findings.filter((f) => f.severity === 'error');
  if (errors.length) printFindings(file, read.findings);
  return read.dataset;
}

async function write(out: string, data: string | Uint8Array): Promise<void> {
  try {
    await mkdir(dirname(resolve(out)), { recursive: true });
    await writeFileAtomically(out, data);
  } catch (e) {
    if (!isIoError(e)) throw e;
    throw new UsageError(describeIoError(e, '写入', out));
  }
}

function sameFile(a: string, b: string): boolean {
  return resolve(a) === resolve(b);
}

/** The schema line of a YAML written at `out`. */
function schemaPath(out: string): string {
  return relative(dirname(resolve(out)), join(DATA_DIR, 'schema', 'department.schema.json')).split('\\').join('/');
}

/** `juesuan template`: the fill-in workbook of a profile and year, prefilled from `--from` when given. */
export async function runTemplate(opts: { profile?: string; year?: string; from?: string; out: string }): Promise<number> {
  const year = parseYear(opts.year);
  checkProfile(opts.profile);
  if (extname(opts.out).toLowerCase() !== '.xlsx') throw new UsageError(`--out 应为 .xlsx 文件，现为“${opts.out}”`);
  if (opts.from && sameFile(opts.from, opts.out)) throw new UsageError('--out 不能是 --from 的文件本身');
  const dict = await loadDictionary();
  let from: Dataset | undefined;
  if (opts.from) {
    from = await readInput(opts.from, opts.profile, year);
    if (!from) return 1;
  }
  const fallbackYear = year ?? (from?.department.year || undefined) ?? new Date().getFullYear() - 1;
  let bytes: Uint8Array;
  try {
    bytes = await templateWorkbook({ dict, year: fallbackYear, ...(opts.profile ? { profile: opts.profile } : {}), ...(from ? { from } : {}) });
  } catch (e) {
    if (e instanceof TemplateError) throw new UsageError(e.message);
    throw e;
  }
  await write(opts.out, bytes);
  say(`已生成${fallbackYear}年度填报表：${opts.out}${from ? `（已按 ${opts.from} 填好）` : ''}`);
  return 0;
}

/** `juesuan import`: a published 公开表 workbook as a department file (YAML, or the fill-in workbook with --xlsx). */
export async function runImport(file: string, opts: { out?: string; xlsx?: boolean; profile?: string; year?: string }): Promise<number> {
  const year = parseYear(opts.year);
  checkProfile(opts.profile);
  if (!/\.xlsx?$|\.xlsm$/i.test(file)) throw new UsageError(`要导入的应为公开表 Excel 工作簿（.xlsx），现为“${file}”`);
  const toXlsx = opts.xlsx === true || (opts.out !== undefined && extname(opts.out).toLowerCase() === '.xlsx');
  const out = opts.out ?? join(dirname(file), `${basename(file, extname(file))}${toXlsx ? '-填报表.xlsx' : '.yaml'}`);
  if (sameFile(file, out)) throw new UsageError('--out 不能是要导入的文件本身');
  const read = await readInput(file, opts.profile, year);
  if (!read) return 1;
  if (Object.keys(read.tables).length === 0) {
    say(`✗ ${file}：没有读到公开表`);
    return 1;
  }
  const ds: Dataset = { ...read, department: { ...read.department, ...(opts.profile ? { profile: opts.profile } : {}), ...(year ? { year } : {}) } };
  const dict = await loadDictionary();
  try {
    if (toXlsx) await write(out, await convertDataset(ds, 'xlsx', { dict }));
    else {
      const header = [`由 ${basename(file)} 导入：公开表的数字已填好；部门简称、说明文字、绩效自评等请补充（标“请填写”的各项）。`, '格式说明见 docs/input-format.md。'];
      await write(out, await convertDataset(ds, 'yaml', { dict, schemaPath: schemaPath(out), header, blanks: true }));
    }
  } catch (e) {
    if (e instanceof TemplateError) throw new UsageError(e.message);
    throw e;
  }
  const tables = Object.keys(ds.tables).length;
  say(`已从 ${file} 读取 ${tables} 张有数字的公开表（${ds.department.name || '部门名称未读到'}，${ds.department.year || '年度未读到'}年度），写入 ${out}`);
  say(`请补充说明文字等内容后运行：juesuan validate ${out}`);
  return 0;
}

/** `juesuan convert`: a department file as YAML or as its fill-in workbook. */
export async function runConvert(file: string, opts: { to: string; out?: string }): Promise<number> {
  const to = opts.to.toLowerCase();
  if (to !== 'yaml' && to !== 'xlsx') throw new UsageError(`--to 只能是 yaml 或 xlsx，现为“${opts.to}”`);
  const stem = join(dirname(file), basename(file, extname(file)));
  let out = opts.out ?? `${stem}.${to}`;
  if (!opts.out && sameFile(out, file)) out = `${stem}-${to === 'xlsx' ? '填报表' : '转换'}.${to}`;
  if (sameFile(out, file)) throw new UsageError('--out 不能是要转换的文件本身');
  const ext = extname(out).toLowerCase();
  if ((to === 'xlsx' && ext !== '.xlsx') || (to === 'yaml' && ext !== '.yaml' && ext !== '.yml')) throw new UsageError(`--out 的扩展名应为 .${to}，现为“${out}”`);
  const ds = await readInput(file);
  if (!ds) return 1;
  const dict = await loadDictionary();
  try {
    if (to === 'xlsx') await write(out, await convertDataset(ds, 'xlsx', { dict }));
    else await write(out, await convertDataset(ds, 'yaml', { dict, schemaPath: schemaPath(out), header: [`由 ${basename(file)} 转换。格式说明见 docs/input-format.md。`] }));
    // the fill-in workbook has no sheets for the annexes yet: say so rather than lose them unseen
    if (to === 'xlsx' && ds.annexes) say(`注意：${file} 的附件（annexes：部门预算整体绩效自评报告、项目支出绩效自评报告）填报表中还没有对应的工作表，没有写入 ${out}；请保留 YAML 文件中的 annexes 部分`);
  } catch (e) {
    if (e instanceof TemplateError) throw new UsageError(e.message);
    throw e;
  }
  say(`已转换：${file} → ${out}`);
  return 0;
}
