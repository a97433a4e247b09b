// juesuan CLI (DESIGN.md contract). Exit 0 = no errors, 1 = an input has errors (or could not be
// read or built), 2 = a problem of the whole run: usage, an output folder that cannot be written, no
// Chromium, a full disk, or a run stopped by Ctrl-C. Findings go to stdout; problems of the whole run
// to stderr, each as one Chinese sentence.
import { Command, CommanderError } from 'commander';
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { onExit } from 'signal-exit';
import { Builder, type BuildOptions, type BuildResult } from '../batch/index.js';
import { loadIdentityCache, PriorIndex, saveIdentityCache, type IdentityCache } from '../batch/prior.js';
import { summaryRow, SUMMARY_HTML, SUMMARY_XLSX, writeSummaryHtml, writeSummaryXlsx, type SummaryStatus } from '../batch/summary.js';
import { startProgress } from './progress.js';
import { cleanLeftoverTemps, sweepOrphans, tempName, writeFileAtomically } from '../batch/output.js';
import { FORMATS, type Format } from '../writers/formats.js';
import { chromiumPath } from '../writers/pdf.js';
import { loadDictionary } from '../readers/dictionary.js';
import { fileFinding } from '../readers/index.js';
import { describeIoError, ioReason, isIoError } from '../readers/io-errors.js';
import { checkFile } from './check.js';
import { runConvert, runImport, runTemplate } from './convert.js';
import { runProfileCheck } from './profile-check.js';
import { formatFinding, summaryLine } from './format-finding.js';
import { expandInputs, UsageError } from './inputs.js';

/** `--prior <path>` may be given more than once. */
function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/** The prior-year files of --prior (none without it); a path that does not exist is a usage error. */
async function openPrior(paths: readonly string[] | undefined, cache?: IdentityCache): Promise<PriorIndex | undefined> {
  if (!paths?.length) return undefined;
  return PriorIndex.open(paths, cache);
}

async function runValidate(paths: string[], opts: { json?: boolean; profile?: string; draft?: boolean; prior?: string[] }): Promise<number> {
  const { entries } = await expandInputs(paths);
  const dict = await loadDictionary();
  const prior = await openPrior(opts.prior);
  const results = [];
  for (const entry of entries) {
    if (entry.findings) {
      results.push({ file: entry.file, ok: false, findings: entry.findings });
      continue;
    }
    try {
      results.push(await checkFile(entry.file, dict, { ...(opts.profile ? { profile: opts.profile } : {}), ...(opts.draft ? { draft: true } : {}), ...(prior ? { prior } : {}) }));
    } catch (e) {
      // a fault of the program on one file must not stop the others; it is reported with that file
      const message = `校验这个文件时程序出错，其他文件照常校验（请把这个文件交给维护人员）：${e instanceof Error ? e.message : String(e)}`;
      results.push({ file: entry.file, ok: false, findings: [fileFinding(entry.file, 'IN-FAIL', message)] });
    }
  }
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

/** Why an entry was not built, in a few words, for the closing list. */
function notBuiltReason(r: BuildResult): string {
  if (r.failure) return r.failure;
  const errors = r.findings.filter((f) => f.severity === 'error');
  return errors.length === 1 ? errors[0]!.message : summaryLine(r.findings);
}

/** The output folder must exist and take files before any department is built (else exit 2). */
async function prepareOutDir(out: string): Promise<void> {
  try {
    await mkdir(out, { recursive: true });
  } catch (e) {
    if (!isIoError(e)) throw e;
    throw new UsageError(`输出文件夹不可用：${describeIoError(e, '创建', out)}`);
  }
  await cleanLeftoverTemps(out);
  const probe = join(out, tempName());
  try {
    await writeFile(probe, '');
  } catch (e) {
    if (!isIoError(e)) throw e;
    throw new UsageError(`输出文件夹不可用：${describeIoError(e, '写入', out)}`);
  } finally {
    await rm(probe, { force: true });
  }
}

/** PDF needs Chromium: a missing one is said once, before anything is built. */
function checkChromium(formats: readonly Format[]): void {
  if (!formats.includes('pdf')) return;
  let path: string;
  try {
    path = chromiumPath();
  } catch (e) {
    throw new UsageError(`${(e as Error).message}；只要 DOCX、XLSX 时可加 --format docx,xlsx`);
  }
  if (!existsSync(path)) throw new UsageError(`找不到 Chromium：${path} 不存在（请安装 Debian 的 chromium 软件包，或把环境变量 CHROMIUM_PATH 设为 Chromium 的路径）；只要 DOCX、XLSX 时可加 --format docx,xlsx`);
}

/** The date of the run's own files (汇总.xlsx): SOURCE_DATE_EPOCH when given, else now. */
function runDate(): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch === undefined) return new Date();
  if (!/^\d+$/.test(epoch)) throw new UsageError(`环境变量 SOURCE_DATE_EPOCH 应为秒数（如 1656547200），现为“${epoch}”`);
  return new Date(Number(epoch) * 1000);
}

