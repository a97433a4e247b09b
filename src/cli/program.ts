// juesuan CLI (DESIGN.md contract): validate now, build next. Exit 0 = no errors, 1 = an input has
// errors, 2 = usage or I/O problem. Findings go to stdout; usage and I/O problems to stderr.
import { Command, CommanderError } from 'commander';
import { loadDictionary } from '../readers/dictionary.js';
import { checkFile } from './check.js';
import { formatFinding, summaryLine } from './format-finding.js';
import { expandInputs, UsageError } from './inputs.js';

async function runValidate(paths: string[], opts: { json?: boolean }): Promise<number> {
  const files = await expandInputs(paths);
  const dict = await loadDictionary();
  const results = [];
  for (const file of files) results.push(await checkFile(file, dict));
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
    .action(async (paths: string[], opts: { json?: boolean }) => {
      exitCode = await runValidate(paths, opts);
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
