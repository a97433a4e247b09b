// juesuan CLI (DESIGN.md contract): validate now, build next. Exit 0 = no errors, 1 = an input has
// errors, 2 = usage or I/O problem. Findings go to stdout; usage and I/O problems to stderr.
import { Command, CommanderError } from 'commander';
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Builder, departmentDir } from '../batch/index.js';
import { FORMATS, type Format } from '../writers/index.js';
import { loadDictionary } from '../readers/dictionary.js';
import { checkFile } from './check.js';
import { formatFinding, summaryLine } from './format-finding.js';
import { expandInputs, UsageError } from './inputs.js';

async function runValidate(paths: string[], opts: { json?: boolean; profile?: string; draft?: boolean }): Promise<number> {
  const files = await expandInputs(paths);
  const dict = await loadDictionary();
  const results = [];
  for (const file of files) results.push(await checkFile(file, dict, { ...(opts.profile ? { profile: opts.profile } : {}), ...(opts.draft ? { draft: true } : {}) }));
  if (opts.json) {
    process.stdout.write(JSON.stringify(results.map((r) => ({ file: r.file, ok: r.ok, findings: r.findings })), null, 2) + '\n');
  } else {
    for (const r of results) {
      process.stdout.write(`${r.ok ? '✓' : '✗'} ${r.file}：${summaryLine(r.findings)}\n`);
      for (const f of r.findings) process.stdout.write(formatFinding(f) + '\n');
      if (r.findings.length) process.stdout.write('\n');
    }
    const failed = results.filter((r) => !r.ok);
    if (results.length > 1) {
      process.stdout.write(`共 ${results.length} 个部门文件：${results.length - failed.length} 个通过，${failed.length} 个有错误${failed.length ? `（${failed.map((r) => r.file).join('、')}）` : ''}\n`);
    }
  }
  return results.some((r) => !r.ok) ? 1 : 0;
}

/** The build report written into the output folder (every department, every finding). */
export const REPORT_NAME = '生成报告.txt';

function parseFormats(value: string): Format[] {
  const parts = value.split(/[,，\s]+/).filter(Boolean);
  const bad = parts.filter((p) => !(FORMATS as readonly string[]).includes(p));
  if (bad.length || parts.length === 0) throw new UsageError(`--format 只能是 ${FORMATS.join('、')} 中的一个或几个（用逗号分隔），不认识：${bad.join('、') || value}`);
  return [...new Set(parts as Format[])];
}

async function runBuild(paths: string[], opts: { out: string; format: string; profile?: string; jobs: string; warnings?: boolean; draft?: boolean }): Promise<number> {
  const files = await expandInputs(paths);
  const formats = parseFormats(opts.format);
  const jobs = Number(opts.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs 应为正整数，现为“${opts.jobs}”`);
  const dict = await loadDictionary();
  const builder = new Builder(dict, { outDir: opts.out, formats, jobs, createdAt: new Date().toISOString(), ...(opts.profile ? { profile: opts.profile } : {}), ...(opts.draft ? { draft: true } : {}) });
  const total = files.length;
  const started = performance.now();
  // the screen gets the errors (and warnings with --warnings); the report file gets everything
  const report: string[] = [];
  const say = (line: string, toScreen = true) => {
    report.push(line);
    if (toScreen) process.stdout.write(`${line}\n`);
  };
  const results = await builder.buildAll(files, (r, i) => {
    const head = `[${i + 1}/${total}]`;
    if (r.ok) {
      say(`${head} ✓ ${r.file} → ${departmentDir(opts.out, r.file)}/（${formats.map((f) => f.toUpperCase()).join('、')}；${summaryLine(r.findings)}；${r.seconds.toFixed(1)} 秒）`);
      for (const f of r.findings) say(formatFinding(f), Boolean(opts.warnings));
    } else {
      say(`${head} ✗ ${r.file}：${r.failure ? `生成失败：${r.failure}` : summaryLine(r.findings)}，未生成文件`);
      for (const f of r.findings) say(formatFinding(f), f.severity === 'error' || Boolean(opts.warnings));
      if (r.removedStale?.length) say(`    已删除该部门上次生成的 ${r.removedStale.length} 个文件，以免误用旧材料`);
    }
  });
  const failed = results.filter((r) => !r.ok);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  say('');
  say(`共 ${total} 个部门，${total - failed.length} 个已生成，${failed.length} 个未生成，用时 ${seconds} 秒${failed.length ? `\n未生成的部门：\n${failed.map((r) => `  ${r.file}`).join('\n')}` : ''}`);
  const reportFile = join(opts.out, REPORT_NAME);
  await mkdir(opts.out, { recursive: true });
  await writeFile(reportFile, report.join('\n') + '\n');
  process.stdout.write(`全部错误和警告见 ${reportFile}${opts.warnings ? '' : '（屏幕上只列出错误；加 --warnings 参数可同时列出警告）'}\n`);
  return failed.length ? 1 : 0;
}

export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command();
  let exitCode = 0;
  program
    .name('juesuan')
    .description('部门决算公开材料：校验数据，生成公开表、部门决算说明和绩效自评（PDF / DOCX / XLSX）')
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  program
    .command('validate')
    .description('校验部门数据文件，列出错误和警告及其位置')
    .argument('<paths...>', '部门数据文件（.yaml）或文件夹')
    .option('--json', '以 JSON 输出校验结果')
    .option('--profile <name>', '模板配置（决定部分规则的宽严，如自评等级分档），不填时用数据文件中的 department.profile')
    .option('--draft', '按草稿校验：缺少的说明文字只作为警告')
    .action(async (paths: string[], opts: { json?: boolean; profile?: string; draft?: boolean }) => {
      exitCode = await runValidate(paths, opts);
    });
  program
    .command('build')
    .description('校验并生成部门决算公开材料（PDF、DOCX、XLSX），每个部门一个文件夹')
    .argument('<paths...>', '部门数据文件（.yaml）或文件夹')
    .option('--out <dir>', '输出文件夹', 'output')
    .option('--format <list>', '输出格式，逗号分隔：pdf,docx,xlsx', 'pdf,docx,xlsx')
    .option('--profile <name>', '模板配置（templates/ 下的文件夹），不填时用数据文件中的 department.profile')
    .option('--jobs <n>', '同时处理的部门数', String(Math.min(2, availableParallelism())))
    .option('--warnings', '列出已生成部门的警告')
    .option('--draft', '生成草稿：缺少说明文字时也生成，待填处醒目标出，每页加“草稿”水印（不可公开）')
    .action(async (paths: string[], opts: { out: string; format: string; profile?: string; jobs: string; warnings?: boolean; draft?: boolean }) => {
      exitCode = await runBuild(paths, opts);
    });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? 0 : 2;
    if (e instanceof UsageError) {
      process.stderr.write(`juesuan：${e.message}\n`);
      return 2;
    }
    const err = e as NodeJS.ErrnoException;
    if (err.code && typeof err.code === 'string') {
      process.stderr.write(`juesuan：读写文件出错：${err.message}\n`);
      return 2;
    }
    throw e;
  }
}