const STATUS: Record<BuildResult['status'], SummaryStatus> = { built: '已生成', failed: '有错误', skipped: '未处理' };

/** The city summary (汇总.xlsx, index.html) of a run's results, written into the output folder. */
async function writeSummary(out: string, results: readonly BuildResult[], date: Date): Promise<void> {
  const rows = results.map((r) => summaryRow(out, { ...r, status: r.unchanged ? '未变化' : STATUS[r.status] }));
  const years = [...new Set(rows.flatMap((r) => (r.summary ? [r.summary.year] : [])))].sort();
  const title = `${years.length ? `${years.join('、')}年度` : ''}部门决算公开材料生成汇总`;
  await writeFileAtomically(join(out, SUMMARY_XLSX), await writeSummaryXlsx(rows, date));
  await writeFileAtomically(join(out, SUMMARY_HTML), writeSummaryHtml(rows, title));
}

interface BuildCommandOptions {
  out: string;
  format: string;
  profile?: string;
  jobs: string;
  warnings?: boolean;
  draft?: boolean;
  prior?: string[];
  force?: boolean;
  /** `--queue <redis>`: the departments are built by the queue's workers. */
  queue?: string;
}

async function runBuild(paths: string[], opts: BuildCommandOptions): Promise<number> {
  const formats = parseFormats(opts.format);
  const jobs = Number(opts.jobs);
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs 应为正整数，现为“${opts.jobs}”`);
  const date = runDate();
  const { entries, folders } = await expandInputs(paths, { exclude: [opts.out] });
  // with --queue, Chromium is the workers' concern
  if (!opts.queue) checkChromium(formats);
  await prepareOutDir(opts.out);
  const dict = await loadDictionary();
  // who each prior-year file is, kept in the output folder: an unchanged file is not read again
  const identities = await loadIdentityCache(opts.out);
  const prior = await openPrior(opts.prior, identities);
  const buildOptions: BuildOptions = {
    outDir: opts.out,
    formats,
    jobs,
    createdAt: new Date().toISOString(),
    ...(opts.profile ? { profile: opts.profile } : {}),
    ...(opts.draft ? { draft: true } : {}),
    ...(prior ? { prior } : {}),
    ...(opts.force ? { force: true } : {}),
  };
  const builder = opts.queue
    ? // loaded only with --queue: the queue's client is not needed by a local build
      (await import('../queue/index.js')).queueBuilder(opts.queue, buildOptions, opts.prior, (line) => progress.line(line))
    : new Builder(dict, buildOptions);
  const total = entries.length;
  const started = performance.now();
  const progress = startProgress(total);
  // the screen gets the errors (and warnings with --warnings); the report file gets everything
  const report: string[] = [];
  const say = (line: string, toScreen = true) => {
    report.push(line);
    if (toScreen) progress.line(line);
  };
  if (prior) say(`上年文件：${opts.prior!.join('、')} 中有 ${prior.size} 个部门文件，按部门编码（没有编码时按名称）与本年的部门关联`);
  // Ctrl-C (or the terminal closing, or SIGTERM): finish cleanly; a second one ends the program at once
  const stopListening = onExit((_code, signal) => {
    if (!signal) return;
    progress.stop();
    process.stderr.write(`\njuesuan：收到停止信号（${signal}），正在停止：已生成的部门保留，未完成的部门不留下文件……（再按一次 Ctrl-C 立即退出）\n`);
    builder.stop();
    return true;
  });
  let results: BuildResult[];
  try {
    results = await builder.buildAll(entries, (r, i) => {
      const head = `[${i + 1}/${total}]`;
      // with a progress bar, a department built as asked is counted, not listed
      const listed = !progress.bar;
      if (r.status === 'built' && r.unchanged) {
        say(`${head} = ${r.file} → ${r.dir}/（未变化：数据、上年文件、模板和程序都与上次相同，未重新生成）`, listed);
        for (const f of r.findings) say(formatFinding(f), Boolean(opts.warnings));
      } else if (r.status === 'built') {
        say(`${head} ✓ ${r.file} → ${r.dir}/（${formats.map((f) => f.toUpperCase()).join('、')}；${summaryLine(r.findings)}；${r.seconds.toFixed(1)} 秒）`, listed);
        if (r.reprinted) say('    打印 PDF 时 Chromium 意外退出，已重新启动 Chromium 并重新打印，该部门的材料完整');
        if (r.removedStale?.length) say(`    已删除该部门上次生成、这次不再有的 ${r.removedStale.length} 个文件`, listed);
        for (const f of r.findings) say(formatFinding(f), Boolean(opts.warnings));
      } else if (r.status === 'failed') {
        say(`${head} ✗ ${r.file}：${r.failure ? `${r.findings.length ? `${summaryLine(r.findings)}；` : ''}${r.failure}` : summaryLine(r.findings)}，未生成文件`);
        for (const f of r.findings) say(formatFinding(f), f.severity === 'error' || Boolean(opts.warnings));
        if (r.removedStale?.length) say(`    已删除该部门上次生成的 ${r.removedStale.length} 个文件，以免误用旧材料`);
      } else {
        say(`${head} – ${r.file}：${r.failure ?? '未生成'}`, false);
      }
      progress.tick(r.status !== 'built');
    });
  } finally {
    progress.stop();
    stopListening();
  }
  if (builder.chromiumRestarts) say(`打印 PDF 时 Chromium 意外退出了 ${builder.chromiumRestarts} 次，每次都已重新启动；正在打印的部门已重新打印`);
  const problem = builder.runProblem;
  if (problem) {
    process.stderr.write(`juesuan：${problem}；其余部门未生成\n`);
    report.push(`运行中止：${problem}`);
  }
  // packages whose data file was deleted or moved away since they were built
  if (!builder.stopped && !problem) {
    const keep = new Set(results.map((r) => r.dir));
    const swept = await sweepOrphans(opts.out, folders, keep).catch(() => []);
    for (const s of swept) say(`已删除 ${s.dir}/ 中的旧材料（${s.files.length} 个文件）：生成它的数据文件 ${s.input} 已不存在`);
  }
  const built = results.filter((r) => r.status === 'built');
  const unchanged = built.filter((r) => r.unchanged);
  const notBuilt = results.filter((r) => r.status !== 'built');
  const skipped = notBuilt.filter((r) => r.status === 'skipped');
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  say('');
  say(
    `共 ${total} 个部门，${built.length} 个已生成${unchanged.length ? `（其中 ${unchanged.length} 个未变化，沿用上次生成的材料）` : ''}，${notBuilt.length} 个未生成${skipped.length ? `（其中 ${skipped.length} 个因${builder.stopped ? '运行被中断' : '运行中止'}未处理）` : ''}，用时 ${seconds} 秒` +
      (notBuilt.length ? `\n未生成的部门：\n${notBuilt.map((r) => `  ${r.file}（${notBuiltReason(r)}）`).join('\n')}` : ''),
  );
  const reportFile = join(opts.out, REPORT_NAME);
  try {
    await writeFileAtomically(reportFile, report.join('\n') + '\n');
    await writeSummary(opts.out, results, date);
    if (prior) await saveIdentityCache(opts.out, identities, prior.hashes);
  } catch (e) {
    if (!isIoError(e)) throw e;
    process.stderr.write(`juesuan：${describeIoError(e, '写入', (e as { path?: string }).path ?? reportFile)}\n`);
    return 2;
  }
  process.stdout.write(`全部错误和警告见 ${reportFile}${opts.warnings ? '' : '（屏幕上只列出错误；加 --warnings 参数可同时列出警告）'}；各部门的汇总见 ${join(opts.out, SUMMARY_XLSX)} 和 ${join(opts.out, SUMMARY_HTML)}\n`);
  if (builder.stopped || problem) return 2;
  return notBuilt.length ? 1 : 0;
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
    .argument('<paths...>', '部门数据文件（.yaml，或 Excel 填报表、公开表工作簿 .xlsx）或文件夹')
    .option('--json', '以 JSON 输出校验结果')
    .option('--profile <name>', '模板配置（决定部分规则的宽严，如自评等级分档），不填时用数据文件中的 department.profile')
    .option('--draft', '按草稿校验：缺少的说明文字只作为警告')
    .option('--prior <path>', '上年的部门数据文件夹（或文件）：按部门编码关联，核对跨年数字，同比数字取自上年文件（可多次给出）', collect)
    .action(async (paths: string[], opts: { json?: boolean; profile?: string; draft?: boolean; prior?: string[] }) => {
      exitCode = await runValidate(paths, opts);
    });
  program
    .command('build')
    .description('校验并生成部门决算公开材料（PDF、DOCX、XLSX），每个部门一个文件夹')
    .argument('<paths...>', '部门数据文件（.yaml，或 Excel 填报表、公开表工作簿 .xlsx）或文件夹')
    .option('--out <dir>', '输出文件夹', 'output')
    .option('--format <list>', '输出格式，逗号分隔：pdf,docx,xlsx', 'pdf,docx,xlsx')
    .option('--profile <name>', '模板配置（templates/ 下的文件夹），不填时用数据文件中的 department.profile')
    .option('--jobs <n>', '同时处理的部门数', String(Math.min(2, availableParallelism())))
    .option('--warnings', '列出已生成部门的警告')
    .option('--draft', '生成草稿：缺少说明文字时也生成，待填处醒目标出，每页加“草稿”水印（不可公开）')
    .option('--prior <path>', '上年的部门数据文件夹（或文件）：按部门编码关联，核对跨年数字，同比数字取自上年文件（可多次给出）', collect)
    .option('--queue <redis>', '在多台机器上生成：把各部门放入 Redis 队列（如 redis://127.0.0.1:6379），由各台机器上的 juesuan worker 生成；--out 须是各台机器都能写的共用文件夹')
    .option('--force', '全部重新生成（不加时，数据、上年文件、模板和程序都未变的部门沿用上次的材料）')
    .action(async (paths: string[], opts: BuildCommandOptions) => {
      exitCode = await runBuild(paths, opts);
    });
  program
    .command('worker')
    .description('队列工作进程：从 Redis 队列中取部门，按与 build 相同的步骤生成（全省的部门分到多台机器上生成）')
    .requiredOption('--redis <url>', 'Redis 地址，如 redis://127.0.0.1:6379')
    .option('--concurrency <n>', '同时生成的部门数（共用一个 Chromium；一般用 1，每个 CPU 核运行一个工作进程）', '1')
    .option('--stall-seconds <n>', '工作进程中断后，约两倍于此秒数后它的部门由其他工作进程重新生成', '30')
    .action(async (opts: { redis: string; concurrency: string; stallSeconds: string }) => {
      // loaded only for this command
      const { runWorker } = await import('../queue/command.js');
      exitCode = await runWorker(opts);
    });
  program
    .command('serve')
    .description('启动本机网页界面：在浏览器中上传数据、查看问题和位置、逐页预览 PDF、下载材料')
    .option('--host <address>', '监听的地址（默认只允许本机访问；改为其他地址时局域网中的电脑也能访问）', '127.0.0.1')
    .option('--port <n>', '端口', '8080')
    .option('--max-upload <MB>', '一次上传的大小上限（MB）', '50')
    .option('--keep <minutes>', '上传的文件和生成的材料保留多少分钟后删除', '60')
    .option('--queue <redis>', '由 Redis 队列（如 redis://127.0.0.1:6379）分给各台机器上的 juesuan worker 生成（须同时给出 --shared）')
    .option('--shared <dir>', '与 --queue 一起用：各台机器共用的文件夹，上传的文件和生成的材料放在其中')
    .action(async (opts: { host: string; port: string; maxUpload: string; keep: string; queue?: string; shared?: string }) => {
      // loaded only for this command: the web server is not needed by the others
      const { runServe } = await import('../server/command.js');
      exitCode = await runServe(opts);
    });
  program
    .command('profile')
    .description('模板配置（templates/ 下的文件夹）')
    .command('check')
    .description('检查模板配置：profile.yaml 的每个键和值、所用的表样、说明文字模板（语法、段落、变量，用示例部门的数据试生成），一次列出全部问题')
    .argument('[names...]', '模板配置名，如 yunnan/yuxi；不写时检查 templates/ 下的全部模板配置')
    .option('--json', '以 JSON 输出')
    .action(async (names: string[], opts: { json?: boolean }) => {
      exitCode = await runProfileCheck(names, opts);
    });
  program
    .command('template')
    .description('生成 Excel 填报表（按表样：每张公开表一个工作表，另有说明文字、上年数、绩效自评等工作表）；--from 时用已有的部门数据预先填好')
    .option('--profile <name>', '模板配置（templates/ 下的文件夹），不填时用 --from 数据中的 department.profile，再不然用默认配置')
    .option('--year <n>', '决算年度，不填时用 --from 数据中的年度，再不然为上一年')
    .option('--from <file>', '已有的部门数据（.yaml 或 .xlsx），用它预先填好')
    .option('--out <file>', '输出的填报表（.xlsx）', '填报表.xlsx')
    .action(async (opts: { profile?: string; year?: string; from?: string; out: string }) => {
      exitCode = await runTemplate(opts);
    });
  program
    .command('import')
    .description('导入决算软件导出（或 juesuan 生成）的公开表工作簿：读出各公开表的数字，写成部门数据文件，说明文字等留待补充')
    .argument('<file>', '公开表工作簿（.xlsx）')
    .option('--out <file>', '输出的部门数据文件（.yaml；以 .xlsx 结尾时写填报表），不填时与输入同名')
    .option('--xlsx', '输出 Excel 填报表而不是 YAML')
    .option('--profile <name>', '模板配置（决定公开表的表样），不填时用默认配置')
    .option('--year <n>', '决算年度，不填时从表头或文件属性中读出')
    .action(async (file: string, opts: { out?: string; xlsx?: boolean; profile?: string; year?: string }) => {
      exitCode = await runImport(file, opts);
    });
  program
    .command('convert')
    .description('转换部门数据文件：YAML 与 Excel 填报表互转')
    .argument('<file>', '部门数据文件（.yaml 或 .xlsx）')
    .requiredOption('--to <format>', 'yaml 或 xlsx')
    .option('--out <file>', '输出文件，不填时与输入同名（扩展名按 --to）')
    .action(async (file: string, opts: { to: string; out?: string }) => {
      exitCode = await runConvert(file, opts);
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
    if (isIoError(e)) {
      const path = (e as { path?: string }).path;
      process.stderr.write(`juesuan：${path ? describeIoError(e, '读取', path) : ioReason(e)}\n`);
      return 2;
    }
    throw e;
  }
}
